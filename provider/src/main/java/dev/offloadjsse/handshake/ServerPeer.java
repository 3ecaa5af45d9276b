package dev.offloadjsse.handshake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExtensionType;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NewSessionTicket;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** The server side of Bouncy Castle's protocol, answering from the request's JSSE settings. */
final class ServerPeer extends DefaultTlsServer implements CompletingPeer {

    private final HandshakeRequest request;
    private final KeyMaterial keyMaterial;
    private final ResumptionCache resumption;
    private TlsCredentialedSigner credentials;
    private String credentialProblem = "no key manager";
    private HandshakeResult result;
    /** The client's session_ticket extension: null when not offered, empty when asking for a ticket. */
    private byte[] clientTicket;

    ServerPeer(BcTlsCrypto crypto, KeyMaterial keyMaterial, ResumptionCache resumption, HandshakeRequest request) {
        super(crypto);
        this.request = request;
        this.keyMaterial = keyMaterial;
        this.resumption = resumption;
    }

    @Override
    public byte[] getNewSessionID() {
        return resumption.newSessionId();
    }

    @Override
    public TlsSession getSessionToResume(byte[] sessionID) {
        TlsSession fromTicket = clientTicket == null ? null : resumption.tickets().open(clientTicket, sessionID, getCrypto());
        return fromTicket != null ? fromTicket : resumption.serverSession(sessionID, request.resumable());
    }

    /** RFC 5077 §3.2: a TLS 1.2 server answers a client's session_ticket extension with an empty one. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        if (clientTicket != null && !TlsUtils.isTLSv13(context)) {
            extensions = TlsExtensionsUtils.ensureExtensionsInitialised(extensions);
            extensions.put(ExtensionType.session_ticket, TlsUtils.EMPTY_BYTES);
        }
        return extensions;
    }

    @Override
    public NewSessionTicket getNewSessionTicket() throws IOException {
        SessionTickets tickets = resumption.tickets();
        return new NewSessionTicket(tickets.lifetimeSeconds(), tickets.issue(context.getSecurityParametersHandshake(), getCrypto()));
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

    /** SunJSSE's default named groups: RFC 8422 §5.1.1 and RFC 9325 §4.2.1 deprecate the other curves. */
    private static final int[] DEFAULT_GROUPS = {NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1,
        NamedGroup.secp521r1, NamedGroup.x448, NamedGroup.ffdhe2048, NamedGroup.ffdhe3072, NamedGroup.ffdhe4096};

    @Override
    public int[] getSupportedGroups() {
        int[] groups = request.namedGroups().length == 0 ? DEFAULT_GROUPS : request.namedGroups();
        return java.util.Arrays.stream(groups).filter(getCrypto()::hasNamedGroup).toArray();
    }

    /**
     * TLS 1.2 ECDHE: Bouncy Castle takes any curve the client names; we take only our groups, so a
     * client that offers nothing else gets no ECDHE suite instead of a weak curve.
     */
    @Override
    protected int selectECDH(int minimumCurveBits) {
        int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
        if (offered == null) {
            return super.selectECDH(minimumCurveBits);
        }
        int[] ours = getSupportedGroups();
        for (int group : offered) {
            if (NamedGroup.getCurveBits(group) >= minimumCurveBits && contains(ours, group)) {
                return group;
            }
        }
        return -1;
    }

    @Override
    protected int getMaximumNegotiableCurveBits() {
        int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
        if (offered == null) {
            return super.getMaximumNegotiableCurveBits();
        }
        int[] ours = getSupportedGroups();
        int bits = 0;
        for (int group : offered) {
            if (contains(ours, group)) {
                bits = Math.max(bits, NamedGroup.getCurveBits(group));
            }
        }
        return bits;
    }

    private static boolean contains(int[] groups, int group) {
        for (int candidate : groups) {
            if (candidate == group) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        return request.useCipherSuitesOrder();
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Vector getProtocolNames() {
        return PeerSettings.applicationProtocols(request.applicationProtocols());
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        clientTicket = TlsUtils.getExtensionData(clientExtensions, ExtensionType.session_ticket);
        List<SNIServerName> names = new ArrayList<>();
        Vector serverNames = TlsExtensionsUtils.getServerNameExtensionClient(clientExtensions);
        if (serverNames != null) {
            for (Object element : serverNames) {
                ServerName name = (ServerName) element;
                if (name.getNameType() == NameType.host_name) {
                    names.add(new SNIHostName(new String(name.getNameData(), StandardCharsets.US_ASCII)));
                }
            }
        }
        checkMatchers(names);
        request.progress().serverNamesReceived(names);
    }

    private void checkMatchers(List<SNIServerName> names) throws IOException {
        if (request.sniMatchers().isEmpty() || names.isEmpty()) {
            return;
        }
        for (SNIMatcher matcher : request.sniMatchers()) {
            for (SNIServerName name : names) {
                if (matcher.getType() == name.getType() && matcher.matches(name)) {
                    return;
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.unrecognized_name, "Requested server name " + names + " is not served here");
    }

    /** RFC 7301 §3.2, with JSSE's selector when the application set one. */
    @Override
    protected ProtocolName selectProtocolName() throws IOException {
        ProtocolName selected = request.alpnSelector() == null ? super.selectProtocolName() : selectWithSelector();
        request.progress().applicationProtocolSelected(selected == null ? "" : selected.getUtf8Decoding());
        return selected;
    }

    private ProtocolName selectWithSelector() throws IOException {
        List<String> offered = new ArrayList<>();
        if (clientProtocolNames != null) {
            for (Object name : clientProtocolNames) {
                offered.add(((ProtocolName) name).getUtf8Decoding());
            }
        }
        String chosen = request.alpnSelector().apply(request.engine(), offered);
        if (chosen == null || (!chosen.isEmpty() && !offered.contains(chosen))) {
            throw new TlsFatalAlert(AlertDescription.no_application_protocol, "The application protocol selector chose "
                    + (chosen == null ? "none" : "'" + chosen + "'") + " of the client's " + offered);
        }
        return chosen.isEmpty() ? null : ProtocolName.asUtf8Encoding(chosen);
    }

    @Override
    public int getSelectedCipherSuite() throws IOException {
        int selected;
        try {
            selected = super.getSelectedCipherSuite();
        } catch (TlsFatalAlert e) {
            if (credentials != null || e.getAlertDescription() != AlertDescription.handshake_failure) {
                throw e;
            }
            throw new TlsFatalAlert(AlertDescription.handshake_failure,
                    "No server certificate usable with the client's offer: " + credentialProblem, e);
        }
        request.progress().protocolSelected(
                PeerSettings.versionName(context.getSecurityParametersHandshake().getNegotiatedVersion()), selected);
        return selected;
    }

    @Override
    protected boolean selectCipherSuite(int cipherSuite) throws IOException {
        return chooseCredentials(cipherSuite) && super.selectCipherSuite(cipherSuite);
    }

    private boolean chooseCredentials(int cipherSuite) throws IOException {
        SecurityParameters parameters = context.getSecurityParametersHandshake();
        boolean tls13 = TlsUtils.isTLSv13(parameters.getNegotiatedVersion());
        if (tls13 && credentials != null) {
            return true;
        }
        X509ExtendedKeyManager keyManager = request.keyManager();
        if (keyManager == null) {
            return false;
        }
        List<Integer> peerSchemes = PeerSettings.schemes(parameters.getClientSigAlgs());
        List<String> keyTypes = tls13 ? KeyMaterial.SERVER_KEY_TYPES : List.of(tls12KeyType(cipherSuite));
        for (String keyType : keyTypes) {
            String alias = keyManager.chooseEngineServerAlias(keyType, null, request.engine());
            if (alias == null) {
                continue;
            }
            PrivateKey key = keyManager.getPrivateKey(alias);
            X509Certificate[] chain = keyManager.getCertificateChain(alias);
            if (key == null || chain == null || chain.length == 0) {
                continue;
            }
            int scheme = KeyMaterial.choose(peerSchemes, SignatureSchemes.allowed(
                    tls13 ? KeyMaterial.tls13Schemes(key) : KeyMaterial.tls12Schemes(key), request.signatureSchemes()));
            if (scheme < 0) {
                credentialProblem = "the client accepts none of the signature schemes of the " + keyType + " key '" + alias + "'";
                continue;
            }
            credentials = keyMaterial.signer(context, key, chain, scheme, tls13 ? TlsUtils.EMPTY_BYTES : null);
            request.progress().localCertificatesChosen(chain);
            return true;
        }
        if (credentials == null && !credentialProblem.startsWith("the client")) {
            credentialProblem = "the key manager has no key of type " + keyTypes;
        }
        return false;
    }

    private static String tls12KeyType(int cipherSuite) {
        return TlsUtils.getKeyExchangeAlgorithm(cipherSuite) == KeyExchangeAlgorithm.ECDHE_ECDSA ? "EC" : "RSA";
    }

    @Override
    public TlsCredentials getCredentials() {
        return credentials;
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        if (request.clientAuth() == ClientAuth.NONE) {
            return null;
        }
        Vector<?> configured = SignatureSchemes.vector(request.signatureSchemes());
        Vector<?> signatureAlgorithms = configured != null ? configured : TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        Vector<X500Name> authorities = new Vector<>();
        if (request.trustManager() != null) {
            for (X509Certificate issuer : request.trustManager().getAcceptedIssuers()) {
                authorities.add(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()));
            }
        }
        if (TlsUtils.isTLSv13(context)) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, signatureAlgorithms, null, authorities);
        }
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                signatureAlgorithms, authorities);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            if (request.clientAuth() == ClientAuth.NEED) {
                throw new TlsFatalAlert(TlsUtils.isTLSv13(context) ? AlertDescription.certificate_required
                        : AlertDescription.handshake_failure, "The server requires a client certificate and the client sent none");
            }
            return;
        }
        TrustCheck.checkClient(request, clientCertificate);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        result = ResultCapture.capture(context, getCrypto());
        resumption.storeServer(context.getSession());
    }
}
