package dev.offloadjsse.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A peer that is a command-line program: started per cell on 127.0.0.1 (a free port when it is
 * the server), fed on standard input, read back from its output, killed at the end.
 */
abstract class CommandLinePeer implements Peer {

    /** The client command connecting to our server at {@code port}. */
    abstract List<String> clientCommand(Cell cell, TestPki pki, int port) throws Exception;

    /** The server command listening on {@code port}; null when this peer is only a client. */
    abstract List<String> serverCommand(Cell cell, TestPki pki, int port) throws Exception;

    /** What the server prints once it listens. */
    abstract String listening();

    /** Whether the server sends back what it receives rather than what it reads on standard input. */
    abstract boolean echoes();

    /** Feeds the client its request; the default writes the cell's client payload at once. */
    void feedClient(ToolProcess client, Cell cell) throws Exception {
        client.write(cell.clientPayload().bytes());
    }

    /** Feeds the server once our client has connected; the default writes the cell's server payload. */
    void feedServer(ToolProcess server, Cell cell) throws Exception {
        server.write(cell.serverPayload().bytes());
    }

    /** The application data the server printed, without the notices it mixes into standard output. */
    String receivedByServer(ToolProcess server) {
        return server.stdout();
    }

    /**
     * Peer-specific evidence, for example that a HelloRetryRequest happened: in its output or in a
     * trace it wrote (wait for {@code tool}'s exit before reading a file it may not have flushed).
     */
    void checkOutput(ToolProcess tool, Cell cell) throws Exception {
    }

    /**
     * Whether the tool leaves no trace of a HelloRetryRequest: the connection of a HelloRetryRequest
     * cell then goes through a {@link HandshakeTap} that looks for it on the wire.
     */
    boolean tapsHelloRetry() {
        return false;
    }

    @Override
    public final void run(Cell cell, TestPki pki) throws Exception {
        SSLContext ours = JsseStack.OFFLOAD.context(pki, cell, cell.ourRole());
        if (cell.ourRole() == Role.SERVER) {
            runAgainstOurServer(cell, pki, ours);
        } else {
            runAgainstOurClient(cell, pki, ours);
        }
    }

    /**
     * Resumption against our server: the client commands whose connections, in order, must end with
     * a resumed session (for example one saving its session, one reading it); empty when the tool
     * has no way, and then {@link #support} says so.
     */
    List<List<String>> resumingClientCommands(Cell cell, TestPki pki, int port) throws Exception {
        return List.of();
    }

    /**
     * What the client prints on a connection that resumed a session (resumption cells against our
     * server); null when it prints nothing, and then only a kept session ID counts.
     */
    String resumedEvidence() {
        return null;
    }

    private void runAgainstOurServer(Cell cell, TestPki pki, SSLContext ours) throws Exception {
        try (TlsSockets.OneShotServer server = new TlsSockets.OneShotServer(JsseStack.OFFLOAD, ours, cell);
                HandshakeTap tap = tap(cell, server.port())) {
            int port = tap == null ? server.port() : tap.port();
            List<List<String>> commands = cell.check() == Check.RESUMPTION ? resumingClientCommands(cell, pki, port)
                    : List.of(clientCommand(cell, pki, port));
            if (commands.isEmpty()) {
                throw new AssertionError(name() + " has no client command for " + cell.check().description());
            }
            String lastOutput = "";
            for (int i = 0; i < commands.size(); i++) {
                try (ToolProcess client = ToolProcess.start(commands.get(i))) {
                    feedClient(client, cell);
                    int exit = client.awaitExit();
                    if (cell.check().refused()) {
                        requireRefused(cell, server, client);
                        return;
                    }
                    try {
                        if (i == commands.size() - 1) {
                            server.result();
                        }
                    } catch (Exception | AssertionError e) {
                        throw new AssertionError(e + "\n" + client.describe(), e);
                    }
                    if (exit != 0) {
                        throw new AssertionError("the client did not end cleanly after our close_notify\n" + client.describe());
                    }
                    cell.serverPayload().requireIn(client.stdout(), name() + " client");
                    checkOutput(client, cell);
                    lastOutput = client.output();
                }
            }
            requireHelloRetry(tap);
            List<Negotiated> served = server.results();
            if (cell.check() == Check.RESUMPTION) {
                cell.verifyResumed(served.get(0), served.get(1),
                        resumedEvidence() != null && lastOutput.contains(resumedEvidence()));
            } else {
                cell.verify(served.get(0));
            }
        }
    }

    /** Our server refused the handshake, and the tool got none of its data. */
    private void requireRefused(Cell cell, TlsSockets.OneShotServer server, ToolProcess client) {
        Throwable failure = server.failure();
        cell.verifyRefused(failure, "server");
        if (client.stdout().contains(new String(cell.serverPayload().tail(cell.serverPayload().length() - 64),
                StandardCharsets.US_ASCII))) {
            throw new AssertionError("the refused client got our data\n" + client.describe());
        }
    }

    private void runAgainstOurClient(Cell cell, TestPki pki, SSLContext ours) throws Exception {
        int port = freePort();
        try (ToolProcess server = ToolProcess.start(serverCommand(cell, pki, port));
                HandshakeTap tap = tap(cell, port)) {
            server.awaitOutput(listening());
            List<Negotiated> negotiated = new ArrayList<>();
            int connections = cell.check() == Check.RESUMPTION ? 2 : 1;
            for (int connection = 0; connection < connections; connection++) {
                Thread feeder = new Thread(() -> {
                    try {
                        feedServer(server, cell);
                    } catch (Exception e) {
                        // the server died: our client's failure says why
                    }
                }, "tool-stdin");
                feeder.setDaemon(true);
                if (!echoes() && !cell.check().refused()) {
                    feeder.start();
                }
                try {
                    negotiated.add(TlsSockets.request(JsseStack.OFFLOAD, ours, cell, tap == null ? port : tap.port(),
                            echoes() ? cell.clientPayload() : cell.serverPayload(), TlsSockets.Closing.CLIENT_FIRST));
                } catch (Exception | AssertionError e) {
                    if (cell.check().refused()) {
                        cell.verifyRefused(e, "client");
                        return;
                    }
                    throw new AssertionError(e + "\n" + server.describe(), e);
                }
                if (cell.check().refused()) {
                    throw new AssertionError("our client exchanged data with a server that needs a client certificate\n"
                            + server.describe());
                }
                if (!echoes()) {
                    server.awaitOutput(new String(cell.clientPayload().tail(cell.clientPayload().length() - 64),
                            StandardCharsets.US_ASCII));
                    cell.clientPayload().requireIn(receivedByServer(server), name() + " server");
                }
                feeder.join(ToolProcess.DEADLINE.toMillis());
            }
            checkOutput(server, cell);
            requireHelloRetry(tap);
            if (cell.check() == Check.RESUMPTION) {
                cell.verifyResumed(negotiated.get(0), negotiated.get(1));
            } else {
                cell.verify(negotiated.get(0));
            }
        }
    }

    private HandshakeTap tap(Cell cell, int serverPort) throws IOException {
        return cell.check() == Check.HELLO_RETRY && tapsHelloRetry() ? new HandshakeTap(serverPort) : null;
    }

    private static void requireHelloRetry(HandshakeTap tap) {
        if (tap != null && !tap.sawHelloRetryRequest()) {
            throw new AssertionError("no HelloRetryRequest on the wire: the server's first flight has no ServerHello"
                    + " with the HelloRetryRequest random (RFC 8446 §4.1.3)");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
