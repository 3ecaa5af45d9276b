package dev.offloadjsse.benchmarks;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A client and a server engine connected through memory, driven on the calling thread (delegated
 * tasks included). Engines are created without peer host, so no handshake is a resumption.
 */
final class EnginePair {

    private static final int NET_CAPACITY = 2 * 17 * 1024;
    private static final int APP_CAPACITY = 32 * 1024;
    private static final int MAX_STEPS = 1000;

    private final Peer client;
    private final Peer server;

    private EnginePair(Peer client, Peer server) {
        this.client = client;
        this.server = server;
    }

    /** An established TLS 1.3 connection of {@code stack} to itself, for bulk transfer; the suite is checked. */
    static EnginePair established(TlsStack stack, BulkSuite suite, BufferKind buffers)
            throws GeneralSecurityException, SSLException {
        SSLContext context = stack.context(Credential.ecdsaP256());
        EnginePair pair = create(context, context, "TLSv1.3", suite.tlsName(), buffers, false).handshake();
        if (!suite.tlsName().equals(pair.negotiatedCipherSuite())) {
            throw new UnsupportedSuiteException(stack, suite, pair.negotiatedCipherSuite());
        }
        return pair;
    }

    /** Engines for one protocol version and one cipher suite; only the server is CPU-metered, if asked. */
    static EnginePair create(SSLContext clientContext, SSLContext serverContext, String protocol, String cipherSuite,
            BufferKind buffers, boolean meterServer) {
        return new EnginePair(peer(clientContext, true, protocol, cipherSuite, buffers, false),
                peer(serverContext, false, protocol, cipherSuite, buffers, meterServer));
    }

    private static Peer peer(SSLContext context, boolean client, String protocol, String cipherSuite,
            BufferKind buffers, boolean metered) {
        long start = AllocatedBytes.now();
        SSLEngine engine = engine(context, client, protocol, cipherSuite);
        return new Peer(engine, AllocatedBytes.since(start), buffers, NET_CAPACITY, APP_CAPACITY, metered);
    }

    private static SSLEngine engine(SSLContext context, boolean client, String protocol, String cipherSuite) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(client);
        engine.setEnabledProtocols(new String[] {protocol});
        engine.setEnabledCipherSuites(cipherSuites(engine, protocol, cipherSuite));
        return engine;
    }

    /**
     * Only {@code cipherSuite}, except that TLS 1.3 keeps the TLS 1.2 suites enabled: they cannot be
     * negotiated, but Conscrypt chooses its server certificate by the key types of its TLS 1.2 suites.
     */
    private static String[] cipherSuites(SSLEngine engine, String protocol, String cipherSuite) {
        if (!"TLSv1.3".equals(protocol)) {
            return new String[] {cipherSuite};
        }
        Stream<String> tls12 = Arrays.stream(engine.getEnabledCipherSuites()).filter(name -> name.contains("_WITH_"));
        return Stream.concat(Stream.of(cipherSuite), tls12).toArray(String[]::new);
    }

    /** Runs the handshake, and any post-handshake flight such as tickets, until both sides are idle. */
    EnginePair handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int steps = 0; !(client.idle() && server.idle()); steps++) {
            boolean moved = client.step(server) | server.step(client);
            if (!moved || steps > MAX_STEPS) {
                throw new SSLException("Handshake stalled: client " + client.engine.getHandshakeStatus()
                        + ", server " + server.engine.getHandshakeStatus());
            }
        }
        return this;
    }

    /** The server's engine, for a caller that keeps it after dropping the pair (and its buffers). */
    SSLEngine serverEngine() {
        return server.engine;
    }

    String negotiatedCipherSuite() {
        return server.engine.getSession().getCipherSuite();
    }

    long serverCpuNanos() {
        return server.cpuNanos();
    }

    /** Heap the client engine allocated so far, from its creation on. */
    long clientAllocatedBytes() {
        return client.allocatedBytes();
    }

    long serverAllocatedBytes() {
        return server.allocatedBytes();
    }

    /**
     * The client wraps all of {@code plaintext}, one application write, and the server unwraps
     * every record of it; returns the number of records it took (SunJSSE splits a 16 KiB write).
     */
    int send(ByteBuffer plaintext) throws SSLException {
        int length = plaintext.remaining();
        int received = 0;
        int records = 0;
        ByteBuffer wire = server.inbound;
        while (plaintext.hasRemaining()) {
            SSLEngineResult wrapped = client.engine.wrap(plaintext, wire);
            if (wrapped.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("Wrap of a " + length + "-byte write: " + wrapped);
            }
            wire.flip();
            while (wire.hasRemaining()) {
                SSLEngineResult unwrapped = server.engine.unwrap(wire, server.application);
                received += unwrapped.bytesProduced();
                records++;
                server.application.clear();
            }
            wire.clear();
        }
        if (received != length) {
            throw new SSLException("The server unwrapped " + received + " of a " + length + "-byte write");
        }
        return records;
    }
}
