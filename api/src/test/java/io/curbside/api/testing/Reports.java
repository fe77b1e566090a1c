package io.curbside.api.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds report bodies as a phone sends them: {@code Reports.aPothole().at(lat, lon).json()}. */
public final class Reports {

    /** Deep inside council district 5 of the demo city. */
    public static final double LAT = 39.997113;
    public static final double LON = -82.992588;
    /** Metres per degree of latitude (mean-radius sphere), to place points at known distances. */
    public static final double METRES_PER_DEGREE = Math.PI * 6_371_008.8 / 180;

    private final Map<String, Object> body = new LinkedHashMap<>();
    private final Map<String, Object> answers = new LinkedHashMap<>();

    private Reports(String serviceCode) {
        body.put("service_code", serviceCode);
        at(LAT, LON);
    }

    public static Reports of(String serviceCode) {
        return new Reports(serviceCode);
    }

    /** A large pothole in district 5, anonymous. */
    public static Reports aPothole() {
        return of("pothole").answer("size", "large");
    }

    public Reports at(double lat, double lon) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("lat", lat);
        location.put("lon", lon);
        body.put("location", location);
        return this;
    }

    /** This many metres north of the point it was at. */
    public Reports north(double metres) {
        @SuppressWarnings("unchecked")
        Map<String, Object> location = (Map<String, Object>) body.get("location");
        location.put("lat", (Double) location.get("lat") + metres / METRES_PER_DEGREE);
        return this;
    }

    public Reports whereExactly(String words) {
        @SuppressWarnings("unchecked")
        Map<String, Object> location = (Map<String, Object>) body.get("location");
        location.put("description", words);
        return this;
    }

    public Reports answer(String code, Object value) {
        answers.put(code, value);
        return this;
    }

    public Reports contact(String name, String email, String phone) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", name);
        contact.put("email", email);
        contact.put("phone", phone);
        body.put("contact", contact);
        return this;
    }

    public Reports with(String field, Object value) {
        body.put(field, value);
        return this;
    }

    public Reports without(String field) {
        body.remove(field);
        return this;
    }

    public Reports description(String text) {
        return with("description", text);
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>(body);
        if (!answers.isEmpty()) {
            json.put("answers", new LinkedHashMap<>(answers));
        }
        return json;
    }
}
