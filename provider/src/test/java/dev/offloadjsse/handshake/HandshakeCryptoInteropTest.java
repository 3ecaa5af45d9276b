package dev.offloadjsse.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.handshake.crypto.HandshakeCrypto;
import dev.offloadjsse.handshake.crypto.HandshakeCrypto.Choice;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our engine with each handshake crypto ({@code auto}: Bouncy Castle with the JDK's SHA-2 and
 * AES-GCM and Conscrypt's signing, Conscrypt being on the test class path; {@code bc}) against
 * SunJSSE, the oracle, in both roles: TLS 1.3 and 1.2, SHA-256 and SHA-384 suites, ECDSA, RSA,
 * and the keys left to Bouncy Castle (Ed25519, RSASSA-PSS); x25519 and the NIST curves.
 */
class HandshakeCryptoInteropTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");

    /** Protocol, suite, server key type. */
    private static final Object[][] SUITES = {
        {"TLSv1.3", "TLS_AES_128_GCM_SHA256", KeyType.EC_P256},
        {"TLSv1.3", "TLS_AES_256_GCM_SHA384", KeyType.EC_P384},
        {"TLSv1.3", "TLS_AES_256_GCM_SHA384", KeyType.RSA_2048},
        {"TLSv1.3", "TLS_AES_128_GCM_SHA256", KeyType.RSA_PSS},
        {"TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256", KeyType.ED25519},
        {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", KeyType.EC_P256},
        {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", KeyType.EC_P384},
        {"TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", KeyType.RSA_2048},
        {"TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", KeyType.RSA_2048},
    };

    static Stream<Arguments> servers() {
        List<Arguments> cells = new ArrayList<>();
        for (Choice choice : Choice.values()) {
            for (Object[] suite : SUITES) {
                cells.add(Arguments.of(choice, suite[0], suite[1], suite[2]));
            }
        }
        return cells.stream();
    }

    static Stream<Arguments> clients() {
        List<Arguments> cells = new ArrayList<>();
        for (Choice choice : Choice.values()) {
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                for (KeyType key : new KeyType[] {KeyType.EC_P256, KeyType.RSA_2048}) {
                    cells.add(Arguments.of(choice, protocol, key));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0}: SunJSSE client, our server, {1} {2} {3}")
    @MethodSource("servers")
    void ourServerSignsWhatSunJsseVerifies(Choice choice, String protocol, String suite, KeyType keyType) throws Exception {
        List<String> used = new CopyOnWriteArrayList<>();
        Identity identity = TestCertificates.identity(keyType);
        SSLEngine client = TestCertificates.context(SUN, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        client.setEnabledCipherSuites(new String[] {suite});
        SSLEngine server = TestCertificates.context(offload(choice, used), identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);

        pair.handshake();

        assertThat(used).containsOnly(expected(choice));
        assertThat(client.getSession().getCipherSuite()).isEqualTo(suite);
        assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(identity.certificate());
        exchangeData(pair);
    }

    /** Our client signs CertificateVerify (TLS 1.2: over the buffered transcript or its hash). */
    @ParameterizedTest(name = "{0}: our client with a {2} certificate, SunJSSE server needing it, {1}")
    @MethodSource("clients")
    void ourClientAuthenticatesToSunJsse(Choice choice, String protocol, KeyType clientKey) throws Exception {
        List<String> used = new CopyOnWriteArrayList<>();
        Identity server = TestCertificates.identity(KeyType.EC_P256);
        Identity clientIdentity = TestCertificates.identity(clientKey);
        SSLEngine client = TestCertificates.context(offload(choice, used), clientIdentity, server).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine serverEngine = TestCertificates.context(SUN, server, clientIdentity).createSSLEngine();
        serverEngine.setUseClientMode(false);
        serverEngine.setNeedClientAuth(true);
        EnginePair pair = new EnginePair(client, serverEngine);

        pair.handshake();

        assertThat(used).containsOnly(expected(choice));
        assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
        assertThat(serverEngine.getSession().getPeerCertificates()[0]).isEqualTo(clientIdentity.certificate());
        exchangeData(pair);
    }

    static Stream<Arguments> groups() {
        List<Arguments> cells = new ArrayList<>();
        for (Choice choice : Choice.values()) {
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                for (String group : new String[] {"x25519", "secp256r1", "secp384r1"}) {
                    cells.add(Arguments.of(choice, protocol, group));
                }
            }
        }
        return cells.stream();
    }

    /**
     * Our server limited to one group: x25519 (our own agreement, whose secret derives the key
     * schedule) or a NIST curve (TLS 1.3: SunJSSE's x25519 share is refused, so it retries).
     */
    @ParameterizedTest(name = "{0}: SunJSSE client, our server on {2}, {1}")
    @MethodSource("groups")
    void ourServerAgreesOnEachGroupWithSunJsse(Choice choice, String protocol, String group) throws Exception {
        List<String> used = new CopyOnWriteArrayList<>();
        Identity identity = TestCertificates.identity(KeyType.EC_P256);
        SSLEngine client = TestCertificates.context(SUN, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLContext serverContext;
        String before = System.getProperty("jdk.tls.namedGroups");
        System.setProperty("jdk.tls.namedGroups", group); // read by our contexts as they are initialised
        try {
            serverContext = TestCertificates.context(offload(choice, used), identity, identity);
        } finally {
            if (before == null) {
                System.clearProperty("jdk.tls.namedGroups");
            } else {
                System.setProperty("jdk.tls.namedGroups", before);
            }
        }
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);

        pair.handshake();

        assertThat(used).containsOnly(expected(choice));
        assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
        exchangeData(pair);
    }

    /** Conscrypt is on the test class path, so {@code auto} must find it. */
    private static String expected(Choice choice) {
        return choice == Choice.BC ? "bc" : "hybrid+Conscrypt";
    }

    /** Our provider whose contexts use {@code choice}; each context's crypto is described into {@code used}. */
    private static Provider offload(Choice choice, List<String> used) {
        return new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()).withHandshakers(random -> {
            BcHandshakerFactory factory = new BcHandshakerFactory(random, choice);
            used.add(HandshakeCrypto.describe(factory.crypto()));
            return factory;
        }));
    }

    private static void exchangeData(EnginePair pair) throws Exception {
        for (int size : new int[] {1, 16_385}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            assertThat(pair.send(pair.client, data)).as("%d bytes client to server", size).isEqualTo(data);
            assertThat(pair.send(pair.server, data)).as("%d bytes server to client", size).isEqualTo(data);
        }
    }
}
