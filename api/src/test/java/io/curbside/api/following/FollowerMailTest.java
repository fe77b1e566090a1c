package io.curbside.api.following;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.curbside.api.testing.MailTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When e-mail is on, the people following a request hear of the city's public changes to it; of internal notes, never. */
@MicronautTest(transactional = false)
class FollowerMailTest extends MailTest {

    @Test
    void followersAreToldOfPublicChangesInTheRequestsLanguage() throws Exception {
        People people = new People(http);
        Map<String, Object> reporter = verifiedResident("reporter");
        Map<String, Object> neighbour = verifiedResident("neighbour");
        Map<String, Object> staff = people.staffOf("streets");
        String number = (String) http.toBlocking().retrieve(HttpRequest.POST("/v1/requests",
                Reports.aPothole().with("language", "es").json()).bearerAuth(token(reporter)), JSON).get("tracking_number");
        http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of())
                .bearerAuth(token(neighbour)));
        forgetQueuedMail();
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/notes",
                Map.of("text", "Internal: the crew is short this week.", "public", false)).bearerAuth(token(staff)), JSON);
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/status",
                Map.of("status", "acknowledged", "note", "Lo arreglaremos esta semana."))
                .header("If-Match", "*").bearerAuth(token(staff)), JSON);
        assertEquals(2, worker.runOnce(), "one mail to each follower, none for the internal note");
        assertTrue(smtp.waitForIncomingEmail(5_000, 2));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(List.of(People.email(neighbour), People.email(reporter)).stream().sorted().toList(),
                Arrays.stream(received).map(m -> address(m)).sorted().toList());
        for (MimeMessage mail : received) {
            assertTrue(mail.getSubject().startsWith(number + ": "), mail.getSubject());
            String body = GreenMailUtil.getBody(mail);
            assertTrue(body.contains("arreglaremos"), body);
            assertFalse(body.contains("crew is short"), body);
        }
    }

    private static String address(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
