#!/bin/bash
# Rehearses the README's PostgreSQL point-in-time recovery on a throwaway
# cluster of its own (/tmp/pitr, port 5499, Unix socket only): WAL archiving
# with archive_command, a pg_basebackup, then a restore to a moment between
# two inserts with recovery_target_time. The row written after the target
# must be gone. Not part of the suite (about 40 s); run it as postgres:
#     runuser -u postgres -- tests/backup/pitr_rehearsal.sh
set -euo pipefail
B=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
D=/tmp/pitr
rm -rf $D; mkdir -p $D/wal
$B/initdb -D $D/data -A trust >/dev/null
cat >> $D/data/postgresql.conf <<CONF
port = 5499
listen_addresses = ''
unix_socket_directories = '$D'
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $D/wal/%f && cp %p $D/wal/%f'
archive_timeout = 60
shared_buffers = 16MB
CONF
$B/pg_ctl -D $D/data -l $D/log1 -w start >/dev/null
P="$B/psql -h $D -p 5499 -d postgres -tAq -v ON_ERROR_STOP=1"
$P -c "CREATE TABLE t (v text, at timestamptz default clock_timestamp())"
$P -c "INSERT INTO t(v) VALUES ('before base backup')"
$B/pg_basebackup -h $D -p 5499 -D $D/base -Ft -z -X stream
$P -c "INSERT INTO t(v) VALUES ('after base, before target')"
sleep 1
T=$($P -c "SELECT clock_timestamp()")
sleep 1
$P -c "INSERT INTO t(v) VALUES ('after target: must be gone')"
$P -c "SELECT pg_switch_wal()" >/dev/null
sleep 2
$B/pg_ctl -D $D/data -w stop >/dev/null
mv $D/data $D/data.old
mkdir -m 700 $D/data
tar -xzf $D/base/base.tar.gz -C $D/data
tar -xzf $D/base/pg_wal.tar.gz -C $D/data/pg_wal
cat >> $D/data/postgresql.conf <<CONF
restore_command = 'cp $D/wal/%f %p'
recovery_target_time = '$T'
recovery_target_action = 'promote'
CONF
touch $D/data/recovery.signal
$B/pg_ctl -D $D/data -l $D/log2 -w start >/dev/null
sleep 2
echo "target: $T"
ROWS=$($P -c "SELECT string_agg(v, ' | ' ORDER BY at) FROM t")
echo "rows after recovery: $ROWS"
grep -E "recovery stopping|archive recovery complete|selected new timeline" $D/log2 || true
$B/pg_ctl -D $D/data -w stop >/dev/null
rm -rf $D
if [ "$ROWS" = "before base backup | after base, before target" ]; then
    echo "PITR rehearsal PASSED"
else
    echo "PITR rehearsal FAILED"
    exit 1
fi
