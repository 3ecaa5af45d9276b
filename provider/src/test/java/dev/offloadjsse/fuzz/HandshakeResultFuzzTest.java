package dev.offloadjsse.fuzz;

import static dev.offloadjsse.fuzz.EngineDriver.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.OffloadLimits;
import dev.offloadjsse.handshake.DirectionKeys;
import dev.offloadjsse.handshake.HandshakeFailedException;
import dev.offloadjsse.handshake.HandshakeResult;
import dev.offloadjsse.handshake.HandshakeStep;
import dev.offloadjsse.handshake.Handshaker;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.record.AeadAlgorithm;
import dev.offloadjsse.record.InboundRecord;
import dev.offloadjsse.record.RecordFormat;
import dev.offloadjsse.record.RecordLayer;
import dev.offloadjsse.testing.TestCertificates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * The installation of a {@link HandshakeResult}: a fake handshake component (plugged in with
 * {@link OffloadConfig#withHandshakers}) answers each step with output, a consumed count and a
 * result whose every field the fuzzer chooses — the completion response a remote, buggy or
 * hostile component could send. Oracles: a result with usable keys for a supported suite gives
 * an established engine whose records a peer holding the same keys opens, both ways; any other
 * result ends in an SSLException and a closed engine (issue 7), never a RuntimeException.
 */
class HandshakeResultFuzzTest {

    /** The suites of SupportedSuite, with what the record layer needs for each. */
    private enum Suite {
        TLS_AES_128_GCM_SHA256(0x1301, true, AeadAlgorithm.AES_128_GCM, "HmacSHA256"),
        TLS_AES_256_GCM_SHA384(0x1302, true, AeadAlgorithm.AES_256_GCM, "HmacSHA384"),
        TLS_CHACHA20_POLY1305_SHA256(0x1303, true, AeadAlgorithm.CHACHA20_POLY1305, "HmacSHA256"),
        ECDHE_ECDSA_AES_128_GCM(0xc02b, false, AeadAlgorithm.AES_128_GCM, null),
        ECDHE_RSA_AES_256_GCM(0xc030, false, AeadAlgorithm.AES_256_GCM, null),
        ECDHE_ECDSA_CHACHA20(0xcca9, false, AeadAlgorithm.CHACHA20_POLY1305, null);

        final int id;
        final boolean tls13;
        final AeadAlgorithm aead;
        final String hmac;

        Suite(int id, boolean tls13, AeadAlgorithm aead, String hmac) {
            this.id = id;
            this.tls13 = tls13;
            this.aead = aead;
            this.hmac = hmac;
        }
    }

    /** What the fake component does in this run; set before each engine is created. */
    private static Script script;

    private static final SSLContext CONTEXT = context();

    private static final class Script {
        final List<Object> steps = new ArrayList<>(); // HandshakeStep, HandshakeFailedException or RuntimeException
        int next;
    }

    private static final class FakeHandshaker implements Handshaker {
        private final Script plan = script;

        @Override
        public HandshakeStep step(List<byte[]> records) throws HandshakeFailedException {
            Object step = plan.steps.get(Math.min(plan.next++, plan.steps.size() - 1));
            if (step instanceof HandshakeFailedException) {
                throw (HandshakeFailedException) step;
            }
            if (step instanceof RuntimeException) {
                throw (RuntimeException) step;
            }
            return (HandshakeStep) step;
        }

        @Override
        public void close() {
        }
    }

    @FuzzTest(maxDuration = "60s")
    void installsResultOrFailsClosed(FuzzedDataProvider data) throws SSLException {
        boolean client = data.consumeBoolean();
        Suite suite = data.pickValue(Suite.values());
        int cipherSuite = data.consumeInt(0, 9) == 9 ? data.consumeInt() : suite.id;
        boolean valid = cipherSuite == suite.id;
        KeyChoice clientWrite = keys(data, suite);
        KeyChoice serverWrite = keys(data, suite);
        valid &= clientWrite.usable && serverWrite.usable;

        Script plan = new Script();
        int before = data.consumeInt(0, 2);
        for (int i = 0; i < before; i++) {
            byte[] output = records(data);
            valid &= wellFormed(output);
            plan.steps.add(new HandshakeStep(output, 1, null));
        }
        int ending = data.consumeInt(0, 9);
        if (ending == 8) {
            int alert = data.consumeInt(-1, 255);
            byte[] alertRecord = data.consumeBoolean() ? new byte[0] : new byte[] {21, 3, 3, 0, 2, 2, (byte) alert};
            plan.steps.add(new HandshakeFailedException("fuzzed failure", alertRecord, alert, null));
            valid = false;
        } else if (ending == 9) {
            plan.steps.add(new IllegalStateException("fuzzed component bug"));
            valid = false;
        } else {
            byte[] pending = nullable(data, records(data));
            valid &= pending != null && wellFormed(pending);
            // Mostly what a correct component sends (RFC 8446 §4.1.2: a session id has at most 32 bytes).
            String protocol = data.consumeInt(0, 9) == 9 ? data.pickValue(new String[] {"TLSv1.3", "TLSv1.2", "SSLv3", ""})
                    : suite.tls13 ? "TLSv1.3" : "TLSv1.2";
            valid &= protocol.equals(suite.tls13 ? "TLSv1.3" : "TLSv1.2");
            byte[] sessionId = nullable(data, data.consumeBytes(data.consumeInt(0, 9) == 9 ? 40 : 32));
            valid &= sessionId == null || sessionId.length <= 32;
            HandshakeResult result = new HandshakeResult(sessionId, protocol, cipherSuite,
                    clientWrite.keys, serverWrite.keys, certificates(data), certificates(data),
                    data.consumeBoolean() ? "" : data.consumeString(20), List.of(data.consumeString(20)),
                    data.consumeInt(), nullable(data, data.consumeBytes(data.consumeInt(0, 48))),
                    nullable(data, Arrays.copyOf(data.consumeBytes(32), 32)), data.consumeBoolean(), pending);
            valid &= result.sessionId() != null && result.exporterSecret() != null && result.clientRandom() != null
                    && genuine(result.peerCertificates()) && genuine(result.localCertificates());
            int consumed = data.consumeInt(0, 9) == 9 ? data.consumeInt(-1, 3) : 1;
            valid &= consumed >= 1; // the engine offers one record per step here
            plan.steps.add(new HandshakeStep(new byte[0], consumed, result));
        }
        script = plan;

        SSLEngine engine = CONTEXT.createSSLEngine("localhost", 443);
        engine.setUseClientMode(client);
        EngineDriver driver = new EngineDriver(engine);
        driver.start();
        byte[] handshakeRecord = {22, 3, 3, 0, 4, 1, 0, 0, 0};
        for (int i = 0; i < 4 && !driver.failed() && isHandshaking(engine); i++) {
            driver.feed(handshakeRecord, null);
        }
        if (driver.failed()) {
            check(!valid, "a usable result failed to install: " + driver.failure);
            driver.assertClosedAfterFailure();
            return;
        }
        check(!isHandshaking(engine), "the result was not installed: " + engine.getHandshakeStatus());
        engine.getSession().getCipherSuite();
        try {
            engine.getSession().getPeerCertificates();
        } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
            // Allowed: the result may carry no peer chain.
        }
        roundTrip(driver, suite, clientWrite, serverWrite, valid);
    }

    /** Application data both ways between the engine and a peer record layer holding the same keys. */
    private static void roundTrip(EngineDriver driver, Suite suite, KeyChoice clientWrite, KeyChoice serverWrite,
            boolean valid) throws SSLException {
        SSLEngine engine = driver.engine;
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer wire = ByteBuffer.allocate(1 << 15);
        try {
            SSLEngineResult wrapped = engine.wrap(ByteBuffer.wrap(ping), wire);
            wire.flip();
            if (!valid) {
                driver.assertClosesCleanly();
                return;
            }
            check(wrapped.bytesConsumed() == ping.length, "engine did not seal the application data: " + wrapped);
            boolean client = engine.getUseClientMode();
            RecordLayer peer = peerLayer(suite, client ? clientWrite.copy : serverWrite.copy,
                    client ? serverWrite.copy : clientWrite.copy, client ? clientWrite.sequence : serverWrite.sequence,
                    client ? serverWrite.sequence : clientWrite.sequence);
            ByteBuffer opened = ByteBuffer.allocate(1 << 15);
            InboundRecord kind = peer.open(wire, wire.remaining(), opened);
            check(kind == InboundRecord.APPLICATION_DATA && opened.position() == ping.length,
                    "the peer opened " + kind + " of " + opened.position() + " bytes");
            ByteBuffer back = ByteBuffer.allocate(peer.recordLengthFor(ping.length));
            back.put(peer.plaintextStart(), ping);
            peer.seal((byte) 23, back, ping.length);
            back.flip();
            ByteBuffer received = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            SSLEngineResult unwrapped = engine.unwrap(back, received);
            check(unwrapped.bytesProduced() == ping.length, "engine did not open the peer's record: " + unwrapped);
        } catch (SSLException e) {
            check(!valid, "a usable result gave an engine that fails: " + e);
            driver.failure = e;
            driver.assertClosedAfterFailure();
        }
    }

    private static boolean isHandshaking(SSLEngine engine) {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && !engine.isInboundDone();
    }

    /** Keys for one direction, with a private copy (the engine wipes the ones it is given). */
    private static final class KeyChoice {
        final DirectionKeys keys;
        final byte[][] copy;
        final long sequence;
        final boolean usable;

        KeyChoice(DirectionKeys keys, long sequence, boolean usable) {
            this.keys = keys;
            this.sequence = sequence;
            this.usable = usable;
            this.copy = keys == null ? null : new byte[][] {copy(keys.trafficSecret()), copy(keys.key()), copy(keys.iv())};
        }
    }

    private static KeyChoice keys(FuzzedDataProvider data, Suite suite) {
        int shape = data.consumeInt(0, 7);
        if (shape == 7) {
            return new KeyChoice(null, 0, false);
        }
        if (shape == 6) { // arbitrary lengths and sequence, either form
            byte[] secret = nullable(data, data.consumeBytes(data.consumeInt(0, 64)));
            byte[] key = nullable(data, data.consumeBytes(data.consumeInt(0, 40)));
            byte[] iv = nullable(data, data.consumeBytes(data.consumeInt(0, 20)));
            long sequence = data.consumeLong();
            return new KeyChoice(new DirectionKeys(secret, key, iv, sequence), sequence, false);
        }
        if (suite.tls13) {
            int hashLength = suite.hmac.equals("HmacSHA384") ? 48 : 32;
            return new KeyChoice(DirectionKeys.tls13(Arrays.copyOf(data.consumeBytes(hashLength), hashLength)), 0, true);
        }
        byte[] key = Arrays.copyOf(data.consumeBytes(suite.aead.keyLength()), suite.aead.keyLength());
        byte[] iv = Arrays.copyOf(data.consumeBytes(suite.aead.tls12FixedIvLength()), suite.aead.tls12FixedIvLength());
        long sequence = data.consumeLong(0, 1L << 40);
        return new KeyChoice(DirectionKeys.tls12(key, iv, sequence), sequence, true);
    }

    private static RecordLayer peerLayer(Suite suite, byte[][] read, byte[][] write, long readSequence,
            long writeSequence) throws SSLException {
        int limit = OffloadLimits.DEFAULT.maxPostHandshakeMessageSize();
        if (suite.tls13) {
            return RecordLayer.tls13(suite.aead, suite.hmac, read[0], write[0], ticket -> { }, limit);
        }
        return RecordLayer.tls12(suite.aead, read[1], read[2], readSequence, write[1], write[2], writeSequence, limit);
    }

    /** Handshake output: nothing, whole records, or arbitrary bytes. */
    private static byte[] records(FuzzedDataProvider data) {
        int shape = data.consumeInt(0, 2);
        if (shape == 0) {
            return new byte[0];
        }
        if (shape == 1) {
            byte[] body = data.consumeBytes(data.consumeInt(0, 300));
            return ByteBuffer.allocate(5 + body.length).put((byte) 22).put((byte) 3).put((byte) 3)
                    .putShort((short) body.length).put(body).array();
        }
        return data.consumeBytes(data.consumeInt(1, 40));
    }

    private static boolean wellFormed(byte[] records) {
        int at = 0;
        while (at + 5 <= records.length) {
            int length = ((records[at + 3] & 0xff) << 8) | (records[at + 4] & 0xff);
            if (records[at] < 20 || records[at] > 23 || records[at + 1] != 3 || length > RecordFormat.MAX_CIPHERTEXT) {
                return false;
            }
            at += 5 + length;
        }
        return at == records.length;
    }

    private static List<byte[]> certificates(FuzzedDataProvider data) {
        int shape = data.consumeInt(0, 3);
        if (shape == 3) {
            return null;
        }
        List<byte[]> chain = new ArrayList<>();
        if (shape == 1) {
            try {
                chain.add(Flights.IDENTITY.certificate().getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        } else if (shape == 2) {
            chain.add(data.consumeBytes(data.consumeInt(0, 200)));
        }
        return chain;
    }

    /** Null and junk DER are not what a correct component sends; the real chain or none is. */
    private static boolean genuine(List<byte[]> chain) {
        return chain != null && (chain.isEmpty() || chain.size() == 1 && chain.get(0).length > 200);
    }

    private static byte[] nullable(FuzzedDataProvider data, byte[] value) {
        return data.consumeInt(0, 15) == 15 ? null : value;
    }

    private static byte[] copy(byte[] bytes) {
        return bytes == null ? null : bytes.clone();
    }

    private static SSLContext context() {
        OffloadConfig config = OffloadConfig.withOffloader(new InlineOffloader())
                .withHandshakers(random -> request -> new FakeHandshaker());
        try {
            return TestCertificates.context(new OffloadJsseProvider(config), Flights.IDENTITY, Flights.IDENTITY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
