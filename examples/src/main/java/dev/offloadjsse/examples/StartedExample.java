package dev.offloadjsse.examples;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.KeyManager;

/** A running example server. */
public interface StartedExample extends AutoCloseable {

    /** The port it listens on (at 127.0.0.1). */
    int port();

    /**
     * A PEM file with the server certificate, for clients to trust; {@code null} with
     * {@code --offload remote:} when the handshake servers could not list it at start.
     */
    Path certificatePem();

    /**
     * The key managers the server's {@code SSLContext} was initialised with: empty with
     * {@code --offload remote:}, where the process holds no private key.
     */
    List<KeyManager> keyManagers();

    /** Stops serving and closes every connection. */
    @Override
    void close();
}
