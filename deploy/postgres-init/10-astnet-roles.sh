#!/bin/sh
# Runs once, when the postgres container initialises an empty data directory (issue 16).
# Creates the two roles astnet uses: astnet_owner owns the database and runs migrations;
# astnet_app is what web, worker and beat connect as. Neither is a superuser; `manage.py migrate`
# (as the owner, with DATABASE_RUNTIME_ROLE=astnet_app) grants astnet_app its privileges, only
# SELECT and INSERT on the audit log. On a managed server run the same statements by hand.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v db="$POSTGRES_DB" \
    -v owner_password="$ASTNET_OWNER_PASSWORD" \
    -v app_password="$ASTNET_APP_PASSWORD" <<'SQL'
CREATE ROLE astnet_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE astnet_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
ALTER DATABASE :"db" OWNER TO astnet_owner;
ALTER SCHEMA public OWNER TO astnet_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO astnet_app;
SQL
