package io.curbside.api.jurisdiction;

import io.curbside.api.accounts.CityName;
import io.curbside.api.problem.ProblemException;
import jakarta.inject.Singleton;

import java.util.Optional;

/** The city's name from the jurisdiction imported, for mail to account owners. */
@Singleton
class JurisdictionCityName implements CityName {

    private final JurisdictionService jurisdiction;

    JurisdictionCityName(JurisdictionService jurisdiction) {
        this.jurisdiction = jurisdiction;
    }

    @Override
    public Optional<String> in(String language) {
        try {
            JurisdictionService.View view = jurisdiction.view(language, null);
            return Optional.ofNullable(view.stored().jurisdiction().name().in(view.language()));
        } catch (ProblemException none) {
            return Optional.empty();
        }
    }
}
