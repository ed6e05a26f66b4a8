/** Live confirmation: the probe agent and the coordinator behind {@code reachsim agent} and {@code reachsim verify}. */
package io.reachsim.probes;
