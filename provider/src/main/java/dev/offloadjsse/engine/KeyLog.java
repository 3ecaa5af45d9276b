package dev.offloadjsse.engine;

import dev.offloadjsse.handshake.HandshakeResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The opt-in key log in NSS's {@code SSLKEYLOGFILE} format, for decrypting captures with
 * Wireshark. Written only when the system property {@code offloadjsse.keylog} names a file;
 * anyone who can read that file can read the traffic, so a warning is logged when it is enabled.
 */
final class KeyLog {

    private static final System.Logger LOG = System.getLogger(KeyLog.class.getName());
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private KeyLog() {
    }

    static void record(HandshakeResult result) {
        String file = System.getProperty("offloadjsse.keylog", "");
        if (file.isEmpty()) {
            return;
        }
        if (WARNED.add(file)) {
            LOG.log(Level.WARNING, "TLS key log enabled (offloadjsse.keylog): session secrets of every connection are written to "
                    + file + "; anyone who reads it can decrypt the traffic. Never enable this in production.");
        }
        String random = HexFormat.of().formatHex(result.clientRandom());
        StringBuilder lines = new StringBuilder();
        if ("TLSv1.3".equals(result.protocol())) {
            line(lines, "CLIENT_TRAFFIC_SECRET_0", random, result.clientWrite().trafficSecret());
            line(lines, "SERVER_TRAFFIC_SECRET_0", random, result.serverWrite().trafficSecret());
            line(lines, "EXPORTER_SECRET", random, result.exporterSecret());
        } else {
            line(lines, "CLIENT_RANDOM", random, result.exporterSecret());
        }
        write(Path.of(file), lines.toString());
    }

    private static void line(StringBuilder lines, String label, String random, byte[] secret) {
        lines.append(label).append(' ').append(random).append(' ').append(HexFormat.of().formatHex(secret)).append('\n');
    }

    private static synchronized void write(Path file, String lines) {
        try {
            Files.writeString(file, lines, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot append to the key log " + file + ": " + e);
        }
    }
}
