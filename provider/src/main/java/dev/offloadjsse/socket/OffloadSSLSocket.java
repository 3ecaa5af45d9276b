package dev.offloadjsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The provider's {@link SSLSocket}: an {@link SSLEngine} of the same context driven over a plain
 * transport socket by a {@link RecordPump}, so the handshake runs through the same offloader as
 * the engine's. Settings are the engine's; until the socket is connected they live in a
 * template engine and move to the real one when the peer is known.
 */
final class OffloadSSLSocket extends TransportSocket implements RecordPump.Listener {

    private final EngineFactory engines;
    private final boolean autoClose;
    private final byte[] consumed;
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    private volatile SSLEngine engine;
    private volatile RecordPump pump;
    private volatile boolean closed;
    private volatile boolean inputShut;
    private volatile boolean outputShut;
    private InputStream input;
    private OutputStream output;

    private OffloadSSLSocket(EngineFactory engines, Socket transport, SSLEngine engine, boolean autoClose, byte[] consumed)
            throws IOException {
        super(transport);
        this.engines = engines;
        this.engine = engine;
        this.autoClose = autoClose;
        this.consumed = consumed;
        if (transport.isConnected()) {
            connected();
        }
    }

    /** A client socket to connect later. */
    static OffloadSSLSocket unconnected(EngineFactory engines) throws IOException {
        return new OffloadSSLSocket(engines, new Socket(), engines.template(true), true, new byte[0]);
    }

    /** A client socket over the connected {@code transport}, for {@code host:port}. */
    static OffloadSSLSocket layered(EngineFactory engines, Socket transport, String host, int port, boolean autoClose)
            throws IOException {
        requireConnected(transport);
        SSLEngine engine = engines.create(host != null ? host : peerHost(transport), port);
        engine.setUseClientMode(true);
        return new OffloadSSLSocket(engines, transport, engine, autoClose, new byte[0]);
    }

    /** A server-side socket over an accepted (or layered) {@code transport}, with {@code consumed} bytes already read from it. */
    static OffloadSSLSocket serverSide(EngineFactory engines, SSLEngine template, Socket transport, byte[] consumed,
            boolean autoClose) throws IOException {
        requireConnected(transport);
        SSLEngine engine = engines.forPeer(template, peerHost(transport), transport.getPort());
        return new OffloadSSLSocket(engines, transport, engine, autoClose, consumed);
    }

    private static void requireConnected(Socket transport) throws SocketException {
        if (!transport.isConnected()) {
            throw new SocketException("The underlying socket is not connected");
        }
    }

    private static String peerHost(Socket transport) {
        SocketAddress remote = transport.getRemoteSocketAddress();
        return remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getHostString() : null;
    }

    // ---- connecting -------------------------------------------------------------------------

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (pump != null) {
            throw new SocketException("Already connected");
        }
        if (!(endpoint instanceof InetSocketAddress)) {
            throw new IllegalArgumentException("Unsupported address type: " + endpoint);
        }
        transport.connect(endpoint, timeout);
        InetSocketAddress address = (InetSocketAddress) endpoint;
        // getHostString: the name the caller gave (for SNI and the host name check), never a reverse lookup.
        engine = engines.forPeer(engine, address.getHostString(), address.getPort());
        connected();
    }

    private void connected() throws IOException {
        pump = new RecordPump(engine, transport.getInputStream(), transport.getOutputStream(), consumed, this);
    }

    private RecordPump pump() throws SocketException {
        RecordPump current = pump;
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (current == null) {
            throw new SocketException("Socket is not connected");
        }
        return current;
    }

    // ---- handshake --------------------------------------------------------------------------

    @Override
    public void startHandshake() throws IOException {
        RecordPump current = pump();
        if (current.isHandshakeDone()) {
            current.rehandshake();
        } else {
            current.handshake();
        }
    }

    @Override
    public void handshakeFinished() {
        if (listeners.isEmpty()) {
            return;
        }
        // As SunJSSE: listeners run on their own thread, so that one that blocks or does I/O cannot stall this socket.
        HandshakeCompletedEvent event = new HandshakeCompletedEvent(this, engine.getSession());
        Thread notifier = new Thread(() -> listeners.forEach(l -> l.handshakeCompleted(event)), "HandshakeCompletedNotify");
        notifier.setDaemon(true);
        notifier.start();
    }

    @Override
    public void failed() {
        closeTransportQuietly();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("Listener is null");
        }
        listeners.add(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("Listener is null");
        }
        if (!listeners.remove(listener)) {
            throw new IllegalArgumentException("Listener is not registered");
        }
    }

    /** As the javadoc says: starts the handshake if need be; a failed one gives the invalid null session. */
    @Override
    public SSLSession getSession() {
        RecordPump current = pump;
        if (current != null && !closed && !current.isHandshakeDone()) {
            try {
                current.handshake();
            } catch (IOException failed) {
                return engine.getSession();
            }
        }
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector == null ? null : (e, offered) -> selector.apply(this, offered));
    }

    @Override
    public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        BiFunction<SSLEngine, List<String>, String> selector = engine.getHandshakeApplicationProtocolSelector();
        return selector == null ? null : (s, offered) -> selector.apply(engine, offered);
    }

    // ---- settings: the engine's -------------------------------------------------------------

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        engine.setSSLParameters(parameters);
    }

    // ---- streams ----------------------------------------------------------------------------

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        RecordPump current = pump();
        if (inputShut) {
            throw new SocketException("Socket input is shutdown");
        }
        if (input == null) {
            input = new TlsInputStream(current, this);
        }
        return input;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        RecordPump current = pump();
        if (outputShut) {
            throw new SocketException("Socket output is shutdown");
        }
        if (output == null) {
            output = new TlsOutputStream(current, this);
        }
        return output;
    }

    // ---- closing ----------------------------------------------------------------------------

    /** Sends close_notify (for TLS 1.3 a half-close: the peer may go on writing), then shuts the transport's output. */
    @Override
    public void shutdownOutput() throws IOException {
        RecordPump current = pump();
        if (outputShut) {
            throw new SocketException("Socket output is already shutdown");
        }
        outputShut = true;
        current.closeOutput();
        if (autoClose) {
            transport.shutdownOutput();
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        RecordPump current = pump();
        if (inputShut) {
            throw new SocketException("Socket input is already shutdown");
        }
        inputShut = true;
        try {
            current.endInput();
        } finally {
            if (autoClose) {
                transport.shutdownInput();
            }
        }
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShut || transport.isOutputShutdown();
    }

    @Override
    public boolean isInputShutdown() {
        return inputShut || transport.isInputShutdown();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        RecordPump current = pump;
        try {
            if (current != null && !outputShut && !transport.isClosed()) {
                current.closeOutputIfFree();
            }
        } finally {
            if (autoClose) {
                transport.close();
            }
        }
    }

    private void closeTransportQuietly() {
        closed = true;
        if (!autoClose) {
            return;
        }
        try {
            transport.close();
        } catch (IOException ignored) {
            // A failed connection: nothing more to tell.
        }
    }

    @Override
    public boolean isClosed() {
        return closed || transport.isClosed();
    }

    @Override
    public String toString() {
        return "OffloadSSLSocket[" + engine.getSession().getCipherSuite() + ", " + transport + "]";
    }
}
