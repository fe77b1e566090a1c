package io.curbside.api.opendata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes contact details and places out of free text before it is published: e-mail addresses,
 * links, phone numbers, street addresses and corners, licence plates, long numbers (account or
 * case numbers), the names it is told of and names a cue introduces ("thanks Dmitri Y."). It
 * cannot recognise any other name, which is why only services whose privacy class is
 * {@code open} publish text at all. {@link ScrubRules} holds the patterns.
 */
public final class TextScrubber {

    /** A stretch of the original text that is taken out, and the marker that stands in its place. */
    record Removal(int start, int end, String marker) {
    }

    private static final Set<Character.UnicodeScript> UNSPACED = EnumSet.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.THAI,
            Character.UnicodeScript.LAO, Character.UnicodeScript.KHMER, Character.UnicodeScript.MYANMAR,
            Character.UnicodeScript.TIBETAN);

    /**
     * What {@link #scrub} takes out, by the marker it leaves in its place: what the data dictionary tells
     * the public. Every marker of {@link ScrubRules} is here (TextScrubberTest).
     */
    public static final Map<String, String> REMOVES = markers();

    private TextScrubber() {
    }

    private static Map<String, String> markers() {
        Map<String, String> removes = new LinkedHashMap<>();
        removes.put("[email]", "e-mail addresses");
        removes.put("[link]", "links (http://…, https://…, www.…)");
        removes.put("[address]", "street addresses with a house number (and any unit), blocks (\"the 1100 block of …\"), "
                + "corners and intersections, and streets named after a word that places them (\"at\", \"on\", \"near\"), "
                + "in English, Spanish and Vietnamese");
        removes.put("[plate]", "licence plates");
        removes.put("[phone]", "phone numbers (seven to fifteen digits, with or without separators)");
        removes.put("[number]", "any other run of five or more digits (a ZIP+4, an account or case number)");
        removes.put("[name]", "the reporter's name and each word of it, and a name after a word that introduces one "
                + "(\"my name is\", \"thanks\", \"Mr\", \"call\", \"neighbour\", \"landlord\"…); other names it cannot "
                + "recognise, which is why only the open class publishes text");
        removes.put("[…]", "any run of more than " + LONGEST_RUN + " characters without a space (a pasted token or link)");
        return Collections.unmodifiableMap(removes);
    }

    /**
     * The text without contact details and places, and without the given names (the reporter's
     * own, which is the name a description most often carries) or any word of them.
     */
    public static String scrub(String text, List<String> names) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Removal removal : removals(text, names)) {
            out.append(text, at, removal.start()).append(removal.marker());
            at = removal.end();
        }
        return out.append(text.substring(at)).toString().strip();
    }

    public static String scrub(String text) {
        return scrub(text, List.of());
    }

    /**
     * What {@link #scrub} takes out, in order and not overlapping. Every rule looks at the text as
     * written, not at what an earlier rule left, so no rule can take half of a place and leave
     * the rest ("653 1/[address]"); overlapping finds are joined under the marker of the first rule.
     */
    static List<Removal> removals(String text, List<String> names) {
        List<Removal> found = new ArrayList<>();
        String scanned = withoutLongRuns(text, found);
        for (ScrubRules.Rule rule : ScrubRules.RULES) {
            addAll(found, rule.pattern().matcher(scanned), rule.group(), rule.marker());
        }
        for (String name : names) {
            if (name == null || name.isBlank()) {
                continue;
            }
            addAll(found, nameIn(name.strip()).matcher(text), 0, "[name]");
            for (String part : name.strip().split("\\s+")) {
                // Two letters make a name too (Li, Ng, Wu); one is an initial, and would take letters out of words.
                if (part.codePointCount(0, part.length()) >= 2) {
                    addAll(found, nameIn(part).matcher(text), 0, "[name]");
                }
            }
        }
        return merged(text, found);
    }

    /** No word, address or link a person writes is longer than this without a space. */
    private static final int LONGEST_RUN = 64;
    private static final Pattern LONG_RUN = Pattern.compile("\\S{" + (LONGEST_RUN + 1) + ",}");

    /**
     * The text with every run of more than {@value #LONGEST_RUN} characters without a space blanked
     * out (same length, so positions hold), each run noted as removed. A word rule tried at every
     * position of one 4,000-character run rescans the rest of it each time, which took a second per
     * scrub; such a run is a pasted token, a link or noise, not text the public needs.
     */
    private static String withoutLongRuns(String text, List<Removal> found) {
        Matcher run = LONG_RUN.matcher(text);
        if (!run.find()) {
            return text;
        }
        char[] blanked = text.toCharArray();
        do {
            found.add(new Removal(run.start(), run.end(), "[…]"));
            Arrays.fill(blanked, run.start(), run.end(), ' ');
        } while (run.find());
        return new String(blanked);
    }

    private static void addAll(List<Removal> found, Matcher matcher, int group, String marker) {
        while (matcher.find()) {
            if (matcher.end(group) > matcher.start(group)) {
                found.add(new Removal(matcher.start(group), matcher.end(group), marker));
            }
        }
    }

    /** Overlapping removals joined; two of the same kind with only spaces between ("[name] [name]") made one. */
    private static List<Removal> merged(String text, List<Removal> found) {
        List<Removal> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Removal::start));
        List<Removal> out = new ArrayList<>();
        for (Removal next : sorted) {
            Removal last = out.isEmpty() ? null : out.get(out.size() - 1);
            boolean overlaps = last != null && next.start() < last.end();
            boolean sameRun = last != null && last.marker().equals(next.marker())
                    && text.substring(Math.min(last.end(), next.start()), next.start()).isBlank();
            if (overlaps || sameRun) {
                String marker = overlaps ? firstRuleOf(last, next, found) : last.marker();
                out.set(out.size() - 1, new Removal(last.start(), Math.max(last.end(), next.end()), marker));
            } else {
                out.add(next);
            }
        }
        return out;
    }

    /** The marker of whichever of the two was found by the earlier rule (the list is in rule order). */
    private static String firstRuleOf(Removal a, Removal b, List<Removal> inRuleOrder) {
        for (Removal r : inRuleOrder) {
            if (r.marker().equals(a.marker()) || r.marker().equals(b.marker())) {
                return r.marker();
            }
        }
        return a.marker();
    }

    /**
     * The name as a whole word, with no letter or digit touching it ("Dmitri Y." ends in a dot, so
     * not at a word boundary). Scripts written without spaces (Chinese, Japanese, Thai...) have no
     * word boundaries inside a sentence, so there the name is matched wherever it stands.
     */
    private static Pattern nameIn(String name) {
        String quoted = Pattern.quote(name);
        boolean unspaced = name.codePoints().anyMatch(c -> UNSPACED.contains(Character.UnicodeScript.of(c)));
        return Pattern.compile(unspaced ? quoted : "(?<![\\p{L}\\p{N}])" + quoted + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
