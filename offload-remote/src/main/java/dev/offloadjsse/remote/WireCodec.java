package dev.offloadjsse.remote;

import com.google.protobuf.ByteString;
import dev.offloadjsse.handshake.ClientAuth;
import dev.offloadjsse.handshake.DirectionKeys;
import dev.offloadjsse.handshake.HandshakeRequest;
import dev.offloadjsse.handshake.HandshakeResult;
import dev.offloadjsse.remote.wire.Chain;
import dev.offloadjsse.remote.wire.Result;
import dev.offloadjsse.remote.wire.ServerName;
import dev.offloadjsse.remote.wire.ServerNames;
import dev.offloadjsse.remote.wire.Start;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Conversions between the provider's plain values and the wire messages of
 * {@code offload_handshake.proto}. Shared by the front end and the handshake server so that both
 * read and write every field the same way.
 */
public final class WireCodec {

    /** Bumped when a message changes meaning; the server refuses a Start of another version. */
    public static final int WIRE_VERSION = 1;

    private WireCodec() {
    }

    /** The request without its key objects: what a server-role handshake needs from the front end. */
    public static Start start(HandshakeRequest request) {
        Start.Builder start = Start.newBuilder()
                .setWireVersion(WIRE_VERSION)
                .setConnectionId(request.connectionId())
                .addAllProtocols(request.protocols())
                .setPeerHost(request.peerHost() == null ? "" : request.peerHost())
                .setPeerPort(request.peerPort())
                .addAllApplicationProtocols(request.applicationProtocols())
                .setClientAuth(clientAuth(request.clientAuth()))
                .setUseCipherSuitesOrder(request.useCipherSuitesOrder())
                .setAlpnSelector(request.alpnSelector() != null)
                .setSniMatchers(request.sniMatchers() != null && !request.sniMatchers().isEmpty())
                .setMaxHandshakeMessageSize(request.maxHandshakeMessageSize());
        for (int suite : request.cipherSuites()) {
            start.addCipherSuites(suite);
        }
        if (request.namedGroups() != null) {
            for (int group : request.namedGroups()) {
                start.addNamedGroups(group);
            }
        }
        if (request.signatureSchemes() != null) {
            for (int scheme : request.signatureSchemes()) {
                start.addSignatureSchemes(scheme);
            }
        }
        X509ExtendedTrustManager trust = request.trustManager();
        if (request.clientAuth() != ClientAuth.NONE && trust != null) {
            for (X509Certificate issuer : trust.getAcceptedIssuers()) {
                start.addAcceptedIssuers(der(issuer));
            }
        }
        return start.build();
    }

    public static dev.offloadjsse.remote.wire.ClientAuth clientAuth(ClientAuth mode) {
        switch (mode == null ? ClientAuth.NONE : mode) {
            case WANT:
                return dev.offloadjsse.remote.wire.ClientAuth.CLIENT_AUTH_WANT;
            case NEED:
                return dev.offloadjsse.remote.wire.ClientAuth.CLIENT_AUTH_NEED;
            default:
                return dev.offloadjsse.remote.wire.ClientAuth.CLIENT_AUTH_NONE;
        }
    }

    public static ClientAuth clientAuth(dev.offloadjsse.remote.wire.ClientAuth mode) {
        switch (mode) {
            case CLIENT_AUTH_WANT:
                return ClientAuth.WANT;
            case CLIENT_AUTH_NEED:
                return ClientAuth.NEED;
            default:
                return ClientAuth.NONE;
        }
    }

    public static int[] cipherSuites(Start start) {
        return start.getCipherSuitesList().stream().mapToInt(Integer::intValue).toArray();
    }

    public static int[] namedGroups(Start start) {
        return start.getNamedGroupsList().stream().mapToInt(Integer::intValue).toArray();
    }

    public static int[] signatureSchemes(Start start) {
        return start.getSignatureSchemesList().stream().mapToInt(Integer::intValue).toArray();
    }

    public static Result result(HandshakeResult result) {
        Result.Builder wire = Result.newBuilder()
                .setSessionId(bytes(result.sessionId()))
                .setProtocol(result.protocol())
                .setCipherSuite(result.cipherSuite())
                .setClientWrite(keys(result.clientWrite()))
                .setServerWrite(keys(result.serverWrite()))
                .setApplicationProtocol(result.applicationProtocol() == null ? "" : result.applicationProtocol())
                .addAllRequestedServerNames(result.requestedServerNames())
                .setNamedGroup(result.namedGroup())
                .setExporterSecret(bytes(result.exporterSecret()))
                .setResumed(result.resumed())
                .setPendingOutput(bytes(result.pendingOutput()))
                .setClientRandom(bytes((byte[]) component(result, "clientRandom")));
        result.peerCertificates().forEach(c -> wire.addPeerCertificates(ByteString.copyFrom(c)));
        result.localCertificates().forEach(c -> wire.addLocalCertificates(ByteString.copyFrom(c)));
        return wire.build();
    }

    /**
     * The result, built by component name: {@link HandshakeResult} grows with the provider, and a
     * front end and server one field apart must still build (a component unknown here gets an
     * empty value).
     */
    public static HandshakeResult result(Result wire) {
        boolean tls13 = "TLSv1.3".equals(wire.getProtocol());
        Map<String, Object> values = new HashMap<>();
        values.put("sessionId", wire.getSessionId().toByteArray());
        values.put("protocol", wire.getProtocol());
        values.put("cipherSuite", wire.getCipherSuite());
        values.put("clientWrite", keys(wire.getClientWrite(), tls13));
        values.put("serverWrite", keys(wire.getServerWrite(), tls13));
        values.put("peerCertificates", byteArrays(wire.getPeerCertificatesList()));
        values.put("localCertificates", byteArrays(wire.getLocalCertificatesList()));
        values.put("applicationProtocol", wire.getApplicationProtocol());
        values.put("requestedServerNames", List.copyOf(wire.getRequestedServerNamesList()));
        values.put("namedGroup", wire.getNamedGroup());
        values.put("exporterSecret", wire.getExporterSecret().toByteArray());
        values.put("resumed", wire.getResumed());
        values.put("pendingOutput", wire.getPendingOutput().toByteArray());
        values.put("clientRandom", wire.getClientRandom().toByteArray());
        RecordComponent[] components = HandshakeResult.class.getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            arguments[i] = values.containsKey(components[i].getName()) ? values.get(components[i].getName()) : empty(types[i]);
        }
        try {
            return HandshakeResult.class.getDeclaredConstructor(types).newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build a HandshakeResult: " + e, e);
        }
    }

    private static Object empty(Class<?> type) {
        if (type == byte[].class) {
            return new byte[0];
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == String.class) {
            return "";
        }
        if (type == List.class) {
            return List.of();
        }
        return null;
    }

    /** A record component's value by name, or null when this provider's record has no such component. */
    private static Object component(Record record, String name) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    return component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static dev.offloadjsse.remote.wire.DirectionKeys keys(DirectionKeys keys) {
        return dev.offloadjsse.remote.wire.DirectionKeys.newBuilder()
                .setTrafficSecret(bytes(keys.trafficSecret()))
                .setKey(bytes(keys.key()))
                .setIv(bytes(keys.iv()))
                .setSequence(keys.sequence())
                .build();
    }

    /** TLS 1.3 keys carry only the traffic secret, TLS 1.2 keys only key and IV, as {@link DirectionKeys} does. */
    private static DirectionKeys keys(dev.offloadjsse.remote.wire.DirectionKeys wire, boolean tls13) {
        return tls13
                ? new DirectionKeys(wire.getTrafficSecret().toByteArray(), null, null, wire.getSequence())
                : new DirectionKeys(null, wire.getKey().toByteArray(), wire.getIv().toByteArray(), wire.getSequence());
    }

    public static ServerNames serverNames(List<SNIServerName> names) {
        ServerNames.Builder wire = ServerNames.newBuilder();
        for (SNIServerName name : names) {
            wire.addNames(ServerName.newBuilder().setType(name.getType()).setEncoded(ByteString.copyFrom(name.getEncoded())));
        }
        return wire.build();
    }

    /** Host names become {@link SNIHostName}; other name types (none is defined today) are dropped. */
    public static List<SNIServerName> serverNames(ServerNames wire) {
        List<SNIServerName> names = new ArrayList<>();
        for (ServerName name : wire.getNamesList()) {
            if (name.getType() == StandardConstants.SNI_HOST_NAME) {
                names.add(new SNIHostName(name.getEncoded().toByteArray()));
            }
        }
        return names;
    }

    public static Chain chain(X509Certificate[] chain) {
        Chain.Builder wire = Chain.newBuilder();
        if (chain != null) {
            for (X509Certificate certificate : chain) {
                wire.addCertificates(der(certificate));
            }
        }
        return wire.build();
    }

    public static X509Certificate[] certificates(List<ByteString> der) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate[] chain = new X509Certificate[der.size()];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.get(i).toByteArray()));
        }
        return chain;
    }

    public static ByteString der(X509Certificate certificate) {
        try {
            return ByteString.copyFrom(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Certificate '" + certificate.getSubjectX500Principal() + "' cannot be encoded", e);
        }
    }

    public static List<ByteString> records(List<byte[]> records) {
        List<ByteString> wire = new ArrayList<>(records.size());
        records.forEach(r -> wire.add(ByteString.copyFrom(r)));
        return wire;
    }

    public static List<byte[]> byteArrays(List<ByteString> wire) {
        List<byte[]> arrays = new ArrayList<>(wire.size());
        wire.forEach(b -> arrays.add(b.toByteArray()));
        return arrays;
    }

    private static ByteString bytes(byte[] value) {
        return value == null ? ByteString.EMPTY : ByteString.copyFrom(value);
    }
}
