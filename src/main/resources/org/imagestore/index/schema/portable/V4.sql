-- Recompression (imagestore.recompress=lossless): the size an image was uploaded with, when the
-- stored one is smaller; null otherwise. storage-stats sums what was saved.
-- Every statement may run again (see V2.sql).
ALTER TABLE IMAGESTORE_IMAGE ADD COLUMN IF NOT EXISTS ORIGINAL_BYTES BIGINT;
