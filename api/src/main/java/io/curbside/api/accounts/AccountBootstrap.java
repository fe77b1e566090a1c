package io.curbside.api.accounts;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.order.Ordered;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes the first admin from {@code CURBSIDE_BOOTSTRAP_ADMIN_EMAIL}/{@code _PASSWORD} when no
 * account has that address (never changing one that does), and in dev mode with
 * {@code CURBSIDE_DEMO_USERS} the demo city's people. Runs after the catalog is imported,
 * since staff belong to its departments.
 */
@Singleton
@Requires(property = "curbside.import-on-startup", notEquals = "false")
class AccountBootstrap implements ApplicationEventListener<StartupEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(AccountBootstrap.class);

    /** The demo's people: e-mail, password, name, roles. Known passwords, so dev mode only. */
    static final List<DemoUser> DEMO = List.of(
            new DemoUser("resident@demo.curbside.test", "demo-resident-1", "Rosa Resident", List.of()),
            new DemoUser("liaison@demo.curbside.test", "demo-liaison-1", "Lee Liaison",
                    List.of(new AccountRepository.Grant(Role.LIAISON, null))),
            new DemoUser("streets@demo.curbside.test", "demo-streets-1", "Sam Streets",
                    List.of(new AccountRepository.Grant(Role.STAFF, "streets"))),
            new DemoUser("code@demo.curbside.test", "demo-code-1", "Cory Code",
                    List.of(new AccountRepository.Grant(Role.STAFF, "code-enforcement"))));

    record DemoUser(String email, String password, String name, List<AccountRepository.Grant> grants) {
    }

    private final AccountService accounts;
    private final Departments departments;
    private final TransactionOperations<Connection> transactions;
    private final TokenSettings tokens;
    private final BootstrapSettings.Admin admin;
    private final boolean demoUsers;

    /** Takes the signing key at start-up, so production without one refuses to start rather than at the first sign-in. */
    AccountBootstrap(SigningKey signingKey, AccountService accounts, TokenSettings tokens, BootstrapSettings settings,
                     Departments departments, TransactionOperations<Connection> transactions) {
        this.accounts = accounts;
        this.departments = departments;
        this.transactions = transactions;
        this.tokens = tokens;
        this.admin = settings.bootstrapAdmin();
        this.demoUsers = settings.demoUsers();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (admin.wanted() && accounts.ensure(admin.email(), admin.password(), "Administrator",
                List.of(new AccountRepository.Grant(Role.ADMIN, null)))) {
            // Not the address: logs are kept longer and read by more people than the accounts table.
            LOG.info("Created the first admin, with the address CURBSIDE_BOOTSTRAP_ADMIN_EMAIL names");
        }
        if (demoUsers) {
            if (!tokens.dev()) {
                throw new ConfigurationException("CURBSIDE_DEMO_USERS has known passwords: it works in dev mode only.");
            }
            List<DemoUser> made = new ArrayList<>();
            for (DemoUser user : DEMO) {
                // A city's own catalog may lack the demo's departments: such a person is left out
                // whole (never an account without its roles), and start-up goes on.
                List<String> missing = user.grants().stream().map(AccountRepository.Grant::department)
                        .filter(Objects::nonNull).filter(code -> !transactions.executeRead(s -> departments.exists(code)))
                        .toList();
                if (missing.isEmpty()) {
                    accounts.ensure(user.email(), user.password(), user.name(), user.grants());
                    made.add(user);
                } else {
                    LOG.warn("Demo person {} not made: the catalog has no department {}", user.name(), missing);
                }
            }
            StringBuilder how = new StringBuilder("Demo people, to sign in with POST /v1/auth/login "
                    + "{\"email\": ..., \"password\": ...}:");
            for (DemoUser user : made) {
                how.append(String.format("%n  %-30s %-18s %s", user.email(), user.password(), user.grants().isEmpty()
                        ? "resident" : user.grants().stream().map(g -> g.department() == null ? g.role().wire()
                        : g.role().wire() + " of " + g.department()).toList()));
            }
            LOG.info("{}", how);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
