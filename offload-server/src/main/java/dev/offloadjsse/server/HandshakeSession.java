package dev.offloadjsse.server;

import com.google.protobuf.ByteString;
import dev.offloadjsse.handshake.HandshakeFailedException;
import dev.offloadjsse.handshake.HandshakeProgress;
import dev.offloadjsse.handshake.HandshakeResult;
import dev.offloadjsse.handshake.HandshakeStep;
import dev.offloadjsse.handshake.Handshaker;
import dev.offloadjsse.remote.RequestBuilder;
import dev.offloadjsse.remote.SniKeyManager;
import dev.offloadjsse.remote.WireCodec;
import dev.offloadjsse.remote.wire.Answer;
import dev.offloadjsse.remote.wire.ApplicationProtocols;
import dev.offloadjsse.remote.wire.CheckClientTrusted;
import dev.offloadjsse.remote.wire.Failure;
import dev.offloadjsse.remote.wire.FrontEndMessage;
import dev.offloadjsse.remote.wire.Progress;
import dev.offloadjsse.remote.wire.ProtocolSelected;
import dev.offloadjsse.remote.wire.Query;
import dev.offloadjsse.remote.wire.ServerMessage;
import dev.offloadjsse.remote.wire.Start;
import dev.offloadjsse.remote.wire.StepDone;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One handshake for one front end: the server side of one {@code Handshake} stream. Steps run on
 * the server's worker pool, one at a time; while a step runs, the front end's answers to the
 * step's queries arrive on gRPC's thread and wait in {@link #answers}.
 */
final class HandshakeSession implements StreamObserver<FrontEndMessage> {

    private static final Object ENDED = new Object();

    private final HandshakeService service;
    private final ServerCallStreamObserver<ServerMessage> out;
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final ReentrantLock stepLock = new ReentrantLock();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long deadlineNanos;
    private final ScheduledFuture<?> timeout;
    private Start start;
    private Handshaker handshaker;
    private long queryIds;

    HandshakeSession(HandshakeService service, ServerCallStreamObserver<ServerMessage> out) {
        this.service = service;
        this.out = out;
        long limit = service.maxHandshakeTime().toNanos();
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null) {
            limit = Math.min(limit, deadline.timeRemaining(TimeUnit.NANOSECONDS));
        }
        this.deadlineNanos = System.nanoTime() + limit;
        // A front end that goes silent must not hold a permit for ever: the server has its own limit.
        this.timeout = service.scheduler().schedule(() -> end(Status.DEADLINE_EXCEEDED.withDescription(
                "the handshake took longer than " + service.maxHandshakeTime().toMillis() + " ms on handshake server "
                        + service.name()), true), limit, TimeUnit.NANOSECONDS);
        out.setOnCancelHandler(() -> end(null, false));
    }

    @Override
    public void onNext(FrontEndMessage message) {
        switch (message.getKindCase()) {
            case START:
                begin(message.getStart());
                break;
            case STEP:
                if (handshaker == null) {
                    end(Status.FAILED_PRECONDITION.withDescription("Step before Start"), true);
                    return;
                }
                List<byte[]> records = WireCodec.byteArrays(message.getStep().getRecordsList());
                try {
                    service.workers().execute(() -> runStep(records));
                } catch (RejectedExecutionException e) {
                    end(Status.UNAVAILABLE.withDescription("handshake server " + service.name() + " is stopping"), true);
                }
                break;
            case ANSWER:
                answers.add(message.getAnswer());
                break;
            default:
                end(Status.INVALID_ARGUMENT.withDescription("unknown message " + message.getKindCase()), true);
        }
    }

    private void begin(Start begin) {
        if (start != null) {
            end(Status.INVALID_ARGUMENT.withDescription("second Start on one handshake"), true);
            return;
        }
        if (begin.getWireVersion() != WireCodec.WIRE_VERSION) {
            end(Status.FAILED_PRECONDITION.withDescription("wire version " + begin.getWireVersion()
                    + " is not this server's " + WireCodec.WIRE_VERSION), true);
            return;
        }
        start = begin;
        SniKeyManager keys = new SniKeyManager(service.keyManager());
        HandshakeProgress progress = progressRelay(keys);
        RequestBuilder request = new RequestBuilder()
                .set("connectionId", begin.getConnectionId())
                .set("client", false)
                .set("protocols", List.copyOf(begin.getProtocolsList()))
                .set("cipherSuites", WireCodec.cipherSuites(begin))
                .set("namedGroups", WireCodec.namedGroups(begin))
                .set("signatureSchemes", WireCodec.signatureSchemes(begin))
                .set("keyManager", keys)
                .set("trustManager", new FrontEndTrust())
                .set("engine", null)
                .set("peerHost", begin.getPeerHost().isEmpty() ? null : begin.getPeerHost())
                .set("peerPort", begin.getPeerPort())
                .set("serverNames", List.of())
                .set("sniMatchers", begin.getSniMatchers() ? List.of(new FrontEndSniMatcher()) : List.of())
                .set("applicationProtocols", List.copyOf(begin.getApplicationProtocolsList()))
                .set("clientAuth", WireCodec.clientAuth(begin.getClientAuth()))
                .set("useCipherSuitesOrder", begin.getUseCipherSuitesOrder())
                .set("alpnSelector", begin.getAlpnSelector() ? (BiFunction<SSLEngine, List<String>, String>) this::selectProtocol : null)
                .set("maxHandshakeMessageSize", begin.getMaxHandshakeMessageSize() > 0 ? begin.getMaxHandshakeMessageSize() : 65_536)
                .set("resumptionKey", null)
                .set("resumable", (Predicate<byte[]>) this::resumable)
                .set("progress", progress);
        handshaker = service.handshakers().create(request.build());
    }

    private void runStep(List<byte[]> records) {
        stepLock.lock();
        try {
            if (ended.get()) {
                return;
            }
            HandshakeStep step = handshaker.step(records);
            StepDone.Builder done = StepDone.newBuilder()
                    .setOutput(ByteString.copyFrom(step.output()))
                    .setRecordsConsumed(step.recordsConsumed())
                    .setServer(service.name());
            HandshakeResult result = step.result();
            if (result != null) {
                done.setResult(WireCodec.result(result));
                result.clientWrite().destroy();
                result.serverWrite().destroy();
                java.util.Arrays.fill(result.exporterSecret(), (byte) 0);
            }
            send(ServerMessage.newBuilder().setStepDone(done).build());
            if (result != null) {
                service.stats().completed.increment();
                end(null, true);
            }
        } catch (HandshakeFailedException e) {
            send(ServerMessage.newBuilder().setFailure(Failure.newBuilder()
                    .setMessage(String.valueOf(e.getMessage()))
                    .setAlertRecords(ByteString.copyFrom(e.alertRecords() == null ? new byte[0] : e.alertRecords()))
                    .setServer(service.name())).build());
            service.stats().failed.increment();
            end(null, true);
        } catch (RuntimeException e) {
            service.stats().failed.increment();
            end(Status.INTERNAL.withDescription("handshake step failed on " + service.name() + ": " + e).withCause(e), true);
        } finally {
            if (ended.get()) {
                closeHandshaker();
            }
            stepLock.unlock();
        }
    }

    @Override
    public void onError(Throwable t) {
        // The front end cancelled (it closed the engine, or its deadline passed).
        end(null, false);
    }

    @Override
    public void onCompleted() {
        // The front end half-closes after the result; before it, the handshake can go no further.
        end(null, true);
    }

    /**
     * Ends the handshake once: frees the permit, wakes a step waiting for an answer, and ends the
     * stream ({@code status} null: normally) unless the front end is gone ({@code tell} false).
     */
    private void end(Status status, boolean tell) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        timeout.cancel(false);
        service.release();
        answers.add(ENDED);
        if (tell) {
            synchronized (out) {
                try {
                    if (!out.isCancelled()) {
                        if (status == null) {
                            out.onCompleted();
                        } else {
                            out.onError(status.asRuntimeException());
                        }
                    }
                } catch (IllegalStateException | io.grpc.StatusRuntimeException e) {
                    // The call is already closed: nothing left to tell.
                }
            }
        }
        if (stepLock.tryLock()) {
            try {
                closeHandshaker();
            } finally {
                stepLock.unlock();
            }
        }
    }

    private void closeHandshaker() {
        Handshaker current = handshaker;
        if (current != null) {
            handshaker = null;
            current.close();
        }
    }

    private void send(ServerMessage message) {
        synchronized (out) {
            if (!ended.get() && !out.isCancelled()) {
                out.onNext(message);
            }
        }
    }

    /** Asks the front end and waits for its answer, within the handshake's deadline; null when none comes. */
    private Answer ask(Query.Builder query) {
        long id = ++queryIds;
        send(ServerMessage.newBuilder().setQuery(query.setQueryId(id)).build());
        try {
            while (true) {
                Object answer = answers.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (answer == null || answer == ENDED) {
                    return null;
                }
                if (((Answer) answer).getQueryId() == id) {
                    return (Answer) answer;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String selectProtocol(SSLEngine ignored, List<String> offered) {
        Answer answer = ask(Query.newBuilder().setSelectApplicationProtocol(ApplicationProtocols.newBuilder().addAllOffered(offered)));
        return answer == null || !answer.getOk() ? null : answer.getProtocol();
    }

    private boolean resumable(byte[] sessionId) {
        Answer answer = ask(Query.newBuilder().setCheckResumable(ByteString.copyFrom(sessionId)));
        return answer != null && answer.getOk();
    }

    /**
     * The handshake's progress, relayed to the front end's session. A dynamic proxy, so that a
     * progress event the provider adds later is simply not relayed instead of breaking this server.
     */
    private HandshakeProgress progressRelay(SniKeyManager keys) {
        return (HandshakeProgress) Proxy.newProxyInstance(HandshakeProgress.class.getClassLoader(),
                new Class<?>[] {HandshakeProgress.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "progress relay" : method.invoke(this, args);
                    }
                    Progress.Builder progress = Progress.newBuilder();
                    switch (method.getName()) {
                        case "protocolSelected":
                            progress.setProtocolSelected(ProtocolSelected.newBuilder().setProtocol((String) args[0]).setCipherSuite((Integer) args[1]));
                            break;
                        case "serverNamesReceived":
                            @SuppressWarnings("unchecked")
                            List<SNIServerName> names = (List<SNIServerName>) args[0];
                            keys.serverNames(names);
                            progress.setServerNamesReceived(WireCodec.serverNames(names));
                            break;
                        case "peerCertificatesReceived":
                            progress.setPeerCertificatesReceived(WireCodec.chain((X509Certificate[]) args[0]));
                            break;
                        case "localCertificatesChosen":
                            progress.setLocalCertificatesChosen(WireCodec.chain((X509Certificate[]) args[0]));
                            break;
                        case "applicationProtocolSelected":
                            progress.setApplicationProtocolSelected((String) args[0]);
                            break;
                        default:
                            return null;
                    }
                    send(ServerMessage.newBuilder().setProgress(progress).build());
                    return null;
                });
    }

    /** The front end's trust manager, asked over the stream: the front end decides whom its clients are. */
    private final class FrontEndTrust extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            CheckClientTrusted.Builder check = CheckClientTrusted.newBuilder().setAuthType(authType);
            for (X509Certificate certificate : chain) {
                check.addChain(WireCodec.der(certificate));
            }
            Answer answer = ask(Query.newBuilder().setCheckClientTrusted(check));
            if (answer == null) {
                throw new CertificateException("the front end did not answer the trust check");
            }
            if (!answer.getOk()) {
                throw new CertificateException(answer.getProblem());
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(chain, authType, (SSLEngine) null);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkClientTrusted(chain, authType, (SSLEngine) null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the handshake server runs server-role handshakes only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType, (SSLEngine) null);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkServerTrusted(chain, authType, (SSLEngine) null);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            try {
                return WireCodec.certificates(start.getAcceptedIssuersList());
            } catch (CertificateException e) {
                return new X509Certificate[0];
            }
        }
    }

    /** The front end's SNI matchers, asked over the stream. */
    private final class FrontEndSniMatcher extends SNIMatcher {
        FrontEndSniMatcher() {
            super(StandardConstants.SNI_HOST_NAME);
        }

        @Override
        public boolean matches(SNIServerName serverName) {
            Answer answer = ask(Query.newBuilder().setMatchServerNames(WireCodec.serverNames(List.of(serverName))));
            return answer != null && answer.getOk();
        }
    }
}
