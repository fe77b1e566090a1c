package io.curbside.api.accounts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * The people made at start-up, from {@code curbside.demo-users} and {@code curbside.bootstrap-admin.*}.
 *
 * @param demoUsers      make the demo city's people (known passwords: dev mode only)
 * @param bootstrapAdmin the first admin; an empty e-mail: none
 */
@ConfigurationProperties("curbside")
record BootstrapSettings(boolean demoUsers, Admin bootstrapAdmin) {

    /** The first admin, created when no account has its address, and never changed afterwards. */
    @ConfigurationProperties("bootstrap-admin")
    record Admin(String email, String password) {

        Admin {
            if (wanted(email) && (password == null || password.length() < 12)) {
                throw new ConfigurationException("CURBSIDE_BOOTSTRAP_ADMIN_PASSWORD must have at least 12 characters.");
            }
        }

        boolean wanted() {
            return wanted(email);
        }

        private static boolean wanted(String email) {
            return email != null && !email.isBlank();
        }

        @Override
        public String toString() {
            return "Admin[email=" + email + ", password=***]";
        }
    }
}
