/**
 * {@code anju bench} for the gateway: relay commands on a busy bus ({@link BusBenchmark}), smoke or
 * overload to relays open ({@link ChargingBenchmark}, {@link ShedRun}), the dormitory block's 220
 * ports polled ({@link PollingBenchmark}), start-up and memory ({@link StartupBenchmark}), and
 * outbox appends ({@link StoreBenchmark}), against reference firmware paced at line rate. Each
 * figure is printed beside a floor measured in the same run (wire time, a bare JVM, a bare SQLite
 * loop), because absolute values depend on the machine; nothing here is a test.
 */
package org.anju.agent.bench;
