-- Collector assignment (seed 003): rules that give new or unassigned
-- customers their collector, first match by position, else the tenant's
-- default collector.
CREATE TABLE assignment_rule (
    id           bigserial PRIMARY KEY,
    tenant_id    bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    position     integer NOT NULL DEFAULT 0,
    country      text NOT NULL DEFAULT '',   -- '' matches any country
    code_prefix  text NOT NULL DEFAULT '',   -- '' matches any code
    min_balance  numeric(14, 2),             -- NULL matches any balance
    collector_id bigint NOT NULL,
    FOREIGN KEY (tenant_id, collector_id) REFERENCES app_user (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX assignment_rule_tenant ON assignment_rule (tenant_id, position, id);

ALTER TABLE tenant ADD COLUMN default_collector_id bigint REFERENCES app_user ON DELETE SET NULL;
CREATE INDEX customer_collector ON customer (tenant_id, collector_id);
