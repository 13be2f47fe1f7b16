#!/usr/bin/env bash
# Start a throw-away PostgreSQL on loopback for the head-office tests; print its URL.
# Best effort: prints nothing (and the suite runs on SQLite only) when no server can be had.
set -u
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 || exit 0
  else
    exit 0
  fi
fi
if command -v pg_lsclusters >/dev/null; then
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
  [ -n "$cluster" ] || exit 0
  pg_ctlcluster $cluster start >/dev/null 2>&1 || true
  for _ in $(seq 1 20); do
    su postgres -c "psql -Atqc 'select 1'" >/dev/null 2>&1 && break
    sleep 0.5
  done
  su postgres -c "psql -Atqc \"select 1 from pg_roles where rolname='ajfar'\"" 2>/dev/null | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE ajfar LOGIN SUPERUSER PASSWORD 'ajfar'\"" >/dev/null 2>&1
  su postgres -c "psql -Atqc \"select 1 from pg_database where datname='ajfar_test'\"" 2>/dev/null | grep -q 1 \
    || su postgres -c "psql -qc 'CREATE DATABASE ajfar_test OWNER ajfar'" >/dev/null 2>&1
  su postgres -c "psql -Atqc 'select 1'" >/dev/null 2>&1 \
    && echo "postgresql+psycopg://ajfar:ajfar@127.0.0.1/ajfar_test"
fi
exit 0
