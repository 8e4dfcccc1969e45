-- triage schema: the domain model of DESIGN.md §3. Every table carries tenant_id
-- so that every query is tenant-scoped and the data can later be distributed by tenant.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE tenant (
    id         bigserial PRIMARY KEY,
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name       text NOT NULL,
    lang       text NOT NULL DEFAULT 'fr',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
    id            bigserial PRIMARY KEY,
    tenant_id     bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    login         text NOT NULL,
    name          text NOT NULL,
    email         text NOT NULL DEFAULT '',
    role          text NOT NULL CHECK (role IN ('collector', 'admin')),
    password_hash text NOT NULL,
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id)
);
-- Logins are global so that the login page needs no tenant field.
CREATE UNIQUE INDEX app_user_login ON app_user (lower(login));

CREATE TABLE session (
    id         text PRIMARY KEY, -- sha256 of the cookie token, never the token itself
    tenant_id  bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    user_id    bigint NOT NULL,
    csrf       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, user_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX session_expires ON session (expires_at);

CREATE TABLE action_template (
    id         bigserial PRIMARY KEY,
    tenant_id  bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    code       text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('email', 'letter', 'task', 'call', 'internal_email')),
    name       text NOT NULL,
    subject    text NOT NULL DEFAULT '',
    body       text NOT NULL DEFAULT '',
    recipients text NOT NULL DEFAULT '',
    UNIQUE (tenant_id, code)
);

CREATE TABLE status (
    id              bigserial PRIMARY KEY,
    tenant_id       bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    code            text NOT NULL,
    label           text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('payment', 'dispute', 'information', 'other')),
    follow_up_days  integer NOT NULL DEFAULT 0 CHECK (follow_up_days >= 0),
    action_template text NOT NULL DEFAULT '',
    mode            text NOT NULL DEFAULT 'confirm' CHECK (mode IN ('automatic', 'confirm', 'internal_interactive')),
    is_dispute      boolean NOT NULL DEFAULT false,
    description     text NOT NULL DEFAULT '',
    position        integer NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, code)
);

CREATE TABLE customer (
    id           bigserial PRIMARY KEY,
    tenant_id    bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    code         text NOT NULL,
    name         text NOT NULL,
    contact      text NOT NULL DEFAULT '',
    emails       text[] NOT NULL DEFAULT '{}',
    lang         text NOT NULL DEFAULT 'fr',
    country      text NOT NULL DEFAULT '',
    collector_id bigint,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, code),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, collector_id) REFERENCES app_user (tenant_id, id) ON DELETE SET NULL (collector_id)
);

CREATE TABLE item (
    id          bigserial PRIMARY KEY,
    tenant_id   bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    customer_id bigint NOT NULL,
    number      text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'payment')),
    issued      date NOT NULL,
    due         date NOT NULL,
    amount      numeric(14, 2) NOT NULL,
    open_amount numeric(14, 2) NOT NULL,
    currency    char(3) NOT NULL DEFAULT 'EUR',
    status      text NOT NULL DEFAULT '',
    resolver    text NOT NULL DEFAULT '',
    in_scenario boolean NOT NULL DEFAULT true,
    UNIQUE (tenant_id, number),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX item_customer ON item (tenant_id, customer_id);

CREATE TABLE mailbox (
    id               bigserial PRIMARY KEY,
    tenant_id        bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    name             text NOT NULL,
    host             text NOT NULL,
    port             integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    tls_mode         text NOT NULL CHECK (tls_mode IN ('implicit', 'starttls', 'none')),
    username         text NOT NULL,
    password_ref     text NOT NULL, -- env:NAME or file:/path, never the password itself
    folder           text NOT NULL DEFAULT 'INBOX',
    processed_folder text NOT NULL DEFAULT '',
    uidvalidity      bigint NOT NULL DEFAULT 0,
    last_uid         bigint NOT NULL DEFAULT 0,
    enabled          boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name),
    UNIQUE (tenant_id, id)
);

CREATE TABLE reply (
    id          bigserial PRIMARY KEY,
    tenant_id   bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    source      text NOT NULL CHECK (source IN ('imap', 'webform', 'api')),
    mailbox_id  bigint,
    uidvalidity bigint,
    uid         bigint,
    message_id  text NOT NULL DEFAULT '',
    in_reply_to text NOT NULL DEFAULT '',
    raw         bytea,
    from_addr   text NOT NULL DEFAULT '',
    subject     text NOT NULL DEFAULT '',
    received_at timestamptz NOT NULL,
    text        text NOT NULL DEFAULT '',
    body_clean  text NOT NULL DEFAULT '',
    lang        text NOT NULL DEFAULT '',
    auto_reply  boolean NOT NULL DEFAULT false,
    customer_id bigint,
    item_refs   text[] NOT NULL DEFAULT '{}',
    state       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'validated', 'qualified', 'deleted')),
    assignee_id bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id) ON DELETE SET NULL (customer_id),
    FOREIGN KEY (tenant_id, assignee_id) REFERENCES app_user (tenant_id, id) ON DELETE SET NULL (assignee_id),
    FOREIGN KEY (tenant_id, mailbox_id) REFERENCES mailbox (tenant_id, id) ON DELETE SET NULL (mailbox_id)
);
-- Exactly once per message: a retried ingestion finds the stored reply.
CREATE UNIQUE INDEX reply_message_id ON reply (tenant_id, message_id) WHERE message_id <> '';
CREATE INDEX reply_queue ON reply (tenant_id, state, received_at DESC, id DESC);
CREATE INDEX reply_customer ON reply (tenant_id, customer_id, received_at DESC);

CREATE TABLE suggestion (
    id                 bigserial PRIMARY KEY,
    tenant_id          bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    reply_id           bigint NOT NULL,
    strategy           text NOT NULL,
    prompt_version     text NOT NULL DEFAULT '',
    status             text NOT NULL,
    item_statuses      jsonb NOT NULL DEFAULT '{}',
    comment            text NOT NULL DEFAULT '',
    items              text[] NOT NULL DEFAULT '{}',
    follow_up_template text NOT NULL DEFAULT '',
    follow_up_due      date,
    confidence         double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    neighbours         jsonb NOT NULL DEFAULT '[]',
    latency_ms         double precision NOT NULL DEFAULT 0,
    tokens             integer NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, reply_id) REFERENCES reply (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX suggestion_reply ON suggestion (tenant_id, reply_id, id DESC);

-- 1536 dimensions fit both the offline hashed embedder and OpenAI-compatible
-- embedding models (text-embedding-3-* with dimensions=1536), under HNSW's 2000.
CREATE TABLE qualification (
    id                 bigserial PRIMARY KEY,
    tenant_id          bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    reply_id           bigint NOT NULL,
    items              text[] NOT NULL DEFAULT '{}',
    status             text NOT NULL,
    comment            text NOT NULL DEFAULT '',
    resolver           text NOT NULL DEFAULT '',
    follow_up_template text NOT NULL DEFAULT '',
    follow_up_due      date,
    by_user_id         bigint,
    from_suggestion_id bigint REFERENCES suggestion ON DELETE SET NULL,
    edits              text[] NOT NULL DEFAULT '{}',
    text               text NOT NULL DEFAULT '',
    embedding          vector(1536) NOT NULL,
    superseded_at      timestamptz, -- set when a requalification replaces it
    created_at         timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, reply_id) REFERENCES reply (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, by_user_id) REFERENCES app_user (tenant_id, id) ON DELETE SET NULL (by_user_id)
);
CREATE INDEX qualification_embedding ON qualification USING hnsw (embedding vector_cosine_ops);
CREATE INDEX qualification_tenant ON qualification (tenant_id, created_at DESC) WHERE superseded_at IS NULL;
CREATE INDEX qualification_reply ON qualification (tenant_id, reply_id);

CREATE TABLE action (
    id          bigserial PRIMARY KEY,
    tenant_id   bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    customer_id bigint NOT NULL,
    reply_id    bigint,
    items       text[] NOT NULL DEFAULT '{}',
    template    text NOT NULL DEFAULT '',
    due         date NOT NULL,
    assignee_id bigint,
    done        boolean NOT NULL DEFAULT false,
    done_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, assignee_id) REFERENCES app_user (tenant_id, id) ON DELETE SET NULL (assignee_id)
);
CREATE INDEX action_agenda ON action (tenant_id, assignee_id, due) WHERE NOT done;

CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    tenant_id  bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    to_addrs   text[] NOT NULL,
    subject    text NOT NULL,
    body       text NOT NULL,
    state      text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts   integer NOT NULL DEFAULT 0,
    last_error text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);

CREATE TABLE audit (
    id        bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    user_id   bigint,
    action    text NOT NULL,
    entity    text NOT NULL,
    entity_id bigint NOT NULL,
    before    jsonb,
    after     jsonb,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_entity ON audit (tenant_id, entity, entity_id, at);

CREATE TABLE prompt_version (
    id         bigserial PRIMARY KEY,
    tenant_id  bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    name       text NOT NULL,
    system     text NOT NULL,
    user_tmpl  text NOT NULL,
    author_id  bigint,
    note       text NOT NULL DEFAULT '',
    parent_id  bigint REFERENCES prompt_version ON DELETE SET NULL,
    active     boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);
CREATE UNIQUE INDEX prompt_version_active ON prompt_version (tenant_id) WHERE active;

CREATE TABLE eval_set (
    id         bigserial PRIMARY KEY,
    tenant_id  bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    name       text NOT NULL,
    cases      jsonb NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);

CREATE TABLE eval_run (
    id          bigserial PRIMARY KEY,
    tenant_id   bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    eval_set_id bigint NOT NULL REFERENCES eval_set ON DELETE CASCADE,
    strategy    text NOT NULL,
    prompt_id   bigint REFERENCES prompt_version ON DELETE SET NULL,
    state       text NOT NULL DEFAULT 'queued',
    metrics     jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The job queue: workers claim rows with FOR UPDATE SKIP LOCKED and hold a
-- lease (locked_until) so a crashed worker's job is picked up again.
CREATE TABLE job (
    id           bigserial PRIMARY KEY,
    tenant_id    bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    kind         text NOT NULL,
    payload      jsonb NOT NULL DEFAULT '{}',
    run_at       timestamptz NOT NULL DEFAULT now(),
    attempts     integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 5,
    last_error   text NOT NULL DEFAULT '',
    locked_until timestamptz,
    done_at      timestamptz,
    dead         boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_ready ON job (run_at) WHERE done_at IS NULL AND NOT dead;
