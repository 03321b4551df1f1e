/**
 * What the door, lift and gate runtimes share, written once: {@link org.anju.agent.control.ControlLoop}
 * runs a pure controller on one Vert.x context (inputs queued in arrival order, so a controller is
 * only ever touched by one thread), {@link org.anju.agent.control.RequestLedger} answers each
 * command id once, {@link org.anju.agent.control.Actuations} gives every device command a timeout so
 * a silent device is "timed out", never a hang, and {@link org.anju.agent.control.WakeTimer} is the
 * one timer a controller asks for. {@link org.anju.agent.control.LockResult} and
 * {@link org.anju.agent.control.CommandResult} are the answers all three speak.
 */
package org.anju.agent.control;
