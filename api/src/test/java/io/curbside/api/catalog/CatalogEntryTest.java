package io.curbside.api.catalog;

import io.curbside.api.support.FileSource;
import io.curbside.api.support.YamlTree;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service entry written back in the file's shape reads as the very same service, by the file's rules. */
class CatalogEntryTest {

    private static Catalog demo() throws IOException {
        try (InputStream in = CatalogEntryTest.class.getResourceAsStream("/demo/catalog.yaml")) {
            return CatalogFile.parse(FileSource.Content.of("demo", in.readAllBytes()));
        }
    }

    private static CatalogEntry.Known known(Catalog catalog) {
        return new CatalogEntry.Known(catalog.languages(),
                catalog.departments().stream().map(Catalog.Department::code).collect(Collectors.toSet()),
                catalog.groups().stream().map(Catalog.Group::code).collect(Collectors.toSet()));
    }

    @Test
    void everyDemoServiceSurvivesTheRoundTrip() throws IOException {
        Catalog catalog = demo();
        for (Catalog.Service service : catalog.services()) {
            YamlTree.Problems problems = new YamlTree.Problems();
            Catalog.Service read = CatalogEntry.service(CatalogEntry.write(service), service.code(), service.order(),
                    known(catalog), problems);
            assertEquals(List.of(), problems.messages(), service.code());
            assertEquals(service, read);
        }
    }

    @Test
    void englishComesFirstThenTheOtherLanguagesByTag() throws IOException {
        Catalog.Service pothole = demo().service("pothole").orElseThrow();
        assertEquals(List.of("en", "es", "hmn", "vi", "zh"), List.copyOf(CatalogEntry.write(pothole.name()).keySet()));
    }

    @Test
    void anEntryIsCheckedAgainstTheStoredCatalogNotAFile() throws IOException {
        Catalog catalog = demo();
        Map<String, Object> entry = new java.util.LinkedHashMap<>(CatalogEntry.write(catalog.service("pothole").orElseThrow()));
        entry.remove("code");
        entry.put("department", "parks");
        entry.put("name", Map.of("en", "Pothole", "fr", "Nid-de-poule"));
        YamlTree.Problems problems = new YamlTree.Problems();
        assertNull(CatalogEntry.service(entry, "pothole", 1, known(catalog), problems));
        assertEquals(List.of("department", "name"), problems.all().stream().map(YamlTree.Problem::path).toList());
        assertTrue(problems.messages().get(1).contains("[fr]"), problems.messages().toString());
    }
}
