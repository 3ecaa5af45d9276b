package dev.offloadjsse.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSSL's {@code s_client} and {@code s_server}: every cell, including HelloRetryRequest
 * (a first key share for a group the server does not take) and KeyUpdate, which both programs
 * send when a line of standard input is {@code k} (not requesting ours) or {@code K} (requesting it).
 */
final class OpenSslPeer extends CommandLinePeer {

    /**
     * One key share, for ffdhe6144, which our server does not take (its groups are SunJSSE's
     * defaults: x25519, P-256/384/521, x448, ffdhe2048-4096): it asks for P-256.
     */
    private static final String CLIENT_HRR_GROUPS = "ffdhe6144:P-256";
    /** Our client's first key share is X25519; a server taking only P-384 must ask again. */
    private static final String SERVER_HRR_GROUPS = "P-384";
    private static final long PAUSE_MILLIS = 300;

    /** The -msg trace file of the tool started last in each role (cells run one at a time). */
    private final Map<Role, Path> traces = new EnumMap<>(Role.class);

    @Override
    public String name() {
        return "OpenSSL";
    }

    @Override
    public String notes() {
        return "openssl s_client and s_server (OpenSSL 3.0), on 127.0.0.1. Evidence of HelloRetryRequest and KeyUpdate:"
                + " their -msg trace, written to a file (-msgfile) so that it never mixes with the data.";
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
    List<String> clientCommand(Cell cell, TestPki pki, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-verify_hostname", "localhost", "-CAfile", pki.caPem().toString(),
                "-verify_return_error"));
        traces.put(Role.CLIENT, trace(pki, Role.CLIENT));
        options(command, cell, String.join(",", Check.CLIENT_ALPN), CLIENT_HRR_GROUPS, traces.get(Role.CLIENT));
        if (cell.check() == Check.CLIENT_AUTH) {
            command.addAll(List.of("-cert", pki.clientCertPem().toString(), "-key", pki.clientKeyPem().toString()));
        }
        return command;
    }

    /** The first s_client saves its session (-sess_out), the second offers it (-sess_in). */
    @Override
    List<List<String>> resumingClientCommands(Cell cell, TestPki pki, int port) throws IOException {
        Path session = pki.file("openssl-session.pem");
        Files.deleteIfExists(session);
        List<String> first = new ArrayList<>(clientCommand(cell, pki, port));
        first.addAll(List.of("-sess_out", session.toString()));
        List<String> second = new ArrayList<>(clientCommand(cell, pki, port));
        second.addAll(List.of("-sess_in", session.toString()));
        return List.of(first, second);
    }

    @Override
    List<String> serverCommand(Cell cell, TestPki pki, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-naccept", cell.check() == Check.RESUMPTION ? "2" : "1", "-cert", pki.certPem(cell.certificate()).toString(),
                "-key", pki.keyPem(cell.certificate()).toString()));
        traces.put(Role.SERVER, trace(pki, Role.SERVER));
        options(command, cell, String.join(",", Check.SERVER_ALPN), SERVER_HRR_GROUPS, traces.get(Role.SERVER));
        if (cell.check().serverNeedsClientAuth()) {
            command.addAll(List.of("-Verify", "1", "-verify_return_error", "-CAfile", pki.caPem().toString()));
        }
        return command;
    }

    private static void options(List<String> command, Cell cell, String alpn, String hrrGroups, Path trace) {
        if (cell.check() == Check.ALPN) {
            command.addAll(List.of("-alpn", alpn));
        }
        if (cell.check() == Check.HELLO_RETRY) {
            command.addAll(List.of("-groups", hrrGroups));
        }
        if (cell.check() == Check.HELLO_RETRY || cell.check() == Check.KEY_UPDATE) {
            command.addAll(List.of("-msg", "-msgfile", trace.toString()));
        }
    }

    /** Where the tool of {@code role} writes its -msg trace: a file, so that it never mixes with the data. */
    private static Path trace(TestPki pki, Role toolRole) throws IOException {
        Path trace = pki.file("openssl-" + toolRole.name().toLowerCase() + "-msg.txt");
        Files.deleteIfExists(trace);
        return trace;
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

    /**
     * s_server mixes notices into its standard output wherever a read or a command returns: after
     * {@code k}/{@code K} it prints "SSL_do_handshake -> 1" (through stdio, so the line may come out
     * later, between any two writes of received data), and "Read BLOCK" when a record carried no
     * application data (our KeyUpdate). These exact lines are removed; every other byte must be the data.
     */
    @Override
    String receivedByServer(ToolProcess server) {
        String received = server.stdout();
        for (String notice : SERVER_NOTICES) {
            received = received.replace(notice, "");
        }
        return received;
    }

    private static final List<String> SERVER_NOTICES = List.of(
            "SSL_do_handshake -> 1\n", "Read BLOCK\n", "Write BLOCK\n", "KEYUPDATE\n");

    /**
     * HelloRetryRequest: the -msg trace has two ClientHellos. KeyUpdate: the tool sent both of its
     * KeyUpdates (update_not_requested, then update_requested) and received exactly one from us,
     * update_not_requested (RFC 8446 §4.6.3: the answer to a request must not request again).
     */
    @Override
    void checkOutput(ToolProcess tool, Cell cell) throws Exception {
        if (cell.check() != Check.HELLO_RETRY && cell.check() != Check.KEY_UPDATE) {
            return;
        }
        if (tool.awaitExit() != 0) {
            throw new AssertionError("openssl did not end cleanly\n" + tool.describe());
        }
        Path trace = traces.get(cell.ourRole().other());
        String messages = Files.exists(trace) ? Files.readString(trace, StandardCharsets.ISO_8859_1) : "";
        if (cell.check() == Check.HELLO_RETRY) {
            int clientHellos = count(messages, ", ClientHello");
            if (clientHellos < 2) {
                throw new AssertionError("no HelloRetryRequest: " + clientHellos + " ClientHello in the -msg trace");
            }
            return;
        }
        List<String> sent = keyUpdates(messages, ">>>");
        List<String> received = keyUpdates(messages, "<<<");
        if (!sent.equals(List.of(NOT_REQUESTED, REQUESTED)) || !received.equals(List.of(NOT_REQUESTED))) {
            throw new AssertionError("expected openssl to send KeyUpdate " + NOT_REQUESTED + " then " + REQUESTED
                    + " and to receive one " + NOT_REQUESTED + "; it sent " + sent + " and received " + received
                    + "\n" + messages.substring(Math.max(0, messages.length() - 1500)));
        }
    }

    private static final String NOT_REQUESTED = "18 00 00 01 00";
    private static final String REQUESTED = "18 00 00 01 01";

    /** The bodies of the KeyUpdate messages in the trace going {@code direction} (">>>" sent, "<<<" received). */
    private static List<String> keyUpdates(String trace, String direction) {
        List<String> bodies = new ArrayList<>();
        Matcher matcher = Pattern.compile(Pattern.quote(direction) + " TLS 1.3, Handshake \\[length 0005\\], KeyUpdate\\s+([0-9a-f ]{14})")
                .matcher(trace);
        while (matcher.find()) {
            bodies.add(matcher.group(1));
        }
        return bodies;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** Printed on the resumed connection. */
    @Override
    String resumedEvidence() {
        return "Reused, TLSv1.2";
    }
}
