package io.curbside.api.jurisdiction;

import io.curbside.api.support.EntityTags;
import io.curbside.contract.api.JurisdictionApi;
import io.curbside.contract.model.Jurisdiction;
import io.curbside.contract.model.Location;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;

/** GET /v1/jurisdiction. */
@Controller
public class JurisdictionController implements JurisdictionApi {

    private final JurisdictionService jurisdiction;

    public JurisdictionController(JurisdictionService jurisdiction) {
        this.jurisdiction = jurisdiction;
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<Jurisdiction> getJurisdiction(String lang, String acceptLanguage, String ifNoneMatch) {
        JurisdictionService.View view = jurisdiction.view(lang, acceptLanguage);
        // Boundaries change rarely: an hour's cache, then a cheap revalidation with the ETag.
        return EntityTags.answer(ifNoneMatch, view.etag(), view.language(), () -> jurisdiction.render(view))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<Location> locate(Double lat, Double lon, String lang, String acceptLanguage) {
        Location location = jurisdiction.locate(lat, lon, lang, acceptLanguage);
        return HttpResponse.ok(location)
                .header(HttpHeaders.CONTENT_LANGUAGE, location.getLanguage())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
}
