package dev.offloadjsse.examples;

import java.util.Base64;

/** PEM text (RFC 7468) for DER bytes. */
public final class Pem {

    private Pem() {
    }

    /** For example {@code encode("CERTIFICATE", certificate.getEncoded())}. */
    public static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
