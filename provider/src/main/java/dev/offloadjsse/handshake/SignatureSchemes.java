package dev.offloadjsse.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;

/** RFC 8446 §4.2.3 signature scheme names, as {@code jdk.tls.*.SignatureSchemes} and SSLParameters use them. */
public final class SignatureSchemes {

    private static final int[] KNOWN = {
        SignatureScheme.ecdsa_secp256r1_sha256, SignatureScheme.ecdsa_secp384r1_sha384, SignatureScheme.ecdsa_secp521r1_sha512,
        SignatureScheme.ed25519, SignatureScheme.ed448,
        SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pss_rsae_sha384, SignatureScheme.rsa_pss_rsae_sha512,
        SignatureScheme.rsa_pss_pss_sha256, SignatureScheme.rsa_pss_pss_sha384, SignatureScheme.rsa_pss_pss_sha512,
        SignatureScheme.rsa_pkcs1_sha256, SignatureScheme.rsa_pkcs1_sha384, SignatureScheme.rsa_pkcs1_sha512,
        SignatureScheme.ecdsa_sha1, SignatureScheme.rsa_pkcs1_sha1,
    };

    private SignatureSchemes() {
    }

    /** The code points of the names this handshake knows, in the given order; unknown names are skipped. */
    public static int[] codes(String[] names) {
        List<Integer> codes = new ArrayList<>();
        for (String name : names) {
            for (int code : KNOWN) {
                if (SignatureScheme.getName(code).equals(name.trim().toLowerCase(Locale.ROOT)) && !codes.contains(code)) {
                    codes.add(code);
                }
            }
        }
        return codes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code configured} as BC's signature_algorithms list, or null to keep the defaults. */
    static Vector<SignatureAndHashAlgorithm> vector(int[] configured) {
        if (configured.length == 0) {
            return null;
        }
        Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
        for (int code : configured) {
            algorithms.add(SignatureScheme.getSignatureAndHashAlgorithm(code));
        }
        return algorithms;
    }

    /** {@code ours} restricted to {@code configured} (all of {@code ours} when nothing is configured). */
    static List<Integer> allowed(List<Integer> ours, int[] configured) {
        if (configured.length == 0) {
            return ours;
        }
        List<Integer> allowed = new ArrayList<>();
        for (int code : configured) {
            if (ours.contains(code)) {
                allowed.add(code);
            }
        }
        return allowed;
    }
}
