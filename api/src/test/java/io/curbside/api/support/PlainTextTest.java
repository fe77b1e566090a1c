package io.curbside.api.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class PlainTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Deep pothole", "two lines\n\tand\r\n", "Bache profundo en el carril", "路面坑洼",
            "Qhov av hauv txoj kev", "a \ud83d\udea7 sign", "café\u00a0au lait"})
    void textIsText(String text) {
        assertNull(PlainText.problem(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul\u0000", "\u0007bell", "esc\u001b[2J", "del\u007f", "c1\u0085", "lone \ud800 high",
            "lone \udc00 low", "ends high \ud83d"})
    void controlCharactersAndLoneSurrogatesAreNot(String text) {
        assertNotNull(PlainText.problem(text), text);
    }
}
