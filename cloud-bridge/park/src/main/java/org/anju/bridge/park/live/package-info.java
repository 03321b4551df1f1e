/**
 * State changes and alarms for the consoles as they are stored: {@link LiveFeed} publishes them on
 * the Vert.x event bus, and the API streams them to browsers as Server-Sent Events; on PostgreSQL
 * every instance's consoles are shown what any instance stored ({@link PostgresFanout}). The news is
 * numbered in the park store's journal as it is shown, so a console that reconnects, to any
 * instance, is sent what it missed ({@link LiveFeed#since}).
 */
package org.anju.bridge.park.live;
