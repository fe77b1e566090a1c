package io.curbside.api.accounts;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
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
    private final AccountRepository accounts;
    private final TransactionOperations<Connection> transactions;
    private final SecurityService security;

    Actors(TokenSettings own, AccountRepository accounts, TransactionOperations<Connection> transactions,
           SecurityService security) {
        this.own = own;
        this.accounts = accounts;
        this.transactions = transactions;
        this.security = security;
    }

    /** The person behind the request being served, if it carries a valid token. */
    public Optional<Actor> current() {
        return security.getAuthentication().map(this::of);
    }

    /** The person behind the request being served; 401 when there is none (routes that need one check first). */
    public Actor required() {
        return current().orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, "Sign in to do this."));
    }

    public Actor of(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : authentication.getRoles()) {
            Role.fromWire(name).ifPresent(roles::add);
        }
        Set<String> departments = new LinkedHashSet<>();
        if (authentication.getAttributes().get(TokenAuthentication.DEPARTMENTS) instanceof Collection<?> values) {
            values.forEach(v -> departments.add(String.valueOf(v)));
        }
        Object issuer = authentication.getAttributes().get(TokenAuthentication.ISSUER);
        UUID account = own.issuer().equals(issuer)
                ? UUID.fromString(authentication.getName())
                : transactions.executeWrite(s -> accounts.provision(String.valueOf(issuer), authentication.getName()));
        return new Actor(account, roles, departments);
    }
}
