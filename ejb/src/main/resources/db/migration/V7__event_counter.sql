-- Vigil schema, version 7: the one counter behind the monitors' eventIds (see EventIds).
-- Every transaction that changes what monitors see takes its event ids from this row just
-- before it commits, so ids are unique and gap-free across every node, in commit order, and
-- keep growing across restarts. It starts above every id a node handed out before version 7
-- (those were the node's start time in milliseconds plus a count), so a page that kept such
-- an id resumes with a fresh snapshot.

CREATE TABLE event_counter (
    id      INT    NOT NULL PRIMARY KEY,
    last_id BIGINT NOT NULL
);

INSERT INTO event_counter (id, last_id) VALUES (1, 1800000000000000);
