-- Two roles for one database (docs/operations.md, "Database roles"):
--   owner_role  owns the schema; only the migrate step (compose's `migrate`, the k8s Job) uses it
--   app_role    what api, worker and llm-relay log in as: SELECT/INSERT/UPDATE/DELETE, no DDL
-- Run once as a superuser, connected to the app's database:
--   psql -v ON_ERROR_STOP=1 -v owner_role=resumeroast_owner -v owner_password="$(cat owner)" \
--        -v app_role=resumeroast_app -v app_password="$(cat app)" -d resumeroast -f roles.sql
-- Tables the owner creates later are granted to the app role by the default privileges.

CREATE ROLE :"owner_role" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app_role" LOGIN PASSWORD :'app_password';

SELECT current_database() AS dbname \gset
ALTER DATABASE :"dbname" OWNER TO :"owner_role";
REVOKE ALL ON DATABASE :"dbname" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"dbname" TO :"app_role";

ALTER SCHEMA public OWNER TO :"owner_role";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app_role";

-- Tables that exist already (a database migrated before the split), then every later one.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";
