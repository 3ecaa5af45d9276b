package dev.offloadjsse.remote;

import java.io.IOException;

/**
 * A private key whose signatures are made elsewhere (keyless TLS): the handshake gives it the
 * whole content to sign and gets the signature back.
 *
 * <p><b>Interim.</b> The provider's handshake converts JDK keys through their PKCS#8 encoding,
 * which a key held by another process cannot give; it needs a hook that calls
 * {@link #sign} instead (requested in {@code /tmp/offload-bugs.md}, "REMOTE: signer hook", as
 * {@code dev.offloadjsse.handshake.ExternalSigner} with this method). Until the provider has it,
 * this copy lets {@link RemoteKey} compile; once it lands, {@link RemoteKey} implements the
 * provider's interface and this one goes.
 */
public interface ExternalSigner {

    /**
     * Signs {@code message}.
     *
     * @param signatureScheme the TLS SignatureScheme (RFC 8446 §4.2.3), e.g. 0x0403 for ECDSA P-256 SHA-256
     * @param message the whole content to be signed, not its hash: TLS 1.3 the CertificateVerify
     *     input (RFC 8446 §4.4.3), TLS 1.2 client random, server random and ServerECDHParams (RFC 8422 §5.4)
     * @return the signature as it goes on the wire (ECDSA: DER)
     * @throws IOException when no signature can be had; the handshake fails with it
     */
    byte[] sign(int signatureScheme, byte[] message) throws IOException;
}
