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

/**
 * The literals of CQL2 text that {@link Cql2Parser} reads: strings, numbers, booleans, TIMESTAMP and
 * DATE instants, and the two geometries Curbside supports, BBOX and POLYGON (WKT, two-dimensional,
 * longitude then latitude, rings closed and at most {@value Cql2Parser#MAX_VERTICES} positions in all).
 */
final class Cql2Literals {

    private final Cql2Tokens tokens;

    Cql2Literals(Cql2Tokens tokens) {
        this.tokens = tokens;
    }

    Filter.Envelope bbox() {
        Token start = tokens.take();
        tokens.expect(Kind.LEFT, "\"(\" after BBOX");
        List<Double> numbers = new ArrayList<>();
        numbers.add(coordinate());
        while (tokens.peek().kind() == Kind.COMMA) {
            tokens.take();
            numbers.add(coordinate());
        }
        tokens.expect(Kind.RIGHT, "\")\" to close BBOX");
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
    Filter.Polygon polygon() {
        tokens.take();
        tokens.expect(Kind.LEFT, "\"(\" after POLYGON");
        List<List<double[]>> rings = new ArrayList<>();
        int vertices = 0;
        do {
            if (!rings.isEmpty()) {
                tokens.take();
            }
            Token ringStart = tokens.expect(Kind.LEFT, "\"(\" to open a ring of the POLYGON");
            List<double[]> ring = new ArrayList<>();
            do {
                if (!ring.isEmpty()) {
                    tokens.take();
                }
                if (++vertices > Cql2Parser.MAX_VERTICES) {
                    throw QueryProblems.filter(tokens.peek().position(),
                            "a POLYGON has at most " + Cql2Parser.MAX_VERTICES + " positions");
                }
                Token at = tokens.peek();
                double lon = coordinate();
                double lat = coordinate();
                if (tokens.peek().kind() == Kind.NUMBER) {
                    throw QueryProblems.filter(tokens.peek().position(), "positions are two-dimensional (longitude latitude)");
                }
                if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
                    throw QueryProblems.filter(at.position(), "the position " + lon + " " + lat
                            + " is not a longitude in [-180, 180] and a latitude in [-90, 90]");
                }
                ring.add(new double[] {lon, lat});
            } while (tokens.peek().kind() == Kind.COMMA);
            tokens.expect(Kind.RIGHT, "\")\" to close the ring of the POLYGON");
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
        } while (tokens.peek().kind() == Kind.COMMA);
        tokens.expect(Kind.RIGHT, "\")\" to close the POLYGON");
        return new Filter.Polygon(rings);
    }

    private double coordinate() {
        Token token = tokens.peek();
        if (token.kind() != Kind.NUMBER) {
            throw QueryProblems.filter(token.position(), "expected a coordinate (a number), found " + token.shown());
        }
        tokens.take();
        double value = Double.parseDouble(token.text());
        if (!Double.isFinite(value)) {
            throw QueryProblems.filter(token.position(), "the coordinate " + token.text() + " is out of range");
        }
        return value;
    }

    Literal literal() {
        Token token = tokens.peek();
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

    Literal literalOrNull() {
        Token token = tokens.peek();
        switch (token.kind()) {
            case STRING -> {
                tokens.take();
                return new Filter.Text(token.text());
            }
            case NUMBER -> {
                tokens.take();
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
                    tokens.take();
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
        Token keyword = tokens.take();
        boolean timestamp = keyword.isWord("TIMESTAMP");
        tokens.expect(Kind.LEFT, "\"(\" after " + keyword.text());
        Token value = tokens.peek();
        if (value.kind() != Kind.STRING) {
            throw QueryProblems.filter(value.position(), keyword.text() + " takes a 'quoted' value, found " + value.shown());
        }
        tokens.take();
        tokens.expect(Kind.RIGHT, "\")\" to close " + keyword.text());
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

    static boolean isLiteralKeyword(Token token) {
        return token.isWord("TRUE") || token.isWord("FALSE") || token.isWord("TIMESTAMP") || token.isWord("DATE")
                || token.isWord("INTERVAL");
    }
}
