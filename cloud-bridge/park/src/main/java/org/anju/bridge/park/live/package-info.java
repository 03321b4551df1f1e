/**
 * State changes and alarms for the consoles as they are stored: {@link LiveFeed} publishes them on
 * the Vert.x event bus, and the API streams them to browsers as Server-Sent Events. Each instance
 * streams what it ingested; a console that reconnects reloads state from the store, so nothing is
 * replayed from here.
 */
package org.anju.bridge.park.live;
