-- Vigil schema, version 11: roll-ups leave the ingest transaction (README "Performance", fleet rows).
-- The ingest writer stores readings only; a folder (telemetry.RollupFolder, on the node holding the
-- timer lease) adds them to reading_rollup a few seconds later, in a transaction that also moves the
-- device's row here, so every reading is in the roll-ups exactly once, across crashes and nodes.
-- Charts add the readings after rolled_up_seq to the roll-ups, so they stay exact meanwhile.
-- Portable SQL (H2 and PostgreSQL).

CREATE TABLE rollup_progress (
    device_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    rolled_up_seq  BIGINT      NOT NULL
);

-- Until now every reading was rolled up in the transaction that stored it.
INSERT INTO rollup_progress (device_id, rolled_up_seq) SELECT id, last_seq FROM device WHERE last_seq > 0;
