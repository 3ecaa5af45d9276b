package dev.offloadjsse.engine;

import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** RFC 2818 / RFC 6125 host name matching against a certificate's subjectAltName. */
final class HostnameCheck {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private HostnameCheck() {
    }

    static void check(String host, X509Certificate certificate) throws CertificateException {
        if (host == null || host.isEmpty()) {
            throw new CertificateException("No host name to check the server certificate against");
        }
        boolean ipLiteral = isIpLiteral(host);
        String wanted = host.toLowerCase(Locale.ROOT);
        Collection<List<?>> names = subjectAltNames(certificate);
        for (List<?> entry : names) {
            int type = (Integer) entry.get(0);
            String value = ((String) entry.get(1)).toLowerCase(Locale.ROOT);
            if (ipLiteral ? type == IP_ADDRESS && value.equals(wanted) : type == DNS_NAME && matches(wanted, value)) {
                return;
            }
        }
        throw new CertificateException("No subject alternative name in the server certificate matches '" + host + "'");
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names == null ? List.of() : names;
    }

    private static boolean matches(String host, String pattern) {
        if (!pattern.startsWith("*.")) {
            return host.equals(pattern);
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
