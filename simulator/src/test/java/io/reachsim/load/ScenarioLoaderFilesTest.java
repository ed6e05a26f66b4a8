package io.reachsim.load;

import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Files, folders, imports and input that is not a scenario at all: always located errors, never a stack trace. */
class ScenarioLoaderFilesTest extends LoadTestSupport {

    private static final String BASE = """
            apiVersion: reachsim/v1
            name: base
            region: eu-central-1
            network:
              vpcs: [{id: vpc-main, cidr: 10.0.0.0/16}]
              subnets: [{id: public-a, vpc: vpc-main, cidr: 10.0.0.0/24}]
              internetGateways: [{id: igw-main, vpc: vpc-main}]
            expect:
              - {from: nothing-here, to: internet, port: 443, reachable: true}
            """;

    private List<Scenario> loadAll(Path... paths) {
        try {
            return new ScenarioLoader().load(List.of(paths));
        } catch (LoadException e) {
            throw new AssertionError(e.errors().toString());
        }
    }

    @Test
    void importAddsInlineItemsToTheImportedNetwork() {
        write("shared/base.yaml", BASE);
        Path s = write("vpc/app.yaml", """
                apiVersion: reachsim/v1
                network:
                  import: ../shared/base.yaml
                  subnets: [{id: private-a, vpc: vpc-main, cidr: 10.0.1.0/24}]
                  instances: [{id: web-1, subnet: public-a, privateIp: 10.0.0.10, publicIp: 198.51.100.10}]
                expect:
                  - {from: web-1, to: internet, port: 443, reachable: true, via: [igw-main]}
                """);
        Scenario sc = loadAll(s).get(0);
        Network n = sc.network();
        assertThat(n.subnets()).extracting(io.reachsim.model.Subnet::id).containsExactly("public-a", "private-a");
        assertThat(n.internetGateway("igw-main")).isPresent();
        assertThat(n.instance("web-1")).isPresent();
        assertThat(n.region()).as("the region comes from the import when the file names none").isEqualTo("eu-central-1");
        assertThat(n.vpc("vpc-main").orElseThrow().region()).isEqualTo("eu-central-1");
        assertThat(sc.expectations()).as("the imported file's expectations are not this scenario's").hasSize(1);
        assertThat(sc.name()).isEqualTo("app");
    }

    @Test
    void importsAreRecursive() {
        write("a.yaml", BASE);
        write("b.yaml", "apiVersion: reachsim/v1\nnetwork:\n  import: a.yaml\n  subnets: [{id: private-a, vpc: vpc-main, cidr: 10.0.1.0/24}]\n");
        Path c = write("c.yaml", "apiVersion: reachsim/v1\nregion: us-west-2\nnetwork:\n  import: b.yaml\n"
                + "  instances: [{id: db, subnet: private-a, privateIp: 10.0.1.10}]\n");
        Network n = loadAll(c).get(0).network();
        assertThat(n.instance("db")).isPresent();
        assertThat(n.subnet("public-a")).isPresent();
        assertThat(n.region()).isEqualTo("us-west-2");
        assertThat(n.vpc("vpc-main").orElseThrow().region()).as("a VPC keeps the region of the file it is written in").isEqualTo("eu-central-1");
    }

    @Test
    void importCycleIsAnErrorAtTheImportValue() {
        Path a = write("a.yaml", "apiVersion: reachsim/v1\nnetwork:\n  import: b.yaml\n");
        String b = "apiVersion: reachsim/v1\nnetwork:\n  import: a.yaml\n";
        write("b.yaml", b);
        List<LoadError> errors = errors(List.of(a));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).origin()).isEqualTo(new Origin(dir.resolve("b.yaml").toString(), 3, 11));
        assertThat(errors.get(0).message()).isEqualTo("import cycle: " + a + " → " + dir.resolve("b.yaml") + " → " + a);
    }

    @Test
    void importOfAMissingFile() {
        String text = "apiVersion: reachsim/v1\nnetwork:\n  import: nope.yaml\n";
        Path a = write("a.yaml", text);
        List<LoadError> errors = errors(List.of(a));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).origin()).isEqualTo(new Origin(a.toString(), 3, 11));
        assertThat(errors.get(0).message()).isEqualTo("'" + dir.resolve("nope.yaml") + "' does not exist");
    }

    @Test
    void importOfASnapshotFolderNeedsTheAwsModule() throws Exception {
        Files.createDirectories(dir.resolve("snap"));
        Path a = write("a.yaml", "apiVersion: reachsim/v1\nnetwork:\n  import: snap\n");
        List<LoadError> errors = errors(List.of(a));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.origin()).isEqualTo(new Origin(a.toString(), 3, 11));
            assertThat(e.message()).isEqualTo("'" + dir.resolve("snap") + "' is a snapshot folder: "
                    + "snapshot folders need the reachsim-aws module on the class path");
        });
    }

    @Test
    void anIdRedeclaredOverAnImportIsADuplicate() {
        write("base.yaml", BASE);
        String text = "apiVersion: reachsim/v1\nnetwork:\n  import: base.yaml\n  internetGateways: [{id: igw-main, vpc: vpc-main}]\n";
        Path a = write("a.yaml", text);
        List<LoadError> errors = errors(List.of(a));
        assertThat(errors).hasSize(1);
        int[] here = pos(text, "igw-main");
        int[] there = pos(BASE, "igw-main");
        assertThat(errors.get(0).origin()).isEqualTo(new Origin(a.toString(), here[0], here[1]));
        assertThat(errors.get(0).message()).isEqualTo("duplicate id 'igw-main': already the id of the internet gateway at "
                + dir.resolve("base.yaml") + ":" + there[0] + ":" + there[1]);
    }

    @Test
    void errorsInAnImportedFileNameThatFile() {
        String base = BASE.replace("cidr: 10.0.0.0/24", "cidr: 10.0.0.0/33");
        write("base.yaml", base);
        Path a = write("a.yaml", "apiVersion: reachsim/v1\nnetwork:\n  import: base.yaml\n");
        List<LoadError> errors = errors(List.of(a));
        assertThat(errors).singleElement().satisfies(e -> {
            int[] at = pos(base, "10.0.0.0/33");
            assertThat(e.origin()).isEqualTo(new Origin(dir.resolve("base.yaml").toString(), at[0], at[1]));
            assertThat(e.message()).contains("'10.0.0.0/33' is not a CIDR");
        });
    }

    @Test
    void aFolderLoadsEveryScenarioSortedAndSkipsHiddenAndOtherFiles() {
        write("b/two.yml", "apiVersion: reachsim/v1\nname: two\n");
        write("a.yaml", "apiVersion: reachsim/v1\nname: one\n");
        write("c/three.yaml", "apiVersion: reachsim/v1\nname: three\n");
        write(".hidden/x.yaml", "not: a scenario\n");
        write("README.md", "# not a scenario\n");
        List<Scenario> all = loadAll(dir);
        assertThat(all).extracting(Scenario::name).containsExactly("one", "two", "three");
        assertThat(all).extracting(Scenario::file)
                .containsExactly(dir.resolve("a.yaml").toString(), dir.resolve("b/two.yml").toString(), dir.resolve("c/three.yaml").toString());
    }

    @Test
    void aFileGivenTwiceLoadsOnce() {
        Path a = write("a.yaml", "apiVersion: reachsim/v1\n");
        assertThat(loadAll(a, dir)).hasSize(1);
    }

    @Test
    void errorsOfSeveralFilesComeTogetherSortedByFileAndPosition() {
        String one = HEAD.replace("cidr: 10.0.1.0/24}", "cidr: 10.0.1.0/33}");
        String two = "apiVersion: reachsim/v1\nnetwork:\n  vpcs: [{id: vpc-x, cidr: 10.0.0.0/16, colour: red}]\n";
        Path p1 = write("dir/one.yaml", one);
        Path p2 = write("dir/two.yaml", two);
        write("dir/fine.yaml", "apiVersion: reachsim/v1\n");
        List<LoadError> errors = errors(List.of(dir.resolve("dir")));
        assertThat(errors).hasSize(2);
        int[] bad = pos(one, "10.0.1.0/33");
        assertThat(errors.get(0).origin()).isEqualTo(new Origin(p1.toString(), bad[0], bad[1]));
        int[] colour = pos(two, "colour");
        assertThat(errors.get(1).origin()).isEqualTo(new Origin(p2.toString(), colour[0], colour[1]));
        assertThat(errors.get(1).message()).isEqualTo("unknown field 'colour' in VPC 'vpc-x' (expected one of: id, cidr, secondaryCidrs, ipv6Cidr,"
                + " enableDnsSupport, enableDnsHostnames, region, defaultSecurityGroup, defaultNetworkAcl, account)");
    }

    @Test
    void malformedYamlIsALocatedError() {
        String text = "apiVersion: reachsim/v1\nnetwork:\n  vpcs: [{id: vpc-a, cidr: 10.0.0.0/16}\n  subnets: []\n";
        List<LoadError> errors = errors(text);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.origin().file()).isEqualTo(dir.resolve("s.yaml").toString());
            assertThat(e.origin().line()).isEqualTo(4);
            assertThat(e.message()).startsWith("malformed YAML: ");
        });
    }

    @Test
    void badIndentationIsALocatedError() {
        String text = "apiVersion: reachsim/v1\nnetwork:\n  vpcs:\n    - id: a\n   cidr: 10.0.0.0/16\n";
        assertThat(errors(text)).singleElement().satisfies(e -> {
            assertThat(e.origin().line()).isEqualTo(5);
            assertThat(e.message()).startsWith("malformed YAML");
        });
    }

    @Test
    void anEmptyFile() {
        assertThat(errors("")).singleElement().satisfies(e -> {
            assertThat(e.origin()).isEqualTo(new Origin(dir.resolve("s.yaml").toString(), 1, 1));
            assertThat(e.message()).contains("is empty", "apiVersion: reachsim/v1");
        });
    }

    @Test
    void aFileThatIsAListNotAMapping() {
        assertThat(errors("- apiVersion: reachsim/v1\n")).singleElement().satisfies(e -> {
            assertThat(e.origin()).isEqualTo(new Origin(dir.resolve("s.yaml").toString(), 1, 1));
            assertThat(e.message()).contains("must be a mapping of fields, not a list");
        });
    }

    @Test
    void aFileOfTwoYamlDocuments() {
        assertThat(errors("apiVersion: reachsim/v1\n---\napiVersion: reachsim/v1\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("malformed YAML").contains("single document"));
    }

    @Test
    void aMappingMergedIntoItselfDoesNotLoop() {
        assertThat(load("apiVersion: reachsim/v1\nnetwork: &x {<<: *x, vpcs: [{id: v, cidr: 10.0.0.0/16}]}\n").network().vpcs()).hasSize(1);
    }

    @Test
    void aBinaryFile() throws Exception {
        Path p = dir.resolve("bin.yaml");
        Files.write(p, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertThat(errors(List.of(p))).singleElement().satisfies(e -> {
            assertThat(e.origin().file()).isEqualTo(p.toString());
            assertThat(e.message()).contains("not UTF-8");
        });
    }

    @Test
    void aMissingFileAndAnEmptyFolder() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        List<LoadError> errors = errors(List.of(missing, empty));
        assertThat(errors).extracting(LoadError::toString).containsExactly(
                empty + ":1:1  folder '" + empty + "' holds no scenario files (*.yaml, *.yml)",
                missing + ":1:1  '" + missing + "' does not exist");
    }

    @Test
    void duplicateKeysAtTopLevel() {
        String text = "apiVersion: reachsim/v1\nname: a\nname: b\n";
        assertThat(errors(text)).singleElement().satisfies(e -> {
            assertThat(e.origin()).isEqualTo(new Origin(dir.resolve("s.yaml").toString(), 3, 1));
            assertThat(e.message()).isEqualTo("duplicate field 'name' in the scenario file '" + dir.resolve("s.yaml")
                    + "' (first written at line 2)");
        });
    }

    @Test
    void loadNetworkIgnoresExpectations() throws Exception {
        Path p = write("net.yaml", BASE);
        Network n = new ScenarioLoader().loadNetwork(p);
        assertThat(n.subnet("public-a")).isPresent();
        assertThat(n.region()).isEqualTo("eu-central-1");
    }

    @Test
    void loadNetworkStillReportsNetworkErrors() {
        String text = BASE.replace("vpc: vpc-main, cidr: 10.0.0.0/24", "vpc: vpc-nope, cidr: 10.0.0.0/24");
        Path p = write("net.yaml", text);
        int[] at = pos(text, "vpc-nope");
        LoadException e = catchThrowableOfType(LoadException.class, () -> new ScenarioLoader().loadNetwork(p));
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.origin()).isEqualTo(new Origin(p.toString(), at[0], at[1]));
            assertThat(err.message()).contains("VPC 'vpc-nope' of subnet 'public-a' does not exist");
        });
    }

    @Test
    void loadNetworkOfAFolderOfScenariosIsAnError() {
        write("a.yaml", BASE);
        LoadException e = catchThrowableOfType(LoadException.class, () -> new ScenarioLoader().loadNetwork(dir));
        assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.message()).contains("is a folder of scenario files"));
    }

    @Test
    void loadNetworkOfASnapshotFolderWithoutTheAwsModuleSaysSo() throws Exception {
        Files.writeString(dir.resolve("vpcs.json"), "{\"Vpcs\": []}");
        LoadException e = catchThrowableOfType(LoadException.class, () -> new ScenarioLoader().loadNetwork(dir));
        assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.message()).endsWith(SnapshotImporter.MISSING));
    }

    @Test
    void pathsAreShownAsTheUserGaveThem() throws Exception {
        Path relative = Path.of("target", "load-test-" + System.nanoTime());
        Files.createDirectories(relative.resolve("vpc"));
        try {
            Files.writeString(relative.resolve("vpc/x.yaml"), "apiVersion: reachsim/v1\nnetwork:\n  vpcs: [{id: a, cidr: 10.0.0.0/8, bad: 1}]\n");
            List<LoadError> errors = errors(List.of(relative));
            assertThat(errors).singleElement().satisfies(e ->
                    assertThat(e.origin().file()).isEqualTo(relative.resolve("vpc").resolve("x.yaml").toString()));
            assertThat(relative.isAbsolute()).isFalse();
        } finally {
            Files.deleteIfExists(relative.resolve("vpc/x.yaml"));
            Files.deleteIfExists(relative.resolve("vpc"));
            Files.deleteIfExists(relative);
        }
    }
}
