package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Network;
import io.reachsim.model.Selector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §9: AWS tags of VPCs, instances (Tags) and network interfaces (TagSet) reach the model for selectors. */
class TagsSnapshotTest {
    @Test
    void tagsOfVpcsInstancesAndInterfacesAreRead() throws Exception {
        String doc = """
                {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "State": "available",
                           "Tags": [{"Key": "Name", "Value": "shop"}]}],
                 "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a",
                              "State": "available"}],
                 "Reservations": [{"Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-1", "VpcId": "vpc-1",
                     "PrivateIpAddress": "10.0.1.10", "State": {"Name": "running"},
                     "Tags": [{"Key": "role", "Value": "web"}]}]}],
                 "NetworkInterfaces": [{"NetworkInterfaceId": "eni-9", "SubnetId": "subnet-1", "VpcId": "vpc-1",
                     "PrivateIpAddress": "10.0.1.20", "Status": "in-use", "Groups": [],
                     "TagSet": [{"Key": "role", "Value": "probe"}]}]}
                """;
        Network n = Snapshots.fromDocument(new ObjectMapper().readTree(doc), "111122223333", "us-east-1").network();
        assertThat(n.vpc("vpc-1").orElseThrow().tags()).containsEntry("Name", "shop");
        assertThat(n.instance("i-1").orElseThrow().tags()).containsEntry("role", "web");
        assertThat(n.networkInterface("eni-9").orElseThrow().tags()).containsEntry("role", "probe");
        assertThat(new Selector.Tag("role", "web").members(n)).containsExactly(new EndpointRef.InstanceRef("i-1"));
        assertThat(new Selector.Tag("role", "p*").members(n)).containsExactly(new EndpointRef.EniRef("eni-9"));
    }
}
