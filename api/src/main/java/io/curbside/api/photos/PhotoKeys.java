package io.curbside.api.photos;

import java.util.regex.Pattern;

/** The shape every photo store accepts for a key, so a key can never leave the store's root. */
final class PhotoKeys {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9/_.-]+");

    private PhotoKeys() {
    }

    /**
     * The key, if it is safe: keys are made by the server, so a bad one is a bug, refused before it
     * reaches a file system or a bucket.
     */
    static String checked(String key) {
        if (key == null || !ALLOWED.matcher(key).matches()
                || key.startsWith("/") || key.endsWith("/")
                || key.contains("..") || key.contains("//")
                || key.equals(".") || key.startsWith("./") || key.contains("/./") || key.endsWith("/.")) {
            throw new IllegalArgumentException("not a photo key: " + (key == null ? "null" : '"' + key + '"'));
        }
        return key;
    }
}
