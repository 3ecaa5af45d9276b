package dev.offloadjsse.nio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** Keeps what a connection receives, for a test thread to wait on. */
final class CollectingHandler implements ConnectionHandler {

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();

    @Override
    public synchronized void onData(TlsConnection connection, ByteBuffer plaintext) {
        byte[] bytes = new byte[plaintext.remaining()];
        plaintext.get(bytes);
        received.writeBytes(bytes);
        notifyAll();
    }

    @Override
    public void onClose(TlsConnection connection, Throwable failure) {
        closed.complete(failure);
    }

    /** Waits until {@code count} bytes have arrived and returns all received so far. */
    synchronized byte[] await(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("received " + received.size() + " of " + count + " bytes");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return received.toByteArray();
    }

    /** Completes with the close failure, or {@code null} for an orderly close. */
    CompletableFuture<Throwable> closed() {
        return closed;
    }
}
