package io.curbside.api.support;

import io.curbside.api.i18n.Translations;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Converts {@link Translations} to and from the jsonb maps they are stored as. */
@Singleton
public class JsonTexts {

    private static final Argument<Map<String, String>> TEXTS = Argument.mapOf(String.class, String.class);

    private final ObjectMapper json;

    public JsonTexts(ObjectMapper json) {
        this.json = json;
    }

    public String write(Translations translations) {
        if (translations == null) {
            return null;
        }
        try {
            return json.writeValueAsString(translations.texts());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Translations read(String jsonb) {
        if (jsonb == null) {
            return null;
        }
        try {
            return new Translations(StrictJsonMapper.readStored(json, jsonb, TEXTS));
        } catch (IOException e) {
            throw new UncheckedIOException("stored texts are not a JSON object of strings", e);
        }
    }
}
