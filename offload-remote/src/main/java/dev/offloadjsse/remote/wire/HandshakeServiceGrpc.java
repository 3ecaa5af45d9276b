package dev.offloadjsse.remote.wire;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class HandshakeServiceGrpc {

  private HandshakeServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "offloadjsse.remote.v1.HandshakeService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.offloadjsse.remote.wire.FrontEndMessage,
      dev.offloadjsse.remote.wire.ServerMessage> getHandshakeMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Handshake",
      requestType = dev.offloadjsse.remote.wire.FrontEndMessage.class,
      responseType = dev.offloadjsse.remote.wire.ServerMessage.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<dev.offloadjsse.remote.wire.FrontEndMessage,
      dev.offloadjsse.remote.wire.ServerMessage> getHandshakeMethod() {
    io.grpc.MethodDescriptor<dev.offloadjsse.remote.wire.FrontEndMessage, dev.offloadjsse.remote.wire.ServerMessage> getHandshakeMethod;
    if ((getHandshakeMethod = HandshakeServiceGrpc.getHandshakeMethod) == null) {
      synchronized (HandshakeServiceGrpc.class) {
        if ((getHandshakeMethod = HandshakeServiceGrpc.getHandshakeMethod) == null) {
          HandshakeServiceGrpc.getHandshakeMethod = getHandshakeMethod =
              io.grpc.MethodDescriptor.<dev.offloadjsse.remote.wire.FrontEndMessage, dev.offloadjsse.remote.wire.ServerMessage>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Handshake"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.offloadjsse.remote.wire.FrontEndMessage.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.offloadjsse.remote.wire.ServerMessage.getDefaultInstance()))
              .setSchemaDescriptor(new HandshakeServiceMethodDescriptorSupplier("Handshake"))
              .build();
        }
      }
    }
    return getHandshakeMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.offloadjsse.remote.wire.CertificatesRequest,
      dev.offloadjsse.remote.wire.CertificatesReply> getCertificatesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Certificates",
      requestType = dev.offloadjsse.remote.wire.CertificatesRequest.class,
      responseType = dev.offloadjsse.remote.wire.CertificatesReply.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.offloadjsse.remote.wire.CertificatesRequest,
      dev.offloadjsse.remote.wire.CertificatesReply> getCertificatesMethod() {
    io.grpc.MethodDescriptor<dev.offloadjsse.remote.wire.CertificatesRequest, dev.offloadjsse.remote.wire.CertificatesReply> getCertificatesMethod;
    if ((getCertificatesMethod = HandshakeServiceGrpc.getCertificatesMethod) == null) {
      synchronized (HandshakeServiceGrpc.class) {
        if ((getCertificatesMethod = HandshakeServiceGrpc.getCertificatesMethod) == null) {
          HandshakeServiceGrpc.getCertificatesMethod = getCertificatesMethod =
              io.grpc.MethodDescriptor.<dev.offloadjsse.remote.wire.CertificatesRequest, dev.offloadjsse.remote.wire.CertificatesReply>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Certificates"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.offloadjsse.remote.wire.CertificatesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.offloadjsse.remote.wire.CertificatesReply.getDefaultInstance()))
              .setSchemaDescriptor(new HandshakeServiceMethodDescriptorSupplier("Certificates"))
              .build();
        }
      }
    }
    return getCertificatesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.offloadjsse.remote.wire.SignRequest,
      dev.offloadjsse.remote.wire.SignReply> getSignMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Sign",
      requestType = dev.offloadjsse.remote.wire.SignRequest.class,
      responseType = dev.offloadjsse.remote.wire.SignReply.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.offloadjsse.remote.wire.SignRequest,
      dev.offloadjsse.remote.wire.SignReply> getSignMethod() {
    io.grpc.MethodDescriptor<dev.offloadjsse.remote.wire.SignRequest, dev.offloadjsse.remote.wire.SignReply> getSignMethod;
    if ((getSignMethod = HandshakeServiceGrpc.getSignMethod) == null) {
      synchronized (HandshakeServiceGrpc.class) {
        if ((getSignMethod = HandshakeServiceGrpc.getSignMethod) == null) {
          HandshakeServiceGrpc.getSignMethod = getSignMethod =
              io.grpc.MethodDescriptor.<dev.offloadjsse.remote.wire.SignRequest, dev.offloadjsse.remote.wire.SignReply>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Sign"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.offloadjsse.remote.wire.SignRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.offloadjsse.remote.wire.SignReply.getDefaultInstance()))
              .setSchemaDescriptor(new HandshakeServiceMethodDescriptorSupplier("Sign"))
              .build();
        }
      }
    }
    return getSignMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static HandshakeServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<HandshakeServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<HandshakeServiceStub>() {
        @java.lang.Override
        public HandshakeServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new HandshakeServiceStub(channel, callOptions);
        }
      };
    return HandshakeServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static HandshakeServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<HandshakeServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<HandshakeServiceBlockingV2Stub>() {
        @java.lang.Override
        public HandshakeServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new HandshakeServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return HandshakeServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static HandshakeServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<HandshakeServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<HandshakeServiceBlockingStub>() {
        @java.lang.Override
        public HandshakeServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new HandshakeServiceBlockingStub(channel, callOptions);
        }
      };
    return HandshakeServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static HandshakeServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<HandshakeServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<HandshakeServiceFutureStub>() {
        @java.lang.Override
        public HandshakeServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new HandshakeServiceFutureStub(channel, callOptions);
        }
      };
    return HandshakeServiceFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    default io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.FrontEndMessage> handshake(
        io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.ServerMessage> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getHandshakeMethod(), responseObserver);
    }

    /**
     * <pre>
     * The certificate chains of the keys this server signs with.
     * </pre>
     */
    default void certificates(dev.offloadjsse.remote.wire.CertificatesRequest request,
        io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.CertificatesReply> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCertificatesMethod(), responseObserver);
    }

    /**
     * <pre>
     * One signature with one of those keys.
     * </pre>
     */
    default void sign(dev.offloadjsse.remote.wire.SignRequest request,
        io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.SignReply> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSignMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service HandshakeService.
   */
  public static abstract class HandshakeServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return HandshakeServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service HandshakeService.
   */
  public static final class HandshakeServiceStub
      extends io.grpc.stub.AbstractAsyncStub<HandshakeServiceStub> {
    private HandshakeServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected HandshakeServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new HandshakeServiceStub(channel, callOptions);
    }

    /**
     */
    public io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.FrontEndMessage> handshake(
        io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.ServerMessage> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getHandshakeMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * The certificate chains of the keys this server signs with.
     * </pre>
     */
    public void certificates(dev.offloadjsse.remote.wire.CertificatesRequest request,
        io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.CertificatesReply> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCertificatesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One signature with one of those keys.
     * </pre>
     */
    public void sign(dev.offloadjsse.remote.wire.SignRequest request,
        io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.SignReply> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSignMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service HandshakeService.
   */
  public static final class HandshakeServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<HandshakeServiceBlockingV2Stub> {
    private HandshakeServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected HandshakeServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new HandshakeServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.offloadjsse.remote.wire.FrontEndMessage, dev.offloadjsse.remote.wire.ServerMessage>
        handshake() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getHandshakeMethod(), getCallOptions());
    }

    /**
     * <pre>
     * The certificate chains of the keys this server signs with.
     * </pre>
     */
    public dev.offloadjsse.remote.wire.CertificatesReply certificates(dev.offloadjsse.remote.wire.CertificatesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCertificatesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One signature with one of those keys.
     * </pre>
     */
    public dev.offloadjsse.remote.wire.SignReply sign(dev.offloadjsse.remote.wire.SignRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSignMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service HandshakeService.
   */
  public static final class HandshakeServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<HandshakeServiceBlockingStub> {
    private HandshakeServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected HandshakeServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new HandshakeServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * The certificate chains of the keys this server signs with.
     * </pre>
     */
    public dev.offloadjsse.remote.wire.CertificatesReply certificates(dev.offloadjsse.remote.wire.CertificatesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCertificatesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One signature with one of those keys.
     * </pre>
     */
    public dev.offloadjsse.remote.wire.SignReply sign(dev.offloadjsse.remote.wire.SignRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSignMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service HandshakeService.
   */
  public static final class HandshakeServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<HandshakeServiceFutureStub> {
    private HandshakeServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected HandshakeServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new HandshakeServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * The certificate chains of the keys this server signs with.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.offloadjsse.remote.wire.CertificatesReply> certificates(
        dev.offloadjsse.remote.wire.CertificatesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCertificatesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One signature with one of those keys.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.offloadjsse.remote.wire.SignReply> sign(
        dev.offloadjsse.remote.wire.SignRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSignMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CERTIFICATES = 0;
  private static final int METHODID_SIGN = 1;
  private static final int METHODID_HANDSHAKE = 2;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_CERTIFICATES:
          serviceImpl.certificates((dev.offloadjsse.remote.wire.CertificatesRequest) request,
              (io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.CertificatesReply>) responseObserver);
          break;
        case METHODID_SIGN:
          serviceImpl.sign((dev.offloadjsse.remote.wire.SignRequest) request,
              (io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.SignReply>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_HANDSHAKE:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.handshake(
              (io.grpc.stub.StreamObserver<dev.offloadjsse.remote.wire.ServerMessage>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getHandshakeMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              dev.offloadjsse.remote.wire.FrontEndMessage,
              dev.offloadjsse.remote.wire.ServerMessage>(
                service, METHODID_HANDSHAKE)))
        .addMethod(
          getCertificatesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.offloadjsse.remote.wire.CertificatesRequest,
              dev.offloadjsse.remote.wire.CertificatesReply>(
                service, METHODID_CERTIFICATES)))
        .addMethod(
          getSignMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.offloadjsse.remote.wire.SignRequest,
              dev.offloadjsse.remote.wire.SignReply>(
                service, METHODID_SIGN)))
        .build();
  }

  private static abstract class HandshakeServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    HandshakeServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.offloadjsse.remote.wire.HandshakeWireProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("HandshakeService");
    }
  }

  private static final class HandshakeServiceFileDescriptorSupplier
      extends HandshakeServiceBaseDescriptorSupplier {
    HandshakeServiceFileDescriptorSupplier() {}
  }

  private static final class HandshakeServiceMethodDescriptorSupplier
      extends HandshakeServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    HandshakeServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (HandshakeServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new HandshakeServiceFileDescriptorSupplier())
              .addMethod(getHandshakeMethod())
              .addMethod(getCertificatesMethod())
              .addMethod(getSignMethod())
              .build();
        }
      }
    }
    return result;
  }
}
