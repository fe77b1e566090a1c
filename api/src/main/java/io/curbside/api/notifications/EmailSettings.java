package io.curbside.api.notifications;

import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;

/**
 * The SMTP server e-mail notifications go through, from the {@code curbside.email.*} properties.
 * Off by default: with {@code enabled} false nothing is queued and no node sends mail.
 *
 * @param starttls require STARTTLS before authenticating and sending (refuse a server without it)
 * @param username empty for a server that takes mail without a login
 */
record EmailSettings(boolean enabled, String host, int port, String username, String password, String from,
                     boolean starttls, Duration timeout) {

    EmailSettings {
        if (enabled && (host == null || host.isBlank())) {
            throw new ConfigurationException("curbside.email.smtp.host is required when curbside.email.enabled is true");
        }
        if (enabled && (from == null || from.isBlank())) {
            throw new ConfigurationException("curbside.email.from is required when curbside.email.enabled is true");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigurationException("curbside.email.smtp.port must be a TCP port, not " + port);
        }
    }

    boolean authenticates() {
        return username != null && !username.isBlank();
    }

    @Override
    public String toString() {
        return "EmailSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", from=" + from + "]";
    }
}
