package io.curbside.sdk;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * The server's 403 {@code reauthentication-required}: deleting the account (or changing the
 * password) needs the current password, or a sign-in with it a few minutes ago, and the call had
 * neither or a wrong password. The sign-in is fine (do not sign out or refresh): ask the resident
 * for their password and call again with it. {@link #getResponseBody()} is the problem, with a
 * {@code detail} the app may show.
 */
public class ReauthenticationRequiredException extends ApiException {

    static final String TYPE = "urn:curbside:problem:reauthentication-required";

    ReauthenticationRequiredException(ApiException cause) {
        super(cause.getMessage(), cause, cause.getCode(), cause.getResponseHeaders(), cause.getResponseBody());
    }

    /** This exception when {@code e} is that refusal; otherwise {@code e} itself. */
    static ApiException orAsItWas(ApiException e) {
        return e.getCode() == 403 && TYPE.equals(problemType(e.getResponseBody()))
                ? new ReauthenticationRequiredException(e) : e;
    }

    private static String problemType(String body) {
        try {
            JsonElement type = JsonParser.parseString(body == null ? "" : body).getAsJsonObject().get("type");
            return type != null && type.isJsonPrimitive() ? type.getAsString() : null;
        } catch (RuntimeException notAProblem) {
            return null;
        }
    }
}
