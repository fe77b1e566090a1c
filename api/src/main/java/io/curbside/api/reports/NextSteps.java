package io.curbside.api.reports;

import io.curbside.api.i18n.Phrase;
import io.curbside.api.requests.TrackingNumber;
import io.curbside.contract.model.TargetUnit;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** "What happens next", said to the reporter the moment a request is filed, in their language. */
final class NextSteps {

    private static final Phrase WITH_DISTRICT = Phrase.of(Map.of(
            "en", "Thank you. Your report ({service}) went to the {department}, which serves {district}. The city aims "
                    + "to resolve it within {target}, by {date}. Follow it any time with tracking number {number}.",
            "es", "Gracias. Su reporte ({service}) se envió a {department}, que atiende {district}. La ciudad busca "
                    + "resolverlo en {target}, a más tardar el {date}. Siga su avance con el número de seguimiento {number}.",
            "vi", "Cảm ơn bạn. Báo cáo của bạn ({service}) đã được chuyển đến {department}, phụ trách {district}. Thành phố "
                    + "dự kiến giải quyết trong vòng {target}, trước {date}. Theo dõi bất cứ lúc nào bằng mã số {number}.",
            "zh", "谢谢。您的报告（{service}）已转交负责{district}的{department}。市政府计划在{target}内处理，最迟于{date}。"
                    + "您可随时用跟踪编号 {number} 查看进展。",
            "hmn", "Ua tsaug. Koj daim ntawv qhia ({service}) tau xa mus rau {department}, uas saib xyuas {district}. "
                    + "Lub nroog npaj yuav daws kom tiav hauv {target}, ua ntej {date}. Siv tus lej taug qab {number} "
                    + "los saib seb nws mus li cas."));

    private static final Phrase WITHOUT_DISTRICT = Phrase.of(Map.of(
            "en", "Thank you. Your report ({service}) went to the {department}. The city aims to resolve it within "
                    + "{target}, by {date}. Follow it any time with tracking number {number}.",
            "es", "Gracias. Su reporte ({service}) se envió a {department}. La ciudad busca resolverlo en {target}, "
                    + "a más tardar el {date}. Siga su avance con el número de seguimiento {number}.",
            "vi", "Cảm ơn bạn. Báo cáo của bạn ({service}) đã được chuyển đến {department}. Thành phố dự kiến giải "
                    + "quyết trong vòng {target}, trước {date}. Theo dõi bất cứ lúc nào bằng mã số {number}.",
            "zh", "谢谢。您的报告（{service}）已转交{department}。市政府计划在{target}内处理，最迟于{date}。"
                    + "您可随时用跟踪编号 {number} 查看进展。",
            "hmn", "Ua tsaug. Koj daim ntawv qhia ({service}) tau xa mus rau {department}. Lub nroog npaj yuav daws "
                    + "kom tiav hauv {target}, ua ntej {date}. Siv tus lej taug qab {number} los saib seb nws mus li cas."));

    private NextSteps() {
    }

    static String say(String language, String service, String department, String district, String target,
                      ZonedDateTime due, TargetUnit unit, TrackingNumber number) {
        Map<String, String> values = new HashMap<>(Map.of("service", service, "department", department,
                "target", target, "date", date(due, unit, language), "number", number.value()));
        if (district == null) {
            return WITHOUT_DISTRICT.say(language, values);
        }
        values.put("district", district);
        return WITH_DISTRICT.say(language, values);
    }

    /** The due date as people in that language write it; with the time only when the target is in hours. */
    static String date(ZonedDateTime due, TargetUnit unit, String language) {
        Locale locale = Phrase.locale(language);
        if (locale == null) {
            return due.format(unit == TargetUnit.HOURS ? DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    : DateTimeFormatter.ISO_LOCAL_DATE);
        }
        DateTimeFormatter format = unit == TargetUnit.HOURS
                ? DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL);
        return due.format(format.withLocale(locale));
    }
}
