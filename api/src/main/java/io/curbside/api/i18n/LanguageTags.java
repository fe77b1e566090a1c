package io.curbside.api.i18n;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks and normalizes BCP 47 language tags as they arrive from files and clients. */
public final class LanguageTags {

    // RFC 5646's shape, loosely: a 2-8 letter primary subtag (or the private-use "x" and
    // grandfathered "i" prefixes) and alphanumeric subtags after it.
    private static final Pattern TAG = Pattern.compile("([A-Za-z]{2,8}|[xXiI](?=-))(-[A-Za-z0-9]{1,8})*");

    private LanguageTags() {
    }

    public static boolean isValid(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    public static String normalize(String tag) {
        if (!isValid(tag)) {
            throw new IllegalArgumentException("\"" + tag + "\" is not a language tag");
        }
        return tag.toLowerCase(Locale.ROOT);
    }
}
