package io.curbside.api.catalog;

import io.curbside.api.i18n.Translations;
import io.curbside.api.support.YamlTree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One entry of a catalog file at a time, as admins edit them: read with {@link CatalogFile}'s own
 * rules against the stored catalog, and written back in the file's shape (for answers and history).
 */
public final class CatalogEntry {

    private CatalogEntry() {
    }

    /** What a single entry is checked against: the stored catalog's languages, departments and groups. */
    public record Known(Set<String> languages, Set<String> departments, Set<String> groups) {
        public Known {
            languages = Set.copyOf(languages);
            departments = Set.copyOf(departments);
            groups = Set.copyOf(groups);
        }
    }

    /**
     * A service entry (the plain tree of a file's service entry; {@code code} may be left out),
     * checked as a file import checks it; null with the problems, named from the entry's root
     * ("target.unit", "questions[0].values"), when it is not a valid service called {@code code}.
     */
    public static Catalog.Service service(Object entry, String code, int order, Known known, YamlTree.Problems problems) {
        if (!(entry instanceof Map<?, ?> fields)) {
            problems.add("", "must be a JSON object: a service entry of a catalog file");
            return null;
        }
        Map<Object, Object> withCode = new LinkedHashMap<>(fields);
        Object given = withCode.putIfAbsent("code", code);
        if (given != null && !code.equals(given)) {
            problems.add("code", "\"" + given + "\" is not the code in the path, \"" + code + "\"");
            return null;
        }
        Catalog.Service service = CatalogFile.service(new YamlTree("", withCode), order, problems);
        CatalogFile.checkReferences(service, "", known.groups(), known.departments(), problems);
        texts(service, withCode.get("questions")).forEach((path, text) -> checkLanguages(path, text, known, problems));
        return problems.all().isEmpty() ? service : null;
    }

    /** A department's or group's name: English needed, and only the catalog's languages. */
    public static Translations name(Map<String, String> texts, Known known, YamlTree.Problems problems) {
        Translations name = CatalogFile.text(new YamlTree("name", texts), true, problems);
        checkLanguages("name", name, known, problems);
        return problems.all().isEmpty() ? name : null;
    }

    /** The service as a catalog file's entry has it: plain maps and lists, every language, nothing left out. */
    public static Map<String, Object> write(Catalog.Service s) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", s.code());
        entry.put("group", s.group());
        entry.put("department", s.department());
        entry.put("keywords", s.keywords());
        entry.put("name", write(s.name()));
        entry.put("description", write(s.description()));
        entry.put("target", pair("value", s.target().value(), "unit", s.target().unit().getValue()));
        entry.put("photos", s.photos().getValue());
        entry.put("privacy", s.privacy().getValue());
        entry.put("anonymous", s.anonymous());
        if (!s.districtDepartments().isEmpty()) {
            entry.put("district_departments", new TreeMap<>(s.districtDepartments()));
        }
        if (s.emergencyMessage() != null) {
            Map<String, Object> emergency = new LinkedHashMap<>();
            emergency.put("message", write(s.emergencyMessage()));
            entry.put("emergency", emergency);
        }
        List<Map<String, Object>> questions = new ArrayList<>();
        for (Catalog.Question q : s.questions()) {
            Map<String, Object> question = new LinkedHashMap<>();
            question.put("code", q.code());
            question.put("datatype", q.datatype().getValue());
            question.put("required", q.required());
            question.put("order", q.order());
            question.put("prompt", write(q.prompt()));
            if (q.description() != null) {
                question.put("description", write(q.description()));
            }
            if (!q.values().isEmpty()) {
                question.put("values", q.values().stream()
                        .map(v -> pair("key", v.key(), "name", write(v.name()))).toList());
            }
            questions.add(question);
        }
        entry.put("questions", questions);
        return entry;
    }

    /** A text as a file writes it: English first, then the other languages by tag. */
    public static Map<String, String> write(Translations t) {
        return t.englishFirst();
    }

    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    /**
     * Every text of a service by its path in the entry. A question that could not be read is not
     * in the service, so each is placed by its code in the entry's own list.
     */
    private static Map<String, Translations> texts(Catalog.Service s, Object questionEntries) {
        Map<String, Translations> texts = new LinkedHashMap<>();
        if (s == null) {
            return texts;
        }
        texts.put("name", s.name());
        texts.put("description", s.description());
        texts.put("emergency.message", s.emergencyMessage());
        List<?> entries = questionEntries instanceof List<?> list ? list : List.of();
        for (Catalog.Question q : s.questions()) {
            int i = 0;
            while (i < entries.size() && !(entries.get(i) instanceof Map<?, ?> e && q.code().equals(e.get("code")))) {
                i++;
            }
            texts.put("questions[" + i + "].prompt", q.prompt());
            texts.put("questions[" + i + "].description", q.description());
            for (int j = 0; j < q.values().size(); j++) {
                texts.put("questions[" + i + "].values[" + j + "].name", q.values().get(j).name());
            }
        }
        return texts;
    }

    /** A text in a language the catalog does not offer would be stored and never served. */
    private static void checkLanguages(String path, Translations text, Known known, YamlTree.Problems problems) {
        if (text == null) {
            return;
        }
        Set<String> undeclared = new TreeSet<>(text.languages());
        undeclared.removeAll(known.languages());
        if (!undeclared.isEmpty()) {
            problems.add(path, "has texts in " + undeclared + ", which the catalog does not offer (its languages are "
                    + new TreeSet<>(known.languages()) + ")");
        }
    }
}
