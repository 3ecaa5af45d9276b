package dev.offloadjsse.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import javax.net.ssl.SSLException;

/**
 * Hostile handshake input to the engine in both roles: real flights (a SunJSSE ClientHello; a
 * SunJSSE server's TLS 1.3 or 1.2 first flight) mutated by the fuzzer and offered in record
 * splits it also picks, delegated tasks run inline. Oracle (issue 7): the engine processes the
 * input or throws an SSLException, is then inbound-done, and its wraps emit an alert and report
 * CLOSED — never a RuntimeException, a hang or unbounded output.
 */
class HandshakeInputFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void serverSurvivesMutatedClientHello(FuzzedDataProvider data) throws SSLException {
        byte[] base = data.consumeBoolean() ? Flights.CLIENT_HELLO : Flights.CLIENT_HELLO_TLS12;
        byte[] flight = Mutator.mutate(base, data, 8);
        EngineDriver server = new EngineDriver(Flights.offloadServer());
        server.feed(flight, data);
        finish(server);
    }

    @FuzzTest(maxDuration = "60s")
    void clientSurvivesMutatedServerFlight(FuzzedDataProvider data) throws SSLException {
        boolean tls13 = data.consumeBoolean();
        byte[] base = tls13 ? Flights.SERVER_FLIGHT_TLS13 : Flights.SERVER_FLIGHT_TLS12;
        byte[] flight = Mutator.mutate(base, data, 8);
        EngineDriver client = new EngineDriver(Flights.offloadClient(new String[] {"TLSv1.3", "TLSv1.2"}));
        byte[] hello = client.start();
        EngineDriver.check(hello.length > 0 && !client.failed(), "client wrote no ClientHello: " + client.failure);
        client.feed(flight, data);
        finish(client);
    }

    private static void finish(EngineDriver driver) throws SSLException {
        if (driver.failed()) {
            driver.assertClosedAfterFailure();
        } else {
            driver.assertClosesCleanly();
        }
    }
}
