-- The review queue of one collector ("mine", the collectors' default view):
-- its count is an index-only scan and its page an ordered one, where the
-- queue index made both read every pending reply of the tenant from the heap.
CREATE INDEX reply_queue_assignee ON reply (tenant_id, assignee_id, state, received_at DESC, id DESC);
