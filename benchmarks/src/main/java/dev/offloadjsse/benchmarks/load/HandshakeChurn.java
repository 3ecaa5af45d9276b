package dev.offloadjsse.benchmarks.load;

import dev.offloadjsse.nio.ConnectionHandler;
import dev.offloadjsse.nio.TlsClient;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps {@code connections} client handshakes in flight against one server: each connection
 * closes as soon as its handshake completes (or fails) and is replaced by a new one, until
 * {@link #close()}. All of it runs on one {@link TlsClient} loop thread.
 */
final class HandshakeChurn implements AutoCloseable {

    private static final ConnectionHandler IGNORE = (connection, plaintext) -> { };

    private final TlsClient client;
    private final InetSocketAddress server;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private volatile boolean running = true;

    private HandshakeChurn(InetSocketAddress server) throws GeneralSecurityException {
        this.client = TlsClient.open(LoadTls.clientContext(), LoadTls.transport());
        this.server = server;
    }

    static HandshakeChurn start(InetSocketAddress server, int connections) throws GeneralSecurityException {
        HandshakeChurn churn = new HandshakeChurn(server);
        for (int i = 0; i < connections; i++) {
            churn.next();
        }
        return churn;
    }

    long completed() {
        return completed.get();
    }

    long failed() {
        return failed.get();
    }

    /** Why the first failed handshake failed, e.g. {@code SSLHandshakeException: ...}; empty if none did. */
    String firstFailure() {
        Throwable failure = firstFailure.get();
        if (failure == null) {
            return "";
        }
        boolean wrapped = failure instanceof CompletionException && failure.getCause() != null;
        return (wrapped ? failure.getCause() : failure).toString();
    }

    private void next() {
        if (!running) {
            return;
        }
        inFlight.incrementAndGet();
        client.connect(server, "localhost", IGNORE).whenComplete((connection, failure) -> {
            inFlight.decrementAndGet();
            if (failure != null) {
                if (running) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, failure);
                }
            } else {
                completed.incrementAndGet();
                connection.close();
            }
            next();
        });
    }

    /** Stops opening connections, waits a moment for those in flight, then closes the client. */
    @Override
    public void close() {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleepMillis(10);
        }
        client.close();
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
