package io.curbside.api.reports;

import io.curbside.api.following.Followers;
import io.curbside.api.idempotency.Caller;
import io.curbside.api.idempotency.Fingerprint;
import io.curbside.api.idempotency.Idempotency;
import io.curbside.api.opendata.Publisher;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.requests.ReceiptToken;
import io.curbside.api.requests.TrackingNumber;
import io.curbside.contract.model.Channel;
import io.curbside.contract.model.MeToo;
import io.curbside.contract.model.MeTooRequest;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

/**
 * "Me too": a resident follows an open request instead of filing it again, and is counted once.
 * Signed in, their account follows it too (its events reach them in GET /v1/me/updates).
 */
@Singleton
public class MeTooService {

    private final RequestRepository repository;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Followers followers;
    private final Publisher publisher;

    MeTooService(RequestRepository repository, Idempotency idempotency, ObjectMapper json, Followers followers, Publisher publisher) {
        this.repository = repository;
        this.idempotency = idempotency;
        this.json = json;
        this.followers = followers;
        this.publisher = publisher;
    }

    /**
     * 201 when counted, 200 when this device already was; replays a keyed retry's first answer.
     * {@code account}: the signed-in caller, who then follows the request; null when anonymous.
     */
    public Idempotency.Outcome add(String typedNumber, MeTooRequest body, UUID account, String idempotencyKey) {
        TrackingNumber number = TrackingNumber.parameter(typedNumber);
        MeTooRequest request = body == null ? new MeTooRequest() : body;
        String device = request.getDeviceId() == null || request.getDeviceId().isBlank() ? null
                : request.getDeviceId().strip();
        Fingerprint fingerprint = new Fingerprint().add(bytes(request));
        if (account != null) {
            // Signed in, it also follows: the same key sent anonymously or by another account is another request.
            // Anonymous, the fingerprint stays what it was before accounts, so keys stored earlier still match.
            fingerprint.add(account.toString());
        }
        Idempotency.Request keyed = new Idempotency.Request("POST /v1/requests/" + number + "/me-too",
                Idempotency.normalizeKey(idempotencyKey), fingerprint.sha256(),
                account == null ? Caller.ANONYMOUS : Caller.account(account));
        return idempotency.once(keyed, Idempotency.Work.inTransaction(() -> {
            RequestRepository.Target target = repository.lock(number)
                    .orElseThrow(() -> ProblemException.notFound("There is no request " + number + "."));
            if (target.closed()) {
                throw new ProblemException(ProblemType.REQUEST_CLOSED, "Request " + number + " is closed. If the "
                        + "problem is back, please file a new report.");
            }
            if (account != null) {
                followers.followForMeToo(account, target.id());
            }
            Channel channel = request.getChannel() == null ? Channel.MOBILE_APP : request.getChannel();
            boolean counted = repository.addMeToo(target.id(), device == null ? null : ReceiptToken.sha256(device),
                    channel.getValue());
            publisher.publishDue();
            MeToo meToo = new MeToo(number.value(), repository.meTooCount(target.id()), counted);
            return new Idempotency.Answer(counted ? 201 : 200, Map.of(), bytes(meToo));
        }));
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
