package dev.offloadjsse.server;

import dev.offloadjsse.remote.ChannelKeys;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar offload-server.jar --keystore FILE --password PW --listen HOST:PORT|unix:PATH
 * --channel-truststore FILE [options]}: runs a handshake server until it is stopped (SIGTERM
 * stops it gracefully).
 */
public final class Main {

    private static final String USAGE = String.join("\n",
            "Usage: java -jar offload-server.jar --keystore FILE --password PW --listen HOST:PORT|unix:PATH",
            "           --channel-truststore FILE [options]",
            "  --keystore FILE             the TLS identities (PKCS#12 or JKS) the server handshakes with",
            "  --password PW               their password",
            "  --listen HOST:PORT          where front ends connect (unix:PATH for a Unix domain socket, mode 0600)",
            "  --channel-keystore FILE     this server's certificate for the front-end channel (mutual TLS);",
            "                              default: --keystore",
            "  --channel-password PW       its password (default: --password)",
            "  --channel-truststore FILE   the front ends' channel certificates or CA: only they get in",
            "  --channel-truststore-password PW  (default: --channel-password)",
            "  --max-handshakes N          handshakes in flight before refusing with RESOURCE_EXHAUSTED (1024)",
            "  --threads N                 worker threads for handshake steps (cores)",
            "  --max-handshake-ms N        the longest one handshake may take here (30000)",
            "  --name NAME                 the name front ends report (default: the listen address)");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        char[] password = options.get("--password").toCharArray();
        KeyStore keys = ChannelKeys.load(Path.of(options.get("--keystore")), password);
        char[] channelPassword = options.getOrDefault("--channel-password", options.get("--password")).toCharArray();
        ChannelKeys channel = ChannelKeys.fromFiles(
                Path.of(options.getOrDefault("--channel-keystore", options.get("--keystore"))), channelPassword,
                Path.of(options.get("--channel-truststore")),
                options.getOrDefault("--channel-truststore-password", new String(channelPassword)).toCharArray());
        HandshakeServer.Builder builder = HandshakeServer.builder()
                .keyStore(keys, password)
                .channelKeys(channel)
                .listen(options.get("--listen"))
                .name(options.get("--name"));
        if (options.containsKey("--max-handshakes")) {
            builder.maxHandshakes(Integer.parseInt(options.get("--max-handshakes")));
        }
        if (options.containsKey("--threads")) {
            builder.threads(Integer.parseInt(options.get("--threads")));
        }
        if (options.containsKey("--max-handshake-ms")) {
            builder.maxHandshakeTime(Duration.ofMillis(Long.parseLong(options.get("--max-handshake-ms"))));
        }
        HandshakeServer server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(5)), "offload-server-stop"));
        System.out.println("offload-server " + server.name() + " listening on " + options.get("--listen")
                + (server.port() > 0 ? " (port " + server.port() + ")" : "") + ", mutual TLS, health service on");
        server.awaitTermination();
    }

    static Map<String, String> parse(String[] args) {
        List<String> known = List.of("--keystore", "--password", "--listen", "--channel-keystore", "--channel-password",
                "--channel-truststore", "--channel-truststore-password", "--max-handshakes", "--threads",
                "--max-handshake-ms", "--name");
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("Unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.put(args[i], args[++i]);
        }
        for (String required : List.of("--keystore", "--password", "--listen", "--channel-truststore")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("Missing " + required);
            }
        }
        return options;
    }
}
