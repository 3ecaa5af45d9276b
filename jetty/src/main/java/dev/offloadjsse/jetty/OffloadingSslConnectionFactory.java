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
 * lock. Here its engine is a {@link SelfOffloadingEngine}, so Jetty never sees {@code NEED_TASK},
 * and its connection an {@link OffloadingSslConnection}, which waits for a running step instead of
 * the network and is woken on a Jetty pool thread when the step is done. Engines of other
 * providers get Jetty's own connection.
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
        return new OffloadingSslConnection(connector.getByteBufferPool(), connector.getExecutor(), getSslContextFactory(),
                endPoint, new SelfOffloadingEngine(offloadEngine), isDirectBuffersForEncryption(), isDirectBuffersForDecryption());
    }
}
