CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    checksum   VARCHAR NOT NULL,  -- sha256 of the file as applied
    applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
)
