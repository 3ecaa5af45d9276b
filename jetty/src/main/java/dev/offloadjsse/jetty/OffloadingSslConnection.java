package dev.offloadjsse.jetty;

import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's {@link SslConnection} on a {@link SelfOffloadingEngine}: when Jetty is about to wait
 * for input while a handshake step runs on the offloader (or one has just finished), it waits for
 * the step instead, and is woken on a Jetty pool thread the way a readable network wakes it.
 * Waiting for the network alone would hang: the peer may be waiting for the step's answer, and
 * bytes it already sent may be in this connection's buffer, which Jetty marked as an underflow
 * while the engine could not take them.
 */
final class OffloadingSslConnection extends SslConnection {

    OffloadingSslConnection(ByteBufferPool bufferPool, Executor executor, SslContextFactory sslContextFactory,
            EndPoint endPoint, SelfOffloadingEngine engine, boolean encryptedDirect, boolean decryptedDirect) {
        super(bufferPool, executor, sslContextFactory, endPoint, engine, encryptedDirect, decryptedDirect);
    }

    @Override
    protected SslEndPoint newSslEndPoint() {
        return new StepAwareEndPoint();
    }

    private final class StepAwareEndPoint extends SslEndPoint {
        @Override
        protected void needsFillInterest() {
            SelfOffloadingEngine engine = (SelfOffloadingEngine) getSSLEngine();
            if (!engine.wakeAfterStep(() -> getExecutor().execute(getFillInterest()::fillable))) {
                super.needsFillInterest();
            }
        }
    }
}
