package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.security.Provider;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JDK 17's {@code jdk.tls.client/server.SignatureSchemes}, read when a context is initialised. */
class SignatureSchemesTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    @AfterEach
    void clear() {
        System.clearProperty("jdk.tls.client.SignatureSchemes");
        System.clearProperty("jdk.tls.server.SignatureSchemes");
    }

    private SSLContext offloadContext(String property, String schemes, Identity key) throws Exception {
        System.setProperty(property, schemes);
        try {
            return TestCertificates.context(OFFLOAD, key, identity);
        } finally {
            System.clearProperty(property);
        }
    }

    private static EnginePair pair(SSLContext clientContext, SSLContext serverContext, String protocol) {
        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        return new EnginePair(client, server);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void clientAcceptsOnlyTheConfiguredSchemes(String protocol) throws Exception {
        SSLContext server = TestCertificates.context(SUN, identity, identity);
        pair(offloadContext("jdk.tls.client.SignatureSchemes", "ecdsa_secp256r1_sha256", null), server, protocol).handshake();
        EnginePair refusing = pair(offloadContext("jdk.tls.client.SignatureSchemes", "rsa_pss_rsae_sha256", null), server, protocol);
        assertThatThrownBy(refusing::handshake).isInstanceOf(SSLHandshakeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void serverSignsOnlyWithTheConfiguredSchemes(String protocol) throws Exception {
        SSLContext client = TestCertificates.context(SUN, null, identity);
        EnginePair allowed = pair(client, offloadContext("jdk.tls.server.SignatureSchemes", "ecdsa_secp256r1_sha256", identity), protocol);
        allowed.handshake();
        assertThat(allowed.client.getSession().getProtocol()).isEqualTo(protocol);
        EnginePair refusing = pair(client, offloadContext("jdk.tls.server.SignatureSchemes", "ed25519", identity), protocol);
        assertThatThrownBy(refusing::handshake).isInstanceOf(SSLHandshakeException.class);
    }
}
