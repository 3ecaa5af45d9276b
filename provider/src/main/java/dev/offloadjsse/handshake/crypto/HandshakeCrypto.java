package dev.offloadjsse.handshake.crypto;

import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Chooses the crypto behind the handshake. System property {@value #PROPERTY}:
 * <ul>
 *   <li>{@code auto} (default): Bouncy Castle's, with the JDK's SHA-2 and, when Conscrypt is on
 *       the class path (or registered as provider "Conscrypt"), Conscrypt's ECDSA and RSA
 *       signing, NIST-curve ECDHE and ECDSA checks ({@link HybridTlsCrypto});</li>
 *   <li>{@code bc}: Bouncy Castle's alone, as before.</li>
 * </ul>
 * Conscrypt is found at run time by name and used through {@link Provider} only: the provider
 * module neither compiles against it nor needs it. Which backend is used is logged once (INFO).
 */
public final class HandshakeCrypto {

    public static final String PROPERTY = "offloadjsse.handshakeCrypto";

    private static final System.Logger LOG = System.getLogger(HandshakeCrypto.class.getName());
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
    private static final String CONSCRYPT_CLASS = "org.conscrypt.OpenSSLProvider";

    /** What {@value #PROPERTY} may say. */
    public enum Choice {
        AUTO, BC;

        public static Choice fromSystemProperty() {
            String value = System.getProperty(PROPERTY, "auto").trim();
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " must be 'auto' or 'bc', not '" + value + "'", e);
            }
        }
    }

    private HandshakeCrypto() {
    }

    /** The crypto for one {@code SSLContext}'s handshakes. */
    public static BcTlsCrypto create(SecureRandom random, Choice choice) {
        if (choice == Choice.BC) {
            logOnce("Handshake crypto: Bouncy Castle (" + PROPERTY + "=bc)");
            return new BcTlsCrypto(random);
        }
        MessageDigest[] digests = jdkDigests();
        NativeSigning signing = NativeProvider.SIGNING;
        List<String> parts = new ArrayList<>();
        parts.add("JDK SHA-2");
        if (jdkGcm() != null) {
            parts.add("JDK AES-GCM");
        }
        parts.add(signing == null ? "Bouncy Castle signing (" + NativeProvider.ABSENCE + ")" : signing.describe() + " signing");
        if (NativeProvider.ECDH != null) {
            parts.add(NativeProvider.ECDH.describe() + " (NIST curves)");
        }
        if (NativeProvider.VERIFICATION != null) {
            parts.add(NativeProvider.VERIFICATION.describe() + " (NIST curves)");
        }
        logOnce("Handshake crypto: Bouncy Castle with " + String.join(", ", parts));
        return new HybridTlsCrypto(random, digests, jdkGcm(), signing, NativeProvider.ECDH, NativeProvider.VERIFICATION);
    }

    /**
     * For tests and diagnostics: "bc", "hybrid" (JDK SHA-2) or "hybrid+" and the name of the
     * provider that signs ("hybrid+Conscrypt").
     */
    public static String describe(BcTlsCrypto crypto) {
        return crypto instanceof HybridTlsCrypto ? ((HybridTlsCrypto) crypto).describe() : "bc";
    }

    /**
     * A faster signer for {@code key} and {@code signatureScheme} than Bouncy Castle's, or null:
     * then Bouncy Castle signs.
     */
    public static TlsSigner signer(BcTlsCrypto crypto, PrivateKey key, int signatureScheme) {
        return crypto instanceof HybridTlsCrypto ? ((HybridTlsCrypto) crypto).signer(key, signatureScheme) : null;
    }

    /** The SUN provider's SHA-2, asked for by name: a Conscrypt registered first would be slower (JNI per call). */
    private static MessageDigest[] jdkDigests() {
        MessageDigest[] digests = new MessageDigest[CryptoHashAlgorithm.sha512 + 1];
        Provider sun = Security.getProvider("SUN");
        for (int algorithm : new int[] {CryptoHashAlgorithm.sha224, CryptoHashAlgorithm.sha256,
                CryptoHashAlgorithm.sha384, CryptoHashAlgorithm.sha512}) {
            try {
                MessageDigest digest = sun == null ? MessageDigest.getInstance(HybridTlsCrypto.bcName(algorithm))
                        : MessageDigest.getInstance(HybridTlsCrypto.bcName(algorithm), sun);
                digest.clone(); // must be copyable: transcript hashes are forked
                digests[algorithm] = digest;
            } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
                // Bouncy Castle hashes this one
            }
        }
        return digests;
    }

    /** SunJCE, by name, when it has AES-GCM: another provider registered first may be slower. */
    private static Provider jdkGcm() {
        Provider sunJce = Security.getProvider("SunJCE");
        return sunJce != null && sunJce.getService("Cipher", "AES/GCM/NoPadding") != null ? sunJce : null;
    }

    private static void logOnce(String message) {
        if (LOGGED.add(message)) {
            LOG.log(Level.INFO, message);
        }
    }

    /** Conscrypt, found once per JVM (loading it loads its native library). */
    private static final class NativeProvider {

        /** Null when there is none. */
        static final NativeSigning SIGNING;
        /** Null when there is none. */
        static final NativeEcdh ECDH;
        /** Null when there is none. */
        static final NativeVerification VERIFICATION;
        /** Why {@link #SIGNING} is null, for the log. */
        static final String ABSENCE;

        static {
            String[] absence = new String[1];
            Provider provider = find(absence);
            SIGNING = provider == null ? null : NativeSigning.of(provider);
            ECDH = provider == null ? null : NativeEcdh.of(provider);
            VERIFICATION = provider == null ? null : NativeVerification.of(provider);
            ABSENCE = provider != null && SIGNING == null ? provider.getName() + " signs with neither EC nor RSA keys" : absence[0];
        }

        private static Provider find(String[] absence) {
            Provider provider = Security.getProvider("Conscrypt");
            if (provider == null) {
                try {
                    Class<?> type = Class.forName(CONSCRYPT_CLASS, true, HandshakeCrypto.class.getClassLoader());
                    provider = (Provider) type.getConstructor().newInstance();
                } catch (ClassNotFoundException e) {
                    absence[0] = "no Conscrypt on the class path";
                    return null;
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    absence[0] = "Conscrypt did not load: " + e; // e.g. no native library for this platform
                    return null;
                }
            }
            return provider;
        }
    }
}
