package fr.pretadepenser.scoring.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The arrows between the runnable jar's modules follow the data: base (schema, progress) -> core (the library) ->
 * server (API, audit, accounts) -> cli (the commands); the demo's generator (on base alone) and the benchmarks are
 * apart, read only by the commands; each route
 * receives its services, and only the server's wiring reads the bundle of everything it opened.
 */
class ModuleLayersTest {

    private static final String ROOT = "fr.pretadepenser.scoring";
    private static final String[] CORE = {ROOT + ".data..", ROOT + ".features..", ROOT + ".model..", ROOT + ".explain..", ROOT + ".score..", ROOT + ".portfolio..",
            ROOT + ".report..", ROOT + ".drift.."};

    private static JavaClasses jar;

    @BeforeAll
    static void importTheRunnableJarsClasses() {
        // The modules' classes, whether the build put them in folders or in jars; no test class.
        jar = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }

    @Test
    void theLibraryTheServerAndTheCommandsAreLayersInThatOrder() {
        Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("base").definedBy(ROOT + ".schema..", ROOT + ".progress..")
                .layer("core").definedBy(CORE)
                .layer("server").definedBy(ROOT + ".api..", ROOT + ".audit..", ROOT + ".auth..",
                        ROOT + ".logging..")
                .layer("synthetic").definedBy(ROOT + ".synthetic..")
                .layer("bench").definedBy(ROOT + ".bench..")
                .layer("cli").definedBy(ROOT + ".cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("synthetic").mayOnlyBeAccessedByLayers("bench", "cli")
                .whereLayer("server").mayOnlyBeAccessedByLayers("bench", "cli")
                .whereLayer("core").mayOnlyBeAccessedByLayers("server", "bench", "cli")
                .whereLayer("base").mayOnlyBeAccessedByLayers("core", "synthetic", "server", "bench", "cli")
                .check(jar);
    }

    @Test
    void theApiReadsAuditAndAccountsWhichNeverReadTheApi() {
        noClasses().that().resideInAnyPackage(ROOT + ".audit..", ROOT + ".auth..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".api..")
                .check(jar);
    }

    @Test
    void routesReceiveTheirServicesNotTheWholeServer() {
        noClasses().that().resideInAPackage(ROOT + ".api..")
                .and().doNotHaveSimpleName("ApiServer").and().doNotHaveSimpleName("ApiResources")
                .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".api.ApiResources")
                .check(jar);
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(jar);
    }
}
