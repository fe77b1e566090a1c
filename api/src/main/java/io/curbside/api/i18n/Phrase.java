package io.curbside.api.i18n;

import java.text.DateFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One sentence Curbside itself says, in each language it speaks, with {@code {name}} slots.
 * Falls back to English like every other text.
 */
public record Phrase(Translations texts) {

    private static final Pattern SLOT = Pattern.compile("\\{([a-z_]+)}");
    /** The languages the JDK has date names for; asked once, as every report's answer needs them. */
    private static final Set<String> DATED_LANGUAGES = Arrays.stream(DateFormat.getAvailableLocales())
            .map(Locale::getLanguage).collect(Collectors.toUnmodifiableSet());

    public static Phrase of(Map<String, String> texts) {
        return new Phrase(new Translations(texts));
    }

    /** The sentence in the language with its slots filled; an unknown slot is a programming error. */
    public String say(String language, Map<String, String> values) {
        Matcher m = SLOT.matcher(texts.in(language));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** The JDK's locale for a language when it has date names for it, else none. */
    public static Locale locale(String language) {
        Locale locale = Locale.forLanguageTag(language);
        return DATED_LANGUAGES.contains(locale.getLanguage()) ? locale : null;
    }
}
