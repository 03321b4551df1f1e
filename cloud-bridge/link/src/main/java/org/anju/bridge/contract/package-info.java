/**
 * The MQTT contract between a gateway and the park (CONTRACT.md) as code: {@link Topics}, the
 * message records ({@link EventBatch}, {@link SignedCommand} and its {@link CommandBody},
 * {@link CommandReply}, {@link DeliveryReceipt}, {@link TenantPass}...), {@link ContractJson}
 * (duplicate keys refused; decoding returns a value, never throws), Ed25519 signing and
 * {@link SignedJson}, which ends every gateway message and receipt. It stands alone, nothing of the
 * uplink, MQTT or Vert.x, so either end reads it without the other's machinery.
 */
package org.anju.bridge.contract;
