package io.vigil.client.sdk;

/**
 * Counters of one {@link VigilDevice} since it was built (a snapshot; the
 * counts are not persisted). {@code pending} is what the outbox holds now,
 * on disk, waiting for an ack.
 *
 * @param produced        readings given to {@link VigilDevice#send}
 * @param sent            reading transmissions, re-sends included
 * @param resent          transmissions of readings that had been sent on an earlier connection
 * @param acked           readings released by an ack or a welcome
 * @param rejected        readings the server quarantined ({@code rejected})
 * @param dropped         readings discarded because the outbox was full ({@link OutboxFullPolicy#DROP_OLDEST})
 * @param pending         readings in the outbox now
 * @param connects        connections that reached {@code welcome}
 * @param disconnects     connections lost or closed by the server
 * @param failedAttempts  connection attempts that failed before {@code welcome}
 * @param commands        commands answered
 * @param recovered       readings an earlier run left in the outbox, found when the device was built (acks reach
 *                        the disk lazily, so some may be stored already: the welcome releases those)
 */
public record DeviceMetrics(long produced, long sent, long resent, long acked, long rejected, long dropped,
                            long pending, long connects, long disconnects, long failedAttempts, long commands,
                            long recovered) {
}
