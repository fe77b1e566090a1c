package io.curbside.api.opendata;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The open-data datasource: its own role, the main pool's limits, and a URL of its own (a replica's). */
class OpenDataSourceSettingsTest {

    @Test
    void itConnectsAsTheOpenDataRoleWithTheMainPoolsLimits() {
        Environment env = environment(Map.of("datasources.default.maximum-pool-size", "17",
                "datasources.default.connection-timeout", "1500"));
        assertEquals(1500, env.getProperty("datasources.opendata.connection-timeout", Integer.class).orElseThrow());
        assertEquals("curbside_opendata", env.getProperty("datasources.opendata.username", String.class).orElseThrow());
        assertEquals(17, env.getProperty("datasources.opendata.maximum-pool-size", Integer.class).orElseThrow());
    }

    @Test
    void aReplicaIsNamedByItsOwnUrl() {
        Environment env = environment(Map.of("datasources.default.url", "jdbc:postgresql://primary:5432/curbside",
                "datasources.opendata.url", "jdbc:postgresql://replica:5432/curbside"));
        assertEquals("jdbc:postgresql://replica:5432/curbside", env.getProperty("datasources.opendata.url", String.class).orElseThrow());
    }

    private static Environment environment(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder().properties(properties).build();
        return context.getEnvironment().start();
    }
}
