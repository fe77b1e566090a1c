package io.curbside.geo.address;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One written form of an address, the USPS one (Publication 28): upper case, no accents or
 * periods, street types and directions abbreviated ({@code North Main Street} is {@code N MAIN ST}),
 * unit designators abbreviated ({@code Apartment 4} is {@code APT 4}, {@code #4} is {@code # 4}).
 * The import stores it and search normalizes what is typed with it, so the two compare equal
 * whichever way either was written.
 */
public final class AddressNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Periods go (N.E. is NE, St. is ST); other punctuation separates words. */
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}#/½¼¾ -]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final Map<String, String> DIRECTIONS = Map.ofEntries(
            Map.entry("NORTH", "N"), Map.entry("SOUTH", "S"), Map.entry("EAST", "E"), Map.entry("WEST", "W"),
            Map.entry("NORTHEAST", "NE"), Map.entry("NORTHWEST", "NW"), Map.entry("SOUTHEAST", "SE"),
            Map.entry("SOUTHWEST", "SW"));
    private static final Set<String> DIRECTION_ABBREVIATIONS = Set.copyOf(DIRECTIONS.values());

    /** USPS Publication 28, appendix C1: the standard abbreviation, then the common other spellings. */
    private static final String[][] STREET_TYPES = {
            {"ALY", "ALLEY", "ALLEE", "ALLY"}, {"AVE", "AVENUE", "AV", "AVEN", "AVENU", "AVN", "AVNUE"},
            {"BND", "BEND"}, {"BLVD", "BOULEVARD", "BOUL", "BOULV"}, {"BRG", "BRIDGE", "BRDGE"},
            {"BYP", "BYPASS", "BYPA", "BYPAS", "BYPS"}, {"CSWY", "CAUSEWAY", "CAUSWA"}, {"CTR", "CENTER", "CENTRE", "CEN", "CENT", "CNTR"},
            {"CIR", "CIRCLE", "CIRC", "CIRCL", "CRCL", "CRCLE"}, {"CT", "COURT"}, {"CV", "COVE"},
            {"CRK", "CREEK"}, {"CRES", "CRESCENT", "CRSENT", "CRSNT"}, {"XING", "CROSSING", "CRSSNG"},
            {"DR", "DRIVE", "DRIV", "DRV"}, {"EST", "ESTATE"}, {"ESTS", "ESTATES"},
            {"EXPY", "EXPRESSWAY", "EXP", "EXPR", "EXPRESS", "EXPW"}, {"FRY", "FERRY"}, {"FLD", "FIELD"},
            {"FRST", "FOREST"}, {"FWY", "FREEWAY", "FREEWY", "FRWAY", "FRWY"}, {"GDNS", "GARDENS"},
            {"GLN", "GLEN"}, {"GRN", "GREEN"}, {"GRV", "GROVE", "GROV"}, {"HBR", "HARBOR"},
            {"HTS", "HEIGHTS", "HT"}, {"HWY", "HIGHWAY", "HIGHWY", "HIWAY", "HIWY", "HWAY"}, {"HL", "HILL"},
            {"HOLW", "HOLLOW", "HLLW", "HOLLOWS", "HOLWS"}, {"IS", "ISLAND", "ISLND"}, {"JCT", "JUNCTION", "JCTION", "JUNCTN"},
            {"KNL", "KNOLL", "KNOL"}, {"LK", "LAKE"}, {"LNDG", "LANDING", "LNDNG"}, {"LN", "LANE"},
            {"LOOP", "LOOPS"}, {"MNR", "MANOR"}, {"MDWS", "MEADOWS", "MDW", "MEDOWS"}, {"ML", "MILL"},
            {"MT", "MOUNT", "MNT"}, {"ORCH", "ORCHARD", "ORCHRD"}, {"OVAL", "OVL"}, {"PARK", "PRK"},
            {"PKWY", "PARKWAY", "PARKWY", "PKWAY", "PKY"}, {"PASS"}, {"PATH", "PATHS"}, {"PIKE", "PIKES"},
            {"PNES", "PINES"}, {"PL", "PLACE"}, {"PLNS", "PLAINS"}, {"PLZ", "PLAZA", "PLZA"}, {"PT", "POINT"},
            {"RDG", "RIDGE", "RDGE"}, {"RD", "ROAD"}, {"RTE", "ROUTE"}, {"ROW"}, {"RUN"},
            {"SPG", "SPRING", "SPNG", "SPRNG"}, {"SQ", "SQUARE", "SQR", "SQRE", "SQU"}, {"STA", "STATION", "STATN", "STN"},
            {"ST", "STREET", "STRT", "STR"}, {"SMT", "SUMMIT", "SUMIT", "SUMITT"}, {"TER", "TERRACE", "TERR"},
            {"TRCE", "TRACE", "TRACES"}, {"TRL", "TRAIL", "TRAILS", "TRLS"}, {"TUNL", "TUNNEL", "TUNEL", "TUNLS", "TUNNELS"},
            {"TPKE", "TURNPIKE", "TRNPK", "TURNPK"}, {"VLY", "VALLEY", "VALLY", "VLLY"}, {"VW", "VIEW"},
            {"VLG", "VILLAGE", "VILL", "VILLAG", "VILLG"}, {"VIS", "VISTA", "VIST", "VST", "VSTA"},
            {"WALK", "WALKS"}, {"WAY", "WY"}, {"WLS", "WELLS"}};
    private static final Map<String, String> TYPES = new HashMap<>();

    /** USPS Publication 28, appendix C2: secondary unit designators. */
    private static final Map<String, String> UNIT_DESIGNATORS = Map.ofEntries(
            Map.entry("APARTMENT", "APT"), Map.entry("APT", "APT"), Map.entry("UNIT", "UNIT"),
            Map.entry("SUITE", "STE"), Map.entry("STE", "STE"), Map.entry("#", "#"), Map.entry("NO", "#"),
            Map.entry("NUMBER", "#"), Map.entry("BUILDING", "BLDG"), Map.entry("BLDG", "BLDG"),
            Map.entry("FLOOR", "FL"), Map.entry("FL", "FL"), Map.entry("ROOM", "RM"), Map.entry("RM", "RM"),
            Map.entry("SPACE", "SPC"), Map.entry("SPC", "SPC"), Map.entry("LOT", "LOT"), Map.entry("OFFICE", "OFC"),
            Map.entry("OFC", "OFC"), Map.entry("DEPARTMENT", "DEPT"), Map.entry("DEPT", "DEPT"),
            Map.entry("TRAILER", "TRLR"), Map.entry("TRLR", "TRLR"), Map.entry("PENTHOUSE", "PH"), Map.entry("PH", "PH"),
            Map.entry("BASEMENT", "BSMT"), Map.entry("BSMT", "BSMT"), Map.entry("REAR", "REAR"), Map.entry("FRONT", "FRNT"),
            Map.entry("FRNT", "FRNT"), Map.entry("UPPER", "UPPR"), Map.entry("UPPR", "UPPR"), Map.entry("LOWER", "LOWR"),
            Map.entry("LOWR", "LOWR"), Map.entry("HANGAR", "HNGR"), Map.entry("PIER", "PIER"), Map.entry("SLIP", "SLIP"));
    /** Designators that need no identifier ("REAR", not "REAR 2"). */
    private static final Set<String> ALONE = Set.of("REAR", "FRNT", "UPPR", "LOWR", "BSMT", "PH", "LBBY");

    static {
        for (String[] row : STREET_TYPES) {
            for (String spelling : row) {
                TYPES.put(spelling, row[0]);
            }
        }
    }

    private AddressNormalizer() {
    }

    /** Upper case, no accents (é is E, ß is SS), no periods, single spaces: the base of every form. */
    public static String plain(String raw) {
        String decomposed = Normalizer.normalize(raw, Normalizer.Form.NFD);
        String upper = MARKS.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT).replace(".", "")
                .replace("'", "").replace("’", "");
        return SPACES.matcher(SEPARATORS.matcher(upper).replaceAll(" ")).replaceAll(" ").trim();
    }

    /** The street's form: {@code N MAIN ST}; a direction or type that is the name itself stays ({@code NORTH ST}). */
    public static String street(String raw) {
        List<String> words = new ArrayList<>(Arrays.asList(plain(raw).replace('#', ' ').trim().split(" ")));
        words.removeIf(String::isEmpty);
        return String.join(" ", abbreviated(words));
    }

    private static List<String> abbreviated(List<String> words) {
        int n = words.size();
        String[] out = words.toArray(String[]::new);
        if (n < 2) {
            return List.of(out);
        }
        int last = n - 1;
        // A trailing direction ("MAIN ST NORTH") when something besides it names the street.
        if (isDirection(words.get(last)) && n > 2) {
            out[last] = DIRECTIONS.getOrDefault(words.get(last), words.get(last));
            last--;
        }
        boolean typed = false;
        if (TYPES.containsKey(words.get(last)) && last > 0) {
            out[last] = TYPES.get(words.get(last));
            typed = true;
        }
        // A leading direction, unless it is the name ("NORTH ST", "WEST END"): then the rest is only a type or one word.
        int nameWords = last + 1 - (typed ? 1 : 0);
        if (isDirection(words.get(0)) && nameWords > 1) {
            out[0] = DIRECTIONS.getOrDefault(words.get(0), words.get(0));
        }
        return List.of(out);
    }

    private static boolean isDirection(String word) {
        return DIRECTIONS.containsKey(word) || DIRECTION_ABBREVIATIONS.contains(word);
    }

    /**
     * The name a resident is surest of: a normalized street without its directions and type
     * ({@code N MAIN ST} is {@code MAIN}); the street itself when nothing else would be left.
     */
    public static String core(String normalizedStreet) {
        List<String> words = new ArrayList<>(Arrays.asList(normalizedStreet.split(" ")));
        words.removeIf(String::isEmpty);
        if (words.size() > 1 && DIRECTION_ABBREVIATIONS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        if (words.size() > 1 && words.get(words.size() - 1).equals(TYPES.get(words.get(words.size() - 1)))) {
            words.remove(words.size() - 1);
        }
        if (words.size() > 1 && DIRECTION_ABBREVIATIONS.contains(words.get(0))) {
            words.remove(0);
        }
        return words.isEmpty() ? normalizedStreet : String.join(" ", words);
    }

    /** Whether the word is a street type in any USPS spelling (STREET, ST, STR ...). */
    public static boolean isStreetType(String word) {
        return TYPES.containsKey(word);
    }

    /** Whether the word is a unit designator (APT, APARTMENT, UNIT, STE, # ...). */
    public static boolean isUnitDesignator(String word) {
        return UNIT_DESIGNATORS.containsKey(word);
    }

    /**
     * The unit's form: {@code APT 4}, {@code STE 200}, {@code REAR}; an identifier without a designator
     * is {@code # 4}, as USPS writes it; empty for none.
     */
    public static String unit(String raw) {
        if (raw == null) {
            return "";
        }
        String text = plain(raw).replaceAll("#(?=\\S)", "# ").replaceAll("^([A-Z]+)-(?=\\S)", "$1 ");
        if (text.isEmpty()) {
            return "";
        }
        String[] words = text.split(" ");
        String designator = UNIT_DESIGNATORS.get(words[0]);
        if (designator == null) {
            return "# " + String.join("", words).replace("#", "");
        }
        String identifier = String.join("", Arrays.asList(words).subList(1, words.length)).replace("#", "");
        if (identifier.isEmpty()) {
            return ALONE.contains(designator) ? designator : "";
        }
        return designator + " " + identifier;
    }

    /** The unit's identifier, what "APT 4", "UNIT 4" and "#4" share: {@code 4}; empty for none. */
    public static String unitIdentifier(String normalizedUnit) {
        int space = normalizedUnit.lastIndexOf(' ');
        return space < 0 ? normalizedUnit : normalizedUnit.substring(space + 1);
    }

    /** The whole address's form: {@code 12A N MAIN ST APT 4}. */
    public static String full(HouseNumber number, String normalizedStreet, String normalizedUnit) {
        String address = number.text() + " " + normalizedStreet;
        return normalizedUnit.isEmpty() ? address : address + " " + normalizedUnit;
    }
}
