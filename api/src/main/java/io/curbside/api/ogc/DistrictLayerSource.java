package io.curbside.api.ogc;

import io.curbside.api.jurisdiction.Jurisdiction;
import io.curbside.api.support.KeysetPage;
import io.curbside.geo.Bbox;
import io.curbside.geo.GeoJsonWriter;
import io.micronaut.core.annotation.Nullable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One district layer as a collection: its districts are the features, with their code (the feature's
 * id) and name. Districts have no time, so every {@code datetime} matches them all.
 */
final class DistrictLayerSource implements FeatureSource {

    /** The order the jurisdiction keeps districts in (length, then code: "2" before "10"), and pages by. */
    private static final Comparator<String> ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private final Jurisdiction.Layer layer;
    @Nullable
    private final Instant changedAt;

    DistrictLayerSource(Jurisdiction.Layer layer, @Nullable Instant changedAt) {
        this.layer = layer;
        this.changedAt = changedAt;
    }

    @Override
    public Optional<Instant> lastModified() {
        return Optional.ofNullable(changedAt);
    }

    @Override
    public String id() {
        return layer.code();
    }

    @Override
    public Set<String> languages() {
        Set<String> languages = new TreeSet<>(layer.name().languages());
        layer.districts().forEach(d -> languages.addAll(d.name().languages()));
        return languages;
    }

    @Override
    public CollectionInfo describe(String language) {
        Envelope extent = new Envelope();
        layer.districts().forEach(d -> extent.expandToInclude(d.area().getEnvelopeInternal()));
        String title = layer.name().in(language);
        return CollectionInfo.spatial(title, "The districts of the layer \"" + title + "\" (" + layer.code()
                        + "), as the city publishes them: each with its code and name.",
                extent.isNull() ? null : new Bbox(extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()));
    }

    @Override
    public FeaturePage items(ItemsQuery query, String language) {
        List<Jurisdiction.District> matching = layer.districts().stream()
                .filter(d -> query.bbox() == null || d.area().intersects(box(d.area(), query.bbox())))
                .sorted(Comparator.comparing(Jurisdiction.District::code, ORDER))
                .toList();
        List<Jurisdiction.District> after = query.cursor() == null ? matching : matching.stream()
                .filter(d -> ORDER.compare(d.code(), query.cursor().key()) > 0).toList();
        KeysetPage<Jurisdiction.District> page = KeysetPage.read(query.limit(),
                n -> after.subList(0, Math.min(n, after.size())), Jurisdiction.District::code);
        return new FeaturePage(page.rows().stream().map(d -> feature(d, language)).toList(), matching.size(),
                page.nextCursor());
    }

    @Override
    public Optional<Feature> item(String featureId, String language) {
        return layer.districts().stream().filter(d -> d.code().equals(featureId)).findFirst()
                .map(d -> feature(d, language));
    }

    private Feature feature(Jurisdiction.District district, String language) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("layer", layer.code());
        properties.put("code", district.code());
        properties.put("name", district.name().in(language));
        return new Feature(district.code(), GeoJsonWriter.geometry(district.area()), properties);
    }

    private static Geometry box(Geometry like, Bbox bbox) {
        return like.getFactory().toGeometry(new Envelope(bbox.minLon(), bbox.maxLon(), bbox.minLat(), bbox.maxLat()));
    }
}
