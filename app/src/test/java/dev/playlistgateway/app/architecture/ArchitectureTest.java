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
 * domain is plain Java, adapters do not know each other, and GraphQL talks to the domain only.
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
}
