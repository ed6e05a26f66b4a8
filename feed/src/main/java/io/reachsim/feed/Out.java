package io.reachsim.feed;

/** A record the service writes: a verdict change or a dead letter, as JSON text. */
record Out(boolean deadLetter, String json) {}
