package io.curbside.api.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.ULocale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

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

    /** The message in English from the classpath's files. */
    public static String english(String key, Map<String, ?> values) {
        return classpath().say(Translations.FALLBACK, key, values);
    }

    /** The message from the classpath's files for a problem, in the language of the request being served. */
    public static String problem(String key, Map<String, ?> values) {
        return classpath().say(ProblemLanguage.current(), key, values);
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

    /** One message in one language, and the names of its placeholders. */
    static final class Message {

        private static final ZonedDateTime SAMPLE_DATE = ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC);

        private final String pattern;
        private final ULocale locale;
        private final Set<String> arguments;
        /**
         * Compiled copies not in use. ICU's formats keep working state (and clone() shares it), so
         * each thread formats with a copy of its own, taken from here or compiled anew, then put
         * back: there are never more copies than threads that said the message at the same time.
         */
        private final Queue<MessageFormat> idle = new ConcurrentLinkedQueue<>();

        private Message(String pattern, ULocale locale) {
            this.pattern = pattern;
            this.locale = locale;
            MessageFormat format = new MessageFormat(pattern, locale);
            // Said once now, so that a value of the wrong kind fails at start-up and ICU loads the
            // language's plural rules and number and date data before the first resident waits for them.
            Map<String, Object> samples = samples(new MessagePattern(pattern));
            format.format(samples);
            this.arguments = Collections.unmodifiableSortedSet(new TreeSet<>(samples.keySet()));
            idle.add(format);
        }

        static Message of(String pattern, ULocale locale) {
            return new Message(pattern, locale);
        }

        Set<String> arguments() {
            return arguments;
        }

        /** A value of the kind each placeholder takes, by name: those in plural and select branches too. */
        private static Map<String, Object> samples(MessagePattern pattern) {
            Map<String, Object> samples = new HashMap<>();
            for (int i = 0; i < pattern.countParts(); i++) {
                MessagePattern.Part part = pattern.getPart(i);
                if (part.getType() != MessagePattern.Part.Type.ARG_START) {
                    continue;
                }
                String name = pattern.getSubstring(pattern.getPart(i + 1));
                Object sample = switch (part.getArgType()) {
                    case NONE, SELECT -> "other";
                    case SIMPLE -> Set.of("date", "time").contains(pattern.getSubstring(pattern.getPart(i + 2)))
                            ? SAMPLE_DATE : 1;
                    case CHOICE, PLURAL, SELECTORDINAL -> 1;
                };
                samples.putIfAbsent(name, sample);
            }
            return samples;
        }

        @SuppressWarnings("unchecked")
        String say(String key, Map<String, ?> values) {
            if (!values.keySet().containsAll(arguments)) {
                throw new IllegalArgumentException("the message \"" + key + "\" needs " + arguments + ", not "
                        + values.keySet());
            }
            MessageFormat format = idle.poll();
            if (format == null) {
                format = new MessageFormat(pattern, locale);
            }
            String said = format.format((Map<String, Object>) values);
            idle.offer(format);
            return said;
        }
    }
}
