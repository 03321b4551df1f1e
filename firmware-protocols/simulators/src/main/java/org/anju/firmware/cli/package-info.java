/**
 * {@code anju simulate pile|lockboard|meter|relays}: the reference firmware on a TCP serial server
 * or a serial device until the process is stopped, so masters nobody here wrote (mbpoll, pymodbus)
 * can be tested against it. {@link SimulateOptions} parses without throwing, {@link Simulators}
 * builds the device and its injections timed in simulated time ({@link TimedActions}); a wrong
 * argument or injection is one line on stderr and exit status 2, never a stack trace.
 */
package org.anju.firmware.cli;
