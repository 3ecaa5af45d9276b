package dev.offloadjsse.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The identities of the channel between front ends and handshake servers (mutual TLS): each
 * side has a key and certificate of its own and trusts the other side's certificates or CA.
 * These keys authenticate the channel only; the TLS identity keys stay in the handshake server.
 *
 * @param keys this side's channel identity
 * @param trust the certificates (or CAs) of the other side
 */
public record ChannelKeys(KeyManagerFactory keys, TrustManagerFactory trust) {

    /** Key store and trust store files (PKCS#12 or JKS, by content). */
    public static ChannelKeys fromFiles(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword)
            throws IOException, GeneralSecurityException {
        return of(load(keyStore, keyStorePassword), keyStorePassword, load(trustStore, trustStorePassword));
    }

    public static ChannelKeys of(KeyStore keyStore, char[] password, KeyStore trustStore) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        return new ChannelKeys(keys, trust);
    }

    /** Loads a key store; the type comes from the content (PKCS#12 or JKS). */
    public static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            throw new IOException("Cannot read key store " + file + ": " + e.getMessage(), e);
        }
    }
}
