package dev.offloadjsse.engine;

import dev.offloadjsse.handshake.SignatureSchemes;
import java.lang.reflect.Method;
import javax.net.ssl.SSLParameters;

/** Where JSSE users set signature schemes: JDK 17's system properties, SSLParameters from JDK 19. */
final class SignatureSchemeSettings {

    private SignatureSchemeSettings() {
    }

    static int[] fromSystemProperty(String property) {
        String value = System.getProperty(property, "").replace("\"", "").trim();
        return value.isEmpty() ? new int[0] : SignatureSchemes.codes(value.split(","));
    }

    /** {@code SSLParameters.getSignatureSchemes()} where the JDK has it, else null. */
    static String[] fromParameters(SSLParameters parameters) {
        try {
            Method getter = SSLParameters.class.getMethod("getSignatureSchemes");
            return (String[]) getter.invoke(parameters);
        } catch (ReflectiveOperationException notOnThisJdk) {
            return null;
        }
    }
}
