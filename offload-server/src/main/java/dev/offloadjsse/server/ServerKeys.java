package dev.offloadjsse.server;

import dev.offloadjsse.remote.RemoteKeys;
import dev.offloadjsse.remote.WireCodec;
import dev.offloadjsse.remote.wire.ServerKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's keys for the private-key-only granularity: each key by its id (SHA-256 of its
 * leaf certificate), and signing with it. A front end may ask for any signature, so the server
 * signs only what a TLS server signs: a TLS 1.3 server CertificateVerify input (RFC 8446 §4.4.3)
 * or a TLS 1.2 ECDHE ServerKeyExchange's randoms and parameters (RFC 8422 §5.4). Neither can be
 * mistaken for a certificate, a CRL or an OCSP response (DER, starting 0x30), so the key does
 * not become a general signing oracle for whoever holds a channel certificate.
 */
final class ServerKeys {

    /** JSSE key types a key manager is asked for. */
    private static final List<String> KEY_TYPES = List.of("EC", "RSA", "RSASSA-PSS", "EdDSA");
    private static final byte[] TLS13_SERVER_CONTEXT = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private record Key(String algorithm, PrivateKey key, X509Certificate[] chain) {
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();

    ServerKeys(X509ExtendedKeyManager keyManager) {
        for (String type : KEY_TYPES) {
            String[] aliases = keyManager.getServerAliases(type, null);
            if (aliases == null) {
                continue;
            }
            for (String alias : aliases) {
                PrivateKey key = keyManager.getPrivateKey(alias);
                X509Certificate[] chain = keyManager.getCertificateChain(alias);
                if (key != null && chain != null && chain.length > 0) {
                    keys.putIfAbsent(RemoteKeys.keyId(chain[0]), new Key(key.getAlgorithm(), key, chain));
                }
            }
        }
    }

    List<ServerKey> list() {
        List<ServerKey> list = new ArrayList<>();
        keys.forEach((id, key) -> list.add(ServerKey.newBuilder().setKeyId(id).setAlgorithm(key.algorithm())
                .addAllChain(Arrays.stream(key.chain()).map(WireCodec::der).toList()).build()));
        return list;
    }

    /** Why {@code message} is refused, or null when it may be signed. */
    static String refusal(byte[] message) {
        if (isTls13CertificateVerifyInput(message) || isTls12EcdheParameters(message)) {
            return null;
        }
        return "the message is neither a TLS 1.3 server CertificateVerify input nor TLS 1.2 ECDHE ServerKeyExchange parameters";
    }

    /** 64 spaces, the server's context string, 0, the transcript hash (SHA-256/384/512). */
    private static boolean isTls13CertificateVerifyInput(byte[] message) {
        int prefix = 64 + TLS13_SERVER_CONTEXT.length + 1;
        int hash = message.length - prefix;
        if (hash != 32 && hash != 48 && hash != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (message[i] != 0x20) {
                return false;
            }
        }
        return Arrays.equals(message, 64, 64 + TLS13_SERVER_CONTEXT.length, TLS13_SERVER_CONTEXT, 0, TLS13_SERVER_CONTEXT.length)
                && message[prefix - 1] == 0;
    }

    /** client_random, server_random, then ServerECDHParams: named_curve (3), group, and the public point, nothing after. */
    private static boolean isTls12EcdheParameters(byte[] message) {
        return message.length > 64 + 4 && message[64] == 3 && (message[67] & 0xff) == message.length - 68
                && (message[67] & 0xff) > 0;
    }

    /**
     * Signs with the key {@code keyId} under {@code signatureScheme} (IANA code).
     *
     * @throws IllegalArgumentException for an unknown key or scheme, or a refused message
     */
    byte[] sign(String keyId, int signatureScheme, byte[] message) throws GeneralSecurityException {
        Key key = keys.get(keyId);
        if (key == null) {
            throw new IllegalArgumentException("no key " + keyId + " here");
        }
        String refusal = refusal(message);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        Signature signature = signature(signatureScheme, key.algorithm());
        signature.initSign(key.key());
        signature.update(message);
        return signature.sign();
    }

    /** The JCA signature for a TLS SignatureScheme (RFC 8446 §4.2.3) with a key of {@code algorithm}. */
    private static Signature signature(int scheme, String algorithm) throws GeneralSecurityException {
        switch (scheme) {
            case 0x0403:
            case 0x0503:
            case 0x0603:
                require(algorithm, "EC", scheme);
                return Signature.getInstance(scheme == 0x0403 ? "SHA256withECDSA" : scheme == 0x0503 ? "SHA384withECDSA" : "SHA512withECDSA");
            case 0x0401:
            case 0x0501:
            case 0x0601:
                require(algorithm, "RSA", scheme);
                return Signature.getInstance(scheme == 0x0401 ? "SHA256withRSA" : scheme == 0x0501 ? "SHA384withRSA" : "SHA512withRSA");
            case 0x0804:
            case 0x0805:
            case 0x0806:
                require(algorithm, "RSA", scheme);
                return pss(scheme - 0x0804);
            case 0x0809:
            case 0x080a:
            case 0x080b:
                require(algorithm, "RSASSA-PSS", scheme);
                return pss(scheme - 0x0809);
            case 0x0807:
                require(algorithm, "EdDSA", scheme);
                return Signature.getInstance("Ed25519");
            default:
                throw new IllegalArgumentException("signature scheme 0x" + Integer.toHexString(scheme) + " is not one this server signs");
        }
    }

    /** RSA-PSS with the salt as long as the hash and MGF1 over the same hash (RFC 8446 §4.2.3). */
    private static Signature pss(int index) throws GeneralSecurityException {
        String hash = new String[] {"SHA-256", "SHA-384", "SHA-512"}[index];
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), 32 + 16 * index, 1));
        return signature;
    }

    private static void require(String algorithm, String needed, int scheme) {
        boolean ok = algorithm.equals(needed) || needed.equals("EdDSA") && algorithm.equals("Ed25519");
        if (!ok) {
            throw new IllegalArgumentException("signature scheme 0x" + Integer.toHexString(scheme) + " needs an " + needed
                    + " key, not " + algorithm);
        }
    }
}
