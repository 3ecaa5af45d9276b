package dev.offloadjsse.handshake;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.bouncycastle.tls.TlsSession;

/**
 * TLS 1.2 session-ID resumption state (RFC 5246 §7.3) of one {@code SSLContext}: Bouncy Castle's
 * sessions, which hold the master secrets, stay in the handshake component. The connection owner
 * decides whether a session may still be resumed (its {@code SSLSessionContext} applies
 * timeouts, size and {@code invalidate()}), through the request's predicate.
 */
final class ResumptionCache {

    private static final int MAX_SESSIONS = 20_480;

    private final SecureRandom random;
    private final SessionTickets tickets;
    private final Map<ByteBuffer, TlsSession> serverSessions = lru();
    private final Map<String, TlsSession> clientSessions = lru();

    ResumptionCache(SecureRandom random) {
        this.random = random;
        this.tickets = new SessionTickets(random);
    }

    SessionTickets tickets() {
        return tickets;
    }

    byte[] newSessionId() {
        byte[] id = new byte[32];
        random.nextBytes(id);
        return id;
    }

    synchronized TlsSession serverSession(byte[] id, Predicate<byte[]> resumable) {
        TlsSession session = serverSessions.get(ByteBuffer.wrap(id));
        return usable(session, resumable) ? session : null;
    }

    synchronized TlsSession clientSession(String peer, Predicate<byte[]> resumable) {
        TlsSession session = peer == null ? null : clientSessions.get(peer);
        return usable(session, resumable) ? session : null;
    }

    synchronized void storeServer(TlsSession session) {
        if (session != null && session.isResumable()) {
            serverSessions.put(ByteBuffer.wrap(session.getSessionID()), session);
        }
    }

    synchronized void storeClient(String peer, TlsSession session) {
        if (peer != null && session != null && session.isResumable()) {
            clientSessions.put(peer, session);
        }
    }

    private static boolean usable(TlsSession session, Predicate<byte[]> resumable) {
        return session != null && session.isResumable() && resumable.test(session.getSessionID());
    }

    private static <K> Map<K, TlsSession> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, TlsSession> eldest) {
                return size() > MAX_SESSIONS;
            }
        };
    }
}
