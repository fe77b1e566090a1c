package io.curbside.api.opendata.query;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CQL2 to SQL over the published request's queryables: the SQL text is Curbside's, every literal a bound value. */
class FilterTranslatorTest {

    private final FilterTranslator translator = new FilterTranslator(Queryables.PUBLISHED_REQUEST);

    private SqlFragment sql(String cql) {
        return translator.translate(Cql2Parser.parse(cql));
    }

    private static SqlValue.Text text(String s) {
        return new SqlValue.Text(s);
    }

    private static SqlValue.Timestamp at(String instant) {
        return new SqlValue.Timestamp(Instant.parse(instant));
    }

    @Test
    void comparisonsBindTheirValues() {
        assertEquals(new SqlFragment("status = ?", text("open")), sql("status = 'open'"));
        assertEquals(new SqlFragment("me_too_count >= ?", new SqlValue.Decimal(new BigDecimal("3"))), sql("me_too_count >= 3"));
        assertEquals(new SqlFragment("on_time <> ?", new SqlValue.Bool(true)), sql("on_time <> TRUE"));
        assertEquals(new SqlFragment("received_at < ?", at("2026-03-01T07:00:00Z")),
                sql("received_at < TIMESTAMP('2026-03-01T08:00:00+01:00')"));
        assertEquals(new SqlFragment("location IS NULL"), sql("geometry IS NULL"));
        assertEquals(new SqlFragment("NOT (closed_at IS NULL)"), sql("closed_at IS NOT NULL"));
    }

    @Test
    void precedenceShowsInTheParentheses() {
        assertEquals(new SqlFragment("((NOT (status = ?)) AND (channel = ?)) OR (department = ?)",
                text("open"), text("phone"), text("Roads")), sql("NOT status = 'open' AND channel = 'phone' OR department = 'Roads'"));
        assertEquals(new SqlFragment("(status = ?) AND ((channel = ?) OR (department = ?))",
                text("open"), text("phone"), text("Roads")), sql("status = 'open' AND (channel = 'phone' OR department = 'Roads')"));
        assertEquals(new SqlFragment("FALSE"), sql("TRUE AND FALSE"), "TRUE adds nothing to an AND");
        assertEquals(new SqlFragment("(TRUE) OR (FALSE)"), sql("TRUE OR FALSE"));
    }

    @Test
    void likeBetweenAndIn() {
        assertEquals(new SqlFragment("description LIKE ? ESCAPE '\\'", text("%pot\\_hole%")), sql("description LIKE '%pot\\_hole%'"));
        assertEquals(new SqlFragment("NOT (address LIKE ? ESCAPE '\\')", text("1__ Main%")), sql("address NOT LIKE '1__ Main%'"));
        assertEquals(new SqlFragment("(me_too_count >= ?) AND (me_too_count <= ?)",
                new SqlValue.Decimal(BigDecimal.ONE), new SqlValue.Decimal(BigDecimal.TEN)), sql("me_too_count BETWEEN 1 AND 10"));
        assertEquals(new SqlFragment("NOT ((service_code >= ?) AND (service_code <= ?))", text("A"), text("M")),
                sql("service_code NOT BETWEEN 'A' AND 'M'"));
        assertEquals(new SqlFragment("status IN (?, ?)", text("open"), text("closed")), sql("status IN ('open', 'closed')"));
        assertEquals(new SqlFragment("NOT (channel IN (?))", text("phone")), sql("channel NOT IN ('phone')"));
    }

    @Test
    void aDateAgainstATimestampIsTheWholeUtcDayAsARange() {
        SqlValue.Timestamp start = at("2026-03-01T00:00:00Z");
        SqlValue.Timestamp next = at("2026-03-02T00:00:00Z");
        assertEquals(new SqlFragment("(received_at >= ?) AND (received_at < ?)", start, next), sql("received_at = DATE('2026-03-01')"));
        assertEquals(new SqlFragment("(received_at < ?) OR (received_at >= ?)", start, next), sql("received_at <> DATE('2026-03-01')"));
        assertEquals(new SqlFragment("received_at < ?", start), sql("received_at < DATE('2026-03-01')"));
        assertEquals(new SqlFragment("received_at < ?", next), sql("received_at <= DATE('2026-03-01')"));
        assertEquals(new SqlFragment("received_at >= ?", next), sql("received_at > DATE('2026-03-01')"));
        assertEquals(new SqlFragment("received_at >= ?", start), sql("received_at >= DATE('2026-03-01')"));
        assertEquals(new SqlFragment("(closed_at >= ?) AND (closed_at < ?)", start, at("2026-04-01T00:00:00Z")),
                sql("closed_at BETWEEN DATE('2026-03-01') AND DATE('2026-03-31')"));
        assertEquals(new SqlFragment("((updated_at >= ?) AND (updated_at < ?)) OR (updated_at = ?)", start, next,
                at("2026-05-01T12:00:00Z")), sql("updated_at IN (DATE('2026-03-01'), TIMESTAMP('2026-05-01T12:00:00Z'))"));
    }

    @Test
    void districtAsksTheArrayWhetherItHoldsTheValue() {
        assertEquals(new SqlFragment("district_codes @> ARRAY[?]::text[]", text("D3")), sql("district = 'D3'"));
        assertEquals(new SqlFragment("NOT (district_codes @> ARRAY[?]::text[])", text("D3")), sql("district <> 'D3'"));
        assertEquals(new SqlFragment("district_codes && ARRAY[?, ?]::text[]", text("D3"), text("W1")), sql("district IN ('D3', 'W1')"));
        assertEquals(new SqlFragment("coalesce(cardinality(district_codes), 0) = 0"), sql("district IS NULL"));
    }

    @Test
    void sIntersectsBindsTheEnvelopeOrAWktItWroteItself() {
        assertEquals(new SqlFragment("point(location) <@ box(point(?, ?), point(?, ?))", new SqlValue.Real(-73.6),
                new SqlValue.Real(40.7), new SqlValue.Real(-73.5), new SqlValue.Real(40.8)),
                sql("S_INTERSECTS(geometry, BBOX(-73.6, 40.7, -73.5, 40.8))"));
        assertEquals(new SqlFragment("ST_Intersects(location, ST_GeomFromText(?, 4326))",
                text("POLYGON((0 0, 0.00001 0, 0.00001 1, 0 0), (0.000004 0.1, 0.000008 0.2, 0.000004 0.3, 0.000004 0.1))")),
                sql("S_INTERSECTS(geometry, POLYGON((0 0, 1e-5 0, 0.00001 1, 0 0), (4e-6 0.1, 8e-6 0.2, 4e-6 0.3, 4e-6 0.1)))"));
    }

    @Test
    void forEstimatesTheEnvelopeIsPostgisWhoseStatisticsKnowTheCity() {
        FilterTranslator estimator = FilterTranslator.forEstimates(Queryables.PUBLISHED_REQUEST);
        assertEquals(new SqlFragment("(ST_Intersects(location, ST_MakeEnvelope(?, ?, ?, ?, 4326))) AND (status = ?)",
                new SqlValue.Real(-73.6), new SqlValue.Real(40.7), new SqlValue.Real(-73.5), new SqlValue.Real(40.8), text("open")),
                estimator.translate(Cql2Parser.parse("S_INTERSECTS(geometry, BBOX(-73.6, 40.7, -73.5, 40.8)) AND status = 'open'")));
    }

    @Test
    void aSelfIntersectingPolygonIsRefusedBeforeGeosSeesIt() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> sql("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))"));
        assertEquals(ProblemType.INVALID_FILTER, e.type());
        assertTrue(e.getMessage().contains("POLYGON is not valid: self-intersection near 0.5 0.5"), e.getMessage());
    }

    @Test
    void anUnknownPropertyIsNamedWithTheListOfQueryables() {
        ProblemException e = assertThrows(ProblemException.class, () -> sql("reporter_email = 'a@b.c'"));
        assertEquals(ProblemType.INVALID_FILTER, e.type());
        assertTrue(e.getMessage().contains("\"reporter_email\" is not a queryable property; the queryables are tracking_number, "
                + "service_code, service_name, department, district, status"), e.getMessage());
        assertTrue(e.getMessage().contains("address, geometry"), e.getMessage());
        assertThrows(ProblemException.class, () -> sql("location IS NULL"), "the column's own name is not a queryable");
        assertThrows(ProblemException.class, () -> sql("\"status; DROP TABLE x\" = 'a'"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "status = 5                                  | \"status\" is compared with a number, but it takes a 'quoted string'",
        "me_too_count = '5'                          | \"me_too_count\" is compared with a string, but it takes a number",
        "on_time = 'true'                            | \"on_time\" is compared with a string, but it takes TRUE or FALSE",
        "received_at > '2026-01-01'                  | \"received_at\" is compared with a string, but it takes TIMESTAMP('...') or DATE('...')",
        "status = TIMESTAMP('2026-01-01T00:00:00Z')  | \"status\" is compared with a TIMESTAMP",
        "district = DATE('2026-01-01')               | \"district\" is compared with a DATE",
        "on_time < TRUE                              | \"on_time\" is a boolean: compare it with = or <> only",
        "district > 'D1'                             | \"district\" takes only =, <>, IN and IS NULL",
        "district LIKE 'D%'                          | \"district\" is not a string: LIKE matches strings only",
        "me_too_count LIKE '1%'                      | \"me_too_count\" is not a string",
        "geometry = 'POINT(0 0)'                     | \"geometry\" is a geometry: use S_INTERSECTS",
        "geometry IN ('x')                           | \"geometry\" is a geometry: use S_INTERSECTS",
        "on_time BETWEEN FALSE AND TRUE              | \"on_time\" cannot be compared with BETWEEN",
        "S_INTERSECTS(status, BBOX(0, 0, 1, 1))      | \"status\" is not a geometry",
        "status IN ('open', 3)                       | \"status\" is compared with a number",
    })
    void typeMismatchesAreRefusedNeverCast(String cql, String message) {
        ProblemException e = assertThrows(ProblemException.class, () -> sql(cql));
        assertEquals(ProblemType.INVALID_FILTER, e.type());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals("filter", e.violations().get(0).getField());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "status = 'x''; DROP TABLE service_request; --'",
        "status = '\\'' OR 1=1 --'",
        "description LIKE '%'' OR ''1''=''1'",
        "address IN ('a'')--', 'b/*', '*/c')",
        "status = 'ｓｅｌｅｃｔ' AND address = 'Ω\u202E\u200B'",
        "\"status\" = '$$; SELECT pg_sleep(10); $$'",
    })
    void injectionAttemptsStayInTheBoundValues(String cql) {
        SqlFragment fragment = sql(cql);
        assertFalse(fragment.sql().contains("'") && !fragment.sql().contains("ESCAPE '\\'"), fragment.sql());
        for (String word : List.of("DROP", "--", "/*", "$$", "SELECT", "1=1", "\u202E")) {
            assertFalse(fragment.sql().contains(word), word + " in " + fragment.sql());
        }
        assertTrue(fragment.values().stream().anyMatch(v -> v instanceof SqlValue.Text t
                && (t.value().contains("'") || t.value().contains("$$") || t.value().contains("*") || t.value().contains("\u202E"))),
                fragment.values().toString());
    }

    @Test
    void theSqlIsBuiltOnlyFromQueryablesOperatorsAndPlaceholders() {
        SqlFragment fragment = sql("(status = 'a' OR NOT channel IN ('b','c')) AND me_too_count BETWEEN 1 AND 2 "
                + "AND description NOT LIKE '%x%' AND closed_at IS NULL AND S_INTERSECTS(geometry, BBOX(0,0,1,1))");
        String stripped = fragment.sql().replaceAll("\\b(status|channel|me_too_count|description|closed_at|location|AND|OR|NOT|IN|"
                + "LIKE|ESCAPE|IS|NULL|point|box)\\b", "").replaceAll("[()?,=<>@\\s]|'\\\\'", "");
        assertEquals("", stripped, fragment.sql());
        assertEquals(10, fragment.values().size());
    }

    @Test
    void aFragmentCountsItsPlaceholders() {
        assertThrows(IllegalArgumentException.class, () -> new SqlFragment("a = ? AND b = ?", text("x")));
        assertEquals(SqlFragment.ALWAYS, SqlFragment.and(List.of(SqlFragment.ALWAYS, SqlFragment.ALWAYS)));
        assertEquals(new SqlFragment("a = ?", text("x")), SqlFragment.and(List.of(SqlFragment.ALWAYS, new SqlFragment("a = ?", text("x")))));
    }

    @Test
    void theQueryablesArePublishedAsAJsonSchemaOfExactlyTheNamesAFilterTakes() {
        Map<String, Object> schema = Queryables.PUBLISHED_REQUEST.jsonSchema("https://city.example/ogc/collections/service-requests/queryables",
                "Service requests");
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema"));
        assertEquals(false, schema.get("additionalProperties"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
        assertEquals(Queryables.PUBLISHED_REQUEST.all().stream().map(Queryables.Queryable::name).toList(), List.copyOf(properties.keySet()));
        assertEquals(Map.of("description", "when it was reported", "type", "string", "format", "date-time"), properties.get("received_at"));
        assertEquals("geometry-point", properties.get("geometry").get("format"));
        assertEquals("string", properties.get("district").get("type"));
        assertEquals("number", properties.get("me_too_count").get("type"));
        assertFalse(properties.containsKey("location"), "the column's name is not published, only the queryable's");
        for (String name : properties.keySet()) {
            String cql = name.equals("geometry") ? "geometry IS NULL" : name + " IS NOT NULL";
            assertTrue(sql(cql).sql().contains("NULL") || sql(cql).sql().contains("cardinality"), "every published name is queryable: " + name);
        }
    }
}
