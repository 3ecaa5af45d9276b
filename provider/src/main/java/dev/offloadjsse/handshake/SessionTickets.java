package dev.offloadjsse.handshake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.SessionParameters;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * RFC 5077 session tickets for TLS 1.2 servers: the session state, sealed with a key that only
 * this {@code SSLContext} has (generated at start, rotated every {@link #ROTATION}; the previous
 * key still opens tickets, so a ticket lives at most twice that). Ticket layout, as RFC 5077 §4
 * suggests: key_name (16) || nonce (12) || AES-256-GCM(state) with key_name as additional data.
 */
final class SessionTickets {

    static final Duration ROTATION = Duration.ofHours(12);
    private static final int KEY_NAME = 16;
    private static final int NONCE = 12;
    private static final int STATE_VERSION = 1;

    private final SecureRandom random;
    private TicketKey current;
    private TicketKey previous;

    SessionTickets(SecureRandom random) {
        this.random = random;
        this.current = TicketKey.generate(random);
    }

    long lifetimeSeconds() {
        return ROTATION.toSeconds();
    }

    /** A ticket for the session being established: called while BC still holds its master secret. */
    synchronized byte[] issue(SecurityParameters parameters, TlsCrypto crypto) throws IOException {
        rotateIfDue();
        byte[] state = encode(parameters, crypto);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = current.cipher(Cipher.ENCRYPT_MODE, nonce);
            byte[] sealed = cipher.doFinal(state);
            ByteArrayOutputStream ticket = new ByteArrayOutputStream();
            ticket.write(current.name);
            ticket.write(nonce);
            ticket.write(sealed);
            return ticket.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot seal a session ticket", e);
        } finally {
            Arrays.fill(state, (byte) 0);
        }
    }

    /** The session a client's ticket carries, or null when it is not one of ours, altered, or expired. */
    synchronized TlsSession open(byte[] ticket, byte[] sessionId, TlsCrypto crypto) {
        rotateIfDue();
        if (ticket == null || ticket.length < KEY_NAME + NONCE + 16) {
            return null;
        }
        byte[] name = Arrays.copyOf(ticket, KEY_NAME);
        TicketKey key = current.named(name) ? current : previous != null && previous.named(name) ? previous : null;
        if (key == null) {
            return null;
        }
        try {
            Cipher cipher = key.cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(ticket, KEY_NAME, KEY_NAME + NONCE));
            byte[] state = cipher.doFinal(ticket, KEY_NAME + NONCE, ticket.length - KEY_NAME - NONCE);
            try {
                return decode(state, sessionId, crypto);
            } finally {
                Arrays.fill(state, (byte) 0);
            }
        } catch (GeneralSecurityException | IOException notOurs) {
            return null;
        }
    }

    private void rotateIfDue() {
        if (System.currentTimeMillis() - current.created > ROTATION.toMillis()) {
            previous = current;
            current = TicketKey.generate(random);
        }
    }

    private static byte[] encode(SecurityParameters parameters, TlsCrypto crypto) throws IOException {
        byte[] masterSecret = crypto.adoptSecret(parameters.getMasterSecret()).extract();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_VERSION);
            out.writeLong(System.currentTimeMillis());
            out.writeShort(parameters.getCipherSuite());
            out.writeBoolean(parameters.isExtendedMasterSecret());
            out.writeShort(masterSecret.length);
            out.write(masterSecret);
            List<byte[]> chain = Certificates.encoded(parameters.getPeerCertificate());
            out.writeShort(chain.size());
            for (byte[] certificate : chain) {
                out.writeInt(certificate.length);
                out.write(certificate);
            }
        } finally {
            Arrays.fill(masterSecret, (byte) 0);
        }
        return bytes.toByteArray();
    }

    private TlsSession decode(byte[] state, byte[] sessionId, TlsCrypto crypto) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != STATE_VERSION || System.currentTimeMillis() - in.readLong() > 2 * ROTATION.toMillis()) {
                return null;
            }
            int cipherSuite = in.readUnsignedShort();
            boolean extendedMasterSecret = in.readBoolean();
            byte[] masterSecret = new byte[in.readUnsignedShort()];
            in.readFully(masterSecret);
            List<TlsCertificate> chain = new ArrayList<>();
            for (int i = in.readUnsignedShort(); i > 0; i--) {
                byte[] der = new byte[in.readInt()];
                in.readFully(der);
                chain.add(crypto.createCertificate(der));
            }
            SessionParameters parameters = new SessionParameters.Builder()
                    .setCipherSuite(cipherSuite)
                    .setExtendedMasterSecret(extendedMasterSecret)
                    .setMasterSecret(crypto.createSecret(masterSecret))
                    .setNegotiatedVersion(ProtocolVersion.TLSv12)
                    .setPeerCertificate(chain.isEmpty() ? null : new Certificate(chain.toArray(new TlsCertificate[0])))
                    .build();
            Arrays.fill(masterSecret, (byte) 0);
            return TlsUtils.importSession(sessionId, parameters);
        }
    }

    private static final class TicketKey {
        final byte[] name = new byte[KEY_NAME];
        final SecretKeySpec key;
        final long created = System.currentTimeMillis();

        private TicketKey(SecureRandom random) {
            random.nextBytes(name);
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            key = new SecretKeySpec(secret, "AES");
            Arrays.fill(secret, (byte) 0);
        }

        static TicketKey generate(SecureRandom random) {
            return new TicketKey(random);
        }

        boolean named(byte[] candidate) {
            return java.security.MessageDigest.isEqual(name, candidate);
        }

        Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(name);
            return cipher;
        }
    }
}
