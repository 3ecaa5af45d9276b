package dev.offloadjsse.remote;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * The front end's remote offload from system properties, for applications that change nothing
 * but configuration:
 * <ul>
 *   <li>{@code offloadjsse.remote.target}: {@code host:port[,host:port...]} or {@code unix:PATH};</li>
 *   <li>{@code offloadjsse.remote.keyStore}, {@code offloadjsse.remote.keyStorePassword}: the
 *       front end's channel certificate (mutual TLS with the handshake servers);</li>
 *   <li>{@code offloadjsse.remote.trustStore}, {@code offloadjsse.remote.trustStorePassword}: the
 *       servers' channel certificates or CA (password default: the key store's);</li>
 *   <li>{@code offloadjsse.remote.authority}: the name the servers' certificates are checked against;</li>
 *   <li>{@code offloadjsse.remote.timeoutMs}: the deadline of one remote handshake (10000);</li>
 *   <li>{@code offloadjsse.remote.granularity}: {@code handshake} (default: whole handshakes
 *       run remotely) or {@code private-key} (handshakes run here, only signatures remotely);</li>
 *   <li>{@code offloadjsse.remote.signTimeoutMs}: the deadline of one remote signature (2000).</li>
 * </ul>
 * The offloader itself (pool or inline) comes from {@link OffloadConfig#fromSystemProperties()}.
 */
public final class RemoteOffload {

    private RemoteOffload() {
    }

    /** A provider whose server-role handshakes run on the handshake servers at {@code target}. */
    public static OffloadJsseProvider provider(String target) throws IOException, GeneralSecurityException {
        return new OffloadJsseProvider(config(handshakers(target)));
    }

    /** {@link #provider(String)} with {@code offloadjsse.remote.target}. */
    public static OffloadJsseProvider provider() throws IOException, GeneralSecurityException {
        String target = System.getProperty("offloadjsse.remote.target");
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("offloadjsse.remote.target is not set (host:port[,host:port...] or unix:PATH)");
        }
        return provider(target);
    }

    /** The system-property offloader with {@code remote}'s handshakes. */
    public static OffloadConfig config(RemoteHandshakers remote) {
        return OffloadConfig.fromSystemProperties().withHandshakers(remote::handshakers);
    }

    /** The channel to {@code target} with the {@code offloadjsse.remote.*} channel keys. */
    public static RemoteHandshakers handshakers(String target) throws IOException, GeneralSecurityException {
        String keyStore = required("offloadjsse.remote.keyStore");
        char[] password = System.getProperty("offloadjsse.remote.keyStorePassword", "").toCharArray();
        String trustStore = required("offloadjsse.remote.trustStore");
        char[] trustPassword = System.getProperty("offloadjsse.remote.trustStorePassword", new String(password)).toCharArray();
        RemoteHandshakers.Builder builder = RemoteHandshakers.builder(target)
                .channelKeys(Path.of(keyStore), password, Path.of(trustStore), trustPassword)
                .handshakeTimeout(Duration.ofMillis(Long.getLong("offloadjsse.remote.timeoutMs", 10_000)))
                .signTimeout(Duration.ofMillis(Long.getLong("offloadjsse.remote.signTimeoutMs", 2_000)))
                .granularity(granularity(System.getProperty("offloadjsse.remote.granularity", "handshake")));
        String authority = System.getProperty("offloadjsse.remote.authority");
        if (authority != null && !authority.isBlank()) {
            builder.authority(authority);
        }
        return builder.build();
    }

    static RemoteHandshakers.Granularity granularity(String value) {
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "handshake":
                return RemoteHandshakers.Granularity.HANDSHAKE;
            case "private-key":
                return RemoteHandshakers.Granularity.PRIVATE_KEY;
            default:
                throw new IllegalArgumentException("offloadjsse.remote.granularity must be 'handshake' or 'private-key', not '" + value + "'");
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is not set: the channel to the handshake servers is mutual TLS");
        }
        return value;
    }
}
