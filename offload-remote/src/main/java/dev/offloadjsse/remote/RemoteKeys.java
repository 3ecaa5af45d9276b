package dev.offloadjsse.remote;

import dev.offloadjsse.remote.wire.CertificatesReply;
import dev.offloadjsse.remote.wire.CertificatesRequest;
import dev.offloadjsse.remote.wire.HandshakeServiceGrpc;
import dev.offloadjsse.remote.wire.ServerKey;
import io.grpc.StatusRuntimeException;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The keyless front end's key manager: the certificate chains of the handshake servers' keys
 * and, for each, a {@link RemoteKey} whose signatures are made on the servers. Aliases are the
 * keys' ids (SHA-256 of the leaf certificate). Server role only.
 *
 * <p>The chains are fetched (one {@code Certificates} call, to whichever server round_robin
 * picks: the servers hold the same keys) when a handshake first needs them, that is in a
 * handshake task and never on the engine's caller thread, and then kept. A failed fetch fails
 * that handshake ({@link UncheckedIOException} out of the key manager, reported with its message)
 * and the next handshake asks again.
 */
public final class RemoteKeys extends X509ExtendedKeyManager {

    private record Entry(X509Certificate[] chain, RemoteKey key) {
    }

    private record Listing(Map<String, Entry> entries, String server) {
    }

    private final RemoteHandshakers remote;
    /** The keys this is a view of (they fetch and keep the listing), or null when this is they. */
    private final RemoteKeys shared;
    private final Consumer<String> servedBy;
    private volatile Listing listing;

    RemoteKeys(RemoteHandshakers remote) {
        this.remote = remote;
        this.shared = null;
        this.servedBy = null;
    }

    private RemoteKeys(RemoteKeys shared, Consumer<String> servedBy) {
        this.remote = shared.remote;
        this.shared = shared;
        this.servedBy = servedBy;
    }

    /** A view for one handshake whose keys tell {@code servedBy} the server that made each signature. */
    public RemoteKeys reportingTo(Consumer<String> servedBy) {
        return new RemoteKeys(shared == null ? this : shared, servedBy);
    }

    private Map<String, Entry> entries() {
        if (shared != null) {
            return shared.entries();
        }
        Listing current = listing;
        if (current == null) {
            synchronized (this) {
                current = listing;
                if (current == null) {
                    try {
                        current = fetch(remote);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    listing = current;
                }
            }
        }
        return current.entries();
    }

    private static Listing fetch(RemoteHandshakers remote) throws IOException {
        CertificatesReply reply;
        try {
            // Once per process, and possibly while the channel still connects: the handshake's deadline, not a signature's.
            reply = HandshakeServiceGrpc.newBlockingStub(remote.channel())
                    .withWaitForReady()
                    .withDeadlineAfter(remote.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS)
                    .certificates(CertificatesRequest.newBuilder().setWireVersion(WireCodec.WIRE_VERSION).build());
        } catch (StatusRuntimeException e) {
            throw new IOException("Remote keys: handshake servers " + remote.targets() + " did not list their certificates ("
                    + e.getStatus() + ")", e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (ServerKey key : reply.getKeysList()) {
            try {
                X509Certificate[] chain = WireCodec.certificates(key.getChainList());
                if (chain.length == 0 || !key.getKeyId().equals(keyId(chain[0]))) {
                    throw new IOException("Remote keys: key " + key.getKeyId() + " from " + reply.getServer()
                            + " does not name its certificate");
                }
                entries.put(key.getKeyId(), new Entry(chain, RemoteKey.of(remote, key.getKeyId(), key.getAlgorithm(),
                        chain[0].getPublicKey())));
            } catch (CertificateException e) {
                throw new IOException("Remote keys: a certificate from " + reply.getServer() + " does not parse: " + e.getMessage(), e);
            }
        }
        return new Listing(entries, reply.getServer());
    }

    /** Lower-case hex SHA-256 of the certificate's DER: the id of its key on the wire. */
    public static String keyId(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new UncheckedIOException(new IOException("Cannot name the key of " + certificate.getSubjectX500Principal(), e));
        }
    }

    /** The server that listed the keys (fetching them if that has not happened yet). */
    public String server() {
        entries();
        return (shared == null ? this : shared).listing.server();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        List<String> aliases = new ArrayList<>();
        entries().forEach((id, entry) -> {
            if (entry.key().getAlgorithm().equals(keyType)) {
                aliases.add(id);
            }
        });
        return aliases.isEmpty() ? null : aliases.toArray(new String[0]);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        String[] aliases = getServerAliases(keyType, issuers);
        return aliases == null ? null : aliases[0];
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Entry entry = entries().get(alias);
        return entry == null ? null : entry.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Entry entry = entries().get(alias);
        return entry == null ? null : servedBy == null ? entry.key() : entry.key().reportingTo(servedBy);
    }

    /** None: a front end's client-role handshakes use its own key manager. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
