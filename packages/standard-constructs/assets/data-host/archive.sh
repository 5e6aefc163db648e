# shellcheck shell=bash
# Continuous archiving and point-in-time restore of a TimescaleDataHost with
# pgBackRest. Sourced by bootstrap.sh (same directory, same asset); uses its
# globals (PG_*, REGION, INSTANCE_ID, METRICS_NAMESPACE, TEST_MODE) and helpers
# (log, die, write_if_changed, has_systemd, psql_admin).
#
# Off unless the configuration names a stanza (PGBACKREST_STANZA). Then:
# - PostgreSQL archives every WAL segment with `archive-push` (asynchronous,
#   spooled on the data volume) and switches segments at least every 60 s;
# - systemd timers take a full backup weekly and a differential daily;
# - a timer publishes, every minute, the age of the WAL not yet archived and
#   of the last successful backup;
# - with RESTORE_TARGET set, a host whose volume holds no cluster restores one
#   from the repository instead of initialising an empty one.

PGBACKREST_STANZA=
PGBACKREST_PACKAGE_VERSION=
PGBACKREST_CONFIG=/etc/pgbackrest/pgbackrest.conf
PGBACKREST_LOG_PATH=/var/log/pgbackrest
PGBACKREST_LOCK_PATH=/tmp/pgbackrest
# On the data volume: WAL queued for the repository survives the instance.
PGBACKREST_SPOOL_PATH=
ARCHIVE_BACKUP_SCRIPT=/usr/local/sbin/data-host-backup
ARCHIVE_METRICS_SCRIPT=/usr/local/sbin/data-host-archive-metrics
# 'latest', or a time PostgreSQL accepts (e.g. 2026-11-29 14:03:00+00).
RESTORE_TARGET=
RESTORE_FROM_STANZA=
# How long a restore may replay WAL before the bootstrap gives up (seconds).
RESTORE_TIMEOUT=21600
# pgBackRest options for [global], from PGBACKREST_OPTION_<name>=<value> keys.
ARCHIVE_OPTIONS=()
ARCHIVE_RESTORED=0
readonly ARCHIVE_TIMEOUT_SECONDS=60
readonly ARCHIVE_OPTION_NAME='^(repo[1-4]-[a-z0-9-]+|compress-type|compress-level|process-max|archive-push-queue-max|start-fast)$'

# Takes the archive's keys from the bootstrap's config file; returns 1 for a key that is not one.
archive_config_key() {
  local key=$1 value=$2 option
  case $key in
    PGBACKREST_STANZA | PGBACKREST_PACKAGE_VERSION | PGBACKREST_CONFIG | PGBACKREST_LOG_PATH | PGBACKREST_LOCK_PATH | \
      PGBACKREST_SPOOL_PATH | ARCHIVE_BACKUP_SCRIPT | ARCHIVE_METRICS_SCRIPT | RESTORE_TARGET | RESTORE_FROM_STANZA | RESTORE_TIMEOUT)
      printf -v "$key" '%s' "$value" ;;
    PGBACKREST_OPTION_*)
      option=${key#PGBACKREST_OPTION_}
      [[ $option =~ $ARCHIVE_OPTION_NAME ]] || die "pgBackRest option '$option' is not one the bootstrap passes on"
      [[ $value != *$'\n'* && -n $value ]] || die "pgBackRest option '$option' has an empty or multi-line value"
      ARCHIVE_OPTIONS+=("$option=$value") ;;
    *) return 1 ;;
  esac
}

archive_enabled() { [[ -n $PGBACKREST_STANZA ]]; }

archive_validate_config() {
  archive_enabled || return 0
  [[ $PGBACKREST_STANZA =~ ^[A-Za-z0-9_-]+$ ]] || die "PGBACKREST_STANZA '$PGBACKREST_STANZA' is not a plain name"
  RESTORE_FROM_STANZA=${RESTORE_FROM_STANZA:-$PGBACKREST_STANZA}
  [[ $RESTORE_FROM_STANZA =~ ^[A-Za-z0-9_-]+$ ]] || die "RESTORE_FROM_STANZA '$RESTORE_FROM_STANZA' is not a plain name"
  [[ $RESTORE_TIMEOUT =~ ^[0-9]+$ ]] || die "RESTORE_TIMEOUT must be seconds, got '$RESTORE_TIMEOUT'"
  PGBACKREST_SPOOL_PATH=${PGBACKREST_SPOOL_PATH:-$PG_DATA_ROOT/pgbackrest-spool}
  if [[ -n $RESTORE_TARGET && $RESTORE_TARGET != latest ]]; then
    date -d "$RESTORE_TARGET" +%s >/dev/null 2>&1 || die "RESTORE_TARGET '$RESTORE_TARGET' is not a time"
  fi
}

# pgBackRest pinned to the version the construct names, held so that an
# unattended upgrade never changes the archive format under a running host.
archive_install_package() {
  archive_enabled || return 0
  local wanted=pgbackrest installed
  installed=$(dpkg-query -W -f '${db:Status-Status} ${Version}' pgbackrest 2>/dev/null || true)
  [[ -n $PGBACKREST_PACKAGE_VERSION ]] && wanted="pgbackrest=$PGBACKREST_PACKAGE_VERSION"
  # Installed and held: unchanged, unless the construct names another version.
  if [[ $installed != "installed "* || (-n $PGBACKREST_PACKAGE_VERSION && $installed != "installed $PGBACKREST_PACKAGE_VERSION") ]]; then
    apt-get install -y -qq --no-install-recommends --allow-downgrades --allow-change-held-packages "$wanted"
  fi
  apt-mark hold pgbackrest >/dev/null
}

archive_command_line() {
  printf 'pgbackrest --config=%s --stanza=%s' "$PGBACKREST_CONFIG" "$PGBACKREST_STANZA"
}

# Lines for the bootstrap's postgresql.conf drop-in (archive_mode needs a restart, which the bootstrap does on change).
archive_postgresql_settings() {
  archive_enabled || return 0
  printf "archive_mode = on\n"
  printf "archive_command = '%s archive-push %%p'\n" "$(archive_command_line)"
  printf 'archive_timeout = %s\n' "$ARCHIVE_TIMEOUT_SECONDS"
}

archive_write_config() {
  local option
  install -d -m 0750 -o postgres -g postgres "$PGBACKREST_LOG_PATH" "$PGBACKREST_LOCK_PATH" "$PGBACKREST_SPOOL_PATH"
  {
    printf '%s\n[global]\n' "$MANAGED"
    printf 'log-path=%s\nlock-path=%s\nspool-path=%s\n' "$PGBACKREST_LOG_PATH" "$PGBACKREST_LOCK_PATH" "$PGBACKREST_SPOOL_PATH"
    # Asynchronous push: PostgreSQL hands segments to a queue and a background
    # process uploads them in parallel, so archiving keeps up with bursts.
    # start-fast: a backup checkpoints at once instead of waiting for the next one.
    # zst: several times faster than the default gzip at a similar ratio.
    printf 'archive-async=y\nlog-level-file=info\nstart-fast=y\ncompress-type=zst\n'
    for option in "${ARCHIVE_OPTIONS[@]}"; do printf '%s\n' "$option"; done
    printf '\n[%s]\npg1-path=%s\npg1-port=%s\npg1-socket-path=/var/run/postgresql\n' \
      "$PGBACKREST_STANZA" "$(pg_data_dir)" "$PG_PORT"
    if [[ $RESTORE_FROM_STANZA != "$PGBACKREST_STANZA" ]]; then
      printf '\n[%s]\npg1-path=%s\npg1-port=%s\npg1-socket-path=/var/run/postgresql\n' \
        "$RESTORE_FROM_STANZA" "$(pg_data_dir)" "$PG_PORT"
    fi
  } | write_if_changed "$PGBACKREST_CONFIG" 0640 root:postgres || true
}

# Called by the bootstrap before it creates or adopts the cluster.
archive_configure() {
  archive_enabled || return 0
  archive_validate_config
  archive_write_config
  archive_write_backup_script
  archive_write_metrics_script
}

archive_restore_requested() { archive_enabled && [[ -n $RESTORE_TARGET ]]; }

pgbackrest_as_postgres() {
  runuser -u postgres -- pgbackrest --config="$PGBACKREST_CONFIG" "$@"
}

# Instead of an empty cluster: a Debian cluster (so /etc/postgresql holds its
# configuration, as for a new one), its data directory emptied and filled from
# the repository. Recovery to the target runs when the bootstrap starts PostgreSQL.
archive_restore_cluster() {
  local data=$1 recovery=()
  if [[ $RESTORE_TARGET == latest ]]; then
    log "restoring cluster $PG_VERSION/$PG_CLUSTER from stanza $RESTORE_FROM_STANZA: latest"
  else
    log "restoring cluster $PG_VERSION/$PG_CLUSTER from stanza $RESTORE_FROM_STANZA to $RESTORE_TARGET"
    recovery=(--type=time "--target=$RESTORE_TARGET" --target-action=promote)
  fi
  [[ ! -e $data || -z $(ls -A "$data") ]] || die "$data is not empty; refusing to restore over it"
  pg_createcluster --port "$PG_PORT" --datadir "$data" "$PG_VERSION" "$PG_CLUSTER" -- \
    --auth-local=peer --auth-host=scram-sha-256 --data-checksums >/dev/null
  find "$data" -mindepth 1 -delete
  pgbackrest_as_postgres --stanza="$RESTORE_FROM_STANZA" --pg1-path="$data" "${recovery[@]}" restore
  ARCHIVE_RESTORED=1
}

# Called by the bootstrap once PostgreSQL runs: waits out a recovery, makes
# sure the stanza exists, takes a first full backup where the stanza has none
# (or the cluster was just restored: a new timeline), installs the timers.
archive_after_start() {
  archive_enabled || return 0
  local waited=0
  while [[ $(psql_admin -d postgres -At -c 'SELECT pg_is_in_recovery()') == t ]]; do
    ((waited % 60 == 0)) && log "waiting for recovery to finish (${waited}s)"
    ((waited >= RESTORE_TIMEOUT)) && die "recovery still running after ${RESTORE_TIMEOUT}s"
    sleep 1
    waited=$((waited + 1))
  done
  ((ARCHIVE_RESTORED)) && log "restore complete: recovery finished after ${waited}s"
  pgbackrest_as_postgres --stanza="$PGBACKREST_STANZA" --log-level-console=warn stanza-create
  if has_systemd; then
    archive_install_timers
    if ((ARCHIVE_RESTORED)) || ! archive_has_backup; then
      log 'no backup of this cluster yet: starting a full backup'
      systemctl start --no-block data-host-backup@full.service
    fi
  fi
}

archive_has_backup() {
  pgbackrest_as_postgres --stanza="$PGBACKREST_STANZA" --output=json info | grep -q '"label"'
}

# The backup run by the timers (and by hand: data-host-backup full|diff|incr).
# Each repository is backed up on its own, so one that fails does not stop
# the other; the age metric's marker moves only when all succeeded.
archive_write_backup_script() {
  local repos=1 option
  for option in "${ARCHIVE_OPTIONS[@]}"; do
    [[ $option =~ ^repo([2-4])-type= ]] && ((BASH_REMATCH[1] > repos)) && repos=${BASH_REMATCH[1]}
  done
  {
    printf '#!/usr/bin/env bash\n%s\n' "$MANAGED"
    printf 'set -uo pipefail\n'
    printf 'readonly CONFIG=%q STANZA=%q REPOS=%q MARKER=%q\n' "$PGBACKREST_CONFIG" "$PGBACKREST_STANZA" "$repos" \
      "$PG_DATA_ROOT/pgbackrest-last-backup"
    cat <<'EOF'
type=${1:?usage: data-host-backup full|diff|incr}
[[ $type =~ ^(full|diff|incr)$ ]] || { echo "data-host-backup: unknown type '$type'" >&2; exit 2; }
run() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
failed=0
for repo in $(seq 1 "$REPOS"); do
  if ! run pgbackrest --config="$CONFIG" --stanza="$STANZA" --repo="$repo" --type="$type" --log-level-console=warn backup; then
    echo "data-host-backup: $type backup to repo$repo failed" >&2
    failed=1
  fi
done
((failed)) && exit 1
run sh -c "date +%s > '$MARKER.tmp' && mv '$MARKER.tmp' '$MARKER'"
EOF
  } | write_if_changed "$ARCHIVE_BACKUP_SCRIPT" 0750 root:root || true
}

# Published beside the connections metric, by the same rules: a failure logs
# a line and exits 0, and the missing datapoint is what alarms.
# - postgresql_wal_archive_age: seconds since the last segment reached the
#   repository, or 0 when no WAL has been written since (an idle database
#   switches no segment, and its archive is complete);
# - pgbackrest_last_backup_age: seconds since the last backup that succeeded
#   on every repository (nothing while there has been none).
archive_write_metrics_script() {
  {
    printf '#!/usr/bin/env bash\n%s\n' "$MANAGED"
    printf 'set -uo pipefail\nexport AWS_MAX_ATTEMPTS=2\n'
    printf 'readonly PG_PORT=%q REGION=%q NAMESPACE=%q INSTANCE_ID=%q MARKER=%q\n' "$PG_PORT" "$REGION" \
      "$METRICS_NAMESPACE" "$INSTANCE_ID" "$PG_DATA_ROOT/pgbackrest-last-backup"
    cat <<'EOF'
# End of the last archived segment, in bytes; compared with the insert
# position, which sits just past the next segment's 40-byte header when
# nothing has been written since (timeline history files count as "now").
read -r -d '' query <<'SQL'
WITH a AS (
  SELECT last_archived_wal AS wal, coalesce(last_archived_time, pg_postmaster_start_time()) AS at,
    (SELECT setting::numeric FROM pg_settings WHERE name = 'wal_segment_size') AS seg
  FROM pg_stat_archiver
), e AS (
  SELECT at, CASE WHEN wal ~ '^[0-9A-F]{24}$' THEN
      ('x' || substr(wal, 9, 8))::bit(32)::bigint * 4294967296 + (('x' || substr(wal, 17, 8))::bit(32)::bigint + 1) * seg
    END AS archived_end
  FROM a
)
SELECT CASE WHEN archived_end IS NOT NULL AND pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0') <= archived_end + 40 THEN 0
  ELSE greatest(0, floor(extract(epoch FROM now() - at)))::bigint END
FROM e
SQL
publish() {
  aws cloudwatch put-metric-data --region "$REGION" --cli-connect-timeout 5 --cli-read-timeout 15 --namespace "$NAMESPACE" \
    --metric-name "$1" --dimensions "InstanceId=$INSTANCE_ID" --unit Seconds --value "$2" ||
    echo "data-host-archive-metrics: publishing $1 failed; next try in a minute" >&2
}
command=(psql -X -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres -c "$query")
if [[ $(id -u) -eq 0 ]]; then command=(runuser -u postgres -- "${command[@]}"); fi
if age=$(PGCONNECT_TIMEOUT=5 "${command[@]}") && [[ $age =~ ^[0-9]+$ ]]; then
  publish postgresql_wal_archive_age "$age"
else
  echo "data-host-archive-metrics: cannot read the archiver's state on port $PG_PORT; WAL age not published" >&2
fi
if [[ -r $MARKER ]] && last=$(<"$MARKER") && [[ $last =~ ^[0-9]+$ ]]; then
  publish pgbackrest_last_backup_age "$(($(date +%s) - last))"
else
  echo "data-host-archive-metrics: no successful backup recorded in $MARKER; backup age not published" >&2
fi
exit 0
EOF
  } | write_if_changed "$ARCHIVE_METRICS_SCRIPT" 0750 root:root || true
}

archive_write_unit() {
  local name=$1
  write_if_changed "/etc/systemd/system/$name" 0644 root:root
}

# Full on Sunday, differential the other days, at 01:00 UTC (before the 03:00
# volume snapshot); Persistent= catches up a run missed while the host was off.
archive_install_timers() {
  local changed=0
  archive_write_unit data-host-backup@.service <<EOF && changed=1
$MANAGED
[Unit]
Description=pgBackRest %i backup (TimescaleDataHost)
After=network-online.target postgresql.service
Wants=network-online.target

[Service]
Type=oneshot
ExecStart=$ARCHIVE_BACKUP_SCRIPT %i
EOF
  archive_write_unit data-host-backup-full.timer <<EOF && changed=1
$MANAGED
[Unit]
Description=Weekly full pgBackRest backup

[Timer]
OnCalendar=Sun *-*-* 01:00:00 UTC
Persistent=true
Unit=data-host-backup@full.service

[Install]
WantedBy=timers.target
EOF
  archive_write_unit data-host-backup-diff.timer <<EOF && changed=1
$MANAGED
[Unit]
Description=Daily differential pgBackRest backup

[Timer]
OnCalendar=Mon..Sat *-*-* 01:00:00 UTC
Persistent=true
Unit=data-host-backup@diff.service

[Install]
WantedBy=timers.target
EOF
  archive_write_unit data-host-archive-metrics.service <<EOF && changed=1
$MANAGED
[Unit]
Description=Publish WAL archive and backup ages to CloudWatch (TimescaleDataHost)
After=network-online.target postgresql.service
Wants=network-online.target

[Service]
Type=oneshot
ExecStart=$ARCHIVE_METRICS_SCRIPT
TimeoutStartSec=55
EOF
  archive_write_unit data-host-archive-metrics.timer <<EOF && changed=1
$MANAGED
[Unit]
Description=Publish WAL archive and backup ages every minute

[Timer]
OnCalendar=minutely
AccuracySec=5s

[Install]
WantedBy=timers.target
EOF
  if ((changed)); then systemctl daemon-reload; fi
  systemctl enable -q --now data-host-backup-full.timer data-host-backup-diff.timer data-host-archive-metrics.timer
}
