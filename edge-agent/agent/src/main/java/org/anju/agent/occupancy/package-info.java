/**
 * Who is inside each building, from the gates' passages: {@link org.anju.agent.occupancy.Occupancy}
 * is pure (passages in, counts out), {@link org.anju.agent.occupancy.SiteOccupancy} records each
 * passage with the state on disk so the count survives restarts, and reconciles it once a day
 * ({@link org.anju.agent.occupancy.ReconcileSchedule}). Names of the renters inside stay on the
 * gateway and travel to the park only during a fire, for the officer.
 */
package org.anju.agent.occupancy;
