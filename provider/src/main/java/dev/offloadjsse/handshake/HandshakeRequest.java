package dev.offloadjsse.handshake;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What the connection owner passes to the offload component to start a handshake. The manager
 * objects and {@code engine} (the JSSE object key and trust managers are given) stay at the edge:
 * a remote component would get selectors instead.
 *
 * @param client our role
 * @param protocols enabled versions, JSSE names ({@code TLSv1.3}, {@code TLSv1.2})
 * @param cipherSuites enabled suites as IANA code points, in preference order
 * @param serverNames SNI names the client sends (empty for none)
 * @param sniMatchers server: the names a client may ask for (empty: any)
 * @param applicationProtocols ALPN, in preference order (empty: no ALPN)
 * @param useCipherSuitesOrder server: prefer our suite order over the client's
 * @param alpnSelector server: JSSE's handshake application protocol selector, or null
 * @param maxHandshakeMessageSize the largest handshake message accepted from the peer
 * @param namedGroups key exchange groups (IANA codes) in preference order; empty for the defaults
 * @param signatureSchemes signature schemes (RFC 8446 §4.2.3 codes) we offer and use, in order; empty for the defaults
 * @param resumptionKey client: the peer whose session may be resumed (host:port), or null
 * @param resumable whether the owner still allows resuming the session of this id
 */
public record HandshakeRequest(
        long connectionId,
        boolean client,
        List<String> protocols,
        int[] cipherSuites,
        X509ExtendedKeyManager keyManager,
        X509ExtendedTrustManager trustManager,
        SSLEngine engine,
        String peerHost,
        int peerPort,
        List<SNIServerName> serverNames,
        List<SNIMatcher> sniMatchers,
        List<String> applicationProtocols,
        ClientAuth clientAuth,
        boolean useCipherSuitesOrder,
        BiFunction<SSLEngine, List<String>, String> alpnSelector,
        int maxHandshakeMessageSize,
        int[] namedGroups,
        int[] signatureSchemes,
        String resumptionKey,
        Predicate<byte[]> resumable,
        HandshakeProgress progress) {
}
