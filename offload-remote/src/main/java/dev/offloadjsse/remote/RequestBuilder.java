package dev.offloadjsse.remote;

import dev.offloadjsse.handshake.HandshakeRequest;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Builds a {@link HandshakeRequest} by component name. The record grows with the provider (it
 * is the provider's own value and gains fields as features land); filling it by name keeps the
 * server compiling and running across such additions, and components this server does not know
 * get neutral values (empty lists and arrays, {@code false}, no-op predicates), logged once so they get wired.
 * Used by the handshake server (requests from the wire) and by the keyless front end (a copy of
 * the engine's request with the remote keys in it).
 */
public final class RequestBuilder {

    private static final Logger LOG = Logger.getLogger(RequestBuilder.class.getName());
    private static final RecordComponent[] COMPONENTS = HandshakeRequest.class.getRecordComponents();
    private static final Constructor<HandshakeRequest> CANONICAL = canonical();
    private static final Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Map<String, Object> values = new HashMap<>();

    public RequestBuilder() {
    }

    /** Starts from every component of {@code request}. */
    public static RequestBuilder from(HandshakeRequest request) {
        RequestBuilder builder = new RequestBuilder();
        for (RecordComponent component : COMPONENTS) {
            try {
                builder.set(component.getName(), component.getAccessor().invoke(request));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read HandshakeRequest." + component.getName() + ": " + e, e);
            }
        }
        return builder;
    }

    public RequestBuilder set(String component, Object value) {
        values.put(component, value);
        return this;
    }

    public HandshakeRequest build() {
        Object[] arguments = new Object[COMPONENTS.length];
        Set<String> unknown = new TreeSet<>();
        for (int i = 0; i < COMPONENTS.length; i++) {
            RecordComponent component = COMPONENTS[i];
            if (values.containsKey(component.getName())) {
                arguments[i] = values.get(component.getName());
            } else {
                arguments[i] = neutral(component.getType());
                unknown.add(component.getName());
            }
        }
        for (String name : unknown) {
            if (WARNED.add(name)) {
                LOG.warning("HandshakeRequest." + name + " is not sent over the wire yet; the server uses a neutral value");
            }
        }
        try {
            return CANONICAL.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build a HandshakeRequest: " + e, e);
        }
    }

    private static Object neutral(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int[].class) {
            return new int[0];
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Predicate.class) {
            return (Predicate<Object>) x -> false;
        }
        return null;
    }

    private static Constructor<HandshakeRequest> canonical() {
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = COMPONENTS[i].getType();
        }
        try {
            return HandshakeRequest.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
