/**
 * The park's buildings as data: the directory every part of the bridge reads them from (by id, by
 * gateway), filled from the park store and kept current across instances; and the rules a building
 * is checked against before it is stored.
 */
package org.anju.bridge.park.buildings;
