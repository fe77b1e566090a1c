package io.curbside.geo;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** geo stays pure: pure functions over JTS, usable by any caller, testable without a server. */
@AnalyzeClasses(packages = "io.curbside.geo", importOptions = ImportOption.DoNotIncludeTests.class)
class GeoDependencyRulesTest {

    @ArchTest
    static final ArchRule NO_FRAMEWORK_HTTP_OR_DATABASE = noClasses()
            .that().resideInAPackage("io.curbside.geo..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.micronaut..", "jakarta.inject..", "io.netty..", "java.net..", "java.sql..",
                    "javax.sql..", "org.postgresql..", "io.curbside.api..")
            .because("geo is a plain geometry library: no framework, no HTTP, no database");
}
