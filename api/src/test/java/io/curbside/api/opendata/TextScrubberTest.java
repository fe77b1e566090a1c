package io.curbside.api.opendata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Free text loses contact details, addresses, corners and plates before it is published. */
class TextScrubberTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Call me at 614-555-0100 please|Call me at [phone] please",
        "Call (614) 555 0100|Call [phone]",
        "Text +1 614 555 0100 anytime|Text [phone] anytime",
        "Mail ana.ruiz+311@example.org now|Mail [email] now",
        "See https://photos.example.com/abc?x=1 for more|See [link] for more",
        "Hole in front of 120 Oak St by the hydrant|Hole in front of [address] by the hydrant",
        "Outside 4500 N High Street.|Outside [address]",
        "My account 12345678 was billed|My account [phone] was billed",
        "Zip 43215 area|Zip [number] area",
        "Pothole about 3 feet wide, 2 cars hit it|Pothole about 3 feet wide, 2 cars hit it",
        "Bache en 15 Calle Mayor, cerca|Bache en [address], cerca",
        "Frente a Calle Mayor 15 hay un hoyo|Frente a [address] hay un hoyo",
        "Avenida de la Paz 3, junto al parque|[address], junto al parque",
    })
    void scrubs(String text, String published) {
        assertEquals(published, TextScrubber.scrub(text));
    }

    /** The forms replaying 10,000 Los Angeles requests found published (issue 10), and their kin. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SEPULVEDA BLVD AT OXNARD ST|[address]",
        "Pothole at the corner of Sepulveda Blvd and Oxnard St.|Pothole at the corner of [address]",
        "pothole at the corner of sepulveda and oxnard|pothole at the corner of [address]",
        "Trash piled at Sepulveda Blvd & Oxnard St again|Trash piled at [address] again",
        "Light out at Sepulveda & Oxnard|Light out at [address]",
        "Light out at Sepulveda and Oxnard|Light out at [address]",
        "Signal dark at Sepulveda / Oxnard since Monday|Signal dark at [address] since Monday",
        "Hollywood & Vine light out|[address] light out",
        "Trash pile Sepulveda & Oxnard|Trash pile [address]",
        "SEPULVEDA / OXNARD, SIGNAL OUT|[address], SIGNAL OUT",
        "Sepulveda/Oxnard, pothole|[address], pothole",
        "Open 24 hours, AM/PM market lot|Open 24 hours, AM/PM market lot",
        "sepulveda blvd at oxnard st|[address]",
        "Broken sign on W 6th St and S Broadway|Broken sign on [address]",
        "6819 S BROADWAY|[address]",
        "Sofa dumped in front of 1201 S OCEAN FRONT WALK|Sofa dumped in front of [address]",
        "653 1/2 N HELIOTROPE DR|[address]",
        "Leak at 653 1/2 N Heliotrope Dr #4, back door|Leak at [address], back door",
        "Noise from 2210 Vermont Ave Apt 3 every night|Noise from [address] every night",
        "Mold at 88 Elm Street, Unit B|Mold at [address]",
        "Car ZT4016Q parked for a week|Car [plate] parked for a week",
        "Abandoned van, plate ABC 1234|Abandoned van, plate [plate]",
        "Blue Honda, CA plate 7ABC123, no tags|Blue Honda, CA plate [plate], no tags",
        "White truck 4XYZ-567 blocking the driveway|White truck [plate] blocking the driveway",
        "Bache en la esquina de Olvera y Cesar Chavez|Bache en la esquina de [address]",
        "Basura en calle Olvera 123|Basura en [address]",
        "Semáforo roto en Insurgentes con Reforma|Semáforo roto en [address]",
        "Carro abandonado con placa 7ABC123 desde hace un mes|Carro abandonado con placa [plate] desde hace un mes",
        "Fuga de agua en 1418 1/2 Calle Lorena desde el sábado|Fuga de agua en [address] desde el sábado",
        "Dead cat near the 1100 block of S Westmoreland Ave.|Dead cat near the [address]",
        "Please call Mr. Okonkwo at 213.555.0142 before 5 pm|Please call [name] at [phone] before 5 pm",
        "RV with plate 8KLM442 has been parked here|RV with plate [plate] has been parked here",
        // Vietnamese, the catalog's third language, writes the street's type first, like Spanish.
        "Ổ gà trước số 12 đường Lê Lợi|Ổ gà trước số [address]",
        "Đèn hỏng ở góc đường Lê Lợi và Nguyễn Huệ|Đèn hỏng ở góc [address]",
        "Xe biển số 51F-12345 đậu cả tuần|Xe biển số [plate] đậu cả tuần",
    })
    void scrubsCornersAddressesAndPlates(String text, String published) {
        assertEquals(published, TextScrubber.scrub(text));
    }

    /** Ordinary text with numbers and "and" is published whole. */
    @ParameterizedTest
    @ValueSource(strings = {
        "2 large potholes", "about 3 ft deep", "open for 2 weeks", "Route 66", "Seen at 5 pm",
        "Crack between 3 and 4 feet long", "Black and white cat stuck in a tree", "hit and run on the corner",
        "2 LARGE POTHOLES, ABOUT 3 FT DEEP", "Streetlight out for 10 days, 3rd report", "Bache de 30 cm, lleva 2 semanas",
        "Gato blanco y negro en el árbol", "Speeding over 45 MPH at 10PM", "Trash and debris on the sidewalk",
        "Traffic from the 405 Freeway backs up", "Rats and Mice seen near the dumpsters", "Call City Hall about it",
        "Scooters dumped in the planter, 4 of them, Lime and Bird.", "I am Not sure who owns the tree",
    })
    void leavesOrdinaryText(String text) {
        assertEquals(text, TextScrubber.scrub(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Ana Ruiz|Ana Ruiz saw it, call Ana|[name] saw it, call [name]",
        "Ana Ruiz|Banana peel by the bus stop|Banana peel by the bus stop",
        // Short surnames count; a lone initial does not take letters out of words.
        "Mei Li|Ask Li about it|Ask [name] about it",
        "J Ng|Ng says the jam is bad|[name] says the jam is bad",
        // Chinese has no spaces between words: the name is found inside the sentence.
        "王伟|请联系王伟，路面有坑|请联系[name]，路面有坑",
        "Nguyễn Văn An|Gọi Nguyễn Văn An nhé|Gọi [name] nhé",
    })
    void scrubsTheNamesItIsTold(String name, String text, String published) {
        assertEquals(published, TextScrubber.scrub(text, List.of(name)));
    }

    @Test
    void aRunTooLongForAWordIsTakenOutWhole() {
        String token = "x".repeat(80);
        assertEquals("Code […] on the sign", TextScrubber.scrub("Code " + token + " on the sign"));
    }

    /** A description may be 4,000 characters of anything: no pattern may overflow the stack or take seconds on it. */
    @Test
    void longTextNeitherOverflowsNorHangs() {
        for (String unit : List.of("1 ", "Aaa Bbb ", "AAAA BBBB ", "aaa bbb ", "12 N ", "Aaa y Bbb y ", "at Aaa at ", "Ab’",
                "AB-", "X-", "a", "a.", "Aaa & Bbb / ")) {
            String text = unit.repeat(4000 / unit.length());
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> TextScrubber.scrub(text, List.of("Ana Ruiz")), unit);
        }
    }

    /** The data dictionary tells the public what is taken out by the marker left: every marker a rule leaves, and no other. */
    @Test
    void whatItRemovesIsDescribedForEveryMarkerItLeaves() {
        java.util.Set<String> markers = new java.util.TreeSet<>(List.of("[name]", "[…]"));
        ScrubRules.RULES.forEach(rule -> markers.add(rule.marker()));
        assertEquals(markers, new java.util.TreeSet<>(TextScrubber.REMOVES.keySet()));
    }
}
