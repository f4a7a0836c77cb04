package dev.playlistgateway.app.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request stopped arriving: no byte for {@code micronaut.server.read-idle-timeout}
 * while its headers or its body are incomplete (a client that declared 100 bytes and sent 10). Micronaut
 * emits the read-idle event but acts only on {@code micronaut.server.idle-timeout} (nothing read and
 * nothing written, 5 min), which cannot be lowered for this: it also cuts a request that is still being
 * served (a slow Spotify) and idle keep-alive connections, which a load balancer in front expects to stay
 * open longer than its own idle timeout. Here neither is touched: an idle keep-alive connection, or one
 * whose request was read in full and is being answered, is left to Micronaut's rules.
 *
 * <p>Partial headers are seen by a handler before the HTTP codec (bytes arrived since the last complete
 * request), partial bodies by one after it (a request whose last content has not come). Per connection,
 * on its event loop.
 */
@Singleton
final class StalledRequests implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    static final String BYTES = "gateway-request-bytes";
    static final String MESSAGES = "gateway-stalled-requests";

    private static final Logger LOG = LoggerFactory.getLogger(StalledRequests.class);

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private record Customizer(Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null && pipeline.get(MESSAGES) == null) {
                Progress progress = new Progress();
                pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, BYTES, progress.bytes);
                pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, MESSAGES, progress.messages);
            }
        }
    }

    /** Where the connection is in receiving its current request. */
    private static final class Progress {
        private boolean bytesSinceLastRequest;
        private boolean receivingBody;

        final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf buffer && buffer.isReadable()) {
                    bytesSinceLastRequest = true;
                }
                ctx.fireChannelRead(msg);
            }
        };

        final ChannelInboundHandlerAdapter messages = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    receivingBody = true;
                }
                if (msg instanceof LastHttpContent) {
                    receivingBody = false;
                    bytesSinceLastRequest = false;
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE
                        && (receivingBody || bytesSinceLastRequest)) {
                    LOG.debug("Closing {}: its request stopped arriving ({})", ctx.channel().remoteAddress(),
                            receivingBody ? "body incomplete" : "headers incomplete");
                    ctx.close();
                    return;
                }
                ctx.fireUserEventTriggered(event);
            }
        };
    }
}
