package io.curbside.sdk;

/**
 * The client apps use: the generated {@link ApiClient}, except that a route which takes
 * multipart (a report with photos) is sent as multipart. The generated client always picks
 * JSON when a route also accepts it, and would then send a report's photos nowhere.
 */
public class CurbsideClient extends ApiClient {

    private static final String MULTIPART = "multipart/form-data";

    @Override
    public String selectHeaderContentType(String[] contentTypes) {
        for (String contentType : contentTypes) {
            if (MULTIPART.equals(contentType)) {
                return contentType;
            }
        }
        return super.selectHeaderContentType(contentTypes);
    }
}
