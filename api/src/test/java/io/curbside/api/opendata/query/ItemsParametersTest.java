package io.curbside.api.opendata.query;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The items route's query parameters, each to its condition, and each refusal with the parameter it names. */
class ItemsParametersTest {

    private final ItemsParameters items = new ItemsParameters(Queryables.PUBLISHED_REQUEST,
            new PageCursors("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));

    private ItemsQuery read(String... namesAndValues) {
        Map<String, List<String>> parameters = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.computeIfAbsent(namesAndValues[i], k -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return items.read(parameters, Set.of("f"));
    }

    private static SqlValue.Timestamp at(String instant) {
        return new SqlValue.Timestamp(Instant.parse(instant));
    }

    @Test
    void noParametersIsEveryRowOldestFirstAHundredAtATime() {
        ItemsQuery query = read();
        assertEquals(SqlFragment.ALWAYS, query.where());
        assertEquals("received_at, tracking_number", query.orderBy());
        assertEquals(100, query.limit());
        assertFalse(query.backwards());
        assertEquals(new SqlFragment("WHERE TRUE ORDER BY received_at, tracking_number LIMIT ?", new SqlValue.WholeNumber(101)),
                query.whereOrderLimit(101));
    }

    @Test
    void bboxIsAnEnvelopeInCrs84() {
        List<SqlValue> corners = List.of(new SqlValue.Real(-73.6), new SqlValue.Real(40.7), new SqlValue.Real(-73.5),
                new SqlValue.Real(40.8));
        SqlFragment expected = new SqlFragment("point(location) <@ box(point(?, ?), point(?, ?))", corners);
        assertEquals(expected, read("bbox", "-73.6,40.7,-73.5,40.8").where());
        assertEquals(expected, read("bbox", "-73.6,40.7,-73.5,40.8", "bbox-crs", ItemsParameters.CRS84).where());
        assertEquals(new SqlFragment("ST_Intersects(location, ST_MakeEnvelope(?, ?, ?, ?, 4326))", corners),
                read("bbox", "-73.6,40.7,-73.5,40.8").forEstimate(), "estimated by PostGIS, whose statistics know the city");
    }

    @Test
    void datetimeInstantsAndIntervalsOnReceivedAt() {
        assertEquals(new SqlFragment("received_at = ?", at("2026-03-01T08:00:00Z")), read("datetime", "2026-03-01T08:00:00Z").where());
        assertEquals(new SqlFragment("(received_at >= ?) AND (received_at < ?)", at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z")),
                read("datetime", "2026-03-01").where(), "a date is its whole day");
        assertEquals(new SqlFragment("(received_at >= ?) AND (received_at <= ?)", at("2026-03-01T08:00:00Z"), at("2026-03-05T00:00:00Z")),
                read("datetime", "2026-03-01T08:00:00Z/2026-03-05T00:00:00Z").where());
        assertEquals(new SqlFragment("(received_at >= ?) AND (received_at < ?)", at("2026-03-01T00:00:00Z"), at("2026-03-06T00:00:00Z")),
                read("datetime", "2026-03-01/2026-03-05").where(), "a closed interval of dates includes the last day");
        SqlFragment from = new SqlFragment("received_at >= ?", at("2026-03-01T08:00:00Z"));
        assertEquals(from, read("datetime", "2026-03-01T08:00:00Z/..").where());
        assertEquals(from, read("datetime", "2026-03-01T08:00:00Z/").where());
        SqlFragment until = new SqlFragment("received_at <= ?", at("2026-03-01T08:00:00Z"));
        assertEquals(until, read("datetime", "../2026-03-01T08:00:00Z").where());
        assertEquals(until, read("datetime", "/2026-03-01T08:00:00Z").where());
        assertEquals(new SqlFragment("received_at = ?", at("2026-03-01T07:00:00Z")), read("datetime", "2026-03-01T08:00:00+01:00").where());
        assertEquals(new SqlFragment("(received_at >= ?) AND (received_at < ?)", at("2026-03-01T08:00:00Z"), at("2026-03-02T00:00:00Z")),
                read("datetime", "2026-03-01T08:00:00Z/2026-03-01").where(), "from eight to the end of that day");
    }

    @Test
    void propertyFiltersTakeSeveralValues() {
        assertEquals(new SqlFragment("status IN (?, ?)", new SqlValue.Text("open"), new SqlValue.Text("closed")),
                read("status", "open,closed").where());
        assertEquals(new SqlFragment("district_codes && ARRAY[?]::text[]", new SqlValue.Text("D3")), read("district", "D3").where());
        ItemsQuery all = read("service_code", "pothole", "department", "Roads,Parks", "channel", "app");
        assertEquals("(service_code IN (?)) AND (department IN (?, ?)) AND (channel IN (?))", all.where().sql());
        assertEquals(4, all.where().values().size());
    }

    @Test
    void everythingIsAndedTogetherWithTheCursorLast() {
        String next = items.next(Instant.parse("2026-03-01T10:00:00Z"), "CS-0001");
        ItemsQuery query = read("bbox", "0,0,1,1", "datetime", "2026-03-01/..", "status", "open",
                "filter", "me_too_count > 2 OR on_time = FALSE", "filter-lang", "cql2-text", "limit", "50", "cursor", next, "f", "json");
        assertEquals("(point(location) <@ box(point(?, ?), point(?, ?))) AND (received_at >= ?) AND (status IN (?)) "
                + "AND ((me_too_count > ?) OR (on_time = ?)) AND ((received_at, tracking_number) > (?, ?))", query.where().sql());
        assertEquals(query.where().values(), query.forEstimate().values());
        assertEquals(List.of(at("2026-03-01T10:00:00Z"), new SqlValue.Text("CS-0001")),
                query.where().values().subList(query.where().values().size() - 2, query.where().values().size()));
        assertEquals(50, query.limit());
    }

    @Test
    void aPreviousCursorReadsBackwards() {
        ItemsQuery query = read("cursor", items.previous(Instant.parse("2026-03-01T10:00:00Z"), "CS-0001"));
        assertTrue(query.backwards());
        assertEquals("(received_at, tracking_number) < (?, ?)", query.where().sql());
        assertEquals("received_at DESC, tracking_number DESC", query.orderBy());
    }

    @Test
    void aLimitAboveTheMaximumIsTheMaximumAsPartOneRequires() {
        assertEquals(1, read("limit", "1").limit());
        assertEquals(10_000, read("limit", "10000").limit());
        assertEquals(10_000, read("limit", "10001").limit());
        assertEquals(10_000, read("limit", "99999999999999999999").limit());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "limit       | 0                         | limit       | is a whole number from 1 to 10000",
        "limit       | -5                        | limit       | is a whole number from 1 to 10000",
        "limit       | ten                       | limit       | is a whole number from 1 to 10000",
        "limit       | 1.5                       | limit       | is a whole number from 1 to 10000",
        "bbox        | 1,2,3                     | bbox        | four numbers",
        "bbox        | 1,2,0,3,4,9               | bbox        | heights are not supported",
        "bbox        | a,b,c,d                   | bbox        | is not a number",
        "bbox        | 170,0,-170,5              | bbox        | antimeridian are not supported",
        "bbox        | 0,-95,1,5                 | bbox        | outside [-90, 90]",
        "bbox        | 0,10,1,5                  | bbox        | north of maximum latitude",
        "bbox        | NaN,0,1,1                 | bbox        | is not a number",
        "datetime    | yesterday                 | datetime    | is an RFC 3339 date-time",
        "datetime    | 2026-03-01T08:00:00       | datetime    | is an RFC 3339 date-time",
        "datetime    | 2026-13-01                | datetime    | is an RFC 3339 date-time",
        "datetime    | ../..                     | datetime    | at least one end",
        "datetime    | /                         | datetime    | at least one end",
        "datetime    | 2026-03-05/2026-03-01     | datetime    | starts after it ends",
        "datetime    | 2026-03-01/2026-03-02/2026-03-03 | datetime | is an RFC 3339 date-time",
        "status      | open,,closed              | status      | none of them empty",
        "status      | ``                        | status      | none of them empty",
        "filter-lang | cql2-json                 | filter-lang | cql2-json is not supported",
        "filter-lang | sql                       | filter-lang | can only be cql2-text",
        "filter-crs  | http://www.opengis.net/def/crs/EPSG/0/4326 | filter-crs | can only be http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        "bbox-crs    | http://www.opengis.net/def/crs/EPSG/0/4326 | bbox-crs | can only be http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        "cursor      | abc.def                   | cursor      | is not a cursor this server handed out",
        "sortby      | received_at               | sortby      | is not a parameter of this collection's items",
        "Status      | open                      | Status      | is not a parameter of this collection's items",
    })
    void refusalsNameTheParameter(String name, String value, String field, String words) {
        Map<String, String> extra = Map.of("filter-lang", "filter", "filter-crs", "filter", "bbox-crs", "bbox");
        List<String> parameters = new java.util.ArrayList<>(List.of(name, value));
        if (extra.containsKey(name)) {
            parameters.addAll(List.of(extra.get(name), name.equals("bbox-crs") ? "0,0,1,1" : "status = 'open'"));
        }
        ProblemException e = assertThrows(ProblemException.class, () -> read(parameters.toArray(String[]::new)));
        assertEquals(ProblemType.INVALID_PARAMETER, e.type());
        assertEquals(field, e.violations().get(0).getField());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void aParameterGivenTwiceIsRefusedNotPicked() {
        ProblemException e = assertThrows(ProblemException.class, () -> read("status", "open", "status", "closed"));
        assertTrue(e.getMessage().contains("is given 2 times; give it once, with the values separated by commas"), e.getMessage());
        assertThrows(ProblemException.class, () -> read("limit", "5", "limit", "6"));
    }

    @Test
    void controlCharactersAndHugeListsInPropertyFiltersAreRefused() {
        assertThrows(ProblemException.class, () -> read("status", "open\0"));
        assertThrows(ProblemException.class, () -> read("status", "x".repeat(201)));
        assertThrows(ProblemException.class, () -> read("status", "a,".repeat(ItemsParameters.MAX_VALUES_PER_PROPERTY) + "a"));
    }

    @Test
    void theCrsAndLanguageAreCheckedEvenWithoutTheirBboxOrFilter() {
        assertEquals("bbox-crs", assertThrows(ProblemException.class,
                () -> read("bbox-crs", "EPSG:4326")).violations().get(0).getField());
        assertEquals("filter-lang", assertThrows(ProblemException.class,
                () -> read("filter-lang", "cql2-json")).violations().get(0).getField());
        assertEquals(SqlFragment.ALWAYS, read("bbox-crs", ItemsParameters.CRS84, "filter-lang", "cql2-text").where());
    }

    @Test
    void aBadFilterIsAnInvalidFilterProblem() {
        ProblemException e = assertThrows(ProblemException.class, () -> read("filter", "status = ", "filter-lang", "cql2-text"));
        assertEquals(ProblemType.INVALID_FILTER, e.type());
        assertTrue(e.getMessage().contains("at character 10"), e.getMessage());
    }
}
