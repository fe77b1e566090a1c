package io.curbside.api.support;

import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Between SIGTERM and the stop, every request that reaches this node is answered 503 with
 * {@code Connection: close} and {@code Retry-After}, never reset. Micronaut's graceful shutdown
 * closes idle keep-alive connections at once, and a request already on its way over one then
 * meets a reset: a proxy answers 502, and a client without an Idempotency-Key cannot tell whether
 * its report was filed. So idle HTTP/1.1 connections stay open for {@link #DRAIN} more, each
 * closing after the 503 that tells its client to go elsewhere; those still idle then are closed.
 * Requests in flight at SIGTERM finish as before, within the grace period.
 */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE)
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ShutdownDrain implements GracefulShutdownCapable, BeanCreatedEventListener<NettyServerCustomizer.Registry>,
        Ordered {

    /**
     * How long idle connections stay open after SIGTERM: long enough for a request already sent on
     * one to arrive, and for a load balancer to stop sending; well inside the 20 s grace period.
     */
    static final Duration DRAIN = Duration.ofSeconds(3);

    private volatile boolean stopping;
    private final Set<DrainingConnection> idle = ConcurrentHashMap.newKeySet();

    boolean stopping() {
        return stopping;
    }

    /** First of every filter: a stopping node does no work for a new request, not even a token check. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Called before Micronaut's own graceful shutdown (this bean orders first), so no idle connection is closed early. */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        stopping = true;
        CompletableFuture<Void> drained = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(DRAIN.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            List.copyOf(idle).forEach(DrainingConnection::closeNow);
            drained.complete(null);
        });
        return drained;
    }

    /** Null to go on; while stopping, the 503 (with Retry-After), after which Micronaut closes the connection. */
    @RequestFilter
    @Nullable
    public MutableHttpResponse<?> refuseWhileStopping(HttpRequest<?> request) {
        if (!stopping) {
            return null;
        }
        return Problems.write(HttpResponse.status(ProblemType.UNAVAILABLE.status())
                        .header(HttpHeaders.CONNECTION, "close"), ProblemType.UNAVAILABLE,
                Problems.of(ProblemType.UNAVAILABLE, "This server is restarting. Please try again in a moment.",
                        List.of(), request));
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    void idle(DrainingConnection connection, boolean waiting) {
        if (waiting) {
            idle.add(connection);
        } else {
            idle.remove(connection);
        }
    }

    /** Puts a {@link DrainingConnection} in front of Micronaut's handler on each HTTP/1.1 connection. */
    private final class Customizer implements NettyServerCustomizer {

        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null) {
                channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "curbside-drain",
                        new DrainingConnection(ShutdownDrain.this));
            }
        }
    }
}
