package dev.offloadjsse.benchmarks;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import javax.net.ssl.SSLContext;
import org.conscrypt.Conscrypt;

/** The TLS implementations compared; none is installed globally, each is asked for by instance. */
public enum TlsStack {
    /** Handshake steps run inline on the caller's thread, so their CPU lands on the measured thread. */
    OFFLOAD_JSSE("OffloadJSSE") {
        @Override
        Provider newProvider() {
            return new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
        }
    },
    SUN_JSSE("SunJSSE") {
        @Override
        Provider newProvider() {
            return Security.getProvider("SunJSSE");
        }
    },
    CONSCRYPT("Conscrypt") {
        @Override
        Provider newProvider() {
            return Conscrypt.newProvider();
        }
    };

    private final String label;
    private Provider provider;

    TlsStack(String label) {
        this.label = label;
    }

    abstract Provider newProvider();

    public String label() {
        return label;
    }

    /** An initialised {@code TLS} context holding {@code credential} as both key and trust material. */
    public SSLContext context(Credential credential) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS", provider());
        context.init(credential.keyManagers(), credential.trustManagers(), null);
        return context;
    }

    private synchronized Provider provider() {
        if (provider == null) {
            provider = newProvider();
        }
        return provider;
    }
}
