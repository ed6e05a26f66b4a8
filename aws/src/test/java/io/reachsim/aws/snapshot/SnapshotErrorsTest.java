package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bad snapshot input: every problem of every file at once, each at file:line:column. */
class SnapshotErrorsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private List<LoadError> errors() {
        LoadException e = catchThrowableOfType(LoadException.class, () -> Snapshots.readFolder(dir, null));
        assertThat(e).as("expected a LoadException").isNotNull();
        return e.errors();
    }

    @Test
    void malformedJsonInSeveralFilesIsReportedAllAtOnceWithPositions() throws Exception {
        Path a = write("a.json", "{\n  \"Vpcs\": [\n    {\"VpcId\": \"vpc-1\",}\n  ]\n}\n");
        Path b = write("sub/b.json", "{\"Subnets\": [ }");
        List<LoadError> errors = errors();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).origin().file()).isEqualTo(a.toString());
        assertThat(errors.get(0).origin().line()).isEqualTo(3);
        assertThat(errors.get(0).origin().column()).isEqualTo(23);
        assertThat(errors.get(0).message()).startsWith("malformed JSON: ");
        assertThat(errors.get(1).origin()).isEqualTo(new Origin(b.toString(), 1, 15));
    }

    @Test
    void wrongShapesAndBadValuesAreErrorsToo() throws Exception {
        write("vpcs.json", "{\"Vpcs\": {\"VpcId\": \"vpc-1\"}}");
        write("subnets.json", "{\"Subnets\": [{\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-2\", \"CidrBlock\": \"10.0.1.0/33\"}],\n"
                + " \"Vpcs\": [{\"VpcId\": \"vpc-2\", \"CidrBlock\": \"10.0.0.0/16\"}, {\"CidrBlock\": \"10.1.0.0/16\"}]}");
        List<LoadError> errors = errors();
        assertThat(errors).extracting(LoadError::message).containsExactlyInAnyOrder(
                "'Vpcs' must be a JSON array, found an object",
                "'10.0.1.0/33' in CidrBlock is not a CIDR: prefix length must be 0..32",
                "a VPC without 'VpcId'");
        LoadError cidr = errors.stream().filter(e -> e.message().contains("10.0.1.0/33")).findFirst().orElseThrow();
        assertThat(cidr.origin().line()).isEqualTo(1);
        assertThat(cidr.origin().column()).isEqualTo(70);
    }

    @Test
    void anEmptyFolderSaysWhatToPutThere() {
        assertThat(errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("holds no JSON files"));
    }

    @Test
    void accountAndRegionFoldersNestInAnyOfTheDesignsLayouts() throws Exception {
        String vpc = "{\"Vpcs\": [{\"VpcId\": \"%s\", \"CidrBlock\": \"%s\", \"State\": \"available\"}]}";
        write("accounts/111111111111/eu-west-1/vpcs.json", vpc.formatted("vpc-a", "10.1.0.0/16"));
        write("222222222222/us-west-2/x/vpcs.json", vpc.formatted("vpc-b", "10.2.0.0/16"));
        write("ap-south-1/vpcs.json", vpc.formatted("vpc-c", "10.3.0.0/16"));
        write("vpcs.json", vpc.formatted("vpc-d", "10.4.0.0/16"));
        Snapshots.Result r = Snapshots.readFolder(dir, "us-east-1");
        Network n = r.network();
        assertThat(n.vpc("vpc-a").orElseThrow()).satisfies(v -> {
            assertThat(v.account()).isEqualTo("111111111111");
            assertThat(v.region()).isEqualTo("eu-west-1");
        });
        assertThat(n.vpc("vpc-b").orElseThrow()).satisfies(v -> {
            assertThat(v.account()).isEqualTo("222222222222");
            assertThat(v.region()).isEqualTo("us-west-2");
        });
        assertThat(n.vpc("vpc-c").orElseThrow().region()).isEqualTo("ap-south-1");
        assertThat(n.vpc("vpc-c").orElseThrow().account()).isNull();
        assertThat(n.vpc("vpc-d").orElseThrow().region()).isEqualTo("us-east-1");
        assertThat(r.report().accounts()).containsExactlyInAnyOrder("111111111111", "222222222222");
        assertThat(r.report().regions()).containsExactlyInAnyOrder("eu-west-1", "us-west-2", "ap-south-1", "us-east-1");
        // a VPC with nothing else: AWS's default objects stand in, and the report says so
        assertThat(n.routeTable("vpc-d-main").orElseThrow().main()).isTrue();
        assertThat(r.report().notes()).anySatisfy(i -> assertThat(i.what()).isEqualTo("main route table of VPC 'vpc-d'"));
    }

    @Test
    void withoutADefaultRegionTheFoldersOnlyRegionIsUsed() throws Exception {
        write("eu-north-1/vpcs.json", "{\"Vpcs\": [{\"VpcId\": \"vpc-a\", \"CidrBlock\": \"10.1.0.0/16\"}]}");
        write("subnets.json", "{\"Subnets\": []}");
        assertThat(Snapshots.readFolder(dir, null).network().region()).isEqualTo("eu-north-1");
    }

    @Test
    void aFlatFolderTakesTheRegionItsAvailabilityZonesName() throws Exception {
        write("vpcs.json", "{\"Vpcs\": [{\"VpcId\": \"vpc-a\", \"CidrBlock\": \"10.1.0.0/16\"}]}");
        write("subnets.json", "{\"Subnets\": [{\"SubnetId\": \"subnet-a\", \"VpcId\": \"vpc-a\", \"CidrBlock\": \"10.1.1.0/24\","
                + " \"AvailabilityZone\": \"ap-southeast-2b\"}]}");
        Network n = Snapshots.readFolder(dir, null).network();
        assertThat(n.region()).isEqualTo("ap-southeast-2");
        assertThat(n.vpc("vpc-a").orElseThrow().region()).isEqualTo("ap-southeast-2");
        assertThat(Snapshots.readFolder(dir, "eu-west-3").network().region()).as("a given region wins").isEqualTo("eu-west-3");
    }

    @Test
    void instancesAloneMakeTheirInterfacesFromTheirOwnFields() throws Exception {
        var doc = new ObjectMapper().readTree("""
                {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
                 "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
                 "Reservations": [{"Instances": [
                   {"InstanceId": "i-1", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.10", "State": {"Name": "running"},
                    "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "PrivateIpAddress": "10.0.1.10", "SourceDestCheck": false,
                      "Attachment": {"DeviceIndex": 0}, "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.10"},
                                                                             {"Primary": false, "PrivateIpAddress": "10.0.1.11"}]}]},
                   {"InstanceId": "i-2", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.20", "PublicIpAddress": "198.51.100.20",
                    "State": {"Name": "running"}}]}]}""");
        Network n = Snapshots.fromDocument(doc, null, "eu-west-1").network();
        assertThat(n.instance("i-1").orElseThrow().networkInterfaces()).containsExactly("eni-1");
        assertThat(n.networkInterface("eni-1").orElseThrow()).satisfies(e -> {
            assertThat(e.subnet()).isEqualTo("subnet-1");
            assertThat(e.sourceDestCheck()).isFalse();
            assertThat(e.secondaryPrivateIps()).extracting(Object::toString).containsExactly("10.0.1.11");
            assertThat(e.securityGroups()).containsExactly("vpc-1-default");
        });
        // no interface in the output at all: the instance's own addresses, under the instance's id
        assertThat(n.networkInterface("i-2").orElseThrow().publicIp()).hasToString("198.51.100.20");
    }

    @Test
    void fromDocumentReadsMergedOutputsForOneAccountAndRegion() throws Exception {
        var doc = new ObjectMapper().readTree("""
                {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "State": "available"}],
                 "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}],
                 "Widgets": []}""");
        Snapshots.Result r = Snapshots.fromDocument(doc, "123456789012", "eu-west-1");
        assertThat(r.network().vpc("vpc-1").orElseThrow().account()).isEqualTo("123456789012");
        assertThat(r.network().vpc("vpc-1").orElseThrow().region()).isEqualTo("eu-west-1");
        assertThat(r.network().subnet("subnet-1").orElseThrow().vpc()).isEqualTo("vpc-1");
        assertThat(r.report().skipped()).singleElement().satisfies(i -> {
            assertThat(i.what()).isEqualTo("top-level key 'Widgets'");
            assertThat(i.at().file()).isEqualTo("document");
        });
        var bad = new ObjectMapper().readTree("{\"Subnets\": [{\"VpcId\": \"vpc-1\"}]}");
        LoadException e = catchThrowableOfType(LoadException.class, () -> Snapshots.fromDocument(bad, null, null));
        assertThat(e.errors()).extracting(LoadError::message).containsExactly("a subnet without 'SubnetId'");
    }

    @Test
    void aMergedDocumentNamesTheResourceOfEntriesAndRoutesInTheKey() throws Exception {
        var doc = new ObjectMapper().readTree("""
                {"PrefixLists": [{"PrefixListId": "pl-0a1b", "PrefixListName": "corp", "State": "create-complete"}],
                 "Entries:pl-0a1b": [{"Cidr": "192.168.0.0/16"}, {"Cidr": "172.16.0.0/12"}],
                 "Entries": [{"Cidr": "10.9.0.0/16"}]}""");
        Snapshots.Result r = Snapshots.fromDocument(doc, null, "us-east-1");
        assertThat(r.network().prefixList("pl-0a1b").orElseThrow().cidrs()).extracting(Object::toString)
                .containsExactly("192.168.0.0/16", "172.16.0.0/12");
        assertThat(r.report().skipped()).singleElement().satisfies(i -> assertThat(i.why()).contains("must contain the prefix list id"));
    }

    @Test
    void theScenarioLoaderReportsSnapshotErrorsWithTheScenariosOwn() throws Exception {
        write("snap/vpcs.json", "{\"Vpcs\": [");
        Path s = write("s.yaml", "apiVersion: reachsim/v1\nnetwork:\n  import: snap\n  vpcs: [{id: vpc-x, cidr: 10.0.0.0/33}]\n");
        LoadException e = catchThrowableOfType(LoadException.class, () -> new ScenarioLoader().load(List.of(s)));
        assertThat(e.errors()).hasSize(2);
        assertThat(e.errors()).anySatisfy(x -> assertThat(x.origin().file()).endsWith("vpcs.json"));
        assertThat(e.errors()).anySatisfy(x -> assertThat(x.origin().file()).endsWith("s.yaml"));
    }

    @Test
    void aScenarioItemClashingWithASnapshotIdIsADuplicateNamingWhereTheSnapshotHasIt() throws Exception {
        Path vpcs = write("snap/vpcs.json", "{\"Vpcs\": [\n  {\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}\n]}");
        Path s = write("s.yaml", "apiVersion: reachsim/v1\nnetwork:\n  import: snap\n  vpcs: [{id: vpc-1, cidr: 10.1.0.0/16}]\n");
        LoadException e = catchThrowableOfType(LoadException.class, () -> new ScenarioLoader().load(List.of(s)));
        assertThat(e.errors()).singleElement().satisfies(x -> {
            assertThat(x.origin().file()).isEqualTo(s.toString());
            assertThat(x.message()).isEqualTo("duplicate id 'vpc-1': already the id of the VPC at " + dir.resolve("snap").resolve("vpcs.json") + ":2:3");
        });
        assertThat(vpcs).exists();
    }
}
