package io.curbside.api.accounts;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A signed-in person as the rules see them: their account, roles and, for staff, the
 * departments they act for.
 */
public record Actor(UUID accountId, Set<Role> roles, Set<String> departments) {

    public Actor {
        // Enum order (resident, liaison, staff, admin) and sorted departments: stable in answers.
        roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        departments = Collections.unmodifiableSet(new TreeSet<>(departments));
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Whether this person may work on a department's requests: its staff, or an admin. */
    public boolean actsFor(String department) {
        return is(Role.ADMIN) || (is(Role.STAFF) && departments.contains(department));
    }
}
