package dev.offloadjsse.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A client and a server engine wired back to back in memory. Delegated tasks run on the calling
 * thread (for the front end's engine, a task is a blocking remote handshake step).
 */
final class EnginePair {

    final SSLEngine client;
    final SSLEngine server;
    private final ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer clientApp = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer serverApp = ByteBuffer.allocate(1 << 17);
    private int serverTasks;
    private boolean begun;
    /** What the server engine (the front end) threw, if it failed. */
    SSLException serverFailure;

    EnginePair(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        client.setUseClientMode(true);
        server.setUseClientMode(false);
    }

    /** Runs the handshake until the server has run its first step (it holds a handshake in flight). */
    void untilServerStepped() throws SSLException {
        pump(() -> serverTasks > 0);
    }

    /** Runs the handshake to its end, then checks that data crosses both ways under the new keys. */
    void handshakeAndExchange() throws SSLException {
        pump(() -> serverTasks > 0 && client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                && server.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && toServer.position() == 0
                && toClient.position() == 0);
        send(client, "ping", toServer);
        expect(server, toServer, serverApp, "ping");
        send(server, "pong", toClient);
        expect(client, toClient, clientApp, "pong");
    }

    private void send(SSLEngine engine, String text, ByteBuffer net) throws SSLException {
        engine.wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), net);
    }

    private void expect(SSLEngine engine, ByteBuffer net, ByteBuffer app, String text) throws SSLException {
        for (int i = 0; i < 10 && app.position() < text.length(); i++) {
            net.flip();
            engine.unwrap(net, app);
            net.compact();
            runTasks(engine);
        }
        app.flip();
        byte[] received = new byte[app.remaining()];
        app.get(received);
        app.clear();
        if (!text.equals(new String(received, StandardCharsets.US_ASCII))) {
            throw new AssertionError("expected '" + text + "', received '" + new String(received, StandardCharsets.US_ASCII) + "'");
        }
    }

    private void pump(java.util.function.BooleanSupplier done) throws SSLException {
        if (!begun) {
            begun = true;
            client.beginHandshake();
            server.beginHandshake();
        }
        for (int round = 0; round < 200; round++) {
            if (done.getAsBoolean()) {
                return;
            }
            client.wrap(ByteBuffer.allocate(0), toServer);
            runTasks(client);
            try {
                toServer.flip();
                server.unwrap(toServer, serverApp);
                toServer.compact();
                runTasks(server);
                server.wrap(ByteBuffer.allocate(0), toClient);
                runTasks(server);
            } catch (SSLException e) {
                serverFailure = e;
                throw e;
            }
            toClient.flip();
            client.unwrap(toClient, clientApp);
            toClient.compact();
            runTasks(client);
        }
        throw new AssertionError("handshake did not finish: client " + client.getHandshakeStatus() + ", server " + server.getHandshakeStatus());
    }

    private void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
            if (engine == server) {
                serverTasks++;
            }
        }
    }
}
