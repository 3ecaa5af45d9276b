package dev.offloadjsse.conformance;

import java.util.Map;

/** The Debian package that installs each command-line peer the matrix runs. */
final class DebianPackage {

    private static final Map<String, String> PACKAGES = Map.of(
            "openssl", "openssl",
            "curl", "curl",
            "gnutls-serv", "gnutls-bin",
            "gnutls-cli", "gnutls-bin",
            "tstclnt", "libnss3-tools",
            "selfserv", "libnss3-tools",
            "certutil", "libnss3-tools",
            "pk12util", "libnss3-tools",
            "testssl", "testssl.sh",
            "chromium", "chromium");

    private DebianPackage() {
    }

    static String of(String tool) {
        return PACKAGES.getOrDefault(tool, "providing " + tool);
    }
}
