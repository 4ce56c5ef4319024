#!/usr/bin/env bash
# Runs the README's test command as if today were another day: every process (node, PGlite and a throwaway
# PostgreSQL started here) sees the machine's clock moved by the same offset, through libfaketime. Chromium
# does not load pages under libfaketime: the tests start it on the real clock and set each browser
# context's clock from their own (tests/src/support/browser.ts).
# The suite must pass on any day of the year; this is how to check it.
#
#   bash scripts/test-at-date.sh 2027-12-29T10:00:00+08:00 [vitest arguments, e.g. --project unit]
#
# PostgreSQL under a moved clock never fires its own timers (statement_timeout, lock_timeout, the deadlock
# check): the suite must not need them, which one database per test file ensures for index builds.
#
# Needs Debian's faketime and PostgreSQL server packages (apt-get install faketime postgresql); run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: scripts/test-at-date.sh DATE-TIME [vitest arguments]}"
shift
offset=$(($(date -d "$target" +%s) - $(date +%s)))
lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
[[ -n "$lib" ]] || { echo "libfaketime is missing: apt-get install -y faketime" >&2; exit 1; }
bin="/usr/lib/postgresql/$(ls /etc/postgresql | head -1)/bin"
port=${FAKE_PG_PORT:-5433}

# A PostgreSQL of its own: the shared one keeps the real clock, and now() must agree with the tests'.
data=$(mktemp -d /tmp/forecourt-pg-XXXX)
chown postgres "$data"
sign=$([[ $offset -ge 0 ]] && echo + || true)
clocked=(env "LD_PRELOAD=$lib" "FAKETIME=$sign${offset}s" FAKETIME_DONT_FAKE_MONOTONIC=1)
su postgres -c "$bin/initdb -D $data -U postgres -A trust >/dev/null"
su postgres -c "${clocked[*]} $bin/pg_ctl -D $data -o '-p $port -k /tmp -c listen_addresses=127.0.0.1' -l $data/log -w start >/dev/null"
trap 'su postgres -c "$bin/pg_ctl -D $data -m immediate stop >/dev/null"; rm -rf "$data"' EXIT
psql -h 127.0.0.1 -p "$port" -U postgres -Atc 'create database test' >/dev/null

echo "Testing at $(${clocked[@]} date --iso-8601=seconds) (offset ${offset}s), PostgreSQL on port $port"
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/test"
"${clocked[@]}" npx --yes pnpm@12.4.2 test "$@"
