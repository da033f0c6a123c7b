-- Knowledge base (issue 20): the built-in ADMIN role gains kb.write and kb.publish, AGENT gains
-- kb.write, on helpdesks created before these permissions existed. New helpdesks get them from
-- the seed (contract/src/permissions.ts); SUPER_ADMIN's list is refreshed at every start anyway.
UPDATE roles SET permissions = permissions || '["kb.write", "kb.publish"]'::jsonb
WHERE name = 'ADMIN' AND is_system AND NOT permissions ? 'kb.write';
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["kb.write"]'::jsonb
WHERE name = 'AGENT' AND is_system AND NOT permissions ? 'kb.write';
