package dev.offloadjsse.handshake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.bouncycastle.tls.crypto.TlsStreamSigner;

/** Bouncy Castle's signer interface over an {@link ExternalSigner}: buffers the message, then asks. */
final class ExternalTlsSigner implements TlsSigner {

    private final ExternalSigner signer;
    private final int scheme;

    ExternalTlsSigner(ExternalSigner signer, int scheme) {
        this.signer = signer;
        this.scheme = scheme;
    }

    @Override
    public byte[] generateRawSignature(SignatureAndHashAlgorithm algorithm, byte[] hash) throws IOException {
        throw new TlsFatalAlert(AlertDescription.internal_error, "An external signer signs messages, not hashes");
    }

    @Override
    public TlsStreamSigner getStreamSigner(SignatureAndHashAlgorithm algorithm) {
        ByteArrayOutputStream message = new ByteArrayOutputStream(256);
        return new TlsStreamSigner() {
            @Override
            public OutputStream getOutputStream() {
                return message;
            }

            @Override
            public byte[] getSignature() throws IOException {
                return signer.sign(scheme, message.toByteArray());
            }
        };
    }
}
