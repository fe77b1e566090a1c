package io.curbside.api.accounts;

import io.curbside.contract.api.AddressesApi;
import io.curbside.contract.model.EmailChange;
import io.curbside.contract.model.EmailVerification;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Proving and changing a person's e-mail address. Password checks block: off the event loop. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class AddressController implements AddressesApi {

    private final AddressVerification verification;
    private final Actors actors;

    AddressController(AddressVerification verification, Actors actors) {
        this.verification = verification;
        this.actors = actors;
    }

    @Override
    public HttpResponse<Void> confirmEmailVerification(EmailVerification request) {
        verification.confirm(request.getToken());
        return HttpResponse.noContent();
    }

    @Override
    public HttpResponse<Void> resendEmailVerification(String acceptLanguage) {
        boolean sent = verification.resend(actors.required(), AccountController.mailLanguage(acceptLanguage));
        return sent ? HttpResponse.accepted() : HttpResponse.noContent();
    }

    @Override
    public HttpResponse<Void> changeEmail(EmailChange change, String acceptLanguage) {
        verification.change(actors.required(), change.getEmail(), change.getCurrentPassword(),
                AccountController.mailLanguage(acceptLanguage));
        return HttpResponse.accepted();
    }
}
