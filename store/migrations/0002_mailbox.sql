-- IMAP ingestion (issue 4): per-mailbox options and health, reply flags, and
-- the indexes that match a sender address or domain to a customer.

ALTER TABLE mailbox
    ADD COLUMN mark_seen    boolean NOT NULL DEFAULT false, -- set \Seen once stored (default: flags untouched)
    ADD COLUMN last_sync_at timestamptz,                    -- last complete pass over the folder
    ADD COLUMN last_error   text NOT NULL DEFAULT '';       -- why the last attempt failed, '' when healthy

-- e.g. 'unreadable' when the message could not be parsed but was kept.
ALTER TABLE reply ADD COLUMN flags text[] NOT NULL DEFAULT '{}';

-- Lower-cased addresses and domains of a customer's emails, for GIN lookups
-- by sender ("does any customer have this address / this domain?").
CREATE FUNCTION email_addrs(emails text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN ARRAY(SELECT lower(btrim(e)) FROM unnest(emails) AS e);

CREATE FUNCTION email_domains(emails text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN ARRAY(SELECT DISTINCT d FROM unnest(emails) AS e, lower(substring(btrim(e) FROM '@([^@]+)$')) AS d
                 WHERE d IS NOT NULL);

CREATE INDEX customer_email_addrs ON customer USING gin (email_addrs(emails));
CREATE INDEX customer_email_domains ON customer USING gin (email_domains(emails));
