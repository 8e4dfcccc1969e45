-- Tenant settings for suggestions and the queue, and the cost of LLM suggestions.
ALTER TABLE tenant
    ADD COLUMN confidence_threshold double precision NOT NULL DEFAULT 0.6
        CHECK (confidence_threshold BETWEEN 0 AND 1),
    ADD COLUMN holiday_country text NOT NULL DEFAULT 'FR'
        CHECK (holiday_country IN ('', 'BE', 'DE', 'ES', 'FR', 'GB', 'IT', 'NL')),
    ADD COLUMN closed_days date[] NOT NULL DEFAULT '{}';

ALTER TABLE suggestion
    ADD COLUMN cost double precision NOT NULL DEFAULT 0 CHECK (cost >= 0);
