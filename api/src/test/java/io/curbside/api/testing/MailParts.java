package io.curbside.api.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import java.util.Optional;

/** The plain-text and HTML parts of a received mail, as a mail program picks them. */
public final class MailParts {

    private MailParts() {
    }

    /** The text/plain part (the whole mail, when it is plain text only), line breaks as \n. */
    public static String text(Part mail) throws Exception {
        return part(mail, "text/plain").orElseThrow(() -> new AssertionError("no text/plain part"));
    }

    /** The text/html part. */
    public static String html(Part mail) throws Exception {
        return part(mail, "text/html").orElseThrow(() -> new AssertionError("no text/html part"));
    }

    private static Optional<String> part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return Optional.of(((String) part.getContent()).replace("\r\n", "\n"));
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                Optional<String> found = part(body, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
