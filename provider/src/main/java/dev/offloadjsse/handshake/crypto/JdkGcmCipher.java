package dev.offloadjsse.handshake.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * AES-GCM for the handshake's own encrypted records (TLS 1.3 EncryptedExtensions to Finished,
 * TLS 1.2 Finished) on the JDK's intrinsified cipher, as the record layer does afterwards.
 * Bouncy Castle's would build a 4 KiB GHASH table per key and run AES in Java. Modelled on
 * Bouncy Castle's {@code JceAEADCipherImpl}; a failed tag is {@code bad_record_mac}, as in its
 * {@code BcTlsAEADCipherImpl}.
 */
final class JdkGcmCipher implements TlsAEADCipherImpl {

    private final Provider provider;
    private final int mode;
    private final int keySize;
    private SecretKeySpec key;
    private int macSize;
    /**
     * Made at the first record: Bouncy Castle also sets up the TLS 1.3 application traffic
     * ciphers, which never run here (the record layer takes the secrets), and
     * {@code Cipher.getInstance} was 3% of a server handshake.
     */
    private Cipher cipher;

    JdkGcmCipher(Provider provider, int keySize, boolean encrypting) {
        this.provider = provider;
        this.mode = encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        this.keySize = keySize;
    }

    @Override
    public void setKey(byte[] keyBytes, int offset, int length) {
        if (length != keySize) {
            throw new IllegalStateException("AES key of " + length + " bytes, expected " + keySize);
        }
        key = new SecretKeySpec(keyBytes, offset, length, "AES");
    }

    @Override
    public void init(byte[] nonce, int macSize) throws IOException {
        try {
            if (cipher == null) {
                cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
            }
            cipher.init(mode, key, new GCMParameterSpec(macSize * 8, nonce));
            this.macSize = macSize;
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "AES-GCM init failed", e);
        }
    }

    @Override
    public int getOutputSize(int inputLength) {
        return mode == Cipher.ENCRYPT_MODE ? inputLength + macSize : Math.max(0, inputLength - macSize);
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset)
            throws IOException {
        try {
            if (additionalData != null && additionalData.length > 0) {
                cipher.updateAAD(additionalData);
            }
            // One call for the whole record: in place (input and output overlap), which the JDK's GCM allows.
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (AEADBadTagException e) {
            throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "AES-GCM failed", e);
        }
    }
}
