package dev.offloadjsse.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Random;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.bouncycastle.tls.crypto.TlsCryptoUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 8446 §7.3 traffic keys and §7.2 key updates, with Bouncy Castle's HKDF-Expand-Label as
 * the oracle; derived again and again on one thread, so that the cached Mac is reused.
 */
class TrafficKeysTest {

    private final BcTlsCrypto bc = new BcTlsCrypto(new SecureRandom());

    @ParameterizedTest
    @CsvSource({"HmacSHA256, AES_128_GCM, 32", "HmacSHA384, AES_256_GCM, 48"})
    void keyAndIvAreHkdfExpandLabelOfTheSecret(String hmac, AeadAlgorithm algorithm, int hashLength) throws Exception {
        int hash = hashLength == 32 ? CryptoHashAlgorithm.sha256 : CryptoHashAlgorithm.sha384;
        for (int seed = 0; seed < 3; seed++) {
            byte[] secret = bytes(hashLength, seed);

            TrafficKeys keys = TrafficKeys.fromSecret(hmac, secret, algorithm);

            assertThat(keys.key()).isEqualTo(expandLabel(secret, hash, "key", algorithm.keyLength()));
            assertThat(keys.iv()).isEqualTo(expandLabel(secret, hash, "iv", AeadAlgorithm.NONCE_LENGTH));
        }
    }

    @ParameterizedTest
    @CsvSource({"HmacSHA256, AES_128_GCM, 32", "HmacSHA384, AES_256_GCM, 48"})
    void nextGenerationIsTrafficUpdOfTheSecret(String hmac, AeadAlgorithm algorithm, int hashLength) throws Exception {
        int hash = hashLength == 32 ? CryptoHashAlgorithm.sha256 : CryptoHashAlgorithm.sha384;
        byte[] secret = bytes(hashLength, 7);
        byte[] nextSecret = expandLabel(secret, hash, "traffic upd", hashLength);

        TrafficKeys next = TrafficKeys.fromSecret(hmac, secret, algorithm).next(algorithm);

        assertThat(next.key()).isEqualTo(expandLabel(nextSecret, hash, "key", algorithm.keyLength()));
        assertThat(next.iv()).isEqualTo(expandLabel(nextSecret, hash, "iv", AeadAlgorithm.NONCE_LENGTH));
    }

    private byte[] expandLabel(byte[] secret, int hash, String label, int length) throws Exception {
        return TlsCryptoUtils.hkdfExpandLabel(bc.createSecret(secret), hash, label, new byte[0], length).extract();
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
