package io.curbside.api.i18n;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** One text in several languages, keyed by lower-case BCP 47 tag, that falls back to English. */
public record Translations(Map<String, String> texts) {

    public static final String FALLBACK = "en";

    public Translations {
        Objects.requireNonNull(texts, "texts");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a translated text needs at least one language");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        texts.forEach((tag, text) -> {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("the \"" + tag + "\" text is empty");
            }
            copy.put(LanguageTags.normalize(tag), text.strip());
        });
        texts = Map.copyOf(copy);
    }

    public static Translations of(String language, String text) {
        return new Translations(Map.of(language, text));
    }

    /** The text in that language, else English, else any language there is. */
    public String in(String language) {
        String text = texts.get(language);
        if (text == null) {
            text = texts.get(FALLBACK);
        }
        return text != null ? text : texts.values().iterator().next();
    }

    /** The texts with English first, then the others by tag, so that answers read alike. */
    public Map<String, String> englishFirst() {
        Map<String, String> ordered = new LinkedHashMap<>();
        String english = texts.get(FALLBACK);
        if (english != null) {
            ordered.put(FALLBACK, english);
        }
        new TreeMap<>(texts).forEach(ordered::putIfAbsent);
        return ordered;
    }

    public Set<String> languages() {
        return texts.keySet();
    }
}
