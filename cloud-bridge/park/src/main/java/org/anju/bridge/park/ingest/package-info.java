/**
 * What the gateways publish, into the store. {@link Ingest} believes nothing before its signature
 * checks against the key of the gateway whose topic it came on ({@link GatewayKeys}, as the park's directory
 * of buildings has it now: a building added is believed at once, one deleted no longer); anything else is counted by kind, logged once and
 * dropped. Only after the store commits does {@link Receipts} tell the gateway, in a signed
 * {@code DeliveryReceipt} gathering a short window of batches: that, not the broker's PUBACK, is
 * what makes an event delivered.
 */
package org.anju.bridge.park.ingest;
