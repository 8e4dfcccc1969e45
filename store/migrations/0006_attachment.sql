-- Files attached to replies (mail attachments, web form uploads), kept in
-- Postgres with the reply; and the hash of what a reply's message held, so a
-- Message-ID reused for another message does not hide it as a duplicate.
CREATE TABLE attachment (
    id           bigserial PRIMARY KEY,
    tenant_id    bigint NOT NULL,
    reply_id     bigint NOT NULL,
    name         text NOT NULL,
    content_type text NOT NULL,
    size         integer NOT NULL CHECK (size >= 0),
    data         bytea NOT NULL,
    remittance   boolean NOT NULL DEFAULT false,
    inline       boolean NOT NULL DEFAULT false,
    FOREIGN KEY (tenant_id, reply_id) REFERENCES reply (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX attachment_reply ON attachment (tenant_id, reply_id);

ALTER TABLE reply ADD COLUMN content_hash text NOT NULL DEFAULT '';
