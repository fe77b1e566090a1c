package io.curbside.api.ogc;

import io.curbside.api.jurisdiction.JurisdictionService;
import jakarta.inject.Singleton;

import java.util.List;

/** A collection per district layer of the city: its boundaries are public. */
@Singleton
class DistrictCollections implements FeatureSources {

    private final JurisdictionService jurisdiction;

    DistrictCollections(JurisdictionService jurisdiction) {
        this.jurisdiction = jurisdiction;
    }

    @Override
    public List<FeatureSource> current() {
        return jurisdiction.loaded()
                .map(city -> city.jurisdiction().layers().stream()
                        .<FeatureSource>map(layer -> new DistrictLayerSource(layer, city.changedAt())).toList())
                .orElse(List.of());
    }
}
