package io.curbside.api.ogc;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.Optional;

/**
 * The two encodings of every resource (the GeoJSON/JSON and HTML conformance classes): chosen by
 * {@code f=json|html}, else by Accept. A browser, which ranks text/html above {@code *}/{@code *},
 * gets HTML; a client that names no preference (curl's {@code *}/{@code *}, GDAL's JSON types) gets JSON.
 */
enum OgcFormat {
    JSON("json"), HTML("html");

    private final String parameter;

    OgcFormat(String parameter) {
        this.parameter = parameter;
    }

    /** The value of {@code f} that asks for it. */
    String parameter() {
        return parameter;
    }

    static Optional<OgcFormat> named(String f) {
        for (OgcFormat format : values()) {
            if (format.parameter.equals(f)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** HTML only when Accept ranks text/html strictly above every JSON type it accepts. */
    static OgcFormat negotiate(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        double html = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.equals("text/html")) {
                html = Math.max(html, q);
            } else if (type.equals("application/json") || type.equals("application/geo+json")
                    || type.startsWith("application/vnd.oai.openapi+json") || type.equals("application/*")) {
                json = Math.max(json, q);
            } else if (type.equals("*/*")) {
                // a wildcard ranks below any type named outright
                json = Math.max(json, q - 0.0001);
            }
        }
        return html > json ? HTML : JSON;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String p = parameters[i].strip();
            if (p.startsWith("q=") || p.startsWith("Q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
