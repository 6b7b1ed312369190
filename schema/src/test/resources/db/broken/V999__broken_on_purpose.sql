-- Test fixture: a migration that cannot apply, to prove start-up stops and names it.
CREATE TABLE this_migration_is_broken (id uuid PRIMARY KEY, owner uuid REFERENCES no_such_table(id));
