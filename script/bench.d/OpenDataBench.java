import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.curbside.api.opendata.query.ItemsParameters;
import io.curbside.api.opendata.query.ItemsQuery;
import io.curbside.api.opendata.query.PageCursors;
import io.curbside.api.opendata.query.Queryables;
import io.curbside.api.opendata.query.SqlValue;
import org.postgresql.PGConnection;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measurements of {@code script/bench opendata}: each open-data route beside the SQL it is built on,
 * run here through JDBC as the server runs it (the same role, the same statement, read the same way), and
 * one table at the end. The statements are the server's own: its column list and live condition are read
 * from PublishedRequestRepository, its WHERE clauses made by the same ItemsParameters.
 *   java -cp curbside-api.jar OpenDataBench.java BASE_URL JDBC_URL OPENDATA_USER OPENDATA_PASSWORD
 *        WRITER_USER SERVER_PID XMX
 */
public class OpenDataBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String[]> TABLE = new ArrayList<>();
    static String base;
    static String columns;
    static String live;
    static java.lang.reflect.Method pageSql;
    static ItemsParameters parameters = new ItemsParameters(Queryables.PUBLISHED_REQUEST, new PageCursors(new byte[32]));

    public static void main(String[] args) throws Exception {
        base = args[0];
        String url = args[1];
        Class<?> repository = Class.forName("io.curbside.api.published.PublishedRequestRepository");
        columns = constant(repository, "COLUMNS");
        live = constant(repository, "LIVE");
        java.util.Properties role = new java.util.Properties();
        role.setProperty("user", args[2]);
        role.setProperty("password", args[3]);
        role.setProperty("options", serverOptions());
        pageSql = repository.getDeclaredMethod("pageSql", io.curbside.api.opendata.query.SqlFragment.class, String.class);
        pageSql.setAccessible(true);
        try (Connection raw = DriverManager.getConnection(url, role);
             Connection writer = DriverManager.getConnection(url, args[4], System.getenv().getOrDefault("PGPASSWORD", ""))) {
            raw.setAutoCommit(false);
            raw.setReadOnly(true);
            // CURBSIDE_BENCH_ONLY=export,changes measures only those (bbox, filter, paging, export, changes).
            List<String> only = Arrays.asList(System.getenv().getOrDefault("CURBSIDE_BENCH_ONLY", "bbox,filter,paging,export,changes").split(","));
            if (only.contains("bbox")) {
                bbox(raw);
            }
            if (only.contains("filter")) {
                filter(raw);
            }
            if (only.contains("paging")) {
                paging(raw);
            }
            if (only.contains("export")) {
                export(raw, args[5], args[6], "csv", "COPY (SELECT " + columns + " " + live + "TRUE) TO STDOUT WITH (FORMAT csv, HEADER)");
                export(raw, args[5], args[6], "ndjson", "COPY (SELECT row_to_json(r) FROM (SELECT " + columns + " " + live
                        + "TRUE) r) TO STDOUT");
            }
            if (only.contains("changes")) {
                changes(raw, writer);
            }
        }
        System.out.println();
        String format = "%-48s | %-22s | %-22s | %-7s | %s%n";
        System.out.printf(format, "measurement", "Curbside", "raw SQL", "ratio", "goal met?");
        System.out.println("-".repeat(48) + "-+-" + "-".repeat(22) + "-+-" + "-".repeat(22) + "-+-" + "-".repeat(7) + "-+-" + "-".repeat(24));
        for (String[] row : TABLE) {
            System.out.printf(format, (Object[]) row);
        }
    }

    /** 1. Items by bbox, limit=1000: neighbourhoods (1.3 x 1.2 km) round published points, so dense ones as often as people look there. */
    static void bbox(Connection raw) throws Exception {
        List<double[]> boxes = new ArrayList<>();
        try (PreparedStatement ps = raw.prepareStatement("SELECT ST_X(location), ST_Y(location) FROM opendata.published_request "
                + "TABLESAMPLE BERNOULLI ((SELECT least(100, 40000 / greatest(reltuples, 1)) FROM pg_class "
                + "WHERE oid = 'opendata.published_request'::regclass)) REPEATABLE (11) WHERE location IS NOT NULL LIMIT 250");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                boxes.add(new double[] {rs.getDouble(1) - 0.0078, rs.getDouble(2) - 0.0054, rs.getDouble(1) + 0.0078, rs.getDouble(2) + 0.0054});
            }
        }
        raw.commit();
        List<Long> server = new ArrayList<>();
        List<Long> direct = new ArrayList<>();
        long returned = 0;
        for (int i = 0; i < boxes.size(); i++) {
            double[] b = boxes.get(i);
            String bbox = String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", b[0], b[1], b[2], b[3]);
            Map<String, List<String>> asked = Map.of("bbox", List.of(bbox), "limit", List.of("1000"));
            Timed timed = timed(i, "/ogc/collections/service-requests/items?limit=1000&bbox=" + bbox, raw, asked);
            if (timed.page().path("numberReturned").asInt() != timed.rows()) {
                throw new IllegalStateException("bbox " + bbox + ": the server returned " + timed.page().path("numberReturned")
                        + ", the SQL " + timed.rows());
            }
            if (i >= 50) { // the first 50 warm both up (JIT, pools, caches)
                server.add(timed.server());
                direct.add(timed.direct());
                returned += timed.rows();
            }
        }
        say("bbox: " + server.size() + " neighbourhoods, " + returned / server.size() + " features a page on average");
        latency("items by bbox, limit=1000 (median)", server, direct, 0.5, "<= 1.5x and < 30 ms", 30);
        latency("items by bbox, limit=1000 (p90)", server, direct, 0.9, "", 0);
    }

    record Timed(long server, long direct, JsonNode page, int rows) {
    }

    /**
     * The server's answer to {@code path} and the raw SQL of the same query, each timed, taking turns at going
     * first ({@code i} even: the server): the second reads what the first just brought into PostgreSQL's buffers.
     * With the raw SQL always second, that was about a quarter of its advantage on a bbox page (2026-12-08: the
     * same build measured 2.08 server first, 1.41 raw first).
     */
    static Timed timed(int i, String path, Connection raw, Map<String, List<String>> asked) throws Exception {
        long direct = 0;
        int rows = 0;
        if (i % 2 == 1) {
            long r0 = System.nanoTime();
            rows = page(raw, asked).size();
            direct = System.nanoTime() - r0;
        }
        long s0 = System.nanoTime();
        byte[] answer = get(path);
        long server = System.nanoTime() - s0;
        if (i % 2 == 0) {
            long r0 = System.nanoTime();
            rows = page(raw, asked).size();
            direct = System.nanoTime() - r0;
        }
        return new Timed(server, direct, JSON.readTree(answer), rows);
    }

    /** 2. A CQL2 filter: three services, open, received in the last year (each run a different date). */
    static void filter(Connection raw) throws Exception {
        List<Long> server = new ArrayList<>();
        List<Long> direct = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS);
        for (int i = 0; i < 70; i++) {
            String filter = "service_code IN ('pothole','graffiti','streetlight-out') AND status <> 'closed' AND received_at > TIMESTAMP('"
                    + now.minus(200 + 2 * i, ChronoUnit.DAYS) + "')";
            Timed timed = timed(i, "/ogc/collections/service-requests/items?limit=1000&filter="
                    + URLEncoder.encode(filter, StandardCharsets.UTF_8), raw, Map.of("filter", List.of(filter), "limit", List.of("1000")));
            if (timed.page().path("numberReturned").asInt() != timed.rows()) {
                throw new IllegalStateException("filter: the server returned " + timed.page().path("numberReturned") + ", the SQL "
                        + timed.rows());
            }
            if (i >= 20) {
                server.add(timed.server());
                direct.add(timed.direct());
            }
        }
        latency("CQL2 filter, limit=1000 (median)", server, direct, 0.5, "", 0);
    }

    /** 3. Page 1,000 of a walk with limit=100 from the first page, following next links (keyset: no deep offset). */
    static void paging(Connection raw) throws Exception {
        String next = "/ogc/collections/service-requests/items?limit=100";
        String last = null;
        long w0 = System.nanoTime();
        for (int i = 1; i < 1000; i++) {
            JsonNode page = getJson(next);
            next = link(page, "next");
            last = page.path("features").get(page.path("features").size() - 1).path("id").asText();
        }
        long walked = System.nanoTime() - w0;
        String tokenAfter = null;
        List<Object[]> rows = null;
        long r0 = System.nanoTime();
        Map<String, List<String>> asked = Map.of("limit", List.of("100"));
        for (int i = 1; i < 1000; i++) {
            rows = page(raw, asked);
            Object[] lastRow = rows.get(rows.size() - 1);
            tokenAfter = parameters.next((Instant) lastRow[1], (String) lastRow[0]);
            asked = Map.of("limit", List.of("100"), "cursor", List.of(tokenAfter));
        }
        long rawWalked = System.nanoTime() - r0;
        if (!rows.get(rows.size() - 1)[0].equals(last)) {
            throw new IllegalStateException("paging: page 999 ends at " + last + " on the server, " + rows.get(rows.size() - 1)[0] + " in SQL");
        }
        List<Long> server = new ArrayList<>();
        List<Long> direct = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long t0 = System.nanoTime();
            get(next);
            long t1 = System.nanoTime();
            page(raw, asked);
            long t2 = System.nanoTime();
            if (i >= 5) {
                server.add(t1 - t0);
                direct.add(t2 - t1);
            }
        }
        latency("page 1,000 of a walk, limit=100 (median)", server, direct, 0.5, "", 0);
        row("the walk to it: 999 pages", String.format(Locale.ROOT, "%.1f s", walked / 1e9),
                String.format(Locale.ROOT, "%.1f s", rawWalked / 1e9), ratio(walked, rawWalked), "");
    }

    /** 4. The whole export to nowhere, rows/s, beside COPY to nowhere; the server's heap sampled every second. */
    static void export(Connection raw, String pid, String xmx, String format, String copy) throws Exception {
        String path = "/v1/opendata/requests." + format;
        HeapWatch heap = new HeapWatch(pid);
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 404) {
            heap.stop();
            response.body().close();
            row("export ." + format + " (all rows), rows/s", "n/a (route missing)", "", "", "");
            row("  heap during it (-Xmx" + xmx + ")", "n/a (route missing)", "", "", "");
            return;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        long lines = countLines(response.body());
        long t1 = System.nanoTime();
        long maxHeap = heap.stop();
        long rows = format.equals("csv") ? lines - 1 : lines;
        AtomicLong copied = new AtomicLong();
        try (var untimed = raw.createStatement()) {
            untimed.execute("SET LOCAL statement_timeout = 0"); // a whole export outlasts the pages' limit
        }
        long c0 = System.nanoTime();
        raw.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    copied.incrementAndGet();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        copied.incrementAndGet();
                    }
                }
            }
        });
        raw.commit();
        long c1 = System.nanoTime();
        long copiedRows = format.equals("csv") ? copied.get() - 1 : copied.get();
        double rate = rows / ((t1 - t0) / 1e9);
        double rawRate = copiedRows / ((c1 - c0) / 1e9);
        say("export ." + format + ": " + rows + " rows in " + seconds(t1 - t0) + ", COPY " + copiedRows + " rows in " + seconds(c1 - c0));
        row("export ." + format + " (all rows), rows/s", String.format(Locale.ROOT, "%,.0f", rate),
                String.format(Locale.ROOT, "%,.0f (COPY)", rawRate), String.format(Locale.ROOT, "%.2f", rate / rawRate),
                (rate >= rawRate / 2 ? "yes" : "NO") + " (>= 0.5)");
        row("  heap during it (-Xmx" + xmx + "), max used", heap.before / 1024 + " MB before, " + maxHeap / 1024 + " MB max", "", "",
                maxHeap < 200 * 1024 ? "flat" : "NO: grew");
    }

    /** 5. The change feed: replayed from the start, then a day of changes made and caught up with. */
    static void changes(Connection raw, Connection writer) throws Exception {
        String first = "/v1/opendata/changes?limit=1000";
        HttpResponse<byte[]> probe = HTTP.send(request(first).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (probe.statusCode() == 404) {
            row("change feed: a day of changes (20,000) caught up", "n/a (route missing)", "", "", "");
            return;
        }
        long r0 = System.nanoTime();
        Walk replay = walk(first);
        long r1 = System.nanoTime();
        say("change feed: replayed " + replay.items + " changes in " + replay.pages + " pages, " + seconds(r1 - r0));
        long since;
        try (PreparedStatement ps = writer.prepareStatement("SELECT pg_current_xact_id()::text::bigint"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            since = rs.getLong(1);
        }
        int touched = touchADay(writer);
        long t0 = System.nanoTime();
        // A change is listed once every older transaction on the cluster has ended: a walk that finds an empty
        // page before that is a mirror that polls again, so poll until every change made is in.
        Walk day = walk(replay.next);
        long dayItems = day.items;
        int dayPages = day.pages;
        while (dayItems < touched && System.nanoTime() - t0 < 300_000_000_000L) {
            Thread.sleep(200);
            day = walk(day.next);
            dayItems += day.items;
            dayPages += day.pages;
        }
        day = new Walk(dayItems, dayPages, day.next);
        long t1 = System.nanoTime();
        long rawItems = 0;
        long x = since;
        String after = "";
        long c0 = System.nanoTime();
        while (true) {
            int rows = 0;
            try (PreparedStatement ps = raw.prepareStatement("SELECT changed_xid::text, tracking_number, " + columns
                    + ", withdrawn_at FROM opendata.published_request WHERE held_on IS NULL "
                    + "AND (changed_xid, tracking_number COLLATE \"C\") > (?::text::xid8, ? COLLATE \"C\") "
                    + "AND changed_xid < (SELECT pg_snapshot_xmin(pg_current_snapshot())) "
                    + "ORDER BY changed_xid, tracking_number COLLATE \"C\" LIMIT 1000")) {
                ps.setString(1, Long.toString(x));
                ps.setString(2, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        x = Long.parseLong(rs.getString(1));
                        after = rs.getString(2);
                        readRow(rs);
                        rows++;
                    }
                }
            }
            raw.commit();
            rawItems += rows;
            if (rows < 1000) {
                break;
            }
        }
        long c1 = System.nanoTime();
        say("change feed: " + touched + " rows changed; the feed gave " + day.items + " in " + day.pages + " pages, the SQL " + rawItems);
        row("change feed: replay from the start", seconds(r1 - r0) + ", " + replay.items + " changes", "", "", "");
        row("change feed: a day of changes (" + touched + ") caught up", seconds(t1 - t0) + ", " + day.pages + " pages",
                seconds(c1 - c0), ratio(t1 - t0, c1 - c0), "");
    }

    record Walk(long items, int pages, String next) {
    }

    /** Follows next until there is none or a page is empty: caught up, as a mirror polling it would find. */
    static Walk walk(String from) throws Exception {
        String next = from;
        long items = 0;
        int pages = 0;
        while (true) {
            HttpResponse<byte[]> response = HTTP.send(request(next).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(next + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            JsonNode page = JSON.readTree(response.body());
            int n = 0;
            for (JsonNode field : page) {
                if (field.isArray() && !field.equals(page.get("links"))) {
                    n = Math.max(n, field.size());
                }
            }
            pages++;
            items += n;
            String following = link(page, "next");
            if (following == null) {
                following = response.headers().firstValue("Link").filter(l -> l.contains("rel=\"next\""))
                        .map(l -> l.substring(l.indexOf('<') + 1, l.indexOf('>'))).orElse(null);
            }
            if (following == null || n == 0) {
                return new Walk(items, pages, following == null ? next : following);
            }
            next = following;
        }
    }

    /** A day of a city's changes: 20,000 rows received in the last two months, in transactions of 1 to 20. */
    static int touchADay(Connection writer) throws Exception {
        writer.setAutoCommit(false);
        List<String> numbers = new ArrayList<>();
        try (PreparedStatement ps = writer.prepareStatement("SELECT tracking_number FROM opendata.published_request "
                + "WHERE withdrawn_at IS NULL AND received_at > now() - interval '60 days' ORDER BY md5(tracking_number) LIMIT 20000");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                numbers.add(rs.getString(1));
            }
        }
        writer.commit();
        Random random = new Random(5);
        int done = 0;
        while (done < numbers.size()) {
            int size = Math.min(numbers.size() - done, 1 + random.nextInt(20));
            try (PreparedStatement ps = writer.prepareStatement("UPDATE opendata.published_request SET me_too_count = me_too_count + 1, "
                    + "updated_at = now(), changed_at = now(), changed_xid = pg_current_xact_id() WHERE tracking_number = ANY (?)")) {
                ps.setArray(1, writer.createArrayOf("text", numbers.subList(done, done + size).toArray()));
                ps.executeUpdate();
            }
            writer.commit();
            done += size;
        }
        return done;
    }

    /** The rows of one page, read as the server reads them: PublishedRequestRepository.page's own statement. */
    static List<Object[]> page(Connection raw, Map<String, List<String>> asked) throws Exception {
        ItemsQuery query = parameters.read(asked, java.util.Set.of());
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = raw.prepareStatement((String) pageSql.invoke(null, query.where(), query.orderBy()))) {
            List<SqlValue> values = query.where().values();
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i).jdbcValue());
            }
            ps.setInt(values.size() + 1, query.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(readRow(rs));
                }
            }
        }
        raw.commit();
        return rows.size() > query.limit() ? rows.subList(0, query.limit()) : rows;
    }

    static Object[] readRow(ResultSet rs) throws Exception {
        Timestamp received = rs.getTimestamp("received_at");
        return new Object[] {rs.getString("tracking_number"), received == null ? null : received.toInstant(),
            rs.getString("service_code"), rs.getString("service_name"), rs.getString("department"), rs.getString("districts"),
            rs.getString("status"), rs.getString("status_detail"), rs.getTimestamp("updated_at"), rs.getTimestamp("closed_at"),
            rs.getTimestamp("expected_at"), rs.getObject("on_time"), rs.getInt("me_too_count"), rs.getString("channel"),
            rs.getObject("lon"), rs.getObject("lat"), rs.getObject("location_precision_m"), rs.getString("description"),
            rs.getString("photo_urls"), rs.getString("address")};
    }

    static JsonNode getJson(String path) throws Exception {
        return JSON.readTree(get(path));
    }

    /** The answer's bytes, all read: what the route is timed by (parsing them is the client's own time, as running the SQL's rows is). */
    static byte[] get(String path) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    static HttpRequest.Builder request(String pathOrUrl) {
        return HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl))
                .header("Accept", "application/geo+json, application/json;q=0.9, */*;q=0.1");
    }

    static String link(JsonNode page, String rel) {
        for (JsonNode link : page.path("links")) {
            if (rel.equals(link.path("rel").asText())) {
                return link.path("href").asText();
            }
        }
        JsonNode next = page.get(rel);
        if (next != null && next.isTextual()) {
            String value = next.asText();
            return value.startsWith("http") || value.startsWith("/") ? value : null;
        }
        return null;
    }

    static long countLines(InputStream in) throws Exception {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    /** The server's used heap (young and old generations, KB) every second, by jstat. */
    static final class HeapWatch {
        final Process jstat;
        final long before;
        volatile long max;
        final Thread reader;

        HeapWatch(String pid) throws Exception {
            // jstat sometimes fails to attach ("... not found") on the first try: try again before giving up.
            List<String> needed = List.of("S0U", "S1U", "EU", "OU");
            Process started = null;
            BufferedReader reading = null;
            String[] named = new String[0];
            for (int attempt = 0; attempt < 5 && !Arrays.asList(named).containsAll(needed); attempt++) {
                if (started != null) {
                    started.destroy();
                    Thread.sleep(1000);
                }
                started = new ProcessBuilder("jstat", "-gc", pid, "1000").redirectErrorStream(true).start();
                reading = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
                String first = reading.readLine();
                named = first == null ? new String[0] : first.trim().split("\\s+");
            }
            if (!Arrays.asList(named).containsAll(needed)) {
                throw new IllegalStateException("jstat did not attach: " + String.join(" ", named));
            }
            jstat = started;
            BufferedReader lines = reading;
            String[] header = named;
            long first = used(header, lines.readLine());
            before = first;
            max = first;
            reader = new Thread(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        max = Math.max(max, used(header, line));
                    }
                } catch (Exception ignored) {
                    // jstat stopped
                }
            });
            reader.start();
        }

        static long used(String[] header, String line) {
            String[] v = line.trim().split("\\s+");
            List<String> names = Arrays.asList(header);
            double kb = 0;
            for (String name : List.of("S0U", "S1U", "EU", "OU")) {
                kb += Double.parseDouble(v[names.indexOf(name)]);
            }
            return (long) kb;
        }

        long stop() throws Exception {
            Thread.sleep(1100);
            jstat.destroy();
            reader.join();
            return max;
        }
    }

    static void latency(String label, List<Long> server, List<Long> direct, double quantile, String goal, double goalMs) {
        double s = quantile(server, quantile) / 1e6;
        double d = quantile(direct, quantile) / 1e6;
        String met = "";
        if (!goal.isEmpty()) {
            met = (s <= 1.5 * d && s < goalMs ? "yes" : "NO") + " (" + goal + ")";
        }
        row(label + ", n=" + server.size(), String.format(Locale.ROOT, "%.1f ms", s), String.format(Locale.ROOT, "%.1f ms", d),
                String.format(Locale.ROOT, "%.2f", s / d), met);
    }

    static double quantile(List<Long> values, double q) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    static String ratio(long a, long b) {
        return String.format(Locale.ROOT, "%.2f", (double) a / b);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static void row(String... cells) {
        TABLE.add(cells);
        say(String.join(" | ", cells));
    }

    static void say(String line) {
        System.err.println(line);
    }

    /** The settings application.yml gives the server's open-data connections (their defaults), so the SQL runs under the same. */
    static String serverOptions() throws Exception {
        try (InputStream yml = OpenDataBench.class.getClassLoader().getResourceAsStream("application.yml")) {
            String text = new String(yml.readAllBytes(), StandardCharsets.UTF_8);
            java.util.regex.Matcher options = java.util.regex.Pattern.compile("options: \"(-c statement_timeout[^\"]*)\"").matcher(text);
            if (!options.find()) {
                throw new IllegalStateException("no options of the open-data datasource in application.yml");
            }
            return options.group(1).replaceAll("\\$\\{[A-Z_]+:([^}]*)}", "$1");
        }
    }

    static String constant(Class<?> type, String name) throws Exception {
        var field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (String) field.get(null);
    }
}
