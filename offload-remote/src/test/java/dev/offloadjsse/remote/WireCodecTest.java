package dev.offloadjsse.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.handshake.DirectionKeys;
import dev.offloadjsse.handshake.HandshakeResult;
import dev.offloadjsse.remote.wire.Result;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The result crosses the wire whole: every component of {@link HandshakeResult} read back from
 * its serialised {@code Result} equals the original (the oracle is the record itself), so a
 * component the provider adds and the wire does not carry fails here.
 */
class WireCodecTest {

    @Test
    void tls13ResultSurvivesTheWireComponentByComponent() throws Exception {
        HandshakeResult original = result("TLSv1.3", new DirectionKeys(bytes(32, 1), null, null, 0),
                new DirectionKeys(bytes(32, 2), null, null, 0));

        HandshakeResult back = WireCodec.result(Result.parseFrom(WireCodec.result(original).toByteArray()));

        assertSameComponents(back, original);
        assertThat(back.clientWrite().key()).isNull();
    }

    @Test
    void tls12ResultKeepsKeyIvAndSequenceOfEachDirection() throws Exception {
        HandshakeResult original = result("TLSv1.2", new DirectionKeys(null, bytes(16, 3), bytes(4, 4), 1),
                new DirectionKeys(null, bytes(16, 5), bytes(4, 6), 1));

        HandshakeResult back = WireCodec.result(Result.parseFrom(WireCodec.result(original).toByteArray()));

        assertSameComponents(back, original);
        assertThat(back.serverWrite().trafficSecret()).isNull();
    }

    private static HandshakeResult result(String protocol, DirectionKeys client, DirectionKeys server) {
        return new HandshakeResult(bytes(32, 7), protocol, 0x1301, client, server, List.of(bytes(300, 8)),
                List.of(bytes(310, 9), bytes(320, 10)), "h2", List.of("localhost"), 29, bytes(48, 11), bytes(32, 12),
                true, bytes(7, 13));
    }

    /** Byte arrays and lists of them by content, direction keys by their parts, the rest by equals. */
    private static void assertSameComponents(Record actual, Record expected) throws Exception {
        for (RecordComponent component : expected.getClass().getRecordComponents()) {
            Object want = component.getAccessor().invoke(expected);
            Object got = component.getAccessor().invoke(actual);
            if (want instanceof Record) {
                assertSameComponents((Record) got, (Record) want);
            } else {
                assertThat(got).as(component.getName()).usingRecursiveComparison().isEqualTo(want);
            }
        }
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }
}
