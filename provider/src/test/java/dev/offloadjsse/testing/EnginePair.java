package dev.offloadjsse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Two engines connected in memory. {@link #pump()} moves records both ways, running delegated
 * tasks on the calling thread, until neither side makes progress. It records every status the
 * engines report so tests can check the contract (FINISHED once per side, and so on).
 */
public final class EnginePair {

    public final SSLEngine client;
    public final SSLEngine server;
    private final ByteBuffer clientToServer;
    private final ByteBuffer serverToClient;
    private final ByteBuffer clientIn;
    private final ByteBuffer serverIn;
    public final List<SSLEngineResult> clientResults = new ArrayList<>();
    public final List<SSLEngineResult> serverResults = new ArrayList<>();
    /** When false, {@link #pump()} leaves delegated tasks to the test. */
    public boolean runTasksInline = true;

    public EnginePair(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
        clientToServer = ByteBuffer.allocate(4 * packet);
        serverToClient = ByteBuffer.allocate(4 * packet);
        clientIn = ByteBuffer.allocate(app + (2 << 20));
        serverIn = ByteBuffer.allocate(app + (2 << 20));
    }

    public void handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        pump();
        assertThat(client.getHandshakeStatus()).as("client status after handshake").isEqualTo(HandshakeStatus.NOT_HANDSHAKING);
        assertThat(server.getHandshakeStatus()).as("server status after handshake").isEqualTo(HandshakeStatus.NOT_HANDSHAKING);
    }

    /** Moves records until no engine makes progress. */
    public void pump() throws SSLException {
        for (int round = 0; round < 100_000; round++) {
            boolean progress = step(client, clientToServer, clientResults)
                    | step(server, serverToClient, serverResults)
                    | read(server, clientToServer, serverIn, serverResults)
                    | read(client, serverToClient, clientIn, clientResults);
            if (!progress) {
                return;
            }
        }
        throw new AssertionError("Engines did not settle: client " + client.getHandshakeStatus() + ", server " + server.getHandshakeStatus());
    }

    private boolean step(SSLEngine engine, ByteBuffer out, List<SSLEngineResult> results) throws SSLException {
        boolean progress = false;
        Runnable task;
        while (runTasksInline && (task = engine.getDelegatedTask()) != null) {
            task.run();
            progress = true;
        }
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
            results.add(result);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                break;
            }
            if (result.bytesProduced() == 0 && result.getHandshakeStatus() != HandshakeStatus.FINISHED
                    && result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                break;
            }
            progress = true;
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                break;
            }
        }
        return progress;
    }

    private boolean read(SSLEngine engine, ByteBuffer in, ByteBuffer plaintext, List<SSLEngineResult> results) throws SSLException {
        in.flip();
        boolean progress = false;
        try {
            while (in.hasRemaining() && !engine.isInboundDone()) {
                SSLEngineResult result = engine.unwrap(in, plaintext);
                results.add(result);
                if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    progress = true;
                }
                if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                    if (runTasksInline && result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        Runnable task;
                        while ((task = engine.getDelegatedTask()) != null) {
                            task.run();
                            progress = true;
                        }
                        continue;
                    }
                    break;
                }
                progress = true;
            }
        } finally {
            in.compact();
        }
        return progress;
    }

    /** Sends {@code data} from {@code from} and returns what the other side received. */
    public byte[] send(SSLEngine from, byte[] data) throws SSLException {
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer received = from == client ? serverIn : clientIn;
        ByteBuffer wire = from == client ? clientToServer : serverToClient;
        List<SSLEngineResult> results = from == client ? clientResults : serverResults;
        received.clear();
        do {
            SSLEngineResult result = from.wrap(src, wire);
            results.add(result);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                pump();
            }
            pump();
        } while (src.hasRemaining());
        pump();
        received.flip();
        byte[] out = new byte[received.remaining()];
        received.get(out);
        received.clear();
        return out;
    }

    public static long count(List<SSLEngineResult> results, HandshakeStatus status) {
        return results.stream().filter(r -> r.getHandshakeStatus() == status).count();
    }
}
