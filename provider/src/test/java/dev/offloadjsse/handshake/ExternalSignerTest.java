package dev.offloadjsse.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECParameterSpec;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A key that signs elsewhere (keyless TLS): the handshake asks it for the signature and never reads it. */
class ExternalSignerTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void serverSignsThroughTheExternalSigner(String protocol) throws Exception {
        AtomicInteger signatures = new AtomicInteger();
        SSLContext serverContext = SSLContext.getInstance("TLS",
                new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader())));
        serverContext.init(new KeyManager[] {new OneKey(new SigningElsewhere(identity, signatures), identity.certificate())},
                null, null);
        SSLEngine client = TestCertificates.context(SUN, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);

        new EnginePair(client, server).handshake();

        assertThat(signatures).hasValue(1);
        assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
    }

    /** Stands in for a key held by another process: no encoding, a signature on request. */
    private record SigningElsewhere(Identity holder, AtomicInteger signatures) implements PrivateKey, ECKey, ExternalSigner {
        @Override
        public byte[] sign(int signatureScheme, byte[] message) throws IOException {
            signatures.incrementAndGet();
            try {
                Signature signature = Signature.getInstance("SHA256withECDSA");
                signature.initSign(holder.key());
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        @Override
        public ECParameterSpec getParams() {
            return ((ECKey) holder.key()).getParams();
        }

        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    private record OneKey(PrivateKey key, X509Certificate certificate) implements X509KeyManager {
        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"key"};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return "EC".equals(keyType) ? "key" : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {certificate};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }
}
