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
        StartedExample started = EXAMPLES.get(commandLine.example()).start(commandLine.options());
        System.out.printf("Example '%s' serving https://localhost:%d/%n", commandLine.example(), started.port());
        System.out.printf("Server certificate: %s%n", started.certificatePem());
        System.out.printf("Try: curl --cacert %s https://localhost:%d/%n", started.certificatePem(), started.port());
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
            started.close();
            System.out.println("Stopped.");
            closed.countDown();
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
                .append("  --help            this text\n")
                .toString();
    }

    private static Map<String, Example> byName(List<Example> examples) {
        Map<String, Example> byName = new LinkedHashMap<>();
        examples.forEach(example -> byName.put(example.name(), example));
        return byName;
    }
}
