package io.curbside.api.reports;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reports go to the district that holds them, found by point-in-polygon in PostGIS, and to the
 * department serving their service there: pinned points 20 m either side of shared edges
 * (LocateTest's), a shared vertex, and the catalog's per-district departments.
 */
@MicronautTest(transactional = false)
class RoutingTest extends HttpTest {

    @ParameterizedTest(name = "{1},{2} goes to district {0}")
    @CsvSource({
        "1, 40.028395, -83.031830", "2, 40.028448, -83.031367",
        "4, 39.968439, -83.034772", "7, 39.968330, -83.034325",
        "5, 39.981746, -83.003907", "7, 39.981399, -83.004033",
        "1, 40.018766, -83.029763",
        "1, 40.026777, -83.056775", "3, 40.021212, -82.954995", "6, 39.972560, -82.949835",
    })
    void aReportIsRoutedToTheDistrictThatHoldsIt(String district, double lat, double lon) {
        Map<String, Object> filed = requests.filed(Reports.aPothole().at(lat, lon));
        assertEquals(district, ((Map<?, ?>) filed.get("district")).get("code"));
        assertEquals("streets", ((Map<?, ?>) filed.get("department")).get("code"));
    }

    @ParameterizedTest(name = "a fallen tree at {1},{2} (district {0}) goes to {3}")
    @CsvSource({
        "7, 39.968330, -83.034325, parks-forestry",
        "4, 39.968439, -83.034772, streets",
        "7, 39.981399, -83.004033, parks-forestry",
        "5, 39.981746, -83.003907, streets",
    })
    void aDistrictMayHaveItsOwnDepartmentForAService(String district, double lat, double lon, String department) {
        Map<String, Object> filed = requests.filed(Reports.of("fallen-tree").answer("blocking", "sidewalk")
                .answer("wires", "no").at(lat, lon));
        assertEquals(district, ((Map<?, ?>) filed.get("district")).get("code"));
        assertEquals(department, ((Map<?, ?>) filed.get("department")).get("code"));
        assertEquals("24 hours", ((Map<?, ?>) filed.get("target")).get("text"));
    }
}
