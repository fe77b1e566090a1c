package io.curbside.api.opendata.query;

import io.curbside.geo.Bbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A parsed CQL2 text filter: the tree {@link Cql2Parser} builds and {@link FilterTranslator} turns into SQL. */
public sealed interface Filter {

    /** Two or more conditions that must all hold: a chain of ANDs is one node, not a deep tree. */
    record And(List<Filter> operands) implements Filter {
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** Two or more conditions of which one must hold. */
    record Or(List<Filter> operands) implements Filter {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Filter operand) implements Filter {
    }

    /** TRUE or FALSE on its own, a boolean literal as a whole condition. */
    record Constant(boolean value) implements Filter {
    }

    record Compare(String property, Operator operator, Literal value) implements Filter {
    }

    /** {@code pattern} keeps CQL2's wildcards: {@code %}, {@code _}, and {@code \} escaping the next character. */
    record Like(String property, String pattern, boolean negated) implements Filter {
    }

    record Between(String property, Literal low, Literal high, boolean negated) implements Filter {
    }

    record In(String property, List<Literal> values, boolean negated) implements Filter {
        public In {
            values = List.copyOf(values);
        }
    }

    record IsNull(String property, boolean negated) implements Filter {
    }

    record Intersects(String property, Shape shape) implements Filter {
    }

    enum Operator {
        EQ("="), NE("<>"), LT("<"), GT(">"), LE("<="), GE(">=");

        private final String sql;

        Operator(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    /** A literal value of CQL2's scalar types. */
    sealed interface Literal {
        /** How the value is named in an error message. */
        String kind();
    }

    record Text(String value) implements Literal {
        public String kind() {
            return "a string";
        }
    }

    record Number(BigDecimal value) implements Literal {
        public String kind() {
            return "a number";
        }
    }

    record Bool(boolean value) implements Literal {
        public String kind() {
            return "a boolean";
        }
    }

    record Timestamp(Instant value) implements Literal {
        public String kind() {
            return "a TIMESTAMP";
        }
    }

    record Date(LocalDate value) implements Literal {
        public String kind() {
            return "a DATE";
        }
    }

    /** A geometry literal of the two kinds Curbside supports. */
    sealed interface Shape {
    }

    record Envelope(Bbox box) implements Shape {
    }

    /** Rings of [lon, lat] positions, the exterior first, each already closed and in range. */
    record Polygon(List<List<double[]>> rings) implements Shape {
        public Polygon {
            rings = rings.stream().map(List::copyOf).toList();
        }
    }
}
