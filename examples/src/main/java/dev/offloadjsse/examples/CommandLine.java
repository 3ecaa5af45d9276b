package dev.offloadjsse.examples;

import dev.offloadjsse.OffloadJsseProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parsed command line: {@code [EXAMPLE] [--port N] [--keystore FILE --password PW]
 * [--alpn P1,P2] [--client-auth want|need] [--truststore FILE [--truststore-password PW]]
 * [--offload remote:HOST:PORT[,HOST:PORT...] [--channel-keystore FILE --channel-password PW
 * --channel-truststore FILE [--channel-truststore-password PW] [--channel-authority NAME]]] [--help]}.
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
        Path truststore = null;
        char[] truststorePassword = null;
        String offload = null;
        Path channelKeystore = null;
        char[] channelPassword = null;
        Path channelTruststore = null;
        char[] channelTruststorePassword = null;
        String channelAuthority = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--port" -> options = options.withPort(port(value(args, ++i, arg)));
                case "--keystore" -> keystore = Path.of(value(args, ++i, arg));
                case "--password" -> password = value(args, ++i, arg).toCharArray();
                case "--provider" -> options = options.withProvider(value(args, ++i, arg));
                case "--alpn" -> options = options.withApplicationProtocols(protocols(value(args, ++i, arg)));
                case "--client-auth" -> options = options.withClientAuth(clientAuth(value(args, ++i, arg)));
                case "--truststore" -> truststore = Path.of(value(args, ++i, arg));
                case "--truststore-password" -> truststorePassword = value(args, ++i, arg).toCharArray();
                case "--offload" -> offload = value(args, ++i, arg);
                case "--channel-keystore" -> channelKeystore = Path.of(value(args, ++i, arg));
                case "--channel-password" -> channelPassword = value(args, ++i, arg).toCharArray();
                case "--channel-truststore" -> channelTruststore = Path.of(value(args, ++i, arg));
                case "--channel-truststore-password" -> channelTruststorePassword = value(args, ++i, arg).toCharArray();
                case "--channel-authority" -> channelAuthority = value(args, ++i, arg);
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
        if (truststore == null && truststorePassword != null) {
            throw new IllegalArgumentException("--truststore-password needs --truststore");
        }
        if (truststore != null) {
            options = options.withTruststore(truststore, truststorePassword == null ? new char[0] : truststorePassword);
        }
        RemoteOffloadOptions remote = offload == null ? null : remote(offload);
        boolean channelOptions = channelKeystore != null || channelPassword != null || channelTruststore != null
                || channelTruststorePassword != null || channelAuthority != null;
        if (remote == null) {
            if (channelOptions) {
                throw new IllegalArgumentException("--channel-* options need --offload remote:HOST:PORT");
            }
            return new CommandLine(example, options, help);
        }
        if (keystore != null) {
            throw new IllegalArgumentException("--keystore cannot go with --offload remote: the handshake servers hold"
                    + " the server key, and this process loads no private key at all");
        }
        if (!options.provider().equals(OffloadJsseProvider.NAME)) {
            throw new IllegalArgumentException("--offload remote: needs the " + OffloadJsseProvider.NAME
                    + " provider, not " + options.provider());
        }
        if (channelKeystore != null || channelTruststore != null || channelPassword != null
                || channelTruststorePassword != null) {
            if (channelKeystore == null || channelTruststore == null || channelPassword == null) {
                throw new IllegalArgumentException("the channel to the handshake servers is mutual TLS:"
                        + " --channel-keystore, --channel-password and --channel-truststore go together");
            }
            remote = remote.withChannelKeys(channelKeystore, channelPassword, channelTruststore,
                    channelTruststorePassword == null ? channelPassword : channelTruststorePassword);
        }
        return new CommandLine(example, options.withRemote(remote.withAuthority(channelAuthority)), help);
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

    /** {@code h2,http/1.1}: ALPN protocol names (RFC 7301: 1 to 255 bytes each), in preference order. */
    private static List<String> protocols(String text) {
        List<String> protocols = new ArrayList<>();
        for (String protocol : text.split(",", -1)) {
            String name = protocol.trim();
            if (name.isEmpty() || name.length() > 255) {
                throw new IllegalArgumentException("--alpn takes protocol names separated by commas, as h2,http/1.1;"
                        + " not '" + text + "'");
            }
            if (!protocols.contains(name)) {
                protocols.add(name);
            }
        }
        return protocols;
    }

    private static ExampleOptions.ClientAuth clientAuth(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "want" -> ExampleOptions.ClientAuth.WANT;
            case "need" -> ExampleOptions.ClientAuth.NEED;
            case "none" -> ExampleOptions.ClientAuth.NONE;
            default -> throw new IllegalArgumentException("--client-auth must be want or need (or none), not '" + text + "'");
        };
    }

    private static RemoteOffloadOptions remote(String text) {
        if (!text.startsWith(RemoteOffloadOptions.PREFIX) || text.length() == RemoteOffloadOptions.PREFIX.length()) {
            throw new IllegalArgumentException("--offload must be remote:HOST:PORT[,HOST:PORT...] (or remote:unix:PATH),"
                    + " not '" + text + "'");
        }
        return RemoteOffloadOptions.of(text.substring(RemoteOffloadOptions.PREFIX.length()));
    }
}
