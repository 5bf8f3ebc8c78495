package fr.pretadepenser.scoring;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The arrows of the core library follow the data, and nothing points back up: schema -> data -> features -> model
 * -> explain -> score -> portfolio -> report -> drift. A change that makes an earlier stage read a later one fails
 * here, naming the class and the dependency.
 */
class CoreLayersTest {

    private static final String ROOT = "fr.pretadepenser.scoring";

    private static JavaClasses core;

    @BeforeAll
    static void importTheLibrary() {
        // The base module's classes come from a folder under `mvn test` and from a jar under `mvn verify`.
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }

    @Test
    void eachStageReadsOnlyTheStagesBeforeIt() {
        ArchRule rule = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("schema").definedBy(ROOT + ".schema..", ROOT + ".progress..")
                .layer("data").definedBy(ROOT + ".data..")
                .layer("features").definedBy(ROOT + ".features..")
                .layer("model").definedBy(ROOT + ".model..")
                .layer("explain").definedBy(ROOT + ".explain..")
                .layer("score").definedBy(ROOT + ".score..")
                .layer("portfolio").definedBy(ROOT + ".portfolio..")
                .layer("report").definedBy(ROOT + ".report..")
                .layer("drift").definedBy(ROOT + ".drift..")
                .whereLayer("drift").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("drift")
                .whereLayer("portfolio").mayNotBeAccessedByAnyLayer()
                .whereLayer("score").mayOnlyBeAccessedByLayers("portfolio", "report", "drift")
                .whereLayer("explain").mayOnlyBeAccessedByLayers("score", "portfolio", "report", "drift")
                .whereLayer("model").mayOnlyBeAccessedByLayers("explain", "score", "portfolio", "report", "drift")
                .whereLayer("features").mayOnlyBeAccessedByLayers("model", "explain", "score", "portfolio",
                        "report", "drift")
                .whereLayer("data").mayOnlyBeAccessedByLayers("features", "model", "explain", "score", "portfolio",
                        "report", "drift");
        rule.check(core);
    }

    @Test
    void eachPartOfTheModelReadsOnlyTheIdeasBelowIt() {
        String model = ROOT + ".model";
        Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("evaluation").definedBy(model + ".evaluation..")
                .layer("training").definedBy(model + ".training..")
                .layer("selection").definedBy(model + ".selection..")
                .layer("scorecard").definedBy(model + ".scorecard..")
                .layer("bundle").definedBy(model + ".bundle..")
                .layer("recipe").definedBy(model)
                .whereLayer("recipe").mayNotBeAccessedByAnyLayer()
                .whereLayer("bundle").mayOnlyBeAccessedByLayers("recipe")
                .whereLayer("scorecard").mayOnlyBeAccessedByLayers("bundle", "recipe")
                .whereLayer("selection").mayOnlyBeAccessedByLayers("bundle", "recipe")
                .whereLayer("training").mayOnlyBeAccessedByLayers("selection", "scorecard", "bundle", "recipe")
                .check(core);
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void onlyScoringExplainsOutsideTheExplainPackage() {
        // Explanations are computed once, by the Scorer; the rest reads the Explanation values it gives.
        noClasses().that().resideOutsideOfPackages(ROOT + ".explain..", ROOT + ".score..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".explain.ShapExplainer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".explain.ReasonCodes")
                .check(core);
    }

    @Test
    void onlyScoringAndTrainingAskTheModelForPredictions() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".score..", ROOT + ".explain..", ROOT + ".model..")
                .should().callMethodWhere(DescribedPredicate.describe("Booster.predict*", call ->
                        call.getTarget().getOwner().getName().equals("ml.dmlc.xgboost4j.java.Booster")
                                && call.getTarget().getName().startsWith("predict")))
                .check(core);
    }

    @Test
    void theLibraryNeverReadsTheDemoGenerator() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".synthetic..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".synthetic..")
                .check(core);
    }
}
