package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The position-keeping JSON layer: compact objects, ASCII parsed from bytes, repeated values shared. */
class JsonDocTest {
    @Test
    void objectsKeepFieldOrderAndBehaveAsMaps() {
        FieldMap m = new FieldMap();
        for (int i = 0; i < 10; i++) m.put("k" + i, new TextNode("v" + i));
        assertThat(m.put("k3", new TextNode("new"))).isEqualTo(new TextNode("v3"));
        assertThat(m.remove("k0")).isEqualTo(new TextNode("v0"));
        assertThat(m.keySet()).containsExactly("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
        assertThat(m.get(new String("k3"))).isEqualTo(new TextNode("new"));
        for (Map.Entry<String, JsonNode> e : m.entrySet()) if (e.getKey().equals("k9")) e.setValue(new TextNode("set"));
        assertThat(m.get("k9")).isEqualTo(new TextNode("set"));
        var it = m.entrySet().iterator();
        it.next();
        it.remove();
        assertThat(m).hasSize(8).doesNotContainKey("k1").containsKey("k2");
        assertThat(m).isEqualTo(new java.util.LinkedHashMap<>(m));
    }

    @Test
    void asciiAndNonAsciiFilesGivePositionsInCharacters() throws Exception {
        String text = "{\n  \"Vpcs\": [{\"Tags\": [{\"Value\": \"caf\u00e9\"}], \"VpcId\": \"vpc-1\"}]\n}";
        JsonDoc utf8 = JsonDoc.parse("f.json", text.getBytes(StandardCharsets.UTF_8), null, null);
        JsonDoc ascii = JsonDoc.parse("f.json", text.replace('\u00e9', 'e').getBytes(StandardCharsets.UTF_8), null, null);
        for (JsonDoc d : List.of(utf8, ascii)) {
            JsonNode vpc = d.root.get("Vpcs").get(0);
            assertThat(d.at(vpc.get("VpcId")).toString()).isEqualTo("f.json:2:51");
            assertThat(vpc.get("VpcId").asText()).isEqualTo("vpc-1");
        }
        assertThat(utf8.root.get("Vpcs").get(0).get("Tags").get(0).get("Value").asText()).isEqualTo("caf\u00e9");
        assertThat(JsonDoc.parse("f.json", new byte[] {'{', '"', (byte) 0xff, '"', '}'}, null, null)).as("not UTF-8").isNull();
    }

    @Test
    void repeatedShortValuesAreOneString() throws Exception {
        StringBuilder b = new StringBuilder("{\"Subnets\": [");
        for (int i = 0; i < 100; i++) b.append(i == 0 ? "" : ",").append("{\"State\": \"available\", \"SubnetId\": \"subnet-").append(i).append("\"}");
        JsonDoc d = JsonDoc.parse("s.json", b.append("]}").toString().getBytes(StandardCharsets.US_ASCII), null, null);
        List<String> states = new ArrayList<>();
        for (JsonNode s : d.root.get("Subnets")) states.add(s.get("State").textValue());
        assertThat(states).hasSize(100).allSatisfy(s -> assertThat(s).isSameAs(states.get(0)));
        assertThat(d.root.get("Subnets").get(99).get("SubnetId").asText()).isEqualTo("subnet-99");
    }
}
