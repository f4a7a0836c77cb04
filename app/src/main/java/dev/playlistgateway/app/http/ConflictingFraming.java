package dev.playlistgateway.app.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DefaultHeaders;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

/**
 * Refuses a request that carries both Content-Length and Transfer-Encoding (RFC 9112 6.1: a server may
 * reject it, and must close the connection if it does not). Netty's decoder reads such a body as chunked
 * and silently drops the Content-Length, so the request used to be served and the connection kept open:
 * the two framings disagreeing is how requests are smuggled past a proxy that reads the other one.
 *
 * <p>The drop is the only trace, so the HTTP/1.1 codec is rebuilt with the limits Micronaut gives it
 * and headers that remember it; a handler right after the codec then fails that request's decoding, as
 * Netty does with a duplicate Content-Length, and discards everything after it on the connection. The
 * server answers it like any request it could not decode: 400 in the GraphQL error shape and
 * {@code connection: close} ({@link GraphQLShapedErrorResponses}).
 */
@Singleton
final class ConflictingFraming implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    static final String HANDLER = "gateway-conflicting-framing";

    private final NettyHttpServerConfiguration server;

    ConflictingFraming(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null, decoderConfig(server)));
        return event.getBean();
    }

    /** What Micronaut's own codec is built with (HttpPipelineBuilder), plus the headers that see the drop. */
    static HttpDecoderConfig decoderConfig(NettyHttpServerConfiguration server) {
        DefaultHttpHeadersFactory validation = DefaultHttpHeadersFactory.headersFactory().withValidation(server.isValidateHeaders());
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(server.getMaxInitialLineLength())
                .setMaxHeaderSize(server.getMaxHeaderSize())
                .setMaxChunkSize(server.getMaxChunkSize())
                .setInitialBufferSize(server.getInitialBufferSize())
                .setValidateHeaders(server.isValidateHeaders())
                .setHeadersFactory(new HttpHeadersFactory() {
                    @Override
                    public HttpHeaders newHeaders() {
                        return new FramingHeaders(validation.getNameValidator(), validation.getValueValidator());
                    }

                    @Override
                    public HttpHeaders newEmptyHeaders() {
                        return validation.newEmptyHeaders();
                    }
                });
    }

    private record Customizer(Channel channel, HttpDecoderConfig config) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel, config) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            // HTTP/1.1 only: HTTP/2 frames carry no Content-Length/Transfer-Encoding conflict to smuggle with.
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) instanceof HttpServerCodec
                    && pipeline.get(HANDLER) == null) {
                pipeline.replace(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, new HttpServerCodec(config.clone()));
                pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new Guard());
            }
        }
    }

    /** Request headers that remember the decoder removing Content-Length because the body is chunked. */
    static final class FramingHeaders extends DefaultHttpHeaders {
        private boolean contentLengthDroppedForChunked;

        FramingHeaders(DefaultHeaders.NameValidator<CharSequence> names, DefaultHeaders.ValueValidator<CharSequence> values) {
            super(names, values);
        }

        @Override
        public HttpHeaders remove(CharSequence name) {
            if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name) && contains(HttpHeaderNames.TRANSFER_ENCODING)) {
                contentLengthDroppedForChunked = true;
            }
            return super.remove(name);
        }

        boolean contentLengthDroppedForChunked() {
            return contentLengthDroppedForChunked;
        }
    }

    /** Both framings on one request: the failure its decoding gets. */
    static final class BothFramings extends DecoderException {
        BothFramings() {
            super("Content-Length and Transfer-Encoding on one request");
        }
    }

    /** One per connection: fails the request whose Content-Length was dropped, then discards the rest of the connection. */
    static final class Guard extends ChannelInboundHandlerAdapter {
        private boolean discarding;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (discarding) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request && request.headers() instanceof FramingHeaders headers
                    && headers.contentLengthDroppedForChunked()) {
                discarding = true;
                request.setDecoderResult(DecoderResult.failure(new BothFramings()));
            }
            ctx.fireChannelRead(msg);
        }
    }
}
