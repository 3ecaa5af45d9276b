package dev.offloadjsse.handshake;

import java.io.Serializable;
import java.util.List;

/**
 * The completion response of the offload component: everything the connection owner needs to
 * run the secure session without the handshake state. A plain, serialisable value.
 *
 * @param protocol {@code TLSv1.3} or {@code TLSv1.2}
 * @param cipherSuite IANA code point
 * @param clientWrite keys of the records the client writes
 * @param serverWrite keys of the records the server writes
 * @param peerCertificates DER, leaf first; empty when the peer sent none
 * @param localCertificates DER, leaf first; empty when we sent none
 * @param applicationProtocol the ALPN protocol, or "" when none was negotiated
 * @param requestedServerNames host names from the client's SNI
 * @param namedGroup IANA code of the key exchange group, -1 when unknown
 * @param exporterSecret TLS 1.3 exporter_master_secret, TLS 1.2 master secret
 * @param clientRandom the ClientHello's random, which names the connection in a key log
 * @param pendingOutput handshake records still to be written (e.g. the TLS 1.2 server's
 *     ChangeCipherSpec and Finished)
 */
public record HandshakeResult(
        byte[] sessionId,
        String protocol,
        int cipherSuite,
        DirectionKeys clientWrite,
        DirectionKeys serverWrite,
        List<byte[]> peerCertificates,
        List<byte[]> localCertificates,
        String applicationProtocol,
        List<String> requestedServerNames,
        int namedGroup,
        byte[] exporterSecret,
        byte[] clientRandom,
        boolean resumed,
        byte[] pendingOutput) implements Serializable {

    @Override
    public String toString() {
        return "HandshakeResult[" + protocol + ", suite 0x" + Integer.toHexString(cipherSuite)
                + ", alpn '" + applicationProtocol + "', resumed " + resumed + ", secrets hidden]";
    }
}
