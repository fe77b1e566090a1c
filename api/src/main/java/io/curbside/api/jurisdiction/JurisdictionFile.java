package io.curbside.api.jurisdiction;

import io.curbside.api.i18n.Translations;
import io.curbside.api.support.FileSource;
import io.curbside.api.support.InvalidFileException;
import io.curbside.api.support.YamlTree;
import io.curbside.geo.Boundaries;
import io.curbside.geo.GeoFeature;
import io.curbside.geo.GeoJsonException;
import io.curbside.geo.GeoJsonReader;
import org.locationtech.jts.geom.MultiPolygon;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a jurisdiction GeoJSON FeatureCollection: one feature with {@code "layer": "city"} is
 * the boundary; every other feature is a district of the layer its {@code layer} property names,
 * with {@code code}, {@code name} and optionally {@code layer_name} (names may be a string or a
 * map of language to text). The routing layer, whose district picks a report's department, must be
 * among them.
 */
public final class JurisdictionFile {

    static final String CITY_LAYER = "city";

    private JurisdictionFile() {
    }

    /** A file's jurisdiction, and what is odd about it but does not stop it loading. */
    public record Checked(Jurisdiction jurisdiction, List<LayerCoverage.Warning> warnings) {
    }

    /**
     * The file's city and layers, with the warnings of {@link LayerCoverage}; {@code routingLayer}
     * is the layer that must be there, without overlapping districts.
     */
    public static Checked parse(FileSource.Content content, String routingLayer) {
        List<GeoFeature> features;
        try {
            features = GeoJsonReader.readFeatures(new ByteArrayInputStream(content.bytes()));
        } catch (GeoJsonException e) {
            YamlTree.Problems unreadable = new YamlTree.Problems();
            unreadable.add(e.where(), e.reason());
            throw new InvalidFileException(content.source(), unreadable);
        }
        YamlTree.Problems problems = new YamlTree.Problems();
        Jurisdiction.District city = null;
        Map<String, Translations> layerNames = new LinkedHashMap<>();
        Map<String, List<Jurisdiction.District>> layers = new LinkedHashMap<>();
        Map<Jurisdiction.District, String> paths = new IdentityHashMap<>();
        Set<String> seen = new HashSet<>();
        // Layers named by any feature, its shape valid or not, so a bad shape is not also reported as a missing layer.
        Set<String> named = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            GeoFeature feature = features.get(i);
            YamlTree properties = new YamlTree("features[" + i + "].properties", feature.properties());
            String layer = properties.get("layer").code(problems);
            String code = properties.get("code").text(problems);
            Translations name = properties.get("name").translations(problems, true);
            if (layer != null) {
                named.add(layer);
            }
            String path = "features[" + i + "].geometry";
            MultiPolygon area = area(feature, path, CITY_LAYER.equals(layer) ? "the city"
                    : code != null ? "district \"" + code + "\"" : path, problems);
            if (layer == null || code == null || name == null || area == null) {
                continue;
            }
            if (!seen.add(layer + "/" + code)) {
                problems.add(properties.path() + ".code", "\"" + code + "\" is used twice in layer \"" + layer + "\"");
            }
            Jurisdiction.District district = new Jurisdiction.District(code, name, area);
            paths.put(district, path);
            if (layer.equals(CITY_LAYER)) {
                if (city != null) {
                    problems.add(properties.path() + ".layer", "there is already a \"city\" feature; there must be one");
                }
                city = district;
                continue;
            }
            Translations layerName = properties.get("layer_name").translations(problems, false);
            layerNames.merge(layer, layerName != null ? layerName : Translations.of(Translations.FALLBACK, layer),
                    (a, b) -> a);
            layers.computeIfAbsent(layer, k -> new ArrayList<>()).add(district);
        }
        if (!named.contains(CITY_LAYER)) {
            problems.add("features", "no feature has \"layer\": \"city\" (the city boundary)");
        }
        if (!named.contains(routingLayer)) {
            problems.add("features", "no feature has \"layer\": \"" + routingLayer + "\", the routing layer whose"
                    + " districts pick each report's department (CURBSIDE_ROUTING_LAYER)");
        }
        if (!problems.messages().isEmpty()) {
            throw new InvalidFileException(content.source(), problems);
        }
        List<Jurisdiction.Layer> result = new ArrayList<>();
        layers.forEach((code, districts) -> result.add(new Jurisdiction.Layer(code, layerNames.get(code), districts)));
        Jurisdiction jurisdiction = new Jurisdiction(city.code(), city.name(), city.area(), result);
        List<LayerCoverage.Warning> warnings = LayerCoverage.check(jurisdiction, routingLayer, paths::get, problems);
        if (!problems.messages().isEmpty()) {
            throw new InvalidFileException(content.source(), problems);
        }
        return new Checked(jurisdiction, warnings);
    }

    private static MultiPolygon area(GeoFeature feature, String path, String what, YamlTree.Problems problems) {
        try {
            MultiPolygon area = Boundaries.asMultiPolygon(feature.geometry());
            Boundaries.requireValid(area, what);
            return area;
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
    }
}
