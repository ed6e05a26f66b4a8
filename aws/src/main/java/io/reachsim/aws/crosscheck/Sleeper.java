package io.reachsim.aws.crosscheck;

import java.time.Duration;

/** Waits between polls; tests pass one that does not sleep. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
