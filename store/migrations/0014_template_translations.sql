-- Translations of action templates (issue #9): the subject and body of a
-- template in the languages other than the tenant's, which the main subject
-- and body keep, as {"en": {"subject": "…", "body": "…"}}.
-- A jsonb column rather than a child table: a translation is never read or
-- written without its template, there is at most one per language triage
-- speaks (two today), and one column keeps every query that reads a
-- template a single row and every save of a template and its translations
-- one statement. The domain checks the languages and the hashtags.
ALTER TABLE action_template
    ADD COLUMN translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object');
