package io.curbside.api.catalog;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;

import java.util.Optional;

/**
 * The ETag of a service as admins edit it, and the preconditions of replacing it (RFC 9110
 * §13.1.1, RFC 6585 §3): a replace must name the version it replaces, so no admin overwrites
 * another's change unseen. Tags are strong ("pothole.3"): If-Match compares strongly.
 */
final class ServiceTags {

    private ServiceTags() {
    }

    static String of(StoredServiceRepository.Stored stored) {
        return "\"" + stored.service().code() + "." + stored.version() + "\"";
    }

    /** Throws 428 or 412 unless the headers allow creating or replacing {@code code}. */
    static void check(String code, Optional<StoredServiceRepository.Stored> existing, String ifMatch, String ifNoneMatch) {
        boolean createOnly = ifNoneMatch != null && ifNoneMatch.strip().equals("*");
        if (ifNoneMatch != null && !ifNoneMatch.isBlank() && !createOnly) {
            throw ProblemException.invalidParameter("If-None-Match", "may only be * (create, never replace)");
        }
        boolean conditional = ifMatch != null && !ifMatch.isBlank();
        if (existing.isEmpty()) {
            if (conditional) {
                throw new ProblemException(ProblemType.PRECONDITION_FAILED, "There is no service \"" + code
                        + "\" to replace (If-Match names a version of it); send no If-Match to create it.");
            }
            return;
        }
        if (createOnly) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "A service with the code \"" + code
                    + "\" already exists, and If-None-Match: * asked to create one only.");
        }
        if (!conditional) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "The service \"" + code + "\" exists: "
                    + "send the ETag of the version you edited (GET /v1/admin/services/" + code + ") in If-Match, "
                    + "so that no other admin's change is overwritten unseen.");
        }
        String current = of(existing.get());
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The service \"" + code + "\" has changed since "
                + "the version in If-Match; it is now " + current + ". Read it again and redo the edit on it.");
    }
}
