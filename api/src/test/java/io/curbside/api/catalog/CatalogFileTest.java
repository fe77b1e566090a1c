package io.curbside.api.catalog;

import io.curbside.api.support.FileSource;
import io.curbside.api.support.InvalidFileException;
import io.curbside.contract.model.QuestionDatatype;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog file format: what is read, and how each mistake is reported to the operator. */
class CatalogFileTest {

    private static final String VALID = """
            version: 1
            languages: [en, es]
            departments:
              - code: streets
                name: {en: Streets, es: Calles}
            groups:
              - code: roads
                name: Roads
            services:
              - code: pothole
                group: roads
                department: streets
                keywords: [bache]
                name: {en: Pothole, es: Bache}
                description: {en: A hole in the road}
                target: {value: 3, unit: business_days}
                photos: accepted
                privacy: open
                anonymous: true
                district_departments: {"7": streets}
                questions:
                  - code: size
                    datatype: singlevaluelist
                    required: true
                    prompt: {en: "How big?"}
                    values:
                      - {key: small, name: {en: Small}}
            """;

    private static Catalog parse(String yaml) {
        return CatalogFile.parse(new FileSource.Content("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), "sha"));
    }

    private static List<String> problems(String yaml) {
        return assertThrows(InvalidFileException.class, () -> parse(yaml)).problems();
    }

    @Test
    void readsAValidCatalog() {
        Catalog catalog = parse(VALID);
        Catalog.Service pothole = catalog.services().get(0);
        assertEquals("Bache", pothole.name().in("es"));
        assertEquals("A hole in the road", pothole.description().in("es"), "falls back to English");
        assertEquals(3, pothole.target().value());
        assertEquals("streets", pothole.districtDepartments().get("7"));
        assertEquals(QuestionDatatype.SINGLEVALUELIST, pothole.questions().get(0).datatype());
        assertTrue(catalog.languages().containsAll(List.of("en", "es")));
    }

    @Test
    void readsTheSameCatalogWrittenAsJson() {
        String json = """
                {"version": 1, "languages": ["en", "es"],
                 "departments": [{"code": "streets", "name": {"en": "Streets"}}],
                 "groups": [{"code": "roads", "name": "Roads"}],
                 "services": [{"code": "pothole", "group": "roads", "department": "streets",
                   "name": {"en": "Pothole", "es": "Bache"}, "description": "A hole in the road",
                   "target": {"value": 3, "unit": "business_days"}, "photos": "accepted", "privacy": "open"}]}""";
        Catalog catalog = parse(json);
        assertEquals("Bache", catalog.services().get(0).name().in("es"));
        assertTrue(catalog.services().get(0).anonymous(), "anonymous reporting is the default");
    }

    @Test
    void reportsEveryMistakeAtOnceWithItsPlace() {
        List<String> problems = problems(VALID
                .replace("group: roads", "group: lanes")
                .replace("unit: business_days", "unit: fortnights")
                .replace("photos: accepted", "photos: maybe")
                .replace("- {key: small, name: {en: Small}}", "")
                .replace("name: {en: Pothole, es: Bache}", "name: {es: Bache}"));
        assertTrue(problems.contains("services[0].group: no group has the code \"lanes\""), problems.toString());
        assertTrue(problems.contains("services[0].target.unit: \"fortnights\" is not one of hours, business_days, calendar_days"),
                problems.toString());
        assertTrue(problems.contains("services[0].photos: \"maybe\" is not one of required, accepted, not_accepted"),
                problems.toString());
        assertTrue(problems.contains("services[0].questions[0]: a singlevaluelist question needs values"), problems.toString());
        assertTrue(problems.contains("services[0].name: needs an English (en) text, the fallback for every language"),
                problems.toString());
    }

    @Test
    void refusesDuplicateCodesAndUnknownDepartments() {
        String twice = VALID + VALID.substring(VALID.indexOf("  - code: pothole"))
                .replace("department: streets", "department: parks");
        List<String> problems = problems(twice);
        assertTrue(problems.contains("services: the code \"pothole\" is used twice"), problems.toString());
        assertTrue(problems.contains("services[1].department: no department has the code \"parks\""), problems.toString());
    }

    @Test
    void refusesMisspeltKeysRatherThanFallingBackToDefaults() {
        List<String> problems = problems(VALID.replace("anonymous: true", "anonymus: false"));
        assertEquals(List.of("services[0].anonymus: is not a known key (expected one of anonymous, code, department, "
                + "description, district_departments, emergency, group, keywords, name, photos, privacy, questions, "
                + "target)"), problems);
    }

    @Test
    void refusesTextsInLanguagesTheFileDoesNotDeclareOrGivesTwice() {
        assertEquals(List.of("service pothole: has texts in [fr], which \"languages\" does not list"),
                problems(VALID.replace("name: {en: Pothole, es: Bache}", "name: {en: Pothole, fr: Nid-de-poule}")));
        assertEquals(List.of("services[0].name.EN: the language \"EN\" is given twice"),
                problems(VALID.replace("name: {en: Pothole, es: Bache}", "name: {en: Pothole, EN: Other}")));
        assertEquals(List.of("services[0].name: has an empty (null) key"),
                problems(VALID.replace("name: {en: Pothole, es: Bache}", "name: {en: Pothole, ~: Bache}")));
    }

    @Test
    void refusesWhatIsNotYamlOrNotACatalog() {
        assertTrue(problems("services: [unclosed").get(0).startsWith("not valid YAML"));
        assertEquals(List.of("the file is not a YAML mapping"), problems("- just\n- a list\n"));
        assertTrue(problems("version: 1\n").contains("services: a catalog needs at least one service"));
    }

    @Test
    void refusesADuplicateKeyRatherThanSilentlyTakingTheLastOne() {
        assertTrue(problems(VALID.replace("photos: accepted", "photos: accepted\n    photos: required")).get(0)
                .startsWith("not valid YAML"));
    }
}
