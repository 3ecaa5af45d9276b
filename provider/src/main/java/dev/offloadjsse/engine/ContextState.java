package dev.offloadjsse.engine;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.handshake.HandshakerFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** What an initialised {@code SSLContext} shares with all its engines. */
final class ContextState {

    static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    final OffloadConfig config;
    final HandshakerFactory handshakers;
    final X509ExtendedKeyManager keyManager;
    final X509ExtendedTrustManager trustManager;
    final OffloadSessionContext clientSessions;
    final OffloadSessionContext serverSessions;
    final List<String> clientDefaultProtocols;
    /** From {@code jdk.tls.namedGroups}, read when the context is initialised, as SunJSSE reads it. */
    final int[] namedGroups = NamedGroups.fromSystemProperty();
    /** From {@code jdk.tls.client.SignatureSchemes} and {@code jdk.tls.server.SignatureSchemes} (JDK 17). */
    final int[] clientSignatureSchemes = SignatureSchemeSettings.fromSystemProperty("jdk.tls.client.SignatureSchemes");
    final int[] serverSignatureSchemes = SignatureSchemeSettings.fromSystemProperty("jdk.tls.server.SignatureSchemes");

    ContextState(OffloadConfig config, HandshakerFactory handshakers, X509ExtendedKeyManager keyManager,
            X509ExtendedTrustManager trustManager, OffloadSessionContext clientSessions,
            OffloadSessionContext serverSessions, List<String> clientDefaultProtocols) {
        this.config = config;
        this.handshakers = handshakers;
        this.keyManager = keyManager;
        this.trustManager = trustManager;
        this.clientSessions = clientSessions;
        this.serverSessions = serverSessions;
        this.clientDefaultProtocols = clientDefaultProtocols;
    }

    long nextConnectionId() {
        return CONNECTION_IDS.incrementAndGet();
    }
}
