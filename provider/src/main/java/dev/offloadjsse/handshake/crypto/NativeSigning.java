package dev.offloadjsse.handshake.crypto;

import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.bouncycastle.tls.crypto.TlsSigner;

/**
 * Private-key operations in a native JCA provider (Conscrypt). Each JDK private key is imported
 * into the provider once, from its PKCS#8 encoding, and the provider's key is kept (weakly, per
 * JDK key object, as {@code KeyMaterial} keeps Bouncy Castle's): a handshake never converts a key.
 * Importing per signature would cost as much again as signing (42 against 25 µs for P-256 here).
 */
final class NativeSigning {

    private static final System.Logger LOG = System.getLogger(NativeSigning.class.getName());

    private final Provider provider;
    private final Set<String> keyAlgorithms;
    private final Map<PrivateKey, Optional<PrivateKey>> imported = Collections.synchronizedMap(new WeakHashMap<>());

    /** Null when {@code provider} signs with neither EC nor RSA keys. */
    static NativeSigning of(Provider provider) {
        Set<String> algorithms = new TreeSet<>();
        for (String algorithm : List.of("EC", "RSA")) {
            if (supports(provider, algorithm)) {
                algorithms.add(algorithm);
            }
        }
        return algorithms.isEmpty() ? null : new NativeSigning(provider, algorithms);
    }

    private NativeSigning(Provider provider, Set<String> keyAlgorithms) {
        this.provider = provider;
        this.keyAlgorithms = keyAlgorithms;
    }

    String providerName() {
        return provider.getName();
    }

    /** For the log: "Conscrypt (EC, RSA)". */
    String describe() {
        return provider.getName() + " " + keyAlgorithms;
    }

    /** A signer for {@code scheme} with {@code key}, or null when the provider cannot take the key or scheme. */
    TlsSigner signer(PrivateKey key, int scheme, SecureRandom random) {
        if (!keyAlgorithms.contains(key.getAlgorithm()) || !JcaSigner.handles(key.getAlgorithm(), scheme)) {
            return null;
        }
        PrivateKey nativeKey = imported.computeIfAbsent(key, this::importKey).orElse(null);
        return nativeKey == null ? null : new JcaSigner(provider, nativeKey, scheme, random);
    }

    private Optional<PrivateKey> importKey(PrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        if (pkcs8 == null) {
            return Optional.empty(); // a hardware key, say: Bouncy Castle's path reports it
        }
        try {
            return Optional.of(KeyFactory.getInstance(key.getAlgorithm(), provider).generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.log(Level.WARNING, () -> "Cannot import a " + key.getAlgorithm() + " key into " + provider.getName()
                    + "; Bouncy Castle signs with it: " + e);
            return Optional.empty();
        }
    }

    /** Whether the provider offers what {@link JcaSigner} asks of it for keys of {@code keyAlgorithm}. */
    private static boolean supports(Provider provider, String keyAlgorithm) {
        boolean factory = provider.getService("KeyFactory", keyAlgorithm) != null;
        switch (keyAlgorithm) {
            case "EC":
                return factory && provider.getService("Signature", "NONEwithECDSA") != null;
            case "RSA":
                return factory && provider.getService("Signature", "NONEwithRSA") != null
                        && provider.getService("Signature", "SHA256withRSA") != null
                        && provider.getService("Signature", "SHA256withRSA/PSS") != null;
            default:
                return false;
        }
    }
}
