package io.curbside.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeoJsonReaderTest {

    private static final String SQUARE = "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]";

    static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAFeatureCollectionWithIdsAndProperties() {
        List<GeoFeature> features = GeoJsonReader.readFeatures(json("""
                {'type':'FeatureCollection','bbox':[0,0,1,1],'features':[
                 {'type':'Feature','id':7,'properties':{'code':'7','name':{'en':'Seven'}},
                  'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,0]]]}},
                 {'type':'Feature','properties':null,'geometry':{'type':'Point','coordinates':[-83.0,40.0,212.5]}}]}"""));
        assertEquals(2, features.size());
        assertEquals("7", features.get(0).id());
        assertEquals("7", features.get(0).properties().get("code"));
        assertEquals(Map.of("en", "Seven"), features.get(0).properties().get("name"));
        assertInstanceOf(Polygon.class, features.get(0).geometry());
        assertEquals(Wgs84.SRID, features.get(0).geometry().getSRID());
        assertNull(features.get(1).id());
        assertEquals(Map.of(), features.get(1).properties());
        assertEquals(new Coordinate(-83.0, 40.0), features.get(1).geometry().getCoordinate());
    }

    @Test
    void refusesABareFeatureOrGeometryNamingWhatWasExpected() {
        for (String text : List.of("{'type':'Feature','properties':{},'geometry':{'type':'Point','coordinates':[1,2]}}",
                "{'type':'Point','coordinates':[1,2]}")) {
            GeoJsonException e = assertThrows(GeoJsonException.class, () -> GeoJsonReader.readFeatures(json(text)));
            assertEquals("type", e.where());
            assertTrue(e.reason().startsWith("expected a FeatureCollection, found \""), e.reason());
        }
    }

    @Test
    void readsEveryGeometryTypeInWgs84() {
        Map<String, Class<? extends Geometry>> types = Map.of(
                "{'type':'Point','coordinates':[1,2]}", Point.class,
                "{'type':'MultiPoint','coordinates':[[1,2],[3,4]]}", MultiPoint.class,
                "{'type':'LineString','coordinates':[[1,2],[3,4]]}", LineString.class,
                "{'type':'MultiLineString','coordinates':[[[1,2],[3,4]],[[5,6],[7,8]]]}", MultiLineString.class,
                "{'type':'Polygon','coordinates':" + SQUARE + "}", Polygon.class,
                "{'type':'MultiPolygon','coordinates':[" + SQUARE + "]}", MultiPolygon.class,
                "{'type':'GeometryCollection','geometries':[{'type':'Point','coordinates':[1,2]}]}",
                GeometryCollection.class);
        types.forEach((text, type) -> {
            Geometry g = GeoJsonReader.readGeometry(json(text));
            assertEquals(type, g.getClass(), text);
            assertEquals(Wgs84.SRID, g.getSRID(), text);
        });
    }

    @Test
    void anEmptyPointReadsAsAnEmptyGeometry() {
        assertTrue(GeoJsonReader.readGeometry(json("{'type':'Point','coordinates':[]}")).isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'type':'FeatureCollection','features':[{'type':'Feature','geometry':{'type':'Point','coordinates':[200,1]}}]}"
            + "|features[0].geometry.coordinates: longitude 200.0 is outside [-180, 180]",
        "{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1]]]}"
            + "|coordinates[0]: the ring is not closed: its last position must repeat its first",
        "{'type':'Polygon','coordinates':[[[0,0],[1,0],[0,0]]]}|coordinates[0]: a ring needs at least 4 positions, has 3",
        "{'type':'Polygon','coordinates':[]}|coordinates: a polygon needs an exterior ring",
        "{'type':'MultiPolygon','coordinates':[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,95],[1,1],[0,0]]]]}"
            + "|coordinates[1][0][1]: latitude 95.0 is outside [-90, 90]",
        "{'type':'LineString','coordinates':[[0,0]]}|coordinates: a line needs at least 2 positions",
        "{'type':'MultiLineString','coordinates':[[[0,0],[1,1]],[0,0]]}|coordinates[1][0]: a position is [longitude, latitude]",
        "{'type':'GeometryCollection','geometries':[{'type':'Point','coordinates':[0,0]},{'type':'Point'}]}"
            + "|geometries[1].coordinates: must be an array",
        "{'type':'GeometryCollection'}|geometries: must be an array",
        "{'type':'Circle','coordinates':[0,0]}|type: \"Circle\" is not a GeoJSON geometry type",
        "{'type':'Point','coordinates':['a',1]}|coordinates: a position is [longitude, latitude]",
        "{'type':'Point','coordinates':[1]}|coordinates: a position is [longitude, latitude]",
        "{'type':7,'coordinates':[1,1]}|type: must be a string",
        "{'features':[]}|type: is missing",
        "{'type':'FeatureCollection'}|features: must be an array",
        "{'type':'FeatureCollection','features':[{'type':'Feature','geometry':{'type':'Point','coordinates':[0,0]}},"
            + "{'type':'Point','coordinates':[0,0]}]}|features[1].type: expected \"Feature\", found \"Point\"",
        "{'type':'FeatureCollection','features':[1]}|features[0]: must be a JSON object",
        "{'type':'Feature','properties':{}}|geometry: is missing",
        "{'type':'Feature','geometry':null}|geometry: is null; features without a location are not accepted here",
        "{'type':'Feature','properties':[1],'geometry':{'type':'Point','coordinates':[0,0]}}"
            + "|properties: must be an object or null",
        "{'type':'Feature','id':{'a':1},'geometry':{'type':'Point','coordinates':[0,0]}}|id: must be a string or a number",
        "[1,2]|the document is not a JSON object",
        "''|the document is not a JSON object",
        "{'type':'Point',|not valid JSON",
        "{'type':'Point','coordinates':[0,0]} {}|not valid JSON",
    })
    void saysWhereTheGeoJsonIsWrong(String text, String expected) {
        // A Feature is read inside a collection; a geometry alone, as readGeometry takes it.
        String document = text.startsWith("{'type':'Feature',")
                ? "{'type':'FeatureCollection','features':[" + text + "]}" : text;
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> {
            if (document.contains("Feature") || document.contains("'features'")) {
                GeoJsonReader.readFeatures(json(document));
            } else {
                GeoJsonReader.readGeometry(json(document));
            }
        });
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void namesTheExactPositionDeepInACollection() {
        String ok = "{'type':'Feature','geometry':{'type':'Point','coordinates':[0,0]}}";
        String bad = "{'type':'Feature','geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[200,1],[0,0]]]}}";
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> GeoJsonReader.readFeatures(json(
                "{'type':'FeatureCollection','features':[" + ok + "," + ok + "," + ok + "," + bad + "]}")));
        assertEquals("features[3].geometry.coordinates[0][2]: longitude 200.0 is outside [-180, 180]", e.getMessage());
        assertEquals("features[3].geometry.coordinates[0][2]", e.where());
        assertEquals("longitude 200.0 is outside [-180, 180]", e.reason());
    }

    @Test
    void refusesAbsurdlyDeepNestingWithoutRecursingIntoIt() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        GeoJsonException e = assertThrows(GeoJsonException.class,
                () -> GeoJsonReader.readGeometry(json("{'type':'Point','coordinates':" + deep + "}")));
        assertTrue(e.getMessage().startsWith("not valid JSON"), e.getMessage());
    }
}
