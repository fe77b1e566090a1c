package io.curbside.api.opendata.query;

import java.util.ArrayList;
import java.util.List;

/** Splits CQL2 text into tokens; every token keeps where it began, so errors can point at it. */
final class Cql2Lexer {

    enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, LEFT, RIGHT, COMMA, OPERATOR, END }

    /** {@code text} is the word, the name or string without quotes and with escapes undone, or the operator. */
    record Token(Kind kind, String text, int position) {

        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        String shown() {
            return switch (kind) {
                case END -> "the end of the filter";
                case STRING -> "the string '" + abbreviated(text) + "'";
                case QUOTED_NAME -> "\"" + abbreviated(text) + "\"";
                default -> "\"" + abbreviated(text) + "\"";
            };
        }

        private static String abbreviated(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
    }

    private final String text;
    private int at;

    private Cql2Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        Cql2Lexer lexer = new Cql2Lexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    private Token next() {
        while (at < text.length() && isSpace(text.charAt(at))) {
            at++;
        }
        int start = at;
        if (at == text.length()) {
            return new Token(Kind.END, "", start + 1);
        }
        char c = text.charAt(at);
        switch (c) {
            case '(' -> {
                at++;
                return new Token(Kind.LEFT, "(", start + 1);
            }
            case ')' -> {
                at++;
                return new Token(Kind.RIGHT, ")", start + 1);
            }
            case ',' -> {
                at++;
                return new Token(Kind.COMMA, ",", start + 1);
            }
            case '=' -> {
                at++;
                return new Token(Kind.OPERATOR, "=", start + 1);
            }
            case '<', '>' -> {
                at++;
                if (at < text.length() && (text.charAt(at) == '=' || c == '<' && text.charAt(at) == '>')) {
                    at++;
                }
                return new Token(Kind.OPERATOR, text.substring(start, at), start + 1);
            }
            case '\'' -> {
                return quoted('\'', Kind.STRING, "string");
            }
            case '"' -> {
                return quoted('"', Kind.QUOTED_NAME, "quoted property name");
            }
            default -> {
            }
        }
        if (isDigit(c) || c == '.' && digitAt(at + 1)
                || (c == '-' || c == '+') && (digitAt(at + 1) || charAt(at + 1) == '.' && digitAt(at + 2))) {
            return number();
        }
        if (isWordStart(c)) {
            while (at < text.length() && isWordPart(text.charAt(at))) {
                at++;
            }
            return new Token(Kind.WORD, text.substring(start, at), start + 1);
        }
        if ("+-*/%^".indexOf(c) >= 0) {
            throw QueryProblems.filter(start + 1, "arithmetic (\"" + c + "\") is not supported");
        }
        if (c == '[' || c == ']') {
            throw QueryProblems.filter(start + 1, "arrays are not supported");
        }
        throw QueryProblems.filter(start + 1, "the character " + describe(text.codePointAt(at)) + " cannot start anything");
    }

    /** A string or quoted name; a doubled quote stands for one. */
    private Token quoted(char quote, Kind kind, String what) {
        int start = at;
        at++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw QueryProblems.filter(start + 1, "this " + what + " is never closed (a " + quote
                        + " inside it is written twice: " + quote + quote + ")");
            }
            char c = text.charAt(at);
            if (c == quote) {
                if (charAt(at + 1) == quote) {
                    value.append(quote);
                    at += 2;
                    continue;
                }
                at++;
                break;
            }
            if (c == '\0' || Character.isSurrogate(c) && !validPair(at)) {
                throw QueryProblems.filter(at + 1, "the " + what + " holds " + describe(c) + ", which is not text");
            }
            value.append(c);
            at++;
        }
        if (kind == Kind.QUOTED_NAME && value.isEmpty()) {
            throw QueryProblems.filter(start + 1, "a quoted property name cannot be empty");
        }
        return new Token(kind, value.toString(), start + 1);
    }

    private Token number() {
        int start = at;
        if (text.charAt(at) == '-' || text.charAt(at) == '+') {
            at++;
        }
        while (digitAt(at)) {
            at++;
        }
        if (charAt(at) == '.') {
            at++;
            while (digitAt(at)) {
                at++;
            }
        }
        if (charAt(at) == 'e' || charAt(at) == 'E') {
            int mark = at;
            at++;
            if (charAt(at) == '-' || charAt(at) == '+') {
                at++;
            }
            if (!digitAt(at)) {
                at = mark;
            }
            while (digitAt(at)) {
                at++;
            }
        }
        if (at < text.length() && isWordPart(text.charAt(at))) {
            throw QueryProblems.filter(start + 1, "\"" + text.substring(start, at + 1) + "\" is not a number");
        }
        return new Token(Kind.NUMBER, text.substring(start, at), start + 1);
    }

    private boolean validPair(int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return Character.isLowSurrogate(charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private char charAt(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private boolean digitAt(int i) {
        return i < text.length() && isDigit(text.charAt(i));
    }

    /** ASCII digits only: Character.isDigit would take Arabic-Indic and other scripts' digits too. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** CQL2's identifierStart, narrowed to ASCII: names of queryables are plain ASCII. */
    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '.';
    }

    private static String describe(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                || Character.getType(codePoint) == Character.FORMAT ? hex : "\"" + Character.toString(codePoint) + "\" (" + hex + ")";
    }
}
