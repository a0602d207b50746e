-- drizzle-kit does not emit extensions: the users list's trigram index needs pg_trgm first.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
