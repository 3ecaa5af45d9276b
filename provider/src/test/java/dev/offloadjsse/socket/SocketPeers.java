package dev.offloadjsse.socket;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.PooledOffloader;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.Provider;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** Providers, contexts and a one-connection TLS server for the socket tests. */
final class SocketPeers {

    /** Our provider on a real pool, so handshake steps run on another thread as in production. */
    static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new PooledOffloader(2, 64)));
    static final Provider SUN = java.security.Security.getProvider("SunJSSE");
    static final Identity EC = TestCertificates.identity(KeyType.EC_P256);
    static final int TIMEOUT_SECONDS = 20;

    private SocketPeers() {
    }

    static Provider provider(String name) {
        return name.equals("OffloadJSSE") ? OFFLOAD : SUN;
    }

    static SSLContext serverContext(Provider provider) throws Exception {
        return TestCertificates.context(provider, EC, EC);
    }

    static SSLContext clientContext(Provider provider) throws Exception {
        return TestCertificates.context(provider, null, EC);
    }

    /** What the server does with its one accepted connection. */
    interface Handler {
        void handle(SSLSocket socket) throws Exception;
    }

    /** A server on 127.0.0.1 that accepts one connection and runs {@code handler} on it on its own thread. */
    static final class OneShotServer implements AutoCloseable {
        final SSLServerSocket listener;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        OneShotServer(SSLContext context, Handler handler) throws IOException {
            this(context, listener -> { }, handler);
        }

        OneShotServer(SSLContext context, java.util.function.Consumer<SSLServerSocket> configure, Handler handler)
                throws IOException {
            listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
            configure.accept(listener);
            Thread thread = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(TIMEOUT_SECONDS * 1000);
                    handler.handle(socket);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "one-shot-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        /** Waits for the handler and rethrows what it threw. */
        void await() throws Exception {
            try {
                done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof Exception) {
                    throw (Exception) e.getCause();
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("Stream ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }
}
