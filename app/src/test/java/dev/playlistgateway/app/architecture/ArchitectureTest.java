package dev.playlistgateway.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture as rules: dependencies point inward (app, then adapters, then domain), the
 * domain is plain Java, adapters do not know each other, GraphQL talks to the domain only, and the
 * sign-in packages depend on each other one way.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.playlistgateway");
    }

    @Test
    void theDomainUsesNoFrameworkOrLibrary() {
        noClasses().that().resideInAPackage("dev.playlistgateway.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.micronaut..", "jakarta..", "javax.inject..", "com.fasterxml..", "io.lettuce..",
                        "com.github.benmanes..", "io.micrometer..", "graphql..", "org.dataloader..", "org.slf4j..",
                        "reactor..", "io.netty..")
                .check(classes);
    }

    @Test
    void theDomainDependsOnNoAdapterAndNoApp() {
        noClasses().that().resideInAPackage("dev.playlistgateway.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.playlistgateway.adapter..", "dev.playlistgateway.app..")
                .check(classes);
    }

    @Test
    void adaptersAreIndependentOfEachOther() {
        slices().matching("dev.playlistgateway.adapter.(**)").should().notDependOnEachOther().check(classes);
    }

    @Test
    void adaptersDoNotDependOnTheApp() {
        noClasses().that().resideInAPackage("dev.playlistgateway.adapter..")
                .should().dependOnClassesThat().resideInAPackage("dev.playlistgateway.app..")
                .check(classes);
    }

    @Test
    void graphqlTalksToTheDomainNotToAdapters() {
        noClasses().that().resideInAPackage("dev.playlistgateway.app.graphql..")
                .should().dependOnClassesThat().resideInAPackage("dev.playlistgateway.adapter..")
                .check(classes);
    }

    @Test
    void securitySubPackagesAreFreeOfCycles() {
        slices().matching("dev.playlistgateway.app.security.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void sessionsAndBearerTokensDoNotKnowWhoUsesThem() {
        noClasses().that().resideInAnyPackage("dev.playlistgateway.app.security.session..", "dev.playlistgateway.app.security.bearer..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.playlistgateway.app.security.request..", "dev.playlistgateway.app.security.login..")
                .check(classes);
    }

    @Test
    void sessionsAndBearerTokensDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("dev.playlistgateway.app.security.session..")
                .should().dependOnClassesThat().resideInAPackage("dev.playlistgateway.app.security.bearer..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.playlistgateway.app.security.bearer..")
                .should().dependOnClassesThat().resideInAPackage("dev.playlistgateway.app.security.session..")
                .check(classes);
    }
}
