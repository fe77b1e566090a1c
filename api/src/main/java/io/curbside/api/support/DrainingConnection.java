package io.curbside.api.support;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;

/**
 * One HTTP/1.1 connection while its node stops: Micronaut's close of it when idle is held back
 * until {@link ShutdownDrain} ends the drain, unless a request arrived meanwhile, whose 503 then
 * closes it. Closes for any other reason (the client left, an idle timeout) pass as they are.
 */
final class DrainingConnection extends ChannelDuplexHandler {

    private final ShutdownDrain drain;
    private ChannelHandlerContext context;
    private ChannelPromise heldBack;
    private boolean requestSinceStop;

    DrainingConnection(ShutdownDrain drain) {
        this.drain = drain;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest && drain.stopping()) {
            requestSinceStop = true;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (drain.stopping() && !requestSinceStop && ctx.channel().isActive() && heldBack == null) {
            heldBack = promise;
            drain.idle(this, true);
            return;
        }
        drain.idle(this, false);
        super.close(ctx, promise);
        if (heldBack != null && heldBack != promise) {
            ChannelPromise waiting = heldBack;
            heldBack = null;
            ctx.channel().closeFuture().addListener(closed -> waiting.trySuccess());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        drain.idle(this, false);
        if (heldBack != null) {
            heldBack.trySuccess();
            heldBack = null;
        }
        super.channelInactive(ctx);
    }

    /** Ends the drain for this connection, still idle: closes it, on its own event loop. */
    void closeNow() {
        context.executor().execute(() -> {
            context.close(heldBack == null ? context.newPromise() : heldBack);
            heldBack = null;
        });
    }
}
