package com.securemodel.functions.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.asm.ClassReader;
import org.springframework.asm.Opcodes;

/**
 * The Lambda jar (built in the package phase, before the ITs) carries the service and none of the local cloud: no
 * emulator, no DynamoDB Local, ElasticMQ or S3Proxy, no llama.cpp natives. The localstack module is a provided
 * dependency of functions; this fails the build if it ever leaks in. Nor the console's files: on AWS CloudFront
 * serves them from their bucket, never a function. Nor any {@code @EventListener} method, which the Lambda context
 * (without Spring's processor for them) would never call.
 */
class AwsJarContentsIT {

    @Test
    void awsJar_holdsNoLocalCloudClasses() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-aws.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-aws.jar in target: the package phase builds it"));
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = Collections.list(file.entries()).stream().map(e -> e.getName()).toList();

            assertThat(names).contains("com/securemodel/functions/SecureModelApplication.class");
            assertThat(names).noneMatch(n -> n.startsWith("com/securemodel/localstack/"))
                    .noneMatch(n -> n.startsWith("com/amazonaws/services/dynamodbv2/local/"))
                    .noneMatch(n -> n.startsWith("org/elasticmq/"))
                    .noneMatch(n -> n.startsWith("org/gaul/s3proxy/"))
                    .noneMatch(n -> n.startsWith("de/kherud/llama/"));
        }
    }

    /**
     * The functions run on x86_64 Linux: the tokenizer's native library for it and none for other platforms, and the
     * unzipped package well under Lambda's 250 MiB limit (it was 256 MB with every platform's natives).
     */
    @Test
    void awsJar_holdsLinuxX8664NativesOnly_andUnzipsWellUnderLambdasLimit() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            Path jar = files.filter(p -> p.getFileName().toString().endsWith("-aws.jar")).findFirst().orElseThrow();
            try (JarFile file = new JarFile(jar.toFile())) {
                List<java.util.jar.JarEntry> entries = Collections.list(file.entries());
                List<String> natives = entries.stream().map(e -> e.getName())
                        .filter(n -> n.matches("native/lib/[^/]+/.*[^/]")).toList();
                long unzipped = entries.stream().mapToLong(java.util.jar.JarEntry::getSize).sum();

                assertThat(natives).contains("native/lib/linux-x86_64/cpu/libtokenizers.so")
                        .allMatch(n -> n.startsWith("native/lib/linux-x86_64/"));
                assertThat(unzipped).isLessThan(230L * 1024 * 1024);
            }
        }
    }

    @Test
    void awsJar_holdsNoConsoleFiles_cloudFrontServesThem() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            Path jar = files.filter(p -> p.getFileName().toString().endsWith("-aws.jar")).findFirst().orElseThrow();
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(Collections.list(file.entries()).stream().map(e -> e.getName()))
                        .noneMatch(n -> n.startsWith("static/console/"));
            }
        }
    }

    /**
     * The Lambda functions run without Spring's {@code EventListenerMethodProcessor} ({@code NoEventListenerMethods}):
     * so no class in the jar may declare an {@code @EventListener} method, which would then never be called, nor a
     * method with an annotation that carries {@code @EventListener} (such as {@code @TransactionalEventListener}). A
     * class file names the annotations it uses in its constant pool, as descriptors: the annotation types that carry
     * one of the searched descriptors join the search until no more do, then every other class is searched.
     */
    @Test
    void awsJar_declaresNoEventListenerMethods_whichTheLambdaContextWouldNotCall() throws IOException {
        Set<String> springsOwn = Set.of("org/springframework/context/event/EventListenerMethodProcessor.class",
                "org/springframework/context/event/ApplicationListenerMethodAdapter.class");
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-aws.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-aws.jar in target: the package phase builds it"));
        }
        Map<String, String> annotationTypes = new HashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : classes(file)) {
                byte[] bytes = bytes(file, entry);
                if ((new ClassReader(bytes).getAccess() & Opcodes.ACC_ANNOTATION) != 0) {
                    annotationTypes.put(entry.getName(), new String(bytes, StandardCharsets.ISO_8859_1));
                }
            }
        }
        Set<String> descriptors = new HashSet<>(Set.of("Lorg/springframework/context/event/EventListener;"));
        Set<String> carrying = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var type : annotationTypes.entrySet()) {
                if (!carrying.contains(type.getKey()) && descriptors.stream().anyMatch(type.getValue()::contains)) {
                    carrying.add(type.getKey());
                    descriptors.add("L" + type.getKey().substring(0, type.getKey().length() - 6) + ";");
                    grew = true;
                }
            }
        }
        List<String> declaring = new ArrayList<>();
        List<String> springsOwnFound = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : classes(file)) {
                if (carrying.contains(entry.getName())) {
                    continue;
                }
                String content = content(file, entry);
                if (descriptors.stream().anyMatch(content::contains)) {
                    (springsOwn.contains(entry.getName()) ? springsOwnFound : declaring).add(entry.getName());
                }
            }
        }
        assertThat(springsOwnFound).as("the search finds the annotation where Spring's own classes name it")
                .containsExactlyInAnyOrderElementsOf(springsOwn);
        assertThat(declaring).isEmpty();
    }

    private static List<JarEntry> classes(JarFile file) {
        return Collections.list(file.entries()).stream().filter(e -> e.getName().endsWith(".class")).toList();
    }

    private static String content(JarFile file, JarEntry entry) throws IOException {
        return new String(bytes(file, entry), StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(JarFile file, JarEntry entry) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
