package io.curbside.api.accounts;

import java.util.Optional;

/** The city's name, for mail to account owners; declared here, answered by the jurisdiction. */
public interface CityName {

    /** The name in the language (or the closest one the city has); empty when no city is loaded. */
    Optional<String> in(String language);
}
