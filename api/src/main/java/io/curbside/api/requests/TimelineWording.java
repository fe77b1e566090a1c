package io.curbside.api.requests;

import io.curbside.api.i18n.Messages;

import java.util.Map;

/** The title of each kind of event in a request's timeline, in the resident's language. */
final class TimelineWording {

    private TimelineWording() {
    }

    /** The title; a kind this version has no words for is shown by its name. */
    static String title(String kind, String language, Map<String, String> values) {
        Messages messages = Messages.classpath();
        String key = "timeline." + kind;
        return messages.has(key) ? messages.say(language, key, values) : kind.replace('_', ' ');
    }
}
