package dev.offloadjsse.engine;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/** The sessions one {@code SSLContext} has established, in one role, bounded by size and age. */
final class OffloadSessionContext implements SSLSessionContext {

    private final Map<ByteBuffer, OffloadSession> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private int timeoutSeconds = 86400;
    private int cacheSize = 20480;

    synchronized void add(OffloadSession session) {
        byte[] id = session.getId();
        if (id.length == 0) {
            return;
        }
        sessions.put(ByteBuffer.wrap(id), session);
        trim();
    }

    synchronized void remove(OffloadSession session) {
        sessions.remove(ByteBuffer.wrap(session.getId()));
    }

    @Override
    public synchronized SSLSession getSession(byte[] sessionId) {
        if (sessionId == null) {
            throw new NullPointerException("sessionId");
        }
        OffloadSession session = sessions.get(ByteBuffer.wrap(sessionId));
        if (session != null && expired(session)) {
            sessions.remove(ByteBuffer.wrap(sessionId));
            return null;
        }
        return session;
    }

    @Override
    public synchronized Enumeration<byte[]> getIds() {
        sessions.values().removeIf(this::expired);
        return Collections.enumeration(sessions.values().stream().map(OffloadSession::getId).toList());
    }

    @Override
    public synchronized void setSessionTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("Session timeout must not be negative: " + seconds);
        }
        timeoutSeconds = seconds;
    }

    @Override
    public synchronized int getSessionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public synchronized void setSessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("Session cache size must not be negative: " + size);
        }
        cacheSize = size;
        trim();
    }

    @Override
    public synchronized int getSessionCacheSize() {
        return cacheSize;
    }

    private boolean expired(OffloadSession session) {
        return timeoutSeconds > 0 && System.currentTimeMillis() - session.getCreationTime() > timeoutSeconds * 1000L;
    }

    private void trim() {
        if (cacheSize == 0) {
            return;
        }
        var iterator = sessions.values().iterator();
        while (sessions.size() > cacheSize && iterator.hasNext()) {
            iterator.next();
            iterator.remove();
        }
    }
}
