package io.curbside.api.downloads;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Published rows written straight into the open dataset, enough that a download outlasts what a test does to it. */
final class ManyPublishedRows {

    private ManyPublishedRows() {
    }

    /** {@code rows} live potholes numbered {@code prefix-1...}, received one second apart from 2100 on. */
    static void insert(Connection c, String prefix, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department,
                        districts, district_codes, status, received_at, updated_at, me_too_count, channel, location,
                        location_precision_m, description)
                    SELECT '%s-' || g, 'pothole', 'Pothole', 'streets', '{"council_districts": "5"}', '{5}', 'received',
                        timestamptz '2100-01-01' + g * interval '1 second', now(), 0, 'phone',
                        ST_SetSRID(ST_MakePoint(-82.99, 39.99), 4326), 100, repeat('A long published description. ', 8)
                    FROM generate_series(1, %d) AS g""".formatted(prefix, rows));
        }
    }
}
