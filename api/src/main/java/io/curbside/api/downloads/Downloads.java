package io.curbside.api.downloads;

import io.curbside.api.opendata.query.ItemsParameters;
import io.curbside.api.opendata.query.ItemsQuery;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.support.EntityTags;
import io.curbside.api.support.OpenDataCaching;
import io.curbside.api.support.OpenDataSettings;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Answers a bulk download: the items route's filters read by the one {@link ItemsParameters} (so a bad one is the
 * same 400), an ETag made from the data's version without reading the rows (so If-None-Match is a 304 at the cost
 * of two index reads), and the body streamed by {@link StreamedBody}, gzipped here when asked: the
 * open-data caching filter buffers only whole answers, and a streamed one is not.
 * <p>
 * The tag is weak: the version is read in one transaction and the rows in another, a moment later, so the bytes
 * sent may hold a change the tag does not name yet. A weak tag promises no more than that; the next request, with
 * a newer tag, gets the change. One REPEATABLE READ transaction for both would hold a connection to answer a 304.
 */
@Singleton
class Downloads {

    /** Changed whenever the bytes written for the same rows change, so no cache keeps an older shape. */
    private static final String SHAPE = "downloads-v1";
    private static final List<String> PAGING = List.of("limit", "cursor");
    /** What {@link OpenDataCaching} says a 200 varies on: a 304 must say the same (RFC 9110 §15.4.5). */
    static final String VARY = String.join(", ", HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_ENCODING,
            HttpHeaders.ACCEPT_LANGUAGE);

    private static final String IDLE = ChannelPipelineCustomizer.HANDLER_IDLE_STATE;
    /** How often a finished download looks whether its last bytes have left the server. */
    private static final long RESTORE_CHECK_MILLIS = 200;

    private final ItemsParameters parameters;
    private final Exports exports;
    private final ExecutorService executor;
    private final Semaphore streams;
    private final StreamedBody.Limits limits;
    private final String cacheControl;
    private final Clock clock;

    Downloads(ItemsParameters parameters, Exports exports, @Named(TaskExecutors.BLOCKING) ExecutorService executor,
              DownloadSettings settings, OpenDataSettings caching, Clock clock) {
        this.parameters = parameters;
        this.exports = exports;
        this.executor = executor;
        this.streams = new Semaphore(settings.concurrent());
        this.limits = new StreamedBody.Limits(settings.stall(), settings.maxDuration());
        this.cacheControl = "public, max-age=" + caching.maxAge().toSeconds();
        this.clock = clock;
    }

    MutableHttpResponse<Flux<byte[]>> answer(HttpRequest<?> request, DownloadFormat format) {
        Map<String, List<String>> asked = new TreeMap<>(request.getParameters().asMap());
        asked.remove("api_key");
        for (String paging : PAGING) {
            if (asked.containsKey(paging)) {
                throw ProblemException.invalidParameter(paging, "is not a parameter of the downloads: they hold every "
                        + "request the filters match. Page with /ogc/collections/service-requests/items instead.");
            }
        }
        ItemsQuery query = parameters.read(asked, Set.of());
        List<String> layers = format == DownloadFormat.CSV ? exports.layers() : List.of();
        boolean gzip = OpenDataCaching.acceptsGzip(request.getHeaders().get(HttpHeaders.ACCEPT_ENCODING));
        String etag = "W/\"" + tag(format, asked, layers, exports.version()) + (gzip ? "-gzip" : "") + '"';
        if (EntityTags.matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)) {
            return EntityTags.<Flux<byte[]>>notModified(etag).header(HttpHeaders.VARY, VARY)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl);
        }
        String file = "curbside-requests-" + LocalDate.now(clock) + "." + format.extension();
        MutableHttpResponse<Flux<byte[]>> response;
        if (request.getMethod() == HttpMethod.HEAD) {
            // Micronaut drops a HEAD answer's body unread: no stream is started, none is counted.
            response = HttpResponse.ok();
        } else {
            // Only a quick answer: the place is taken when the body is subscribed, and a download that loses the
            // race for it then fails before its first byte with the same 503.
            if (streams.availablePermits() == 0) {
                throw full();
            }
            response = HttpResponse.ok(StreamedBody.of(executor, gzip, "The download " + file,
                    out -> exports.write(format, query, layers, out), streams, limits, Downloads::full,
                    idleTimeoutOff(request)));
        }
        // The Vary the open-data caching filter gives every 200: not set here too, or it would be there twice.
        response.contentType(format.mediaType())
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + '"');
        if (gzip) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response;
    }

    /**
     * Micronaut closes a connection on which nothing was read or written for {@code CURBSIDE_IDLE_TIMEOUT} (30 s),
     * whatever it is sending, and quietly: a download waiting that long on a fetch of its cursor (which may take
     * {@code CURBSIDE_OPENDATA_DOWNLOAD_STATEMENT_TIMEOUT}) or on a client still within
     * {@code CURBSIDE_OPENDATA_DOWNLOAD_STALL} was cut mid-stream, with nothing in the log. While the body is
     * written the connection's idle handler waits for nothing; the download's own limits (stall, statement
     * timeout, max duration) bound it. The handler is back, as it was, once what the body wrote has left the
     * server: the writing ends while megabytes may still wait in the connection's buffer for a slow client, which
     * the idle timeout would then cut. A client that takes none of them for a whole stall is closed.
     */
    private StreamedBody.Connection idleTimeoutOff(HttpRequest<?> request) {
        while (request instanceof HttpRequestWrapper<?> wrapper) {
            request = wrapper.getDelegate();
        }
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return () -> () -> { };
        }
        ChannelPipeline pipeline = netty.getChannelHandlerContext().pipeline();
        return () -> {
            if (!(pipeline.get(IDLE) instanceof IdleStateHandler idle)) {
                return () -> { };
            }
            replaceIdleHandler(pipeline, new IdleStateHandler(0, 0, 0));
            return () -> restoreOnceSent(pipeline, idle, -1, System.nanoTime());
        };
    }

    /** Puts the idle handler back once the connection's buffer is empty; closes it if nothing left it for a stall. */
    private void restoreOnceSent(ChannelPipeline pipeline, IdleStateHandler idle, long pendingBefore, long since) {
        Channel channel = pipeline.channel();
        channel.eventLoop().execute(() -> {
            ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
            long pending = buffer == null ? 0 : buffer.totalPendingWriteBytes();
            if (!channel.isActive() || pending == 0) {
                replaceIdleHandler(pipeline, new IdleStateHandler(false, idle.getReaderIdleTimeInMillis(),
                        idle.getWriterIdleTimeInMillis(), idle.getAllIdleTimeInMillis(), TimeUnit.MILLISECONDS));
                return;
            }
            long progressed = pending != pendingBefore ? System.nanoTime() : since;
            if (System.nanoTime() - progressed > limits.stall().toNanos()) {
                channel.close();
                return;
            }
            channel.eventLoop().schedule(() -> restoreOnceSent(pipeline, idle, pending, progressed),
                    RESTORE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private static void replaceIdleHandler(ChannelPipeline pipeline, IdleStateHandler handler) {
        try {
            pipeline.replace(IDLE, IDLE, handler);
        } catch (NoSuchElementException closed) {
            // The connection has closed, and its pipeline is empty: nothing to hold open or give back.
        }
    }

    private static ProblemException full() {
        return new ProblemException(ProblemType.UNAVAILABLE, "This server is sending as many downloads as it "
                + "may at once. Please try again in a minute, or take the daily snapshot "
                + "(/v1/opendata/snapshots).").retryAfter(60);
    }

    /** The tag of what these parameters select of this version of the data, in this format. */
    private static String tag(DownloadFormat format, Map<String, List<String>> asked, List<String> layers, String version) {
        String identity = String.join("\n", SHAPE, format.name(), asked.toString(), layers.toString(), version);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
