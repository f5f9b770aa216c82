# Sourced, not run: what every script that starts or uses a throwaway PostgreSQL cluster shares.

# A fresh machine may have no locale set: psql and the clusters then speak UTF-8 all the same.
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# For a script that starts its own cluster: that cluster chooses its own port and user, and the
# connection settings of the caller's environment must not leak into it.
forget_caller_connection() {
  unset PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGOPTIONS
}

# fresh_database NAME [EXTENSION...]: NAME dropped (its sessions forced out: pg_cron's launcher
# may be connected) and created anew in UTF-8 with the C locale, with the extensions given, on
# the server in the PG* variables.
fresh_database() {
  local db=$1 extension
  shift
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" \
       -c "CREATE DATABASE \"$db\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" > /dev/null
  for extension in "$@"; do
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION $extension" > /dev/null
  done
}
