package io.curbside.api.accounts;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.support.KeysetPage;
import io.curbside.api.support.PageCursor;
import io.curbside.contract.model.Account;
import io.curbside.contract.model.AccountList;
import io.curbside.contract.model.AuditEntry;
import io.curbside.contract.model.AuditLog;
import io.curbside.contract.model.RoleGrant;
import io.curbside.contract.model.RoleName;
import io.curbside.contract.model.Violation;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What admins do to accounts: find them, set their roles, and read the audit log. */
@Singleton
class AccountAdministration {

    private final AccountRepository accounts;
    private final AuditTrail audit;
    private final Departments departments;
    private final TransactionOperations<Connection> transactions;

    AccountAdministration(AccountRepository accounts, AuditTrail audit, Departments departments,
                          TransactionOperations<Connection> transactions) {
        this.accounts = accounts;
        this.audit = audit;
        this.departments = departments;
        this.transactions = transactions;
    }

    AccountList find(String emailPrefix, RoleName role, String cursor, int limit) {
        PageCursor after = PageCursor.parse(cursor);
        UUID afterId = after == null ? null : parseUuid(after.key());
        return transactions.executeRead(s -> {
            KeysetPage<AccountRepository.Stored> rows = KeysetPage.read(limit, n -> accounts.find(
                    emailPrefix == null || emailPrefix.isBlank() ? null : emailPrefix.strip(),
                    role == null ? null : Role.fromWire(role.getValue()).orElseThrow(), afterId, n),
                    AccountRepository.Stored::id);
            List<Account> page = new ArrayList<>();
            for (AccountRepository.Stored row : rows.rows()) {
                page.add(AccountService.account(row, accounts.grants(row.id())));
            }
            AccountList list = new AccountList(page);
            list.setNextCursor(rows.nextCursor());
            return list;
        });
    }

    Account setRoles(Actor admin, UUID target, List<RoleGrant> requested) {
        List<AccountRepository.Grant> grants = checked(requested);
        if (admin.accountId().equals(target) && grants.stream().noneMatch(g -> g.role() == Role.ADMIN)) {
            throw new ProblemException(ProblemType.INVALID_FIELDS, "An admin cannot take the admin role from themselves; "
                    + "another admin can.", List.of(new Violation("grants", "leaves out admin for your own account")));
        }
        return transactions.executeWrite(s -> {
            // Locked: two admins setting one account's roles at once apply one after the other.
            AccountRepository.Stored account = accounts.lock(target)
                    .orElseThrow(() -> ProblemException.notFound("There is no account " + target + "."));
            for (AccountRepository.Grant grant : grants) {
                if (grant.department() != null && !departments.exists(grant.department())) {
                    throw new ProblemException(ProblemType.INVALID_FIELDS, "There is no department \""
                            + grant.department() + "\".", List.of(new Violation("grants", "names an unknown department")));
                }
            }
            List<AccountRepository.Grant> before = accounts.grants(target);
            accounts.replaceGrants(target, grants, admin.accountId());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("before", describe(before));
            details.put("after", describe(grants));
            audit.record(admin.accountId(), "account.roles", target.toString(), details);
            return AccountService.account(account, accounts.grants(target));
        });
    }

    AuditLog log(String cursor, int limit) {
        PageCursor after = PageCursor.parse(cursor);
        KeysetPage<AuditEntry> entries = KeysetPage.read(limit, n -> transactions.executeRead(s -> audit.page(after, n)),
                AuditEntry::getId);
        AuditLog page = new AuditLog(entries.rows());
        page.setNextCursor(entries.nextCursor());
        return page;
    }

    private static List<AccountRepository.Grant> checked(List<RoleGrant> requested) {
        Set<AccountRepository.Grant> grants = new LinkedHashSet<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            RoleGrant grant = requested.get(i);
            Role role = Role.fromWire(grant.getRole().getValue()).orElseThrow();
            String department = grant.getDepartment() == null || grant.getDepartment().isBlank() ? null
                    : grant.getDepartment().strip();
            String field = "grants[" + i + "]";
            if (role == Role.RESIDENT) {
                continue;
            }
            if (role == Role.STAFF && department == null) {
                violations.add(new Violation(field + ".department", "is required for staff"));
            } else if (role != Role.STAFF && department != null) {
                violations.add(new Violation(field + ".department", "is only for staff"));
            } else {
                grants.add(new AccountRepository.Grant(role, department));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_FIELDS, "Some grants are not possible.", violations);
        }
        return List.copyOf(grants);
    }

    private static List<String> describe(List<AccountRepository.Grant> grants) {
        return grants.stream().map(g -> g.department() == null ? g.role().wire() : g.role().wire() + ":" + g.department())
                .toList();
    }

    private static UUID parseUuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("cursor", "is not a cursor from an earlier page");
        }
    }
}
