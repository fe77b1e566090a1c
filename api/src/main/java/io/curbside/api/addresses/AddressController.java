package io.curbside.api.addresses;

import io.curbside.contract.api.StreetAddressesApi;
import io.curbside.contract.model.AddressMatches;
import io.curbside.contract.model.NearestAddress;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** GET /v1/addresses and /v1/addresses/reverse: the city's public address points. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class AddressController implements StreetAddressesApi {

    private final AddressSearch search;

    AddressController(AddressSearch search) {
        this.search = search;
    }

    @Override
    public HttpResponse<AddressMatches> searchAddresses(String q, Integer limit) {
        return HttpResponse.ok(new AddressMatches(search.search(q, limit == null ? AddressSearch.MAX_LIMIT : limit)));
    }

    @Override
    public HttpResponse<NearestAddress> reverseGeocode(Double lat, Double lon, Double radius) {
        return HttpResponse.ok(search.reverse(lat, lon, radius == null ? AddressSearch.DEFAULT_RADIUS : radius));
    }
}
