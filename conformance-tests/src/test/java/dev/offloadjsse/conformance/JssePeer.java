package dev.offloadjsse.conformance;

import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/** Another JSSE provider in this JVM, over loopback sockets or engine to engine in memory. */
final class JssePeer implements Peer {

    enum Transport {
        SOCKETS,
        ENGINES
    }

    private final JsseStack stack;
    private final Transport transport;

    JssePeer(JsseStack stack, Transport transport) {
        this.stack = stack;
        this.transport = transport;
    }

    @Override
    public String name() {
        return stack.label() + " (" + transport.name().toLowerCase() + ")";
    }

    @Override
    public boolean plays(Role role) {
        return true;
    }

    @Override
    public Support support(Cell cell) {
        if (cell.check() == Check.HELLO_RETRY) {
            return Support.notApplicable("JSSE on Java 17 has no per-connection named-group setting to force a HelloRetryRequest");
        }
        if (cell.check() == Check.KEY_UPDATE) {
            return Support.notApplicable("JSSE has no API to send a KeyUpdate");
        }
        if (stack == JsseStack.CONSCRYPT && cell.certificate() == CertificateType.ED25519) {
            return Support.limitation("Conscrypt (BoringSSL) neither offers nor signs with ed25519 through JSSE");
        }
        if (stack == JsseStack.CONSCRYPT && transport == Transport.SOCKETS && cell.check() == Check.ALPN
                && cell.ourRole() == Role.CLIENT) {
            return Support.limitation("Conscrypt's SSLServerSocket does not pass setSSLParameters' ALPN protocols to the"
                    + " sockets it accepts (its engines do)");
        }
        if (stack == JsseStack.BCJSSE && cell.certificate() == CertificateType.ED25519 && cell.ourRole() == Role.CLIENT) {
            return Support.limitation("the Bouncy Castle JSSE server selects no suite for a JDK Ed25519 key (SunJSSE's server does)");
        }
        return Support.FULL;
    }

    @Override
    public void run(Cell cell, TestPki pki) throws Exception {
        SSLContext ours = JsseStack.OFFLOAD.context(pki, cell, cell.ourRole());
        SSLContext theirs = stack.context(pki, cell, cell.ourRole().other());
        SSLContext clientContext = cell.ourRole() == Role.CLIENT ? ours : theirs;
        SSLContext serverContext = cell.ourRole() == Role.SERVER ? ours : theirs;
        JsseStack clientStack = cell.ourRole() == Role.CLIENT ? JsseStack.OFFLOAD : stack;
        JsseStack serverStack = cell.ourRole() == Role.SERVER ? JsseStack.OFFLOAD : stack;
        int connections = cell.check() == Check.RESUMPTION ? 2 : 1;
        List<Negotiated> ourSide = new ArrayList<>();
        if (transport == Transport.SOCKETS) {
            try (TlsSockets.OneShotServer server = new TlsSockets.OneShotServer(serverStack, serverContext, cell)) {
                List<Negotiated> client = new ArrayList<>();
                for (int connection = 0; connection < connections; connection++) {
                    try {
                        client.add(TlsSockets.request(clientStack, clientContext, cell, server.port(),
                                cell.serverPayload(), TlsSockets.Closing.SERVER_FIRST));
                    } catch (Exception e) {
                        if (cell.check().refused()) {
                            cell.verifyRefused(cell.ourRole() == Role.CLIENT ? e : server.failure(),
                                    cell.ourRole().name().toLowerCase());
                            return;
                        }
                        e.addSuppressed(server.failure());
                        throw e;
                    }
                }
                if (cell.check().refused()) {
                    throw new AssertionError("the client exchanged data with a server that needs a client certificate: "
                            + server.failure());
                }
                ourSide.addAll(cell.ourRole() == Role.CLIENT ? client : server.results());
            }
        } else {
            for (int connection = 0; connection < connections; connection++) {
                SSLEngine client = clientContext.createSSLEngine("localhost", 443);
                client.setUseClientMode(true);
                client.setSSLParameters(clientStack.configure(client.getSSLParameters(), cell, Role.CLIENT));
                SSLEngine server = serverContext.createSSLEngine();
                server.setUseClientMode(false);
                server.setSSLParameters(serverStack.configure(server.getSSLParameters(), cell, Role.SERVER));
                try {
                    new EnginePair(client, server, cell.clientPayload(), cell.serverPayload()).run();
                } catch (javax.net.ssl.SSLException e) {
                    if (cell.check().refused()) {
                        // one thread drives both engines: whichever fails first ends the pair
                        return;
                    }
                    throw e;
                }
                if (cell.check().refused()) {
                    throw new AssertionError("the engines exchanged data although the server needs a client certificate");
                }
                ourSide.add(Negotiated.of(cell.ourRole() == Role.CLIENT ? client : server));
            }
        }
        if (cell.check() == Check.RESUMPTION) {
            cell.verifyResumed(ourSide.get(0), ourSide.get(1));
        } else {
            cell.verify(ourSide.get(0));
        }
    }
}
