package io.curbside.api.opendata.query;

import io.curbside.api.opendata.query.Filter.And;
import io.curbside.api.opendata.query.Filter.Compare;
import io.curbside.api.opendata.query.Filter.Not;
import io.curbside.api.opendata.query.Filter.Operator;
import io.curbside.api.opendata.query.Filter.Or;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.geo.Bbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CQL2 text grammar: precedence, every operator and literal, quoting, and every refusal with its place. */
class Cql2ParserTest {

    private static Compare eq(String property, String value) {
        return new Compare(property, Operator.EQ, new Filter.Text(value));
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        Filter filter = Cql2Parser.parse("NOT a = 'x' AND b = 'y' OR c = 'z'");
        assertEquals(new Or(List.of(new And(List.of(new Not(eq("a", "x")), eq("b", "y"))), eq("c", "z"))), filter);
    }

    @Test
    void orOnTheLeftStillLosesToAnd() {
        assertEquals(new Or(List.of(eq("a", "x"), new And(List.of(eq("b", "y"), eq("c", "z"))))),
                Cql2Parser.parse("a = 'x' OR b = 'y' AND c = 'z'"));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertEquals(new And(List.of(new Or(List.of(eq("a", "x"), eq("b", "y"))), eq("c", "z"))),
                Cql2Parser.parse("(a = 'x' OR b = 'y') AND c = 'z'"));
        assertEquals(new Not(new Or(List.of(eq("a", "x"), eq("b", "y")))), Cql2Parser.parse("NOT (a = 'x' OR b = 'y')"));
    }

    @Test
    void chainsOfAndAreOneNodeNotADeepTree() {
        Filter filter = Cql2Parser.parse("a='1' AND a='2' AND a='3' AND a='4'");
        assertEquals(4, ((And) filter).operands().size());
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertEquals(Cql2Parser.parse("NOT a IS NULL AND b LIKE 'x%' OR c IN ('1') AND d BETWEEN 1 AND 2"),
                Cql2Parser.parse("not a is null and b like 'x%' or c in ('1') and d between 1 and 2"));
        assertEquals(Cql2Parser.parse("S_INTERSECTS(geometry, BBOX(1, 2, 3, 4))"),
                Cql2Parser.parse("s_intersects(geometry, bbox(1, 2, 3, 4))"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"=|EQ", "<>|NE", "<|LT", ">|GT", "<=|LE", ">=|GE"})
    void everyComparisonOperator(String operator, Operator expected) {
        assertEquals(new Compare("me_too_count", expected, new Filter.Number(new BigDecimal("3"))),
                Cql2Parser.parse("me_too_count" + operator + "3"));
    }

    @Test
    void aLiteralOnTheLeftIsTurnedAround() {
        assertEquals(new Compare("me_too_count", Operator.GT, new Filter.Number(new BigDecimal("3"))),
                Cql2Parser.parse("3 < me_too_count"));
        assertEquals(new Compare("received_at", Operator.LE, new Filter.Timestamp(Instant.parse("2026-01-01T00:00:00Z"))),
                Cql2Parser.parse("TIMESTAMP('2026-01-01T00:00:00Z') >= received_at"));
    }

    @Test
    void literals() {
        assertEquals(new Compare("n", Operator.EQ, new Filter.Number(new BigDecimal("-1.5e3"))), Cql2Parser.parse("n = -1.5e3"));
        assertEquals(new Compare("n", Operator.EQ, new Filter.Number(new BigDecimal(".5"))), Cql2Parser.parse("n = .5"));
        assertEquals(new Compare("b", Operator.EQ, new Filter.Bool(false)), Cql2Parser.parse("b = FALSE"));
        assertEquals(new Compare("t", Operator.LT, new Filter.Timestamp(Instant.parse("2026-03-01T07:00:00Z"))),
                Cql2Parser.parse("t < TIMESTAMP('2026-03-01T08:00:00+01:00')"));
        assertEquals(new Compare("t", Operator.LT, new Filter.Timestamp(Instant.parse("2026-03-01T08:00:00.250Z"))),
                Cql2Parser.parse("t < timestamp('2026-03-01t08:00:00.25z')"));
        assertEquals(new Compare("t", Operator.GE, new Filter.Date(LocalDate.of(2026, 2, 28))),
                Cql2Parser.parse("t >= DATE('2026-02-28')"));
        assertEquals(new Filter.Constant(true), Cql2Parser.parse("TRUE"));
        assertEquals(new Compare("on_time", Operator.EQ, new Filter.Bool(true)), Cql2Parser.parse("TRUE = on_time"));
        assertEquals(new And(List.of(new Filter.Constant(false), eq("a", "b"))), Cql2Parser.parse("false and a='b'"));
    }

    @Test
    void stringsDoubleTheirQuoteAndKeepEverythingElse() {
        assertEquals(eq("address", "O'Brien St"), Cql2Parser.parse("address = 'O''Brien St'"));
        assertEquals(eq("address", ""), Cql2Parser.parse("address = ''"));
        assertEquals(eq("d", "a \"b\" -- /* c */ ; DROP TABLE x; \\"), Cql2Parser.parse("d = 'a \"b\" -- /* c */ ; DROP TABLE x; \\'"));
        assertEquals(eq("d", "Phố Hàng Bạc 🚧 东"), Cql2Parser.parse("d = 'Phố Hàng Bạc 🚧 东'"));
    }

    @Test
    void propertyNamesMayBeDoubleQuotedEvenWhenTheyAreKeywords() {
        assertEquals(eq("status", "open"), Cql2Parser.parse("\"status\" = 'open'"));
        assertEquals(eq("and", "x"), Cql2Parser.parse("\"and\" = 'x'"));
        assertEquals(eq("odd \"name\"", "x"), Cql2Parser.parse("\"odd \"\"name\"\"\" = 'x'"));
        assertEquals(eq("ns:prop.part", "x"), Cql2Parser.parse("ns:prop.part = 'x'"));
    }

    @Test
    void likeBetweenInIsNullAndTheirNegations() {
        assertEquals(new Filter.Like("description", "pot%_\\%", false), Cql2Parser.parse("description LIKE 'pot%_\\%'"));
        assertEquals(new Filter.Like("description", "x%", true), Cql2Parser.parse("description NOT LIKE 'x%'"));
        Filter.Number one = new Filter.Number(BigDecimal.ONE);
        Filter.Number two = new Filter.Number(new BigDecimal("2"));
        assertEquals(new Filter.Between("n", one, two, false), Cql2Parser.parse("n BETWEEN 1 AND 2"));
        assertEquals(new Filter.Between("n", one, two, true), Cql2Parser.parse("n NOT BETWEEN 1 AND 2"));
        assertEquals(new And(List.of(new Filter.Between("n", one, two, false), eq("a", "b"))),
                Cql2Parser.parse("n BETWEEN 1 AND 2 AND a = 'b'"), "the AND of BETWEEN is its own");
        assertEquals(new Filter.In("s", List.of(new Filter.Text("a"), new Filter.Text("b")), false),
                Cql2Parser.parse("s IN ('a', 'b')"));
        assertEquals(new Filter.In("s", List.of(new Filter.Text("a")), true), Cql2Parser.parse("s NOT IN ('a')"));
        assertEquals(new Filter.IsNull("closed_at", false), Cql2Parser.parse("closed_at IS NULL"));
        assertEquals(new Filter.IsNull("closed_at", true), Cql2Parser.parse("closed_at IS NOT NULL"));
    }

    @Test
    void sIntersectsWithABboxOrAPolygonEitherWayRound() {
        assertEquals(new Filter.Intersects("geometry", new Filter.Envelope(new Bbox(-73.6, 40.7, -73.5, 40.8))),
                Cql2Parser.parse("S_INTERSECTS(geometry, BBOX(-73.6, 40.7, -73.5, 40.8))"));
        Filter.Intersects polygon = (Filter.Intersects) Cql2Parser.parse(
                "S_INTERSECTS(POLYGON((0 0, 1 0, 1 1, 0 1, 0 0), (0.2 0.2, 0.3 0.2, 0.3 0.3, 0.2 0.2)), geometry)");
        assertEquals("geometry", polygon.property());
        List<List<double[]>> rings = ((Filter.Polygon) polygon.shape()).rings();
        assertEquals(2, rings.size());
        assertArrayEquals(new double[] {1, 0}, rings.get(0).get(1));
        assertEquals(4, rings.get(1).size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "empty                               | `   `                                           | 1  | empty",
        "trailing garbage                    | a = 'x' b                                       | 9  | expected AND, OR",
        "unbalanced close                    | a = 'x')                                        | 8  | closes no",
        "unclosed paren                      | (a = 'x'                                        | 9  | to close the \"(\" at character 1",
        "unclosed string                     | a = 'x                                          | 5  | never closed",
        "missing operator                    | status 'open'                                   | 8  | expected a comparison",
        "not before something else           | a NOT = 'x'                                     | 7  | expected LIKE, BETWEEN or IN after NOT",
        "like needs a string                 | a LIKE 5                                        | 8  | LIKE takes a string",
        "pattern ends with backslash         | a LIKE 'x\\'                                    | 8  | escapes nothing",
        "between needs and                   | n BETWEEN 1 OR 2                                | 13 | AND between the two bounds",
        "is without null                     | a IS 'x'                                        | 6  | NULL after IS",
        "two properties                      | a = b                                           | 5  | comparing two properties",
        "two literals                        | 1 = 2                                           | 5  | expected a property name",
        "keyword as name                     | IN = 'x'                                        | 1  | keyword IN",
        "function                            | CASEI(status) = 'x'                             | 1  | functions are not supported (CASEI)",
        "function on the right               | status = upper('x')                             | 10 | expected a value",
        "other spatial op                    | S_WITHIN(geometry, BBOX(0,0,1,1))               | 1  | S_WITHIN is not supported (only S_INTERSECTS)",
        "temporal op                         | T_AFTER(received_at, TIMESTAMP('2026-01-01T00:00:00Z')) | 1 | temporal operator T_AFTER",
        "array op                            | A_CONTAINS(district, ('x'))                     | 1  | array operator A_CONTAINS",
        "arithmetic                          | n + 1 > 2                                       | 3  | arithmetic",
        "arithmetic times                    | n * 2 > 2                                       | 3  | arithmetic",
        "array literal                       | district = ['x']                                | 12 | arrays are not supported",
        "sql comment                         | a = 'x' -- comment                              | 9  | arithmetic",
        "semicolon                           | a = 'x'; DROP TABLE t                           | 8  | cannot start anything",
        "interval                            | t = INTERVAL('a','b')                           | 5  | INTERVAL is not supported",
        "bad timestamp                       | t = TIMESTAMP('2026-01-01')                     | 15 | RFC 3339",
        "timestamp without zone              | t = TIMESTAMP('2026-01-01T00:00:00')            | 15 | RFC 3339",
        "february 30                         | t = DATE('2026-02-30')                          | 10 | DATE takes a date",
        "point geometry                      | S_INTERSECTS(geometry, POINT(1 2))              | 24 | geometry POINT is not supported",
        "bbox with three numbers             | S_INTERSECTS(geometry, BBOX(1, 2, 3))           | 24 | four numbers",
        "bbox with heights                   | S_INTERSECTS(geometry, BBOX(1, 2, 0, 3, 4, 9))  | 24 | no heights",
        "bbox upside down                    | S_INTERSECTS(geometry, BBOX(0, 10, 1, 5))       | 24 | north of maximum latitude",
        "bbox across the antimeridian        | S_INTERSECTS(geometry, BBOX(170, 0, -170, 5))   | 24 | antimeridian",
        "bbox latitude out of range          | S_INTERSECTS(geometry, BBOX(0, -91, 1, 5))      | 24 | outside [-90, 90]",
        "two geometries                      | S_INTERSECTS(BBOX(0,0,1,1), BBOX(0,0,1,1))      | 1  | one property and one geometry",
        "open ring                           | S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))  | 32 | ends where it starts",
        "short ring                          | S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 0 0)))       | 32 | at least four",
        "polygon out of range                | S_INTERSECTS(geometry, POLYGON((0 0, 181 0, 1 1, 0 0)))  | 38 | not a longitude in [-180, 180]",
        "polygon with z                      | S_INTERSECTS(geometry, POLYGON((0 0 1, 1 0 1, 1 1 1, 0 0 1)))  | 37 | two-dimensional",
        "unquoted unicode                    | straße = 'x'                                    | 5  | U+00DF",
        "nul in a string                     | a = 'x\u0000'                                   | 7  | U+0000",
        "number glued to a word              | n = 12abc                                       | 5  | is not a number",
        "empty quoted name                   | \"\" = 'x'                                      | 1  | cannot be empty",
    })
    void refusalsNameWhatIsWrongAndWhere(String what, String filter, int position, String words) {
        ProblemException e = assertThrows(ProblemException.class, () -> Cql2Parser.parse(filter.replace("\\u0000", "\0")), what);
        assertEquals(ProblemType.INVALID_FILTER, e.type());
        assertTrue(e.getMessage().contains("at character " + position + ":"), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(words), what + ": " + e.getMessage());
        assertEquals("filter", e.violations().get(0).getField());
    }

    @Test
    void aLoneSurrogateInAStringIsRefused() {
        ProblemException e = assertThrows(ProblemException.class, () -> Cql2Parser.parse("a = 'x\uD800y'"));
        assertTrue(e.getMessage().contains("U+D800"), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "(".repeat(Cql2Parser.MAX_DEPTH + 1) + "a = 'x'" + ")".repeat(Cql2Parser.MAX_DEPTH + 1);
        ProblemException e = assertThrows(ProblemException.class, () -> Cql2Parser.parse(deep));
        assertTrue(e.getMessage().contains("nests more than " + Cql2Parser.MAX_DEPTH), e.getMessage());
        String nots = "NOT ".repeat(Cql2Parser.MAX_DEPTH + 1) + "a = 'x'";
        assertThrows(ProblemException.class, () -> Cql2Parser.parse(nots));
        String atTheLimit = "(".repeat(Cql2Parser.MAX_DEPTH) + "a = 'x'" + ")".repeat(Cql2Parser.MAX_DEPTH);
        assertEquals(eq("a", "x"), Cql2Parser.parse(atTheLimit));
        String hostile = "(".repeat(Cql2Parser.MAX_LENGTH);
        assertThrows(ProblemException.class, () -> Cql2Parser.parse(hostile));
    }

    @Test
    void longInputsAreBounded() {
        ProblemException tooLong = assertThrows(ProblemException.class,
                () -> Cql2Parser.parse("a = '" + "x".repeat(Cql2Parser.MAX_LENGTH) + "'"));
        assertTrue(tooLong.getMessage().contains("at most " + Cql2Parser.MAX_LENGTH + " characters"), tooLong.getMessage());
        String longString = "a = '" + "x".repeat(Cql2Parser.MAX_LENGTH - 6) + "'";
        assertEquals(Cql2Parser.MAX_LENGTH - 6, ((Filter.Text) ((Compare) Cql2Parser.parse(longString)).value()).value().length());
        StringBuilder many = new StringBuilder("a = '0'");
        while (many.length() < Cql2Parser.MAX_LENGTH - 20) {
            many.append(" OR a = '0'");
        }
        assertTrue(((Or) Cql2Parser.parse(many.toString())).operands().size() > 500, "a long flat chain parses");
        assertThrows(ProblemException.class, () -> Cql2Parser.parse("n = 1e999999999"), "a number out of every range");
    }

    @Test
    void inListsAndPolygonsAreBounded() {
        String values = String.join(",", java.util.Collections.nCopies(Cql2Parser.MAX_IN_VALUES + 1, "1"));
        ProblemException e = assertThrows(ProblemException.class, () -> Cql2Parser.parse("n IN (" + values + ")"));
        assertTrue(e.getMessage().contains("at most " + Cql2Parser.MAX_IN_VALUES + " values"), e.getMessage());
        String fine = String.join(",", java.util.Collections.nCopies(Cql2Parser.MAX_IN_VALUES, "1"));
        assertEquals(Cql2Parser.MAX_IN_VALUES, ((Filter.In) Cql2Parser.parse("n IN (" + fine + ")")).values().size());

        String ring = "0 0, ".repeat(Cql2Parser.MAX_VERTICES) + "0 0";
        ProblemException polygon = assertThrows(ProblemException.class,
                () -> Cql2Parser.parse("S_INTERSECTS(geometry, POLYGON((" + ring + ")))"));
        assertTrue(polygon.getMessage().contains("at most " + Cql2Parser.MAX_VERTICES + " positions"), polygon.getMessage());
    }

    @Test
    void randomTokenSoupIsReadOrRefusedAsAFilterProblemNeverAnythingElse() {
        String[] pieces = {"(", ")", "(", ")", ",", "'", "''", "\"", "=", "<", ">", "<>", "<=", ">=", " ", " ", " ", "AND", "OR",
            "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL", "TRUE", "FALSE", "TIMESTAMP", "DATE", "S_INTERSECTS", "BBOX",
            "POLYGON", "status", "geometry", "'open'", "'2026-03-01'", "1", "-2.5", "1e3", "0 0", "1 1", "%", "_", "\\",
            "-", "+", "*", "/", ";", "--", "é", "\u0000", "\uD800", "🚧", "[", "]", ".", ":"};
        java.util.Random random = new java.util.Random(311);
        int read = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(25);
            for (int j = 0; j < length; j++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            try {
                Cql2Parser.parse(text.toString());
                read++;
            } catch (ProblemException e) {
                assertEquals(ProblemType.INVALID_FILTER, e.type(), text.toString());
                assertTrue(e.getMessage().matches("(?s)The filter cannot be used, at character \\d+: .+\\."), e.getMessage());
            }
        }
        assertTrue(read > 0, "some of the soup is a filter");
    }

    @Test
    void filtersWrittenFromRandomTreesReadBackToTheSameTree() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 2_000; i++) {
            Filter tree = randomTree(random, 0);
            assertEquals(tree, Cql2Parser.parse(write(tree)), write(tree));
        }
    }

    private static Filter randomTree(java.util.Random random, int depth) {
        int pick = random.nextInt(depth > 4 ? 5 : 9);
        List<String> names = List.of("status", "me_too_count", "received_at", "\"and\"", "ns:x.y");
        String name = names.get(random.nextInt(names.size())).replace("\"", "");
        Filter.Literal literal = switch (random.nextInt(4)) {
            case 0 -> new Filter.Text("it's " + random.nextInt(100));
            case 1 -> new Filter.Number(BigDecimal.valueOf(random.nextInt(2000) - 1000, random.nextInt(3)));
            case 2 -> new Filter.Bool(random.nextBoolean());
            default -> new Filter.Timestamp(Instant.ofEpochSecond(random.nextInt(2_000_000_000)));
        };
        return switch (pick) {
            case 0 -> new Compare(name, Operator.values()[random.nextInt(6)], literal);
            case 1 -> new Filter.Like(name, "%a\\_" + random.nextInt(9) + "%", random.nextBoolean());
            case 2 -> new Filter.In(name, List.of(literal, literal), random.nextBoolean());
            case 3 -> new Filter.IsNull(name, random.nextBoolean());
            case 4 -> new Filter.Between(name, literal, literal, random.nextBoolean());
            case 5 -> new Not(randomTree(random, depth + 1));
            case 6 -> new And(List.of(randomTree(random, depth + 1), randomTree(random, depth + 1)));
            case 7 -> new Or(List.of(randomTree(random, depth + 1), randomTree(random, depth + 1)));
            default -> new Filter.Intersects("geometry", new Filter.Envelope(new Bbox(-1, -2, random.nextInt(90), 3)));
        };
    }

    /** CQL2 text for a tree, every compound in parentheses, as a client would write it. */
    private static String write(Filter filter) {
        if (filter instanceof And and) {
            return "(" + write(and.operands().get(0)) + " AND " + write(and.operands().get(1)) + ")";
        }
        if (filter instanceof Or or) {
            return "(" + write(or.operands().get(0)) + " or " + write(or.operands().get(1)) + ")";
        }
        if (filter instanceof Not not) {
            return "NOT " + write(not.operand());
        }
        if (filter instanceof Compare c) {
            return name(c.property()) + " " + c.operator().sql() + " " + write(c.value());
        }
        if (filter instanceof Filter.Like like) {
            return name(like.property()) + (like.negated() ? " NOT" : "") + " LIKE '" + like.pattern() + "'";
        }
        if (filter instanceof Filter.In in) {
            return name(in.property()) + (in.negated() ? " NOT" : "") + " IN (" + write(in.values().get(0)) + ","
                    + write(in.values().get(1)) + ")";
        }
        if (filter instanceof Filter.IsNull isNull) {
            return name(isNull.property()) + " IS " + (isNull.negated() ? "NOT " : "") + "NULL";
        }
        if (filter instanceof Filter.Between b) {
            return name(b.property()) + (b.negated() ? " NOT" : "") + " BETWEEN " + write(b.low()) + " AND " + write(b.high());
        }
        Bbox box = ((Filter.Envelope) ((Filter.Intersects) filter).shape()).box();
        return "S_INTERSECTS(geometry, BBOX(" + box.minLon() + "," + box.minLat() + "," + box.maxLon() + "," + box.maxLat() + "))";
    }

    private static String name(String property) {
        return property.equals("and") ? "\"and\"" : property;
    }

    private static String write(Filter.Literal literal) {
        if (literal instanceof Filter.Text t) {
            return "'" + t.value().replace("'", "''") + "'";
        }
        if (literal instanceof Filter.Number n) {
            return n.value().toString();
        }
        if (literal instanceof Filter.Bool b) {
            return b.value() ? "true" : "FALSE";
        }
        return "TIMESTAMP('" + ((Filter.Timestamp) literal).value() + "')";
    }
}
