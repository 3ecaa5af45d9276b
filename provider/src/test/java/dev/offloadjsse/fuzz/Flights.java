package dev.offloadjsse.fuzz;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.security.Provider;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Real handshake flights to mutate, captured once per JVM: ClientHellos written by a SunJSSE
 * client, and the first server flights a SunJSSE server writes in answer to our client.
 */
final class Flights {

    static final Provider SUN = Security.getProvider("SunJSSE");
    static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    static final Identity IDENTITY = TestCertificates.identity(KeyType.EC_P256);

    static final SSLContext OFFLOAD_SERVER = context(OFFLOAD, IDENTITY);
    static final SSLContext OFFLOAD_CLIENT = context(OFFLOAD, null);

    /** TLS 1.3 and 1.2 offered, with SNI and ALPN: SunJSSE's default ClientHello plus extensions. */
    static final byte[] CLIENT_HELLO = clientHello(new String[] {"TLSv1.3", "TLSv1.2"});
    static final byte[] CLIENT_HELLO_TLS12 = clientHello(new String[] {"TLSv1.2"});
    /** ServerHello, ChangeCipherSpec, then EncryptedExtensions..Finished under handshake keys. */
    static final byte[] SERVER_FLIGHT_TLS13 = serverFlight("TLSv1.3");
    /** ServerHello, Certificate, ServerKeyExchange, ServerHelloDone in the clear. */
    static final byte[] SERVER_FLIGHT_TLS12 = serverFlight("TLSv1.2");

    private Flights() {
    }

    static SSLEngine offloadServer() {
        SSLEngine engine = OFFLOAD_SERVER.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        engine.setSSLParameters(parameters);
        return engine;
    }

    static SSLEngine offloadClient(String[] protocols) {
        SSLEngine engine = OFFLOAD_CLIENT.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(protocols);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static byte[] clientHello(String[] protocols) {
        SSLEngine client = context(SUN, null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(protocols);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        client.setSSLParameters(parameters);
        return captured(new EngineDriver(client).start(), "SunJSSE ClientHello");
    }

    private static byte[] serverFlight(String protocol) {
        EngineDriver client = new EngineDriver(offloadClient(new String[] {"TLSv1.3", "TLSv1.2"}));
        byte[] hello = captured(client.start(), "OffloadJSSE ClientHello");
        SSLEngine server = context(SUN, IDENTITY).createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {protocol});
        EngineDriver serverDriver = new EngineDriver(server);
        serverDriver.feed(hello, null);
        return captured(serverDriver.written.toByteArray(), "SunJSSE " + protocol + " server flight");
    }

    private static byte[] captured(byte[] flight, String what) {
        if (flight.length == 0) {
            throw new IllegalStateException("Could not capture the " + what);
        }
        return flight;
    }

    private static SSLContext context(Provider provider, Identity key) {
        try {
            return TestCertificates.context(provider, key, IDENTITY);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build a " + provider.getName() + " context", e);
        }
    }
}
