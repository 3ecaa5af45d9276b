package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.security.Provider;
import java.security.Security;
import java.util.Collections;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.2 session-ID resumption (RFC 5246 §7.3) with our engine in each role and SunJSSE as the
 * peer; the SunJSSE-SunJSSE pair is the oracle.
 */
class ResumptionTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    static Stream<Arguments> pairs() {
        return Stream.of(Arguments.of(OFFLOAD, SUN), Arguments.of(SUN, OFFLOAD), Arguments.of(SUN, SUN));
    }

    private SSLSession handshake(SSLContext clientContext, SSLContext serverContext) throws Exception {
        SSLEngine client = clientContext.createSSLEngine("localhost", 8443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        new EnginePair(client, server).handshake();
        assertThat(server.getSession().getId()).isEqualTo(client.getSession().getId());
        return client.getSession();
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("pairs")
    void aSecondConnectionResumesTheSessionWithItsOriginalValues(Provider client, Provider server) throws Exception {
        SSLContext clientContext = TestCertificates.context(client, null, identity);
        SSLContext serverContext = TestCertificates.context(server, identity, identity);
        SSLSession first = handshake(clientContext, serverContext);
        SSLSession second = handshake(clientContext, serverContext);
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getCreationTime()).isEqualTo(first.getCreationTime());
        assertThat(second.getPeerCertificates()).isEqualTo(first.getPeerCertificates());
    }

    /**
     * RFC 5077: SunJSSE's client asks for a ticket; our server issues one and resumes from it even
     * when its own session-ID cache no longer has the session.
     */
    @org.junit.jupiter.api.Test
    void serverResumesFromItsSessionTicket() throws Exception {
        SSLContext clientContext = TestCertificates.context(SUN, null, identity);
        SSLContext serverContext = TestCertificates.context(OFFLOAD, identity, identity);
        serverContext.getServerSessionContext().setSessionCacheSize(1);
        SSLSession first = handshake(clientContext, serverContext);
        handshake(TestCertificates.context(SUN, null, identity), serverContext);
        assertThat(serverContext.getServerSessionContext().getSession(first.getId())).as("evicted from the id cache").isNull();
        SSLSession second = handshake(clientContext, serverContext);
        assertThat(second.getCreationTime()).as("resumed").isEqualTo(first.getCreationTime());
    }

    /** SunJSSE 17 resumes TLS 1.2 through stateless tickets and lists no ids, so only ours is checked. */
    @org.junit.jupiter.api.Test
    void theServerSessionContextListsTheSessionId() throws Exception {
        SSLContext serverContext = TestCertificates.context(OFFLOAD, identity, identity);
        SSLSession session = handshake(TestCertificates.context(SUN, null, identity), serverContext);
        assertThat(Collections.list(serverContext.getServerSessionContext().getIds()))
                .anySatisfy(id -> assertThat(id).isEqualTo(session.getId()));
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("pairs")
    void anInvalidatedSessionIsNotResumed(Provider client, Provider server) throws Exception {
        SSLContext clientContext = TestCertificates.context(client, null, identity);
        SSLContext serverContext = TestCertificates.context(server, identity, identity);
        SSLSession first = handshake(clientContext, serverContext);
        first.invalidate();
        SSLSession second = handshake(clientContext, serverContext);
        assertThat(second.getId()).isNotEqualTo(first.getId());
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("pairs")
    void aContextDoesNotResumeAnotherContextsSession(Provider client, Provider server) throws Exception {
        SSLContext serverContext = TestCertificates.context(server, identity, identity);
        SSLSession first = handshake(TestCertificates.context(client, null, identity), serverContext);
        SSLSession second = handshake(TestCertificates.context(client, null, identity), serverContext);
        assertThat(second.getId()).isNotEqualTo(first.getId());
    }
}
