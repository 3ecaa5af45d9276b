package dev.offloadjsse.handshake.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hybrid crypto's secrets derive what Bouncy Castle's derive: RFC 5869's test vectors for
 * HKDF, Bouncy Castle's {@code BcTlsSecret} for SHA-384 HKDF, the TLS 1.2 PRF and the HMAC; and
 * the per-thread HMACs they borrow keep no key.
 */
class HybridTlsSecretTest {

    private static final HexFormat HEX = HexFormat.of();

    private final BcTlsCrypto hybrid = HandshakeCrypto.create(new SecureRandom(), HandshakeCrypto.Choice.AUTO);
    private final BcTlsCrypto bc = HandshakeCrypto.create(new SecureRandom(), HandshakeCrypto.Choice.BC);

    @Test
    void hkdfGivesRfc5869TestCase1() {
        assertHkdf("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
                "f0f1f2f3f4f5f6f7f8f9", 42,
                "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    /** Longer inputs and an output of three blocks, the last one partial. */
    @Test
    void hkdfGivesRfc5869TestCase2() {
        assertHkdf(range(0x00, 80), range(0x60, 80), range(0xb0, 80), 82,
                "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                        + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                        + "cc30c58179ec3e87c14c01d5c1f3434f1d87");
    }

    /** Empty salt and info. */
    @Test
    void hkdfGivesRfc5869TestCase3() {
        assertHkdf("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
                "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 47, 48, 49, 200})
    void sha384HkdfMatchesBouncyCastle(int length) {
        byte[] salt = bytes(48, 1);
        byte[] ikm = bytes(32, 2);
        byte[] info = bytes(20, 3);
        int sha384 = CryptoHashAlgorithm.sha384;
        byte[] ours = hybrid.createSecret(salt).hkdfExtract(sha384, hybrid.createSecret(ikm)).hkdfExpand(sha384, info, length)
                .extract();
        byte[] theirs = bc.createSecret(salt).hkdfExtract(sha384, bc.createSecret(ikm)).hkdfExpand(sha384, info, length)
                .extract();
        assertThat(ours).isEqualTo(theirs);
    }

    /** TLS 1.2's master secret, key block and Finished sizes, and lengths either side of a block. */
    @ParameterizedTest
    @ValueSource(ints = {12, 31, 32, 33, 48, 104})
    void tls12PrfMatchesBouncyCastle(int length) {
        byte[] secret = bytes(48, 4);
        byte[] seed = bytes(64, 5);
        for (int prf : new int[] {PRFAlgorithm.tls_prf_sha256, PRFAlgorithm.tls_prf_sha384, PRFAlgorithm.tls_prf_legacy}) {
            byte[] ours = hybrid.createSecret(secret).deriveUsingPRF(prf, "key expansion", seed, length).extract();
            byte[] theirs = bc.createSecret(secret).deriveUsingPRF(prf, "key expansion", seed, length).extract();
            assertThat(ours).as("PRF %d", prf).isEqualTo(theirs);
        }
    }

    @Test
    void derivedSecretsDeriveAgainOnOurHmacs() {
        TlsSecret master = hybrid.createSecret(bytes(48, 6)).deriveUsingPRF(PRFAlgorithm.tls_prf_sha256, "master secret",
                bytes(64, 7), 48);
        assertThat(master).isInstanceOf(HybridTlsSecret.class);
        TlsSecret traffic = hybrid.hkdfInit(CryptoHashAlgorithm.sha256).hkdfExtract(CryptoHashAlgorithm.sha256, master);
        assertThat(traffic).isInstanceOf(HybridTlsSecret.class);
        assertThat(traffic.hkdfExpand(CryptoHashAlgorithm.sha256, bytes(9, 8), 16)).isInstanceOf(HybridTlsSecret.class);
        assertThat(hybrid.adoptSecret(master)).isInstanceOf(HybridTlsSecret.class);
    }

    @Test
    void hmacMatchesBouncyCastle() {
        byte[] key = bytes(32, 9);
        byte[] message = bytes(100, 10);
        for (int hash : new int[] {CryptoHashAlgorithm.sha256, CryptoHashAlgorithm.sha384}) {
            assertThat(hybrid.createSecret(key).calculateHMAC(hash, message, 3, 90))
                    .isEqualTo(bc.createSecret(key).calculateHMAC(hash, message, 3, 90));
        }
    }

    /** As Bouncy Castle's: the salt is consumed, the input keying material is left alive for reuse. */
    @Test
    void hkdfExtractConsumesTheSaltAndKeepsTheInput() {
        TlsSecret salt = hybrid.createSecret(bytes(32, 11));
        TlsSecret ikm = hybrid.createSecret(bytes(32, 12));
        TlsSecret foreignIkm = bc.createSecret(bytes(32, 12));

        TlsSecret prk = salt.hkdfExtract(CryptoHashAlgorithm.sha256, ikm);

        assertThat(salt.isAlive()).isFalse();
        assertThat(ikm.isAlive()).isTrue();
        assertThatThrownBy(() -> salt.hkdfExtract(CryptoHashAlgorithm.sha256, ikm)).isInstanceOf(IllegalStateException.class);
        byte[] fromForeign = hybrid.createSecret(bytes(32, 11)).hkdfExtract(CryptoHashAlgorithm.sha256, foreignIkm).extract();
        assertThat(foreignIkm.isAlive()).isTrue();
        assertThat(prk.extract()).isEqualTo(fromForeign);
    }

    @Test
    void destroyedSecretsRefuseToDerive() {
        TlsSecret secret = hybrid.createSecret(bytes(32, 13));
        secret.destroy();
        assertThat(secret.isAlive()).isFalse();
        assertThatThrownBy(() -> secret.hkdfExpand(CryptoHashAlgorithm.sha256, new byte[0], 16))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secret.calculateHMAC(CryptoHashAlgorithm.sha256, new byte[1], 0, 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hkdfExtractRefusesADestroyedInputAndStillConsumesTheSalt() {
        TlsSecret salt = hybrid.createSecret(bytes(32, 22));
        TlsSecret foreignIkm = bc.createSecret(bytes(32, 23));
        foreignIkm.destroy();

        assertThatThrownBy(() -> salt.hkdfExtract(CryptoHashAlgorithm.sha256, foreignIkm))
                .isInstanceOf(IllegalStateException.class);
        assertThat(salt.isAlive()).isFalse();
    }

    @Test
    void toStringShowsNoBytes() {
        byte[] key = bytes(32, 14);
        String text = hybrid.createSecret(key).toString();
        assertThat(text).doesNotContain(HEX.formatHex(key).substring(0, 8));
    }

    /** A released HMAC computes the HMAC of the empty key: nothing of the last key is left in it. */
    @Test
    void releasedHmacHoldsNoKey() {
        ThreadHmacs hmacs = new ThreadHmacs(algorithm -> new SHA256Digest());
        byte[] message = bytes(10, 15);
        HMac hmac = hmacs.take(CryptoHashAlgorithm.sha256, bytes(32, 16), 0, 32);
        hmac.update(message, 0, 5);
        hmacs.release(CryptoHashAlgorithm.sha256, hmac);

        assertThat(mac(hmac, message)).isEqualTo(mac(new byte[0], message));
    }

    @Test
    void reusedHmacGivesTheMacOfItsNewKey() {
        ThreadHmacs hmacs = new ThreadHmacs(algorithm -> new SHA256Digest());
        byte[] message = bytes(10, 17);
        HMac first = hmacs.take(CryptoHashAlgorithm.sha256, bytes(32, 18), 0, 32);
        hmacs.release(CryptoHashAlgorithm.sha256, first);

        HMac second = hmacs.take(CryptoHashAlgorithm.sha256, bytes(40, 19), 4, 32);

        assertThat(second).isSameAs(first);
        byte[] key = java.util.Arrays.copyOfRange(bytes(40, 19), 4, 36);
        assertThat(mac(second, message)).isEqualTo(mac(key, message));
    }

    @Test
    void nestedTakesOnOneThreadGetDifferentHmacs() {
        ThreadHmacs hmacs = new ThreadHmacs(algorithm -> new SHA256Digest());
        HMac outer = hmacs.take(CryptoHashAlgorithm.sha256, bytes(32, 20), 0, 32);
        HMac inner = hmacs.take(CryptoHashAlgorithm.sha256, bytes(32, 21), 0, 32);
        assertThat(inner).isNotSameAs(outer);
    }

    /** Our x25519 agreement and Bouncy Castle's reach the same secret, and ours is a {@link HybridTlsSecret}. */
    @Test
    void x25519AgreesWithBouncyCastleAndGivesOurSecret() throws Exception {
        TlsAgreement ours = hybrid.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH();
        TlsAgreement theirs = bc.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH();
        byte[] ourPublic = ours.generateEphemeral();
        byte[] theirPublic = theirs.generateEphemeral();
        ours.receivePeerValue(theirPublic);
        theirs.receivePeerValue(ourPublic);

        TlsSecret ourSecret = ours.calculateSecret();

        assertThat(ourSecret).isInstanceOf(HybridTlsSecret.class);
        assertThat(ourSecret.extract()).isEqualTo(theirs.calculateSecret().extract());
    }

    private void assertHkdf(String ikm, String salt, String info, int length, String prk, String okm) {
        int sha256 = CryptoHashAlgorithm.sha256;
        TlsSecret extracted = hybrid.createSecret(HEX.parseHex(salt)).hkdfExtract(sha256, hybrid.createSecret(HEX.parseHex(ikm)));
        assertThat(HEX.formatHex(hybrid.adoptSecret(extracted).extract())).isEqualTo(prk);
        assertThat(HEX.formatHex(extracted.hkdfExpand(sha256, HEX.parseHex(info), length).extract())).isEqualTo(okm);
    }

    private static byte[] mac(HMac hmac, byte[] message) {
        hmac.update(message, 0, message.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }

    private static byte[] mac(byte[] key, byte[] message) {
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        return mac(hmac, message);
    }

    private static String range(int first, int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) (first + i);
        }
        return HEX.formatHex(bytes);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }
}
