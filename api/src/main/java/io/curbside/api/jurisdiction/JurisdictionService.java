package io.curbside.api.jurisdiction;

import io.curbside.api.i18n.LanguageNegotiator;
import io.curbside.api.i18n.Translations;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.store.DataVersionRepository;
import io.curbside.api.support.EntityTags;
import io.curbside.contract.model.DistrictLayer;
import io.curbside.contract.model.DistrictRef;
import io.curbside.contract.model.GeoJsonFeature;
import io.curbside.contract.model.GeoJsonFeatureCollection;
import io.curbside.contract.model.GeoJsonFeatureCollectionType;
import io.curbside.contract.model.GeoJsonFeatureType;
import io.curbside.contract.model.GeoJsonGeometry;
import io.curbside.contract.model.Location;
import io.curbside.contract.model.Violation;
import io.curbside.geo.Bbox;
import io.curbside.geo.GeoJsonWriter;
import io.curbside.geo.LatLon;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.locationtech.jts.geom.Geometry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The city and its districts as an app draws them. */
@Singleton
public class JurisdictionService {

    private final JurisdictionRepository repository;
    private final DataVersionRepository versions;
    private volatile JurisdictionRepository.Stored cached;

    public JurisdictionService(JurisdictionRepository repository, DataVersionRepository versions) {
        this.repository = repository;
        this.versions = versions;
    }

    /**
     * The stored jurisdiction seen in the chosen language, with its ETag. Boundaries are cached
     * and reloaded only when they changed (their version moved), on whichever node.
     */
    public View view(String lang, String acceptLanguage) {
        JurisdictionRepository.Stored current = current();
        String language = LanguageNegotiator.choose(lang, acceptLanguage, languages(current.jurisdiction()));
        return new View(current, language);
    }

    private JurisdictionRepository.Stored current() {
        return current(versions.of(DataVersionRepository.Kind.JURISDICTION));
    }

    private JurisdictionRepository.Stored current(long version) {
        JurisdictionRepository.Stored current = cached;
        if (current == null || current.version() != version) {
            current = repository.load().orElseThrow(JurisdictionService::noJurisdiction);
            cached = current;
        }
        return current;
    }

    /**
     * The stored jurisdiction, if one was imported, with when it was: for readers that list its layers,
     * to whom no city yet is an empty list rather than a 404.
     */
    public Optional<Current> loaded() {
        long version = versions.of(DataVersionRepository.Kind.JURISDICTION);
        JurisdictionRepository.Stored current = cached;
        if (current == null || current.version() != version) {
            current = repository.load().orElse(null);
            cached = current;
        }
        return Optional.ofNullable(current).map(s -> new Current(s.jurisdiction(), s.changedAt()));
    }

    /** The jurisdiction as loaded, and when (null where its history does not say). */
    public record Current(Jurisdiction jurisdiction, @Nullable Instant changedAt) {
    }

    /** The jurisdiction as GeoJSON in the view's language. */
    public io.curbside.contract.model.Jurisdiction render(View view) {
        Jurisdiction j = view.stored().jurisdiction();
        String language = view.language();
        List<DistrictLayer> layers = j.layers().stream()
                .map(l -> new DistrictLayer(l.code(), l.name().in(language), new GeoJsonFeatureCollection(
                        GeoJsonFeatureCollectionType.FEATURE_COLLECTION,
                        l.districts().stream().map(d -> feature(l.code(), d.code(), d.name(), d.area(), language)).toList())))
                .toList();
        return new io.curbside.contract.model.Jurisdiction(j.code(), j.name().in(language), language,
                Bbox.of(j.boundary()).toList(),
                feature(JurisdictionFile.CITY_LAYER, j.code(), j.name(), j.boundary(), language), layers);
    }

    /** Whether a point is in the city, and in which districts. */
    public Location locate(double lat, double lon, String lang, String acceptLanguage) {
        LatLon point;
        try {
            point = new LatLon(lat, lon);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, e.getMessage() + ".",
                    List.of(new Violation(Double.isFinite(lat) && Math.abs(lat) <= 90 ? "lon" : "lat", e.getMessage())));
        }
        Located located = repository.locate(point).orElseThrow(JurisdictionService::noJurisdiction);
        Set<String> languages = new TreeSet<>(located.city().languages());
        located.districts().forEach(d -> {
            languages.addAll(d.name().languages());
            languages.addAll(d.layerName().languages());
        });
        String language = LanguageNegotiator.choose(lang, acceptLanguage, languages);
        return new Location(language, located.inside(), located.city().in(language), located.districts().stream()
                .map(d -> new DistrictRef(d.layer(), d.layerName().in(language), d.code(), d.name().in(language)))
                .toList());
    }

    /**
     * Where a point is, as codes: whether the city covers it and its district in each layer.
     * The routing lookup of every report.
     */
    public Located place(LatLon point) {
        return repository.locate(point).orElseThrow(() -> new ProblemException(ProblemType.UNAVAILABLE,
                "The city's boundary has not been loaded yet, so reports cannot be checked. Please try again later."));
    }

    /** Districts by layer code, named in the language, in the order of the layers. */
    public List<DistrictRef> districts(Map<String, String> codes, String language) {
        return districts(codes, language, versions.of(DataVersionRepository.Kind.JURISDICTION));
    }

    /** As {@link #districts(Map, String)}, for a caller that has just read the jurisdiction's version itself. */
    public List<DistrictRef> districts(Map<String, String> codes, String language, long version) {
        JurisdictionRepository.Stored current = current(version);
        List<DistrictRef> refs = new ArrayList<>();
        for (Jurisdiction.Layer layer : current.jurisdiction().layers()) {
            String code = codes.get(layer.code());
            if (code == null) {
                continue;
            }
            Translations name = layer.districts().stream().filter(d -> d.code().equals(code)).findFirst()
                    .map(Jurisdiction.District::name).orElse(Translations.of(Translations.FALLBACK, code));
            refs.add(new DistrictRef(layer.code(), layer.name().in(language), code, name.in(language)));
        }
        return refs;
    }

    /** One imported jurisdiction, seen in one language. */
    public record View(JurisdictionRepository.Stored stored, String language) {

        public String etag() {
            return EntityTags.of("j" + stored.version() + "-" + language);
        }
    }

    private static ProblemException noJurisdiction() {
        return ProblemException.notFound("No jurisdiction has been imported yet.");
    }

    private static GeoJsonFeature feature(String layer, String code, Translations name, Geometry area, String language) {
        Map<String, Object> geometry = GeoJsonWriter.geometry(area);
        @SuppressWarnings("unchecked")
        List<Object> coordinates = (List<Object>) geometry.get("coordinates");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("layer", layer);
        properties.put("code", code);
        properties.put("name", name.in(language));
        return new GeoJsonFeature(GeoJsonFeatureType.FEATURE, code,
                new GeoJsonGeometry((String) geometry.get("type"), coordinates), properties);
    }

    private static Set<String> languages(Jurisdiction j) {
        Set<String> languages = new TreeSet<>(j.name().languages());
        j.layers().forEach(l -> {
            languages.addAll(l.name().languages());
            l.districts().forEach(d -> languages.addAll(d.name().languages()));
        });
        return languages;
    }

}
