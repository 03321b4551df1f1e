/**
 * Turnstiles and pedestrian gates with a direction: {@link org.anju.agent.gate.GateController} is
 * pure (inputs and the monotonic time in, actions out), judging entry and exit cards and keeping
 * anti-passback (soft logs, hard refuses); {@link org.anju.agent.gate.GateRuntime} runs it on a
 * Vert.x context as a door runtime runs its door. A passage is counted only when the lane's own
 * counters say someone went through; a fire input holds every gate free.
 */
package org.anju.agent.gate;
