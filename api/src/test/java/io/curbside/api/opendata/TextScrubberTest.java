package io.curbside.api.opendata;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Free text loses contact details and addresses before it is published. */
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
}
