package io.curbside.api.support;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One line per request on the {@code io.curbside.access} logger: method, route template, status
 * and milliseconds, under a request id that every line logged while serving it carries (MDC
 * {@code request_id}) and that the answer echoes in {@code X-Request-Id}. The route is the
 * template ({@code /v1/requests/{trackingNumber}}), never the path or the query: those carry
 * tracking numbers, places and search words, and the log is kept longer and read by more people
 * than the database.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessLog implements Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    /** A proxy's or a client's own id is kept when it is a short token; anything else could forge log lines. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger("io.curbside.access");
    private static final String ID = AccessLog.class.getName() + ".id";
    private static final String STARTED = AccessLog.class.getName() + ".started";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * First in, last out: the line sees the final status, a refusal by any other filter included
     * (CORS's, the token checks'). Only the 503s of a node that is stopping come before it
     * ({@link ShutdownDrain}, which must stay first for the shutdown's own order).
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @RequestFilter
    public void start(HttpRequest<?> request, MutablePropagatedContext context) {
        String id = request.getHeaders().get(HEADER);
        if (id == null || !ACCEPTED.matcher(id).matches()) {
            byte[] random = new byte[12];
            RANDOM.nextBytes(random);
            id = HexFormat.of().formatHex(random);
        }
        request.setAttribute(ID, id);
        request.setAttribute(STARTED, System.nanoTime());
        context.add(new MdcPropagationContext(Map.of(MDC_KEY, id)));
    }

    @ResponseFilter
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = request.getAttribute(ID, String.class).orElse(null);
        if (id == null) {
            return;
        }
        response.header(HEADER, id);
        long millis = (System.nanoTime() - request.getAttribute(STARTED, Long.class).orElseThrow()) / 1_000_000;
        String route = BasicHttpAttributes.getUriTemplate(request).orElse("-");
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, id)) {
            LOG.atInfo()
                    .addKeyValue("method", request.getMethodName())
                    .addKeyValue("route", route)
                    .addKeyValue("status", response.code())
                    .addKeyValue("duration_ms", millis)
                    .log("{} {} {} {} ms", request.getMethodName(), route, response.code(), millis);
        }
    }
}
