package dev.offloadjsse.conformance;

/** A side of a TLS connection; in a {@link Cell} it is the side our provider plays. */
enum Role {
    CLIENT,
    SERVER;

    Role other() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
