package io.curbside.api.jurisdiction;

import io.curbside.api.i18n.Translations;
import org.locationtech.jts.geom.MultiPolygon;

import java.util.List;

/** The city: its boundary and its layers of districts (council districts, neighborhoods...). */
public record Jurisdiction(String code, Translations name, MultiPolygon boundary, List<Layer> layers) {

    public Jurisdiction {
        layers = List.copyOf(layers);
    }

    /** One way of dividing the city, e.g. council districts. */
    public record Layer(String code, Translations name, List<District> districts) {
        public Layer {
            districts = List.copyOf(districts);
        }
    }

    /** One area of a layer. */
    public record District(String code, Translations name, MultiPolygon area) {
    }
}
