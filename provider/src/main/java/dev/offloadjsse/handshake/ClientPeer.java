package dev.offloadjsse.handshake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** The client side of Bouncy Castle's protocol, answering from the request's JSSE settings. */
final class ClientPeer extends DefaultTlsClient implements CompletingPeer {

    private final HandshakeRequest request;
    private final KeyMaterial keyMaterial;
    private final ResumptionCache resumption;
    private HandshakeResult result;

    ClientPeer(BcTlsCrypto crypto, KeyMaterial keyMaterial, ResumptionCache resumption, HandshakeRequest request) {
        super(crypto);
        this.request = request;
        this.keyMaterial = keyMaterial;
        this.resumption = resumption;
    }

    @Override
    public TlsSession getSessionToResume() {
        return resumption.clientSession(request.resumptionKey(), request.resumable());
    }

    @Override
    public HandshakeResult result() {
        return result;
    }

    @Override
    public int getMaxHandshakeMessageSize() {
        return request.maxHandshakeMessageSize();
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return PeerSettings.versions(request.protocols());
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return PeerSettings.cipherSuites(getCrypto(), request.cipherSuites());
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Vector getProtocolNames() {
        return PeerSettings.applicationProtocols(request.applicationProtocols());
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
        if (request.namedGroups().length == 0) {
            return super.getSupportedGroups(namedGroupRoles);
        }
        Vector groups = new Vector();
        TlsUtils.addIfSupported(groups, getCrypto(), request.namedGroups());
        return groups;
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Vector getSupportedSignatureAlgorithms() {
        Vector configured = SignatureSchemes.vector(request.signatureSchemes());
        return configured == null ? super.getSupportedSignatureAlgorithms() : configured;
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Vector getSNIServerNames() {
        Vector<ServerName> names = new Vector<>();
        for (SNIServerName name : request.serverNames()) {
            if (name instanceof SNIHostName) {
                names.add(new ServerName(NameType.host_name,
                        ((SNIHostName) name).getAsciiName().getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return names.isEmpty() ? null : names;
    }

    @Override
    public void notifySelectedCipherSuite(int selectedCipherSuite) {
        super.notifySelectedCipherSuite(selectedCipherSuite);
        request.progress().protocolSelected(
                PeerSettings.versionName(context.getSecurityParametersHandshake().getNegotiatedVersion()),
                selectedCipherSuite);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                TrustCheck.checkServer(request, serverCertificate.getCertificate(), authType());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) throws IOException {
                return clientCredentials(certificateRequest);
            }
        };
    }

    /** SunJSSE's authType strings: "UNKNOWN" in TLS 1.3, the key exchange in TLS 1.2. */
    private String authType() {
        if (TlsUtils.isTLSv13(context)) {
            return "UNKNOWN";
        }
        int keyExchange = context.getSecurityParametersHandshake().getKeyExchangeAlgorithm();
        return keyExchange == KeyExchangeAlgorithm.ECDHE_ECDSA ? "ECDHE_ECDSA" : "ECDHE_RSA";
    }

    private TlsCredentials clientCredentials(CertificateRequest certificateRequest) throws IOException {
        X509ExtendedKeyManager keyManager = request.keyManager();
        if (keyManager == null) {
            return null;
        }
        boolean tls13 = TlsUtils.isTLSv13(context);
        String alias = keyManager.chooseEngineClientAlias(keyTypes(certificateRequest, tls13),
                issuers(certificateRequest), request.engine());
        if (alias == null) {
            return null;
        }
        PrivateKey key = keyManager.getPrivateKey(alias);
        X509Certificate[] chain = keyManager.getCertificateChain(alias);
        if (key == null || chain == null || chain.length == 0) {
            return null;
        }
        int scheme = KeyMaterial.choose(PeerSettings.schemes(certificateRequest.getSupportedSignatureAlgorithms()),
                SignatureSchemes.allowed(tls13 ? KeyMaterial.tls13Schemes(key) : KeyMaterial.tls12Schemes(key),
                        request.signatureSchemes()));
        if (scheme < 0) {
            return null;
        }
        request.progress().localCertificatesChosen(chain);
        return keyMaterial.signer(context, key, chain, scheme,
                tls13 ? certificateRequest.getCertificateRequestContext() : null);
    }

    private static String[] keyTypes(CertificateRequest certificateRequest, boolean tls13) {
        if (tls13 || certificateRequest.getCertificateTypes() == null) {
            return KeyMaterial.SERVER_KEY_TYPES.toArray(new String[0]);
        }
        List<String> types = new ArrayList<>();
        for (short type : certificateRequest.getCertificateTypes()) {
            if (type == ClientCertificateType.ecdsa_sign) {
                types.add("EC");
            } else if (type == ClientCertificateType.rsa_sign) {
                types.add("RSA");
            }
        }
        return types.toArray(new String[0]);
    }

    private static Principal[] issuers(CertificateRequest certificateRequest) throws IOException {
        Vector<?> authorities = certificateRequest.getCertificateAuthorities();
        if (authorities == null || authorities.isEmpty()) {
            return null;
        }
        Principal[] issuers = new Principal[authorities.size()];
        for (int i = 0; i < issuers.length; i++) {
            issuers[i] = new X500Principal(((X500Name) authorities.get(i)).getEncoded());
        }
        return issuers;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        result = ResultCapture.capture(context, getCrypto());
        resumption.storeClient(request.resumptionKey(), context.getSession());
    }
}
