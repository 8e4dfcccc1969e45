-- Reminders sent to customers (by the dunning system, reported through the
-- API): a reply answering one (In-Reply-To / References) belongs to its customer.
CREATE TABLE reminder (
    id          bigserial PRIMARY KEY,
    tenant_id   bigint NOT NULL REFERENCES tenant ON DELETE CASCADE,
    customer_id bigint NOT NULL,
    message_id  text NOT NULL CHECK (message_id <> ''),
    items       text[] NOT NULL DEFAULT '{}',
    sent_at     timestamptz NOT NULL,
    UNIQUE (tenant_id, message_id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id) ON DELETE CASCADE
);

-- Addresses a delivery failure report declared dead: reminders to them bounce.
ALTER TABLE customer ADD COLUMN invalid_emails text[] NOT NULL DEFAULT '{}';

-- Matching a reply to its customer by the invoice numbers it quotes, in full
-- ("F-2026-01187", "F2026/01187") or by their last digits ("facture 1187").
CREATE INDEX item_number_key ON item (tenant_id, upper(regexp_replace(number, '[^A-Za-z0-9]', '', 'g')));
CREATE INDEX item_number_tail ON item (tenant_id, ltrim(substring(number FROM '([0-9]+)[^0-9]*$'), '0'));
