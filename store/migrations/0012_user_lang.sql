-- The language of each staff user's pages (fr or en), chosen from the user
-- menu or by an administrator. Existing users keep French, the language of
-- the first tenants.
ALTER TABLE app_user ADD COLUMN lang text NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en'));
