package dev.offloadjsse.remote;

import com.google.protobuf.ByteString;
import dev.offloadjsse.handshake.ExternalSigner;
import dev.offloadjsse.remote.wire.HandshakeServiceGrpc;
import dev.offloadjsse.remote.wire.SignReply;
import dev.offloadjsse.remote.wire.SignRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECParameterSpec;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A private key that stays in the handshake servers: it has no encoding, and each signature is
 * a {@code Sign} call (the provider's handshake calls {@link ExternalSigner#sign} for keys that
 * implement it, with the whole message to sign). Signing holds no state between calls, so a call that fails on one server
 * (unreachable, stopped, full) is simply made again and {@code round_robin} takes it to another.
 * EC keys are {@link ECKey}s and RSA keys {@link RSAKey}s (the parameters come from the
 * certificate), so that the handshake can tell which signature schemes the key makes.
 */
public class RemoteKey implements PrivateKey, ExternalSigner {

    private static final long serialVersionUID = 1L;

    private final transient RemoteHandshakers remote;
    private final String keyId;
    private final String algorithm;
    /** Told the name of the server that made each signature; null for nobody. */
    private final transient Consumer<String> servedBy;

    RemoteKey(RemoteHandshakers remote, String keyId, String algorithm, Consumer<String> servedBy) {
        this.remote = remote;
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.servedBy = servedBy;
    }

    /** The key for {@code certificateKey}'s private half, of the type the certificate says. */
    static RemoteKey of(RemoteHandshakers remote, String keyId, String algorithm, PublicKey certificateKey) {
        if (certificateKey instanceof java.security.interfaces.ECPublicKey) {
            return new Ec(remote, keyId, algorithm, null, ((java.security.interfaces.ECPublicKey) certificateKey).getParams());
        }
        if (certificateKey instanceof java.security.interfaces.RSAPublicKey) {
            return new Rsa(remote, keyId, algorithm, null, ((java.security.interfaces.RSAPublicKey) certificateKey).getModulus());
        }
        return new RemoteKey(remote, keyId, algorithm, null);
    }

    /** The same key, telling {@code servedBy} which server made each of its signatures (one handshake's view). */
    RemoteKey reportingTo(Consumer<String> servedBy) {
        return new RemoteKey(remote, keyId, algorithm, servedBy);
    }

    final RemoteHandshakers remote() {
        return remote;
    }

    /** The SHA-256 of the leaf certificate, which names the key on every server. */
    public String keyId() {
        return keyId;
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    /** None: the key is not here. */
    @Override
    public String getFormat() {
        return null;
    }

    /** None: the key is not here. */
    @Override
    public byte[] getEncoded() {
        return null;
    }

    @Override
    public byte[] sign(int signatureScheme, byte[] message) throws IOException {
        SignRequest request = SignRequest.newBuilder().setWireVersion(WireCodec.WIRE_VERSION).setKeyId(keyId)
                .setSignatureScheme(signatureScheme).setMessage(ByteString.copyFrom(message)).build();
        StatusRuntimeException last = null;
        for (int attempt = 1; attempt <= remote.attempts(); attempt++) {
            try {
                SignReply reply = HandshakeServiceGrpc.newBlockingStub(remote.channel())
                        .withDeadlineAfter(remote.signTimeout().toNanos(), TimeUnit.NANOSECONDS)
                        .sign(request);
                if (servedBy != null) {
                    servedBy.accept(reply.getServer());
                }
                return reply.getSignature().toByteArray();
            } catch (StatusRuntimeException e) {
                last = e;
                Status.Code code = e.getStatus().getCode();
                if (code != Status.Code.UNAVAILABLE && code != Status.Code.RESOURCE_EXHAUSTED) {
                    break;
                }
            }
        }
        String description = last.getStatus().getDescription() == null ? "" : ": " + last.getStatus().getDescription();
        throw new IOException("Remote signing: handshake servers " + remote.targets() + " did not sign with key "
                + keyId.substring(0, 16) + "... (" + last.getStatus().getCode() + description + ")", last);
    }

    @Override
    public String toString() {
        return "RemoteKey[" + algorithm + ", " + keyId.substring(0, 16) + "..., on " + remote.targets() + "]";
    }

    /** An EC key: the handshake reads its curve to choose the TLS 1.3 scheme. */
    static final class Ec extends RemoteKey implements ECKey {
        private static final long serialVersionUID = 1L;
        private final transient ECParameterSpec params;

        Ec(RemoteHandshakers remote, String keyId, String algorithm, Consumer<String> servedBy, ECParameterSpec params) {
            super(remote, keyId, algorithm, servedBy);
            this.params = params;
        }

        @Override
        RemoteKey reportingTo(Consumer<String> servedBy) {
            return new Ec(remote(), keyId(), getAlgorithm(), servedBy, params);
        }

        @Override
        public ECParameterSpec getParams() {
            return params;
        }
    }

    /** An RSA key: its modulus says its size. */
    static final class Rsa extends RemoteKey implements RSAKey {
        private static final long serialVersionUID = 1L;
        private final BigInteger modulus;

        Rsa(RemoteHandshakers remote, String keyId, String algorithm, Consumer<String> servedBy, BigInteger modulus) {
            super(remote, keyId, algorithm, servedBy);
            this.modulus = modulus;
        }

        @Override
        RemoteKey reportingTo(Consumer<String> servedBy) {
            return new Rsa(remote(), keyId(), getAlgorithm(), servedBy, modulus);
        }

        @Override
        public BigInteger getModulus() {
            return modulus;
        }
    }
}
