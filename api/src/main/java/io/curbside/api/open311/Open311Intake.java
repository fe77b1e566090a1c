package io.curbside.api.open311;

import io.curbside.api.accounts.Actor;
import io.curbside.api.accounts.Actors;
import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.idempotency.Idempotency;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.ratelimits.ApiKey;
import io.curbside.api.ratelimits.ApiKeys;
import io.curbside.api.reports.Filer;
import io.curbside.api.reports.IntakeService;
import io.curbside.contract.model.Contact;
import io.curbside.contract.model.NewServiceRequest;
import io.curbside.contract.model.QuestionDatatype;
import io.curbside.contract.model.ReportedLocation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files an Open311 POST: its fields become the native report, which {@link IntakeService} files as it
 * files {@code POST /v1/requests} (the same checks, routing, idempotency and publication), and the
 * native answer becomes the spec's: the tracking number as {@code service_request_id}, what happens
 * next as {@code service_notice}.
 */
@Singleton
class Open311Intake {

    /**
     * The Idempotency-Key scope, per API key: two client apps that happen to send one key never meet (the
     * draft's keys are per resource and client), and none replays another's answer.
     */
    static final String SCOPE = "POST /open311/v2/requests";
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\[\\]]+)](\\[])?");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

    private final IntakeService intake;
    private final CatalogService catalog;
    private final ApiKeys apiKeys;
    private final Actors actors;
    private final JsonMapper json;

    Open311Intake(IntakeService intake, CatalogService catalog, ApiKeys apiKeys, Actors actors, JsonMapper json) {
        this.intake = intake;
        this.catalog = catalog;
        this.apiKeys = apiKeys;
        this.actors = actors;
        this.json = json;
    }

    /** What the client is told: the request's tracking number, what happens next, and the account it is filed under. */
    record Filed(String serviceRequestId, String serviceNotice, @Nullable String accountId, int status, boolean replayed) {
    }

    /**
     * Files the form. {@code presentedKey} is the key of the header or query, when the form has none.
     * Refusals are {@link ProblemException}s, which the adapter writes as Open311 errors.
     */
    Filed file(Open311Form form, List<byte[]> media, @Nullable String presentedKey, @Nullable String idempotencyKey,
               @Nullable String acceptLanguage) {
        String key = form.one("api_key");
        if (key == null) {
            key = presentedKey;
        }
        if (key == null) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER,
                    "api_key is required to file a request: ask the city for a key, and send it as the form field api_key.");
        }
        ApiKey client = apiKeys.verify(key).orElseThrow(() -> new ProblemException(ProblemType.INVALID_API_KEY,
                "The api_key sent is not valid: it is mistyped, unknown or revoked."));
        if (form.one("media_url") != null) {
            throw ProblemException.invalidParameter("media_url", "is not accepted here: Curbside does not fetch photos "
                    + "from other sites; send the photo itself as a \"media\" file part of a multipart form");
        }
        String serviceCode = form.one("service_code");
        if (serviceCode == null) {
            throw ProblemException.invalidParameter("service_code", "is required");
        }
        Catalog.Service service = catalog.view(null, acceptLanguage).catalog().service(serviceCode).orElseThrow(() ->
                ProblemException.notFound("There is no service with the service_code \"" + serviceCode + "\"."));
        Double lat = coordinate(form, "lat");
        Double lon = coordinate(form, "long");
        if (lat == null || lon == null) {
            boolean address = form.one("address_string") != null || form.one("address_id") != null;
            throw ProblemException.invalidParameter(lat == null ? "lat" : "long", address
                    ? "is required: this server places requests by lat and long only, address_string and address_id "
                    + "are not supported yet"
                    : "is required (a location is lat and long)");
        }

        NewServiceRequest report = new NewServiceRequest(serviceCode);
        ReportedLocation location = new ReportedLocation(lat, lon);
        location.setDescription(form.one("address_string"));
        report.setLocation(location);
        report.setDescription(form.one("description"));
        report.setDeviceId(form.one("device_id"));
        Map<String, Object> answers = answers(form, service);
        if (!answers.isEmpty()) {
            report.setAnswers(answers);
        }
        String name = String.join(" ", nonNull(form.one("first_name"), form.one("last_name"))).strip();
        String email = form.one("email");
        String phone = form.one("phone");
        if (!name.isEmpty() || email != null || phone != null) {
            Contact contact = new Contact();
            contact.setName(name.isEmpty() ? null : name);
            contact.setEmail(email);
            contact.setPhone(phone);
            report.setContact(contact);
        }

        UUID account = actors.current().map(Actor::accountId).orElse(null);
        Filer filer = account == null ? Filer.ANONYMOUS : Filer.resident(account);
        Idempotency.Outcome outcome = intake.file(SCOPE + " key " + client.id(), report, media, filer,
                idempotencyKey, acceptLanguage);
        Map<String, Object> created = read(outcome.answer().body());
        return new Filed((String) created.get("tracking_number"), (String) created.get("next_steps"),
                account == null ? null : account.toString(), outcome.answer().status(), outcome.replayed());
    }

    /**
     * attribute[code] and attribute[code][] as the native answers: a number for a number question, a list
     * for a multivaluelist (each value a key), text otherwise. What does not fit is handed on as sent, so
     * the native checks name it exactly as they would in a JSON report.
     */
    private static Map<String, Object> answers(Open311Form form, Catalog.Service service) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : form.all().entrySet()) {
            Matcher m = ATTRIBUTE.matcher(field.getKey());
            if (!m.matches()) {
                continue;
            }
            String code = m.group(1);
            boolean many = m.group(2) != null;
            QuestionDatatype type = service.question(code).map(Catalog.Question::datatype).orElse(null);
            List<String> values = field.getValue().stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty()) {
                continue;
            }
            if (answers.containsKey(code) && !(many && answers.get(code) instanceof List)) {
                // attribute[q] and attribute[q][] both: two answers to one question, neither taken.
                throw ProblemException.invalidParameter(field.getKey(), "answers attribute[" + code
                        + "] a second time; send one value, or a list as attribute[" + code + "][]");
            }
            if (many || type == QuestionDatatype.MULTIVALUELIST) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) answers.computeIfAbsent(code, c -> new ArrayList<>());
                list.addAll(values);
                continue;
            }
            if (values.size() > 1) {
                throw ProblemException.invalidParameter(field.getKey(), "is given " + values.size()
                        + " times; send a list as " + "attribute[" + code + "][]");
            }
            String value = values.get(0);
            answers.put(code, type == QuestionDatatype.NUMBER && DECIMAL.matcher(value).matches()
                    ? new BigDecimal(value) : value);
        }
        return answers;
    }

    @Nullable
    private static Double coordinate(Open311Form form, String name) {
        String value = form.one(name);
        if (value == null) {
            return null;
        }
        if (!DECIMAL.matcher(value).matches() || value.length() > 30) {
            throw ProblemException.invalidParameter(name, "must be a number written in decimals, like 39.96 or -82.99");
        }
        return Double.valueOf(value);
    }

    private static List<String> nonNull(String... values) {
        List<String> kept = new ArrayList<>();
        for (String v : values) {
            if (v != null) {
                kept.add(v);
            }
        }
        return kept;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(byte[] answer) {
        try {
            return json.readValue(answer, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the intake's own answer does not read", e);
        }
    }
}
