package io.curbside.api.opendata.query;

import io.curbside.api.opendata.query.Cql2Lexer.Kind;
import io.curbside.api.opendata.query.Cql2Lexer.Token;
import io.curbside.api.opendata.query.Filter.Literal;

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

    private final Cql2Tokens tokens;
    private final Cql2Literals literals;
    private int depth;

    private Cql2Parser(List<Token> tokens) {
        this.tokens = new Cql2Tokens(tokens);
        this.literals = new Cql2Literals(this.tokens);
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
        Token rest = parser.tokens.peek();
        if (rest.kind() != Kind.END) {
            throw QueryProblems.filter(rest.position(), rest.kind() == Kind.RIGHT
                    ? "this \")\" closes no \"(\"" : "expected AND, OR or the end of the filter, found " + rest.shown());
        }
        return filter;
    }

    private Filter expression() {
        List<Filter> operands = new ArrayList<>();
        operands.add(term());
        while (tokens.peek().isWord("OR")) {
            tokens.take();
            operands.add(term());
        }
        return operands.size() == 1 ? operands.get(0) : new Filter.Or(operands);
    }

    private Filter term() {
        List<Filter> operands = new ArrayList<>();
        operands.add(factor());
        while (tokens.peek().isWord("AND")) {
            tokens.take();
            operands.add(factor());
        }
        return operands.size() == 1 ? operands.get(0) : new Filter.And(operands);
    }

    private Filter factor() {
        if (tokens.peek().isWord("NOT")) {
            Token not = tokens.take();
            enter(not);
            Filter operand = factor();
            depth--;
            return new Filter.Not(operand);
        }
        return primary();
    }

    private Filter primary() {
        Token token = tokens.peek();
        if (token.kind() == Kind.LEFT) {
            tokens.take();
            enter(token);
            Filter inner = expression();
            tokens.expect(Kind.RIGHT, "\")\" to close the \"(\" at character " + token.position());
            depth--;
            return inner;
        }
        if ((token.isWord("TRUE") || token.isWord("FALSE")) && tokens.peekAt(1).kind() != Kind.OPERATOR) {
            tokens.take();
            return new Filter.Constant(token.isWord("TRUE"));
        }
        if (token.kind() == Kind.WORD && tokens.peekAt(1).kind() == Kind.LEFT && !Cql2Literals.isLiteralKeyword(token)) {
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
        tokens.take();
        tokens.expect(Kind.LEFT, "\"(\" after S_INTERSECTS");
        Object first = spatialOperand();
        tokens.expect(Kind.COMMA, "\",\" between the two operands of S_INTERSECTS");
        Object second = spatialOperand();
        tokens.expect(Kind.RIGHT, "\")\" to close S_INTERSECTS");
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
        Token token = tokens.peek();
        if (token.isWord("BBOX")) {
            return literals.bbox();
        }
        if (token.isWord("POLYGON")) {
            return literals.polygon();
        }
        if (token.kind() == Kind.WORD && RESERVED.contains(token.text().toUpperCase(Locale.ROOT))) {
            throw QueryProblems.filter(token.position(), "the geometry " + token.text().toUpperCase(Locale.ROOT)
                    + " is not supported (only BBOX and POLYGON)");
        }
        return propertyName();
    }

    /** A predicate that starts with a property (or a literal, for a comparison written the other way round). */
    private Filter comparison() {
        Token start = tokens.peek();
        if (start.kind() != Kind.WORD && start.kind() != Kind.QUOTED_NAME) {
            Literal literal = literals.literalOrNull();
            if (literal != null && tokens.peek().kind() == Kind.OPERATOR) {
                Token operator = tokens.take();
                String property = propertyName();
                return new Filter.Compare(property, mirrored(operator(operator)), literal);
            }
            throw QueryProblems.filter(start.position(), "expected a condition (a property, \"(\", NOT, TRUE or FALSE), found "
                    + start.shown());
        }
        if (Cql2Literals.isLiteralKeyword(start)) {
            Literal literal = literals.literal();
            Token operator = tokens.peek();
            if (operator.kind() != Kind.OPERATOR) {
                throw QueryProblems.filter(operator.position(), "expected a comparison operator after " + literal.kind());
            }
            tokens.take();
            String property = propertyName();
            return new Filter.Compare(property, mirrored(operator(operator)), literal);
        }
        String property = propertyName();
        Token token = tokens.peek();
        if (token.kind() == Kind.OPERATOR) {
            tokens.take();
            return new Filter.Compare(property, operator(token), literals.literal());
        }
        boolean negated = false;
        if (token.isWord("NOT")) {
            tokens.take();
            negated = true;
            token = tokens.peek();
            if (!token.isWord("LIKE") && !token.isWord("BETWEEN") && !token.isWord("IN")) {
                throw QueryProblems.filter(token.position(), "expected LIKE, BETWEEN or IN after NOT, found " + token.shown());
            }
        }
        if (token.isWord("LIKE")) {
            tokens.take();
            Token pattern = tokens.peek();
            if (pattern.kind() != Kind.STRING) {
                throw QueryProblems.filter(pattern.position(), "LIKE takes a string pattern, found " + pattern.shown());
            }
            tokens.take();
            checkPattern(pattern);
            return new Filter.Like(property, pattern.text(), negated);
        }
        if (token.isWord("BETWEEN")) {
            tokens.take();
            Literal low = literals.literal();
            tokens.expect("AND", "AND between the two bounds of BETWEEN");
            Literal high = literals.literal();
            return new Filter.Between(property, low, high, negated);
        }
        if (token.isWord("IN")) {
            tokens.take();
            tokens.expect(Kind.LEFT, "\"(\" after IN");
            List<Literal> values = new ArrayList<>();
            do {
                if (!values.isEmpty()) {
                    tokens.take();
                }
                if (values.size() == MAX_IN_VALUES) {
                    throw QueryProblems.filter(tokens.peek().position(), "an IN list has at most " + MAX_IN_VALUES + " values");
                }
                values.add(literals.literal());
            } while (tokens.peek().kind() == Kind.COMMA);
            tokens.expect(Kind.RIGHT, "\")\" to close the IN list");
            return new Filter.In(property, values, negated);
        }
        if (token.isWord("IS")) {
            tokens.take();
            boolean not = tokens.peek().isWord("NOT");
            if (not) {
                tokens.take();
            }
            tokens.expect("NULL", "NULL after IS" + (not ? " NOT" : ""));
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
        Token token = tokens.peek();
        if (token.kind() == Kind.QUOTED_NAME) {
            tokens.take();
            return token.text();
        }
        if (token.kind() == Kind.WORD) {
            String upper = token.text().toUpperCase(Locale.ROOT);
            if (RESERVED.contains(upper)) {
                throw QueryProblems.filter(token.position(), Cql2Literals.isLiteralKeyword(token)
                        ? "comparisons are between a property and a value, not two values"
                        : "expected a property name, found the keyword " + upper + " (quote a property of that name: \""
                        + token.text() + "\")");
            }
            if (tokens.peekAt(1).kind() == Kind.LEFT) {
                throw QueryProblems.filter(token.position(), "functions are not supported (" + token.text() + ")");
            }
            tokens.take();
            return token.text();
        }
        throw QueryProblems.filter(token.position(), "expected a property name, found " + token.shown());
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

}
