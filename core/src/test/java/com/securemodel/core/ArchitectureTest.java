package com.securemodel.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Keeps the domain free of infrastructure (STYLE.md 1); runs as a plain JUnit test so surefire always sees it. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.securemodel.core");

    @Test
    void core_dependsOnNoAwsSpringOrJacksonDatabind() {
        ArchRule rule = noClasses()
                .that().resideInAPackage("com.securemodel.core..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..",
                        "org.springframework..", "com.fasterxml.jackson.databind..")
                .because("core is the domain: adapters live in functions");
        rule.check(CORE);
    }

    @Test
    void core_importsItsOwnClasses() {
        org.assertj.core.api.Assertions.assertThat(CORE.contain("com.securemodel.core.deployment.DeploymentService"))
                .isTrue();
    }
}
