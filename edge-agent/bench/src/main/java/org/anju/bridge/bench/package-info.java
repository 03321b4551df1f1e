/**
 * Benchmarks of the link and the park, and what every benchmark reports with:
 * {@link DrainBenchmark} (the uplink's drain beside a bare Paho loop on the same Mosquitto),
 * {@link SignInBenchmark} (a sign-in under a flood beside one without), {@link BenchReport} (each
 * figure beside its floor from the same run, merged into {@code target/bench/results.json}) and
 * {@link Samples} (medians and spread, never one lucky run). Absolute values depend on the machine;
 * the ratio to the floor is what the README quotes.
 */
package org.anju.bridge.bench;
