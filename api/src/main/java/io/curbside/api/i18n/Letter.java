package io.curbside.api.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One mail in one language, its words from the message files: the subject, the plain text, and
 * the same paragraphs as HTML for mail programs that show it. Every piece goes into the HTML
 * escaped, so a display name, a staff note or a title cannot add markup, scripts or links.
 */
public record Letter(String subject, String text, String html) {

    public Letter {
        if (subject == null || text == null || html == null) {
            throw new IllegalArgumentException("a letter has a subject, a text and its HTML");
        }
    }

    /** Starts a letter in the language (one without a message file is written in English). */
    public static Writer in(String language) {
        return new Writer(LanguageTags.isValid(language) ? LanguageTags.normalize(language) : Translations.FALLBACK);
    }

    /** Writes a letter paragraph by paragraph. */
    public static final class Writer {

        private static final Pattern WEB_ADDRESS = Pattern.compile("https?://[^\\s<>\"']+");
        private static final Pattern BLANK_LINE = Pattern.compile("\\n\\s*\\n");

        private final String language;
        private final Messages messages = Messages.classpath();
        private final List<String> paragraphs = new ArrayList<>();
        private String subject;

        private Writer(String language) {
            this.language = language;
        }

        public Writer subject(String key, Map<String, ?> values) {
            this.subject = messages.say(language, key, values);
            return this;
        }

        /** The message, a paragraph for each part between blank lines. */
        public Writer say(String key, Map<String, ?> values) {
            for (String paragraph : BLANK_LINE.split(messages.say(language, key, values))) {
                quote(paragraph);
            }
            return this;
        }

        /** Words that are not Curbside's own (a title, a note) as a paragraph of their own; nothing when blank. */
        public Writer quote(String text) {
            if (text != null && !text.isBlank()) {
                paragraphs.add(text.strip());
            }
            return this;
        }

        public Letter write() {
            if (subject == null) {
                throw new IllegalStateException("a letter needs a subject");
            }
            StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language)
                    .append("\">\n<head><meta charset=\"utf-8\"><title>").append(escape(subject))
                    .append("</title></head>\n<body>\n");
            for (String paragraph : paragraphs) {
                html.append("<p>").append(paragraph(paragraph)).append("</p>\n");
            }
            html.append("</body>\n</html>\n");
            return new Letter(subject, String.join("\n\n", paragraphs) + "\n", html.toString());
        }

        /** A paragraph that is one web address is a link to it; any other is text, its line breaks kept. */
        private static String paragraph(String text) {
            if (WEB_ADDRESS.matcher(text).matches()) {
                return "<a href=\"" + escape(text) + "\">" + escape(text) + "</a>";
            }
            return escape(text).replace("\n", "<br>\n");
        }
    }

    /** Text as HTML text, and as the value of a quoted attribute. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }
}
