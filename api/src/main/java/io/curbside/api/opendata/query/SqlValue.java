package io.curbside.api.opendata.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A value bound to one {@code ?} of a {@link SqlFragment}, typed as PostgreSQL will receive it. */
public sealed interface SqlValue {

    /** What to hand {@code PreparedStatement.setObject}: each is a type PgJDBC binds with its own SQL type. */
    Object jdbcValue();

    record Text(String value) implements SqlValue {
        public Object jdbcValue() {
            return value;
        }
    }

    record Decimal(BigDecimal value) implements SqlValue {
        public Object jdbcValue() {
            return value;
        }
    }

    record Real(double value) implements SqlValue {
        public Object jdbcValue() {
            return value;
        }
    }

    record WholeNumber(long value) implements SqlValue {
        public Object jdbcValue() {
            return value;
        }
    }

    record Bool(boolean value) implements SqlValue {
        public Object jdbcValue() {
            return value;
        }
    }

    /** Sent as an OffsetDateTime in UTC, which PgJDBC binds as timestamptz (an Instant it would not take). */
    record Timestamp(Instant value) implements SqlValue {
        public Object jdbcValue() {
            return OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
        }
    }

    record Day(LocalDate value) implements SqlValue {
        public Object jdbcValue() {
            return value;
        }
    }
}
