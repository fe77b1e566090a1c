package io.curbside.api.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.util.HashMap;
import java.util.Map;

/** A local SMTP server for tests of follower e-mail, and the settings that send Curbside's mail to it. */
public final class TestMail {

    private TestMail() {
    }

    /** A started server on a free port of 127.0.0.1; the test stops it. */
    public static GreenMail start() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        return smtp;
    }

    /** E-mail on and sent to the server, the outbox worker off (the test runs it), and the bootstrap admin. */
    public static Map<String, String> settings(GreenMail smtp) {
        Map<String, String> properties = new HashMap<>(People.bootstrapAdmin());
        properties.putAll(Map.of("curbside.outbox.enabled", "false",
                "curbside.email.enabled", "true",
                "curbside.email.from", "311@city.example",
                "curbside.email.smtp.host", "127.0.0.1",
                "curbside.email.smtp.port", Integer.toString(smtp.getSmtp().getPort()),
                "curbside.email.smtp.starttls", "false"));
        return properties;
    }
}
