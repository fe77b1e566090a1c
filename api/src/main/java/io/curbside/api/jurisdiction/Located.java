package io.curbside.api.jurisdiction;

import io.curbside.api.i18n.Translations;

import java.util.List;

/** Where a point is: inside the city or not, and its district in each layer. */
public record Located(boolean inside, Translations city, List<Hit> districts) {

    public Located {
        districts = List.copyOf(districts);
    }

    /** The district of one layer that holds a point. */
    public record Hit(String layer, Translations layerName, String code, Translations name) {
    }
}
