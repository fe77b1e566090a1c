package io.curbside.api.accounts;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.utils.SecurityService;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, from the token Micronaut Security accepted. A person from the city's
 * identity provider gets an account row the first time they act, so history can name them.
 */
@Singleton
public class Actors {

    private final TokenSettings own;
    private final AccountService accounts;
    private final AccountRepository repository;
    private final TransactionOperations<Connection> transactions;
    private final SecurityService security;

    Actors(TokenSettings own, AccountService accounts, AccountRepository repository,
           TransactionOperations<Connection> transactions, SecurityService security) {
        this.own = own;
        this.accounts = accounts;
        this.repository = repository;
        this.transactions = transactions;
        this.security = security;
    }

    /** The request attribute where {@link FreshRolesFilter} leaves the person it read. */
    static final String CHECKED = Actors.class.getName() + ".checked";

    /** The person behind the request being served, if it carries a valid token. */
    public Optional<Actor> current() {
        Optional<Actor> checked = ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(CHECKED, Actor.class));
        return checked.isPresent() ? checked : security.getAuthentication().map(this::of);
    }

    /** The person behind the request being served; 401 when there is none (routes that need one check first). */
    public Actor required() {
        return current().orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, "Sign in to do this."));
    }

    /**
     * The person a checked token names. For Curbside's own tokens the account, its roles and the
     * token's sign-in are read from the database on each call (one indexed read): a deleted
     * account, a revoked role or an ended sign-in stops at once, not when the token expires (401
     * for the account or sign-in). The identity provider's people get the roles its token maps
     * to, since the provider is the authority on them and on their sign-ins.
     */
    public Actor of(Authentication authentication) {
        Object issuer = authentication.getAttributes().get(TokenAuthentication.ISSUER);
        if (own.issuer().equals(issuer)) {
            return accounts.stored(UUID.fromString(authentication.getName()), session(authentication));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : authentication.getRoles()) {
            Role.fromWire(name).ifPresent(roles::add);
        }
        Set<String> departments = new LinkedHashSet<>();
        if (authentication.getAttributes().get(TokenAuthentication.DEPARTMENTS) instanceof Collection<?> values) {
            values.forEach(v -> departments.add(String.valueOf(v)));
        }
        UUID account = transactions.executeWrite(s -> repository.provision(String.valueOf(issuer), authentication.getName()));
        return new Actor(account, roles, departments);
    }

    /** The sign-in of one of Curbside's own tokens ({@link TokenAuthentication} lets none through without). */
    static UUID session(Authentication authentication) {
        return (UUID) authentication.getAttributes().get(TokenAuthentication.SESSION);
    }
}
