package dev.offloadjsse.engine;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;

/** JSSE's names of key exchange groups (RFC 8446 §4.2.7 / RFC 7919) and where JSSE users set them. */
final class NamedGroups {

    private static final Map<String, Integer> IDS = Map.ofEntries(
            Map.entry("secp256k1", 22), Map.entry("secp256r1", 23), Map.entry("secp384r1", 24),
            Map.entry("secp521r1", 25), Map.entry("x25519", 29), Map.entry("x448", 30),
            Map.entry("ffdhe2048", 256), Map.entry("ffdhe3072", 257), Map.entry("ffdhe4096", 258),
            Map.entry("ffdhe6144", 259), Map.entry("ffdhe8192", 260));

    private NamedGroups() {
    }

    /** {@code jdk.tls.namedGroups}, e.g. {@code "x25519,secp256r1"}; empty for the defaults. */
    static int[] fromSystemProperty() {
        String property = System.getProperty("jdk.tls.namedGroups", "").replace("\"", "").trim();
        return property.isEmpty() ? new int[0] : ids(property.split("\\s*,\\s*"));
    }

    /** {@code SSLParameters.getNamedGroups()}, which exists from JDK 20; null on Java 17 or when unset. */
    static String[] fromParameters(SSLParameters parameters) {
        try {
            Method getter = SSLParameters.class.getMethod("getNamedGroups");
            return (String[]) getter.invoke(parameters);
        } catch (ReflectiveOperationException notOnThisJdk) {
            return null;
        }
    }

    static int[] ids(String[] names) {
        return Arrays.stream(names).map(name -> name.toLowerCase(Locale.ROOT)).filter(IDS::containsKey)
                .mapToInt(IDS::get).toArray();
    }
}
