package io.curbside.api.i18n;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A letter's text and HTML say the same paragraphs, and nothing quoted into it becomes markup. */
class LetterTest {

    @Test
    void theMessageInTheLanguageAsTextAndHtml() {
        Letter letter = Letter.in("es").subject("account_mail.welcome.subject", Map.of("city", "Riverton"))
                .say("account_mail.greeting", Map.of("name", "Ana"))
                .say("account_mail.welcome.text", Map.of("city", "Riverton", "code", "https://app.example/v?t=1", "days", 7))
                .write();
        assertEquals("Bienvenido a Riverton", letter.subject());
        assertTrue(letter.text().startsWith("Hola, Ana:\n\nSu cuenta en Riverton"), letter.text());
        assertTrue(letter.html().startsWith("<!DOCTYPE html>\n<html lang=\"es\">"), letter.html());
        // The welcome has four paragraphs after the greeting, in both, its code a link in the HTML.
        assertEquals(5, letter.text().split("\n\n").length, letter.text());
        assertEquals(5, letter.html().split("<p>").length - 1, letter.html());
        assertTrue(letter.html().contains("<p><a href=\"https://app.example/v?t=1\">https://app.example/v?t=1</a></p>"),
                letter.html());
    }

    @Test
    void aWebAddressAloneIsALinkAnythingElseIsText() {
        Letter letter = Letter.in("en").subject("follower_mail.subject", Map.of("number", "1", "title", "t"))
                .link("https://city.example/r/CS-1?a=1&b=2")
                .quote("https://quoted.example/a")
                .quote("see https://city.example/x <b>now</b>\nor later")
                .quote("https://city.example/\"><script>")
                .write();
        assertTrue(letter.html().contains("<p><a href=\"https://city.example/r/CS-1?a=1&amp;b=2\">"
                + "https://city.example/r/CS-1?a=1&amp;b=2</a></p>"), letter.html());
        assertTrue(letter.html().contains("<p>https://quoted.example/a</p>"), letter.html());
        assertTrue(letter.html().contains("<p>https://city.example/&quot;&gt;&lt;script&gt;</p>"), letter.html());
        assertTrue(letter.html().contains("<p>see https://city.example/x &lt;b&gt;now&lt;/b&gt;<br>\nor later</p>"),
                letter.html());
    }

    @Test
    void aValueMakesNeitherAParagraphNorALinkOnlyTheCurbsideCodeDoes() {
        String name = "Ana\n\nhttps://evil.example/verify";
        Letter letter = Letter.in("en").subject("account_mail.welcome.subject", Map.of("city", "Riverton"))
                .say("account_mail.greeting", Map.of("name", name))
                .say("account_mail.welcome.text", Map.of("city", "Riverton\n\nhttps://evil.example/city",
                        "code", "https://app.example/verify?token=abc", "days", 7))
                .write();
        assertFalse(letter.html().contains("href=\"https://evil.example"), letter.html());
        assertTrue(letter.html().contains("<p><a href=\"https://app.example/verify?token=abc\">"), letter.html());
        assertEquals(1, letter.html().split("<a ").length - 1, letter.html());
        // The greeting is one paragraph, the name's blank line inside it.
        assertTrue(letter.html().contains("<p>Hello Ana<br>\n<br>\nhttps://evil.example/verify,</p>"), letter.html());

        Letter plain = Letter.in("en").subject("account_mail.welcome.subject", Map.of("city", "Riverton"))
                .say("account_mail.welcome.text", Map.of("city", "Riverton", "code", "just-a-code", "days", 7)).write();
        assertFalse(plain.html().contains("<a "), plain.html());
        assertTrue(plain.html().contains("<p>just-a-code</p>"), plain.html());
    }

    @Test
    void anythingQuotedStaysTextInTheHtml() {
        Random random = new Random(17);
        String alphabet = "<>&\"'=/ ab\n\u00e9\u4e2d";
        for (int i = 0; i < 500; i++) {
            StringBuilder quoted = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                quoted.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Letter letter = Letter.in("en").subject("account_mail.welcome.subject", Map.of("city", "<i>x</i>"))
                    .quote(quoted.toString()).write();
            String body = letter.html().substring(letter.html().indexOf("<body>\n") + 7, letter.html().indexOf("</body>"));
            String markup = body.replace("<p>", "").replace("</p>", "").replace("<br>", "");
            assertFalse(markup.contains("<") || markup.contains(">") || markup.contains("\""), body);
            assertFalse(letter.html().contains("<i>"), letter.html());
        }
    }
}
