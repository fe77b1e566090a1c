package io.curbside.api.i18n;

import io.curbside.api.problem.ProblemException;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Picks the answer's language from {@code ?lang=} and {@code Accept-Language} (RFC 4647 lookup). */
public final class LanguageNegotiator {

    private LanguageNegotiator() {
    }

    /**
     * The best of the offered languages. An explicit {@code lang} wins; a malformed
     * {@code lang} is the client's error (400), while a malformed Accept-Language header is
     * ignored, as browsers and proxies are not always careful with it.
     */
    public static String choose(String lang, String acceptLanguage, Collection<String> offered) {
        if (lang != null && !lang.isBlank()) {
            if (!LanguageTags.isValid(lang)) {
                throw ProblemException.invalidParameter("lang", "is not a language tag (e.g. en, es, vi, zh, hmn)");
            }
            return lookup(List.of(new Locale.LanguageRange(lang.toLowerCase(Locale.ROOT))), offered);
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                return lookup(Locale.LanguageRange.parse(acceptLanguage), offered);
            } catch (IllegalArgumentException malformed) {
                return Translations.FALLBACK;
            }
        }
        return Translations.FALLBACK;
    }

    private static String lookup(List<Locale.LanguageRange> ranges, Collection<String> offered) {
        String tag = Locale.lookupTag(ranges, offered);
        return tag != null ? tag.toLowerCase(Locale.ROOT) : Translations.FALLBACK;
    }
}
