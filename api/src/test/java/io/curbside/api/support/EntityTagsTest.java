package io.curbside.api.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EntityTagsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "-|false", "''|false", "\"c1-en\"|true", "W/\"c1-en\"|true", "\"c0-en\", \"c1-en\"|true",
        "*|true", "\"c1-vi\"|false", "c1-en|false"})
    void matchesIfNoneMatchAsRfc9110Says(String ifNoneMatch, boolean expected) {
        assertEquals(expected, EntityTags.matches(ifNoneMatch, EntityTags.of("c1-en")));
    }
}
