package dev.offloadjsse.handshake;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIServerName;

/**
 * What the handshake learns while it runs, told to the connection owner so that its handshake
 * session is accurate when key and trust managers look at it. Called on the offload thread.
 */
public interface HandshakeProgress {

    /** @param cipherSuite IANA code point */
    void protocolSelected(String protocol, int cipherSuite);

    void serverNamesReceived(List<SNIServerName> serverNames);

    void peerCertificatesReceived(X509Certificate[] chain);

    void localCertificatesChosen(X509Certificate[] chain);

    /** @param protocol the ALPN protocol chosen, "" for none */
    void applicationProtocolSelected(String protocol);

    /**
     * Names the component instance that runs this handshake (a remote handshake server, say), for
     * the owner's reports. Local handshakes do not call it.
     */
    default void servedBy(String component) {
    }
}
