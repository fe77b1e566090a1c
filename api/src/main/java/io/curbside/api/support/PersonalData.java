package io.curbside.api.support;

import java.util.regex.Pattern;

/** Keeps personal data out of log lines built from text Curbside does not control (a mail server's reply, a parser's complaint). */
public final class PersonalData {

    /** Generous on purpose: a mail server quotes addresses in angle brackets, quotes or bare. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'`(),;:]+@[^\\s<>\"'`(),;:]+");

    private PersonalData() {
    }

    /** The text with every e-mail address replaced by {@code [e-mail]}. */
    public static String withoutEmailAddresses(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll("[e-mail]");
    }
}
