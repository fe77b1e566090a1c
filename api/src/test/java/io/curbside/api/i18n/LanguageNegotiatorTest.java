package io.curbside.api.i18n;

import io.curbside.api.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LanguageNegotiatorTest {

    private static final Set<String> OFFERED = Set.of("en", "es", "vi", "zh", "hmn");

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "-,-,en",
        "-,'vi, en;q=0.5',vi",
        "-,'fr;q=1, es;q=0.8',es",
        "-,'fr, de',en",
        "-,'zh-Hans-CN',zh",
        "-,'HMN',hmn",
        "-,'en;q=0.1, vi;q=0.9',vi",
        "-,';;;garbage=,',en",
        "es-MX,vi,es",
        "fr,vi,en",
        "x-pirate,vi,en",
        "i-klingon,vi,en",
    })
    void picksTheBestOfferedLanguage(String lang, String acceptLanguage, String expected) {
        assertEquals(expected, LanguageNegotiator.choose(lang, acceptLanguage, OFFERED));
    }

    @ParameterizedTest
    @CsvSource({"not_a_tag!", "e", "x", "toolonglanguage"})
    void aMalformedLangParameterIsTheClientsError(String lang) {
        ProblemException e = assertThrows(ProblemException.class, () -> LanguageNegotiator.choose(lang, null, OFFERED));
        assertEquals("lang", e.violations().get(0).getField());
    }
}
