-- Up Migration

-- Message search: PostgreSQL full-text search in a configuration made for chats in any language:
-- no stemming (the "simple" parser keeps words as written, lowercased) and accents ignored, so
-- "cafe" finds "café". The vector is a generated column, so edits re-index it and a delete (text
-- null) empties it. btree_gin lets one GIN index hold the conversation and the words. fastupdate is
-- off: each message goes into the index as it is written, rather than into a pending list that
-- every search scans until autovacuum merges it (seen as 15 ms searches after a burst of inserts).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE TEXT SEARCH CONFIGURATION parley_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION parley_search
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;
ALTER TABLE messages
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('parley_search'::regconfig, coalesce(text, ''))) STORED;
CREATE INDEX messages_search_idx ON messages USING gin (conversation_id, search_vector) WITH (fastupdate = off);

-- Down Migration
DROP INDEX messages_search_idx;
ALTER TABLE messages DROP COLUMN search_vector;
DROP TEXT SEARCH CONFIGURATION parley_search;
