package dev.offloadjsse.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/** Translations of the request's JSSE settings into Bouncy Castle's terms, shared by both roles. */
final class PeerSettings {

    private PeerSettings() {
    }

    static ProtocolVersion[] versions(List<String> protocols) {
        List<ProtocolVersion> versions = new ArrayList<>();
        if (protocols.contains("TLSv1.3")) {
            versions.add(ProtocolVersion.TLSv13);
        }
        if (protocols.contains("TLSv1.2")) {
            versions.add(ProtocolVersion.TLSv12);
        }
        return versions.toArray(new ProtocolVersion[0]);
    }

    static int[] cipherSuites(TlsCrypto crypto, int[] requested) {
        return TlsUtils.getSupportedCipherSuites(crypto, requested);
    }

    static Vector<ProtocolName> applicationProtocols(List<String> protocols) {
        if (protocols.isEmpty()) {
            return null;
        }
        Vector<ProtocolName> names = new Vector<>();
        for (String protocol : protocols) {
            names.add(ProtocolName.asUtf8Encoding(protocol));
        }
        return names;
    }

    /** Signature schemes of a BC signature_algorithms list, in its order. */
    static List<Integer> schemes(Vector<?> signatureAlgorithms) {
        List<Integer> schemes = new ArrayList<>();
        if (signatureAlgorithms != null) {
            for (Object algorithm : signatureAlgorithms) {
                schemes.add(SignatureScheme.from((org.bouncycastle.tls.SignatureAndHashAlgorithm) algorithm));
            }
        }
        return schemes;
    }

    static String versionName(ProtocolVersion version) {
        return TlsUtils.isTLSv13(version) ? "TLSv1.3" : version.getName().replace("TLS 1.", "TLSv1.");
    }
}
