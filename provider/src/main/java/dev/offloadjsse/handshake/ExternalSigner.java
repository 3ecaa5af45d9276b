package dev.offloadjsse.handshake;

import java.io.IOException;

/**
 * A private key that signs somewhere else — a key-holding process, an HSM — the way keyless TLS
 * does it. A key manager hands out a {@link java.security.PrivateKey} that also implements this
 * interface; the handshake then asks it for each signature instead of reading the key.
 */
public interface ExternalSigner {

    /**
     * @param signatureScheme the TLS SignatureScheme (RFC 8446 §4.2.3)
     * @param message the whole content to sign, not a hash (TLS 1.3: the CertificateVerify input of
     *     RFC 8446 §4.4.3; TLS 1.2: client_random + server_random + ServerECDHParams), so that the
     *     signing side can check it signs nothing but a TLS handshake
     * @return the signature as it goes on the wire (ECDSA: DER)
     */
    byte[] sign(int signatureScheme, byte[] message) throws IOException;
}
