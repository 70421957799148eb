-- Accounts and permissions of the officers' web page (`ita web`, `ita users`).
-- Passwords are stored only as argon2id hashes. Roles: viewer (read all), editor (change the
-- measures of one agency: one row per agency), admin (change all). No foreign keys: DuckDB
-- refuses updates of a referenced row, and a grant is checked in warehouse/users.py instead.
CREATE TABLE IF NOT EXISTS users (
    username            VARCHAR PRIMARY KEY,
    display_name        VARCHAR NOT NULL,
    password_hash       VARCHAR NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    password_changed_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS user_grants (
    username   VARCHAR NOT NULL,
    role       VARCHAR NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    agency_id  VARCHAR,            -- agencies.agency_id, for an editor only
    granted_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    granted_by VARCHAR,
    CHECK ((role = 'editor') = (agency_id IS NOT NULL))
);
