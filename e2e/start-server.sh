#!/usr/bin/env bash
# Starts the production server for the Playwright suite (see playwright.config.ts):
# a fresh, seeded SQLite database in tests/.tmp, a fresh build, then `node server.js`.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="file:./tests/.tmp/e2e.db"
# Fixed test key (base64 of 32 bytes): seed and server must encrypt with the same key.
export APP_SECRET_KEY="ZTJlLXRlc3Qta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE="
export PORT="${E2E_PORT:-3100}"
export ACCESS_LOG=off

mkdir -p tests/.tmp
rm -f tests/.tmp/e2e.db tests/.tmp/e2e.db-wal tests/.tmp/e2e.db-shm tests/.tmp/e2e.db-journal

t0=$(date +%s)
npm run --silent cli -- migrate
npm run --silent cli -- seed
t1=$(date +%s)
npm run --silent build >/dev/null
t2=$(date +%s)
echo "e2e server: database $((t1 - t0)) s, build $((t2 - t1)) s; serving on port ${PORT}"

exec node server.js
