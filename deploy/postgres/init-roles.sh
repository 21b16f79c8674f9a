#!/bin/sh
# The postgres container's first start (docker-entrypoint-initdb.d: run once, on an empty data
# folder, as the superuser over the local socket): deploy/postgres/roles.sql with the role names
# from the environment and each password read from its own secret file by psql itself (a
# backquoted `cat`), so no password is on a command line or in the environment.
set -e
: "${POSTGRES_USER:?}" "${POSTGRES_DB:?}" "${DATABASE_OWNER_ROLE:?}" "${DATABASE_APP_ROLE:?}"
: "${DATABASE_OWNER_PASSWORD_FILE:?}" "${DATABASE_APP_PASSWORD_FILE:?}"
: "${ROLES_SQL:=/etc/resumeroast/roles.sql}"

psql -X -q -v ON_ERROR_STOP=1 --no-password --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v owner_role="$DATABASE_OWNER_ROLE" -v app_role="$DATABASE_APP_ROLE" <<SQL
\set owner_password \`cat '$DATABASE_OWNER_PASSWORD_FILE'\`
\set app_password \`cat '$DATABASE_APP_PASSWORD_FILE'\`
\i '$ROLES_SQL'
SQL
