package dev.offloadjsse.handshake.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.Signature;
import java.security.SignatureException;

/** Feeds what Bouncy Castle writes straight into a {@link Signature}, for signing or checking. */
class SignatureOutputStream extends OutputStream {

    final Signature signature;

    SignatureOutputStream(Signature signature) {
        this.signature = signature;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            signature.update(b, off, len);
        } catch (SignatureException e) {
            throw new IOException(e);
        }
    }
}
