package io.curbside.api.catalog;

import io.curbside.api.support.DataStoreException;
import io.curbside.api.support.JsonTexts;
import io.curbside.contract.model.PhotoPolicy;
import io.curbside.contract.model.PrivacyClass;
import io.curbside.contract.model.QuestionDatatype;
import io.curbside.contract.model.TargetUnit;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of services with their questions and district routing, written from and read back into
 * {@link Catalog.Service}: shared by the file import, the public catalog and the admin routes.
 * Callers hold the transaction.
 */
@Singleton
class StoredServiceRepository {

    private final JdbcOperations jdbc;
    private final JsonTexts texts;

    StoredServiceRepository(JdbcOperations jdbc, JsonTexts texts) {
        this.jdbc = jdbc;
        this.texts = texts;
    }

    /**
     * Locks, in id order, the requests of the services whose name or privacy class this write
     * changes, before the service row changes: V16's trigger then queues each of them for
     * re-projection. A staff change locks its request first and queues it after, so every
     * transaction takes a request's row lock before its queue row, in id order, and a catalog
     * edit and a staff change on one of its requests wait for each other instead of deadlocking.
     */
    private void lockRequestsToReproject(List<Catalog.Service> services) {
        jdbc.prepareStatement("""
                SELECT r.id FROM service_request r JOIN service s ON s.code = r.service_code
                JOIN unnest(?::text[], ?::text[], ?::text[]) AS n (code, name, privacy) ON n.code = s.code
                WHERE s.name IS DISTINCT FROM n.name::jsonb OR s.privacy_class IS DISTINCT FROM n.privacy
                ORDER BY r.id FOR UPDATE OF r""", ps -> {
            Connection c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("text", services.stream().map(Catalog.Service::code).toArray()));
            ps.setArray(2, c.createArrayOf("text", services.stream().map(s -> texts.write(s.name())).toArray()));
            ps.setArray(3, c.createArrayOf("text", services.stream().map(s -> s.privacy().getValue()).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // locked
                }
            }
            return null;
        });
    }

    /** A service as stored, with what its entry in a file does not say. */
    record Stored(Catalog.Service service, boolean active, int version, Instant updatedAt) {
    }

    /**
     * Upserts the services and replaces their questions and routing. {@code activate} brings a
     * retired one back (a file import lists what is offered); otherwise a retired one stays so.
     */
    void write(List<Catalog.Service> services, boolean activate) {
        lockRequestsToReproject(services);
        Connection c = jdbc.getConnection();
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO service (code, group_code, department_code, name, description, keywords, target_value,
                    target_unit, photo_policy, privacy_class, anonymous_allowed, emergency_message, sort_order, active)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, true)
                ON CONFLICT (code) DO UPDATE SET group_code = excluded.group_code,
                    department_code = excluded.department_code, name = excluded.name,
                    description = excluded.description, keywords = excluded.keywords,
                    target_value = excluded.target_value, target_unit = excluded.target_unit,
                    photo_policy = excluded.photo_policy, privacy_class = excluded.privacy_class,
                    anonymous_allowed = excluded.anonymous_allowed, emergency_message = excluded.emergency_message,
                    sort_order = excluded.sort_order, active = service.active OR ?, updated_at = now()""");
             PreparedStatement clearRouting = c.prepareStatement(
                     "DELETE FROM service_district_department WHERE service_code = ?");
             PreparedStatement routing = c.prepareStatement(
                     "INSERT INTO service_district_department (service_code, district_code, department_code) VALUES (?, ?, ?)");
             PreparedStatement clearQuestions = c.prepareStatement("DELETE FROM service_question WHERE service_code = ?");
             PreparedStatement question = c.prepareStatement("""
                     INSERT INTO service_question (service_code, code, datatype, required, sort_order, prompt, description)
                     VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""");
             PreparedStatement value = c.prepareStatement("""
                     INSERT INTO service_question_value (service_code, question_code, key, name, sort_order)
                     VALUES (?, ?, ?, ?::jsonb, ?)""")) {
            for (Catalog.Service s : services) {
                upsert.setString(1, s.code());
                upsert.setString(2, s.group());
                upsert.setString(3, s.department());
                upsert.setString(4, texts.write(s.name()));
                upsert.setString(5, texts.write(s.description()));
                upsert.setArray(6, c.createArrayOf("text", s.keywords().toArray()));
                upsert.setInt(7, s.target().value());
                upsert.setString(8, s.target().unit().getValue());
                upsert.setString(9, s.photos().getValue());
                upsert.setString(10, s.privacy().getValue());
                upsert.setBoolean(11, s.anonymous());
                upsert.setString(12, texts.write(s.emergencyMessage()));
                upsert.setInt(13, s.order());
                upsert.setBoolean(14, activate);
                upsert.executeUpdate();
                clearRouting.setString(1, s.code());
                clearRouting.executeUpdate();
                for (Map.Entry<String, String> e : s.districtDepartments().entrySet()) {
                    routing.setString(1, s.code());
                    routing.setString(2, e.getKey());
                    routing.setString(3, e.getValue());
                    routing.addBatch();
                }
                routing.executeBatch();
                clearQuestions.setString(1, s.code());
                clearQuestions.executeUpdate();
                for (Catalog.Question q : s.questions()) {
                    question.setString(1, s.code());
                    question.setString(2, q.code());
                    question.setString(3, q.datatype().getValue());
                    question.setBoolean(4, q.required());
                    question.setInt(5, q.order());
                    question.setString(6, texts.write(q.prompt()));
                    question.setString(7, texts.write(q.description()));
                    question.addBatch();
                    int order = 0;
                    for (Catalog.AnswerValue v : q.values()) {
                        value.setString(1, s.code());
                        value.setString(2, q.code());
                        value.setString(3, v.key());
                        value.setString(4, texts.write(v.name()));
                        value.setInt(5, ++order);
                        value.addBatch();
                    }
                }
                question.executeBatch();
                value.executeBatch();
            }
        } catch (SQLException e) {
            throw new DataStoreException("service SQL", e);
        }
    }

    /**
     * Services ordered as the city ordered them (group, then the service's place): only the active
     * ones, or all; only the one with {@code code} when it is not null.
     */
    List<Stored> read(boolean activeOnly, String code) {
        Connection c = jdbc.getConnection();
        try {
            Map<String, List<Catalog.Question>> questions = questions(c, code);
            Map<String, Map<String, String>> routing = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT service_code, district_code, department_code FROM service_district_department
                    WHERE ?::text IS NULL OR service_code = ?""")) {
                ps.setString(1, code);
                ps.setString(2, code);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        routing.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                    }
                }
            }
            List<Stored> services = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT s.code, s.group_code, s.department_code, s.keywords, s.name::text, s.description::text,
                           s.target_value, s.target_unit, s.photo_policy, s.privacy_class, s.anonymous_allowed,
                           s.emergency_message::text, s.sort_order, s.active, s.version, s.updated_at
                    FROM service s JOIN service_group g ON g.code = s.group_code
                    WHERE (s.active OR NOT ?) AND (?::text IS NULL OR s.code = ?)
                    ORDER BY g.sort_order, s.sort_order, s.code""")) {
                ps.setBoolean(1, activeOnly);
                ps.setString(2, code);
                ps.setString(3, code);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String service = rs.getString(1);
                        services.add(new Stored(new Catalog.Service(service, rs.getString(2), rs.getString(3),
                                Arrays.asList((String[]) rs.getArray(4).getArray()),
                                texts.read(rs.getString(5)), texts.read(rs.getString(6)),
                                new Catalog.Target(rs.getInt(7), TargetUnit.fromValue(rs.getString(8))),
                                PhotoPolicy.fromValue(rs.getString(9)), PrivacyClass.fromValue(rs.getString(10)),
                                rs.getBoolean(11), texts.read(rs.getString(12)),
                                routing.getOrDefault(service, Map.of()), questions.getOrDefault(service, List.of()),
                                rs.getInt(13)), rs.getBoolean(14), rs.getInt(15), rs.getTimestamp(16).toInstant()));
                    }
                }
            }
            return services;
        } catch (SQLException e) {
            throw new DataStoreException("service SQL", e);
        }
    }

    private Map<String, List<Catalog.Question>> questions(Connection c, String code) throws SQLException {
        Map<String, List<Catalog.AnswerValue>> values = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT service_code, question_code, key, name::text FROM service_question_value
                WHERE ?::text IS NULL OR service_code = ?
                ORDER BY service_code, question_code, sort_order""")) {
            ps.setString(1, code);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>())
                            .add(new Catalog.AnswerValue(rs.getString(3), texts.read(rs.getString(4))));
                }
            }
        }
        Map<String, List<Catalog.Question>> questions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT service_code, code, datatype, required, sort_order, prompt::text, description::text
                FROM service_question WHERE ?::text IS NULL OR service_code = ?
                ORDER BY service_code, sort_order, code""")) {
            ps.setString(1, code);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String service = rs.getString(1);
                    String question = rs.getString(2);
                    questions.computeIfAbsent(service, k -> new ArrayList<>()).add(new Catalog.Question(question,
                            QuestionDatatype.fromValue(rs.getString(3)), rs.getBoolean(4), rs.getInt(5),
                            texts.read(rs.getString(6)), texts.read(rs.getString(7)),
                            values.getOrDefault(service + "/" + question, List.of())));
                }
            }
        }
        return questions;
    }
}
