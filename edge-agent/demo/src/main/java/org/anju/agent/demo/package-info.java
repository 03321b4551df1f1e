/**
 * {@code anju demo}: a park and one building on loopback with nothing installed ({@link DemoWorld}:
 * Moquette, the park bridge on SQLite, a gateway from a site file on reference piles, a meter shed
 * and a lock board, mock GPIO) playing a day step by step ({@link DemoDay}), each step saying what
 * was expected and whether it happened; headless, it exits 0 only if every step did.
 * {@link DemoSpeed} bounds simulated time so the early warning still shows. Never in the gateway's
 * artefact. The package is split: edge-agent/bench's door and revoke benchmarks live in it too.
 */
package org.anju.agent.demo;
