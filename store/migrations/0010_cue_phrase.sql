-- A tenant's own cue phrases (its customers' turns of phrase), added to the
-- embedded lexicons when its status model is trained.
CREATE TABLE cue_phrase (
    id         bigserial PRIMARY KEY,
    tenant_id  bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    lang       text NOT NULL,
    cue        text NOT NULL,
    pattern    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, lang, cue, pattern)
);
