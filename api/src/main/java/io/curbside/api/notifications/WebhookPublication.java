package io.curbside.api.notifications;

import io.micronaut.core.type.Argument;
import io.curbside.api.support.StrictJsonMapper;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.opendata.PublicationPolicy;
import io.curbside.contract.model.PrivacyClass;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a subscriber may receive of a queued request event, decided when it is sent by the one
 * publication policy (so SQL keeps no second copy of it, and a policy change counts from then
 * on): nothing for a withheld request, and the note only as the public reads it.
 */
@Singleton
class WebhookPublication {

    private final CatalogService catalog;
    private final PublicationPolicy policy;
    private final ObjectMapper json;

    WebhookPublication(CatalogService catalog, PublicationPolicy policy, ObjectMapper json) {
        this.catalog = catalog;
        this.policy = policy;
        this.json = json;
    }

    /** The body to send, or empty when subscribers are not to hear of this event at all. */
    Optional<String> body(ClaimedMessage message) {
        PrivacyClass privacy = catalog.view(null, null).catalog().privacy(message.serviceCode());
        if (!policy.announced(privacy)) {
            return Optional.empty();
        }
        try {
            // A tree, so a null note is written as null whatever the serializer does with null map values.
            JsonNode stored = StrictJsonMapper.readStored(json, message.payload(), Argument.of(JsonNode.class));
            Map<String, JsonNode> body = fields(stored);
            JsonNode data = body.get("data");
            if (data != null && data.isObject()) {
                Map<String, JsonNode> published = fields(data);
                JsonNode note = published.get("note");
                // The trigger queued the note as typed: it goes out as the public reads it, or as null.
                published.put("note", policy.note(note != null && note.isString() ? note.getStringValue() : null,
                        privacy, message.reporterName()).map(JsonNode::createStringNode).orElse(JsonNode.nullNode()));
                body.put("data", JsonNode.createObjectNode(published));
            }
            return Optional.of(json.writeValueAsString(JsonNode.createObjectNode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("a webhook's stored payload is unreadable", e);
        }
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.entries().forEach(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }
}
