package dev.offloadjsse.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;

/** The {@code SSLContext}'s server socket factory. */
public final class OffloadSSLServerSocketFactory extends SSLServerSocketFactory {

    /** ServerSocket's own default backlog. */
    private static final int DEFAULT_BACKLOG = 50;

    private final EngineFactory engines;

    /** @param engines the context's {@code createSSLEngine(host, port)} */
    public OffloadSSLServerSocketFactory(BiFunction<String, Integer, SSLEngine> engines) {
        this.engines = new EngineFactory(engines);
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new OffloadSSLServerSocket(engines);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new OffloadSSLServerSocket(engines, port, DEFAULT_BACKLOG, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return new OffloadSSLServerSocket(engines, port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return new OffloadSSLServerSocket(engines, port, backlog, address);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return engines.template(false).getEnabledCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engines.template(false).getSupportedCipherSuites();
    }
}
