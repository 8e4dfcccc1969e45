-- Letters (seed 004): customers' postal addresses, each tenant's letterhead,
-- the kind and sending mode of letter templates, and the sending state of
-- every letter action with the history of its proof of sending.
ALTER TABLE customer ADD COLUMN postal_address text NOT NULL DEFAULT '';

CREATE TABLE letterhead (
    tenant_id bigint PRIMARY KEY REFERENCES tenant ON DELETE CASCADE,
    address   text NOT NULL DEFAULT '',
    legal     text NOT NULL DEFAULT '',
    logo      bytea,
    logo_mime text NOT NULL DEFAULT '',
    show_logo boolean NOT NULL DEFAULT false
);

-- letter_kind is '' for templates that are not letters.
ALTER TABLE action_template
    ADD COLUMN letter_kind text NOT NULL DEFAULT '' CHECK (letter_kind IN ('', 'simple', 'registered', 'electronic')),
    ADD COLUMN send_mode   text NOT NULL DEFAULT 'manual' CHECK (send_mode IN ('manual', 'confirm', 'automatic'));
UPDATE action_template SET letter_kind = 'simple' WHERE kind = 'letter';

ALTER TABLE action ADD CONSTRAINT action_tenant_id UNIQUE (tenant_id, id);

-- One row per letter action once it is approved, swept or printed: the PDF
-- sent (kept so that a retry sends the very same document), where it went
-- and its last proof-of-sending status.
CREATE TABLE letter (
    action_id    bigint PRIMARY KEY,
    tenant_id    bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('simple', 'registered', 'electronic')),
    status       text NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'returned', 'acknowledged', 'failed')),
    approved_by  bigint,
    approved_at  timestamptz NOT NULL DEFAULT now(),
    pdf          bytea,
    pdf_sha256   text NOT NULL DEFAULT '',
    pages        integer NOT NULL DEFAULT 0,
    provider     text NOT NULL DEFAULT '',
    provider_ref text NOT NULL DEFAULT '',
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text NOT NULL DEFAULT '',
    updated_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, action_id) REFERENCES action (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, approved_by) REFERENCES app_user (tenant_id, id) ON DELETE SET NULL (approved_by)
);
CREATE INDEX letter_tracked ON letter (tenant_id, status) WHERE provider_ref <> '';

CREATE TABLE letter_event (
    id        bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    action_id bigint NOT NULL REFERENCES letter ON DELETE CASCADE,
    status    text NOT NULL,
    detail    text NOT NULL DEFAULT '',
    at        timestamptz NOT NULL,
    UNIQUE (action_id, status, at)
);
