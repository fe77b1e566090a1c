package io.curbside.api.support;

import io.curbside.api.i18n.LanguageTags;
import io.curbside.api.i18n.Translations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A node of a parsed YAML or JSON document that knows where it is ("services[3].target"), so
 * that every complaint about an operator's file names the exact place to fix.
 */
public record YamlTree(String path, Object value) {

    /** Collects every problem of a file, so the operator sees them all at once. */
    public static final class Problems {
        private final List<Problem> all = new ArrayList<>();

        public void add(String path, String message) {
            all.add(new Problem(path, message));
        }

        public List<String> messages() {
            return all.stream().map(p -> p.path() + ": " + p.message()).toList();
        }

        /** Each problem with its place apart, for an API to name the field. */
        public List<Problem> all() {
            return List.copyOf(all);
        }
    }

    /** One problem and where it is ("services[3].target.unit"). */
    public record Problem(String path, String message) {
    }

    public YamlTree get(String key) {
        Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
        return new YamlTree(path.isEmpty() ? key : path + "." + key, child);
    }

    public boolean isPresent() {
        return value != null;
    }

    public List<YamlTree> list(Problems problems) {
        List<YamlTree> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(path, "must be a list");
            return items;
        }
        for (int i = 0; i < list.size(); i++) {
            items.add(new YamlTree(path + "[" + i + "]", list.get(i)));
        }
        return items;
    }

    public Map<String, YamlTree> entries(Problems problems) {
        Map<String, YamlTree> entries = new LinkedHashMap<>();
        if (value == null) {
            return entries;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path, "must be a mapping");
            return entries;
        }
        map.forEach((key, child) -> {
            if (key == null) {
                problems.add(path, "has an empty (null) key");
            } else {
                entries.put(String.valueOf(key), new YamlTree(path + "." + key, child));
            }
        });
        return entries;
    }

    /** Reports keys the format does not know: a misspelt "anonymus: false" must not pass as the default. */
    public void allowOnly(Problems problems, Set<String> keys) {
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (key != null && !keys.contains(String.valueOf(key))) {
                    problems.add(path.isEmpty() ? String.valueOf(key) : path + "." + key,
                            "is not a known key (expected one of " + String.join(", ", new TreeSet<>(keys)) + ")");
                }
            }
        }
    }

    public String text(Problems problems) {
        if (value instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        problems.add(path, value == null ? "is missing" : "must be a non-empty string");
        return null;
    }

    public String code(Problems problems) {
        String code = text(problems);
        if (code != null && !code.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            problems.add(path, "\"" + code + "\" is not a code (lower-case letters, digits, - and _)");
            return null;
        }
        return code;
    }

    public int integer(Problems problems, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer i) {
            return i;
        }
        problems.add(path, "must be a whole number");
        return fallback;
    }

    public boolean bool(Problems problems, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        problems.add(path, "must be true or false");
        return fallback;
    }

    /** A value of a closed vocabulary, e.g. the generated enums' {@code fromValue}. */
    public <T> T oneOf(Problems problems, Function<String, T> parse, String allowed) {
        String text = text(problems);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(path, "\"" + text + "\" is not one of " + allowed);
            return null;
        }
    }

    /** A translated text: a mapping from language tag to text, or a bare string (English). */
    public Translations translations(Problems problems, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(path, "is missing");
            }
            return null;
        }
        if (value instanceof String s) {
            return s.isBlank() ? missing(problems) : Translations.of(Translations.FALLBACK, s);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        entries(problems).forEach((tag, text) -> {
            String t = text.text(problems);
            if (t == null) {
                return;
            }
            if (!LanguageTags.isValid(tag)) {
                problems.add(text.path(), "\"" + tag + "\" is not a language tag");
            } else if (texts.put(LanguageTags.normalize(tag), t) != null) {
                problems.add(text.path(), "the language \"" + tag + "\" is given twice");
            }
        });
        if (texts.isEmpty()) {
            return missing(problems);
        }
        try {
            return new Translations(texts);
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
    }

    private Translations missing(Problems problems) {
        problems.add(path, "must have a text in at least one language");
        return null;
    }
}
