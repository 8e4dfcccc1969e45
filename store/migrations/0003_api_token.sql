-- API tokens let other systems (an ERP, a helpdesk) push replies with a
-- bearer token. Only the SHA-256 of a token is stored: a database leak does
-- not leak usable tokens.
CREATE TABLE api_token (
    id           bigserial PRIMARY KEY,
    tenant_id    bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    name         text NOT NULL,
    token_hash   text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    UNIQUE (tenant_id, name)
);
