package dev.offloadjsse.examples;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code --offload remote:HOST:PORT[,HOST:PORT...]}: the handshake servers that hold the TLS
 * key and run the server-role handshakes, and this front end's identity on the channel to them
 * (mutual TLS). Without {@code channelKeystore} the channel keys come from the
 * {@code offloadjsse.remote.*} system properties ({@code dev.offloadjsse.remote.RemoteOffload}).
 *
 * @param targets {@code host:port[,host:port...]} or {@code unix:PATH}
 * @param channelKeystore this front end's channel key and certificate (PKCS#12), or {@code null}
 * @param channelPassword its password
 * @param channelTruststore the handshake servers' channel certificates or CA, or {@code null}
 * @param channelTruststorePassword its password
 * @param authority the name the servers' channel certificates are checked against, or {@code null}
 *     for the first target's host
 */
public record RemoteOffloadOptions(String targets, Path channelKeystore, char[] channelPassword, Path channelTruststore,
        char[] channelTruststorePassword, String authority) {

    /** The prefix of {@code --offload}'s value. */
    static final String PREFIX = "remote:";

    public RemoteOffloadOptions {
        Objects.requireNonNull(targets, "targets");
        if ((channelKeystore == null) != (channelTruststore == null)) {
            throw new IllegalArgumentException("--channel-keystore and --channel-truststore go together"
                    + " (or neither: the offloadjsse.remote.* system properties)");
        }
    }

    /** The servers at {@code targets}, with the channel keys from the system properties. */
    public static RemoteOffloadOptions of(String targets) {
        return new RemoteOffloadOptions(targets, null, new char[0], null, new char[0], null);
    }

    public RemoteOffloadOptions withChannelKeys(Path keystore, char[] password, Path truststore, char[] trustPassword) {
        return new RemoteOffloadOptions(targets, keystore, password, truststore, trustPassword, authority);
    }

    public RemoteOffloadOptions withAuthority(String newAuthority) {
        return new RemoteOffloadOptions(targets, channelKeystore, channelPassword, channelTruststore,
                channelTruststorePassword, newAuthority);
    }
}
