package io.curbside.api.ogc;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The data dictionary at {@code /v1/opendata/dictionary}, as JSON or as an HTML page, chosen as on the
 * {@code /ogc} routes ({@code f}, else Accept) and drawn by the same pages: it is what their
 * {@code describedby} links point at. Open data: cached and readable from any site like them.
 */
@Controller(DataDictionary.PATH)
class DataDictionaryController {

    private final DataDictionary dictionary;
    private final OgcPages pages;
    private final JsonMapper json;

    DataDictionaryController(DataDictionary dictionary, OgcPages pages, JsonMapper json) {
        this.dictionary = dictionary;
        this.pages = pages;
        this.json = json;
    }

    /** Both types declared, so that an Accept naming only text/html is answered, not refused with a 406. */
    @Get(produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    HttpResponse<byte[]> dictionary(HttpRequest<?> request) {
        OgcFormat format = OgcParameters.format(request, OgcParameters.ANY_ROUTE);
        Map<String, Object> document = dictionary.document(format);
        if (format == OgcFormat.HTML) {
            return HttpResponse.ok(pages.dictionary(document).getBytes(StandardCharsets.UTF_8))
                    .contentType(MediaType.TEXT_HTML + ";charset=utf-8");
        }
        try {
            return HttpResponse.ok(json.writeValueAsBytes(document)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
