-- Prompt search (LIKE '%text%') through a trigram index. pg_trgm is a trusted extension from
-- PostgreSQL 13 on: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS IMAGESTORE_IMAGE_PROMPT ON IMAGESTORE_IMAGE USING gin (PROMPT_SEARCH gin_trgm_ops);
