package io.curbside.api.reports;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.i18n.Messages;
import io.curbside.api.support.PlainText;
import io.curbside.contract.model.QuestionDatatype;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks one answer against its question's datatype (Open311's) and returns it as stored, or
 * says in words what is wrong with it.
 */
final class AnswerChecks {

    static final int STRING_MAX = 500;
    static final int TEXT_MAX = 4000;
    /** Digits a number answer may have, and how far its decimal point may move: no question needs more. */
    static final int NUMBER_DIGITS = 30;
    /** The longest text that can hold such a number: the digits, a sign, a point and an exponent. */
    private static final int NUMBER_TEXT_MAX = 64;

    private AnswerChecks() {
    }

    /** The answer as stored, or the problem with it. Exactly one of the two is set. */
    record Checked(Object value, String problem) {
        static Checked ok(Object value) {
            return new Checked(value, null);
        }

        static Checked wrong(String problem) {
            return new Checked(null, problem);
        }
    }

    /** Whether the answer counts as given: null, blank text and an empty list do not. */
    static boolean isGiven(Object answer) {
        return answer != null && !(answer instanceof String s && s.isBlank())
                && !(answer instanceof List<?> l && l.isEmpty());
    }

    static Checked check(Catalog.Question question, Object answer) {
        QuestionDatatype type = question.datatype();
        return switch (type) {
            case STRING -> text(answer, STRING_MAX);
            case TEXT -> text(answer, TEXT_MAX);
            case NUMBER -> number(answer);
            case DATETIME -> datetime(answer);
            case SINGLEVALUELIST -> answer instanceof String key
                    ? key(question, key)
                    : wrong("problem.answer.one_of", Map.of("keys", keys(question)));
            case MULTIVALUELIST -> list(question, answer);
        };
    }

    private static Checked text(Object answer, int max) {
        if (!(answer instanceof String s)) {
            return wrong("problem.answer.text", Map.of());
        }
        String t = s.strip();
        if (t.length() > max) {
            return wrong("problem.answer.too_long", Map.of("max", String.valueOf(max)));
        }
        String unreadable = PlainText.problem(t);
        return unreadable == null ? Checked.ok(t) : Checked.wrong(unreadable);
    }

    private static Checked number(Object answer) {
        String text = answer instanceof Number || answer instanceof String ? answer.toString().strip() : null;
        if (text == null) {
            return wrong("problem.answer.number", Map.of());
        }
        // Parsing, and above all stripping zeros, takes time that grows with the square of the length:
        // a million digits would keep a core busy for minutes. No question needs a long number.
        if (text.length() > NUMBER_TEXT_MAX) {
            return wrong("problem.answer.number_too_long", Map.of("digits", String.valueOf(NUMBER_DIGITS)));
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return wrong("problem.answer.number", Map.of());
        }
        // 1e200000 is a BigDecimal, but not a number anyone means, nor one the database can hold.
        BigDecimal plain = number.stripTrailingZeros();
        if (plain.precision() > NUMBER_DIGITS || Math.abs(plain.scale()) > NUMBER_DIGITS) {
            return wrong("problem.answer.number_too_long", Map.of("digits", String.valueOf(NUMBER_DIGITS)));
        }
        return Checked.ok(number);
    }

    /** ISO 8601: with an offset, local date and time, or a date alone. */
    private static Checked datetime(Object answer) {
        if (answer instanceof String s) {
            String t = s.strip();
            for (Function<String, Object> parse : List.<Function<String, Object>>of(
                    OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse)) {
                try {
                    return Checked.ok(parse.apply(t).toString());
                } catch (DateTimeParseException e) {
                    // try the next form
                }
            }
        }
        return wrong("problem.answer.datetime", Map.of());
    }

    private static Checked key(Catalog.Question question, String key) {
        return question.values().stream().anyMatch(v -> v.key().equals(key))
                ? Checked.ok(key)
                : wrong("problem.answer.not_one_of", Map.of("key", key, "keys", keys(question)));
    }

    private static Checked list(Catalog.Question question, Object answer) {
        if (!(answer instanceof List<?> items)) {
            return wrong("problem.answer.list_of", Map.of("keys", keys(question)));
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (Object item : items) {
            if (!(item instanceof String key)) {
                return wrong("problem.answer.list_of", Map.of("keys", keys(question)));
            }
            Checked one = key(question, key);
            if (one.problem() != null) {
                return one;
            }
            if (!chosen.add(key)) {
                return wrong("problem.answer.twice", Map.of("key", key));
            }
        }
        return Checked.ok(new ArrayList<>(chosen));
    }

    private static Checked wrong(String problem, Map<String, String> values) {
        return Checked.wrong(Messages.problem(problem, values));
    }

    private static String keys(Catalog.Question question) {
        return String.join(", ", question.values().stream().map(Catalog.AnswerValue::key).toList());
    }
}
