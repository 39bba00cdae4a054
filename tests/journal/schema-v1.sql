-- A journal as Unknot's journal schema version 1 left it (before runs had a note): the tests
-- migrate it and check that every run is still there, unchanged.
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  started       INTEGER NOT NULL,
  ended         INTEGER NOT NULL,
  routine_id    TEXT NOT NULL,
  routine_name  TEXT NOT NULL,
  steps_done    INTEGER NOT NULL DEFAULT 0,
  steps_skipped INTEGER NOT NULL DEFAULT 0,
  steps_total   INTEGER NOT NULL,
  seconds       INTEGER NOT NULL DEFAULT 0,
  pain_before   INTEGER CHECK (pain_before BETWEEN 0 AND 10),
  pain_after    INTEGER CHECK (pain_after BETWEEN 0 AND 10),
  outcome       INTEGER NOT NULL DEFAULT 0 CHECK (outcome IN (0, 1, 2))
);
CREATE INDEX runs_by_start ON runs (started);
INSERT INTO runs VALUES (1, 1767258000, 1767258330, 'desk-break', 'Desk break', 7, 0, 7, 300, 6, 3, 1);
INSERT INTO runs VALUES (2, 1767344400, 1767344500, 'quick-reset', 'Quick reset', 2, 1, 4, 95, NULL, NULL, 2);
INSERT INTO runs VALUES (3, 1767430800, 1767431000, 'desk-break', 'Desk break', 3, 0, 7, 180, 5, NULL, 0);
PRAGMA user_version = 1;
