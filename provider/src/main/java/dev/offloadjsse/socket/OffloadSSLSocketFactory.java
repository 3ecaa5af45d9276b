package dev.offloadjsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;

/** The {@code SSLContext}'s socket factory: client sockets (and server-side layered ones) on its engines. */
public final class OffloadSSLSocketFactory extends SSLSocketFactory {

    private final EngineFactory engines;

    /** @param engines the context's {@code createSSLEngine(host, port)} */
    public OffloadSSLSocketFactory(BiFunction<String, Integer, SSLEngine> engines) {
        this.engines = new EngineFactory(engines);
    }

    @Override
    public Socket createSocket() throws IOException {
        return OffloadSSLSocket.unconnected(engines);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null, 0);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), localAddress, localPort);
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return OffloadSSLSocket.layered(engines, socket, host, port, autoClose);
    }

    /** A server-mode socket over {@code socket}, whose first {@code consumed} bytes were read already (to sniff SNI, say). */
    @Override
    public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
        byte[] bytes = consumed == null ? new byte[0] : consumed.readAllBytes();
        return OffloadSSLSocket.serverSide(engines, engines.template(false), socket, bytes, autoClose);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return engines.template(true).getEnabledCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engines.template(true).getSupportedCipherSuites();
    }

    private Socket connected(InetSocketAddress address, InetAddress localAddress, int localPort) throws IOException {
        OffloadSSLSocket socket = OffloadSSLSocket.unconnected(engines);
        try {
            if (localAddress != null || localPort != 0) {
                socket.bind(new InetSocketAddress(localAddress, localPort));
            }
            socket.connect(address);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
