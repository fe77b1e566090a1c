package io.curbside.api.support;

import io.curbside.api.i18n.Messages;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses HTTP/1.1 requests that RFC 9112 and RFC 9110 say a server must not serve as they are:
 * ambiguous framing (Transfer-Encoding with Content-Length, a transfer coding other than chunked),
 * an unknown or lower-case method, no Host or two, an expectation other than 100-continue, a
 * compressed body, a request line or headers over the limits; and a multipart form without a
 * boundary, or with a part no route may act on ({@link FormParts}).
 *
 * <p>A refused request goes on to Micronaut as one that failed to decode, carrying its
 * {@link ProblemException}: Micronaut answers it in turn (pipelined answers keep their order),
 * the problem processor writes the problem, and the connection is closed after the answer.
 * Nothing more is read from the connection: after a framing doubt, the next bytes may be a
 * request smuggled inside this one's body.
 */
final class FramingGuard extends ChannelInboundHandlerAdapter {

    /** RFC 9110's methods that an origin server has a use for; CONNECT is for proxies. Case-sensitive (RFC 9110 §9.1). */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    /** The list headers Micronaut parses itself to choose a language, a media type and a coding. */
    private static final List<AsciiString> NEGOTIATION = List.of(HttpHeaderNames.ACCEPT, HttpHeaderNames.ACCEPT_LANGUAGE,
            HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderNames.ACCEPT_CHARSET);

    private final int maxRequestLine;
    private final int maxHeaders;
    private boolean refused;
    /** The heads of the parts of the multipart form being received, if it is one. */
    private FormParts form;

    FramingGuard(int maxRequestLine, int maxHeaders) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaders = maxHeaders;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            ProblemException refusal = refusal(request);
            if (refusal != null) {
                refused = true;
                ctx.fireChannelRead(failed(request, refusal));
                return;
            }
            form = FormParts.of(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
            dropEmptyListElements(request.headers());
        }
        if (msg instanceof HttpContent content && form != null) {
            ProblemException malformed = form.offer(content.content(), msg instanceof LastHttpContent);
            if (malformed != null || msg instanceof LastHttpContent) {
                form = null;
            }
            if (malformed != null) {
                // Micronaut fails the body's stream with it, so the route that reads the form fails with
                // this problem before it acts, and drops the rest of the body, which still frames the next request.
                ctx.fireExceptionCaught(malformed);
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * RFC 9110 §5.6.1: a recipient ignores the empty elements of a list ({@code Accept-Language: ,}), where
     * Micronaut's parser of these headers fails with an internal error on every route. A comma inside a quoted
     * string does not separate elements.
     */
    private static void dropEmptyListElements(HttpHeaders headers) {
        for (AsciiString name : NEGOTIATION) {
            List<String> values = headers.getAll(name);
            if (values.isEmpty()) {
                continue;
            }
            List<String> elements = new ArrayList<>();
            for (String value : values) {
                elements.addAll(elements(value));
            }
            List<String> kept = elements.stream().filter(e -> !e.isBlank()).map(String::strip).toList();
            if (kept.size() == elements.size()) {
                continue;
            }
            if (kept.isEmpty()) {
                headers.remove(name);
            } else {
                headers.set(name, String.join(", ", kept));
            }
        }
    }

    /** A list header's elements, split at the commas outside quoted strings (with their backslash escapes). */
    private static List<String> elements(String value) {
        List<String> elements = new ArrayList<>();
        boolean quoted = false;
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                elements.add(value.substring(from, i));
                from = i + 1;
            }
        }
        elements.add(value.substring(from));
        return elements;
    }

    /** The request, whole and without a body, marked as not decoded for {@code refusal}. */
    private static FullHttpRequest failed(HttpRequest request, ProblemException refusal) {
        FullHttpRequest whole = request instanceof FullHttpRequest full ? full
                : new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(), Unpooled.EMPTY_BUFFER,
                request.headers(), EmptyHttpHeaders.INSTANCE);
        whole.setDecoderResult(DecoderResult.failure(refusal));
        return whole;
    }

    private ProblemException refusal(HttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            return undecodable(decoded.cause());
        }
        HttpHeaders headers = request.headers();
        if (headers instanceof HttpFraming.SentHeaders sent && sent.hadBothLengths()) {
            return refuse(ProblemType.MALFORMED_REQUEST, "problem.http.framing", Map.of());
        }
        if (!METHODS.contains(request.method().name())) {
            return refuse(ProblemType.NOT_IMPLEMENTED, "problem.http.method", Map.of("method", request.method().name()));
        }
        ProblemException transfer = transferCodings(request);
        if (transfer != null) {
            return transfer;
        }
        int hosts = headers.getAll(HttpHeaderNames.HOST).size();
        if (request.protocolVersion().equals(HttpVersion.HTTP_1_1) && hosts != 1) {
            return refuse(ProblemType.MALFORMED_REQUEST, "problem.http.host", Map.of("count", hosts));
        }
        for (String expect : values(headers, HttpHeaderNames.EXPECT)) {
            if (!expect.equals(HttpHeaderValues.CONTINUE.toString())) {
                return refuse(ProblemType.EXPECTATION_FAILED, "problem.http.expect", Map.of("expect", expect));
            }
        }
        for (String coding : values(headers, HttpHeaderNames.CONTENT_ENCODING)) {
            if (!coding.equals(HttpHeaderValues.IDENTITY.toString())) {
                return refuse(ProblemType.UNSUPPORTED_CONTENT_ENCODING, "problem.http.content_encoding",
                        Map.of("coding", coding));
            }
        }
        // RFC 2046 §5.1.1: no reader can split a multipart body without a boundary into parts (Netty's
        // form decoder fails on an empty one with an internal error, and reads none as an empty form).
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (FormParts.isMultipart(contentType) && FormParts.boundary(contentType).isEmpty()) {
            return refuse(ProblemType.INVALID_BODY, "problem.multipart.boundary", Map.of());
        }
        return null;
    }

    /** RFC 9112 §6.1 and §6.3: chunked alone, last, and never in HTTP/1.0, or the length is not known. */
    private static ProblemException transferCodings(HttpRequest request) {
        List<String> codings = values(request.headers(), HttpHeaderNames.TRANSFER_ENCODING);
        if (codings.isEmpty()) {
            return null;
        }
        if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)
                || !codings.get(codings.size() - 1).equals(HttpHeaderValues.CHUNKED.toString())) {
            return refuse(ProblemType.MALFORMED_REQUEST, "problem.http.framing", Map.of());
        }
        if (codings.size() > 1) {
            return refuse(ProblemType.NOT_IMPLEMENTED, "problem.http.transfer_coding", Map.of("coding", codings.get(0)));
        }
        return null;
    }

    private ProblemException undecodable(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return refuse(ProblemType.URI_TOO_LONG, "problem.http.uri_too_long", Map.of("max", maxRequestLine));
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return refuse(ProblemType.HEADERS_TOO_LARGE, "problem.http.headers_too_large", Map.of("max", maxHeaders));
        }
        return refuse(ProblemType.MALFORMED_REQUEST, "problem.http.malformed", Map.of());
    }

    /** The comma-separated values of every field of that name, trimmed and in lower case. */
    private static List<String> values(HttpHeaders headers, CharSequence name) {
        List<String> values = new ArrayList<>();
        for (String field : headers.getAll(name)) {
            for (String value : field.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return values;
    }

    private static ProblemException refuse(ProblemType type, String message, Map<String, ?> values) {
        return new ProblemException(type, Messages.english(message, values));
    }
}
