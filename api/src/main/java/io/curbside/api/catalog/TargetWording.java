package io.curbside.api.catalog;

import io.curbside.contract.model.TargetUnit;

import java.util.Map;

/** Says a service's target in words ("3 business days"), in the languages the demo city speaks. */
public final class TargetWording {

    /** Per language and unit: the singular and the plural form, {@code %d} for the number. */
    private static final Map<String, Map<TargetUnit, String[]>> FORMS = Map.of(
            "en", Map.of(TargetUnit.HOURS, new String[] {"1 hour", "%d hours"},
                    TargetUnit.BUSINESS_DAYS, new String[] {"1 business day", "%d business days"},
                    TargetUnit.CALENDAR_DAYS, new String[] {"1 day", "%d days"}),
            "es", Map.of(TargetUnit.HOURS, new String[] {"1 hora", "%d horas"},
                    TargetUnit.BUSINESS_DAYS, new String[] {"1 día hábil", "%d días hábiles"},
                    TargetUnit.CALENDAR_DAYS, new String[] {"1 día", "%d días"}),
            "vi", Map.of(TargetUnit.HOURS, new String[] {"1 giờ", "%d giờ"},
                    TargetUnit.BUSINESS_DAYS, new String[] {"1 ngày làm việc", "%d ngày làm việc"},
                    TargetUnit.CALENDAR_DAYS, new String[] {"1 ngày", "%d ngày"}),
            "zh", Map.of(TargetUnit.HOURS, new String[] {"1小时", "%d小时"},
                    TargetUnit.BUSINESS_DAYS, new String[] {"1个工作日", "%d个工作日"},
                    TargetUnit.CALENDAR_DAYS, new String[] {"1天", "%d天"}),
            "hmn", Map.of(TargetUnit.HOURS, new String[] {"1 teev", "%d teev"},
                    TargetUnit.BUSINESS_DAYS, new String[] {"1 hnub ua haujlwm", "%d hnub ua haujlwm"},
                    TargetUnit.CALENDAR_DAYS, new String[] {"1 hnub", "%d hnub"}));

    private TargetWording() {
    }

    public static String say(Catalog.Target target, String language) {
        Map<TargetUnit, String[]> forms = FORMS.getOrDefault(language, FORMS.get("en"));
        String[] form = forms.get(target.unit());
        return target.value() == 1 ? form[0] : String.format(form[1], target.value());
    }
}
