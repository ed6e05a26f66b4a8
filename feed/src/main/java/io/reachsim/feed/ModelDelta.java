package io.reachsim.feed;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.Network;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A compacted model snapshot: what a network is now, written as the difference from the network it was
 * built from (the scenario's, or a baseline's). Per list of the {@link Network} record, the items whose
 * id is new or whose content changed, in the list's order, and the ids removed; a list whose items carry
 * no id, or another component, is written whole when it changed. Events change a few route tables,
 * groups, ACLs and gateways, so a checkpoint of a 1,000-VPC network after 100,000 events is small, and
 * reading it back is fast. Items are the model's own records, written with Jackson (records are read
 * through their canonical constructors; the model's sealed interfaces carry their class).
 */
final class ModelDelta {
    private ModelDelta() {}

    /** Model records and their interfaces only: nothing outside the model is ever instantiated from a checkpoint. */
    static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        BasicPolymorphicTypeValidator ptv = BasicPolymorphicTypeValidator.builder().allowIfSubType("io.reachsim.model.").build();
        ObjectMapper m = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        ObjectMapper.DefaultTypeResolverBuilder typing = new ObjectMapper.DefaultTypeResolverBuilder(
                ObjectMapper.DefaultTyping.NON_FINAL, ptv) {
            @Override
            public boolean useForType(JavaType t) {
                return t.isAbstract() && t.getRawClass().getName().startsWith("io.reachsim.model.");
            }
        };
        m.setDefaultTyping(typing.init(JsonTypeInfo.Id.CLASS, null).inclusion(JsonTypeInfo.As.PROPERTY).typeProperty("@class"));
        return m;
    }

    private static final RecordComponent[] COMPONENTS = Network.class.getRecordComponents();

    /** The difference from {@code base} to {@code now}. */
    static ObjectNode of(Network base, Network now) {
        ObjectNode out = MAPPER.createObjectNode();
        for (RecordComponent c : COMPONENTS) {
            Object b = get(c, base);
            Object n = get(c, now);
            if (Objects.equals(b, n)) continue;
            if (n instanceof List<?> list && b instanceof List<?> old && idOf(c) != null) {
                Method id = idOf(c);
                Map<Object, Object> before = new HashMap<>();
                for (Object x : old) before.put(invoke(id, x), x);
                ObjectNode d = out.putObject(c.getName());
                ArrayNode order = d.putArray("order");
                ArrayNode changed = d.putArray("changed");
                Set<Object> kept = new HashSet<>();
                for (Object x : list) {
                    Object key = invoke(id, x);
                    kept.add(key);
                    order.add(String.valueOf(key));
                    if (!x.equals(before.get(key))) changed.add(MAPPER.valueToTree(x));
                }
                // The order is written only when it is not the base's minus the removed plus the added at the end.
                if (sameOrder(old, list, id, kept)) d.remove("order");
                ArrayNode removed = d.putArray("removed");
                for (Object key : before.keySet()) if (!kept.contains(key)) removed.add(String.valueOf(key));
            } else {
                ObjectNode d = out.putObject(c.getName());
                d.set("whole", MAPPER.valueToTree(n));
            }
        }
        return out;
    }

    /** {@code base} with {@code delta} applied. */
    static Network apply(Network base, JsonNode delta) {
        Object[] args = new Object[COMPONENTS.length];
        try {
            for (int i = 0; i < COMPONENTS.length; i++) {
                RecordComponent c = COMPONENTS[i];
                Object b = get(c, base);
                JsonNode d = delta.get(c.getName());
                if (d == null) {
                    args[i] = b;
                } else if (d.has("whole")) {
                    args[i] = MAPPER.treeToValue(d.get("whole"), MAPPER.constructType(c.getGenericType()));
                } else {
                    Method id = idOf(c);
                    Class<?> item = itemClass(c);
                    Map<String, Object> byId = new LinkedHashMap<>();
                    for (Object x : (List<?>) b) byId.put(String.valueOf(invoke(id, x)), x);
                    for (JsonNode r : d.path("removed")) byId.remove(r.asText());
                    for (JsonNode x : d.path("changed")) {
                        Object v = MAPPER.treeToValue(x, item);
                        byId.put(String.valueOf(invoke(id, v)), v);
                    }
                    List<Object> list = new ArrayList<>();
                    if (d.has("order")) {
                        for (JsonNode k : d.get("order")) {
                            Object v = byId.get(k.asText());
                            if (v == null) throw new IllegalStateException(c.getName() + " " + k.asText() + " is in the order but nowhere else");
                            list.add(v);
                        }
                    } else {
                        list.addAll(byId.values());
                    }
                    args[i] = list;
                }
            }
            return (Network) Network.class.getDeclaredConstructor(
                    java.util.Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(args);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("checkpoint item unreadable: " + e.getOriginalMessage(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("checkpoint cannot be applied: " + e, e);
        }
    }

    private static boolean sameOrder(List<?> old, List<?> now, Method id, Set<Object> kept) {
        List<Object> expect = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (Object x : old) {
            Object k = invoke(id, x);
            seen.add(k);
            if (kept.contains(k)) expect.add(k);
        }
        for (Object x : now) {
            Object k = invoke(id, x);
            if (!seen.contains(k)) expect.add(k);
        }
        if (expect.size() != now.size()) return false;
        for (int i = 0; i < now.size(); i++) if (!expect.get(i).equals(invoke(id, now.get(i)))) return false;
        return true;
    }

    private static Object get(RecordComponent c, Network n) {
        try {
            return c.getAccessor().invoke(n);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> itemClass(RecordComponent c) {
        if (!(c.getGenericType() instanceof ParameterizedType p)) return null;
        return p.getActualTypeArguments()[0] instanceof Class<?> k ? k : null;
    }

    private static final Map<String, Method> IDS = new HashMap<>();

    /** The {@code id()} accessor of the component's items, or null (not a list, or items without an id). */
    private static synchronized Method idOf(RecordComponent c) {
        if (IDS.containsKey(c.getName())) return IDS.get(c.getName());
        Method m = null;
        Class<?> item = itemClass(c);
        if (item != null && item.isRecord()) {
            try {
                m = item.getMethod("id");
            } catch (NoSuchMethodException e) {
                m = null;
            }
        }
        IDS.put(c.getName(), m);
        return m;
    }

    private static Object invoke(Method m, Object x) {
        try {
            return m.invoke(x);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
