package io.curbside.geo.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way of writing one address gives one form, and the form is a fixed point. */
class AddressNormalizerTest {

    @ParameterizedTest
    @CsvSource({
            "North Main Street,           N MAIN ST",
            "n. main st.,                 N MAIN ST",
            "N MAIN ST,                   N MAIN ST",
            "Main Street North,           MAIN ST N",
            "Martin Luther King Jr Blvd,  MARTIN LUTHER KING JR BLVD",
            "martin luther king jr boulevard, MARTIN LUTHER KING JR BLVD",
            "Avenida de la Constitución,  AVENIDA DE LA CONSTITUCION",
            "Rue Sainte-Catherine Est,    RUE SAINTE-CATHERINE EST",
            "North Street,                NORTH ST",
            "West Avenue,                 WEST AVE",
            "South,                       SOUTH",
            "Street Road,                 STREET RD",
            "Northeast Parkway,           NORTHEAST PKWY",
            "northeast elm parkway,       NE ELM PKWY",
            "  Elm   Ave ,                ELM AVE",
            "O'Brien Ct,                  OBRIEN CT",
            "Avenue of the Americas,      AVENUE OF THE AMERICAS",
    })
    void streets(String raw, String expected) {
        assertEquals(expected, AddressNormalizer.street(raw));
    }

    @ParameterizedTest
    @CsvSource({"N MAIN ST, MAIN", "MAIN ST N, MAIN", "NORTH ST, NORTH", "MAIN, MAIN", "NE ELM PKWY, ELM",
            "AVENUE OF THE AMERICAS, AVENUE OF THE AMERICAS", "N CEDAR HOLLOW RD SW, CEDAR HOLLOW"})
    void cores(String street, String expected) {
        assertEquals(expected, AddressNormalizer.core(street));
    }

    @ParameterizedTest
    @CsvSource({
            "Apartment 4,  APT 4", "apt. 4, APT 4", "#4, # 4", "# 4, # 4", "4, # 4", "Suite 200, STE 200",
            "Ste. 200, STE 200", "unit B, UNIT B", "Rear, REAR", "apt-12, APT 12", "'', ''"})
    void units(String raw, String expected) {
        assertEquals(expected, AddressNormalizer.unit(raw));
    }

    @ParameterizedTest
    @CsvSource({"12, 12", "12a, 12A", "12-A, 12A", "12 A, 12A", "12 1/2, 12 1/2", "12½, 12 1/2", " 007 , 7"})
    void houseNumbers(String raw, String expected) {
        assertEquals(expected, HouseNumber.parse(raw).orElseThrow().text());
    }

    @ParameterizedTest
    @CsvSource({"''", "A12", "12 1/3", "twelve", "12345678", "-5", "1.5"})
    void notHouseNumbers(String raw) {
        assertEquals(Optional.empty(), HouseNumber.parse(raw));
    }

    @Test
    void queriesSplitIntoNumberStreetAndUnit() {
        assertEquals(new AddressQuery(HouseNumber.parse("123").map(n -> n), "N MAIN ST", "APT 4"),
                AddressQuery.parse("123 north main street apt 4"));
        assertEquals(new AddressQuery(HouseNumber.parse("123B"), "ELM AVE", "# 2"), AddressQuery.parse("123 b Elm Ave #2, Riverton"));
        assertEquals(new AddressQuery(HouseNumber.parse("12 1/2"), "OAK", ""), AddressQuery.parse("12 1/2 oak"));
        assertEquals(new AddressQuery(Optional.empty(), "MAIN S", ""), AddressQuery.parse("main s"));
        assertEquals(new AddressQuery(HouseNumber.parse("40"), "E BROAD ST", ""), AddressQuery.parse("40 E. Broad St."));
    }

    /** Random case, accents, periods, spacing and spellings of generated addresses: one form each. */
    @Test
    void everySpellingOfAnAddressHasOneForm() {
        Random random = new Random(12);
        String[] names = {"MAIN", "ELM", "CEDAR HOLLOW", "MARTIN LUTHER KING", "LAKE", "PARK"};
        String[][] types = {{"ST", "STREET", "Str", "st."}, {"AVE", "AVENUE", "Av", "ave."}, {"BLVD", "BOULEVARD", "Boul"},
                {"RD", "ROAD", "rd."}, {"PKWY", "PARKWAY", "pky"}, {"CT", "COURT"}};
        String[][] directions = {{"N", "NORTH", "n.", "North"}, {"SW", "SOUTHWEST", "S.W.", "southwest"}};
        String[][] units = {{"APT 4", "Apartment 4", "apt. 4", "apt-4"}, {"# 4", "#4", "No 4"}, {"STE 10", "Suite 10"}};
        for (int i = 0; i < 5_000; i++) {
            String name = names[random.nextInt(names.length)];
            String[] type = types[random.nextInt(types.length)];
            String[] direction = random.nextBoolean() ? directions[random.nextInt(directions.length)] : null;
            String[] unit = random.nextBoolean() ? units[random.nextInt(units.length)] : null;
            int number = random.nextInt(20_000);
            String expected = number + " " + (direction == null ? "" : direction[0] + " ") + name + " " + type[0]
                    + (unit == null ? "" : " " + unit[0]);
            String written = number + " " + (direction == null ? "" : pick(random, direction) + " ")
                    + mangled(random, name) + "  " + pick(random, type) + (unit == null ? "" : " " + pick(random, unit));
            AddressQuery query = AddressQuery.parse(written);
            String form = AddressNormalizer.full(query.number().orElseThrow(), query.street(), query.unit());
            assertEquals(expected, form, written);
            AddressQuery again = AddressQuery.parse(form);
            assertEquals(form, AddressNormalizer.full(again.number().orElseThrow(), again.street(), again.unit()),
                    "the form is a fixed point");
        }
    }

    @Test
    void accentsAndCaseNeverChangeTheForm() {
        Random random = new Random(7);
        List<String> streets = List.of("Émile Zola Ave", "Calle Peñasco", "Straße Road", "Crème Brûlée Ct");
        for (int i = 0; i < 1_000; i++) {
            String street = streets.get(random.nextInt(streets.size()));
            String form = AddressNormalizer.street(street);
            assertTrue(form.chars().allMatch(c -> c < 128), form);
            assertEquals(form, AddressNormalizer.street(mangled(random, street)));
            assertEquals(form, AddressNormalizer.street(form));
        }
    }

    private static String pick(Random random, String[] spellings) {
        return spellings[random.nextInt(spellings.length)];
    }

    private static String mangled(Random random, String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return random.nextInt(4) == 0 ? b.toString().toLowerCase(Locale.ROOT) : b.toString();
    }
}
