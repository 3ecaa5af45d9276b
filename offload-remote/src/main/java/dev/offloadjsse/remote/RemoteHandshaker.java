package dev.offloadjsse.remote;

import dev.offloadjsse.handshake.HandshakeFailedException;
import dev.offloadjsse.handshake.HandshakeProgress;
import dev.offloadjsse.handshake.HandshakeRequest;
import dev.offloadjsse.handshake.HandshakeStep;
import dev.offloadjsse.handshake.Handshaker;
import dev.offloadjsse.remote.wire.Answer;
import dev.offloadjsse.remote.wire.Failure;
import dev.offloadjsse.remote.wire.FrontEndMessage;
import dev.offloadjsse.remote.wire.HandshakeServiceGrpc;
import dev.offloadjsse.remote.wire.Progress;
import dev.offloadjsse.remote.wire.Query;
import dev.offloadjsse.remote.wire.ServerMessage;
import dev.offloadjsse.remote.wire.Start;
import dev.offloadjsse.remote.wire.Step;
import dev.offloadjsse.remote.wire.StepDone;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;

/**
 * One server-role handshake run by a remote handshake server, over one gRPC stream. Each
 * {@link #step} sends the step's records and blocks (on the offload pool thread, within the
 * call's deadline) until the server answers the step; meanwhile it relays the server's progress
 * to the engine and answers the server's questions with the front end's own managers.
 */
final class RemoteHandshaker implements Handshaker {

    /** A fatal internal_error alert in a plaintext TLS 1.2-framed record (RFC 8446 §6): the front end has no handshake keys. */
    private static final byte[] INTERNAL_ERROR_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x50};

    private final RemoteHandshakers remote;
    private final HandshakeRequest request;
    private final Start start;
    private Call call;
    /** A server has answered a step: from now on the handshake lives there and cannot move. */
    private boolean answered;
    private String server = "";
    private boolean finished;

    RemoteHandshaker(RemoteHandshakers remote, HandshakeRequest request) {
        this.remote = remote;
        this.request = request;
        this.start = WireCodec.start(request);
    }

    @Override
    public HandshakeStep step(List<byte[]> records) throws HandshakeFailedException {
        if (finished) {
            throw new HandshakeFailedException("The remote handshake has already ended", new byte[0],
                    HandshakeFailedException.INTERNAL_ERROR, null);
        }
        FrontEndMessage step = FrontEndMessage.newBuilder()
                .setStep(Step.newBuilder().addAllRecords(WireCodec.records(records))).build();
        for (int attempt = 1; ; attempt++) {
            if (call == null) {
                call = new Call();
            }
            call.send(step);
            try {
                return await(call);
            } catch (CallFailed failed) {
                call.cancel("retrying elsewhere");
                call = null;
                // Before any server answered a step, no server holds state of this handshake: the
                // same records can go to another one (round_robin picks the next). After, they cannot.
                if (answered || !failed.retriable() || attempt >= remote.attempts()) {
                    finished = true;
                    throw failed.asHandshakeFailure();
                }
            }
        }
    }

    private HandshakeStep await(Call current) throws HandshakeFailedException, CallFailed {
        long deadline = current.deadlineNanos;
        while (true) {
            Object item;
            try {
                // The call's own deadline ends it first; the margin only guards against a lost end.
                item = current.inbox.poll(Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(1),
                        TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CallFailed(Status.CANCELLED.withDescription("interrupted while waiting for the handshake server"));
            }
            if (item == null) {
                throw new CallFailed(Status.DEADLINE_EXCEEDED.withDescription("no answer from the handshake server within "
                        + remote.handshakeTimeout().toMillis() + " ms"));
            }
            if (item instanceof Throwable) {
                throw new CallFailed(Status.fromThrowable((Throwable) item));
            }
            if (item == Call.COMPLETED) {
                throw new CallFailed(Status.INTERNAL.withDescription("the handshake server ended the stream before the handshake completed"));
            }
            ServerMessage message = (ServerMessage) item;
            switch (message.getKindCase()) {
                case PROGRESS:
                    relay(message.getProgress());
                    break;
                case QUERY:
                    current.send(FrontEndMessage.newBuilder().setAnswer(answer(message.getQuery())).build());
                    break;
                case STEP_DONE:
                    return stepDone(current, message.getStepDone());
                case FAILURE:
                    finished = true;
                    Failure failure = message.getFailure();
                    byte[] alerts = failure.getAlertRecords().toByteArray();
                    throw new HandshakeFailedException(failure.getMessage() + " (on handshake server " + failure.getServer() + ")",
                            alerts, alerts.length > 0 ? HandshakeFailedException.NO_ALERT : HandshakeFailedException.INTERNAL_ERROR, null);
                default:
                    throw new CallFailed(Status.INTERNAL.withDescription("unknown message from the handshake server: " + message.getKindCase()));
            }
        }
    }

    /** What {@link HandshakeProgress#servedBy} says, before the name of the server that ran the handshake. */
    static final String SERVED_BY = "remote handshake on handshake server ";

    private HandshakeStep stepDone(Call current, StepDone done) {
        if (!answered) {
            // The handshake now lives on this server: name it in the front end's session.
            request.progress().servedBy(SERVED_BY + done.getServer());
        }
        answered = true;
        server = done.getServer();
        if (!done.hasResult()) {
            return new HandshakeStep(done.getOutput().toByteArray(), done.getRecordsConsumed(), null);
        }
        finished = true;
        current.complete();
        return new HandshakeStep(done.getOutput().toByteArray(), done.getRecordsConsumed(), WireCodec.result(done.getResult()));
    }

    private void relay(Progress progress) {
        HandshakeProgress target = request.progress();
        try {
            switch (progress.getKindCase()) {
                case PROTOCOL_SELECTED:
                    target.protocolSelected(progress.getProtocolSelected().getProtocol(), progress.getProtocolSelected().getCipherSuite());
                    break;
                case SERVER_NAMES_RECEIVED:
                    target.serverNamesReceived(WireCodec.serverNames(progress.getServerNamesReceived()));
                    break;
                case PEER_CERTIFICATES_RECEIVED:
                    target.peerCertificatesReceived(WireCodec.certificates(progress.getPeerCertificatesReceived().getCertificatesList()));
                    break;
                case LOCAL_CERTIFICATES_CHOSEN:
                    target.localCertificatesChosen(WireCodec.certificates(progress.getLocalCertificatesChosen().getCertificatesList()));
                    break;
                case APPLICATION_PROTOCOL_SELECTED:
                    target.applicationProtocolSelected(progress.getApplicationProtocolSelected());
                    break;
                default:
                    // A newer server's progress kind: the session lacks one detail, the handshake goes on.
            }
        } catch (CertificateException e) {
            // The server parsed these certificates itself; the session just lacks them.
        }
    }

    /** Decisions that belong to the front end's application: its trust manager, SNI matchers, ALPN selector, session context. */
    private Answer answer(Query query) {
        Answer.Builder answer = Answer.newBuilder().setQueryId(query.getQueryId());
        switch (query.getKindCase()) {
            case CHECK_CLIENT_TRUSTED:
                try {
                    if (request.trustManager() == null) {
                        return answer.setProblem("the front end has no trust manager").build();
                    }
                    request.trustManager().checkClientTrusted(
                            WireCodec.certificates(query.getCheckClientTrusted().getChainList()),
                            query.getCheckClientTrusted().getAuthType(), request.engine());
                    return answer.setOk(true).build();
                } catch (CertificateException | RuntimeException e) {
                    return answer.setProblem(String.valueOf(e.getMessage())).build();
                }
            case MATCH_SERVER_NAMES:
                for (SNIServerName name : WireCodec.serverNames(query.getMatchServerNames())) {
                    for (SNIMatcher matcher : request.sniMatchers()) {
                        if (matcher.getType() == name.getType() && matcher.matches(name)) {
                            return answer.setOk(true).build();
                        }
                    }
                }
                return answer.build();
            case SELECT_APPLICATION_PROTOCOL:
                String chosen = request.alpnSelector() == null ? null
                        : request.alpnSelector().apply(request.engine(), query.getSelectApplicationProtocol().getOfferedList());
                return chosen == null ? answer.build() : answer.setOk(true).setProtocol(chosen).build();
            case CHECK_RESUMABLE:
                return answer.setOk(request.resumable() != null && request.resumable().test(query.getCheckResumable().toByteArray())).build();
            default:
                return answer.setProblem("the front end does not know query " + query.getKindCase()).build();
        }
    }

    @Override
    public void close() {
        finished = true;
        if (call != null) {
            call.cancel("the front end closed the handshake");
            call = null;
        }
    }

    /** One attempt: a stream to one server (chosen by the channel's load balancer). */
    private final class Call implements ClientResponseObserver<FrontEndMessage, ServerMessage> {
        static final Object COMPLETED = new Object();
        final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        final long deadlineNanos;
        private final ClientCallStreamObserver<FrontEndMessage> requests;
        private boolean ended;

        @SuppressWarnings("unchecked")
        Call() {
            deadlineNanos = System.nanoTime() + remote.handshakeTimeout().toNanos();
            requests = (ClientCallStreamObserver<FrontEndMessage>) HandshakeServiceGrpc.newStub(remote.channel())
                    .withDeadlineAfter(remote.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS)
                    .handshake(this);
            requests.onNext(FrontEndMessage.newBuilder().setStart(start).build());
        }

        void send(FrontEndMessage message) {
            if (!ended) {
                requests.onNext(message);
            }
        }

        void complete() {
            if (!ended) {
                ended = true;
                requests.onCompleted();
            }
        }

        void cancel(String why) {
            if (!ended) {
                ended = true;
                requests.cancel(why, null);
            }
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<FrontEndMessage> requestStream) {
        }

        @Override
        public void onNext(ServerMessage value) {
            inbox.add(value);
        }

        @Override
        public void onError(Throwable t) {
            inbox.add(t);
        }

        @Override
        public void onCompleted() {
            inbox.add(COMPLETED);
        }
    }

    /** The stream to the server failed (not the handshake): unreachable, refused, cancelled, too slow. */
    private final class CallFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Status status;

        CallFailed(Status status) {
            super(status.toString(), null, false, false);
            this.status = status;
        }

        boolean retriable() {
            return status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.RESOURCE_EXHAUSTED;
        }

        HandshakeFailedException asHandshakeFailure() {
            String where = server.isEmpty() ? "handshake servers " + remote.targets() : "handshake server " + server;
            String what = status.getCode() == Status.Code.RESOURCE_EXHAUSTED ? "refused the handshake (full)"
                    : status.getCode() == Status.Code.UNAVAILABLE ? (answered ? "failed during the handshake" : "unavailable")
                    : status.getCode() == Status.Code.DEADLINE_EXCEEDED ? "did not complete the handshake in time"
                    : status.getCode() == Status.Code.UNAUTHENTICATED || status.getCode() == Status.Code.PERMISSION_DENIED
                    ? "refused this front end" : "failed the handshake";
            String description = status.getDescription() == null ? "" : ": " + status.getDescription();
            return new HandshakeFailedException("Remote handshake: " + where + " " + what + " (" + status.getCode() + description + ")",
                    INTERNAL_ERROR_ALERT.clone(), HandshakeFailedException.NO_ALERT, status.getCause());
        }
    }
}
