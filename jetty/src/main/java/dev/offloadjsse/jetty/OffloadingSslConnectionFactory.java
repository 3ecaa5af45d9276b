package dev.offloadjsse.jetty;

import dev.offloadjsse.OffloadSSLEngine;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's {@link SslConnectionFactory} with the handshake steps of OffloadJSSE engines on the
 * engine's offloader instead of the Jetty thread that fills the connection.
 *
 * <p>Jetty's {@code SslConnection} runs {@code NEED_TASK} itself, inline, under the connection's
 * lock. Here its engine is a {@link SelfOffloadingEngine}: Jetty never sees {@code NEED_TASK},
 * waits for input while the step runs, and is woken when the step is done the way it is woken when
 * the network becomes readable: {@link SslConnection#onFillable()}, on a Jetty pool thread. Engines
 * of other providers get Jetty's own connection.
 */
public final class OffloadingSslConnectionFactory extends SslConnectionFactory {

    public OffloadingSslConnectionFactory(SslContextFactory.Server sslContextFactory, String nextProtocol) {
        super(sslContextFactory, nextProtocol);
    }

    @Override
    protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
        if (!(engine instanceof OffloadSSLEngine offloadEngine)) {
            return super.newSslConnection(connector, endPoint, engine);
        }
        SelfOffloadingEngine selfOffloading = new SelfOffloadingEngine(offloadEngine);
        SslConnection connection = super.newSslConnection(connector, endPoint, selfOffloading);
        selfOffloading.resumeWith(() -> connector.getExecutor().execute(connection::onFillable));
        return connection;
    }
}
