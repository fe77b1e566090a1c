package io.curbside.api.open311;

import io.curbside.api.problem.ProblemException;

import java.util.Locale;

/** The two encodings of GeoReport v2, chosen by the path's suffix ({@code .xml} or {@code .json}). */
enum Open311Format {
    XML("text/xml; charset=utf-8"),
    JSON("application/json; charset=utf-8");

    private final String contentType;

    Open311Format(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The format the suffix names; a 404 for any other suffix, as for a path that does not exist. */
    static Open311Format of(String suffix) {
        return switch (suffix == null ? "" : suffix) {
            case "xml" -> XML;
            case "json" -> JSON;
            default -> throw ProblemException.notFound("Open311 answers in .xml or .json; there is no ."
                    + suffix.toLowerCase(Locale.ROOT) + " form of this resource.");
        };
    }

    /** The format a path asks for, for answers written before the route ran (a refusal of a filter): JSON unless .xml. */
    static Open311Format ofPath(String path) {
        return path != null && path.endsWith(".xml") ? XML : JSON;
    }
}
