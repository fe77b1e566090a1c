package io.curbside.api;

import io.curbside.api.testing.ConfiguredVariables.Mention;
import io.curbside.api.testing.ConfiguredVariables;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every default is written once: in application.yml (logback.xml for the two logging variables,
 * read before the application starts). Settings reach the code as typed settings records
 * ({@code @ConfigurationProperties}), never as a property named in Java with a default of its own.
 */
class DefaultsInOnePlaceTest {

    /** {@code @Value} or {@code @Property} injection, or a placeholder with a default ({@code "${a.b:c}"}). */
    private static final Pattern SETTING_IN_JAVA = Pattern.compile("@Value\\(|@Property\\(|\\$\\{[^}]*:");

    @Test
    void noJavaSourceNamesASettingWithADefaultOfItsOwn() {
        List<String> offenders = new ArrayList<>();
        for (Path java : ConfiguredVariables.javaSources()) {
            List<String> lines = ConfiguredVariables.lines(java);
            for (int i = 0; i < lines.size(); i++) {
                if (SETTING_IN_JAVA.matcher(lines.get(i)).find()) {
                    offenders.add(ConfiguredVariables.root().relativize(java) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), offenders, "inject the feature's settings record instead, with the default in application.yml");
    }

    @Test
    void eachVariableIsMappedOnceAndHasADefault() {
        Map<String, List<String>> places = new LinkedHashMap<>();
        List<String> withoutDefault = new ArrayList<>();
        for (Mention mention : ConfiguredVariables.mentions()) {
            if (mention.where().startsWith(ConfiguredVariables.MAIN_JAVA)) {
                continue; // System.getenv, which states no default
            }
            places.computeIfAbsent(mention.name(), name -> new ArrayList<>()).add(mention.where());
            if (mention.defaultValue() == null) {
                withoutDefault.add(mention.name() + " at " + mention.where());
            }
        }
        places.values().removeIf(where -> where.size() == 1);
        assertEquals(Map.of(), places, "a variable mapped in more than one place");
        assertEquals(List.of(), withoutDefault, "a placeholder without a default (write ${NAME:} for none)");
    }
}
