package io.curbside.api.notifications;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;

/**
 * E-mail notifications and the SMTP server they go through, from the {@code curbside.email.*}
 * properties. Off by default: with {@code enabled} false nothing is queued and no node sends mail.
 *
 * @param from the sender address
 */
@ConfigurationProperties("curbside.email")
record EmailSettings(boolean enabled, String from, Smtp smtp) {

    EmailSettings {
        if (enabled && (smtp.host() == null || smtp.host().isBlank())) {
            throw new ConfigurationException("curbside.email.smtp.host is required when curbside.email.enabled is true");
        }
        if (enabled && (from == null || from.isBlank())) {
            throw new ConfigurationException("curbside.email.from is required when curbside.email.enabled is true");
        }
    }

    /**
     * The SMTP server, from the {@code curbside.email.smtp.*} properties.
     *
     * @param username empty for a server that takes mail without a login
     * @param starttls require STARTTLS before authenticating and sending (refuse a server without it)
     * @param timeout  the longest wait for each step of the SMTP dialogue
     */
    @ConfigurationProperties("smtp")
    record Smtp(String host, int port, String username, String password, boolean starttls, Duration timeout) {

        Smtp {
            if (port < 1 || port > 65535) {
                throw new ConfigurationException("curbside.email.smtp.port must be a TCP port, not " + port);
            }
        }

        boolean authenticates() {
            return username != null && !username.isBlank();
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + (authenticates() ? "(set)" : "(none)") + ", starttls=" + starttls
                    + ", timeout=" + timeout + "]";
        }
    }
}
