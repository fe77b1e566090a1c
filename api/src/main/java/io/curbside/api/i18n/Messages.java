package io.curbside.api.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.ULocale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sentences Curbside itself says to residents (the catalog's texts come from the catalog), in
 * ICU MessageFormat, one file per language ({@link MessageFiles}). A message that a language's file
 * lacks is said in English, and a language without a file says everything in English.
 */
public final class Messages {

    private static final Logger LOG = LoggerFactory.getLogger(Messages.class);
    private static volatile Messages classpath;

    /** Per language with a file: every English key, each in that language where the file has it. */
    private final Map<String, Map<String, Message>> languages;

    private Messages(Map<String, Map<String, Message>> languages) {
        this.languages = languages;
    }

    /** The messages on the application's classpath, read and compiled once; a broken file fails here. */
    public static Messages classpath() {
        Messages loaded = classpath;
        if (loaded == null) {
            synchronized (Messages.class) {
                loaded = classpath;
                if (loaded == null) {
                    loaded = load(Messages.class.getClassLoader());
                    classpath = loaded;
                }
            }
        }
        return loaded;
    }

    static Messages load(ClassLoader loader) {
        Map<String, Map<String, String>> files = MessageFiles.read(loader);
        Map<String, String> english = files.get(Translations.FALLBACK);
        if (english == null) {
            throw new IllegalStateException("there is no messages/messages_en.properties on the classpath");
        }
        Map<String, Message> fallback = compile(Translations.FALLBACK, english, Map.of());
        Map<String, Map<String, Message>> languages = new HashMap<>();
        files.forEach((language, texts) -> languages.put(language,
                language.equals(Translations.FALLBACK) ? fallback : compile(language, texts, fallback)));
        return new Messages(Map.copyOf(languages));
    }

    /**
     * The message in the language (or in English), with its placeholders filled from the values:
     * text, numbers for plurals, and dates as {@link java.time.ZonedDateTime}, said in their own zone.
     */
    public String say(String language, String key, Map<String, ?> values) {
        Message message = in(language).get(key);
        if (message == null) {
            throw new IllegalArgumentException("there is no message \"" + key + "\"");
        }
        return message.say(key, values);
    }

    /**
     * The message in English from the classpath's files: for problems, which are not yet said in the
     * request's language, though their words are in the files for translators already.
     */
    public static String english(String key, Map<String, ?> values) {
        return classpath().say(Translations.FALLBACK, key, values);
    }

    /** Whether Curbside has this message (in English, and so in every language). */
    public boolean has(String key) {
        return languages.get(Translations.FALLBACK).containsKey(key);
    }

    /** The languages that have a message file. */
    public Set<String> languages() {
        return languages.keySet();
    }

    /** Whether a file says this language's messages: its own, or that of a broader tag (es for es-mx). */
    public boolean speaks(String language) {
        return file(language) != null;
    }

    private Map<String, Message> in(String language) {
        String file = file(language);
        return languages.get(file != null ? file : Translations.FALLBACK);
    }

    private String file(String language) {
        String tag = language;
        while (tag != null && !languages.containsKey(tag)) {
            int dash = tag.lastIndexOf('-');
            tag = dash < 0 ? null : tag.substring(0, dash);
        }
        return tag;
    }

    private static Map<String, Message> compile(String language, Map<String, String> texts,
                                                Map<String, Message> english) {
        Map<String, Message> messages = new HashMap<>(english);
        ULocale locale = ULocale.forLanguageTag(language);
        texts.forEach((key, text) -> {
            String where = "messages_" + language + ".properties: " + key;
            Message message;
            try {
                message = Message.of(text, locale);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": " + e.getMessage(), e);
            }
            Message original = english.get(key);
            if (original == null && !english.isEmpty()) {
                LOG.warn("{} is not a message English has, so it is never said", where);
                return;
            }
            if (original != null && !original.arguments().equals(message.arguments())) {
                throw new IllegalStateException(where + " has the placeholders " + message.arguments()
                        + " where English has " + original.arguments());
            }
            messages.put(key, message);
        });
        return Map.copyOf(messages);
    }

    /** One compiled message and the names of its placeholders. */
    record Message(MessageFormat format, Set<String> arguments) {

        static Message of(String pattern, ULocale locale) {
            return new Message(new MessageFormat(pattern, locale), arguments(new MessagePattern(pattern)));
        }

        /** Every placeholder's name, those inside plural and select branches too. */
        static Set<String> arguments(MessagePattern pattern) {
            TreeSet<String> names = new TreeSet<>();
            for (int i = 0; i < pattern.countParts(); i++) {
                MessagePattern.Part part = pattern.getPart(i);
                if (part.getType() == MessagePattern.Part.Type.ARG_NAME
                        || part.getType() == MessagePattern.Part.Type.ARG_NUMBER) {
                    names.add(pattern.getSubstring(part));
                }
            }
            return Collections.unmodifiableSortedSet(names);
        }

        @SuppressWarnings("unchecked")
        String say(String key, Map<String, ?> values) {
            if (!values.keySet().containsAll(arguments)) {
                throw new IllegalArgumentException("the message \"" + key + "\" needs " + arguments + ", not "
                        + values.keySet());
            }
            // ICU's formats keep working state, so one thread at a time; a message takes microseconds.
            synchronized (format) {
                return format.format((Map<String, Object>) values);
            }
        }
    }
}
