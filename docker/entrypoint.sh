#!/bin/sh
# Entrypoint of the web image: optional one-off steps, then the command
# (gunicorn by default; `docker compose run web python manage.py ...` works too).
#
#   MIGRATE_ON_START=1   run `manage.py migrate --noinput` first (a single container;
#                        with several, run migrations once instead: the compose
#                        file's `migrate` service does)
#   WAIT_FOR_DB=<secs>   wait up to that many seconds for the database first [0: no wait]
set -eu

cd "${APP_DIR:-/app}"
PYTHON="${PYTHON:-python}"

if [ "${WAIT_FOR_DB:-0}" -gt 0 ]; then
    "$PYTHON" - "$WAIT_FOR_DB" <<'PY'
import sys, time
import django
from django.db import Error, connection

django.setup()
deadline = time.monotonic() + int(sys.argv[1])
while True:
    try:
        connection.ensure_connection()
        break
    except Error as error:
        if time.monotonic() > deadline:
            sys.exit(f"database not reachable: {error}")
        time.sleep(1)
PY
fi

case "${MIGRATE_ON_START:-0}" in
    1|true|yes|on)
        "$PYTHON" manage.py migrate --noinput
        ;;
esac

exec "$@"
