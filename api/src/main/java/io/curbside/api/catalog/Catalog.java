package io.curbside.api.catalog;

import io.curbside.api.i18n.Translations;
import io.curbside.contract.model.PhotoPolicy;
import io.curbside.contract.model.PrivacyClass;
import io.curbside.contract.model.QuestionDatatype;
import io.curbside.contract.model.TargetUnit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A whole service catalog: as read from a catalog file, and as loaded back from the database.
 * The records validate what the database would otherwise refuse with a less helpful message.
 */
public record Catalog(Set<String> languages,
                      BusinessCalendar calendar,
                      List<Department> departments,
                      List<Group> groups,
                      List<Service> services) {

    public Catalog {
        Objects.requireNonNull(calendar, "calendar");
        languages = Set.copyOf(languages);
        departments = List.copyOf(departments);
        groups = List.copyOf(groups);
        services = List.copyOf(services);
    }

    /** A city department that requests are routed to. */
    public record Department(String code, Translations name) {
    }

    public Optional<Service> service(String code) {
        return services.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /**
     * The privacy class a service's requests are published under. A retired service's requests stay
     * visible, but publish nothing a current policy has not cleared: withheld.
     */
    public PrivacyClass privacy(String serviceCode) {
        return service(serviceCode).map(Service::privacy).orElse(PrivacyClass.WITHHELD);
    }

    public boolean hasDepartment(String code) {
        return departments.stream().anyMatch(d -> d.code().equals(code));
    }

    /** A department's name in the language; its code when this catalog no longer has it. */
    public String departmentName(String code, String language) {
        return departments.stream().filter(d -> d.code().equals(code)).findFirst()
                .map(d -> d.name().in(language)).orElse(code);
    }

    public Department department(String code) {
        return departments.stream().filter(d -> d.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no department " + code));
    }

    /** A heading the services are listed under. */
    public record Group(String code, Translations name, int order) {
    }

    /** How long the city means to take, the SLA of a service. */
    public record Target(int value, TargetUnit unit) {
        public Target {
            if (value < 1) {
                throw new IllegalArgumentException("a target must be at least 1 " + unit.getValue());
            }
        }
    }

    /** Something a resident can request. */
    public record Service(String code,
                          String group,
                          String department,
                          List<String> keywords,
                          Translations name,
                          Translations description,
                          Target target,
                          PhotoPolicy photos,
                          PrivacyClass privacy,
                          boolean anonymous,
                          Translations emergencyMessage,
                          Map<String, String> districtDepartments,
                          List<Question> questions,
                          int order) {

        public Service {
            keywords = List.copyOf(keywords);
            districtDepartments = Map.copyOf(districtDepartments);
            questions = List.copyOf(questions);
        }

        public boolean isEmergency() {
            return emergencyMessage != null;
        }

        /** The department serving this service in that district: a district's own, else the service's. */
        public String departmentFor(String district) {
            return district == null ? department : districtDepartments.getOrDefault(district, department);
        }

        public Optional<Question> question(String code) {
            return questions.stream().filter(q -> q.code().equals(code)).findFirst();
        }
    }

    /** An Open311-style attribute a reporter answers. */
    public record Question(String code,
                           QuestionDatatype datatype,
                           boolean required,
                           int order,
                           Translations prompt,
                           Translations description,
                           List<AnswerValue> values) {

        public Question {
            values = List.copyOf(values);
            boolean list = datatype == QuestionDatatype.SINGLEVALUELIST || datatype == QuestionDatatype.MULTIVALUELIST;
            if (list && values.isEmpty()) {
                throw new IllegalArgumentException("a " + datatype.getValue() + " question needs values");
            }
            if (!list && !values.isEmpty()) {
                throw new IllegalArgumentException("a " + datatype.getValue() + " question takes no values");
            }
        }
    }

    /** One allowed answer of a list question. */
    public record AnswerValue(String key, Translations name) {
    }
}
