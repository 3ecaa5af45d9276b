package dev.offloadjsse.remote;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager for one server-role handshake: with several keys of a type, the one whose
 * certificate names the client's SNI host (RFC 6125 §6.4, one left-most wildcard label) is
 * chosen. Neither the handshake server nor a keyless front end's {@link RemoteKeys} has an
 * {@code SSLEngine} to read the SNI from, so the names come from the handshake's progress
 * ({@link #serverNames}) before the credentials are chosen.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager keys;
    private volatile List<SNIServerName> serverNames = List.of();

    public SniKeyManager(X509ExtendedKeyManager keys) {
        this.keys = keys;
    }

    public void serverNames(List<SNIServerName> names) {
        this.serverNames = List.copyOf(names);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String[] aliases = keys.getServerAliases(keyType, issuers);
        if (aliases != null && aliases.length > 1) {
            for (SNIServerName name : serverNames) {
                if (name instanceof SNIHostName) {
                    String host = ((SNIHostName) name).getAsciiName().toLowerCase(Locale.ROOT);
                    for (String alias : aliases) {
                        if (names(keys.getCertificateChain(alias), host)) {
                            return alias;
                        }
                    }
                }
            }
        }
        return keys.chooseEngineServerAlias(keyType, issuers, null);
    }

    private static boolean names(X509Certificate[] chain, String host) {
        if (chain == null || chain.length == 0) {
            return false;
        }
        try {
            if (chain[0].getSubjectAlternativeNames() == null) {
                return false;
            }
            for (List<?> entry : chain[0].getSubjectAlternativeNames()) {
                if (((Integer) entry.get(0)) == 2 && matches(((String) entry.get(1)).toLowerCase(Locale.ROOT), host)) {
                    return true;
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        return false;
    }

    private static boolean matches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return chooseEngineServerAlias(keyType, issuers, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return keys.getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return keys.getPrivateKey(alias);
    }
}
