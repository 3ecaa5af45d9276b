package dev.offloadjsse.examples;

import dev.offloadjsse.OffloadJsseProvider;
import java.security.Security;

/** Makes a JSSE provider available by name to {@code SSLContext.getInstance(protocol, name)}. */
final class JsseProviders {

    private JsseProviders() {
    }

    /**
     * Returns {@code name}, after adding the OffloadJSSE provider to the installed ones when it is
     * asked for and not installed yet (it is not listed in the JDK's {@code java.security}).
     */
    static String installed(String name) {
        if (name.equals(OffloadJsseProvider.NAME) && Security.getProvider(name) == null) {
            Security.addProvider(new OffloadJsseProvider());
        }
        return name;
    }
}
