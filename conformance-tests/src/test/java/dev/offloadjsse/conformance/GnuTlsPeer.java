package dev.offloadjsse.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * GnuTLS's {@code gnutls-cli} and {@code gnutls-serv --echo}. HelloRetryRequest comes from a
 * priority string that restricts the groups; {@code gnutls-cli -e} (rehandshake) sends a TLS 1.3
 * KeyUpdate requesting ours right after the handshake; {@code gnutls-serv} has no way to send one.
 * Its debug log (level 4, on standard error) is the evidence of either.
 */
final class GnuTlsPeer extends CommandLinePeer {

    /**
     * gnutls sends one key share per kind of group, for the first: ffdhe6144, which our server does
     * not take; the other group is of the same kind (a P-256 would get a share of its own).
     */
    private static final String CLIENT_HRR_PRIORITY = "NORMAL:-GROUP-ALL:+GROUP-FFDHE6144:+GROUP-FFDHE2048";
    /** Our client's first key share is X25519; a server taking only P-384 must ask again. */
    private static final String SERVER_HRR_PRIORITY = "NORMAL:-GROUP-ALL:+GROUP-SECP384R1";

    @Override
    public String name() {
        return "GnuTLS";
    }

    @Override
    public String notes() {
        return "gnutls-cli and gnutls-serv 3.7. gnutls-serv has no option for its listening address: while a cell"
                + " runs it listens on every address (0.0.0.0 and ::) of a free port. It cannot send a KeyUpdate; gnutls-cli -e sends one"
                + " requesting ours. Evidence of HelloRetryRequest and KeyUpdate: gnutls' debug log (-d 4).";
    }

    @Override
    public boolean plays(Role role) {
        return true;
    }

    @Override
    public Support support(Cell cell) {
        if (cell.check() == Check.KEY_UPDATE && cell.ourRole() == Role.CLIENT) {
            return Support.notApplicable("gnutls-serv has no command to send a KeyUpdate (its **REHANDSHAKE** asks"
                    + " for post-handshake authentication in TLS 1.3)");
        }
        return Support.FULL;
    }

    @Override
    List<String> clientCommand(Cell cell, TestPki pki, int port) {
        List<String> command = new ArrayList<>(List.of("gnutls-cli", "-p", Integer.toString(port),
                "--x509cafile", pki.caPem().toString(), "--verify-hostname", "localhost", "--sni-hostname", "localhost"));
        if (cell.check() == Check.ALPN) {
            for (String protocol : Check.CLIENT_ALPN) {
                command.addAll(List.of("--alpn", protocol));
            }
        }
        if (cell.check() == Check.HELLO_RETRY) {
            command.addAll(List.of("--priority", CLIENT_HRR_PRIORITY, "-d", "4"));
        }
        if (cell.check() == Check.KEY_UPDATE) {
            command.addAll(List.of("-e", "-d", "4"));
        }
        if (cell.check() == Check.CLIENT_AUTH) {
            command.addAll(List.of("--x509certfile", pki.clientCertPem().toString(),
                    "--x509keyfile", pki.clientKeyPem().toString()));
        }
        command.add("127.0.0.1");
        return command;
    }

    /**
     * One gnutls-cli with --resume: it handshakes, closes without data, connects again offering
     * the session and then sends its input (our server lets a resumption cell's first connection go without data).
     */
    @Override
    List<List<String>> resumingClientCommands(Cell cell, TestPki pki, int port) {
        List<String> command = new ArrayList<>(clientCommand(cell, pki, port));
        command.add(command.size() - 1, "--resume");
        return List.of(command);
    }

    /** gnutls-serv has no option for the listening address: it takes the port on every address (0.0.0.0 and ::). */
    @Override
    List<String> serverCommand(Cell cell, TestPki pki, int port) {
        List<String> command = new ArrayList<>(List.of("gnutls-serv", "--echo", "--crlf", "-p", Integer.toString(port),
                "--x509certfile", pki.certPem(cell.certificate()).toString(),
                "--x509keyfile", pki.keyPem(cell.certificate()).toString()));
        if (cell.check() == Check.ALPN) {
            command.addAll(List.of("--alpn", String.join(",", Check.SERVER_ALPN)));
        }
        if (cell.check() == Check.HELLO_RETRY) {
            command.addAll(List.of("--priority", SERVER_HRR_PRIORITY, "-d", "4"));
        }
        if (cell.check().serverNeedsClientAuth()) {
            command.addAll(List.of("--require-client-cert", "--verify-client-cert", "--x509cafile", pki.caPem().toString()));
        }
        return command;
    }

    /**
     * "Echo Server listening on IPv4 0.0.0.0 port N...done": it prints the start of the line before
     * it binds and "done" after it listens (waiting for the start alone let a connection be refused).
     */
    @Override
    String listening() {
        return "...done";
    }

    /** --echo sends back what it receives; --crlf keeps the CRLFs it would otherwise turn into LFs. */
    @Override
    boolean echoes() {
        return true;
    }

    @Override
    void checkOutput(ToolProcess tool, Cell cell) {
        String log = tool.output();
        if (cell.check() == Check.HELLO_RETRY) {
            String evidence = cell.ourRole() == Role.SERVER ? "HELLO RETRY REQUEST (1025) was received"
                    : "for 'hello retry request'";
            if (!log.contains(evidence)) {
                throw new AssertionError("no HelloRetryRequest in gnutls' debug log ('" + evidence + "')\n" + tool.describe());
            }
        }
        if (cell.check() == Check.KEY_UPDATE) {
            for (String evidence : List.of("sending key update (1)", "KEY_UPDATE (24) was received")) {
                if (!log.contains(evidence)) {
                    throw new AssertionError("gnutls-cli's debug log lacks '" + evidence + "'\n" + tool.describe());
                }
            }
        }
    }

    /** Printed on the resumed connection. */
    @Override
    String resumedEvidence() {
        return "This is a resumed session";
    }
}
