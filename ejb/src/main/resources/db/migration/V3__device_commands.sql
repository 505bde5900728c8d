-- Operators' commands to devices and the devices' answers (PROTOCOL.md sections 4 and 6).
CREATE TABLE device_command (
    id           VARCHAR(40)     NOT NULL PRIMARY KEY,
    device_id    VARCHAR(64)     NOT NULL,
    name         VARCHAR(64)     NOT NULL,
    args         VARCHAR(10000)  NOT NULL,
    requested_by VARCHAR(200)    NOT NULL,
    requested_at BIGINT          NOT NULL,
    -- PENDING until the device answers (OK, ERROR), it cannot be reached (ERROR) or the timeout passes (TIMEOUT).
    status       VARCHAR(16)     NOT NULL,
    result       VARCHAR(10000),
    completed_at BIGINT,
    CONSTRAINT fk_command_device FOREIGN KEY (device_id) REFERENCES device (id)
);
CREATE INDEX ix_command_device ON device_command (device_id, requested_at);
CREATE INDEX ix_command_pending ON device_command (status, requested_at);
