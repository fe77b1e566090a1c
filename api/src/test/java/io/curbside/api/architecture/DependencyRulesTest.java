package io.curbside.api.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the application, as tests: packages form no cycle, the foundation and the
 * request's core depend on no feature, SQL stays in repositories, and a feature reaches
 * another only through its services. docs/ARCHITECTURE.md draws the same picture.
 */
@AnalyzeClasses(packages = "io.curbside.api", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

    /** Packages every feature may use and that use no feature. */
    static final String[] FOUNDATION = {"io.curbside.api.problem..", "io.curbside.api.i18n..",
            "io.curbside.api.support..", "io.curbside.api.store..", "io.curbside.api.idempotency.."};

    static final String CORE = "io.curbside.api.requests..";

    /** Shared by design: the versions and import lock of the city's reference data, read by several features. */
    static final String SHARED_STORE = "io.curbside.api.store";

    @ArchTest
    static final ArchRule NO_CYCLES = slices().matching("io.curbside.api.(*)..").should().beFreeOfCycles()
            .because("a cycle makes every package in it one package: none can be understood or changed alone");

    @ArchTest
    static final ArchRule FOUNDATION_USES_NO_FEATURE = noClasses().that().resideInAnyPackage(FOUNDATION)
            .should().dependOnClassesThat(aFeature().or(resideInAPackage(CORE)))
            .because("problem, i18n, support, store and idempotency serve every feature and so know none");

    @ArchTest
    static final ArchRule REQUEST_CORE_USES_NO_FEATURE = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat(aFeature())
            .because("the stored request is what every feature shares; it cannot lean on any one of them");

    /** JDBC's statement-running types: a class that touches one runs SQL. */
    private static final Set<String> JDBC = Set.of("io.micronaut.data.jdbc.runtime.JdbcOperations",
            "java.sql.PreparedStatement", "java.sql.ResultSet", "java.sql.Statement", "java.sql.CallableStatement",
            "javax.sql.DataSource", "java.sql.DriverManager");

    @ArchTest
    static final ArchRule SQL_ONLY_IN_REPOSITORIES = noClasses().that(notARepository())
            .should().dependOnClassesThat(nameIn(JDBC))
            .orShould().callMethodWhere(sqlThroughConnection())
            .because("SQL lives in few places: one repository per feature holds it, and everything else asks it");

    @ArchTest
    static final ArchRule REPOSITORIES_STAY_IN_THEIR_FEATURE = classes().that(aRepository())
            .and().resideOutsideOfPackage(SHARED_STORE)
            .should(beAccessedOnlyFromTheirOwnPackage())
            .because("features call each other's services, never each other's repositories");

    /**
     * The contract's answer models that carry a request to the public are built only by the one
     * public projection (opendata.PublicAnswers, from the PublicRequest that RequestProjector makes).
     */
    @ArchTest
    static final ArchRule PUBLIC_ANSWERS_ONLY_FROM_THE_PROJECTION = noClasses()
            .that().resideOutsideOfPackage("io.curbside.api.opendata..")
            .should().callConstructorWhere(DescribedPredicate.describe("a public request answer of the contract",
                    call -> Set.of("io.curbside.contract.model.ServiceRequestStatus",
                                    "io.curbside.contract.model.NearbyRequest",
                                    "io.curbside.contract.model.Update")
                            .contains(call.getTargetOwner().getName())))
            .because("everything public goes through one public projection, so one file shows what the public gets");

    /**
     * A feature: any class of the application outside the foundation and the core, so that a new
     * package is a feature without being listed anywhere.
     */
    private static DescribedPredicate<JavaClass> aFeature() {
        return resideInAPackage("io.curbside.api..").and(resideOutsideOfPackages(concat(FOUNDATION, CORE)))
                .as("a feature package");
    }

    private static DescribedPredicate<JavaClass> aRepository() {
        return DescribedPredicate.describe("repositories", c -> writtenAs(c).endsWith("Repository"));
    }

    private static DescribedPredicate<JavaClass> notARepository() {
        return DescribedPredicate.not(aRepository()).as("classes not named *Repository");
    }

    private static DescribedPredicate<JavaClass> nameIn(Set<String> names) {
        return DescribedPredicate.describe("JDBC statement types", c -> names.contains(c.getName()));
    }

    private static DescribedPredicate<JavaMethodCall> sqlThroughConnection() {
        return DescribedPredicate.describe("a statement made from a java.sql.Connection",
                call -> call.getTargetOwner().isAssignableTo(java.sql.Connection.class)
                        && Set.of("prepareStatement", "createStatement", "prepareCall").contains(call.getName()));
    }

    private static ArchCondition<JavaClass> beAccessedOnlyFromTheirOwnPackage() {
        return new ArchCondition<>("be accessed only from their own package") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                for (JavaAccess<?> access : repository.getAccessesToSelf()) {
                    String from = access.getOriginOwner().getPackageName();
                    if (!from.equals(repository.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        };
    }

    /**
     * The name of the source class a compiled class comes from: its outermost class, or for
     * Micronaut's generated bean classes ({@code $FooRepository$Definition$Intercepted}) the bean's.
     */
    private static String writtenAs(JavaClass c) {
        String name = c.getName().substring(c.getPackageName().length() + 1);
        return name.startsWith("$") ? name.substring(1).split("\\$")[0] : name.split("\\$")[0];
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
