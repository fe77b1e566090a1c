package io.curbside.api.support;

/**
 * The open-data routes: public data for anyone, cached by browsers and CDNs ({@link OpenDataCaching}),
 * readable by a script on any site whatever {@code CURBSIDE_CORS_ORIGINS} says ({@link CrossOriginFilter}).
 */
public final class OpenDataRoutes {

    static final String OGC = "/ogc";
    static final String OGC_ALL = "/ogc/**";
    static final String OPENDATA_ALL = "/v1/opendata/**";
    static final String TILES_ALL = "/tiles/**";
    /** Open311's reads are the published dataset too; its POST is a write, which the filters leave alone. */
    static final String OPEN311_ALL = "/open311/**";

    private OpenDataRoutes() {
    }

    /** Whether the path is one of them. */
    public static boolean matches(String path) {
        return path.equals(OGC) || path.startsWith(OGC + "/") || path.startsWith("/v1/opendata/")
                || path.startsWith("/tiles/") || path.startsWith("/open311/");
    }
}
