package io.reachsim.compile;

import io.reachsim.model.Network;

/** The Network compiled for speed. (Being written: signature fixed, body lands with the tracer.) */
public final class Fabric {
    private final Network network;

    private Fabric(Network network) {
        this.network = network;
    }

    public static Fabric compile(Network network) {
        return new Fabric(network);
    }

    public Network network() {
        return network;
    }
}
