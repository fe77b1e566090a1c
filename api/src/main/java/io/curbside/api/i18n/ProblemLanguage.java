package io.curbside.api.i18n;

import io.curbside.api.problem.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

/**
 * The language the problems of the request being served are said in: the report's own language
 * once intake has read it, else the one {@code ?lang=} or {@code Accept-Language} asks for, among
 * the languages Curbside has messages in; English outside a request.
 */
public final class ProblemLanguage {

    private static final String ATTRIBUTE = "curbside.problem-language";

    private ProblemLanguage() {
    }

    /** Says the current request's problems in this language from now on (a report's, once known). */
    public static void use(String language) {
        ServerRequestContext.currentRequest().ifPresent(request -> request.setAttribute(ATTRIBUTE, language));
    }

    /** The language of the current request's problems. */
    public static String current() {
        return ServerRequestContext.currentRequest().map(ProblemLanguage::of).orElse(Translations.FALLBACK);
    }

    public static String of(HttpRequest<?> request) {
        String chosen = request.getAttribute(ATTRIBUTE, String.class).orElse(null);
        if (chosen != null) {
            return chosen;
        }
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE);
        try {
            return LanguageNegotiator.choose(request.getParameters().get("lang"), accept,
                    Messages.classpath().languages());
        } catch (ProblemException malformedLang) {
            return LanguageNegotiator.choose(null, accept, Messages.classpath().languages());
        }
    }
}
