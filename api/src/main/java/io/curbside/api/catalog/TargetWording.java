package io.curbside.api.catalog;

import io.curbside.api.i18n.Messages;

import java.util.Map;

/** Says a service's target in words ("3 business days"), in the resident's language. */
public final class TargetWording {

    private TargetWording() {
    }

    public static String say(Catalog.Target target, String language) {
        String key = switch (target.unit()) {
            case HOURS -> "target.hours";
            case BUSINESS_DAYS -> "target.business_days";
            case CALENDAR_DAYS -> "target.calendar_days";
        };
        return Messages.classpath().say(language, key, Map.of("n", target.value()));
    }
}
