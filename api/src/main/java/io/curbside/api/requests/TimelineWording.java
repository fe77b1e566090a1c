package io.curbside.api.requests;

import io.curbside.api.i18n.Phrase;

import java.util.Map;

/** The title of each kind of event in a request's timeline, in the resident's language. */
final class TimelineWording {

    private static final Map<String, Phrase> TITLES = Map.of(
            "received", Phrase.of(Map.of("en", "Received", "es", "Recibido", "vi", "Đã nhận", "zh", "已收到",
                    "hmn", "Tau txais lawm")),
            "routed", Phrase.of(Map.of("en", "Sent to the {department}", "es", "Enviado a {department}",
                    "vi", "Đã chuyển đến {department}", "zh", "已转交{department}", "hmn", "Xa mus rau {department} lawm")),
            "acknowledged", Phrase.of(Map.of("en", "Acknowledged by the {department}", "es", "Confirmado por {department}",
                    "vi", "{department} đã xác nhận", "zh", "{department}已确认", "hmn", "{department} tau lees paub lawm")),
            "in_progress", Phrase.of(Map.of("en", "Work in progress", "es", "En proceso", "vi", "Đang xử lý",
                    "zh", "处理中", "hmn", "Tab tom ua")),
            "closed", Phrase.of(Map.of("en", "Closed", "es", "Cerrado", "vi", "Đã đóng", "zh", "已结案",
                    "hmn", "Kaw lawm")),
            "reopened", Phrase.of(Map.of("en", "Reopened", "es", "Reabierto", "vi", "Đã mở lại", "zh", "已重新开启",
                    "hmn", "Qhib dua lawm")),
            "note", Phrase.of(Map.of("en", "Note from the city", "es", "Nota de la ciudad", "vi", "Ghi chú từ thành phố",
                    "zh", "市政府备注", "hmn", "Lus los ntawm lub nroog")));

    private TimelineWording() {
    }

    /** The title; a kind this version has no words for is shown by its name. */
    static String title(String kind, String language, Map<String, String> values) {
        Phrase phrase = TITLES.get(kind);
        return phrase == null ? kind.replace('_', ' ') : phrase.say(language, values);
    }
}
