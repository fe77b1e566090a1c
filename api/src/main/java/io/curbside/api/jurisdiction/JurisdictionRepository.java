package io.curbside.api.jurisdiction;

import io.curbside.api.i18n.Translations;
import io.curbside.api.store.DataVersionRepository;
import io.curbside.api.support.DataStoreException;
import io.curbside.api.support.JsonTexts;
import io.curbside.geo.LatLon;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The jurisdiction's SQL. Geometries travel as WKB; PostGIS stores them as SRID 4326. */
@Singleton
public class JurisdictionRepository {

    private final JdbcOperations jdbc;
    private final JsonTexts texts;
    private final DataVersionRepository versions;

    public JurisdictionRepository(JdbcOperations jdbc, JsonTexts texts, DataVersionRepository versions) {
        this.jdbc = jdbc;
        this.texts = texts;
        this.versions = versions;
    }



    /** Replaces the jurisdiction and all its layers. */
    public void replace(Jurisdiction jurisdiction, String source, String sha256) {
        Connection c = jdbc.getConnection();
        WKBWriter wkb = new WKBWriter();
        try {
            try (var s = c.createStatement()) {
                s.execute("DELETE FROM district");
                s.execute("DELETE FROM district_layer");
                s.execute("DELETE FROM jurisdiction");
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO jurisdiction (code, name, boundary, source, sha256)
                    VALUES (?, ?::jsonb, ST_SetSRID(ST_GeomFromWKB(?), 4326), ?, ?)""")) {
                ps.setString(1, jurisdiction.code());
                ps.setString(2, texts.write(jurisdiction.name()));
                ps.setBytes(3, wkb.write(jurisdiction.boundary()));
                ps.setString(4, source);
                ps.setString(5, sha256);
                ps.executeUpdate();
            }
            try (PreparedStatement layer = c.prepareStatement(
                    "INSERT INTO district_layer (code, name, sort_order) VALUES (?, ?::jsonb, ?)");
                 PreparedStatement district = c.prepareStatement("""
                         INSERT INTO district (layer_code, code, name, geom)
                         VALUES (?, ?, ?::jsonb, ST_SetSRID(ST_GeomFromWKB(?), 4326))""")) {
                int order = 0;
                for (Jurisdiction.Layer l : jurisdiction.layers()) {
                    layer.setString(1, l.code());
                    layer.setString(2, texts.write(l.name()));
                    layer.setInt(3, ++order);
                    layer.executeUpdate();
                    for (Jurisdiction.District d : l.districts()) {
                        district.setString(1, l.code());
                        district.setString(2, d.code());
                        district.setString(3, texts.write(d.name()));
                        district.setBytes(4, wkb.write(d.area()));
                        district.addBatch();
                    }
                    district.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new DataStoreException("jurisdiction SQL", e);
        }
    }

    /**
     * The jurisdiction with its layers in the order they were imported, if one was, read in one
     * repeatable-read snapshot so an import committing meanwhile is seen whole or not at all.
     */
    @ReadOnly(isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public Optional<Stored> load() {
        Connection c = jdbc.getConnection();
        WKBReader wkb = new WKBReader();
        long version = versions.of(DataVersionRepository.Kind.JURISDICTION);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT code, name::text, ST_AsBinary(boundary) FROM jurisdiction");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            String code = rs.getString(1);
            var name = texts.read(rs.getString(2));
            MultiPolygon boundary = (MultiPolygon) wkb.read(rs.getBytes(3));
            Map<String, List<Jurisdiction.District>> districts = new LinkedHashMap<>();
            try (PreparedStatement d = c.prepareStatement("""
                    SELECT layer_code, code, name::text, ST_AsBinary(geom) FROM district
                    ORDER BY layer_code, length(code), code""");
                 ResultSet drs = d.executeQuery()) {
                while (drs.next()) {
                    districts.computeIfAbsent(drs.getString(1), k -> new ArrayList<>()).add(new Jurisdiction.District(
                            drs.getString(2), texts.read(drs.getString(3)), (MultiPolygon) wkb.read(drs.getBytes(4))));
                }
            }
            List<Jurisdiction.Layer> layers = new ArrayList<>();
            try (PreparedStatement l = c.prepareStatement(
                    "SELECT code, name::text FROM district_layer ORDER BY sort_order");
                 ResultSet lrs = l.executeQuery()) {
                while (lrs.next()) {
                    layers.add(new Jurisdiction.Layer(lrs.getString(1), texts.read(lrs.getString(2)),
                            districts.getOrDefault(lrs.getString(1), List.of())));
                }
            }
            Instant changedAt = null;
            try (PreparedStatement h = c.prepareStatement("SELECT max(at) FROM jurisdiction_history");
                 ResultSet hrs = h.executeQuery()) {
                if (hrs.next() && hrs.getTimestamp(1) != null) {
                    changedAt = hrs.getTimestamp(1).toInstant();
                }
            }
            return Optional.of(new Stored(new Jurisdiction(code, name, boundary, layers), version, changedAt));
        } catch (SQLException e) {
            throw new DataStoreException("jurisdiction SQL", e);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }

    /**
     * Whether the city covers the point, and per layer the district that does (on a shared
     * edge, the one whose code sorts first). ST_Covers counts the boundary itself as inside
     * and uses the GiST index on district.geom.
     */
    @ReadOnly
    public Optional<Located> locate(LatLon point) {
        Connection c = jdbc.getConnection();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH p AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS pt)
                SELECT ST_Covers(j.boundary, p.pt), j.name::text
                FROM jurisdiction j, p""");
             PreparedStatement districts = c.prepareStatement("""
                     WITH p AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS pt)
                     SELECT DISTINCT ON (l.sort_order, d.layer_code) d.layer_code, l.name::text, d.code, d.name::text
                     FROM district d JOIN district_layer l ON l.code = d.layer_code, p
                     WHERE ST_Covers(d.geom, p.pt)
                     ORDER BY l.sort_order, d.layer_code, length(d.code), d.code""")) {
            ps.setDouble(1, point.lon());
            ps.setDouble(2, point.lat());
            boolean inside;
            Translations city;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                inside = rs.getBoolean(1);
                city = texts.read(rs.getString(2));
            }
            districts.setDouble(1, point.lon());
            districts.setDouble(2, point.lat());
            List<Located.Hit> hits = new ArrayList<>();
            try (ResultSet rs = districts.executeQuery()) {
                while (rs.next()) {
                    hits.add(new Located.Hit(rs.getString(1), texts.read(rs.getString(2)), rs.getString(3),
                            texts.read(rs.getString(4))));
                }
            }
            return Optional.of(new Located(inside, city, hits));
        } catch (SQLException e) {
            throw new DataStoreException("jurisdiction SQL", e);
        }
    }

    /** A jurisdiction as of one version, and when it was loaded (null where its history does not say). */
    public record Stored(Jurisdiction jurisdiction, long version, @Nullable Instant changedAt) {
    }
}
