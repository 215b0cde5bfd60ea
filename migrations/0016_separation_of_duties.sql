-- Separation of duties (issue #11): nobody holds `admin` together with a role that reads case content
-- (CASE_READING_ROLES in src/shared/roles.ts; the integration test people/separation.int.test.ts fails
-- when that list and this one differ). The application refuses the combination; this trigger makes the
-- database refuse it too, whatever writes the row (a CLI, a script, a restore of old data).
--
-- Accounts that hold both today lose the case-reading roles: confidentiality first. They keep `admin`,
-- and the case-reading roles can be granted again to a separate account, through the four-eyes request.
DELETE FROM "person_roles" AS r
WHERE r."role" IN ('confidant', 'ot_coordinator', 'peer', 'expert', 'ccv_advisor', 'sipa_advisor')
  AND EXISTS (SELECT 1 FROM "person_roles" AS a WHERE a."person_id" = r."person_id" AND a."role" = 'admin');
--> statement-breakpoint
CREATE FUNCTION "weerbaar_separation_of_duties"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Serialise role changes of one person, so two transactions adding the two halves cannot both pass.
  PERFORM 1 FROM "people" WHERE "id" = NEW."person_id" FOR UPDATE;
  IF EXISTS (SELECT 1 FROM "person_roles" WHERE "person_id" = NEW."person_id" AND "role" = 'admin')
     AND EXISTS (
       SELECT 1 FROM "person_roles"
       WHERE "person_id" = NEW."person_id"
         AND "role" IN ('confidant', 'ot_coordinator', 'peer', 'expert', 'ccv_advisor', 'sipa_advisor')
     ) THEN
    RAISE EXCEPTION 'separation of duties: an admin cannot hold a role that reads cases'
      USING ERRCODE = '23514', CONSTRAINT = 'person_roles_separation_of_duties';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "person_roles_separation_of_duties" AFTER INSERT OR UPDATE ON "person_roles"
FOR EACH ROW EXECUTE FUNCTION "weerbaar_separation_of_duties"();
