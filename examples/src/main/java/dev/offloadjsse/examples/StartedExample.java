package dev.offloadjsse.examples;

import java.nio.file.Path;

/** A running example server. */
public interface StartedExample extends AutoCloseable {

    /** The port it listens on (at 127.0.0.1). */
    int port();

    /** A PEM file with the server certificate, for clients to trust. */
    Path certificatePem();

    /** Stops serving and closes every connection. */
    @Override
    void close();
}
