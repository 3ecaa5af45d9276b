package dev.offloadjsse.nio;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing with Conscrypt engines, which after {@code closeOutbound()} report {@code NOT_HANDSHAKING}
 * where SunJSSE's report {@code NEED_WRAP}. Oracle: the {@code SSLEngine.closeOutbound} javadoc,
 * "wrap() should be called to flush out any remaining handshake data", that is until
 * {@code isOutboundDone()}, whatever the handshake status says.
 */
class ConscryptCloseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int CONNECTIONS = 20;
    private static final Provider CONSCRYPT = Conscrypt.newProvider();

    private final Closer toClose = new Closer();

    @AfterEach
    void closeAll() throws Exception {
        toClose.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void closeByAConscryptClientEndsBothSides(String protocol) throws Exception {
        TlsServer server = server(TestTls.serverContext(), protocol);
        TlsClient client = toClose.add(TlsClient.open(TestTls.clientContext(CONSCRYPT), config(protocol)));
        List<CollectingHandler> handlers = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            CollectingHandler handler = new CollectingHandler();
            handlers.add(handler);
            client.connect(server.localAddress(), "localhost", handler)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).close();
        }

        Probes.awaitTrue(() -> client.stats().connectionsOpen() == 0, TIMEOUT,
                "the client to close all " + CONNECTIONS + " connections");
        for (CollectingHandler handler : handlers) {
            assertThat(handler.closed()).as("an orderly close").isCompletedWithValue(null);
        }
        Probes.awaitTrue(() -> server.stats().connectionsOpen() == 0, TIMEOUT, "the server to close its side");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aConscryptServerAnswersTheClientsCloseNotifyAndCloses(String protocol) throws Exception {
        TlsServer server = server(TestTls.serverContext(CONSCRYPT), protocol);
        TlsClient client = toClose.add(TlsClient.open(TestTls.clientContext(), config(protocol)));
        for (int i = 0; i < CONNECTIONS; i++) {
            client.connect(server.localAddress(), "localhost", new CollectingHandler())
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).close();
        }

        Probes.awaitTrue(() -> server.stats().connectionsOpen() == 0, TIMEOUT,
                "the server to close all " + CONNECTIONS + " connections");
        Probes.awaitTrue(() -> client.stats().connectionsOpen() == 0, TIMEOUT, "the client to close its side");
    }

    private TlsServer server(SSLContext context, String protocol) throws Exception {
        return toClose.add(TlsServer.start(context, TlsServer.loopback(0), EchoHandler::new, config(protocol)));
    }

    private static TransportConfig config(String protocol) {
        return TransportConfig.defaults().withEngineSetup(engine -> engine.setEnabledProtocols(new String[] {protocol}));
    }
}
