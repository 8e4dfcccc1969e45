-- Eval runs as background jobs: progress, cancellation, the report.
ALTER TABLE eval_set ADD COLUMN source text NOT NULL DEFAULT '';
ALTER TABLE eval_run
    ADD COLUMN done        integer NOT NULL DEFAULT 0,
    ADD COLUMN total       integer NOT NULL DEFAULT 0,
    ADD COLUMN error       text NOT NULL DEFAULT '',
    ADD COLUMN finished_at timestamptz,
    ADD CONSTRAINT eval_run_state CHECK (state IN ('queued', 'running', 'cancelling', 'cancelled', 'done', 'failed'));
CREATE INDEX eval_run_tenant ON eval_run (tenant_id, id DESC);
