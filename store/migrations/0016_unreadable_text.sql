-- Unreadable replies (issues #4, #8): the text of a message the parser
-- refused is the parser's reason alone, flagged 'unreadable', and the pages
-- say what it means in the collector's language. Replies stored before
-- wrapped the reason in an English sentence: keep the reason only.
UPDATE reply r
SET text = l.reason,
    body_clean = CASE WHEN r.body_clean = r.text THEN l.reason ELSE r.body_clean END
FROM (SELECT tenant_id, id,
             substring(text FROM '^This message could not be read \((.*)\)\. Its original is kept: download it to see what the customer sent\.$') AS reason
      FROM reply WHERE 'unreadable' = ANY(flags)) l
WHERE r.tenant_id = l.tenant_id AND r.id = l.id AND l.reason IS NOT NULL;
