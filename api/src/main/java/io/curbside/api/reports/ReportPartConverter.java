package io.curbside.api.reports;

import io.curbside.contract.model.NewServiceRequest;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.TypeConverter;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads the multipart "report" part when it comes as a plain form field (no file name, as
 * OkHttp and browsers send a JSON part): Micronaut hands such a field over as text, and the
 * report in it is JSON. A part sent as a file is read by Micronaut's own JSON codec.
 */
@Singleton
class ReportPartConverter implements TypeConverter<String, NewServiceRequest> {

    private final ObjectMapper json;

    ReportPartConverter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Optional<NewServiceRequest> convert(String text, Class<NewServiceRequest> type, ConversionContext context) {
        try {
            return Optional.ofNullable(json.readValue(text, NewServiceRequest.class));
        } catch (IOException e) {
            context.reject(text, e);
            return Optional.empty();
        }
    }
}
