#!/bin/sh
# The read replica: on first start, clone the primary (pg_basebackup -R writes the standby
# settings), then run as a hot standby streaming from it.
set -eu
mkdir -p "$PGDATA"
chown postgres:postgres "$PGDATA"
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until gosu postgres env PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup \
        --host="$PRIMARY_HOST" --username=replicator --pgdata="$PGDATA" \
        --write-recovery-conf --wal-method=stream --slot=replica1 --checkpoint=fast; do
        echo "waiting for the primary at $PRIMARY_HOST"
        rm -rf "${PGDATA:?}"/*
        sleep 2
    done
fi
exec gosu postgres postgres -c hot_standby=on
