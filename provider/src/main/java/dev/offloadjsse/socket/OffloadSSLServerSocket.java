package dev.offloadjsse.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * The provider's {@link SSLServerSocket}: a plain listening socket whose accepted connections
 * become {@link OffloadSSLSocket}s in server mode. Its settings live in a template engine that
 * each accepted socket's engine copies.
 */
final class OffloadSSLServerSocket extends SSLServerSocket {

    private final EngineFactory engines;
    private final SSLEngine template;

    OffloadSSLServerSocket(EngineFactory engines) throws IOException {
        this.engines = engines;
        this.template = engines.template(false);
    }

    OffloadSSLServerSocket(EngineFactory engines, int port, int backlog, InetAddress address) throws IOException {
        super(port, backlog, address);
        this.engines = engines;
        this.template = engines.template(false);
    }

    @Override
    public Socket accept() throws IOException {
        Socket transport = super.accept();
        try {
            return OffloadSSLSocket.serverSide(engines, template, transport, new byte[0], true);
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return template.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        template.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return template.getSupportedCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return template.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return template.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        template.setEnabledProtocols(protocols);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        template.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return template.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        template.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return template.getWantClientAuth();
    }

    /** A template engine has not started, so unlike a live socket's it may change mode any time. */
    @Override
    public void setUseClientMode(boolean mode) {
        template.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return template.getUseClientMode();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        template.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return template.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return template.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        template.setSSLParameters(parameters);
    }

    @Override
    public String toString() {
        return "OffloadSSLServerSocket[" + super.toString() + "]";
    }
}
