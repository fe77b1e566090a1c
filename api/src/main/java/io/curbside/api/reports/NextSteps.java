package io.curbside.api.reports;

import io.curbside.api.i18n.Messages;
import io.curbside.api.requests.TrackingNumber;
import io.curbside.contract.model.TargetUnit;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/** "What happens next", said to the reporter the moment a request is filed, in their language. */
final class NextSteps {

    private NextSteps() {
    }

    static String say(String language, String service, String department, String district, String target,
                      ZonedDateTime due, TargetUnit unit, TrackingNumber number) {
        Messages messages = Messages.classpath();
        // With the time only when the target is in hours: "by Wednesday" is enough for days.
        String date = messages.say(language, unit == TargetUnit.HOURS ? "due.date_time" : "due.date", Map.of("due", due));
        Map<String, Object> values = new HashMap<>(Map.of("service", service, "department", department,
                "target", target, "date", date, "number", number.value()));
        if (district == null) {
            return messages.say(language, "next_steps", values);
        }
        values.put("district", district);
        return messages.say(language, "next_steps.district", values);
    }
}
