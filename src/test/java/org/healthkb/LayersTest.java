package org.healthkb;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The pipeline's direction, importer → index → search/providers → web/cli, kept as the code changes. */
@AnalyzeClasses(packages = "org.healthkb", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {
    @ArchTest
    static final ArchRule noLuceneAboveTheServices = noClasses().that().resideInAnyPackage("org.healthkb.web..", "org.healthkb.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
            .because("the HTTP layer and the command line work with the services' records, never with the index");

    @ArchTest
    static final ArchRule noJavalinBelowTheWeb = noClasses().that().resideOutsideOfPackages("org.healthkb.web..", "org.healthkb.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.javalin..")
            .because("ranking, facets and imports are testable without a server");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.healthkb.(*)..").should().beFreeOfCycles();
}
