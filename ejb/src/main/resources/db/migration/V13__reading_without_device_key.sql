-- Vigil schema, version 13: readings keep no foreign key to device (README "Performance", fleet rows).
-- The key checked every inserted reading against device; on H2 that check also marks the device row,
-- which cost as much per reading as a second index (measured, 1,000 devices, commits of 500 readings:
-- 10,400 readings/s with the key, 15,500 without; 6.0 KB of file per reading before compaction
-- against 2.3 KB). It guarded nothing the writer does not already guarantee: the ingest writer locks
-- each device's row (SELECT ... FOR UPDATE) in the transaction that inserts its readings, so no
-- reading is stored for a device that is not there, and devices are never deleted.
-- Portable SQL (H2 and PostgreSQL; on PostgreSQL dropping it from the partitioned table drops it
-- from every week's partition).

ALTER TABLE reading DROP CONSTRAINT fk_reading_device;
