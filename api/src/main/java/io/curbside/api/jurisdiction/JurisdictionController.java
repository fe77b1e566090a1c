package io.curbside.api.jurisdiction;

import io.curbside.api.support.EntityTags;
import io.curbside.contract.api.JurisdictionApi;
import io.curbside.contract.model.Jurisdiction;
import io.curbside.contract.model.Location;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;

/** GET /v1/jurisdiction. */
@Controller
public class JurisdictionController implements JurisdictionApi {

    private final JurisdictionService jurisdiction;

    public JurisdictionController(JurisdictionService jurisdiction) {
        this.jurisdiction = jurisdiction;
    }

    @Override
    public HttpResponse<Jurisdiction> getJurisdiction(String lang, String acceptLanguage, String ifNoneMatch) {
        JurisdictionService.View view = jurisdiction.view(lang, acceptLanguage);
        MutableHttpResponse<Jurisdiction> response = EntityTags.matches(ifNoneMatch, view.etag())
                ? EntityTags.notModified(view.etag())
                : HttpResponse.ok(jurisdiction.render(view)).header(HttpHeaders.ETAG, view.etag());
        // Boundaries change rarely: an hour's cache, then a cheap revalidation with the ETag.
        return response.header(HttpHeaders.CONTENT_LANGUAGE, view.language())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }

    @Override
    public HttpResponse<Location> locate(Double lat, Double lon, String lang, String acceptLanguage) {
        Location location = jurisdiction.locate(lat, lon, lang, acceptLanguage);
        return HttpResponse.ok(location)
                .header(HttpHeaders.CONTENT_LANGUAGE, location.getLanguage())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
}
