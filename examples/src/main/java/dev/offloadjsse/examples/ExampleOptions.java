package dev.offloadjsse.examples;

import dev.offloadjsse.OffloadJsseProvider;
import java.nio.file.Path;

/**
 * What every example takes from the command line.
 *
 * @param port the port at 127.0.0.1; 0 for any free one
 * @param keystore a PKCS#12 keystore with the server's key and certificate, or {@code null} for a
 *     generated self-signed certificate
 * @param password the keystore's password (empty without a keystore)
 * @param provider the JSSE provider of the server's {@code SSLContext}
 */
public record ExampleOptions(int port, Path keystore, char[] password, String provider) {

    public static final int DEFAULT_PORT = 8443;

    public static ExampleOptions defaults() {
        return new ExampleOptions(DEFAULT_PORT, null, new char[0], OffloadJsseProvider.NAME);
    }

    public ExampleOptions withPort(int newPort) {
        return new ExampleOptions(newPort, keystore, password, provider);
    }

    public ExampleOptions withKeystore(Path newKeystore, char[] newPassword) {
        return new ExampleOptions(port, newKeystore, newPassword, provider);
    }

    public ExampleOptions withProvider(String newProvider) {
        return new ExampleOptions(port, keystore, password, newProvider);
    }
}
