package dev.offloadjsse.examples;

/** A request the server cannot take; answered with {@link #status()} and a closed connection. */
final class HttpProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpProtocolException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
