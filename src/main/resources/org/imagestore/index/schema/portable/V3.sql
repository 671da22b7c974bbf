-- Owners (imagestore.auth): who saved each image, null for images saved with auth off. The index
-- serves an owner's list-images newest first, as IMAGESTORE_IMAGE_NEWEST does for everyone's.
-- Every statement may run again (see V2.sql).
ALTER TABLE IMAGESTORE_IMAGE ADD COLUMN IF NOT EXISTS OWNER_NAME VARCHAR(255);
CREATE INDEX IF NOT EXISTS IMAGESTORE_IMAGE_OWNER ON IMAGESTORE_IMAGE (OWNER_NAME, CREATED_MICROS DESC, FILENAME DESC);
