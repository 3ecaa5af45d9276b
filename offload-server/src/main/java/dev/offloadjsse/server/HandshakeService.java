package dev.offloadjsse.server;

import com.google.protobuf.ByteString;
import dev.offloadjsse.handshake.HandshakerFactory;
import dev.offloadjsse.remote.WireCodec;
import dev.offloadjsse.remote.wire.CertificatesReply;
import dev.offloadjsse.remote.wire.CertificatesRequest;
import dev.offloadjsse.remote.wire.FrontEndMessage;
import dev.offloadjsse.remote.wire.HandshakeServiceGrpc;
import dev.offloadjsse.remote.wire.ServerMessage;
import dev.offloadjsse.remote.wire.SignReply;
import dev.offloadjsse.remote.wire.SignRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The gRPC service: admits a handshake or a signature if a permit is free, else refuses it at
 * once; both run on the worker pool.
 */
final class HandshakeService extends HandshakeServiceGrpc.HandshakeServiceImplBase {

    private volatile String name;
    private final HandshakerFactory handshakers;
    private final X509ExtendedKeyManager keyManager;
    private final ServerKeys serverKeys;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Duration maxHandshakeTime;
    private final int maxHandshakes;
    private final Semaphore permits;
    private final HandshakeServer.Stats stats = new HandshakeServer.Stats();

    HandshakeService(String name, HandshakerFactory handshakers, X509ExtendedKeyManager keyManager, ExecutorService workers,
            ScheduledExecutorService scheduler, Duration maxHandshakeTime, int maxHandshakes) {
        this.name = name;
        this.handshakers = handshakers;
        this.keyManager = keyManager;
        this.serverKeys = new ServerKeys(keyManager);
        this.workers = workers;
        this.scheduler = scheduler;
        this.maxHandshakeTime = maxHandshakeTime;
        this.maxHandshakes = maxHandshakes;
        this.permits = new Semaphore(maxHandshakes);
    }

    @Override
    public StreamObserver<FrontEndMessage> handshake(StreamObserver<ServerMessage> responses) {
        if (!permits.tryAcquire()) {
            stats.refused.increment();
            // Refused before any work: the front end may try another server with the same records.
            responses.onError(Status.RESOURCE_EXHAUSTED.withDescription("handshake server " + name + " is full: "
                    + maxHandshakes + " handshakes in flight").asRuntimeException());
            return new StreamObserver<>() {
                @Override
                public void onNext(FrontEndMessage value) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            };
        }
        stats.started.increment();
        return new HandshakeSession(this, (ServerCallStreamObserver<ServerMessage>) responses);
    }

    @Override
    public void certificates(CertificatesRequest request, StreamObserver<CertificatesReply> responses) {
        responses.onNext(CertificatesReply.newBuilder().addAllKeys(serverKeys.list()).setServer(name).build());
        responses.onCompleted();
    }

    @Override
    public void sign(SignRequest request, StreamObserver<SignReply> responses) {
        if (request.getWireVersion() != WireCodec.WIRE_VERSION) {
            responses.onError(Status.FAILED_PRECONDITION.withDescription("wire version " + request.getWireVersion()
                    + " is not this server's " + WireCodec.WIRE_VERSION).asRuntimeException());
            return;
        }
        if (!permits.tryAcquire()) {
            stats.refused.increment();
            responses.onError(Status.RESOURCE_EXHAUSTED.withDescription("handshake server " + name + " is full: "
                    + maxHandshakes + " operations in flight").asRuntimeException());
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    byte[] signature = serverKeys.sign(request.getKeyId(), request.getSignatureScheme(),
                            request.getMessage().toByteArray());
                    stats.signed.increment();
                    responses.onNext(SignReply.newBuilder().setSignature(ByteString.copyFrom(signature)).setServer(name).build());
                    responses.onCompleted();
                } catch (IllegalArgumentException e) {
                    stats.failed.increment();
                    responses.onError(Status.INVALID_ARGUMENT.withDescription("handshake server " + name + " does not sign: "
                            + e.getMessage()).asRuntimeException());
                } catch (GeneralSecurityException | RuntimeException e) {
                    stats.failed.increment();
                    responses.onError(Status.INTERNAL.withDescription("signing failed on " + name + ": " + e).asRuntimeException());
                } finally {
                    permits.release();
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release();
            responses.onError(Status.UNAVAILABLE.withDescription("handshake server " + name + " is stopping").asRuntimeException());
        }
    }

    void release() {
        permits.release();
    }

    int inFlight() {
        return maxHandshakes - permits.availablePermits();
    }

    void name(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    HandshakerFactory handshakers() {
        return handshakers;
    }

    X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    ExecutorService workers() {
        return workers;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    Duration maxHandshakeTime() {
        return maxHandshakeTime;
    }

    HandshakeServer.Stats stats() {
        return stats;
    }
}
