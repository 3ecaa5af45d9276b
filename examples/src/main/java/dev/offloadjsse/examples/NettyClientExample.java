package dev.offloadjsse.examples;

import dev.offloadjsse.OffloadJsseProvider;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A Netty 4.2 HTTPS client on OffloadJSSE: {@code SslContextBuilder.forClient()} with the JDK
 * provider kind, OffloadJSSE as {@code SSLContext} provider, the provider's offloader as
 * delegated-task executor, host name verification on. One {@code GET}, the body printed:
 * {@code java -cp offload-jsse-examples.jar dev.offloadjsse.examples.NettyClientExample URL CA_PEM}.
 */
public final class NettyClientExample {

    /** What the server answered. */
    public record Response(int status, String body, String protocol, String engineClass) {
    }

    private NettyClientExample() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: java -cp offload-jsse-examples.jar " + NettyClientExample.class.getName()
                    + " https://HOST:PORT/PATH CA_CERTIFICATE.pem");
            System.exit(2);
        }
        OffloadJsseProvider provider = new OffloadJsseProvider();
        try {
            Response response = get(URI.create(args[0]), new File(args[1]), provider);
            System.out.printf("%d over %s (%s)%n%s%n", response.status(), response.protocol(), response.engineClass(),
                    response.body());
        } finally {
            provider.config().offloader().close();
        }
    }

    /** {@code GET uri} over TLS from {@code provider}, trusting only the certificates in {@code caPem}. */
    public static Response get(URI uri, File caPem, OffloadJsseProvider provider) throws Exception {
        SslContext sslContext = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .sslContextProvider(provider)
                .trustManager(caPem)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SslHandler tls = sslContext.newHandler(ch.alloc(), host, port,
                                    NettyExample.offloaderExecutor(provider.config().offloader()));
                            SSLEngine engine = tls.engine();
                            SSLParameters parameters = engine.getSSLParameters();
                            parameters.setEndpointIdentificationAlgorithm("HTTPS");
                            engine.setSSLParameters(parameters);
                            ch.pipeline().addLast(tls, new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                                            answer.complete(new Response(response.status().code(),
                                                    response.content().toString(StandardCharsets.UTF_8),
                                                    engine.getSession().getProtocol(), engine.getClass().getName()));
                                            ctx.close();
                                        }

                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                            answer.completeExceptionally(cause);
                                            ctx.close();
                                        }
                                    });
                        }
                    })
                    .connect(host, port).sync().channel();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            request.headers().set(HttpHeaderNames.HOST, host + ":" + port);
            request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(request);
            channel.closeFuture().addListener(closed -> answer.completeExceptionally(
                    new IllegalStateException("connection closed before a response")));
            return answer.get(30, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
