package io.curbside.api.catalog;

import io.curbside.api.i18n.LanguageNegotiator;
import io.curbside.api.i18n.Translations;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.store.DataVersionRepository;
import io.curbside.api.support.EntityTags;
import io.curbside.contract.model.Department;
import io.curbside.contract.model.Emergency;
import io.curbside.contract.model.Question;
import io.curbside.contract.model.QuestionValue;
import io.curbside.contract.model.ServiceDefinition;
import io.curbside.contract.model.ServiceGroup;
import io.curbside.contract.model.ServiceList;
import io.curbside.contract.model.ServiceSummary;
import io.curbside.contract.model.Target;
import jakarta.inject.Singleton;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The catalog as residents see it: in their language, searchable, grouped. */
@Singleton
public class CatalogService {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final CatalogRepository repository;
    private final DataVersionRepository versions;
    private volatile Loaded cached;

    public CatalogService(CatalogRepository repository, DataVersionRepository versions) {
        this.repository = repository;
        this.versions = versions;
    }

    /**
     * The current catalog in the language chosen for this request, with the ETag of answers made
     * from it. The catalog is cached and reloaded only when its version changed, whoever changed
     * it and on whichever node: a request costs one one-row read.
     */
    public View view(String lang, String acceptLanguage) {
        return view(lang, acceptLanguage, versions.of(DataVersionRepository.Kind.CATALOG));
    }

    /** As {@link #view(String, String)}, for a caller that has just read the catalog's version itself. */
    public View view(String lang, String acceptLanguage, long version) {
        Loaded current = cached;
        if (current == null || current.version() != version) {
            CatalogRepository.Snapshot snapshot = repository.snapshot();
            current = new Loaded(snapshot.version(), snapshot.catalog());
            cached = current;
        }
        String language = LanguageNegotiator.choose(lang, acceptLanguage, current.catalog().languages());
        return new View(current.version(), language, current.catalog());
    }

    /** Whether a service with this code exists but was retired: it is no longer offered, though its requests stay. */
    public boolean isRetired(String code) {
        return code != null && repository.isRetired(code);
    }

    /** A listing in the view's language; {@link ServiceList#getLanguage()} says which. */
    public ServiceList list(View view, String group, String query) {
        Catalog catalog = view.catalog();
        String language = view.language();
        Map<String, Catalog.Department> departments = departments(catalog);
        List<String> words = words(query);
        List<ServiceSummary> services = catalog.services().stream()
                .filter(s -> group == null || group.isBlank() || s.group().equals(group))
                .filter(s -> matches(s, language, words))
                .map(s -> summary(s, departments, language))
                .toList();
        List<ServiceGroup> groups = catalog.groups().stream()
                .map(g -> new ServiceGroup(g.code(), g.name().in(language)))
                .toList();
        return new ServiceList(language, groups, services);
    }

    /** One service with its questions, or a 404 naming the code. */
    public ServiceDefinition find(View view, String code) {
        Catalog catalog = view.catalog();
        String language = view.language();
        Catalog.Service service = catalog.services().stream()
                .filter(s -> s.code().equals(code))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("There is no service with the code \"" + code + "\"."));
        ServiceSummary s = summary(service, departments(catalog), language);
        ServiceDefinition definition = new ServiceDefinition(s.getCode(), s.getGroup(), s.getName(),
                s.getDescription(), s.getKeywords(), s.getDepartment(), s.getTarget(), s.getPhotos(), s.getPrivacy(),
                s.getAnonymous(), s.getHasQuestions(), language,
                service.questions().stream().map(q -> question(q, language)).toList());
        definition.setEmergency(s.getEmergency());
        return definition;
    }

    private static Map<String, Catalog.Department> departments(Catalog catalog) {
        return catalog.departments().stream().collect(Collectors.toMap(Catalog.Department::code, Function.identity()));
    }

    private static ServiceSummary summary(Catalog.Service s, Map<String, Catalog.Department> departments,
                                          String language) {
        Catalog.Department department = departments.get(s.department());
        ServiceSummary summary = new ServiceSummary(s.code(), s.group(), s.name().in(language),
                s.description().in(language), s.keywords(),
                new Department(department.code(), department.name().in(language)),
                new Target(s.target().value(), s.target().unit(), TargetWording.say(s.target(), language)),
                s.photos(), s.privacy(), s.anonymous(), !s.questions().isEmpty());
        if (s.isEmergency()) {
            summary.setEmergency(new Emergency(s.emergencyMessage().in(language)));
        }
        return summary;
    }

    private static Question question(Catalog.Question q, String language) {
        Question question = new Question(q.code(), q.datatype(), q.required(), q.order(), q.prompt().in(language));
        if (q.description() != null) {
            question.setDescription(q.description().in(language));
        }
        if (!q.values().isEmpty()) {
            question.setValues(q.values().stream()
                    .map(v -> new QuestionValue(v.key(), v.name().in(language)))
                    .toList());
        }
        return question;
    }

    /** Every word must appear in the name or description (chosen language), English name, or keywords. */
    private static boolean matches(Catalog.Service s, String language, List<String> words) {
        if (words.isEmpty()) {
            return true;
        }
        String haystack = fold(String.join(" ", s.name().in(language), s.description().in(language),
                s.name().in(Translations.FALLBACK), String.join(" ", s.keywords())));
        return words.stream().allMatch(haystack::contains);
    }

    private static List<String> words(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        return Arrays.stream(fold(query).split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** The catalog as this node last loaded it. */
    private record Loaded(long version, Catalog catalog) {
    }

    /** A catalog version, seen in one language. */
    public record View(long version, String language, Catalog catalog) {

        /** Answers made from this view are the same bytes until the catalog changes. */
        public String etag() {
            return EntityTags.of("c" + version + "-" + language);
        }
    }

    /** Case- and accent-insensitive form: "Ổ gà" and "o ga" match, as do "BACHE" and "bache". */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT);
    }
}
