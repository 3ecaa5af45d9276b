package dev.offloadjsse.examples;

import dev.offloadjsse.nio.ConnectionHandler;
import dev.offloadjsse.nio.TlsConnection;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over one TLS connection: answers requests in order, keeps the connection open unless
 * the request or an error says otherwise.
 */
final class HttpConnectionHandler implements ConnectionHandler {

    private static final System.Logger LOG = System.getLogger(HttpConnectionHandler.class.getName());

    private final HttpApplication application;
    private final HttpRequestParser parser = new HttpRequestParser();
    private boolean closing;

    HttpConnectionHandler(HttpApplication application) {
        this.application = application;
    }

    @Override
    public void onData(TlsConnection connection, ByteBuffer plaintext) {
        if (closing) {
            return; // whatever follows a request that closes the connection is not answered
        }
        parser.feed(plaintext);
        try {
            Optional<HttpRequest> request;
            while (!closing && (request = parser.next()).isPresent()) {
                HttpResponse response = application.respond(request.get(), connection);
                answer(connection, response.encode(request.get().isHead(), !request.get().keepAlive()),
                        !request.get().keepAlive());
            }
        } catch (HttpProtocolException e) {
            LOG.log(System.Logger.Level.DEBUG, "rejected a request from {0}: {1}", connection.remoteAddress(), e.getMessage());
            answer(connection, HttpResponse.error(e.status(), Map.of()).encode(false, true), true);
        }
    }

    @Override
    public void onClose(TlsConnection connection, Throwable failure) {
        if (failure != null) {
            LOG.log(System.Logger.Level.DEBUG, "connection from {0} ended: {1}", connection.remoteAddress(), failure.toString());
        }
    }

    private void answer(TlsConnection connection, ByteBuffer response, boolean close) {
        connection.write(response);
        if (close) {
            closing = true;
            connection.close();
        }
    }
}
