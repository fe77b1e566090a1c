package io.curbside.api.catalog;

import io.curbside.api.support.DataStoreException;
import io.curbside.api.support.DataVersions;
import io.curbside.api.support.JsonTexts;
import io.curbside.contract.model.PhotoPolicy;
import io.curbside.contract.model.PrivacyClass;
import io.curbside.contract.model.QuestionDatatype;
import io.curbside.contract.model.TargetUnit;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The catalog's SQL. Callers hold the transaction. */
@Singleton
public class CatalogRepository {

    private final JdbcOperations jdbc;
    private final JsonTexts texts;
    private final DataVersions versions;

    public CatalogRepository(JdbcOperations jdbc, JsonTexts texts, DataVersions versions) {
        this.jdbc = jdbc;
        this.texts = texts;
        this.versions = versions;
    }

    /**
     * Writes the catalog: upserts its departments, groups and services, replaces the questions
     * of those services, and retires services the file no longer has (requests refer to them).
     */
    public void save(Catalog catalog, String source, String sha256) {
        Connection c = jdbc.getConnection();
        try {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO department (code, name) VALUES (?, ?::jsonb)
                    ON CONFLICT (code) DO UPDATE SET name = excluded.name, updated_at = now()""")) {
                for (Catalog.Department d : catalog.departments()) {
                    ps.setString(1, d.code());
                    ps.setString(2, texts.write(d.name()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO service_group (code, name, sort_order) VALUES (?, ?::jsonb, ?)
                    ON CONFLICT (code) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order,
                        updated_at = now()""")) {
                for (Catalog.Group g : catalog.groups()) {
                    ps.setString(1, g.code());
                    ps.setString(2, texts.write(g.name()));
                    ps.setInt(3, g.order());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            saveServices(c, catalog.services());
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO business_calendar (timezone, holidays) VALUES (?, ?)
                    ON CONFLICT (singleton) DO UPDATE SET timezone = excluded.timezone, holidays = excluded.holidays""")) {
                ps.setString(1, catalog.calendar().zone().getId());
                ps.setArray(2, c.createArrayOf("date",
                        catalog.calendar().holidays().stream().map(Date::valueOf).toArray()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE service SET active = false, updated_at = now() WHERE active AND NOT (code = ANY (?))")) {
                ps.setArray(1, c.createArrayOf("text",
                        catalog.services().stream().map(Catalog.Service::code).toArray()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO catalog_import (source, sha256, languages, services) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, source);
                ps.setString(2, sha256);
                ps.setArray(3, c.createArrayOf("text", catalog.languages().toArray()));
                ps.setInt(4, catalog.services().size());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new DataStoreException("catalog SQL", e);
        }
    }

    private void saveServices(Connection c, List<Catalog.Service> services) throws SQLException {
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
                    sort_order = excluded.sort_order, active = true, updated_at = now()""");
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
        }
    }

    /**
     * The active catalog and its version, read in one repeatable-read snapshot: a catalog being
     * written is never seen half-way (a service without its department).
     */
    @ReadOnly(isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public Snapshot snapshot() {
        return new Snapshot(versions.of(DataVersions.Kind.CATALOG), loadActive());
    }

    /** A catalog as of one version. */
    public record Snapshot(long version, Catalog catalog) {
    }

    /** The active catalog, ordered as the city ordered it. */
    private Catalog loadActive() {
        Connection c = jdbc.getConnection();
        try {
            Map<String, Catalog.Department> departments = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code, name::text FROM department ORDER BY code");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    departments.put(rs.getString(1), new Catalog.Department(rs.getString(1), texts.read(rs.getString(2))));
                }
            }
            List<Catalog.Group> groups = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    // A group a later file dropped stays (services may refer to it) but is not listed.
                    """
                    SELECT g.code, g.name::text, g.sort_order FROM service_group g
                    WHERE EXISTS (SELECT 1 FROM service s WHERE s.group_code = g.code AND s.active)
                    ORDER BY g.sort_order, g.code""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(new Catalog.Group(rs.getString(1), texts.read(rs.getString(2)), rs.getInt(3)));
                }
            }
            Map<String, List<Catalog.Question>> questions = loadQuestions(c);
            Map<String, Map<String, String>> routing = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT service_code, district_code, department_code FROM service_district_department");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    routing.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
            List<Catalog.Service> services = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT s.code, s.group_code, s.department_code, s.keywords, s.name::text, s.description::text,
                           s.target_value, s.target_unit, s.photo_policy, s.privacy_class, s.anonymous_allowed,
                           s.emergency_message::text, s.sort_order
                    FROM service s JOIN service_group g ON g.code = s.group_code
                    WHERE s.active
                    ORDER BY g.sort_order, s.sort_order, s.code""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    services.add(new Catalog.Service(code, rs.getString(2), rs.getString(3),
                            Arrays.asList((String[]) rs.getArray(4).getArray()),
                            texts.read(rs.getString(5)), texts.read(rs.getString(6)),
                            new Catalog.Target(rs.getInt(7), TargetUnit.fromValue(rs.getString(8))),
                            PhotoPolicy.fromValue(rs.getString(9)), PrivacyClass.fromValue(rs.getString(10)),
                            rs.getBoolean(11), texts.read(rs.getString(12)),
                            routing.getOrDefault(code, Map.of()), questions.getOrDefault(code, List.of()),
                            rs.getInt(13)));
                }
            }
            return new Catalog(languages(c), calendar(c), List.copyOf(departments.values()), groups, services);
        } catch (SQLException e) {
            throw new DataStoreException("catalog SQL", e);
        }
    }

    private Map<String, List<Catalog.Question>> loadQuestions(Connection c) throws SQLException {
        Map<String, List<Catalog.AnswerValue>> values = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT service_code, question_code, key, name::text FROM service_question_value
                ORDER BY service_code, question_code, sort_order""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>())
                        .add(new Catalog.AnswerValue(rs.getString(3), texts.read(rs.getString(4))));
            }
        }
        Map<String, List<Catalog.Question>> questions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT service_code, code, datatype, required, sort_order, prompt::text, description::text
                FROM service_question ORDER BY service_code, sort_order, code""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String service = rs.getString(1);
                String code = rs.getString(2);
                questions.computeIfAbsent(service, k -> new ArrayList<>()).add(new Catalog.Question(code,
                        QuestionDatatype.fromValue(rs.getString(3)), rs.getBoolean(4), rs.getInt(5),
                        texts.read(rs.getString(6)), texts.read(rs.getString(7)),
                        values.getOrDefault(service + "/" + code, List.of())));
            }
        }
        return questions;
    }

    private static BusinessCalendar calendar(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT timezone, holidays FROM business_calendar");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return BusinessCalendar.DEFAULT;
            }
            SortedSet<LocalDate> holidays = new TreeSet<>();
            for (Date d : (Date[]) rs.getArray(2).getArray()) {
                holidays.add(d.toLocalDate());
            }
            return new BusinessCalendar(ZoneId.of(rs.getString(1)), holidays);
        }
    }

    /** The languages of the latest import; English at least. */
    private Set<String> languages(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT languages FROM catalog_import ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return Set.of((String[]) rs.getArray(1).getArray());
            }
            return Set.of("en");
        }
    }

}
