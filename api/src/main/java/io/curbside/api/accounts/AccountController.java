package io.curbside.api.accounts;

import io.curbside.contract.api.AccountsApi;
import io.curbside.contract.model.Account;
import io.curbside.contract.model.Credentials;
import io.curbside.api.i18n.LanguageNegotiator;
import io.curbside.api.i18n.Messages;
import io.curbside.contract.model.PasswordChange;
import io.curbside.contract.model.PasswordReset;
import io.curbside.contract.model.PasswordResetRequest;
import io.curbside.contract.model.RefreshRequest;
import io.curbside.contract.model.Registration;
import io.curbside.contract.model.Session;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Signing up, in and out, and a person's own account. Password hashing blocks: off the event loop. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountController implements AccountsApi {

    private final AccountService accounts;
    private final Actors actors;
    private final OwnerMail reset;

    AccountController(AccountService accounts, Actors actors, OwnerMail reset) {
        this.accounts = accounts;
        this.actors = actors;
        this.reset = reset;
    }

    @Override
    public HttpResponse<Void> register(Registration registration, String acceptLanguage) {
        accounts.register(registration.getEmail(), registration.getPassword(), registration.getDisplayName(),
                mailLanguage(acceptLanguage));
        return HttpResponse.accepted();
    }

    @Override
    public HttpResponse<Session> login(Credentials credentials) {
        return HttpResponse.ok(accounts.login(credentials.getEmail(), credentials.getPassword()));
    }

    @Override
    public HttpResponse<Session> refresh(RefreshRequest request) {
        return HttpResponse.ok(accounts.refresh(request.getRefreshToken()));
    }

    @Override
    public HttpResponse<Void> logout(RefreshRequest request) {
        accounts.logout(request.getRefreshToken());
        return HttpResponse.noContent();
    }

    @Override
    public HttpResponse<Account> getMe() {
        return HttpResponse.ok(accounts.describe(actors.required()));
    }

    @Override
    public HttpResponse<Void> deleteMe() {
        accounts.delete(actors.required());
        return HttpResponse.noContent();
    }

    @Override
    public HttpResponse<Session> changePassword(PasswordChange change) {
        return HttpResponse.ok(accounts.changePassword(actors.required(), change.getCurrentPassword(),
                change.getNewPassword()));
    }

    @Override
    public HttpResponse<Void> requestPasswordReset(PasswordResetRequest request, String acceptLanguage) {
        reset.request(request.getEmail(), mailLanguage(acceptLanguage));
        return HttpResponse.accepted();
    }

    @Override
    public HttpResponse<Void> confirmPasswordReset(PasswordReset request) {
        reset.confirm(request.getToken(), request.getNewPassword());
        return HttpResponse.noContent();
    }

    /** Accounts keep no language: mail about one is in the language of the request that caused it. */
    static String mailLanguage(String acceptLanguage) {
        return LanguageNegotiator.choose(null, acceptLanguage, Messages.classpath().languages());
    }
}
