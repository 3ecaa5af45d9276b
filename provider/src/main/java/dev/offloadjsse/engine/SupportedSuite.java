package dev.offloadjsse.engine;

import dev.offloadjsse.record.AeadAlgorithm;
import java.util.ArrayList;
import java.util.List;

/** The cipher suites this provider can protect with its own record layer (AEAD only). */
enum SupportedSuite {
    TLS_AES_128_GCM_SHA256(0x1301, true, AeadAlgorithm.AES_128_GCM, "HmacSHA256"),
    TLS_AES_256_GCM_SHA384(0x1302, true, AeadAlgorithm.AES_256_GCM, "HmacSHA384"),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, true, AeadAlgorithm.CHACHA20_POLY1305, "HmacSHA256"),
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xc02b, false, AeadAlgorithm.AES_128_GCM, null),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xc02c, false, AeadAlgorithm.AES_256_GCM, null),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xcca9, false, AeadAlgorithm.CHACHA20_POLY1305, null),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xc02f, false, AeadAlgorithm.AES_128_GCM, null),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xc030, false, AeadAlgorithm.AES_256_GCM, null),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xcca8, false, AeadAlgorithm.CHACHA20_POLY1305, null);

    /** {@code values()} copies its array on every call; these look-ups run for every engine. */
    private static final SupportedSuite[] ALL = values();

    final int id;
    final boolean tls13;
    final AeadAlgorithm aead;
    /** TLS 1.3: the HMAC of the suite's hash, for HKDF. */
    final String hmac;

    SupportedSuite(int id, boolean tls13, AeadAlgorithm aead, String hmac) {
        this.id = id;
        this.tls13 = tls13;
        this.aead = aead;
        this.hmac = hmac;
    }

    static SupportedSuite byId(int id) {
        for (SupportedSuite suite : ALL) {
            if (suite.id == id) {
                return suite;
            }
        }
        return null;
    }

    static SupportedSuite byName(String name) {
        for (SupportedSuite suite : ALL) {
            if (suite.name().equals(name)) {
                return suite;
            }
        }
        return null;
    }

    static String nameOf(int id) {
        SupportedSuite suite = byId(id);
        return suite == null ? String.format("0x%04X", id) : suite.name();
    }

    static String[] names() {
        List<String> names = new ArrayList<>();
        for (SupportedSuite suite : ALL) {
            names.add(suite.name());
        }
        return names.toArray(new String[0]);
    }
}
