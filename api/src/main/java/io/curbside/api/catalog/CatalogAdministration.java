package io.curbside.api.catalog;

import io.micronaut.core.type.Argument;
import io.curbside.api.opendata.Publisher;
import io.curbside.api.support.StrictJsonMapper;
import io.curbside.api.accounts.Actor;
import io.curbside.api.accounts.AuditTrail;
import io.curbside.api.i18n.Translations;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.store.ImportRepository;
import io.curbside.api.support.JsonTrees;
import io.curbside.api.support.KeysetPage;
import io.curbside.api.support.PageCursor;
import io.curbside.api.support.YamlTree;
import io.curbside.contract.model.AdminCatalog;
import io.curbside.contract.model.AdminService;
import io.curbside.contract.model.CatalogDepartment;
import io.curbside.contract.model.CatalogGroup;
import io.curbside.contract.model.ServiceHistory;
import io.curbside.contract.model.ServiceVersion;
import io.curbside.contract.model.ServiceVersionAction;
import io.curbside.contract.model.Violation;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What admins do to the catalog: services (create, replace under If-Match, retire, restore),
 * departments and groups. Each change holds the catalog's import lock (so it never interleaves
 * with a file import or another admin's change), makes a new version in the service's history
 * and a line in the audit log, all in one transaction.
 */
@Singleton
public class CatalogAdministration {

    /** English, the fallback, first; the others by tag. */
    private static final Comparator<String> ENGLISH_FIRST = Comparator
            .comparing((String tag) -> !tag.equals(Translations.FALLBACK)).thenComparing(Comparator.naturalOrder());

    private final CatalogRepository catalog;
    private final StoredServiceRepository services;
    private final ServiceHistoryRepository history;
    private final CatalogAdminRepository edits;
    private final ImportRepository guard;
    private final AuditTrail audit;
    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper json;
    private final Publisher publisher;

    CatalogAdministration(CatalogRepository catalog, StoredServiceRepository services, ServiceHistoryRepository history,
                          CatalogAdminRepository edits, ImportRepository guard, AuditTrail audit,
                          TransactionOperations<Connection> transactions, ObjectMapper json,
                          Publisher publisher) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.services = services;
        this.history = history;
        this.edits = edits;
        this.guard = guard;
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
    }

    /** A service as admins see it, with its ETag; {@code created} for a PUT that made it. */
    public record Saved<T>(T body, String etag, boolean created) {
    }

    public AdminCatalog catalog() {
        return transactions.executeRead(s -> new AdminCatalog(
                catalog.languages().stream().sorted(ENGLISH_FIRST).toList(),
                catalog.departments().stream().map(d -> new CatalogDepartment(d.code(), CatalogEntry.write(d.name()))).toList(),
                catalog.groups(false).stream().map(CatalogAdministration::group).toList(),
                services.read(false, null).stream().map(CatalogAdministration::admin).toList()));
    }

    public Saved<AdminService> service(String code) {
        StoredServiceRepository.Stored stored = transactions.executeRead(s -> find(code));
        return new Saved<>(admin(stored), ServiceTags.of(stored), false);
    }

    /** Creates or replaces a service, if the caller's If-Match (or If-None-Match: *) still holds. */
    public Saved<AdminService> put(Actor admin, String code, JsonNode body, String ifMatch, String ifNoneMatch) {
        Object entry = JsonTrees.plain(body);
        return transactions.executeWrite(s -> {
            guard.lock("catalog");
            history.baselineMissing();
            Optional<StoredServiceRepository.Stored> existing = services.read(false, code).stream().findFirst();
            ServiceTags.check(code, existing, ifMatch, ifNoneMatch);
            int order = existing.map(e -> e.service().order()).orElseGet(edits::nextServiceOrder);
            Catalog.Service service = checked(entry, code, order);
            services.write(List.of(service), false);
            // A new name or privacy class re-projects the service's requests, in this transaction.
            publisher.publishDue();
            ServiceVersionAction action = existing.isPresent() ? ServiceVersionAction.UPDATE : ServiceVersionAction.CREATE;
            int version = history.record(code, action, CatalogEntry.write(service), admin.accountId());
            audit.record(admin.accountId(), "service." + action.getValue(), code, Map.of("version", version));
            StoredServiceRepository.Stored saved = find(code);
            return new Saved<>(admin(saved), ServiceTags.of(saved), existing.isEmpty());
        });
    }

    /** Retires ({@code active} false) or restores a service; nothing changes when it already is so. */
    public Saved<AdminService> setActive(Actor admin, String code, boolean active) {
        return transactions.executeWrite(s -> {
            guard.lock("catalog");
            history.baselineMissing();
            find(code);
            if (edits.setActive(code, active)) {
                ServiceVersionAction action = active ? ServiceVersionAction.RESTORE : ServiceVersionAction.RETIRE;
                int version = history.record(code, action, null, admin.accountId());
                audit.record(admin.accountId(), "service." + action.getValue(), code, Map.of("version", version));
            }
            StoredServiceRepository.Stored saved = find(code);
            return new Saved<>(admin(saved), ServiceTags.of(saved), false);
        });
    }

    public ServiceHistory history(String code, String cursor, int limit) {
        PageCursor after = PageCursor.parse(cursor);
        Integer before = after == null ? null : Math.toIntExact(after.asLong());
        KeysetPage<ServiceHistoryRepository.Version> versions = KeysetPage.read(limit, rows -> transactions.executeRead(s -> {
            find(code);
            return history.page(code, before, rows);
        }), ServiceHistoryRepository.Version::version);
        ServiceHistory page = new ServiceHistory(code, versions.rows().stream().map(this::version).toList());
        page.setNextCursor(versions.nextCursor());
        return page;
    }

    public Saved<CatalogDepartment> putDepartment(Actor admin, String code, Map<String, String> name) {
        return transactions.executeWrite(s -> {
            guard.lock("catalog");
            Translations checked = name(name);
            boolean created = edits.saveDepartment(code, checked);
            audit.record(admin.accountId(), created ? "department.create" : "department.update", code,
                    Map.of("name", CatalogEntry.write(checked)));
            return new Saved<>(new CatalogDepartment(code, CatalogEntry.write(checked)), null, created);
        });
    }

    public Saved<CatalogGroup> putGroup(Actor admin, String code, Map<String, String> name, Integer order) {
        return transactions.executeWrite(s -> {
            guard.lock("catalog");
            Translations checked = name(name);
            CatalogAdminRepository.SavedGroup saved = edits.saveGroup(code, checked, order);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("name", CatalogEntry.write(checked));
            details.put("order", saved.order());
            audit.record(admin.accountId(), saved.created() ? "group.create" : "group.update", code, details);
            return new Saved<>(group(new Catalog.Group(code, checked, saved.order())), null, saved.created());
        });
    }

    private Catalog.Service checked(Object entry, String code, int order) {
        YamlTree.Problems problems = new YamlTree.Problems();
        Catalog.Service service = CatalogEntry.service(entry, code, order, known(), problems);
        if (service == null) {
            throw invalid("The service definition", problems);
        }
        return service;
    }

    private Translations name(Map<String, String> texts) {
        YamlTree.Problems problems = new YamlTree.Problems();
        Translations name = CatalogEntry.name(texts, known(), problems);
        if (name == null) {
            throw invalid("The name", problems);
        }
        return name;
    }

    private CatalogEntry.Known known() {
        Set<String> departments = catalog.departments().stream().map(Catalog.Department::code).collect(Collectors.toSet());
        Set<String> groups = catalog.groups(false).stream().map(Catalog.Group::code).collect(Collectors.toSet());
        return new CatalogEntry.Known(catalog.languages(), departments, groups);
    }

    private static ProblemException invalid(String what, YamlTree.Problems problems) {
        List<Violation> violations = problems.all().stream()
                .map(p -> new Violation(p.path().isEmpty() ? "body" : p.path(), p.message()))
                .toList();
        Violation first = violations.get(0);
        String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more, listed in violations)" : "";
        return new ProblemException(ProblemType.INVALID_FIELDS, what + " cannot be saved: " + first.getField() + " "
                + first.getMessage() + more + ".", violations);
    }

    private StoredServiceRepository.Stored find(String code) {
        return services.read(false, code).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("There is no service with the code \"" + code + "\"."));
    }

    private static AdminService admin(StoredServiceRepository.Stored stored) {
        return new AdminService(stored.service().code(), stored.version(), stored.active(),
                stored.updatedAt().atZone(ZoneOffset.UTC), JsonTrees.tree(CatalogEntry.write(stored.service())));
    }

    private static CatalogGroup group(Catalog.Group g) {
        return new CatalogGroup(g.code(), CatalogEntry.write(g.name()), g.order());
    }

    private ServiceVersion version(ServiceHistoryRepository.Version v) {
        ServiceVersion version;
        try {
            version = new ServiceVersion(v.version(), v.action(), v.active(), v.at().atZone(ZoneOffset.UTC),
                    StrictJsonMapper.readStored(json, v.definition(), Argument.of(JsonNode.class)));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored definition is not JSON", e);
        }
        version.setActor(v.actor());
        return version;
    }
}
