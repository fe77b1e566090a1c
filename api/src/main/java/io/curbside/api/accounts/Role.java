package io.curbside.api.accounts;

import java.util.Locale;
import java.util.Optional;

/** What a person may do. Every account is a resident; admins grant the others. */
public enum Role {
    RESIDENT, LIAISON, STAFF, ADMIN;

    /** As in tokens, the contract and the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String text) {
        for (Role role : values()) {
            if (role.wire().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
