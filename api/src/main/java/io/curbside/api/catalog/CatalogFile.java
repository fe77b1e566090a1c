package io.curbside.api.catalog;

import io.curbside.api.i18n.LanguageTags;
import io.curbside.api.i18n.Translations;
import io.curbside.api.support.FileSource;
import io.curbside.api.support.InvalidFileException;
import io.curbside.api.support.YamlTree;
import io.curbside.contract.model.PhotoPolicy;
import io.curbside.contract.model.PrivacyClass;
import io.curbside.contract.model.QuestionDatatype;
import io.curbside.contract.model.TargetUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Reads a catalog file (YAML, or JSON, which is YAML too) into a checked {@link Catalog}. */
public final class CatalogFile {

    private static final Set<String> ROOT_KEYS = Set.of("version", "languages", "calendar", "departments",
            "groups", "services");
    private static final Set<String> NAMED_KEYS = Set.of("code", "name");
    private static final Set<String> SERVICE_KEYS = Set.of("code", "group", "department", "keywords", "name",
            "description", "target", "photos", "privacy", "anonymous", "district_departments", "emergency", "questions");
    private static final Set<String> QUESTION_KEYS = Set.of("code", "datatype", "required", "order", "prompt",
            "description", "values");

    private CatalogFile() {
    }

    public static Catalog parse(FileSource.Content content) {
        YamlTree root = new YamlTree("", load(content));
        YamlTree.Problems problems = new YamlTree.Problems();
        if (!(root.value() instanceof Map<?, ?>)) {
            throw new InvalidFileException(content.source(), List.of("the file is not a YAML mapping"));
        }
        root.allowOnly(problems, ROOT_KEYS);
        int version = root.get("version").integer(problems, 1);
        if (version != 1) {
            problems.add("version", "only version 1 is understood");
        }
        Set<String> languages = new LinkedHashSet<>();
        for (YamlTree tag : root.get("languages").list(problems)) {
            String text = tag.text(problems);
            if (text != null && LanguageTags.isValid(text)) {
                languages.add(LanguageTags.normalize(text));
            } else if (text != null) {
                problems.add(tag.path(), "\"" + text + "\" is not a language tag");
            }
        }
        languages.add(Translations.FALLBACK);
        BusinessCalendar calendar = BusinessCalendar.read(root.get("calendar"), problems);

        List<Catalog.Department> departments = new ArrayList<>();
        for (YamlTree node : root.get("departments").list(problems)) {
            node.allowOnly(problems, NAMED_KEYS);
            departments.add(new Catalog.Department(node.get("code").code(problems),
                    text(node.get("name"), true, problems)));
        }
        List<Catalog.Group> groups = new ArrayList<>();
        for (YamlTree node : root.get("groups").list(problems)) {
            node.allowOnly(problems, NAMED_KEYS);
            groups.add(new Catalog.Group(node.get("code").code(problems),
                    text(node.get("name"), true, problems), groups.size() + 1));
        }
        List<Catalog.Service> services = new ArrayList<>();
        for (YamlTree node : root.get("services").list(problems)) {
            services.add(service(node, services.size() + 1, problems));
        }
        if (services.isEmpty()) {
            problems.add("services", "a catalog needs at least one service");
        }
        checkReferences(departments, groups, services, root, problems);
        checkLanguages(languages, departments, groups, services, problems);
        if (!problems.messages().isEmpty()) {
            throw new InvalidFileException(content.source(), problems);
        }
        return new Catalog(languages, calendar, departments, groups, services);
    }

    private static Object load(FileSource.Content content) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, content.bytes().length + 1L));
        try (var reader = new InputStreamReader(new ByteArrayInputStream(content.bytes()), StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(options)).load(reader);
        } catch (YAMLException | java.io.IOException e) {
            throw new InvalidFileException(content.source(), List.of("not valid YAML: " + e.getMessage()));
        }
    }

    static Catalog.Service service(YamlTree node, int order, YamlTree.Problems problems) {
        node.allowOnly(problems, SERVICE_KEYS);
        node.get("target").allowOnly(problems, Set.of("value", "unit"));
        node.get("emergency").allowOnly(problems, Set.of("message"));
        List<String> keywords = new ArrayList<>();
        for (YamlTree keyword : node.get("keywords").list(problems)) {
            String k = keyword.text(problems);
            if (k != null) {
                keywords.add(k);
            }
        }
        YamlTree target = node.get("target");
        int value = target.get("value").integer(problems, 1);
        TargetUnit unit = target.get("unit").oneOf(problems, TargetUnit::fromValue, "hours, business_days, calendar_days");
        if (value < 1) {
            problems.add(target.get("value").path(), "must be at least 1");
        }
        Map<String, String> districtDepartments = new LinkedHashMap<>();
        node.get("district_departments").entries(problems)
                .forEach((district, department) -> {
                    String code = department.code(problems);
                    if (code != null) {
                        districtDepartments.put(district, code);
                    }
                });
        List<Catalog.Question> questions = new ArrayList<>();
        Set<String> questionCodes = new HashSet<>();
        for (YamlTree q : node.get("questions").list(problems)) {
            Catalog.Question question = question(q, questions.size() + 1, problems);
            if (question != null && !questionCodes.add(question.code())) {
                problems.add(q.path() + ".code", "\"" + question.code() + "\" is used twice in this service");
            }
            if (question != null) {
                questions.add(question);
            }
        }
        YamlTree emergency = node.get("emergency");
        return new Catalog.Service(
                node.get("code").code(problems),
                node.get("group").code(problems),
                node.get("department").code(problems),
                keywords,
                text(node.get("name"), true, problems),
                text(node.get("description"), true, problems),
                unit == null || value < 1 ? null : new Catalog.Target(value, unit),
                node.get("photos").oneOf(problems, PhotoPolicy::fromValue, "required, accepted, not_accepted"),
                node.get("privacy").oneOf(problems, PrivacyClass::fromValue, "open, limited, sensitive, withheld"),
                node.get("anonymous").bool(problems, true),
                emergency.isPresent() ? text(emergency.get("message"), true, problems) : null,
                districtDepartments,
                questions,
                order);
    }

    private static Catalog.Question question(YamlTree node, int order, YamlTree.Problems problems) {
        node.allowOnly(problems, QUESTION_KEYS);
        QuestionDatatype datatype = node.get("datatype").oneOf(problems, QuestionDatatype::fromValue,
                "string, number, datetime, text, singlevaluelist, multivaluelist");
        List<Catalog.AnswerValue> values = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (YamlTree v : node.get("values").list(problems)) {
            v.allowOnly(problems, Set.of("key", "name"));
            String key = v.get("key").code(problems);
            if (key != null && !keys.add(key)) {
                problems.add(v.path() + ".key", "\"" + key + "\" is used twice in this question");
            }
            values.add(new Catalog.AnswerValue(key, text(v.get("name"), true, problems)));
        }
        String code = node.get("code").code(problems);
        Translations prompt = text(node.get("prompt"), true, problems);
        if (datatype == null || code == null || prompt == null) {
            return null;
        }
        try {
            return new Catalog.Question(code, datatype, node.get("required").bool(problems, false),
                    node.get("order").integer(problems, order), prompt,
                    text(node.get("description"), false, problems), values);
        } catch (IllegalArgumentException e) {
            problems.add(node.path(), e.getMessage());
            return null;
        }
    }

    /** Every text needs English, the language every other one falls back to. */
    static Translations text(YamlTree node, boolean required, YamlTree.Problems problems) {
        Translations t = node.translations(problems, required);
        if (t != null && !t.languages().contains(Translations.FALLBACK)) {
            problems.add(node.path(), "needs an English (en) text, the fallback for every language");
        }
        return t;
    }

    private static void checkReferences(List<Catalog.Department> departments, List<Catalog.Group> groups,
                                        List<Catalog.Service> services, YamlTree root, YamlTree.Problems problems) {
        Set<String> departmentCodes = unique(departments.stream().map(Catalog.Department::code).toList(),
                "departments", problems);
        Set<String> groupCodes = unique(groups.stream().map(Catalog.Group::code).toList(), "groups", problems);
        unique(services.stream().map(Catalog.Service::code).toList(), "services", problems);
        for (int i = 0; i < services.size(); i++) {
            checkReferences(services.get(i), root.get("services").path() + "[" + i + "].", groupCodes, departmentCodes,
                    problems);
        }
    }

    /** The group and departments a service names exist; {@code at} prefixes the paths ("services[2]."). */
    static void checkReferences(Catalog.Service s, String at, Set<String> groupCodes, Set<String> departmentCodes,
                                YamlTree.Problems problems) {
        if (s.group() != null && !groupCodes.contains(s.group())) {
            problems.add(at + "group", "no group has the code \"" + s.group() + "\"");
        }
        if (s.department() != null && !departmentCodes.contains(s.department())) {
            problems.add(at + "department", "no department has the code \"" + s.department() + "\"");
        }
        s.districtDepartments().forEach((district, department) -> {
            if (department != null && !departmentCodes.contains(department)) {
                problems.add(at + "district_departments." + district,
                        "no department has the code \"" + department + "\"");
            }
        });
    }

    /** A text in a language the file does not declare would be stored and never served. */
    private static void checkLanguages(Set<String> declared, List<Catalog.Department> departments,
                                       List<Catalog.Group> groups, List<Catalog.Service> services,
                                       YamlTree.Problems problems) {
        Map<String, List<Translations>> texts = new LinkedHashMap<>();
        departments.forEach(d -> texts.computeIfAbsent("department " + d.code(), k -> new ArrayList<>()).add(d.name()));
        groups.forEach(g -> texts.computeIfAbsent("group " + g.code(), k -> new ArrayList<>()).add(g.name()));
        for (Catalog.Service s : services) {
            List<Translations> list = texts.computeIfAbsent("service " + s.code(), k -> new ArrayList<>());
            list.add(s.name());
            list.add(s.description());
            list.add(s.emergencyMessage());
            for (Catalog.Question q : s.questions()) {
                list.add(q.prompt());
                list.add(q.description());
                q.values().forEach(v -> list.add(v.name()));
            }
        }
        texts.forEach((owner, list) -> {
            Set<String> undeclared = new TreeSet<>();
            list.stream().filter(Objects::nonNull)
                    .forEach(t -> t.languages().stream().filter(l -> !declared.contains(l)).forEach(undeclared::add));
            if (!undeclared.isEmpty()) {
                problems.add(owner, "has texts in " + undeclared + ", which \"languages\" does not list");
            }
        });
    }

    private static Set<String> unique(List<String> codes, String path, YamlTree.Problems problems) {
        Set<String> seen = new HashSet<>();
        for (String code : codes) {
            if (code != null && !seen.add(code)) {
                problems.add(path, "the code \"" + code + "\" is used twice");
            }
        }
        return seen;
    }
}
