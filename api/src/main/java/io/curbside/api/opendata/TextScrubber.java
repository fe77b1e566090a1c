package io.curbside.api.opendata;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Takes contact details and addresses out of free text before it is published: e-mail
 * addresses, links, phone numbers, street addresses and long numbers (account, plate or case
 * numbers), and the names it is told of. It cannot recognise any other name, which is why only
 * services whose privacy class is {@code open} publish text at all.
 */
public final class TextScrubber {

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final String STREET_TYPES = "st|street|ave|avenue|av|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court"
            + "|pl|place|way|pkwy|parkway|hwy|highway|ter|terrace|cir|circle|sq|square|trl|trail|calle|avenida";

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.\\p{L}{2,}"), "[email]"),
            new Rule(Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+"), "[link]"),
            // Spanish order, the street type first: "Calle Mayor 15", "15 Calle Mayor", "Avenida de la Paz 3".
            new Rule(Pattern.compile("(?:\\b\\d{1,6}\\s+)?\\b(?i:calle|avenida|avda\\.|paseo|camino|carrera)\\s+"
                    + "(?:(?:de|del|la|las|los|el)\\s+)*\\p{Lu}[\\p{L}'-]*(?:\\s+\\p{Lu}[\\p{L}'-]*){0,2}(?:\\s*#?\\s*\\d{1,6}\\b)?"),
                    "[address]"),
            // A house number, then up to four words, then a street type: "120 Oak St", "4500 N High Street".
            new Rule(Pattern.compile("(?i)\\b\\d{1,6}[a-z]?\\s+(?:[\\p{L}\\p{N}.'-]+\\s+){0,4}?(?:" + STREET_TYPES + ")\\b\\.?"),
                    "[address]"),
            // Seven or more digits, maybe with a leading + and separators: a phone number.
            new Rule(Pattern.compile("\\+?\\(?\\d(?:[\\s().-]*\\d){6,}"), "[phone]"),
            // What is left with five or more digits in a row: a zip+4, an account or case number.
            new Rule(Pattern.compile("\\b\\d{5,}\\b"), "[number]"));

    private static final Set<Character.UnicodeScript> UNSPACED = EnumSet.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.THAI,
            Character.UnicodeScript.LAO, Character.UnicodeScript.KHMER, Character.UnicodeScript.MYANMAR,
            Character.UnicodeScript.TIBETAN);

    private TextScrubber() {
    }

    /**
     * The text without contact details and addresses, and without the given names (the
     * reporter's own, which is the name a description most often carries) or any word of them.
     */
    public static String scrub(String text, List<String> names) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Rule rule : RULES) {
            out = rule.pattern().matcher(out).replaceAll(rule.replacement());
        }
        for (String name : names) {
            if (name == null || name.isBlank()) {
                continue;
            }
            out = nameIn(name.strip()).matcher(out).replaceAll("[name]");
            for (String part : name.strip().split("\\s+")) {
                // Two letters make a name too (Li, Ng, Wu); one is an initial, and would take letters out of words.
                if (part.codePointCount(0, part.length()) >= 2) {
                    out = nameIn(part).matcher(out).replaceAll("[name]");
                }
            }
        }
        return out.replaceAll("\\[name](\\s+\\[name])+", "[name]").strip();
    }

    /**
     * The name as a whole word. Scripts written without spaces (Chinese, Japanese, Thai...) have no
     * word boundaries inside a sentence, so there the name is matched wherever it stands.
     */
    private static Pattern nameIn(String name) {
        String quoted = Pattern.quote(name);
        boolean unspaced = name.codePoints().anyMatch(c -> UNSPACED.contains(Character.UnicodeScript.of(c)));
        return Pattern.compile(unspaced ? quoted : "\\b" + quoted + "\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public static String scrub(String text) {
        return scrub(text, List.of());
    }
}
