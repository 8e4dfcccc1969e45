-- The review queue under its filters (issue #8): the status and confidence
-- of a reply's newest suggestion are kept on the reply, and its words are
-- indexed by trigrams, so that a filtered queue and its count read the
-- reply's indexes instead of the newest suggestion of every pending reply
-- (130 ms to 500 ms at 100 000 pending replies).

-- The newest suggestion of the reply (the highest id wins, as it always
-- did), its status and its confidence; NULL while it has none.
ALTER TABLE reply
    ADD COLUMN suggestion_id        bigint,
    ADD COLUMN suggested_status     text,
    ADD COLUMN suggested_confidence double precision;

-- Kept by triggers, in the transaction that writes the suggestion, whoever
-- writes it (the service, an import, a COPY). The update only moves
-- forward (suggestion_id < NEW.id), which Postgres re-checks on the row it
-- waited for: of two suggestions written at once, the newest wins.
CREATE FUNCTION reply_newest_suggestion() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reply SET suggestion_id = NEW.id, suggested_status = NEW.status, suggested_confidence = NEW.confidence
    WHERE tenant_id = NEW.tenant_id AND id = NEW.reply_id
      AND (suggestion_id IS NULL OR suggestion_id <= NEW.id);
    RETURN NULL;
END $$;

-- A suggestion removed (never by triage itself but by hand, or with its
-- reply) hands over to the newest one left.
CREATE FUNCTION reply_newest_suggestion_left() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reply SET (suggestion_id, suggested_status, suggested_confidence) =
        (SELECT id, status, confidence FROM suggestion
         WHERE tenant_id = OLD.tenant_id AND reply_id = OLD.reply_id ORDER BY id DESC LIMIT 1)
    WHERE tenant_id = OLD.tenant_id AND id = OLD.reply_id AND suggestion_id = OLD.id;
    RETURN NULL;
END $$;

CREATE TRIGGER suggestion_newest AFTER INSERT OR UPDATE OF status, confidence ON suggestion
    FOR EACH ROW EXECUTE FUNCTION reply_newest_suggestion();
CREATE TRIGGER suggestion_newest_left AFTER DELETE ON suggestion
    FOR EACH ROW EXECUTE FUNCTION reply_newest_suggestion_left();

UPDATE reply r SET suggestion_id = s.id, suggested_status = s.status, suggested_confidence = s.confidence
FROM (SELECT DISTINCT ON (tenant_id, reply_id) tenant_id, reply_id, id, status, confidence
      FROM suggestion ORDER BY tenant_id, reply_id, id DESC) s
WHERE r.tenant_id = s.tenant_id AND r.id = s.reply_id;

-- A status, with or without the collector ("mine"): the count reads a
-- range of this index alone, and the page of one collector reads it in
-- the queue's order.
CREATE INDEX reply_queue_status ON reply (tenant_id, suggested_status, assignee_id, received_at DESC, id DESC)
    WHERE state = 'pending';
-- Under (or at and above) the threshold: the count reads a range.
CREATE INDEX reply_queue_confidence ON reply (tenant_id, suggested_confidence) INCLUDE (assignee_id)
    WHERE state = 'pending';

-- The words the queue's search looks in, besides the customer's code and
-- name: the sender, the subject, the customer's words and the invoice
-- numbers, as one text. The unit separator between them keeps a search
-- from matching across two of them. IMMUTABLE although array_to_string is
-- only STABLE: joining text needs no setting.
CREATE FUNCTION reply_search_text(from_addr text, subject text, body text, item_refs text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN from_addr || E'\x1f' || subject || E'\x1f' || body || E'\x1f' || array_to_string(item_refs, ' ');

-- Stored rather than an index on the function: the trigram index only
-- points at candidates, each checked again against the text, which a
-- column gives 2.5 times faster than a call of the function (14 000
-- replies holding "virement" counted in 44 ms instead of 65 ms), and a
-- column has the statistics that tell the planner a word most replies
-- hold (read in the queue's order) from an invoice number one reply holds
-- (read from the trigram index). It costs a second copy of the
-- customer's words, small beside the raw message.
ALTER TABLE reply ADD COLUMN search_text text NOT NULL
    GENERATED ALWAYS AS (reply_search_text(from_addr, subject, body_clean, item_refs)) STORED;

-- Trigrams answer ILIKE '%word%' for words of three characters and more;
-- shorter ones are read in the queue's order (reply_queue).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX reply_queue_search ON reply USING gin (search_text gin_trgm_ops) WHERE state = 'pending';
