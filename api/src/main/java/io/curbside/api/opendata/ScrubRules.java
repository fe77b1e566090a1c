package io.curbside.api.opendata;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns {@link TextScrubber} removes, each with the marker it leaves. Written for the
 * catalog's Latin-script languages (English, Spanish; Vietnamese and Hmong addresses take the
 * English shape) and measured by {@code script/measure-scrubber}: a change here shows there.
 *
 * <p>What makes a run of words a street: a street type ({@code St}, {@code Blvd}, {@code Calle}),
 * a house number before a direction or a fraction, an ordinal ({@code 6th}), or a capitalised
 * name beside a corner's connector. In text written all in capitals, capitals say nothing, so
 * there a corner needs a street type on one side at least; "BLACK AND WHITE CAT" stays.
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
    /** Words that are never part of a street's name: they join, place or count. */
    private static final String STOP = "(?i:the|a|an|on|at|in|of|to|from|by|near|and|or|for|with|between|is|was|it|its|my|our|his|her"
            + "|their|this|that|there|here|y|con|de|del|la|las|los|el|en|un|una|por|entre|cerca|frente|junto|hay|es|corner|esquina"
            + "|intersection|block|across|past|off|no|not|also|again|all|every|since|after|before|monday|tuesday|wednesday|thursday"
            + "|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december"
            + "|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|am|pm|i|ft|feet|mph)\\b";
    private static final String DIR = "(?:[NSEW]\\b\\.?|(?i:north|south|east|west|norte|sur|oeste)\\b)";
    private static final String ORDINAL = "\\d{1,3}(?i:st|nd|rd|th)\\b";
    /** A capitalised word of a name (Sepulveda, SEPULVEDA, O'Neil) or an ordinal, never a joining word. */
    private static final String NAME = "\\b(?!" + STOP + ")(?:\\p{Lu}[\\p{L}'’-]*|" + ORDINAL + ")";
    /** A Title-case word (Sepulveda, not SEPULVEDA): a proper noun even where no type says it is a street. */
    private static final String TITLE = "\\b(?!" + STOP + ")\\p{Lu}\\p{Ll}[\\p{L}'’-]*";
    /** Any word, for text written all in lower case; a type must then follow. */
    private static final String WORD = "\\b(?!" + STOP + ")\\p{L}[\\p{L}'’-]*";

    /** A street said with its type: "Oxnard St", "W 6th St", "sepulveda blvd", "Calle Olvera", "Av. de la Reforma". */
    private static final String TYPED = "(?:(?:" + DIR + "\\s+)?(?:(?:" + NAME + "\\s+){1,3}|(?:" + WORD + "\\s+){1,2})" + TYPE
            + "|" + TYPE_FIRST + "\\s+(?:(?i:de|del|la|las|los|el)\\s+){0,2}(?:" + NAME + "(?:\\s+" + NAME + "){0,2}|\\d{1,3}\\b))";
    /** The same with its number after it, lower case allowed: "calle olvera 123", "Calle Mayor, 15", "Av. Reforma #222". */
    private static final String NUMBER_AFTER = TYPE_FIRST + "\\s+(?:(?i:de|del|la|las|los|el)\\s+){0,2}(?:" + NAME + "|" + WORD + "|\\d{1,3}\\b)"
            + "(?:\\s+(?:" + NAME + "|" + WORD + ")){0,2}\\s*,?\\s*(?:(?i:#|no\\.?|n[º°o]\\.?|n[úu]mero|số)\\s*)?\\d{1,5}[A-Za-z]?\\b";
    /** A street known by its shape without a type: "S Broadway", "W 6TH", "5th". */
    private static final String SHAPED = "(?:" + DIR + "\\s+" + NAME + "(?:\\s+" + TITLE + ")?|" + ORDINAL + ")";
    /** A street named only: "Sepulveda", "Cesar Chavez". */
    private static final String NAMED = TITLE + "(?:\\s+" + TITLE + "){0,2}";
    private static final String CAPS = "\\p{Lu}{2,}(?:\\s+\\p{Lu}{2,}){0,2}\\b";
    /** Any street on a corner, after a cue that says it is one: up to three words of any case. */
    private static final String CUED = "(?:" + TYPED + "|" + SHAPED + "|(?:" + WORD + "|" + ORDINAL + ")(?:\\s+(?:" + WORD + "|" + ORDINAL + ")){0,2})";

    private static final String JOIN = "(?:\\s*[&/@]\\s*|\\s+(?i:and|y|con|e|esquina(?:\\s+con)?|và)\\s+)";
    private static final String JOIN_AT = "(?:\\s*[&/@]\\s*|\\s+(?i:and|at|y|con|esquina(?:\\s+con)?|và)\\s+)";

    private static final String HOUSE = "\\b\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?\\b(?:\\s+\\d/\\d|\\s*½)?";
    private static final String UNIT = "(?:\\s*,?\\s*(?:#\\s*[\\p{L}\\p{N}-]{1,5}|(?i:apt|apartment|unit|suite|ste|spc|space|rm|room|bldg|building|fl|floor|lot"
            + "|depto|dpto|departamento|piso|int|interior)\\b\\.?\\s*#?\\s*[\\p{L}\\p{N}-]{1,5})\\b)?";

    private static final String PLATE_WORD = "(?i:(?:licen[cs]e\\s+)?plates?|placas?|matr[ií]cula|lic\\.?\\s*(?:#|no\\.?))";
    private static final String PLATE_ANY = "(?:\\p{L}{1,4}[ -]?\\d[\\p{L}\\p{N}]{0,6}|\\d[\\p{L}\\p{N}]{1,7}(?:[ -][\\p{L}\\p{N}]{1,4})?)\\b";
    /**
     * Five to eight capitals and digits, two digits and a letter at least, not a measure ("45MPH", "101ST"): "ZT4016Q",
     * "7ABC123"; or with a hyphen, "ABC-1234". With a space ("ABC 1234") only after "plate", as "THE 405" is a freeway.
     */
    private static final String PLATE_BARE = "\\b(?=[A-Z0-9]{5,8}\\b)(?=[A-Z0-9]*\\d[A-Z0-9]*\\d)(?=[A-Z0-9]*[A-Z])(?!\\d+(?:ST|ND|RD|TH|AM|PM|FT|MPH|LBS|KG|KM|MI|CM|MM|IN|GB|MB|HRS|MIN|YRS)\\b)(?!COVID)[A-Z0-9]+\\b"
            + "|\\b(?:[A-Z]{2,3}-\\d{3,4}|\\d{3}-[A-Z]{3}|\\d[A-Z]{2,3}-\\d{3})\\b";

    private static final String NAME_CUE = "(?:\\b(?:Mr|Mrs|Ms|Mx|Dr|Sr|Sra|Srta|Miss|Don|Doña)\\.?\\s+|(?i:my name is|i am|i'm|this is|me llamo|mi nombre es"
            + "|soy|thanks,?|thank you,?|gracias,?|ask for|pregunte por|preguntar por|call|llame a|llamar a|contact|contacte a|neighbou?r|vecin[oa]"
            + "|landlord|owner|due[ñn][oa]|manager|signed|firmado|atentamente,?|sincerely,?)\\s+)";
    private static final String NOT_A_PERSON = "(?!(?:City|County|Public|Department|Dept|Police|Fire|Sanitation|Council|Office|Animal|Street|Streets|Services"
            + "|Bureau|Water|Power|Parks|Metro|Ciudad|Departamento|Polic[ií]a|Bomberos)\\b)";
    private static final String PERSON = NOT_A_PERSON + "\\p{Lu}\\p{Ll}[\\p{L}'’-]*(?:[ -]\\p{Lu}(?:\\p{Ll}[\\p{L}'’-]*|\\.))?(?:[ -]\\p{Lu}\\p{Ll}[\\p{L}'’-]*)?";

    static final List<Rule> RULES = List.of(
            rule("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.\\p{L}{2,}", "[email]"),
            rule("(?i)\\b(?:https?://|www\\.)\\S+", "[link]"),
            // A corner after a cue: "the corner of Sepulveda and Oxnard", "esquina de Olvera y Cesar Chavez".
            new Rule(Pattern.compile("(?i:corners?\\s+of|intersection\\s+of|esquina\\s+(?:de|con)|cruce\\s+de|intersecci[oó]n\\s+de|góc(?:\\s+đường)?)"
                    + "\\s+(?:(?i:the|la|las|calles?)\\s+)?(" + CUED + JOIN_AT + CUED + ")"), "[address]", 1),
            // A corner by its streets: a typed or shaped street on one side at least ("SEPULVEDA BLVD AT OXNARD ST"),
            // or two proper names joined by and, &, / ("Sepulveda & Oxnard"), never by "at" ("Pothole at Oxnard St").
            rule("(?:" + TYPED + "|" + SHAPED + ")" + JOIN_AT + "(?:" + TYPED + "|" + SHAPED + "|" + NAMED + "|" + CAPS + ")"
                    + "|" + NAMED + JOIN + "(?:" + TYPED + "|" + SHAPED + "|" + NAMED + ")", "[address]"),
            // A house number and its street: "120 Oak St", "653 1/2 N HELIOTROPE DR #4", "6819 S BROADWAY", "Calle Olvera 123";
            // and, as ever, a street whose type comes first, with or without a number: "Calle Mayor".
            rule(HOUSE + "\\s+(?:" + DIR + "\\s+)?(?:(?:" + NAME + "|" + WORD + ")\\s+){1,4}?" + TYPE + UNIT
                    + "|" + HOUSE + "\\s+(?:" + DIR + "\\s+(?:" + TITLE + "(?:\\s+" + TITLE + "){0,2}|" + NAME + ")|" + ORDINAL + ")" + UNIT
                    + "|\\b(?!(?:19|20)\\d\\d\\b)\\d{3,6}\\s+" + TITLE + "(?:\\s+" + TITLE + ")?" + UNIT
                    + "|" + NUMBER_AFTER + UNIT
                    + "|(?:\\b\\d{1,6}\\s+)?" + TYPE_FIRST + "\\s+(?:(?i:de|del|la|las|los|el)\\s+){0,2}" + NAME + "(?:\\s+" + NAME + "){0,2}", "[address]"),
            new Rule(Pattern.compile(PLATE_WORD + "(?:\\s*(?i:number|no\\.?|num\\.?|#|:|is|es|n[úu]mero|de)){0,3}\\s*(" + PLATE_ANY + ")"), "[plate]", 1),
            rule(PLATE_BARE, "[plate]"),
            // Seven or more digits, maybe with a leading + and separators: a phone number.
            rule("\\+?\\(?\\d(?:[\\s().-]*\\d){6,}", "[phone]"),
            // What is left with five or more digits in a row: a zip+4, an account or case number.
            rule("\\b\\d{5,}\\b", "[number]"),
            new Rule(Pattern.compile(NAME_CUE + "(" + PERSON + ")"), "[name]", 1));

    private static Rule rule(String regex, String marker) {
        return new Rule(Pattern.compile(regex), marker, 0);
    }
}
