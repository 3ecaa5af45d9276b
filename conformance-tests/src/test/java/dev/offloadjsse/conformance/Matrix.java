package dev.offloadjsse.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of the interop matrix: every suite the provider offers with every certificate that
 * can authenticate it, in both roles; the other checks once per version with the first suite.
 */
final class Matrix {

    static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private Matrix() {
    }

    static List<Cell> cells(List<Peer> peers) {
        List<Cell> cells = new ArrayList<>();
        for (Peer peer : peers) {
            for (Role ours : Role.values()) {
                if (peer.plays(ours.other())) {
                    addCells(cells, peer, ours);
                }
            }
        }
        return cells;
    }

    private static void addCells(List<Cell> cells, Peer peer, Role ours) {
        for (String suite : TLS13_SUITES) {
            for (CertificateType certificate : CertificateType.values()) {
                cells.add(new Cell(peer, ours, "TLSv1.3", suite, certificate, Check.HANDSHAKE));
            }
        }
        for (String suite : TLS12_SUITES) {
            for (CertificateType certificate : CertificateType.values()) {
                if (certificate.authenticates(suite)) {
                    cells.add(new Cell(peer, ours, "TLSv1.2", suite, certificate, Check.HANDSHAKE));
                }
            }
        }
        for (Check check : List.of(Check.BULK, Check.ALPN, Check.HELLO_RETRY, Check.KEY_UPDATE)) {
            cells.add(new Cell(peer, ours, "TLSv1.3", TLS13_SUITES.get(0), CertificateType.ECDSA_P256, check));
        }
        for (Check check : List.of(Check.CLIENT_AUTH, Check.CLIENT_AUTH_REFUSED, Check.RESUMPTION)) {
            cells.add(new Cell(peer, ours, "TLSv1.3", TLS13_SUITES.get(0), CertificateType.ECDSA_P256, check));
        }
        for (Check check : List.of(Check.BULK, Check.ALPN, Check.CLIENT_AUTH, Check.CLIENT_AUTH_REFUSED, Check.RESUMPTION)) {
            cells.add(new Cell(peer, ours, "TLSv1.2", TLS12_SUITES.get(0), CertificateType.ECDSA_P256, check));
        }
    }
}
