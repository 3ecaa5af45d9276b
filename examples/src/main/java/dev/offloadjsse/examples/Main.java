package dev.offloadjsse.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Launches one example: {@code java -jar offload-jsse-examples.jar [EXAMPLE] [options]}. */
public final class Main {

    private static final Map<String, Example> EXAMPLES = byName(List.of(
            new HttpsExample(), new JettyExample(), new TomcatExample(), new NettyExample()));

    private Main() {
    }

    /** The examples by name, in the order of the usage text. */
    static Map<String, Example> examples() {
        return EXAMPLES;
    }

    public static void main(String[] args) throws Exception {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args, EXAMPLES.keySet());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (commandLine.help()) {
            System.out.println(usage());
            return;
        }
        StartedExample started;
        try {
            started = EXAMPLES.get(commandLine.example()).start(commandLine.options());
        } catch (IllegalArgumentException e) {
            // An option this example cannot honour (for example --offload remote: with Jetty).
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf("Example '%s' serving https://localhost:%d/%n", commandLine.example(), started.port());
        if (started.keyManagers().isEmpty()) {
            System.out.println("No private key in this process: the handshake servers hold it.");
        }
        String cacert = started.certificatePem() == null ? "<the handshake servers' certificate>"
                : started.certificatePem().toString();
        System.out.printf("Server certificate: %s%n", cacert);
        System.out.printf("Try: curl --cacert %s https://localhost:%d/%n", cacert, started.port());
        System.out.println("Stop with Ctrl-C.");
        awaitShutdown(started);
    }

    /**
     * The server's threads are daemons, so main waits until the shutdown hook has closed it. The
     * hook prints rather than logs: java.util.logging resets itself in a shutdown hook of its own.
     */
    private static void awaitShutdown(StartedExample started) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
                System.out.println("Stopped.");
            } catch (RuntimeException e) {
                // Say what did not stop (Jetty's graceful stop times out under load), without a stack trace.
                System.out.println("Stopped, not cleanly: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            } finally {
                closed.countDown();
            }
        }, "example-shutdown"));
        closed.await();
    }

    private static String usage() {
        StringBuilder usage = new StringBuilder()
                .append("Usage: java -jar offload-jsse-examples.jar [EXAMPLE] [options]\n\nExamples:\n");
        EXAMPLES.values().forEach(example -> usage.append(String.format("  %-8s %s%s%n", example.name(),
                example.summary(), example.name().equals(CommandLine.DEFAULT_EXAMPLE) ? " (default)" : "")));
        return usage.append("\nOptions:\n")
                .append("  --port N          port at 127.0.0.1 (default ").append(ExampleOptions.DEFAULT_PORT).append(")\n")
                .append("  --keystore FILE   PKCS#12 keystore with the server key and certificate\n")
                .append("                    (default: a generated self-signed ECDSA P-256 certificate)\n")
                .append("  --password PW     the keystore's password\n")
                .append("  --alpn P1,P2      ALPN protocols the server offers, in preference order; only those the\n")
                .append("                    example speaks are offered (all of them speak http/1.1 only; Tomcat: none)\n")
                .append("  --client-auth want|need\n")
                .append("                    ask the client for a certificate (want) or require one (need);\n")
                .append("                    GET / then shows its subject as clientCertificate\n")
                .append("  --truststore FILE PKCS#12 trust anchors for client certificates (default: the JDK's)\n")
                .append("  --truststore-password PW\n")
                .append("                    its password (without one the certificates are read unchecked)\n")
                .append("  --offload remote:HOST:PORT[,HOST:PORT...]   (https only; also remote:unix:PATH)\n")
                .append("                    run every handshake on these handshake servers (offload-server):\n")
                .append("                    this process then holds no private key (no --keystore); GET / names\n")
                .append("                    the remote handshaker and its servers\n")
                .append("  --channel-keystore FILE --channel-password PW --channel-truststore FILE\n")
                .append("                    this front end's identity and the servers' trust on the channel to the\n")
                .append("                    handshake servers (mutual TLS, PKCS#12); default: the system properties\n")
                .append("                    offloadjsse.remote.keyStore, .keyStorePassword, .trustStore, ...\n")
                .append("  --channel-truststore-password PW   (default: --channel-password)\n")
                .append("  --channel-authority NAME\n")
                .append("                    the name the servers' channel certificates must carry (default: the host)\n")
                .append("  --help            this text\n")
                .toString();
    }

    private static Map<String, Example> byName(List<Example> examples) {
        Map<String, Example> byName = new LinkedHashMap<>();
        examples.forEach(example -> byName.put(example.name(), example));
        return byName;
    }
}
