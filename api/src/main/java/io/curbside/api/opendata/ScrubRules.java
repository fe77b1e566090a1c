package io.curbside.api.opendata;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns {@link TextScrubber} removes, each with the marker it leaves. Written for the
 * catalog's Latin-script languages (English, Spanish, and Vietnamese, whose streets put their type
 * first as Spanish ones do; Hmong text uses the English forms) and measured by
 * {@code script/measure-scrubber}: a change here shows there.
 *
 * <p>What makes a run of words a street: a street type ({@code St}, {@code Blvd}, {@code Calle}),
 * a house number before a direction or a fraction, an ordinal ({@code 6th}), or a capitalised
 * name beside a corner's connector. In text all in capitals or all in lower case, case says
 * nothing, so there two bare names make a corner only after a word that places them
 * ("AT CESAR CHAVEZ / OLYMPIC"); "BLACK AND WHITE CAT" stays.
 */
final class ScrubRules {

    /** A pattern and its marker; {@code group} is the part removed (0: all of it), so a cue like "corner of" stays. */
    record Rule(Pattern pattern, String marker, int group) {
    }

    private ScrubRules() {
    }

    private static final String TYPE = "(?i:st|street|ave|avenue|av|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|pl|place"
            + "|way|pkwy|parkway|hwy|highway|fwy|freeway|ter|terrace|cir|circle|sq|square|trl|trail|walk|plz|plaza|aly|alley"
            + "|cres|crescent|expy|mall|loop|row)\\b\\.?";
    /** Spanish (and Vietnamese) put the type first: "Calle Olvera", "Av. Reforma", "đường Lê Lợi". */
    private static final String TYPE_FIRST = "(?i:calle|c/|avenida|avda\\.?|av\\.|paseo|camino|carrera|calzada|bulevar|callej[oó]n"
            + "|carretera|privada|cerrada|andador|diagonal|transversal|đường|phố|ngõ|hẻm)";
    /** Words that are never part of a street's name: they join, place, count or tell a unit. */
    private static final String STOP = "(?:(?i:the|a|an|on|at|in|of|to|from|by|near|and|or|for|with|between|is|was|it|its|my|our|his"
            + "|her|their|this|that|there|here|y|e|con|en|un|una|por|al|entre|cerca|frente|junto|hay|es|corner|esquina|intersection"
            + "|block|across|past|off|no|not|also|again|all|every|since|after|before|monday|tuesday|wednesday|thursday|friday"
            + "|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|lunes"
            + "|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|am|pm|i|ft|feet|mph|apt|apartment|unit|suite|ste|space|spc"
            + "|depto|dpto|departamento|piso|int|interior|bldg|building|room|rm|floor|fl|lot|never|hace|desde|se|muy|ya|lleva|pero|que"
            + "|donde|cuando|sin|para|tira|hasta)"
            // Spanish articles join only in lower case: "La Brea" is a street's name.
            + "|de|del|la|las|los|el)\\b";
    /** N, S, E, W or a direction's word; in an address after a number, lower case too ("653 n heliotrope"). */
    private static final String DIR = "(?:\\b[NSEW]\\b\\.?|\\b(?i:north|south|east|west|norte|sur|oeste)\\b)";
    private static final String DIR_ANY = "(?:\\b(?i:[nsew])\\b\\.?|\\b(?i:north|south|east|west|norte|sur|oeste)\\b)";
    private static final String ORDINAL = "\\b\\d{1,3}(?i:st|nd|rd|th)\\b";
    /** A capitalised word of a name (Sepulveda, SEPULVEDA, O'Neil) or an ordinal, never a joining word. */
    private static final String NAME = "(?:\\b(?!" + STOP + ")\\p{Lu}[\\p{L}'’-]*|" + ORDINAL + ")";
    /** A Title-case word (Sepulveda, not SEPULVEDA): a proper noun even where no type says it is a street. */
    private static final String TITLE = "\\b(?!" + STOP + ")\\p{Lu}\\p{Ll}[\\p{L}'’-]*";
    /** Any word, for text written all in lower case; something else must then say it is a street. */
    private static final String WORD = "\\b(?!" + STOP + "|" + TYPE + ")\\p{L}[\\p{L}'’-]*";
    private static final String CAPS = "\\b(?!" + STOP + ")\\p{Lu}{2,}\\b(?:\\s+(?!" + STOP + ")\\p{Lu}{2,}\\b){0,2}";
    private static final String PARTICLES = "(?:(?i:de|del|la|las|los|el)\\s+){0,2}";

    /** A street said with its type: "Oxnard St", "W 6th St", "sepulveda blvd", "Calle Olvera", "av. de la reforma". */
    private static final String TYPED = "(?:(?:" + DIR_ANY + "\\s+)?(?:(?:" + NAME + "\\s+){1,3}|(?:" + WORD + "\\s+){1,2})" + TYPE
            + "|" + TYPE_FIRST + "\\s+" + PARTICLES + "(?:" + NAME + "(?:\\s+" + NAME + "){0,2}|\\d{1,3}\\b|" + WORD + "(?:\\s+" + WORD + ")?))";
    /** A street known by its shape without a type: "S Broadway", "W 6TH", "5th". */
    private static final String SHAPED = "(?:" + DIR + "\\s+" + NAME + "(?:\\s+" + NAME + ")?|" + ORDINAL + ")";
    /** A street named only: "Sepulveda", "Cesar Chavez". */
    private static final String NAMED = TITLE + "(?:\\s+" + TITLE + "){0,2}";
    /** Any street on a corner, after a cue that says it is one: up to three words of any case. */
    private static final String CUED = "(?:" + TYPED + "|" + SHAPED + "|(?:" + WORD + "|" + ORDINAL + ")(?:\\s+(?:" + WORD + "|" + ORDINAL + ")){0,2})";
    /** A street in a corner after a word that places, whatever its case: "oxnard st", "VINE", "la brea". */
    private static final String ANY_STREET = "(?:" + TYPED + "|" + SHAPED + "|" + CAPS + "|" + ORDINAL + "|" + WORD + "(?:\\s+" + WORD + ")?)";
    /** Right after a word that places: "at", "on", "near", "en"... what follows is where, not what. */
    private static final String PLACED = "(?<=\\b(?i:at|on|near|of|by|in|en|to|from|across|between|entre|off|sobre)\\s)";

    private static final String JOIN = "(?:\\s*[&/@]\\s*|\\s+(?i:and|y|con|e|esquina(?!\\s+de\\b)(?:\\s+con)?|và)\\s+)";
    private static final String JOIN_AT = "(?:\\s*[&/@]\\s*|\\s+(?i:and|at|y|con|esquina(?!\\s+de\\b)(?:\\s+con)?|và)\\s+)";

    private static final String HOUSE = "\\b\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?\\b(?:\\s+\\d/\\d|\\s*½)?";
    private static final String UNIT = "(?:\\s*,?\\s*(?:#\\s*[\\p{L}\\p{N}-]{1,5}|(?i:apt|apartment|unit|suite|ste|spc|space|rm|room|bldg|building|fl|floor|lot"
            + "|depto|dpto|departamento|piso|int|interior)\\b\\.?\\s*#?\\s*[\\p{L}\\p{N}-]{1,5})\\b)?";
    /** Where a clause ends: in lower case, what says that the words before it are all the street's. */
    private static final String END = "(?=\\s*(?:[,.;:!?)]|$))";
    private static final String NUMBER_AFTER = "\\s*,?\\s*(?:(?i:#|no\\.?|n[º°o]\\.?|n[úu]mero|số)\\s*)?\\d{1,5}[A-Za-z]?\\b";

    private static final String PLATE_WORD = "(?i:(?:licen[cs]e\\s+)?plates?|placas?|matr[ií]cula|biển\\s+số|lic\\.?\\s*(?:#|no\\.?))";
    private static final String PLATE_ANY = "(?:\\p{L}{1,4}[ -]?\\d[\\p{L}\\p{N}]{0,6}|\\d[\\p{L}\\p{N}]{1,7}(?:[ .-]\\d{1,5}){0,2})\\b";
    /**
     * Five to eight letters and digits, two digits and a letter at least, not a measure ("45MPH", "101st"): "ZT4016Q",
     * "7abc123"; or with a hyphen, "ABC-1234". With a space ("ABC 1234") only after "plate", as "THE 405" is a freeway.
     */
    private static final String PLATE_BARE = "(?i)\\b(?=[a-z0-9]{5,8}\\b)(?=[a-z0-9]*\\d[a-z0-9]*\\d)(?=[a-z0-9]*[a-z])"
            + "(?!\\d+(?:st|nd|rd|th|am|pm|ft|mph|lbs|kg|km|mi|cm|mm|in|gb|mb|hrs|min|yrs)\\b)(?!covid)[a-z0-9]+\\b"
            + "|\\b(?:[a-z]{2,3}-\\d{3,4}|\\d{3}-[a-z]{3}|\\d[a-z]{2,3}-\\d{3})\\b";

    private static final String NAME_CUE = "(?:\\b(?:Mr|Mrs|Ms|Mx|Dr|Sr|Sra|Srta|Miss|Don|Doña)\\.?\\s+|(?i:my name is|i am|i'm|this is|me llamo|mi nombre es"
            + "|soy|thanks,?|thanks to|thank you,?|gracias,?|gracias a|ask for|pregunte por|preguntar por|call|llame a|llamar a|contact|contacte a|neighbou?r|vecin[oa]"
            + "|landlord|owner|due[ñn][oa]|manager|signed|firmado|atentamente,?|sincerely,?)\\s+)";
    private static final String NOT_A_PERSON = "(?!(?i:city|county|public|department|dept|police|fire|sanitation|council|office|animal|street|streets"
            + "|services|bureau|water|power|parks|metro|ciudad|departamento|polic[ií]a|bomberos|back|ahead|again|later|today|tomorrow|now|soon|first|me|us|you|him|her|them)\\b)";
    /** A name as written after its cue: "Dmitri Y.", "Ana Ruiz", "José García López", in capitals "ROSA CHEN". */
    private static final String PERSON = NOT_A_PERSON + "(?!" + STOP + ")(?:(?:Mr|Mrs|Ms|Mx|Dr|Sr|Sra|Srta|Officer|Don|Doña)\\.?\\s+)?(?:\\p{Lu}\\p{Ll}[\\p{L}'’-]*(?:[ -]\\p{Lu}(?:\\p{Ll}[\\p{L}'’-]*|\\.))?(?:[ -]\\p{Lu}\\p{Ll}[\\p{L}'’-]*)?"
            + "|\\p{Lu}{2,}\\b(?:\\s+(?!" + STOP + ")\\p{Lu}(?:\\p{Lu}+\\b|\\.))?)";

    static final List<Rule> RULES = List.of(
            rule("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.\\p{L}{2,}", "[email]"),
            rule("(?i)\\b(?:https?://|www\\.)\\S+", "[link]"),
            // Corners. After a cue, any two streets: "the corner of sepulveda and oxnard", "esquina de Olvera y Cesar Chavez".
            new Rule(compile("(?i:corners?\\s+of|intersection\\s+of|esquina\\s+(?:de|con)|cruce\\s+de|intersecci[oó]n\\s+de|góc(?:\\s+đường)?)"
                    + "\\s+(?:(?:the|The|THE|la|las|calles?|CALLES?)\\s+)?(" + CUED + JOIN_AT + CUED + ")"), "[address]", 1),
            // A typed or shaped street on one side at least: "SEPULVEDA BLVD AT OXNARD ST", "W 6th St and S Broadway".
            rule("(?:" + TYPED + "|" + SHAPED + ")" + JOIN_AT + "(?:" + TYPED + "|" + SHAPED + "|" + NAMED + "|" + CAPS + ")", "[address]"),
            // Two proper names joined by and, &, /, y, con ("Sepulveda & Oxnard", "Insurgentes con Reforma"); by "at" only
            // after a word that places, as "Pothole at Oxnard St" is no corner but "on Broadway at 5th St" is.
            rule(NAMED + JOIN + "(?:" + TYPED + "|" + SHAPED + ")", "[address]"),
            // Two names alone only after a word that places: "light out at Sepulveda and Oxnard", not "Rats and Mice seen".
            rule(PLACED + NAMED + JOIN + NAMED, "[address]"),
            // But "&" and "/" between two names or two words in capitals say corner wherever they stand: "Hollywood & Vine",
            // "Sepulveda/Oxnard", "SEPULVEDA / OXNARD" (never "AM/PM": a joining word is no name).
            rule("(?:" + NAMED + "\\s*[&/]\\s*" + NAMED + "|" + CAPS + "\\s*[&/]\\s*" + CAPS + ")", "[address]"),
            rule(PLACED + "(?:" + NAMED + "|" + CAPS + "|" + WORD + ")\\s+(?i:at|@)\\s+(?:" + TYPED + "|" + SHAPED + "|" + NAMED + ")", "[address]"),
            // A block: "the 1100 block of S Westmoreland Ave".
            rule("\\b\\d{1,6}\\s+(?i:block\\s+of|cuadra\\s+de)\\s+(?:" + TYPED + "|" + SHAPED + "|" + NAMED + "|" + CAPS + ")", "[address]"),
            // In capitals or lower case, names cannot be told from words: a corner of two such needs a word that places.
            rule(PLACED + ANY_STREET + "(?:\\s*[&/@]\\s*|\\s+(?i:and|y|con|esquina(?!\\s+de\\b)(?:\\s+con)?)\\s+)" + ANY_STREET, "[address]"),
            // A house number and its street: "120 Oak St", "653 1/2 N HELIOTROPE DR #4", "6819 S BROADWAY", "653 Heliotrope".
            rule(HOUSE + "\\s+(?:" + DIR_ANY + "\\s+)?(?:(?:" + NAME + "|" + WORD + ")\\s+){1,4}?" + TYPE + UNIT, "[address]"),
            rule(HOUSE + "\\s+(?:" + DIR_ANY + "\\s+(?:" + TITLE + "(?:\\s+" + TITLE + "){0,2}|" + NAME + "(?:\\s+" + NAME + ")?|" + WORD
                    + "(?:\\s+" + WORD + END + ")?)|" + ORDINAL + ")" + UNIT, "[address]"),
            rule("\\b(?!(?:19|20)\\d\\d\\b)\\d{3,6}\\s+(?!" + TYPE + ")" + TITLE + "(?:\\s+" + TITLE + ")?" + UNIT, "[address]"),
            // Type first: "Calle Olvera 123", "calle olvera #123", "15 Calle Mayor", and, as ever, "Calle Mayor" alone.
            rule(TYPE_FIRST + "\\s+" + PARTICLES + "(?:" + NAME + "(?:\\s+" + NAME + "){0,2}|" + WORD + "|\\d{1,3}\\b)" + NUMBER_AFTER + UNIT
                    + "|" + TYPE_FIRST + "\\s+" + PARTICLES + WORD + "\\s+" + WORD + "\\s*(?i:#|no\\.|n[º°]|n[úu]mero)\\s*\\d{1,5}[A-Za-z]?\\b" + UNIT,
                    "[address]"),
            rule("(?:" + HOUSE + "\\s+)?" + TYPE_FIRST + "\\s+" + PARTICLES + NAME + "(?:\\s+" + NAME + "){0,2}" + UNIT, "[address]"),
            // In lower case a second word is the street's only where the sentence stops: "2202 avda. santa monica, de unos".
            rule(HOUSE + "\\s+" + TYPE_FIRST + "\\s+" + PARTICLES + "(?:" + WORD + "\\s+" + WORD + END + "|" + WORD + ")" + UNIT,
                    "[address]"),
            new Rule(compile(PLATE_WORD + "(?:\\s*(?i:number|no\\.?|num\\.?|#|:|is|es|n[úu]mero|de)){0,3}\\s*(" + PLATE_ANY + ")"), "[plate]", 1),
            rule(PLATE_BARE, "[plate]"),
            // Seven to fifteen digits, maybe with a leading + and separators: a phone number. Bounded, as an unbounded
            // repetition of a group recurses once per digit: 4,000 characters of "1 1 1" overflowed the stack.
            rule("\\+?\\(?\\d(?:[\\s().-]{0,3}\\d){6,14}", "[phone]"),
            // What is left with five or more digits in a row: a zip+4, an account or case number.
            rule("\\b\\d{5,}\\b", "[number]"),
            new Rule(compile(NAME_CUE + "(" + PERSON + ")"), "[name]", 1));

    private static Rule rule(String regex, String marker) {
        return new Rule(compile(regex), marker, 0);
    }

    /** Unicode classes, so that \\b and \\s mean the same on every JDK (from 19, \\b is ASCII-only without the flag). */
    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }
}
