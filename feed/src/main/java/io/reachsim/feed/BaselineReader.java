package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.model.Network;

/** Turns a snapshot document from the baseline topic ({@code {"Vpcs": [...], "Subnets": [...], ...}}) into a network. */
@FunctionalInterface
public interface BaselineReader {
    Network read(JsonNode document, String account, String region) throws BadEventException;
}
