-- People who own records but never sign in (issue 17, decision 0028): imported reps from a CRM export have a
-- name and perhaps an external id, but no e-mail and no password until an admin invites them. The unique index
-- (organization_id, email) stays: PostgreSQL treats NULLs as distinct, so it still holds for e-mails that exist.
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;
