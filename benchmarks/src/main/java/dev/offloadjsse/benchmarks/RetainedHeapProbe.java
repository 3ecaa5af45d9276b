package dev.offloadjsse.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Heap retained per established idle connection by the server side: N in-memory TLS 1.3 ECDSA
 * connections from Conscrypt clients (the cheapest handshake, and their objects are garbage at
 * once), of which only the server engines stay referenced; no application data is exchanged. The used
 * heap is read after repeated full collections: once with the server context alone (after a
 * warm-up), once with the N engines, once after dropping them.
 */
final class RetainedHeapProbe {

    static final String SUITE = "TLS_AES_128_GCM_SHA256";
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final int WARMUP_CONNECTIONS = 100;
    private static final int COLLECTIONS = 5;

    private final int connections;

    RetainedHeapProbe(int connections) {
        this.connections = connections;
    }

    RetainedHeap measure(TlsStack stack) throws GeneralSecurityException, SSLException {
        SSLContext server = stack.context(Credential.ecdsaP256());
        connect(server, WARMUP_CONNECTIONS).clear();
        long alone = usedAfterCollections();
        List<SSLEngine> engines = connect(server, connections);
        long withEngines = usedAfterCollections();
        if (engines.size() != connections) {
            throw new AssertionError("the engines were not kept");
        }
        engines.clear();
        long afterEngines = usedAfterCollections();
        return new RetainedHeap(stack, connections, (double) (withEngines - alone) / connections,
                (double) (withEngines - afterEngines) / connections, (double) (afterEngines - alone) / connections);
    }

    /** {@code count} established connections to {@code server}; only their server engines are kept. */
    private static List<SSLEngine> connect(SSLContext server, int count) throws GeneralSecurityException, SSLException {
        // A fresh client context each time: what it caches is garbage once this method returns.
        SSLContext client = TlsStack.CONSCRYPT.context(Credential.ecdsaP256());
        List<SSLEngine> engines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            engines.add(EnginePair.create(client, server, "TLSv1.3", SUITE, BufferKind.HEAP, false).handshake()
                    .serverEngine());
        }
        return engines;
    }

    /**
     * The least used heap over {@value #COLLECTIONS} full collections, with finalization and a
     * pause between them: Conscrypt's native-backed objects (left by earlier benchmarks in this
     * JVM) are freed by their cleaners after a collection, not by it.
     */
    static long usedAfterCollections() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < COLLECTIONS; i++) {
            System.gc();
            System.runFinalization();
            sleep(50);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        System.gc();
        return Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the collector", e);
        }
    }
}
