package io.curbside.api.i18n;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mail in one language, its words from the message files: the subject, the plain text, and
 * the same paragraphs as HTML for mail programs that show it. Every piece goes into the HTML
 * escaped, so a display name, a staff note or a title cannot add markup, scripts or links. The
 * paragraphs are the message file's, found before any value is filled in: a value (a display name
 * with blank lines and a web address in it) never makes a paragraph of its own, and only a web
 * address Curbside made ({@link Writer#link}, or a message paragraph that is only its {@code {code}}
 * or {@code {link}}) becomes a link.
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
        /** Stands for a text value while the message is split: private-use characters no message file holds. */
        private static final Pattern STAND_IN = Pattern.compile("\uE000(\\d+)\uE001");
        /** The values a message may show as a paragraph of their own that is a link: Curbside makes them. */
        private static final Set<String> LINK_VALUES = Set.of("code", "link");

        private final String language;
        private final Messages messages = Messages.classpath();
        private final List<Paragraph> paragraphs = new ArrayList<>();
        private String subject;

        private Writer(String language) {
            this.language = language;
        }

        public Writer subject(String key, Map<String, ?> values) {
            this.subject = messages.say(language, key, values);
            return this;
        }

        /**
         * The message, a paragraph for each part of the message file's text between blank lines:
         * text values are filled in after the split, so what they hold stays inside their paragraph.
         */
        public Writer say(String key, Map<String, ?> values) {
            Map<String, Object> standIns = new HashMap<>();
            List<String> texts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            values.forEach((name, value) -> {
                if (value instanceof CharSequence text) {
                    standIns.put(name, "\uE000" + texts.size() + "\uE001");
                    texts.add(text.toString());
                    names.add(name);
                } else {
                    standIns.put(name, value);
                }
            });
            for (String part : BLANK_LINE.split(messages.say(language, key, standIns))) {
                String template = part.strip();
                Matcher alone = STAND_IN.matcher(template);
                if (alone.matches() && LINK_VALUES.contains(names.get(Integer.parseInt(alone.group(1))))) {
                    link(texts.get(Integer.parseInt(alone.group(1))));
                    continue;
                }
                Matcher standIn = STAND_IN.matcher(template);
                StringBuilder filled = new StringBuilder();
                while (standIn.find()) {
                    standIn.appendReplacement(filled, Matcher.quoteReplacement(texts.get(Integer.parseInt(standIn.group(1)))));
                }
                standIn.appendTail(filled);
                quote(filled.toString());
            }
            return this;
        }

        /** Words that are not Curbside's own (a title, a note) as a paragraph of their own, never a link; nothing when blank. */
        public Writer quote(String text) {
            if (text != null && !text.isBlank()) {
                paragraphs.add(new Paragraph(text.strip(), false));
            }
            return this;
        }

        /** A web address Curbside made (a request's page, a code's link): a link when it is one, else text. */
        public Writer link(String address) {
            if (address != null && !address.isBlank()) {
                paragraphs.add(new Paragraph(address.strip(), WEB_ADDRESS.matcher(address.strip()).matches()));
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
            List<String> texts = new ArrayList<>();
            for (Paragraph paragraph : paragraphs) {
                html.append("<p>").append(paragraph.html()).append("</p>\n");
                texts.add(paragraph.text());
            }
            html.append("</body>\n</html>\n");
            return new Letter(subject, String.join("\n\n", texts) + "\n", html.toString());
        }

        /** A paragraph: a link to the web address it is, or text with its line breaks kept. */
        private record Paragraph(String text, boolean link) {

            String html() {
                return link ? "<a href=\"" + escape(text) + "\">" + escape(text) + "</a>"
                        : escape(text).replace("\n", "<br>\n");
            }
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
