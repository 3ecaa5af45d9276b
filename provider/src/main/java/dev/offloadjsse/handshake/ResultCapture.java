package dev.offloadjsse.handshake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsSecret;

/**
 * Builds the {@link HandshakeResult} inside {@code notifyHandshakeComplete()}, the only moment
 * Bouncy Castle still holds the secrets. Secrets are copied ({@code adoptSecret(..).extract()}),
 * never consumed, so that BC's own state stays intact until it clears it.
 */
final class ResultCapture {

    private ResultCapture() {
    }

    static HandshakeResult capture(TlsContext context, TlsCrypto crypto) throws IOException {
        SecurityParameters parameters = context.getSecurityParametersConnection();
        boolean tls13 = TlsUtils.isTLSv13(parameters.getNegotiatedVersion());
        DirectionKeys clientWrite;
        DirectionKeys serverWrite;
        byte[] exporter;
        if (tls13) {
            clientWrite = DirectionKeys.tls13(copy(crypto, parameters.getTrafficSecretClient()));
            serverWrite = DirectionKeys.tls13(copy(crypto, parameters.getTrafficSecretServer()));
            exporter = copy(crypto, parameters.getExporterMasterSecret());
        } else {
            DirectionKeys[] keys = tls12KeyBlock(parameters);
            clientWrite = keys[0];
            serverWrite = keys[1];
            exporter = copy(crypto, parameters.getMasterSecret());
        }
        ProtocolName alpn = parameters.getApplicationProtocol();
        return new HandshakeResult(
                parameters.getSessionID() == null ? new byte[0] : parameters.getSessionID().clone(),
                tls13 ? "TLSv1.3" : "TLSv1.2",
                parameters.getCipherSuite(),
                clientWrite,
                serverWrite,
                Certificates.encoded(parameters.getPeerCertificate()),
                Certificates.encoded(parameters.getLocalCertificate()),
                alpn == null ? "" : alpn.getUtf8Decoding(),
                hostNames(parameters.getClientServerNames()),
                parameters.getNegotiatedGroup(),
                exporter,
                parameters.getClientRandom().clone(),
                parameters.isResumedSession(),
                new byte[0]);
    }

    /**
     * RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random);
     * for AEAD suites it holds client key, server key, client IV, server IV. The Finished
     * messages used sequence number 0 under these keys, so application data continues at 1.
     */
    private static DirectionKeys[] tls12KeyBlock(SecurityParameters parameters) throws IOException {
        int encryption = TlsUtils.getEncryptionAlgorithm(parameters.getCipherSuite());
        int keyLength;
        int ivLength;
        switch (encryption) {
            case EncryptionAlgorithm.AES_128_GCM: keyLength = 16; ivLength = 4; break;
            case EncryptionAlgorithm.AES_256_GCM: keyLength = 32; ivLength = 4; break;
            case EncryptionAlgorithm.CHACHA20_POLY1305: keyLength = 32; ivLength = 12; break;
            default:
                throw new TlsFatalAlert(org.bouncycastle.tls.AlertDescription.internal_error,
                        "Record layer has no cipher for suite 0x" + Integer.toHexString(parameters.getCipherSuite()));
        }
        byte[] seed = org.bouncycastle.util.Arrays.concatenate(parameters.getServerRandom(), parameters.getClientRandom());
        byte[] block = TlsUtils.PRF(parameters, parameters.getMasterSecret(), "key expansion", seed,
                2 * (keyLength + ivLength)).extract();
        try {
            int offset = 0;
            byte[] clientKey = slice(block, offset, keyLength);
            byte[] serverKey = slice(block, offset += keyLength, keyLength);
            byte[] clientIv = slice(block, offset += keyLength, ivLength);
            byte[] serverIv = slice(block, offset + ivLength, ivLength);
            return new DirectionKeys[] {DirectionKeys.tls12(clientKey, clientIv, 1), DirectionKeys.tls12(serverKey, serverIv, 1)};
        } finally {
            java.util.Arrays.fill(block, (byte) 0);
        }
    }

    private static byte[] slice(byte[] block, int offset, int length) {
        return java.util.Arrays.copyOfRange(block, offset, offset + length);
    }

    private static byte[] copy(TlsCrypto crypto, TlsSecret secret) {
        return secret == null ? new byte[0] : crypto.adoptSecret(secret).extract();
    }

    private static List<String> hostNames(Vector<?> serverNames) {
        List<String> names = new ArrayList<>();
        if (serverNames != null) {
            for (Object name : serverNames) {
                ServerName serverName = (ServerName) name;
                names.add(new String(serverName.getNameData(), java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
        return names;
    }
}
