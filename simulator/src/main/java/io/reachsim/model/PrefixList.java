package io.reachsim.model;

import java.util.List;

/** A managed prefix list (customer- or AWS-managed, e.g. com.amazonaws.us-west-2.s3). */
public record PrefixList(String id, String name, List<Cidr> cidrs) {
    public PrefixList {
        cidrs = List.copyOf(cidrs);
    }
}
