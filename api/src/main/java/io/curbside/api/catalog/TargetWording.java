package io.curbside.api.catalog;

import io.curbside.api.i18n.Messages;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Says a service's target in words ("3 business days"), in the resident's language. */
public final class TargetWording {

    /**
     * Each listing of the catalog says every service's target, while a catalog has a handful of
     * different targets: each is worded once per language, not once per service and request.
     */
    private static final Map<String, String> SAID = new ConcurrentHashMap<>();

    private TargetWording() {
    }

    public static String say(Catalog.Target target, String language) {
        String key = switch (target.unit()) {
            case HOURS -> "target.hours";
            case BUSINESS_DAYS -> "target.business_days";
            case CALENDAR_DAYS -> "target.calendar_days";
        };
        return SAID.computeIfAbsent(language + ' ' + key + ' ' + target.value(),
                k -> Messages.classpath().say(language, key, Map.of("n", target.value())));
    }
}
