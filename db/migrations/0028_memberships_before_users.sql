-- A bulk import writes a new user's group memberships before the user (issue 21), with this key checked at
-- commit (SET CONSTRAINTS … DEFERRED), so each new row is written once with its groups' names already in its
-- search text. Written after, the membership trigger rewrote every new member: a second version of the row in
-- every index, 11–14 s of a 100,000-user import. Everywhere else the key is still checked at once.
ALTER TABLE "user_groups" ALTER CONSTRAINT "user_groups_user_fk" DEFERRABLE INITIALLY IMMEDIATE;
