package dev.offloadjsse.engine;

import dev.offloadjsse.record.RecordFormat;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;

/**
 * An {@link ExtendedSSLSession}. The same object serves as the handshake session (filled in as the
 * handshake reports progress, so that key and trust managers see accurate values) and, once the
 * handshake result is installed, as the engine's session.
 */
final class OffloadSession extends ExtendedSSLSession {

    /** JCA names of the signature algorithms the handshake component verifies and produces. */
    private static final String[] SIGNATURE_ALGORITHMS = {
        "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA", "Ed25519", "RSASSA-PSS",
        "SHA256withRSA", "SHA384withRSA", "SHA512withRSA"
    };

    private static final int MAX_TICKETS = 4;
    /** Session value naming the offload component instance that ran the handshake, when it said. */
    static final String SERVED_BY = "offloadjsse.servedBy";

    private final String peerHost;
    private final int peerPort;
    private final long creationTime = System.currentTimeMillis();
    /** Made at the first putValue: most sessions never hold a value. */
    private volatile Map<String, Object> values = Map.of();
    private final SSLSessionContext sessionContext;
    private volatile long lastAccessedTime = creationTime;
    private volatile byte[] id = new byte[0];
    private volatile String protocol = "NONE";
    private volatile String cipherSuite = "SSL_NULL_WITH_NULL_NULL";
    private volatile X509Certificate[] peerCertificates;
    private volatile X509Certificate[] localCertificates;
    private volatile List<SNIServerName> requestedServerNames = List.of();
    private volatile boolean valid = true;
    private volatile String handshakeApplicationProtocol;
    private java.util.Deque<byte[]> tickets;

    OffloadSession(String peerHost, int peerPort, SSLSessionContext sessionContext) {
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.sessionContext = sessionContext;
    }

    /** The session of an engine whose handshake has not completed. */
    static OffloadSession nullSession(String peerHost, int peerPort) {
        OffloadSession session = new OffloadSession(peerHost, peerPort, null);
        session.valid = false;
        return session;
    }

    void protocolSelected(String protocol, String cipherSuite) {
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
    }

    void id(byte[] id) {
        this.id = id.clone();
    }

    void peerCertificates(X509Certificate[] chain) {
        this.peerCertificates = chain == null || chain.length == 0 ? null : chain.clone();
    }

    void localCertificates(X509Certificate[] chain) {
        this.localCertificates = chain == null || chain.length == 0 ? null : chain.clone();
    }

    void requestedServerNames(List<SNIServerName> names) {
        this.requestedServerNames = List.copyOf(names);
    }

    void handshakeApplicationProtocol(String protocol) {
        this.handshakeApplicationProtocol = protocol;
    }

    /** Null until the handshake has chosen, then the protocol or "". */
    String handshakeApplicationProtocol() {
        return handshakeApplicationProtocol;
    }

    /** TLS 1.3 NewSessionTicket bodies the server sent (RFC 8446 §4.6.1); the newest few are kept. */
    synchronized void ticketReceived(byte[] ticket) {
        if (tickets == null) {
            tickets = new java.util.ArrayDeque<>(MAX_TICKETS + 1);
        }
        tickets.addLast(ticket);
        while (tickets.size() > MAX_TICKETS) {
            tickets.pollFirst();
        }
    }

    synchronized int ticketCount() {
        return tickets == null ? 0 : tickets.size();
    }

    void accessed() {
        lastAccessedTime = System.currentTimeMillis();
    }

    @Override
    public byte[] getId() {
        return id.clone();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return sessionContext;
    }

    @Override
    public long getCreationTime() {
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        return lastAccessedTime;
    }

    @Override
    public void invalidate() {
        valid = false;
        if (sessionContext instanceof OffloadSessionContext) {
            ((OffloadSessionContext) sessionContext).remove(this);
        }
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public void putValue(String name, Object value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("name and value must not be null");
        }
        Object old;
        synchronized (this) {
            if (!(values instanceof ConcurrentHashMap)) {
                values = new ConcurrentHashMap<>();
            }
            old = values.put(name, value);
        }
        if (old instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
        if (value instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) value).valueBound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public Object getValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        return values.get(name);
    }

    @Override
    public void removeValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        Map<String, Object> current = values;
        Object old = current instanceof ConcurrentHashMap ? current.remove(name) : null;
        if (old instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public String[] getValueNames() {
        return values.keySet().toArray(new String[0]);
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        X509Certificate[] chain = peerCertificates;
        if (chain == null) {
            throw new SSLPeerUnverifiedException("The peer has not been verified: it presented no certificate");
        }
        return chain.clone();
    }

    @Override
    public Certificate[] getLocalCertificates() {
        X509Certificate[] chain = localCertificates;
        return chain == null ? null : chain.clone();
    }

    @SuppressWarnings("removal")
    @Override
    public javax.security.cert.X509Certificate[] getPeerCertificateChain() throws SSLPeerUnverifiedException {
        throw new UnsupportedOperationException("javax.security.cert is deprecated; use getPeerCertificates()");
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        return ((X509Certificate) getPeerCertificates()[0]).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        X509Certificate[] chain = localCertificates;
        return chain == null ? null : chain[0].getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        return cipherSuite;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return RecordFormat.MAX_PACKET;
    }

    @Override
    public int getApplicationBufferSize() {
        return RecordFormat.MAX_PACKET - RecordFormat.HEADER_LENGTH;
    }

    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return SIGNATURE_ALGORITHMS.clone();
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return SIGNATURE_ALGORITHMS.clone();
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        return requestedServerNames;
    }

    @Override
    public List<byte[]> getStatusResponses() {
        return Collections.unmodifiableList(new ArrayList<>());
    }

    @Override
    public String toString() {
        return "OffloadSession[" + protocol + ", " + cipherSuite + ", peer " + peerHost + ":" + peerPort + "]";
    }
}
