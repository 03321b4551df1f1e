/**
 * Lift cars whose floor buttons sit behind relay boards: {@link org.anju.agent.lift.LiftController}
 * is pure (an input, the monotonic time and the building's time of day in; the board image, events
 * and replies out), enabling the floors a rider's lease reaches ({@link org.anju.agent.lift.HomeFloors})
 * for a set time. A fire input releases every button until an officer restores them, and the
 * release is kept on disk so a restart mid-fire keeps them released: access control never traps
 * anyone in a lift.
 */
package org.anju.agent.lift;
