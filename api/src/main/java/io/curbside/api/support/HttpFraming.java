package io.curbside.api.support;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpServerCodec;
import jakarta.inject.Singleton;

/**
 * Puts {@link FramingGuard} behind Micronaut's HTTP/1.1 decoder on every connection, and gives
 * the decoder headers that remember what it took away: Netty drops the Content-Length of a
 * request that also says Transfer-Encoding: chunked (RFC 9112 allows either that or a refusal),
 * and a proxy in front may have framed the same bytes by the Content-Length. Curbside refuses.
 */
@Singleton
class HttpFraming implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    static final String GUARD = "curbside-framing-guard";

    private final NettyHttpServerConfiguration server;

    HttpFraming(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    /** The same codec Micronaut builds (its limits, from micronaut.server.*), with {@link SentHeaders}. */
    private HttpServerCodec codec() {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(server.getMaxInitialLineLength())
                .setMaxHeaderSize(server.getMaxHeaderSize())
                .setMaxChunkSize(server.getMaxChunkSize())
                .setInitialBufferSize(server.getInitialBufferSize())
                .setHeadersFactory(new SentHeadersFactory(server.isValidateHeaders())));
    }

    private final class Customizer implements NettyServerCustomizer {

        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel == null ? null : channel.pipeline();
            // HTTP/1.1 only: HTTP/2 frames carry their own lengths, and its codec validates them.
            if (pipeline == null || !(pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) instanceof HttpServerCodec)) {
                return;
            }
            pipeline.replace(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                    ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, codec());
            pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, GUARD,
                    new FramingGuard(server.getMaxInitialLineLength(), server.getMaxHeaderSize()));
        }
    }

    /** Request headers as Netty's decoder fills them, validated as Micronaut configures. */
    private record SentHeadersFactory(boolean validate) implements HttpHeadersFactory {

        @Override
        public HttpHeaders newHeaders() {
            DefaultHttpHeadersFactory defaults = DefaultHttpHeadersFactory.headersFactory().withValidation(validate);
            return new SentHeaders(defaults);
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
            return newHeaders();
        }
    }

    /** Headers that remember whether a Content-Length was removed while a Transfer-Encoding was there. */
    static final class SentHeaders extends DefaultHttpHeaders {

        private boolean bothLengths;

        SentHeaders(DefaultHttpHeadersFactory defaults) {
            super(defaults.getNameValidator(), defaults.getValueValidator());
        }

        /** Whether the request came with both a Content-Length and a Transfer-Encoding. */
        boolean hadBothLengths() {
            return bothLengths;
        }

        @Override
        public HttpHeaders remove(CharSequence name) {
            if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name) && contains(HttpHeaderNames.CONTENT_LENGTH)
                    && contains(HttpHeaderNames.TRANSFER_ENCODING)) {
                bothLengths = true;
            }
            return super.remove(name);
        }

        @Override
        public HttpHeaders remove(String name) {
            return remove((CharSequence) name);
        }
    }
}
