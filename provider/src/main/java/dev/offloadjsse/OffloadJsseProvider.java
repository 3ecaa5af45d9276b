package dev.offloadjsse;

import dev.offloadjsse.engine.OffloadSSLContextSpi;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * The {@code OffloadJSSE} security provider: {@code SSLContext} {@code TLS}, {@code TLSv1.3},
 * {@code TLSv1.2} and {@code Default}, whose engines offload their handshakes.
 */
public final class OffloadJsseProvider extends Provider {

    public static final String NAME = "OffloadJSSE";
    private static final long serialVersionUID = 1L;

    private final transient OffloadConfig config;

    /** The provider {@link java.util.ServiceLoader} and {@code java.security} files create. */
    public OffloadJsseProvider() {
        this(OffloadConfig.fromSystemProperties());
    }

    public OffloadJsseProvider(OffloadConfig config) {
        super(NAME, "0.1", "Offload JSSE: TLS 1.3/1.2 with handshakes run by an offload component");
        this.config = config;
        addContext("TLS", List.of("SSL", "SSLv3", "TLSv1", "TLSv1.1"), OffloadSSLContextSpi.Kind.TLS);
        addContext("TLSv1.3", List.of(), OffloadSSLContextSpi.Kind.TLS);
        addContext("TLSv1.2", List.of(), OffloadSSLContextSpi.Kind.TLS12);
        addContext("Default", List.of(), OffloadSSLContextSpi.Kind.DEFAULT);
    }

    public OffloadConfig config() {
        return config;
    }

    private void addContext(String algorithm, List<String> aliases, OffloadSSLContextSpi.Kind kind) {
        putService(new ContextService(this, algorithm, aliases, kind));
    }

    private static final class ContextService extends Service {
        private final OffloadSSLContextSpi.Kind kind;

        ContextService(OffloadJsseProvider provider, String algorithm, List<String> aliases,
                OffloadSSLContextSpi.Kind kind) {
            super(provider, "SSLContext", algorithm, OffloadSSLContextSpi.class.getName(), aliases, Map.of());
            this.kind = kind;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return new OffloadSSLContextSpi(((OffloadJsseProvider) getProvider()).config, kind);
        }
    }
}
