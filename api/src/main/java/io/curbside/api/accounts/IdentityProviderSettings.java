package io.curbside.api.accounts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The city's own identity provider, trusted beside Curbside's accounts: tokens signed by a key
 * of {@code jwksUrl} and issued by {@code issuer} (for {@code audience}, when set) are
 * accepted, their {@code rolesClaim} values mapped to Curbside roles by {@code roleMap}
 * ("group=role" or "group=staff:department", comma-separated). Unmapped values grant nothing.
 */
@ConfigurationProperties("curbside.identity-provider")
public record IdentityProviderSettings(
        @Nullable String jwksUrl,
        @Nullable String issuer,
        @Nullable String audience,
        @Nullable String rolesClaim,
        @Nullable String roleMap) {

    public boolean enabled() {
        return jwksUrl != null && !jwksUrl.isBlank();
    }

    public String claim() {
        return rolesClaim.strip();
    }

    /** One mapped grant: a role, and for staff the department. */
    public record Grant(Role role, Optional<String> department) {
    }

    /** The role map, read; a malformed entry stops the start-up with its name. */
    public Map<String, Grant> grants() {
        Map<String, Grant> grants = new LinkedHashMap<>();
        if (roleMap == null || roleMap.isBlank()) {
            return grants;
        }
        for (String entry : roleMap.split(",")) {
            String[] sides = entry.split("=", 2);
            if (sides.length != 2 || sides[0].isBlank()) {
                throw new IllegalArgumentException("CURBSIDE_IDP_ROLE_MAP entry \"" + entry.strip()
                        + "\" is not group=role or group=staff:department");
            }
            String[] target = sides[1].strip().split(":", 2);
            Role role = Role.fromWire(target[0]).orElseThrow(() -> new IllegalArgumentException(
                    "CURBSIDE_IDP_ROLE_MAP entry \"" + entry.strip() + "\" names no role (resident, liaison, staff, admin)"));
            Optional<String> department = target.length == 2 && !target[1].isBlank()
                    ? Optional.of(target[1].strip()) : Optional.empty();
            if ((role == Role.STAFF) != department.isPresent()) {
                throw new IllegalArgumentException("CURBSIDE_IDP_ROLE_MAP entry \"" + entry.strip()
                        + "\": staff need a department (staff:streets), and only staff have one");
            }
            grants.put(sides[0].strip(), new Grant(role, department));
        }
        return grants;
    }
}
