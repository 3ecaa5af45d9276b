package dev.offloadjsse.engine;

import dev.offloadjsse.handshake.ClientAuth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;

/** The configuration of one engine: the JSSE setters and {@link SSLParameters}, validated. */
final class EngineSettings {

    boolean clientMode;
    boolean clientModeSet;
    List<String> protocols;
    private static final List<SupportedSuite> ALL_SUITES = List.of(SupportedSuite.values());

    List<SupportedSuite> cipherSuites = ALL_SUITES;
    ClientAuth clientAuth = ClientAuth.NONE;
    String endpointIdentificationAlgorithm;
    List<SNIServerName> serverNames;
    List<SNIMatcher> sniMatchers = List.of();
    List<String> applicationProtocols = List.of();
    boolean useCipherSuitesOrder = true;
    int maximumPacketSize;
    java.security.AlgorithmConstraints algorithmConstraints;
    boolean enableSessionCreation = true;
    int[] namedGroups;
    /** Set through SSLParameters (JDK 19+); null: the context's default for the role. */
    int[] signatureSchemes;

    EngineSettings(List<String> protocols, int[] namedGroups) {
        this.protocols = protocols;
        this.namedGroups = namedGroups;
    }

    static List<SupportedSuite> suites(String[] names) {
        if (names == null) {
            throw new IllegalArgumentException("Cipher suite list must not be null");
        }
        List<SupportedSuite> suites = new ArrayList<>();
        for (String name : names) {
            SupportedSuite suite = SupportedSuite.byName(name);
            if (suite == null) {
                throw new IllegalArgumentException("Unsupported cipher suite: " + name
                        + " (OffloadJSSE supports only the AEAD suites of TLS 1.3 and TLS 1.2 ECDHE)");
            }
            if (!suites.contains(suite)) {
                suites.add(suite);
            }
        }
        return List.copyOf(suites);
    }

    static List<String> protocols(String[] names) {
        if (names == null) {
            throw new IllegalArgumentException("Protocol list must not be null");
        }
        List<String> protocols = new ArrayList<>();
        for (String name : names) {
            if (!ContextState.SUPPORTED_PROTOCOLS.contains(name)) {
                throw new IllegalArgumentException("Unsupported protocol: " + name + " (OffloadJSSE supports TLSv1.3 and TLSv1.2)");
            }
            if (!protocols.contains(name)) {
                protocols.add(name);
            }
        }
        return List.copyOf(protocols);
    }

    String[] cipherSuiteNames() {
        return cipherSuites.stream().map(Enum::name).toArray(String[]::new);
    }

    /** The enabled suites that an enabled protocol can use; a loop, not a stream (once per handshake). */
    int[] cipherSuiteIds() {
        boolean tls13 = protocols.contains("TLSv1.3");
        boolean tls12 = protocols.contains("TLSv1.2");
        int[] ids = new int[cipherSuites.size()];
        int count = 0;
        for (SupportedSuite suite : cipherSuites) {
            if (suite.tls13 ? tls13 : tls12) {
                ids[count++] = suite.id;
            }
        }
        return count == ids.length ? ids : Arrays.copyOf(ids, count);
    }

    /**
     * The SNI names a client sends: those set explicitly, else the peer host when it is a fully
     * qualified name — as SunJSSE does, not for an IP literal nor a name without a dot.
     */
    List<SNIServerName> clientServerNames(String peerHost) {
        if (serverNames != null) {
            return serverNames;
        }
        if (peerHost == null || HostnameCheck.isIpLiteral(peerHost) || peerHost.indexOf('.') < 0) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(peerHost));
        } catch (IllegalArgumentException notAHostName) {
            return List.of();
        }
    }

    SSLParameters toParameters() {
        SSLParameters parameters = new SSLParameters(cipherSuiteNames(), protocols.toArray(new String[0]));
        if (clientAuth == ClientAuth.NEED) {
            parameters.setNeedClientAuth(true);
        } else if (clientAuth == ClientAuth.WANT) {
            parameters.setWantClientAuth(true);
        }
        parameters.setEndpointIdentificationAlgorithm(endpointIdentificationAlgorithm);
        if (serverNames != null) {
            parameters.setServerNames(serverNames);
        }
        parameters.setSNIMatchers(sniMatchers);
        parameters.setApplicationProtocols(applicationProtocols.toArray(new String[0]));
        parameters.setUseCipherSuitesOrder(useCipherSuitesOrder);
        parameters.setMaximumPacketSize(maximumPacketSize);
        parameters.setAlgorithmConstraints(algorithmConstraints);
        return parameters;
    }

    void apply(SSLParameters parameters) {
        if (parameters.getCipherSuites() != null) {
            cipherSuites = suites(parameters.getCipherSuites());
        }
        if (parameters.getProtocols() != null) {
            protocols = protocols(parameters.getProtocols());
        }
        clientAuth = parameters.getNeedClientAuth() ? ClientAuth.NEED
                : parameters.getWantClientAuth() ? ClientAuth.WANT : ClientAuth.NONE;
        endpointIdentificationAlgorithm = parameters.getEndpointIdentificationAlgorithm();
        if (parameters.getServerNames() != null) {
            serverNames = List.copyOf(parameters.getServerNames());
        }
        Collection<SNIMatcher> matchers = parameters.getSNIMatchers();
        if (matchers != null) {
            sniMatchers = List.copyOf(matchers);
        }
        String[] alpn = parameters.getApplicationProtocols();
        if (alpn != null) {
            applicationProtocols = List.of(alpn);
        }
        useCipherSuitesOrder = parameters.getUseCipherSuitesOrder();
        maximumPacketSize = parameters.getMaximumPacketSize();
        algorithmConstraints = parameters.getAlgorithmConstraints();
        String[] schemes = SignatureSchemeSettings.fromParameters(parameters);
        if (schemes != null) {
            signatureSchemes = dev.offloadjsse.handshake.SignatureSchemes.codes(schemes);
        }
        String[] groups = NamedGroups.fromParameters(parameters);
        if (groups != null) {
            namedGroups = NamedGroups.ids(groups);
        }
    }
}
