package io.curbside.api.ogc;

import io.curbside.api.i18n.LanguageNegotiator;
import io.curbside.api.i18n.Translations;
import io.curbside.api.problem.ProblemException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Every collection published now, from every {@link FeatureSources}, and the language to speak them in. */
@Singleton
class OgcCollections {

    private final List<FeatureSources> sources;

    OgcCollections(List<FeatureSources> sources) {
        this.sources = sources;
    }

    /** The collections as they stand, seen in the language Accept-Language asks for. */
    View view(String acceptLanguage) {
        List<FeatureSource> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.current()));
        Set<String> languages = new TreeSet<>(Set.of(Translations.FALLBACK));
        all.forEach(s -> languages.addAll(s.languages()));
        return new View(List.copyOf(all), LanguageNegotiator.choose(null, acceptLanguage, languages));
    }

    /** The published collections and the language chosen. */
    record View(List<FeatureSource> sources, String language) {

        FeatureSource find(String collectionId) {
            return sources.stream().filter(s -> s.id().equals(collectionId)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("There is no collection \"" + collectionId
                            + "\"; /ogc/collections lists them."));
        }
    }
}
