package dev.offloadjsse.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NSS's {@code tstclnt} and {@code selfserv}, with an NSS database made by {@link TestPki}.
 * {@code selfserv} is a small HTTP server: it answers a request (up to the blank line) with an
 * HTTP/1.0 response that echoes the request, then closes. A HelloRetryRequest comes from
 * {@code -I} (the enabled groups; NSS sends one key share, for the first); neither program
 * prints a trace of it, so those cells look for it on the wire ({@link HandshakeTap}).
 */
final class NssPeer extends CommandLinePeer {

    /** One key share, for ffdhe6144, which our server does not take: it asks for P-256. */
    private static final String CLIENT_HRR_GROUPS = "FF6144,P256";
    /** Our client's first key share is X25519; a server taking only P-384 must ask again. */
    private static final String SERVER_HRR_GROUPS = "P384";

    @Override
    public String name() {
        return "NSS";
    }

    @Override
    public String notes() {
        return "tstclnt and selfserv of NSS 3.87 (databases made by certutil/pk12util). selfserv has no option for its"
                + " listening address: while a cell runs it listens on every address of a free port. HelloRetryRequest is"
                + " seen on the wire (HandshakeTap): neither tool prints it. No Ed25519, no KeyUpdate command, no ALPN in"
                + " tstclnt; selfserv echoes at most 10 KiB of a request.";
    }

    @Override
    public boolean plays(Role role) {
        return true;
    }

    @Override
    public Support support(Cell cell) {
        if (cell.certificate() == CertificateType.ED25519) {
            return Support.notApplicable("NSS 3.87 has no Ed25519 signatures in TLS");
        }
        if (cell.check() == Check.KEY_UPDATE) {
            return Support.notApplicable("neither tstclnt nor selfserv has a command to send a KeyUpdate");
        }
        if (cell.check() == Check.ALPN && cell.ourRole() == Role.SERVER) {
            return Support.notApplicable("tstclnt has no option to offer ALPN protocols");
        }
        if (cell.check() == Check.BULK && cell.ourRole() == Role.CLIENT) {
            return Support.limitation("selfserv reads at most 10 KiB of a request (\"Get or Post incomplete after"
                    + " 10239 bytes\") and echoes only that");
        }
        return Support.FULL;
    }

    /**
     * The request goes in a file (-A): reading standard input, tstclnt never ends after the server's
     * close_notify (it keeps polling a standard input that has hung up).
     */
    @Override
    List<String> clientCommand(Cell cell, TestPki pki, int port) throws Exception {
        Path request = Files.write(pki.file("nss-request.txt"), cell.clientPayload().bytes());
        List<String> command = new ArrayList<>(List.of("tstclnt", "-h", "localhost", "-4", "-p", Integer.toString(port),
                "-d", "sql:" + (cell.check() == Check.CLIENT_AUTH ? pki.nssClientDatabase() : pki.nssTrustDatabase()),
                "-V", "tls1.2:tls1.3", "-A", request.toString()));
        if (cell.check() == Check.HELLO_RETRY) {
            command.addAll(List.of("-I", CLIENT_HRR_GROUPS));
        }
        if (cell.check() == Check.CLIENT_AUTH) {
            command.addAll(List.of("-n", TestPki.NSS_CLIENT_NICKNAME));
        }
        return command;
    }

    /** One tstclnt that connects twice (-L 2), sending the request file on each connection. */
    @Override
    List<List<String>> resumingClientCommands(Cell cell, TestPki pki, int port) throws Exception {
        List<String> command = new ArrayList<>(clientCommand(cell, pki, port));
        command.addAll(List.of("-L", "2"));
        return List.of(command);
    }

    /** The request is in the file given to -A. */
    @Override
    void feedClient(ToolProcess client, Cell cell) {
    }

    /** selfserv has no option for the listening address: it takes the port on every address. */
    @Override
    List<String> serverCommand(Cell cell, TestPki pki, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of("selfserv", "-p", Integer.toString(port),
                "-d", "sql:" + pki.nssDatabase(), "-n", TestPki.nssNickname(cell.certificate()), "-V", "tls1.2:tls1.3", "-v"));
        if (cell.check() == Check.ALPN) {
            command.add("-Q");
        }
        if (cell.check() == Check.HELLO_RETRY) {
            command.addAll(List.of("-I", SERVER_HRR_GROUPS));
        }
        if (cell.check().serverNeedsClientAuth()) {
            command.addAll(List.of("-r", "-r"));
        }
        return command;
    }

    /** Printed with -v only. */
    @Override
    String listening() {
        return "About to call accept";
    }

    /** selfserv's response carries the request back. */
    @Override
    boolean echoes() {
        return true;
    }

    @Override
    boolean tapsHelloRetry() {
        return true;
    }
}
