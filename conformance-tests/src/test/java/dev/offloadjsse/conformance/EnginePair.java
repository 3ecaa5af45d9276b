package dev.offloadjsse.conformance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Two {@code SSLEngine}s wired back to back in memory, driven by one thread: the handshake,
 * each side's payload, then close_notify from the client answered by the server.
 */
final class EnginePair {

    private static final int MAX_IDLE_ROUNDS = 3;

    /** One engine and its buffers: what it still has to send, what it received, its records in flight. */
    private static final class End {
        final String name;
        final SSLEngine engine;
        final ByteBuffer outgoing;
        final ByteBuffer received;
        final ByteBuffer records;

        End(String name, SSLEngine engine, byte[] outgoing, int expected) {
            this.name = name;
            this.engine = engine;
            this.outgoing = ByteBuffer.wrap(outgoing);
            this.received = ByteBuffer.allocate(expected + engine.getSession().getApplicationBufferSize());
            this.records = ByteBuffer.allocate(4 * engine.getSession().getPacketBufferSize());
        }

        String receivedText() {
            return new String(received.array(), 0, received.position(), StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return name + " " + engine.getHandshakeStatus() + " in " + (engine.isInboundDone() ? "done" : "open")
                    + " out " + (engine.isOutboundDone() ? "done" : "open") + " received " + received.position();
        }
    }

    private final End client;
    private final End server;
    private final Payload fromClient;
    private final Payload fromServer;

    EnginePair(SSLEngine client, SSLEngine server, Payload fromClient, Payload fromServer) {
        this.fromClient = fromClient;
        this.fromServer = fromServer;
        this.client = new End("client", client, fromClient.bytes(), fromServer.length());
        this.server = new End("server", server, fromServer.bytes(), fromClient.length());
    }

    /** Runs the connection to its close and checks what each side received. */
    void run() throws SSLException {
        client.engine.beginHandshake();
        server.engine.beginHandshake();
        pumpUntil(() -> client.received.position() == fromServer.length() && server.received.position() == fromClient.length());
        fromClient.requireIn(server.receivedText(), "the server engine");
        fromServer.requireIn(client.receivedText(), "the client engine");
        client.engine.closeOutbound();
        pumpUntil(server.engine::isInboundDone);
        server.engine.closeOutbound();
        pumpUntil(() -> client.engine.isInboundDone() && server.engine.isOutboundDone() && client.engine.isOutboundDone());
    }

    private void pumpUntil(BooleanSupplier done) throws SSLException {
        int idle = 0;
        while (!done.getAsBoolean()) {
            boolean progress = step(client, server) | step(server, client);
            idle = progress ? 0 : idle + 1;
            if (idle > MAX_IDLE_ROUNDS) {
                throw new AssertionError("the engines stopped making progress: " + client + "; " + server);
            }
        }
    }

    /** Runs {@code self}'s tasks, lets it wrap one record and unwrap one of {@code peer}'s. */
    private static boolean step(End self, End peer) throws SSLException {
        boolean progress = false;
        for (Runnable task; (task = self.engine.getDelegatedTask()) != null; ) {
            task.run();
            progress = true;
        }
        if (!self.engine.isOutboundDone() && self.records.remaining() >= self.engine.getSession().getPacketBufferSize()) {
            SSLEngineResult wrapped = self.engine.wrap(self.outgoing, self.records);
            progress |= wrapped.bytesProduced() > 0 || wrapped.bytesConsumed() > 0;
        }
        peer.records.flip();
        try {
            if (peer.records.hasRemaining() && !self.engine.isInboundDone()) {
                SSLEngineResult unwrapped = self.engine.unwrap(peer.records, self.received);
                if (unwrapped.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    throw new AssertionError(self.name + " received more than expected: " + self);
                }
                progress |= unwrapped.bytesConsumed() > 0 || unwrapped.bytesProduced() > 0;
            }
        } finally {
            peer.records.compact();
        }
        return progress;
    }
}
