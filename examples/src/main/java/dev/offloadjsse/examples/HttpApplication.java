package dev.offloadjsse.examples;

import dev.offloadjsse.nio.TlsConnection;

/** Answers one request; called on the transport's loop, so it must not block. */
@FunctionalInterface
interface HttpApplication {
    HttpResponse respond(HttpRequest request, TlsConnection connection);
}
