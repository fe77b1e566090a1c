package io.curbside.api.following;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What staff do to a request, written behind the API's back as the staff tools will write it: an
 * event in the history and, for a change of status, the request's status (and closing time).
 */
final class StaffChanges {

    private StaffChanges() {
    }

    /** An event that changes the status (or keeps it, for a note), public or internal. */
    static void event(Connection c, String number, String kind, String status, boolean isPublic, String note,
                      String dataJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO request_event (request_id, kind, status, public, note, data)
                SELECT id, ?, ?, ?, ?, ?::jsonb FROM service_request WHERE tracking_number = ?""")) {
            ps.setString(1, kind);
            ps.setString(2, status);
            ps.setBoolean(3, isPublic);
            ps.setString(4, note);
            ps.setString(5, dataJson);
            ps.setString(6, number);
            if (ps.executeUpdate() != 1) {
                throw new IllegalArgumentException("no request " + number);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE service_request SET status = ?, closed_at = CASE WHEN ? = 'closed' THEN now() END,
                       close_reason = CASE WHEN ? = 'closed' THEN 'fixed' END
                WHERE tracking_number = ? AND status <> ?""")) {
            ps.setString(1, status);
            ps.setString(2, status);
            ps.setString(3, status);
            ps.setString(4, number);
            ps.setString(5, status);
            ps.executeUpdate();
        }
    }

    static void publicEvent(Connection c, String number, String kind, String status, String note) throws SQLException {
        event(c, number, kind, status, true, note, "{}");
    }

    static void internalNote(Connection c, String number, String note) throws SQLException {
        String status;
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM service_request WHERE tracking_number = ?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                status = rs.getString(1);
            }
        }
        event(c, number, "note", status, false, note, "{}");
    }

    static void close(Connection c, String number) throws SQLException {
        publicEvent(c, number, "closed", "closed", "Filled and rolled");
    }

    static void reopen(Connection c, String number) throws SQLException {
        publicEvent(c, number, "reopened", "in_progress", null);
    }
}
