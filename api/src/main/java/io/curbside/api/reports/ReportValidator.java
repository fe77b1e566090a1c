package io.curbside.api.reports;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.i18n.LanguageTags;
import io.curbside.api.i18n.ProblemLanguage;
import io.curbside.api.i18n.Messages;
import io.curbside.api.jurisdiction.JurisdictionService;
import io.curbside.api.jurisdiction.Located;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.curbside.api.support.PlainText;
import io.curbside.contract.model.Channel;
import io.curbside.contract.model.Contact;
import io.curbside.contract.model.NewServiceRequest;
import io.curbside.contract.model.PhotoPolicy;
import io.curbside.contract.model.ReportedLocation;
import io.curbside.contract.model.SuggestedLocation;
import io.curbside.contract.model.SuggestedLocationSource;
import io.curbside.contract.model.Violation;
import io.curbside.geo.LatLon;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a report against the catalog and the city: the service, its questions, its photo and
 * contact rules, and that the place is inside the city. Every problem is named by its field;
 * an emergency is turned away with the catalog's "call 911" message before anything else.
 */
@Singleton
class ReportValidator {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9()\\-. ]+");
    /** As the contract's maxProperties says. */
    static final int MAX_ANSWERS = 100;

    private final CatalogService catalog;
    private final JurisdictionService jurisdiction;

    ReportValidator(CatalogService catalog, JurisdictionService jurisdiction) {
        this.catalog = catalog;
        this.jurisdiction = jurisdiction;
    }

    /**
     * The report, checked. {@code photoGps} is where the first photo that knew said it was
     * taken: offered back as a suggestion when the report has no location, and never kept.
     */
    ValidReport validate(NewServiceRequest report, int photos, Optional<LatLon> photoGps, String acceptLanguage) {
        return validate(report, photos, photoGps, Filer.ANONYMOUS, acceptLanguage);
    }

    /**
     * The report, checked for this filer: a liaison's report carries no way to reach a neighbour
     * who did not agree to be contacted, so no one at the city can reach them by mistake.
     */
    ValidReport validate(NewServiceRequest report, int photos, Optional<LatLon> photoGps, Filer filer,
                         String acceptLanguage) {
        List<Violation> violations = new ArrayList<>();
        plainText(report, violations);
        String preferred = report.getLanguage();
        if (preferred != null && !LanguageTags.isValid(preferred)) {
            violations.add(new Violation("language", Messages.problem("problem.language", Map.of())));
            preferred = null;
        }
        CatalogService.View view = catalog.view(preferred, acceptLanguage);
        String language = view.language();
        ProblemLanguage.use(language);
        Optional<Catalog.Service> found = view.catalog().service(report.getServiceCode());
        if (found.isEmpty()) {
            if (violations.stream().noneMatch(v -> v.getField().equals("service_code"))) {
                violations.add(new Violation("service_code", Messages.problem(catalog.isRetired(report.getServiceCode())
                        ? "problem.service.retired" : "problem.service.unknown",
                        Map.of("code", String.valueOf(report.getServiceCode())))));
            }
            throw invalid(violations);
        }
        Catalog.Service service = found.get();
        if (service.isEmergency()) {
            throw new ProblemException(ProblemType.EMERGENCY, service.emergencyMessage().in(language));
        }
        LatLon point = location(report.getLocation(), violations);
        Map<String, Object> answers = answers(service, report.getAnswers(), violations);
        photos(service, photos, violations);
        Contact contact = report.getContact() == null ? new Contact() : report.getContact();
        String email = trimmed(contact.getEmail());
        String phone = trimmed(contact.getPhone());
        if (email != null && !EMAIL.matcher(email).matches()) {
            violations.add(new Violation("contact.email", Messages.problem("problem.email", Map.of())));
        }
        if (phone != null && !(PHONE.matcher(phone).matches() && digits(phone) >= 7 && digits(phone) <= 15)) {
            violations.add(new Violation("contact.phone", Messages.problem("problem.phone", Map.of())));
        }
        if (filer.withoutConsent()) {
            String refused = Messages.problem("problem.contact.without_consent", Map.of());
            if (email != null) {
                violations.add(new Violation("contact.email", refused));
            }
            if (phone != null) {
                violations.add(new Violation("contact.phone", refused));
            }
        }
        if (!service.anonymous() && (filer.withoutConsent() || (email == null && phone == null))) {
            violations.add(new Violation("contact", Messages.problem(filer.liaison() != null
                    ? "problem.contact.neighbour" : "problem.contact", Map.of())));
        }
        if (!violations.isEmpty()) {
            ProblemException problem = invalid(violations);
            if (point == null && report.getLocation() == null && photoGps.isPresent()) {
                LatLon gps = photoGps.get();
                problem.suggest(new SuggestedLocation(gps.lat(), gps.lon(), SuggestedLocationSource.PHOTO));
            }
            throw problem;
        }
        Located place = jurisdiction.place(point);
        if (!place.inside()) {
            String city = place.city().in(language);
            throw new ProblemException(ProblemType.OUTSIDE_JURISDICTION,
                    Messages.problem("problem.outside", Map.of("city", city)),
                    List.of(new Violation("location", Messages.problem("problem.outside.field", Map.of("city", city)))));
        }
        ReportedLocation where = report.getLocation();
        return new ValidReport(view.catalog(), service, point, where.getAccuracyM(), trimmed(where.getDescription()),
                trimmed(report.getDescription()), answers, trimmed(contact.getName()), email, phone, language,
                report.getChannel() == null ? Channel.MOBILE_APP : report.getChannel(), trimmed(report.getDeviceId()),
                place);
    }

    /** Every free text of the report, checked once here so no field can carry what the database refuses. */
    private static void plainText(NewServiceRequest report, List<Violation> violations) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("service_code", report.getServiceCode());
        texts.put("description", report.getDescription());
        texts.put("device_id", report.getDeviceId());
        if (report.getLocation() != null) {
            texts.put("location.description", report.getLocation().getDescription());
        }
        if (report.getContact() != null) {
            texts.put("contact.name", report.getContact().getName());
            texts.put("contact.email", report.getContact().getEmail());
            texts.put("contact.phone", report.getContact().getPhone());
        }
        texts.forEach((field, text) -> {
            String problem = PlainText.problem(text);
            if (problem != null) {
                violations.add(new Violation(field, problem));
            }
        });
    }

    private static LatLon location(ReportedLocation where, List<Violation> violations) {
        if (where == null) {
            violations.add(new Violation("location", Messages.problem("problem.location", Map.of())));
            return null;
        }
        if (where.getLat() == null || where.getLon() == null) {
            violations.add(new Violation(where.getLat() == null ? "location.lat" : "location.lon",
                    Messages.problem("problem.required", Map.of())));
            return null;
        }
        try {
            return new LatLon(where.getLat(), where.getLon());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(Math.abs(where.getLat()) > 90 ? "location.lat" : "location.lon", e.getMessage()));
            return null;
        }
    }

    private static Map<String, Object> answers(Catalog.Service service, Map<String, Object> given,
                                               List<Violation> violations) {
        Map<String, Object> answers = given == null ? Map.of() : given;
        Map<String, Object> stored = new LinkedHashMap<>();
        if (answers.size() > MAX_ANSWERS) {
            // Naming each of a million made-up keys would cost more than the report.
            violations.add(new Violation("answers", Messages.problem("problem.answers.too_many", Map.of(
                    "given", String.valueOf(answers.size()), "questions", String.valueOf(service.questions().size())))));
            return stored;
        }
        for (String code : answers.keySet()) {
            if (service.question(code).isEmpty()) {
                violations.add(new Violation("answers." + code, Messages.problem("problem.answers.unknown", Map.of())));
            }
        }
        for (Catalog.Question question : service.questions()) {
            Object answer = answers.get(question.code());
            if (!AnswerChecks.isGiven(answer)) {
                if (question.required()) {
                    violations.add(new Violation("answers." + question.code(),
                            Messages.problem("problem.required", Map.of())));
                }
                continue;
            }
            AnswerChecks.Checked checked = AnswerChecks.check(question, answer);
            if (checked.problem() != null) {
                violations.add(new Violation("answers." + question.code(), checked.problem()));
            } else {
                stored.put(question.code(), checked.value());
            }
        }
        return stored;
    }

    private static void photos(Catalog.Service service, int photos, List<Violation> violations) {
        if (service.photos() == PhotoPolicy.REQUIRED && photos == 0) {
            violations.add(new Violation("photos", Messages.problem("problem.photos.required", Map.of())));
        }
        if (service.photos() == PhotoPolicy.NOT_ACCEPTED && photos > 0) {
            violations.add(new Violation("photos", Messages.problem("problem.photos.not_taken", Map.of())));
        }
    }

    private static ProblemException invalid(List<Violation> violations) {
        violations.sort(Comparator.comparing(Violation::getField));
        return new ProblemException(ProblemType.INVALID_FIELDS, Problems.correct(violations), violations);
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static long digits(String phone) {
        return phone.chars().filter(Character::isDigit).count();
    }
}
