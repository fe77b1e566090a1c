package io.curbside.api.i18n;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A resident reads every problem in their language: the report's own, or the one the request asks for. */
@MicronautTest(transactional = false)
class ProblemLanguageTest extends HttpTest {

    @Test
    void aSpanishReportOutsideTheCityIsRefusedInSpanish() {
        Map<String, Object> problem = requests.problem(HttpRequest.POST("/v1/requests",
                Reports.aPothole().at(40.3, -83.4).with("language", "es").json()), HttpStatus.UNPROCESSABLE_ENTITY,
                "outside-jurisdiction");
        assertEquals("Fuera de la ciudad", problem.get("title"));
        assertTrue(((String) problem.get("detail")).startsWith("Ese lugar está fuera de"), problem::toString);
        assertTrue(message(problem).startsWith("está fuera de"), problem::toString);
    }

    @Test
    void theRequestsLanguageSaysTheProblemWhenTheReportDoesNot() {
        Map<String, Object> problem = requests.problem(HttpRequest.POST("/v1/requests",
                Reports.aPothole().at(40.3, -83.4).json()).header("Accept-Language", "es-MX, en;q=0.5"),
                HttpStatus.UNPROCESSABLE_ENTITY, "outside-jurisdiction");
        assertEquals("Fuera de la ciudad", problem.get("title"));
    }

    @Test
    void textThatIsNotTextIsNamedInSpanish() {
        Map<String, Object> problem = requests.problem(HttpRequest.POST("/v1/accounts",
                "{\"email\":\"es@example.org\",\"password\":\"" + "\\udc00".repeat(12) + "\",\"display_name\":\"A\\u0000\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Accept-Language", "es"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals("Campos no válidos", problem.get("title"));
        assertEquals("Corrija \"display_name\": no debe contener caracteres de control (se encontró U+0000); "
                + "\"password\": no es texto Unicode válido (un sustituto suelto).", problem.get("detail"));
        Map<String, Object> query = requests.problem(HttpRequest.GET("/v1/services?q=a%00&lang=es"),
                HttpStatus.BAD_REQUEST, "invalid-parameter");
        assertEquals("Parámetro no válido", query.get("title"));
        assertTrue(message(query).startsWith("no debe contener caracteres de control"), query::toString);
    }

    @Test
    void englishStaysEnglish() {
        Map<String, Object> problem = requests.problem(HttpRequest.POST("/v1/requests",
                Reports.aPothole().at(40.3, -83.4).json()), HttpStatus.UNPROCESSABLE_ENTITY, "outside-jurisdiction");
        assertEquals("Outside the city", problem.get("title"));
    }

    @SuppressWarnings("unchecked")
    private static String message(Map<String, Object> problem) {
        return (String) ((List<Map<String, Object>>) problem.get("violations")).get(0).get("message");
    }
}
