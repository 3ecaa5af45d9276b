package dev.offloadjsse.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * curl (OpenSSL backend) as a client of our server: it POSTs the client payload as the body of an
 * HTTP/1.1 request (the payload's marker ends it) and prints the response body. It offers h2 and
 * http/1.1 by ALPN in the ALPN cell, only http/1.1 otherwise. A HelloRetryRequest comes from
 * {@code --curves} (OpenSSL sends one key share, for the first); the cell looks for it on the wire.
 */
final class CurlPeer extends CommandLinePeer {

    /** One key share, for ffdhe6144, which our server does not take: it asks for P-256. */
    private static final String HRR_CURVES = "ffdhe6144:P-256";

    @Override
    public String name() {
        return "curl";
    }

    @Override
    public String notes() {
        return "curl 7.88 (OpenSSL 3.0 backend), a client only: POSTs the client data, prints the response body."
                + " HelloRetryRequest is seen on the wire (HandshakeTap).";
    }

    @Override
    public boolean plays(Role role) {
        return role == Role.CLIENT;
    }

    @Override
    public Support support(Cell cell) {
        if (cell.check() == Check.KEY_UPDATE) {
            return Support.notApplicable("curl has no way to send a KeyUpdate");
        }
        return Support.FULL;
    }

    @Override
    List<String> clientCommand(Cell cell, TestPki pki, int port) throws Exception {
        Path body = Files.write(pki.file("curl-request.txt"), cell.clientPayload().bytes());
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", Long.toString(ToolProcess.DEADLINE.toSeconds()),
                "--cacert", pki.caPem().toString(), "--resolve", "localhost:" + port + ":127.0.0.1",
                "-H", "Expect:", "--data-binary", "@" + body));
        command.add(cell.check() == Check.ALPN ? "--http2" : "--http1.1");
        if (cell.check() == Check.HELLO_RETRY) {
            command.addAll(List.of("--curves", HRR_CURVES));
        }
        if (cell.check() == Check.CLIENT_AUTH) {
            command.addAll(List.of("--cert", pki.clientCertPem().toString(), "--key", pki.clientKeyPem().toString()));
        }
        command.add("https://localhost:" + port + "/");
        return command;
    }

    /** The URL twice: our server closes each connection, curl connects again offering the session it keeps. */
    @Override
    List<List<String>> resumingClientCommands(Cell cell, TestPki pki, int port) throws Exception {
        List<String> command = new ArrayList<>(clientCommand(cell, pki, port));
        command.add(command.get(command.size() - 1));
        command.add(1, "-v");
        return List.of(command);
    }

    @Override
    List<String> serverCommand(Cell cell, TestPki pki, int port) {
        return null;
    }

    @Override
    String listening() {
        throw new UnsupportedOperationException("curl is only a client");
    }

    @Override
    boolean echoes() {
        return false;
    }

    /** The request is the file given to --data-binary. */
    @Override
    void feedClient(ToolProcess client, Cell cell) {
    }

    @Override
    boolean tapsHelloRetry() {
        return true;
    }

    /** Printed on the resumed connection. */
    @Override
    String resumedEvidence() {
        return "SSL re-using session ID";
    }
}
