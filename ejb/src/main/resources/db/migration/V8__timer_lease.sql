-- Vigil schema, version 8: which node runs the timers (offline check, command timeouts,
-- retention). One row; the node named in holder keeps it by renewing expires_at (epoch
-- milliseconds) every few seconds, and any node may take it once it has expired (see TimerLease).

CREATE TABLE timer_lease (
    id         INT          NOT NULL PRIMARY KEY,
    holder     VARCHAR(128),
    expires_at BIGINT       NOT NULL
);

INSERT INTO timer_lease (id, holder, expires_at) VALUES (1, NULL, 0);
