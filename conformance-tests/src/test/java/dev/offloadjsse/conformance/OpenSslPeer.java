package dev.offloadjsse.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenSSL's {@code s_client} and {@code s_server}: every cell, including HelloRetryRequest
 * (a first key share for a group the server does not take) and KeyUpdate, which both programs
 * send when a line of standard input is {@code k} (not requesting ours) or {@code K} (requesting it).
 */
final class OpenSslPeer extends CommandLinePeer {

    /** P-521 first: our server (Bouncy Castle's default groups) does not take it and asks for another. */
    private static final String CLIENT_HRR_GROUPS = "P-521:X25519:P-256";
    /** Our client's first key share is X25519; a server taking only P-384 must ask again. */
    private static final String SERVER_HRR_GROUPS = "P-384";
    private static final long PAUSE_MILLIS = 300;

    @Override
    public String name() {
        return "OpenSSL";
    }

    @Override
    public boolean plays(Role role) {
        return true;
    }

    @Override
    public Support support(Cell cell) {
        return Support.FULL;
    }

    @Override
    List<String> clientCommand(Cell cell, TestPki pki, int port) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-verify_hostname", "localhost", "-CAfile", pki.caPem().toString(),
                "-verify_return_error"));
        options(command, cell, String.join(",", Check.CLIENT_ALPN), CLIENT_HRR_GROUPS);
        return command;
    }

    @Override
    List<String> serverCommand(Cell cell, TestPki pki, int port) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-naccept", "1", "-cert", pki.certPem(cell.certificate()).toString(),
                "-key", pki.keyPem(cell.certificate()).toString()));
        options(command, cell, String.join(",", Check.SERVER_ALPN), SERVER_HRR_GROUPS);
        return command;
    }

    private static void options(List<String> command, Cell cell, String alpn, String hrrGroups) {
        if (cell.check() == Check.ALPN) {
            command.addAll(List.of("-alpn", alpn));
        }
        if (cell.check() == Check.HELLO_RETRY) {
            command.addAll(List.of("-groups", hrrGroups, "-msg"));
        }
    }

    @Override
    String listening() {
        return "ACCEPT";
    }

    @Override
    boolean echoes() {
        return false;
    }

    /** KeyUpdate cell: half the request, {@code k}, {@code K}, the rest, each read by s_client on its own. */
    @Override
    void feedClient(ToolProcess client, Cell cell) throws Exception {
        if (cell.check() != Check.KEY_UPDATE) {
            super.feedClient(client, cell);
            return;
        }
        Payload request = cell.clientPayload();
        client.write(request.head(request.length() / 2));
        sendKeyUpdates(client);
        client.write(request.tail(request.length() / 2));
    }

    /** KeyUpdate cell: our client has sent half its request; then {@code k}, {@code K} and the response. */
    @Override
    void feedServer(ToolProcess server, Cell cell) throws Exception {
        if (cell.check() == Check.KEY_UPDATE) {
            server.awaitOutput(new String(cell.clientPayload().head(64), java.nio.charset.StandardCharsets.US_ASCII));
            sendKeyUpdates(server);
        }
        super.feedServer(server, cell);
    }

    private static void sendKeyUpdates(ToolProcess tool) throws Exception {
        for (String command : List.of("k\n", "K\n")) {
            Thread.sleep(PAUSE_MILLIS);
            tool.write(command);
            Thread.sleep(PAUSE_MILLIS);
        }
    }

    /** s_server prints KEYUPDATE where it sent one, between the halves of the client's data. */
    @Override
    String receivedByServer(ToolProcess server) {
        return server.stdout().replaceAll("KEYUPDATE\\r?\\n?", "");
    }

    /** -msg prints each handshake message; a HelloRetryRequest makes two ClientHellos. */
    @Override
    void checkOutput(String output, Cell cell) {
        if (cell.check() == Check.HELLO_RETRY) {
            int clientHellos = output.split(", ClientHello", -1).length - 1;
            if (clientHellos < 2) {
                throw new AssertionError("no HelloRetryRequest: " + clientHellos + " ClientHello in the -msg trace");
            }
        }
        if (cell.check() == Check.KEY_UPDATE && !output.contains("KEYUPDATE")) {
            throw new AssertionError("openssl did not report sending KeyUpdate");
        }
    }
}
