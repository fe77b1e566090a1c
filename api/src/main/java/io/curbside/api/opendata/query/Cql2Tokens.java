package io.curbside.api.opendata.query;

import io.curbside.api.opendata.query.Cql2Lexer.Kind;
import io.curbside.api.opendata.query.Cql2Lexer.Token;

import java.util.List;

/** The parser's place in the token list: look ahead, take, or insist on what must come next. */
final class Cql2Tokens {

    private final List<Token> list;
    private int next;

    Cql2Tokens(List<Token> list) {
        this.list = list;
    }

    Token peek() {
        return list.get(next);
    }

    Token peekAt(int ahead) {
        return list.get(Math.min(next + ahead, list.size() - 1));
    }

    Token take() {
        Token token = list.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    Token expect(Kind kind, String what) {
        Token token = peek();
        if (token.kind() != kind) {
            throw QueryProblems.filter(token.position(), "expected " + what + ", found " + token.shown());
        }
        return take();
    }

    void expect(String keyword, String what) {
        Token token = peek();
        if (!token.isWord(keyword)) {
            throw QueryProblems.filter(token.position(), "expected " + what + ", found " + token.shown());
        }
        take();
    }
}
