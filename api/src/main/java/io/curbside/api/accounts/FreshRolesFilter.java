package io.curbside.api.accounts;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * On the routes that act for the city (staff, liaisons, admins) and on a person's own data (their
 * account, requests, updates, what they follow), the token's sign-in must still be live and a
 * role it carries still held: signing out, a changed or reset password, a deleted account or a
 * role an admin took away stops these routes at once (401, or 403 for a role), not when the
 * ten-minute token expires. One indexed read, off the event loop, which the route then reuses.
 * Routes that never ask who calls accept a token until it expires. The identity provider's
 * people are the provider's to revoke; their tokens pass as they are.
 */
@ServerFilter({"/v1/admin/**", "/v1/staff/**", "/v1/liaison/**", "/v1/me", "/v1/me/**", "/v1/requests/*/follow"})
class FreshRolesFilter implements Ordered {

    private final TokenSettings own;
    private final AccountService accounts;

    FreshRolesFilter(TokenSettings own, AccountService accounts) {
        this.own = own;
        this.accounts = accounts;
    }

    /** After the invalid-token check (SECURITY.after() + 2). */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 3;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> checkRoles(HttpRequest<?> request) {
        Authentication person = request.getUserPrincipal(Authentication.class).orElse(null);
        if (person == null || !own.issuer().equals(person.getAttributes().get(TokenAuthentication.ISSUER))) {
            return null;
        }
        Actor now;
        try {
            now = accounts.stored(UUID.fromString(person.getName()), Actors.session(person));
        } catch (ProblemException gone) {
            return refuse(request, gone.type(), gone.getMessage());
        }
        // Read once per request: Actors hands this same person to the route.
        request.setAttribute(Actors.CHECKED, now);
        boolean rolesHeld = person.getRoles().stream().allMatch(role -> Role.fromWire(role).map(now::is).orElse(true));
        boolean departmentsHeld = !(person.getAttributes().get(TokenAuthentication.DEPARTMENTS) instanceof Collection<?> d)
                || now.departments().containsAll(d.stream().map(String::valueOf).toList());
        return rolesHeld && departmentsHeld ? null : refuse(request, ProblemType.FORBIDDEN,
                "Your roles changed since this token was issued: refresh it or sign in again.");
    }

    private static HttpResponse<?> refuse(HttpRequest<?> request, ProblemType type, String detail) {
        return Problems.write(HttpResponse.status(type.status()), Problems.of(type, detail, List.of(), request));
    }
}
