package dev.offloadjsse.conformance;

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
        if (transport == Transport.SOCKETS) {
            try (TlsSockets.OneShotServer server = new TlsSockets.OneShotServer(serverStack, serverContext, cell)) {
                Negotiated client;
                try {
                    client = TlsSockets.request(clientStack, clientContext, cell, server.port(),
                            cell.serverPayload(), TlsSockets.Closing.SERVER_FIRST);
                } catch (Exception e) {
                    e.addSuppressed(server.failure());
                    throw e;
                }
                Negotiated served = server.result();
                cell.verify(cell.ourRole() == Role.CLIENT ? client : served);
            }
        } else {
            SSLEngine client = clientContext.createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            client.setSSLParameters(clientStack.configure(client.getSSLParameters(), cell, Role.CLIENT));
            SSLEngine server = serverContext.createSSLEngine();
            server.setUseClientMode(false);
            server.setSSLParameters(serverStack.configure(server.getSSLParameters(), cell, Role.SERVER));
            new EnginePair(client, server, cell.clientPayload(), cell.serverPayload()).run();
            cell.verify(Negotiated.of(cell.ourRole() == Role.CLIENT ? client : server));
        }
    }
}
