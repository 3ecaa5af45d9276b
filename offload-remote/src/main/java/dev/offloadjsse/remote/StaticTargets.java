package dev.offloadjsse.remote;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A name resolver for a fixed list of handshake servers, {@code offload-static:///h1:p1,h2:p2}:
 * each server becomes its own address group, so that {@code round_robin} spreads handshakes over
 * them and health checking takes a failed one out of the rotation. gRPC has no built-in resolver
 * for a list of host:port pairs (its {@code dns} resolver takes one name).
 */
final class StaticTargets extends NameResolverProvider {

    static final String SCHEME = "offload-static";
    private static final StaticTargets INSTANCE = new StaticTargets();
    private static volatile boolean registered;

    /** Registers the resolver once per JVM (the registry is global; the scheme is ours alone). */
    static void register() {
        if (!registered) {
            synchronized (StaticTargets.class) {
                if (!registered) {
                    NameResolverRegistry.getDefaultRegistry().register(INSTANCE);
                    registered = true;
                }
            }
        }
    }

    /** Parses {@code host:port[,host:port...]} ({@code [v6]:port} for IPv6 literals). */
    static List<InetSocketAddress> parse(String targets) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String target : targets.split(",")) {
            String trimmed = target.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("Handshake server target '" + trimmed + "' is not host:port");
            }
            String host = trimmed.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(trimmed.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Handshake server target '" + trimmed + "' has no numeric port");
            }
            addresses.add(InetSocketAddress.createUnresolved(host, port));
        }
        return addresses;
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }

    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        if (!SCHEME.equals(targetUri.getScheme())) {
            return null;
        }
        String path = targetUri.getPath();
        List<InetSocketAddress> targets = parse(path.startsWith("/") ? path.substring(1) : path);
        return new NameResolver() {
            private Listener2 listener;

            @Override
            public String getServiceAuthority() {
                InetSocketAddress first = targets.get(0);
                return first.getHostString() + ":" + first.getPort();
            }

            @Override
            public void start(Listener2 listener) {
                this.listener = listener;
                resolve();
            }

            private void resolve() {
                List<EquivalentAddressGroup> groups = new ArrayList<>();
                for (InetSocketAddress target : targets) {
                    // Resolved here, not at parse time, so a name that moves is looked up again on refresh.
                    groups.add(new EquivalentAddressGroup(new InetSocketAddress(target.getHostString(), target.getPort())));
                }
                listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
            }

            @Override
            public void refresh() {
                // gRPC asks after a connection failure: look the names up again.
                resolve();
            }

            @Override
            public void shutdown() {
            }
        };
    }
}
