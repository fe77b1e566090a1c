package io.curbside.api.opendata.query;

import io.curbside.api.opendata.query.Cql2Lexer.Kind;
import io.curbside.api.opendata.query.Cql2Lexer.Token;
import io.curbside.api.opendata.query.Filter.Literal;
import io.curbside.geo.Bbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads CQL2 text (OGC 21-065, the text encoding) into a {@link Filter}: Basic CQL2 (comparisons,
 * AND/OR/NOT, IS NULL), the advanced comparisons (LIKE, BETWEEN, IN) and S_INTERSECTS with a BBOX or
 * POLYGON. A recursive descent over the standard's grammar, with its precedence (NOT binds tighter than
 * AND, AND tighter than OR) and case-insensitive keywords:
 *
 * <pre>
 * booleanExpression = booleanTerm { "OR" booleanTerm }
 * booleanTerm       = booleanFactor { "AND" booleanFactor }
 * booleanFactor     = [ "NOT" ] booleanPrimary
 * booleanPrimary    = "(" booleanExpression ")" | booleanLiteral | spatialPredicate | comparisonPredicate
 * </pre>
 *
 * Everything else of CQL2 (other spatial and the temporal and array operators, functions,
 * arithmetic, property-to-property comparisons) is refused with the place it begins. The input is
 * bounded in length, nesting, IN-list size and polygon vertices, so no filter can exhaust the stack.
 */
public final class Cql2Parser {

    public static final int MAX_LENGTH = 8_000;
    public static final int MAX_DEPTH = 24;
    public static final int MAX_IN_VALUES = 500;
    public static final int MAX_VERTICES = 1_000;

    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL",
            "TRUE", "FALSE", "TIMESTAMP", "DATE", "INTERVAL", "BBOX", "POLYGON", "POINT", "LINESTRING",
            "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "ENVELOPE", "CASEI", "ACCENTI");

    private final List<Token> tokens;
    private int next;
    private int depth;

    private Cql2Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Filter parse(String text) {
        if (text == null || text.isBlank()) {
            throw QueryProblems.filter(1, "the filter is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw QueryProblems.filter(MAX_LENGTH + 1, "a filter is at most " + MAX_LENGTH + " characters long");
        }
        Cql2Parser parser = new Cql2Parser(Cql2Lexer.tokens(text));
        Filter filter = parser.expression();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw QueryProblems.filter(rest.position(), rest.kind() == Kind.RIGHT
                    ? "this \")\" closes no \"(\"" : "expected AND, OR or the end of the filter, found " + rest.shown());
        }
        return filter;
    }

    private Filter expression() {
        List<Filter> operands = new ArrayList<>();
        operands.add(term());
        while (peek().isWord("OR")) {
            next++;
            operands.add(term());
        }
        return operands.size() == 1 ? operands.get(0) : new Filter.Or(operands);
    }

    private Filter term() {
        List<Filter> operands = new ArrayList<>();
        operands.add(factor());
        while (peek().isWord("AND")) {
            next++;
            operands.add(factor());
        }
        return operands.size() == 1 ? operands.get(0) : new Filter.And(operands);
    }

    private Filter factor() {
        if (peek().isWord("NOT")) {
            Token not = take();
            enter(not);
            Filter operand = factor();
            depth--;
            return new Filter.Not(operand);
        }
        return primary();
    }

    private Filter primary() {
        Token token = peek();
        if (token.kind() == Kind.LEFT) {
            take();
            enter(token);
            Filter inner = expression();
            expect(Kind.RIGHT, "\")\" to close the \"(\" at character " + token.position());
            depth--;
            return inner;
        }
        if (token.isWord("TRUE") || token.isWord("FALSE")) {
            take();
            return new Filter.Constant(token.isWord("TRUE"));
        }
        if (token.kind() == Kind.WORD && peekAt(1).kind() == Kind.LEFT && !isLiteralKeyword(token)) {
            return call(token);
        }
        return comparison();
    }

    /** A name followed by "(": S_INTERSECTS, or something Curbside does not do. */
    private Filter call(Token name) {
        String upper = name.text().toUpperCase(Locale.ROOT);
        if (!upper.equals("S_INTERSECTS")) {
            String what;
            if (upper.startsWith("S_")) {
                what = "the spatial operator " + upper + " is not supported (only S_INTERSECTS)";
            } else if (upper.startsWith("T_")) {
                what = "the temporal operator " + upper + " is not supported (compare with TIMESTAMP or DATE instead)";
            } else if (upper.startsWith("A_")) {
                what = "the array operator " + upper + " is not supported";
            } else {
                what = "functions are not supported (" + name.text() + ")";
            }
            throw QueryProblems.filter(name.position(), what);
        }
        take();
        expect(Kind.LEFT, "\"(\" after S_INTERSECTS");
        Object first = spatialOperand();
        expect(Kind.COMMA, "\",\" between the two operands of S_INTERSECTS");
        Object second = spatialOperand();
        expect(Kind.RIGHT, "\")\" to close S_INTERSECTS");
        if (first instanceof String property && second instanceof Filter.Shape shape) {
            return new Filter.Intersects(property, shape);
        }
        if (second instanceof String property && first instanceof Filter.Shape shape) {
            return new Filter.Intersects(property, shape);
        }
        throw QueryProblems.filter(name.position(),
                "S_INTERSECTS takes one property and one geometry (BBOX or POLYGON)");
    }

    /** A property name (String) or a geometry literal (Shape). */
    private Object spatialOperand() {
        Token token = peek();
        if (token.isWord("BBOX")) {
            return bbox();
        }
        if (token.isWord("POLYGON")) {
            return polygon();
        }
        if (token.kind() == Kind.WORD && RESERVED.contains(token.text().toUpperCase(Locale.ROOT))) {
            throw QueryProblems.filter(token.position(), "the geometry " + token.text().toUpperCase(Locale.ROOT)
                    + " is not supported (only BBOX and POLYGON)");
        }
        return propertyName();
    }

    private Filter.Envelope bbox() {
        Token start = take();
        expect(Kind.LEFT, "\"(\" after BBOX");
        List<Double> numbers = new ArrayList<>();
        numbers.add(coordinate());
        while (peek().kind() == Kind.COMMA) {
            take();
            numbers.add(coordinate());
        }
        expect(Kind.RIGHT, "\")\" to close BBOX");
        if (numbers.size() != 4) {
            throw QueryProblems.filter(start.position(), "a BBOX is four numbers: west, south, east, north"
                    + (numbers.size() == 6 ? " (no heights)" : ", not " + numbers.size()));
        }
        try {
            return new Filter.Envelope(new Bbox(numbers.get(0), numbers.get(1), numbers.get(2), numbers.get(3)));
        } catch (IllegalArgumentException e) {
            throw QueryProblems.filter(start.position(), "this BBOX cannot be used: " + e.getMessage());
        }
    }

    /** POLYGON((x y, x y, ...), (hole ...)): rings of four or more positions, each closed, in lon/lat range. */
    private Filter.Polygon polygon() {
        take();
        expect(Kind.LEFT, "\"(\" after POLYGON");
        List<List<double[]>> rings = new ArrayList<>();
        int vertices = 0;
        do {
            if (!rings.isEmpty()) {
                take();
            }
            Token ringStart = expect(Kind.LEFT, "\"(\" to open a ring of the POLYGON");
            List<double[]> ring = new ArrayList<>();
            do {
                if (!ring.isEmpty()) {
                    take();
                }
                if (++vertices > MAX_VERTICES) {
                    throw QueryProblems.filter(peek().position(), "a POLYGON has at most " + MAX_VERTICES + " positions");
                }
                Token at = peek();
                double lon = coordinate();
                double lat = coordinate();
                if (peek().kind() == Kind.NUMBER) {
                    throw QueryProblems.filter(peek().position(), "positions are two-dimensional (longitude latitude)");
                }
                if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
                    throw QueryProblems.filter(at.position(), "the position " + lon + " " + lat
                            + " is not a longitude in [-180, 180] and a latitude in [-90, 90]");
                }
                ring.add(new double[] {lon, lat});
            } while (peek().kind() == Kind.COMMA);
            expect(Kind.RIGHT, "\")\" to close the ring of the POLYGON");
            if (ring.size() < 4) {
                throw QueryProblems.filter(ringStart.position(), "a ring of a POLYGON has at least four positions");
            }
            double[] first = ring.get(0);
            double[] last = ring.get(ring.size() - 1);
            if (first[0] != last[0] || first[1] != last[1]) {
                throw QueryProblems.filter(ringStart.position(),
                        "a ring of a POLYGON ends where it starts (its last position repeats the first)");
            }
            rings.add(ring);
        } while (peek().kind() == Kind.COMMA);
        expect(Kind.RIGHT, "\")\" to close the POLYGON");
        return new Filter.Polygon(rings);
    }

    private double coordinate() {
        Token token = peek();
        if (token.kind() != Kind.NUMBER) {
            throw QueryProblems.filter(token.position(), "expected a coordinate (a number), found " + token.shown());
        }
        take();
        double value = Double.parseDouble(token.text());
        if (!Double.isFinite(value)) {
            throw QueryProblems.filter(token.position(), "the coordinate " + token.text() + " is out of range");
        }
        return value;
    }

    /** A predicate that starts with a property (or a literal, for a comparison written the other way round). */
    private Filter comparison() {
        Token start = peek();
        if (start.kind() != Kind.WORD && start.kind() != Kind.QUOTED_NAME) {
            Literal literal = literalOrNull();
            if (literal != null && peek().kind() == Kind.OPERATOR) {
                Token operator = take();
                String property = propertyName();
                return new Filter.Compare(property, mirrored(operator(operator)), literal);
            }
            throw QueryProblems.filter(start.position(), "expected a condition (a property, \"(\", NOT, TRUE or FALSE), found "
                    + start.shown());
        }
        if (isLiteralKeyword(start)) {
            Literal literal = literal();
            Token operator = peek();
            if (operator.kind() != Kind.OPERATOR) {
                throw QueryProblems.filter(operator.position(), "expected a comparison operator after " + literal.kind());
            }
            take();
            String property = propertyName();
            return new Filter.Compare(property, mirrored(operator(operator)), literal);
        }
        String property = propertyName();
        Token token = peek();
        if (token.kind() == Kind.OPERATOR) {
            take();
            return new Filter.Compare(property, operator(token), literal());
        }
        boolean negated = false;
        if (token.isWord("NOT")) {
            take();
            negated = true;
            token = peek();
            if (!token.isWord("LIKE") && !token.isWord("BETWEEN") && !token.isWord("IN")) {
                throw QueryProblems.filter(token.position(), "expected LIKE, BETWEEN or IN after NOT, found " + token.shown());
            }
        }
        if (token.isWord("LIKE")) {
            take();
            Token pattern = peek();
            if (pattern.kind() != Kind.STRING) {
                throw QueryProblems.filter(pattern.position(), "LIKE takes a string pattern, found " + pattern.shown());
            }
            take();
            checkPattern(pattern);
            return new Filter.Like(property, pattern.text(), negated);
        }
        if (token.isWord("BETWEEN")) {
            take();
            Literal low = literal();
            expect("AND", "AND between the two bounds of BETWEEN");
            Literal high = literal();
            return new Filter.Between(property, low, high, negated);
        }
        if (token.isWord("IN")) {
            take();
            expect(Kind.LEFT, "\"(\" after IN");
            List<Literal> values = new ArrayList<>();
            do {
                if (!values.isEmpty()) {
                    take();
                }
                if (values.size() == MAX_IN_VALUES) {
                    throw QueryProblems.filter(peek().position(), "an IN list has at most " + MAX_IN_VALUES + " values");
                }
                values.add(literal());
            } while (peek().kind() == Kind.COMMA);
            expect(Kind.RIGHT, "\")\" to close the IN list");
            return new Filter.In(property, values, negated);
        }
        if (token.isWord("IS")) {
            take();
            boolean not = peek().isWord("NOT");
            if (not) {
                take();
            }
            expect("NULL", "NULL after IS" + (not ? " NOT" : ""));
            return new Filter.IsNull(property, not);
        }
        throw QueryProblems.filter(token.position(), "expected a comparison (=, <>, <, >, <=, >=, LIKE, BETWEEN, IN "
                + "or IS NULL) after the property \"" + property + "\", found " + token.shown());
    }

    /** A backslash escapes the next character, so one at the very end escapes nothing. */
    private static void checkPattern(Token pattern) {
        String p = pattern.text();
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) == '\\') {
                if (i + 1 == p.length()) {
                    throw QueryProblems.filter(pattern.position(),
                            "the LIKE pattern ends with \\, which escapes nothing (write \\\\ for a backslash)");
                }
                i++;
            }
        }
    }

    private String propertyName() {
        Token token = peek();
        if (token.kind() == Kind.QUOTED_NAME) {
            take();
            return token.text();
        }
        if (token.kind() == Kind.WORD) {
            String upper = token.text().toUpperCase(Locale.ROOT);
            if (RESERVED.contains(upper)) {
                throw QueryProblems.filter(token.position(), isLiteralKeyword(token)
                        ? "comparisons are between a property and a value, not two values"
                        : "expected a property name, found the keyword " + upper + " (quote a property of that name: \""
                        + token.text() + "\")");
            }
            if (peekAt(1).kind() == Kind.LEFT) {
                throw QueryProblems.filter(token.position(), "functions are not supported (" + token.text() + ")");
            }
            take();
            return token.text();
        }
        throw QueryProblems.filter(token.position(), "expected a property name, found " + token.shown());
    }

    private Literal literal() {
        Token token = peek();
        Literal literal = literalOrNull();
        if (literal == null) {
            if (token.kind() == Kind.WORD || token.kind() == Kind.QUOTED_NAME) {
                throw QueryProblems.filter(token.position(), "comparing two properties is not supported: expected a value, found "
                        + token.shown());
            }
            throw QueryProblems.filter(token.position(), "expected a value (a 'string', a number, TRUE, FALSE, "
                    + "TIMESTAMP('...') or DATE('...')), found " + token.shown());
        }
        return literal;
    }

    private Literal literalOrNull() {
        Token token = peek();
        switch (token.kind()) {
            case STRING -> {
                take();
                return new Filter.Text(token.text());
            }
            case NUMBER -> {
                take();
                try {
                    BigDecimal value = new BigDecimal(token.text());
                    if (Math.abs((long) value.scale()) > 100 || value.precision() > 100) {
                        throw new NumberFormatException();
                    }
                    return new Filter.Number(value);
                } catch (NumberFormatException | ArithmeticException e) {
                    throw QueryProblems.filter(token.position(), "the number " + token.shown() + " is out of range");
                }
            }
            case WORD -> {
                if (token.isWord("TRUE") || token.isWord("FALSE")) {
                    take();
                    return new Filter.Bool(token.isWord("TRUE"));
                }
                if (token.isWord("TIMESTAMP") || token.isWord("DATE")) {
                    return instant();
                }
                if (token.isWord("INTERVAL")) {
                    throw QueryProblems.filter(token.position(), "INTERVAL is not supported (use BETWEEN with two TIMESTAMPs)");
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private Literal instant() {
        Token keyword = take();
        boolean timestamp = keyword.isWord("TIMESTAMP");
        expect(Kind.LEFT, "\"(\" after " + keyword.text());
        Token value = peek();
        if (value.kind() != Kind.STRING) {
            throw QueryProblems.filter(value.position(), keyword.text() + " takes a 'quoted' value, found " + value.shown());
        }
        take();
        expect(Kind.RIGHT, "\")\" to close " + keyword.text());
        if (timestamp) {
            Instant instant = Rfc3339.instant(value.text());
            if (instant == null) {
                throw QueryProblems.filter(value.position(), "TIMESTAMP takes an RFC 3339 date-time with a time zone, "
                        + "such as '2026-03-01T08:00:00Z', not " + value.shown());
            }
            return new Filter.Timestamp(instant);
        }
        LocalDate date = Rfc3339.date(value.text());
        if (date == null) {
            throw QueryProblems.filter(value.position(), "DATE takes a date such as '2026-03-01', not " + value.shown());
        }
        return new Filter.Date(date);
    }

    private boolean isLiteralKeyword(Token token) {
        return token.isWord("TRUE") || token.isWord("FALSE") || token.isWord("TIMESTAMP") || token.isWord("DATE")
                || token.isWord("INTERVAL");
    }

    private static Filter.Operator operator(Token token) {
        return switch (token.text()) {
            case "=" -> Filter.Operator.EQ;
            case "<>" -> Filter.Operator.NE;
            case "<" -> Filter.Operator.LT;
            case ">" -> Filter.Operator.GT;
            case "<=" -> Filter.Operator.LE;
            case ">=" -> Filter.Operator.GE;
            default -> throw QueryProblems.filter(token.position(), "unknown operator " + token.shown());
        };
    }

    /** The operator that says the same with its sides swapped: 5 < x is x > 5. */
    private static Filter.Operator mirrored(Filter.Operator operator) {
        return switch (operator) {
            case LT -> Filter.Operator.GT;
            case GT -> Filter.Operator.LT;
            case LE -> Filter.Operator.GE;
            case GE -> Filter.Operator.LE;
            default -> operator;
        };
    }

    private void enter(Token token) {
        if (++depth > MAX_DEPTH) {
            throw QueryProblems.filter(token.position(), "the filter nests more than " + MAX_DEPTH + " levels deep");
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private Token expect(Kind kind, String what) {
        Token token = peek();
        if (token.kind() != kind) {
            throw QueryProblems.filter(token.position(), "expected " + what + ", found " + token.shown());
        }
        return take();
    }

    private void expect(String keyword, String what) {
        Token token = peek();
        if (!token.isWord(keyword)) {
            throw QueryProblems.filter(token.position(), "expected " + what + ", found " + token.shown());
        }
        take();
    }
}
