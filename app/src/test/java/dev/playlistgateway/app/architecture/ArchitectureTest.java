package dev.playlistgateway.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
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
    void cacheAdaptersAndTheDomainKnowNothingOfTracing() {
        // Cache round trips are traced by a decorator in the app's wiring (app.tracing.TracedCachePort).
        noClasses().that().resideInAnyPackage("dev.playlistgateway.adapter.cache..", "dev.playlistgateway.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..", "io.micronaut.tracing..")
                .check(classes);
    }

    @Test
    void theSpotifyAdapterTracesThroughOpenTelemetrysApiAloneNotMicronaut() {
        // The spotify test-jar (its fixtures, for the app's tests) is on this classpath: its tests use the SDK.
        noClasses().that().resideInAPackage("dev.playlistgateway.adapter.spotify..").and().haveSimpleNameNotEndingWith("Test")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "io.opentelemetry.sdk..")
                .check(classes);
    }

    @Test
    void adaptersDoNotDependOnTheApp() {
        noClasses().that().resideInAPackage("dev.playlistgateway.adapter..")
                .should().dependOnClassesThat().resideInAPackage("dev.playlistgateway.app..")
                .check(classes);
    }

    @Test
    void adapterFactoriesNameNoLibraryType() {
        // Callers depend on the ports and the factories, so swapping Lettuce, Caffeine, Jackson or
        // Resilience4j stays inside the adapter. Micrometer and OpenTelemetry are the app's own APIs too.
        DescribedPredicate<JavaClass> library = JavaClass.Predicates.resideInAnyPackage(
                "io.lettuce..", "com.github.benmanes..", "com.fasterxml..", "io.github.resilience4j..");
        // The Spotify adapter's test-jar (its fixtures, for the app's tests) is on this classpath: not API.
        DescribedPredicate<JavaClass> fromATestJar = DescribedPredicate.describe("from a test-jar", type -> type.getSource()
                .map(source -> source.getUri().toString().contains("-tests.jar")).orElse(false));
        classes().that().resideInAPackage("dev.playlistgateway.adapter..").and().arePublic()
                .and(DescribedPredicate.not(fromATestJar))
                .should(exposeNoPublicMemberOf(library))
                .check(classes);
    }

    private static ArchCondition<JavaClass> exposeNoPublicMemberOf(DescribedPredicate<JavaClass> library) {
        return new ArchCondition<>("name no library type in a public member's signature") {
            @Override
            public void check(JavaClass owner, ConditionEvents events) {
                for (JavaMember member : owner.getMembers()) {
                    if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
                        continue;
                    }
                    List<JavaClass> types = new ArrayList<>();
                    if (member instanceof JavaCodeUnit codeUnit) {
                        types.addAll(codeUnit.getRawParameterTypes());
                        types.add(codeUnit.getRawReturnType());
                    } else if (member instanceof JavaField field) {
                        types.add(field.getRawType());
                    }
                    types.stream().filter(library).forEach(type -> events.add(SimpleConditionEvent.violated(member,
                            member.getFullName() + " names " + type.getName())));
                }
            }
        };
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
