-- Duplicates (imagestore.dedup): the stored bytes' SHA-256, from the save or the sidecar, found by
-- an index so that a save looks a hash up without a scan. Rows from before stay null until a
-- reindex reads their sidecars.
-- Every statement may run again (see V2.sql).
ALTER TABLE IMAGESTORE_IMAGE ADD COLUMN IF NOT EXISTS SHA256 VARCHAR(64);
CREATE INDEX IF NOT EXISTS IMAGESTORE_IMAGE_SHA256 ON IMAGESTORE_IMAGE (SHA256);
