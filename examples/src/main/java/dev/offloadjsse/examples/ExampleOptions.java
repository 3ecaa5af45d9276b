package dev.offloadjsse.examples;

import dev.offloadjsse.OffloadJsseProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What every example takes from the command line.
 *
 * @param port the port at 127.0.0.1; 0 for any free one
 * @param keystore a PKCS#12 keystore with the server's key and certificate, or {@code null} for a
 *     generated self-signed certificate
 * @param password the keystore's password (empty without a keystore)
 * @param provider the JSSE provider of the server's {@code SSLContext}
 * @param applicationProtocols the server's ALPN protocols in preference order; empty for no ALPN
 * @param clientAuth whether the server asks the client for a certificate
 * @param truststore a PKCS#12 keystore with the trust anchors for client certificates, or
 *     {@code null} for the JDK's default trust
 * @param truststorePassword the truststore's password (empty without a truststore)
 * @param remote the handshake servers that run every server-role handshake, or {@code null} to run
 *     them in this process
 */
public record ExampleOptions(int port, Path keystore, char[] password, String provider,
        List<String> applicationProtocols, ClientAuth clientAuth, Path truststore, char[] truststorePassword,
        RemoteOffloadOptions remote) {

    public static final int DEFAULT_PORT = 8443;

    /** The server's request for a client certificate ({@code --client-auth}). */
    public enum ClientAuth {
        /** No certificate asked for. */
        NONE,
        /** Asked for; the handshake succeeds without one. */
        WANT,
        /** Required; the handshake fails without one. */
        NEED
    }

    public ExampleOptions {
        applicationProtocols = List.copyOf(applicationProtocols);
        Objects.requireNonNull(clientAuth, "clientAuth");
    }

    public static ExampleOptions defaults() {
        return new ExampleOptions(DEFAULT_PORT, null, new char[0], OffloadJsseProvider.NAME, List.of(),
                ClientAuth.NONE, null, new char[0], null);
    }

    public ExampleOptions withPort(int newPort) {
        return new ExampleOptions(newPort, keystore, password, provider, applicationProtocols, clientAuth, truststore,
                truststorePassword, remote);
    }

    public ExampleOptions withKeystore(Path newKeystore, char[] newPassword) {
        return new ExampleOptions(port, newKeystore, newPassword, provider, applicationProtocols, clientAuth, truststore,
                truststorePassword, remote);
    }

    public ExampleOptions withProvider(String newProvider) {
        return new ExampleOptions(port, keystore, password, newProvider, applicationProtocols, clientAuth, truststore,
                truststorePassword, remote);
    }

    public ExampleOptions withApplicationProtocols(List<String> newProtocols) {
        return new ExampleOptions(port, keystore, password, provider, newProtocols, clientAuth, truststore,
                truststorePassword, remote);
    }

    public ExampleOptions withClientAuth(ClientAuth newClientAuth) {
        return new ExampleOptions(port, keystore, password, provider, applicationProtocols, newClientAuth, truststore,
                truststorePassword, remote);
    }

    public ExampleOptions withTruststore(Path newTruststore, char[] newPassword) {
        return new ExampleOptions(port, keystore, password, provider, applicationProtocols, clientAuth, newTruststore,
                newPassword, remote);
    }

    public ExampleOptions withRemote(RemoteOffloadOptions newRemote) {
        return new ExampleOptions(port, keystore, password, provider, applicationProtocols, clientAuth, truststore,
                truststorePassword, newRemote);
    }
}
