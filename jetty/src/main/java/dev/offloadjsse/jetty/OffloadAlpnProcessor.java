package dev.offloadjsse.jetty;

import dev.offloadjsse.OffloadSSLEngine;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.server.ALPNServerConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.ALPNProcessor;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * Jetty's server-side ALPN for OffloadJSSE engines. Jetty's own processor for the JDK API
 * ({@code JDK9ServerALPNProcessor}) applies only to engines whose class is in {@code java.base},
 * so without this one Jetty rejects every connection ("No ALPN Processor for
 * dev.offloadjsse.engine.OffloadEngine"). It uses the same standard API:
 * {@link SSLEngine#setHandshakeApplicationProtocolSelector}. Found by Jetty through
 * {@code META-INF/services/org.eclipse.jetty.io.ssl.ALPNProcessor$Server}.
 */
public final class OffloadAlpnProcessor implements ALPNProcessor.Server {

    @Override
    public boolean appliesTo(SSLEngine sslEngine) {
        return sslEngine instanceof OffloadSSLEngine || sslEngine instanceof SelfOffloadingEngine;
    }

    @Override
    public void configure(SSLEngine sslEngine, Connection connection) {
        ALPNServerConnection alpn = (ALPNServerConnection) connection;
        sslEngine.setHandshakeApplicationProtocolSelector(new Selector(alpn));
    }

    /**
     * Called by the engine during the handshake step (so on whichever thread runs the step): lets
     * Jetty pick from the client's list; {@code null} makes the engine send
     * {@code no_application_protocol}.
     */
    private static final class Selector implements BiFunction<SSLEngine, List<String>, String>, SslHandshakeListener {
        private final ALPNServerConnection connection;

        Selector(ALPNServerConnection connection) {
            this.connection = connection;
            ((SslConnection.SslEndPoint) connection.getEndPoint()).getSslConnection().addHandshakeListener(this);
        }

        @Override
        public String apply(SSLEngine engine, List<String> protocols) {
            try {
                connection.select(protocols);
                return connection.getProtocol();
            } catch (RuntimeException e) {
                return null;
            }
        }

        @Override
        public void handshakeSucceeded(Event event) {
            // A client that offered no ALPN: Jetty falls back to its default protocol.
            if (connection.getProtocol() == null) {
                connection.unsupported();
            }
        }
    }
}
