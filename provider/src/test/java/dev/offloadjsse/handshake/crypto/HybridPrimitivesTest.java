package dev.offloadjsse.handshake.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Random;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DigitallySigned;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.bouncycastle.tls.crypto.Tls13Verifier;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.bouncycastle.tls.crypto.TlsStreamSigner;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hybrid crypto's replacements give what the operations they replace give: Bouncy Castle's
 * digests and HMAC are the oracle for the JDK-backed digest; the JDK's verifiers (SunEC,
 * SunRsaSign) check the signatures made in Conscrypt (on the test class path), and make the
 * signatures that Conscrypt checks; Bouncy Castle's ECDH agrees with Conscrypt's.
 */
class HybridPrimitivesTest {

    private final BcTlsCrypto hybrid = HandshakeCrypto.create(new SecureRandom(), HandshakeCrypto.Choice.AUTO);
    private final byte[] message = bytes(300, 1);

    @Test
    void autoFindsConscryptOnTheClassPathAndBcIsPureBouncyCastle() {
        assertThat(HandshakeCrypto.describe(hybrid)).isEqualTo("hybrid+Conscrypt");
        BcTlsCrypto bc = HandshakeCrypto.create(new SecureRandom(), HandshakeCrypto.Choice.BC);
        assertThat(HandshakeCrypto.describe(bc)).isEqualTo("bc");
        assertThat(bc.createDigest(CryptoHashAlgorithm.sha256)).isInstanceOf(SHA256Digest.class);
    }

    @Test
    void choiceComesFromTheSystemPropertyAndRejectsUnknownValues() {
        String before = System.getProperty(HandshakeCrypto.PROPERTY);
        try {
            System.clearProperty(HandshakeCrypto.PROPERTY);
            assertThat(HandshakeCrypto.Choice.fromSystemProperty()).isEqualTo(HandshakeCrypto.Choice.AUTO);
            System.setProperty(HandshakeCrypto.PROPERTY, "bc");
            assertThat(HandshakeCrypto.Choice.fromSystemProperty()).isEqualTo(HandshakeCrypto.Choice.BC);
            System.setProperty(HandshakeCrypto.PROPERTY, "openssl");
            assertThatThrownBy(HandshakeCrypto.Choice::fromSystemProperty).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(HandshakeCrypto.PROPERTY);
        } finally {
            if (before == null) {
                System.clearProperty(HandshakeCrypto.PROPERTY);
            } else {
                System.setProperty(HandshakeCrypto.PROPERTY, before);
            }
        }
    }

    @Test
    void jdkDigestHashesCopiesAndRestoresAsBouncyCastlesDoes() {
        Digest ours = hybrid.createDigest(CryptoHashAlgorithm.sha256);
        assertThat(ours).isInstanceOf(JdkDigest.class);
        Digest oracle = new SHA256Digest();
        ours.update(message, 0, 100);
        oracle.update(message, 0, 100);
        Digest forkOurs = hybrid.cloneDigest(CryptoHashAlgorithm.sha256, ours);
        Digest forkOracle = new SHA256Digest((SHA256Digest) oracle);
        ours.update(message, 100, 200);
        oracle.update(message, 100, 200);
        forkOurs.update((byte) 7);
        forkOracle.update((byte) 7);
        assertThat(finish(ours)).isEqualTo(finish(oracle));
        assertThat(finish(forkOurs)).isEqualTo(finish(forkOracle));
        assertThat(finish(ours)).as("doFinal resets").isEqualTo(finish(new SHA256Digest()));
    }

    @Test
    void hmacOnTheJdkDigestEqualsBouncyCastlesForManyMacsWithOneKey() {
        for (int algorithm : new int[] {CryptoHashAlgorithm.sha256, CryptoHashAlgorithm.sha384}) {
            HMac ours = new HMac(hybrid.createDigest(algorithm));
            HMac oracle = new HMac(algorithm == CryptoHashAlgorithm.sha256 ? new SHA256Digest() : new SHA384Digest());
            KeyParameter key = new KeyParameter(bytes(48, 2));
            ours.init(key);
            oracle.init(key);
            for (int length : new int[] {0, 1, 64, 200}) { // each doFinal starts the next MAC again
                ours.update(message, 0, length);
                oracle.update(message, 0, length);
                byte[] a = new byte[ours.getMacSize()];
                byte[] b = new byte[oracle.getMacSize()];
                ours.doFinal(a, 0);
                oracle.doFinal(b, 0);
                assertThat(a).as("HMAC %d over %d bytes", algorithm, length).isEqualTo(b);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {SignatureScheme.ecdsa_secp256r1_sha256, SignatureScheme.ecdsa_secp384r1_sha384})
    void ecdsaSignsTheHashBouncyCastleGives(int scheme) throws Exception {
        Identity identity = TestCertificates.identity(scheme == SignatureScheme.ecdsa_secp256r1_sha256 ? KeyType.EC_P256 : KeyType.EC_P384);
        TlsSigner signer = HandshakeCrypto.signer(hybrid, identity.key(), scheme);
        assertThat(signer).isInstanceOf(JcaSigner.class);
        assertThat(signer.getStreamSigner(SignatureScheme.getSignatureAndHashAlgorithm(scheme))).isNull();
        String hash = scheme == SignatureScheme.ecdsa_secp256r1_sha256 ? "SHA-256" : "SHA-384";
        byte[] signature = signer.generateRawSignature(SignatureScheme.getSignatureAndHashAlgorithm(scheme),
                MessageDigest.getInstance(hash).digest(message));
        assertThat(verify(hash.replace("-", "") + "withECDSA", null, identity, signature)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {SignatureScheme.ecdsa_secp256r1_sha256, SignatureScheme.ecdsa_secp384r1_sha384})
    void tls13EcdsaCheckInConscryptAcceptsTheJdksSignatureAndNoOther(int scheme) throws Exception {
        Identity identity = TestCertificates.identity(scheme == SignatureScheme.ecdsa_secp256r1_sha256 ? KeyType.EC_P256 : KeyType.EC_P384);
        TlsCertificate certificate = hybrid.createCertificate(identity.certificate().getEncoded());
        byte[] signature = jdkSignature(scheme == SignatureScheme.ecdsa_secp256r1_sha256 ? "SHA256withECDSA" : "SHA384withECDSA",
                identity, message);
        byte[] changed = message.clone();
        changed[7] ^= 1;

        assertThat(tls13Check(certificate, scheme, message, signature)).isTrue();
        assertThat(certificate.createVerifier(scheme).getClass().getNestHost()).isEqualTo(NativeVerification.class);
        assertThat(tls13Check(certificate, scheme, changed, signature)).isFalse();
        assertThat(tls13Check(certificate, scheme, message, java.util.Arrays.copyOf(signature, 20))).as("malformed DER").isFalse();
    }

    @Test
    void tls12EcdsaCheckInConscryptTakesBouncyCastlesHash() throws Exception {
        Identity identity = TestCertificates.identity(KeyType.EC_P256);
        TlsCertificate certificate = hybrid.createCertificate(identity.certificate().getEncoded());
        byte[] signature = jdkSignature("SHA256withECDSA", identity, message);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);
        SignatureAndHashAlgorithm algorithm = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

        TlsVerifier verifier = certificate.createVerifier(SignatureAlgorithm.ecdsa);
        assertThat(verifier.getClass().getNestHost()).isEqualTo(NativeVerification.class);
        assertThat(verifier.getStreamVerifier(new DigitallySigned(algorithm, signature))).isNull();
        assertThat(verifier.verifyRawSignature(new DigitallySigned(algorithm, signature), hash)).isTrue();
        hash[0] ^= 1;
        assertThat(certificate.createVerifier(SignatureAlgorithm.ecdsa)
                .verifyRawSignature(new DigitallySigned(algorithm, signature), hash)).isFalse();
    }

    @Test
    void certificateGivesBackTheBytesItWasMadeFrom() throws Exception {
        byte[] der = TestCertificates.identity(KeyType.EC_P256).certificate().getEncoded();
        TlsCertificate certificate = hybrid.createCertificate(der);
        byte[] given = certificate.getEncoded();
        assertThat(given).isEqualTo(der);
        given[0] ^= 1;
        assertThat(certificate.getEncoded()).as("a copy each time").isEqualTo(der);
    }

    @Test
    void rsaCertificatesAreStillCheckedByBouncyCastle() throws Exception {
        TlsCertificate certificate = hybrid.createCertificate(TestCertificates.identity(KeyType.RSA_2048).certificate().getEncoded());
        assertThat(certificate.createVerifier(SignatureScheme.rsa_pss_rsae_sha256).getClass().getName())
                .startsWith("org.bouncycastle.");
    }

    @Test
    void rsaPkcs1SignsTheStreamAndTheDigestInfo() throws Exception {
        Identity identity = TestCertificates.identity(KeyType.RSA_2048);
        int scheme = SignatureScheme.rsa_pkcs1_sha256;
        TlsSigner signer = HandshakeCrypto.signer(hybrid, identity.key(), scheme);
        TlsStreamSigner stream = signer.getStreamSigner(SignatureScheme.getSignatureAndHashAlgorithm(scheme));
        try (OutputStream out = stream.getOutputStream()) {
            out.write(message, 0, 10);
            out.write(message, 10, message.length - 10);
        }
        assertThat(verify("SHA256withRSA", null, identity, stream.getSignature())).isTrue();
        byte[] raw = signer.generateRawSignature(SignatureScheme.getSignatureAndHashAlgorithm(scheme),
                MessageDigest.getInstance("SHA-256").digest(message));
        assertThat(verify("SHA256withRSA", null, identity, raw)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pss_rsae_sha384})
    void rsaPssSignsWithTheSaltAsLongAsTheHash(int scheme) throws Exception {
        Identity identity = TestCertificates.identity(KeyType.RSA_2048);
        TlsStreamSigner stream = HandshakeCrypto.signer(hybrid, identity.key(), scheme)
                .getStreamSigner(SignatureScheme.getSignatureAndHashAlgorithm(scheme));
        stream.getOutputStream().write(message);
        String hash = scheme == SignatureScheme.rsa_pss_rsae_sha256 ? "SHA-256" : "SHA-384";
        PSSParameterSpec rfc8446 = new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                MessageDigest.getInstance(hash).getDigestLength(), 1);
        assertThat(verify("RSASSA-PSS", rfc8446, identity, stream.getSignature())).isTrue();
    }

    @Test
    void keysConscryptDoesNotSignWithAreLeftToBouncyCastle() {
        assertThat(HandshakeCrypto.signer(hybrid, TestCertificates.identity(KeyType.ED25519).key(), SignatureScheme.ed25519)).isNull();
        assertThat(HandshakeCrypto.signer(hybrid, TestCertificates.identity(KeyType.RSA_PSS).key(),
                SignatureScheme.rsa_pss_pss_sha256)).isNull();
        BcTlsCrypto bc = HandshakeCrypto.create(new SecureRandom(), HandshakeCrypto.Choice.BC);
        assertThat(HandshakeCrypto.signer(bc, TestCertificates.identity(KeyType.EC_P256).key(),
                SignatureScheme.ecdsa_secp256r1_sha256)).isNull();
    }

    @ParameterizedTest(name = "group {0}")
    @ValueSource(ints = {NamedGroup.secp256r1, NamedGroup.secp384r1, NamedGroup.secp521r1})
    void nativeEcdhAgreesWithBouncyCastlesEcdh(int group) throws Exception {
        BcTlsCrypto bc = HandshakeCrypto.create(new SecureRandom(), HandshakeCrypto.Choice.BC);
        TlsAgreement ours = hybrid.createECDomain(new TlsECConfig(group)).createECDH();
        TlsAgreement oracle = bc.createECDomain(new TlsECConfig(group)).createECDH();
        assertThat(ours.getClass().getName()).contains("NativeEcdh");
        ours.receivePeerValue(oracle.generateEphemeral());
        oracle.receivePeerValue(ours.generateEphemeral());
        assertThat(ours.calculateSecret().extract()).isEqualTo(oracle.calculateSecret().extract());
    }

    @Test
    void nativeEcdhRefusesAPointOffTheCurve() throws Exception {
        TlsAgreement ours = hybrid.createECDomain(new TlsECConfig(NamedGroup.secp256r1)).createECDH();
        byte[] point = hybrid.createECDomain(new TlsECConfig(NamedGroup.secp256r1)).createECDH().generateEphemeral();
        point[point.length - 1] ^= 1;
        assertThatThrownBy(() -> ours.receivePeerValue(point)).isInstanceOfSatisfying(TlsFatalAlert.class,
                alert -> assertThat(alert.getAlertDescription()).isEqualTo(AlertDescription.illegal_parameter));
    }

    @Test
    void gcmRecordWithAFlippedBitIsABadRecordMac() throws Exception {
        byte[] key = bytes(16, 3);
        byte[] nonce = bytes(12, 4);
        JdkGcmCipher seal = new JdkGcmCipher(java.security.Security.getProvider("SunJCE"), 16, true);
        JdkGcmCipher open = new JdkGcmCipher(java.security.Security.getProvider("SunJCE"), 16, false);
        seal.setKey(key, 0, 16);
        open.setKey(key, 0, 16);
        byte[] record = new byte[message.length + 16];
        System.arraycopy(message, 0, record, 0, message.length);
        seal.init(nonce, 16);
        assertThat(seal.doFinal(new byte[5], record, 0, message.length, record, 0)).isEqualTo(record.length);
        byte[] copy = record.clone();
        open.init(nonce, 16);
        assertThat(open.doFinal(new byte[5], copy, 0, copy.length, copy, 0)).isEqualTo(message.length);
        assertThat(java.util.Arrays.copyOf(copy, message.length)).isEqualTo(message);

        record[3] ^= 1;
        open.init(nonce, 16);
        assertThatThrownBy(() -> open.doFinal(new byte[5], record, 0, record.length, record, 0))
                .isInstanceOfSatisfying(TlsFatalAlert.class,
                        alert -> assertThat(alert.getAlertDescription()).isEqualTo(AlertDescription.bad_record_mac));
    }

    private boolean verify(String algorithm, PSSParameterSpec parameters, Identity identity, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm); // the JDK's providers: Conscrypt is not registered
        if (parameters != null) {
            verifier.setParameter(parameters);
        }
        verifier.initVerify(identity.certificate().getPublicKey());
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static boolean tls13Check(TlsCertificate certificate, int scheme, byte[] signed, byte[] signature) throws Exception {
        Tls13Verifier verifier = certificate.createVerifier(scheme);
        verifier.getOutputStream().write(signed);
        return verifier.verifySignature(signature);
    }

    private static byte[] jdkSignature(String algorithm, Identity identity, byte[] signed) throws Exception {
        Signature signer = Signature.getInstance(algorithm); // the JDK's providers: Conscrypt is not registered
        signer.initSign(identity.key());
        signer.update(signed);
        return signer.sign();
    }

    private static byte[] finish(Digest digest) {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
