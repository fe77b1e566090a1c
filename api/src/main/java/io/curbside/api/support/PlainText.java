package io.curbside.api.support;

import io.curbside.api.i18n.Messages;

import java.util.Map;

/**
 * Whether a text a resident sent is text: no control characters but tab and line breaks, and
 * no half of a surrogate pair. The database refuses NUL in text and JSON, and the others only
 * garble what staff read; refusing them names the field instead of failing the whole report.
 */
public final class PlainText {

    private PlainText() {
    }

    /** What is wrong with the text, or null when nothing is. */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0)) {
                return Messages.problem("problem.text.control", Map.of("code", String.format("%04X", (int) c)));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Messages.problem("problem.text.surrogate", Map.of());
            }
        }
        return null;
    }
}
