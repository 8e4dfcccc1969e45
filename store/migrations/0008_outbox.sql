-- Outgoing email: each tenant's SMTP account (password by reference only)
-- and the outbox the send_email jobs drain, with retries.
CREATE TABLE smtp_account (
    tenant_id    bigint PRIMARY KEY REFERENCES tenant ON DELETE CASCADE,
    host         text NOT NULL,
    port         integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    tls_mode     text NOT NULL CHECK (tls_mode IN ('implicit', 'starttls', 'none')),
    username     text NOT NULL DEFAULT '',
    password_ref text NOT NULL DEFAULT '',
    from_addr    text NOT NULL
);

CREATE TABLE email (
    id          bigserial PRIMARY KEY,
    tenant_id   bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    reply_id    bigint,
    to_addrs    text[] NOT NULL CHECK (cardinality(to_addrs) > 0),
    subject     text NOT NULL,
    body        text NOT NULL,
    state       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text NOT NULL DEFAULT '',
    created_by  bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    FOREIGN KEY (tenant_id, reply_id) REFERENCES reply (tenant_id, id) ON DELETE SET NULL (reply_id)
);
CREATE INDEX email_reply ON email (tenant_id, reply_id);
