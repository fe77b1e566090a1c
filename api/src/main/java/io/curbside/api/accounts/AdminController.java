package io.curbside.api.accounts;

import io.curbside.contract.api.AdminApi;
import io.curbside.contract.model.Account;
import io.curbside.contract.model.AccountList;
import io.curbside.contract.model.AuditLog;
import io.curbside.contract.model.RoleGrants;
import io.curbside.contract.model.RoleName;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.UUID;

/** The admin routes on accounts; Micronaut Security lets only the admin role in (the contract's x-roles). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminController implements AdminApi {

    private final AccountAdministration administration;
    private final Actors actors;

    AdminController(AccountAdministration administration, Actors actors) {
        this.administration = administration;
        this.actors = actors;
    }

    @Override
    public HttpResponse<AccountList> listAccounts(String email, RoleName role, String cursor, Integer limit) {
        return HttpResponse.ok(administration.find(email, role, cursor, limit == null ? 50 : limit));
    }

    @Override
    public HttpResponse<Account> setAccountRoles(UUID accountId, RoleGrants grants) {
        return HttpResponse.ok(administration.setRoles(actors.required(), accountId, grants.getGrants()));
    }

    @Override
    public HttpResponse<AuditLog> listAuditLog(String cursor, Integer limit) {
        return HttpResponse.ok(administration.log(cursor, limit == null ? 50 : limit));
    }
}
