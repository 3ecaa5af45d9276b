package dev.offloadjsse.engine;

import dev.offloadjsse.handshake.DirectionKeys;
import dev.offloadjsse.handshake.HandshakeResult;
import dev.offloadjsse.record.RecordFormat;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/**
 * Checks a completion response before its keys are installed: it may come from another process,
 * so a malformed one must fail the handshake cleanly rather than break the engine.
 */
final class ResultCheck {

    private ResultCheck() {
    }

    static void check(HandshakeResult result, SupportedSuite suite) throws SSLHandshakeException {
        if (suite == null) {
            throw new SSLHandshakeException("The handshake negotiated cipher suite "
                    + SupportedSuite.nameOf(result.cipherSuite()) + ", which the record layer cannot protect");
        }
        String expectedProtocol = suite.tls13 ? "TLSv1.3" : "TLSv1.2";
        require(expectedProtocol.equals(result.protocol()), "protocol " + result.protocol() + " does not match suite " + suite);
        require(result.sessionId() != null && result.sessionId().length <= 32, "session id");
        require(result.clientRandom() != null && result.exporterSecret() != null, "client random and exporter secret");
        require(result.peerCertificates() != null && result.localCertificates() != null
                && result.requestedServerNames() != null && result.applicationProtocol() != null
                && result.pendingOutput() != null, "certificates, names, ALPN and pending output");
        require(RecordFormat.isWholeRecords(result.pendingOutput()), "pending output is not whole TLS records");
        for (DirectionKeys keys : List.of(nonNull(result.clientWrite()), nonNull(result.serverWrite()))) {
            if (suite.tls13) {
                require(keys.trafficSecret() != null && keys.trafficSecret().length >= 32, "TLS 1.3 traffic secret");
            } else {
                require(keys.key() != null && keys.key().length == suite.aead.keyLength(), "TLS 1.2 key length");
                require(keys.iv() != null && keys.iv().length == suite.aead.tls12FixedIvLength(), "TLS 1.2 IV length");
                require(keys.sequence() >= 0, "sequence number");
            }
        }
    }

    static void destroySecrets(HandshakeResult result) {
        for (DirectionKeys keys : new DirectionKeys[] {result.clientWrite(), result.serverWrite()}) {
            if (keys != null) {
                keys.destroy();
            }
        }
        if (result.exporterSecret() != null) {
            Arrays.fill(result.exporterSecret(), (byte) 0);
        }
    }

    private static DirectionKeys nonNull(DirectionKeys keys) throws SSLHandshakeException {
        require(keys != null, "direction keys");
        return keys;
    }

    private static void require(boolean condition, String what) throws SSLHandshakeException {
        if (!condition) {
            throw new SSLHandshakeException("Malformed handshake result from the offload component: " + what);
        }
    }
}
