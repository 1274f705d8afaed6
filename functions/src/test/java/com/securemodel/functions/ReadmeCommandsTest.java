package com.securemodel.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Maven commands name things that exist and run in a phase that builds what they need: an
 * {@code exec:exec@id} execution resolves test-scoped dependencies (the functions module depends on core's test
 * jar), so it must follow {@code test-compile} or a later phase, or it fails on a fresh clone with
 * {@code Could not find artifact com.securemodel:core:jar:tests}.
 */
class ReadmeCommandsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern EXEC = Pattern.compile("-pl (\\S+) -am (\\S+) exec:exec@([\\w-]+)");
    private static final Pattern PROFILE = Pattern.compile("-Dspring-boot\\.run\\.profiles=(\\w+)");

    private static List<String> commands() throws IOException {
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            int at = line.indexOf("./mvnw ");
            if (at >= 0) {
                commands.add(line.substring(at));
            }
        }
        return commands;
    }

    @Test
    void execCommands_followTestCompile_andNameAnExecutionOfTheirModule() throws IOException {
        List<String> execs = commands().stream().filter(c -> c.contains("exec:exec@")).toList();
        assertThat(execs).isNotEmpty();
        for (String command : execs) {
            Matcher exec = EXEC.matcher(command);
            assertThat(exec.find()).as(command).isTrue();
            assertThat(exec.group(2)).as(command).isIn("test-compile", "package", "verify");
            String pom = Files.readString(ROOT.resolve(exec.group(1)).resolve("pom.xml"));
            assertThat(pom).as(command).contains("<id>" + exec.group(3) + "</id>");
            Matcher property = Pattern.compile("-D([\\w.-]+)=").matcher(command);
            while (property.find()) {
                if (property.group(1).startsWith("skip")) {
                    continue; // Maven's own
                }
                assertThat(pom).as(command + ": the execution reads -D" + property.group(1))
                        .contains("${" + property.group(1) + "}");
            }
        }
    }

    @Test
    void runCommands_nameAProfileThatExists() throws IOException {
        for (String command : commands()) {
            Matcher profile = PROFILE.matcher(command);
            if (profile.find()) {
                assertThat(ROOT.resolve("functions/src/main/resources/application-" + profile.group(1) + ".yml"))
                        .as(command).exists();
            }
        }
    }
}
