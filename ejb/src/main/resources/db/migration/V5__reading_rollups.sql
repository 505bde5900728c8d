-- Vigil schema, version 5: roll-ups of the readings for charts of long ranges.
-- For every device, metric and bucket of width_ms (five minutes, 300000; see ReadingRollups):
-- how many values, their minimum, sum and maximum. The ingest writer adds to them in the
-- transaction that stores the readings; version 6 rolls up the readings stored before this.

CREATE TABLE reading_rollup (
    device_id    VARCHAR(64)      NOT NULL,
    width_ms     BIGINT           NOT NULL,
    bucket_start BIGINT           NOT NULL,
    metric       VARCHAR(64)      NOT NULL,
    n            BIGINT           NOT NULL,
    min_value    DOUBLE PRECISION NOT NULL,
    sum_value    DOUBLE PRECISION NOT NULL,
    max_value    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (device_id, width_ms, bucket_start, metric)
);
-- No foreign key to device on purpose: its index would be the planner's choice for the writer's
-- update by primary key, scanning every roll-up of the device (seen on H2). Devices are never deleted.
