package dev.offloadjsse.examples;

import dev.offloadjsse.HandshakeOffloader;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * Netty 4.2 serving the status JSON over HTTPS: {@code SslContextBuilder} with the JDK provider
 * kind and OffloadJSSE as its {@code SSLContext} provider, and a delegated-task executor that
 * hands each handshake step to the provider's offloader. Netty's {@code SslHandler} runs the
 * task on that executor and resumes the handshake on the channel's event loop when it completes.
 */
final class NettyExample implements Example {

    /** The one protocol this server's pipeline speaks. */
    private static final List<String> SPOKEN = List.of("http/1.1");

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public String summary() {
        return "Netty 4.2 HTTP/1.1 server, SslHandler on OffloadJSSE with the offloader as delegated-task executor";
    }

    @Override
    public StartedExample start(ExampleOptions options) throws Exception {
        ServerTls.requireSupported(options, name(), false, true);
        ServerTls tls = ServerTls.create(options);
        Path pem = tls.writeCertificatePem();
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(tls.keyStore(), tls.password());
        SslContextBuilder builder = SslContextBuilder.forServer(keyManagers)
                .sslProvider(SslProvider.JDK)
                .sslContextProvider(tls.context().getProvider())
                .protocols("TLSv1.3", "TLSv1.2")
                .clientAuth(switch (options.clientAuth()) {
                    case NEED -> ClientAuth.REQUIRE;
                    case WANT -> ClientAuth.OPTIONAL;
                    case NONE -> ClientAuth.NONE;
                });
        if (tls.trustStore() != null) {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(tls.trustStore());
            builder.trustManager(trust);
        }
        List<String> protocols = tls.applicationProtocols(name(), SPOKEN);
        if (!protocols.isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols));
        }
        SslContext sslContext = builder.build();
        HandshakeOffloader offloader = tls.offloadProvider() == null ? null : tls.offloadProvider().config().offloader();
        Executor steps = offloader == null ? Runnable::run : offloaderExecutor(offloader);

        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Channel channel;
        try {
            channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("tls", sslContext.newHandler(ch.alloc(), steps));
                            ch.pipeline().addLast("http", new HttpServerCodec());
                            ch.pipeline().addLast("aggregate", new HttpObjectAggregator(64 * 1024));
                            ch.pipeline().addLast("status", new StatusHandler(offloader, tls.stepThreads()));
                        }
                    })
                    .bind("127.0.0.1", options.port()).sync().channel();
        } catch (Exception | Error e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            tls.close();
            throw e;
        }
        int port = ((InetSocketAddress) channel.localAddress()).getPort();

        return new RunningServer(port, pem, List.of(keyManagers.getKeyManagers()), () -> {
            channel.close().syncUninterruptibly();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            tls.close();
        });
    }

    /**
     * Netty's delegated-task executor on the offloader: the step runs on the offloader's thread;
     * a step the offloader refuses (queue full) is refused to Netty too, which fails that handshake.
     */
    static Executor offloaderExecutor(HandshakeOffloader offloader) {
        return task -> {
            if (offloader.run(task).toCompletableFuture().isCompletedExceptionally()) {
                throw new RejectedExecutionException("handshake offloader " + offloader.name() + " refused the step");
            }
        };
    }

    /** {@code GET /}: the status JSON of this channel's TLS; keep-alive as the client asks. */
    private static final class StatusHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final HandshakeOffloader offloader;
        private final StepThreads stepThreads;

        StatusHandler(HandshakeOffloader offloader, StepThreads stepThreads) {
            this.offloader = offloader;
            this.stepThreads = stepThreads;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response;
            if (!request.decoderResult().isSuccess()) {
                response = text(HttpResponseStatus.BAD_REQUEST);
                HttpUtil.setKeepAlive(response, false);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            boolean head = request.method().equals(HttpMethod.HEAD);
            if (!new QueryStringDecoder(request.uri()).path().equals("/")) {
                response = text(HttpResponseStatus.NOT_FOUND);
            } else if (!head && !request.method().equals(HttpMethod.GET)) {
                response = text(HttpResponseStatus.METHOD_NOT_ALLOWED);
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            } else {
                SSLEngine engine = ctx.pipeline().get(SslHandler.class).engine();
                byte[] json = StatusReport.of(engine, "netty", offloader, stepThreads).getBytes(StandardCharsets.UTF_8);
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(json));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static FullHttpResponse text(HttpResponseStatus status) {
            byte[] body = (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.US_ASCII);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            return response;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
