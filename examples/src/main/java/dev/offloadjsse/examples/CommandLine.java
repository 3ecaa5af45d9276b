package dev.offloadjsse.examples;

import java.nio.file.Path;
import java.util.Set;

/**
 * The parsed command line: {@code [EXAMPLE] [--port N] [--keystore FILE --password PW] [--help]}.
 * {@code --provider NAME} is left out of the usage text on purpose: it exists to try the examples
 * with another JSSE provider, not as a way to run them.
 */
record CommandLine(String example, ExampleOptions options, boolean help) {

    static final String DEFAULT_EXAMPLE = "https";

    /** @throws IllegalArgumentException with a message for the user */
    static CommandLine parse(String[] args, Set<String> examples) {
        String example = DEFAULT_EXAMPLE;
        ExampleOptions options = ExampleOptions.defaults();
        Path keystore = null;
        char[] password = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--port" -> options = options.withPort(port(value(args, ++i, arg)));
                case "--keystore" -> keystore = Path.of(value(args, ++i, arg));
                case "--password" -> password = value(args, ++i, arg).toCharArray();
                case "--provider" -> options = options.withProvider(value(args, ++i, arg));
                default -> {
                    if (i != 0 || arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown argument: " + arg);
                    }
                    if (!examples.contains(arg)) {
                        throw new IllegalArgumentException("unknown example '" + arg + "'; known: " + examples);
                    }
                    example = arg;
                }
            }
        }
        if (keystore == null && password != null) {
            throw new IllegalArgumentException("--password needs --keystore");
        }
        if (keystore != null) {
            if (password == null) {
                throw new IllegalArgumentException("--keystore needs --password");
            }
            options = options.withKeystore(keystore, password);
        }
        return new CommandLine(example, options, help);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below like any other out-of-range value
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + text + "'");
    }
}
