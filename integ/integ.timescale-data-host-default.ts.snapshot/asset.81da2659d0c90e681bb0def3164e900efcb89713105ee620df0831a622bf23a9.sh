#!/usr/bin/env bash
# Bootstrap of a TimescaleDataHost (Debian 12): PostgreSQL + TimescaleDB +
# PostGIS on the data volume, Valkey (or redis-server), the SSM and CloudWatch
# agents, a PostgreSQL connections publisher, then a CloudFormation signal.
#
# Idempotent: every step checks before it acts, so running it again (SSM Run
# Command) changes nothing and loses nothing. It never formats a volume that
# carries data, formats a blank one only while the init marker (an SSM
# parameter the construct creates) says no database exists yet, and never
# re-initialises a data directory that exists.
#
# Usage: bootstrap.sh CONFIG_FILE          (KEY=VALUE lines, see load_config)
#        bootstrap.sh --tune CONFIG_FILE   (memory settings only; run at every
#                                           boot by data-host-tune.service)
# DATA_HOST_TEST_MODE=1 skips repositories, package and agent installs,
# systemd (the connections publisher and boot unit are written, not enabled),
# the data volume unless DATA_VOLUME_ID is set (then DATA_DEVICE_NAME names a
# loop device), and the TimescaleDB step when its package is absent, so that
# the script can be tested against Debian's own PostgreSQL packages.
set -euo pipefail
umask 027

readonly MANAGED='# Managed by the TimescaleDataHost bootstrap: rewritten on every run.'
TEST_MODE=${DATA_HOST_TEST_MODE:-0}

# pgBackRest archiving and restore: beside this script in the source tree,
# inlined here in the asset the host downloads (bootstrap-script-bundle.ts).
# shellcheck source-path=SCRIPTDIR source=archive.sh disable=SC1091
# ---- archive.sh (inlined from assets/data-host/archive.sh) ----
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
# ---- end of archive.sh ----

log() { printf '%s data-host-bootstrap: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- config ---
PG_VERSION=16
PG_CLUSTER=main
PG_PORT=5432
PG_DATA_ROOT=/var/lib/postgresql
PG_MAX_CONNECTIONS=100
PG_CLIENT_CIDRS=
APP_USER=tracker
APP_DATABASE=tracker
SUPERUSER_SECRET_ID=
APP_SECRET_ID=
VALKEY_SECRET_ID=
VALKEY_PORT=6379
CONFIG_DIR=/etc/data-host
DATA_VOLUME_ID=
DATA_DEVICE_NAME=/dev/sdf
MEMORY_MB=
METRICS_NAMESPACE=CWAgent
LOG_GROUP_NAME=
REGION=
SIGNAL_STACK=
SIGNAL_RESOURCE=
INSTANCE_ID=
PG_METRICS_SCRIPT=/usr/local/sbin/data-host-pg-metrics
INIT_MARKER_PARAMETER=
CA_PARAMETER=
TIMESCALEDB_VERSION=
TIMESCALEDB_KEY_FINGERPRINTS=
FSTAB_FILE=/etc/fstab
SYSTEMD_DIR=/etc/systemd/system

load_config() {
  local file=$1 key value unknown=()
  [[ -r $file ]] || die "cannot read config file $file"
  # Every known key is read before anything is refused, so that a failure
  # can still signal CloudFormation (SIGNAL_* and REGION are known).
  while IFS='=' read -r key value || [[ -n $key ]]; do
    [[ -z $key || $key == \#* ]] && continue
    case $key in
      PG_VERSION | PG_CLUSTER | PG_PORT | PG_DATA_ROOT | PG_MAX_CONNECTIONS | PG_CLIENT_CIDRS | \
        APP_USER | APP_DATABASE | SUPERUSER_SECRET_ID | APP_SECRET_ID | VALKEY_SECRET_ID | VALKEY_PORT | \
        CONFIG_DIR | DATA_VOLUME_ID | DATA_DEVICE_NAME | MEMORY_MB | METRICS_NAMESPACE | \
        LOG_GROUP_NAME | REGION | SIGNAL_STACK | SIGNAL_RESOURCE | INSTANCE_ID | PG_METRICS_SCRIPT | BOOTSTRAP_SCRIPT_URL | \
        INIT_MARKER_PARAMETER | CA_PARAMETER | TIMESCALEDB_VERSION | TIMESCALEDB_KEY_FINGERPRINTS | FSTAB_FILE | SYSTEMD_DIR)
        printf -v "$key" '%s' "$value" ;;
      *) archive_config_key "$key" "$value" || unknown+=("$key") ;;
    esac
  done <"$file"
  ((${#unknown[@]} == 0)) || die "unknown config keys in $file: ${unknown[*]}"
  [[ $PG_VERSION =~ ^(15|16|17)$ ]] || die "PG_VERSION must be 15, 16 or 17, got '$PG_VERSION'"
  [[ $APP_USER =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "APP_USER '$APP_USER' is not a plain identifier"
  [[ $APP_DATABASE =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "APP_DATABASE '$APP_DATABASE' is not a plain identifier"
  [[ $PG_CLUSTER =~ ^[a-z0-9_]+$ ]] || die "PG_CLUSTER '$PG_CLUSTER' is not a plain name"
  [[ -n $PG_CLIENT_CIDRS ]] || die 'PG_CLIENT_CIDRS is empty: no client could ever log in'
  for key in SUPERUSER_SECRET_ID APP_SECRET_ID VALKEY_SECRET_ID INIT_MARKER_PARAMETER CA_PARAMETER; do
    [[ -n ${!key} ]] || die "$key is missing"
  done
}

# Changes a file only when its content differs; returns 0 when it changed.
write_if_changed() {
  local target=$1 mode=$2 owner=$3 tmp
  tmp=$(mktemp)
  cat >"$tmp"
  if [[ -f $target ]] && cmp -s "$tmp" "$target"; then
    rm -f "$tmp"
    return 1
  fi
  install -D -m "$mode" -o "${owner%:*}" -g "${owner#*:}" "$tmp" "$target"
  rm -f "$tmp"
  log "wrote $target"
  return 0
}

has_systemd() { [[ $TEST_MODE != 1 && -d /run/systemd/system ]]; }

imds() {
  local token
  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)
  curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}

# --------------------------------------------------------- CloudFormation ---
signal() {
  local status=$1
  [[ -n $SIGNAL_RESOURCE ]] || return 0
  if aws cloudformation signal-resource --region "$REGION" --stack-name "$SIGNAL_STACK" \
    --logical-resource-id "$SIGNAL_RESOURCE" --unique-id "${INSTANCE_ID:-bootstrap}" --status "$status" >/dev/null; then
    log "signalled $status to $SIGNAL_RESOURCE"
  else
    # A re-run after creation finds the resource complete: nothing to signal.
    log "signal $status not accepted (resource already complete?)"
  fi
}

on_exit() {
  local rc=$?
  if ((rc != 0)); then
    log "failed with exit code $rc"
    signal FAILURE
  fi
}

# ----------------------------------------------------------------- secrets ---
# Generated passwords are letters and digits only, so a pattern extracts them
# from the secret's JSON without a JSON tool, and they are safe in SQL and
# Valkey's configuration.
secret_password() {
  local json
  json=$(aws secretsmanager get-secret-value --region "$REGION" --secret-id "$1" --query SecretString --output text)
  if [[ $json =~ \"password\"[[:space:]]*:[[:space:]]*\"([A-Za-z0-9]+)\" ]]; then
    printf '%s' "${BASH_REMATCH[1]}"
  else
    die "secret $1 has no alphanumeric \"password\" field"
  fi
}

# State the construct keeps in SSM parameters (init marker, CA certificate).
parameter_value() {
  aws ssm get-parameter --region "$REGION" --name "$1" --query Parameter.Value --output text
}

put_parameter_file() {
  aws ssm put-parameter --region "$REGION" --name "$1" --type String --overwrite --value "file://$2" >/dev/null
}

# ---------------------------------------------------------------- packages ---
# Primary-key fingerprints of a binary keyring, one a line.
keyring_fingerprints() {
  gpg --batch --no-default-keyring --homedir "$2" --show-keys --with-colons "$1" 2>/dev/null |
    awk -F: '$1 == "pub" { primary = 1; next } $1 == "fpr" && primary { print $10; primary = 0 }'
}

# True when every key in the keyring has one of the allowed (comma-separated)
# fingerprints and there is at least one: an empty or truncated file is not.
keyring_trusted() {
  local keyring=$1 allowed=$2 home fingerprint found=0
  [[ -s $keyring ]] || return 1
  home=$(mktemp -d)
  while read -r fingerprint; do
    [[ -n $fingerprint ]] || continue
    found=1
    [[ ,$allowed, == *,"$fingerprint",* ]] || { rm -rf "$home"; return 1; }
  done < <(keyring_fingerprints "$keyring" "$home")
  rm -rf "$home"
  ((found))
}

# Downloads an ASCII-armored signing key into KEYRING only when its
# fingerprint is one of ALLOWED; a failed download or check leaves no file
# behind (the keyring is written by rename), so a re-run never trusts a
# partial one. A keyring already present is checked the same way.
install_repository_key() {
  local url=$1 keyring=$2 allowed=$3 work
  if keyring_trusted "$keyring" "$allowed"; then return 0; fi
  work=$(mktemp -d)
  if ! curl -fsSL --retry 3 -o "$work/key.asc" "$url" ||
    ! gpg --batch --homedir "$work" --dearmor -o "$work/key.gpg" "$work/key.asc" 2>/dev/null ||
    ! keyring_trusted "$work/key.gpg" "$allowed"; then
    rm -rf "$work"
    die "the signing key from $url is missing or has a fingerprint other than $allowed"
  fi
  install -m 0644 "$work/key.gpg" "$keyring.new"
  mv -f "$keyring.new" "$keyring"
  rm -rf "$work"
  log "installed the signing key of $url into $keyring"
}

# TimescaleDB is pinned to TIMESCALEDB_VERSION and held, so that only a
# configuration change upgrades it (update_extensions then runs
# ALTER EXTENSION ... UPDATE in every database).
install_timescaledb() {
  local packages=("timescaledb-2-postgresql-$PG_VERSION" "timescaledb-2-loader-postgresql-$PG_VERSION") pinned=() package
  [[ -n $TIMESCALEDB_VERSION ]] || die 'TIMESCALEDB_VERSION is missing'
  for package in "${packages[@]}"; do pinned+=("$package=$TIMESCALEDB_VERSION~debian12"); done
  apt-get install -y -qq --no-install-recommends --allow-change-held-packages "${pinned[@]}" timescaledb-tools
  apt-mark hold "${packages[@]}" >/dev/null
}

install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends ca-certificates curl gnupg lsb-release postgresql-common
  # The cluster is created on the data volume below, not by the package.
  write_if_changed /etc/postgresql-common/createcluster.d/00-data-host.conf 0644 root:root <<<"create_main_cluster = false" || true
  [[ -f /etc/apt/sources.list.d/pgdg.list || -f /etc/apt/sources.list.d/pgdg.sources ]] ||
    /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y
  install_repository_key https://packagecloud.io/timescale/timescaledb/gpgkey /usr/share/keyrings/timescaledb.gpg "$TIMESCALEDB_KEY_FINGERPRINTS"
  write_if_changed /etc/apt/sources.list.d/timescaledb.list 0644 root:root \
    <<<"deb [signed-by=/usr/share/keyrings/timescaledb.gpg] https://packagecloud.io/timescale/timescaledb/debian/ bookworm main" || true
  write_if_changed /etc/apt/sources.list.d/data-host-backports.list 0644 root:root \
    <<<"deb http://deb.debian.org/debian bookworm-backports main" || true
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "postgresql-$PG_VERSION" "postgresql-$PG_VERSION-postgis-3" \
    "postgresql-$PG_VERSION-postgis-3-scripts"
  install_timescaledb
  if ! dpkg -s valkey-server >/dev/null 2>&1 && ! dpkg -s redis-server >/dev/null 2>&1; then
    apt-get install -y -qq -t bookworm-backports valkey-server || apt-get install -y -qq redis-server
  fi
}

install_agents() {
  local arch
  arch=$(dpkg --print-architecture)
  # Debian's EC2 images do not ship the SSM agent, and Run Command needs it.
  if ! dpkg -s amazon-ssm-agent >/dev/null 2>&1; then
    curl -fsSL -o /tmp/amazon-ssm-agent.deb \
      "https://s3.$REGION.amazonaws.com/amazon-ssm-$REGION/latest/debian_$arch/amazon-ssm-agent.deb"
    dpkg -i /tmp/amazon-ssm-agent.deb
    rm -f /tmp/amazon-ssm-agent.deb
  fi
  systemctl enable --now amazon-ssm-agent
  if ! dpkg -s amazon-cloudwatch-agent >/dev/null 2>&1; then
    curl -fsSL -o /tmp/amazon-cloudwatch-agent.deb \
      "https://amazoncloudwatch-agent-$REGION.s3.$REGION.amazonaws.com/debian/$arch/latest/amazon-cloudwatch-agent.deb"
    dpkg -i /tmp/amazon-cloudwatch-agent.deb
    rm -f /tmp/amazon-cloudwatch-agent.deb
  fi
}

# Memory and disk aggregate by [InstanceId] and [InstanceId, path]: the
# contract of IMonitoredHost that StandardAlarms relies on.
configure_cloudwatch_agent() {
  local file=/opt/aws/amazon-cloudwatch-agent/etc/data-host.json
  usermod -a -G adm cwagent 2>/dev/null || true
  if write_if_changed "$file" 0644 root:root <<EOF; then
{
  "agent": { "metrics_collection_interval": 60, "run_as_user": "cwagent" },
  "metrics": {
    "namespace": "$METRICS_NAMESPACE",
    "append_dimensions": { "InstanceId": "\${aws:InstanceId}" },
    "aggregation_dimensions": [["InstanceId"], ["InstanceId", "path"]],
    "metrics_collected": {
      "mem": { "measurement": ["mem_used_percent"] },
      "disk": { "measurement": ["used_percent", "inodes_free"], "resources": ["/", "$PG_DATA_ROOT"], "drop_device": true }
    }
  },
  "logs": {
    "logs_collected": {
      "files": {
        "collect_list": [
          { "file_path": "/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log", "log_group_name": "$LOG_GROUP_NAME", "log_stream_name": "{instance_id}/postgresql" }
        ]
      }
    }
  }
}
EOF
    /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c "file:$file"
  fi
}

# ------------------------------------------------------------- data volume ---
find_data_device() {
  local by_id="/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${DATA_VOLUME_ID//-/}" candidate attempt
  for attempt in $(seq 1 120); do
    for candidate in "$by_id" "$DATA_DEVICE_NAME" "${DATA_DEVICE_NAME/\/dev\/sd//dev/xvd}"; do
      if [[ -b $candidate ]]; then
        readlink -f "$candidate"
        return 0
      fi
    done
    ((attempt % 12 == 0)) && log "waiting for data volume $DATA_VOLUME_ID to be attached"
    sleep 5
  done
  die "data volume $DATA_VOLUME_ID is not attached after 10 minutes"
}

# Bytes at the start of a volume that must read as zeros for it to count as
# blank: ext4 keeps its group descriptors, bitmaps and first inode table
# there, so a file system whose superblock is damaged (which blkid also
# reports as "no signature") still has data in this range.
readonly BLANK_PROBE_BYTES=$((16 * 1024 * 1024))

# Prints "filesystem", "blank" (no signature and only zeros at the start) or
# "unknown" (no signature but data: never formatted); fails when unreadable.
volume_state() {
  local device=$1 rc=0 size
  blkid -p "$device" >/dev/null 2>&1 || rc=$?
  if ((rc == 0)); then
    echo filesystem
  elif ((rc == 2)); then
    size=$(blockdev --getsize64 "$device") || die "cannot read the size of $device"
    ((size < BLANK_PROBE_BYTES)) || size=$BLANK_PROBE_BYTES
    if cmp -s -n "$size" "$device" /dev/zero; then echo blank; else echo unknown; fi
  else
    die "cannot probe $device (blkid exit $rc); refusing to touch it"
  fi
}

# The volume a database was initialised on, or "none" while there is none.
init_marker() {
  local value
  value=$(parameter_value "$INIT_MARKER_PARAMETER") || die "cannot read the init marker $INIT_MARKER_PARAMETER"
  [[ -n $value ]] || die "the init marker $INIT_MARKER_PARAMETER is empty"
  printf '%s' "$value"
}

# Creating a new, empty database is allowed only while the marker says none
# was ever initialised: a blank volume on a host that had data is a lost or
# wrong volume, never a reason to start an empty production database.
assert_new_database_allowed() {
  local what=$1 marker
  marker=$(init_marker)
  [[ $marker == none ]] && return 0
  die "$what, but a database was initialised before (on volume $marker): refusing to create an empty one." \
    "Attach the volume that holds the data, or build the host from a snapshot (dataVolumeSnapshotId);" \
    "to really start afresh, set the SSM parameter $INIT_MARKER_PARAMETER to 'none'."
}

record_initialised_volume() {
  local volume=${DATA_VOLUME_ID:-local} tmp current
  current=$(init_marker)
  [[ $current == "$volume" ]] && return 0
  tmp=$(mktemp)
  printf '%s' "$volume" >"$tmp"
  put_parameter_file "$INIT_MARKER_PARAMETER" "$tmp"
  rm -f "$tmp"
  log "recorded $volume as the data volume in $INIT_MARKER_PARAMETER"
}

mount_data_volume() {
  local device uuid state
  device=$(find_data_device)
  state=$(volume_state "$device")
  case $state in
    blank)
      assert_new_database_allowed "data volume $device ($DATA_VOLUME_ID) is blank"
      log "formatting blank data volume $device"
      mkfs.ext4 -q -L pgdata "$device" ;;
    unknown)
      die "data volume $device ($DATA_VOLUME_ID) has no recognisable file system but is not blank (a damaged superblock?):" \
        "refusing to format it. Inspect it (e2fsck -n, dumpe2fs) or restore a snapshot." ;;
  esac
  uuid=$(blkid -s UUID -o value "$device")
  [[ -n $uuid ]] || die "data volume $device has no file system UUID (partitioned?); refusing to touch it"
  mkdir -p "$PG_DATA_ROOT"
  if ! grep -q "^UUID=$uuid " "$FSTAB_FILE" 2>/dev/null; then
    printf 'UUID=%s %s ext4 defaults,noatime,nofail 0 2\n' "$uuid" "$PG_DATA_ROOT" >>"$FSTAB_FILE"
    if has_systemd; then systemctl daemon-reload; fi
  fi
  mountpoint -q "$PG_DATA_ROOT" || mount -T "$FSTAB_FILE" "$PG_DATA_ROOT"
}

# -------------------------------------------------------------- PostgreSQL ---
memory_mb() {
  if [[ -n $MEMORY_MB ]]; then
    printf '%s' "$MEMORY_MB"
  else
    awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo
  fi
}

pg_conf_dir() { printf '/etc/postgresql/%s/%s' "$PG_VERSION" "$PG_CLUSTER"; }
pg_data_dir() { printf '%s/%s/%s' "$PG_DATA_ROOT" "$PG_VERSION" "$PG_CLUSTER"; }

timescaledb_available() {
  [[ -f /usr/share/postgresql/$PG_VERSION/extension/timescaledb.control ]]
}

# A changed postgresVersion must never create a second, empty cluster beside
# the data: the upgrade is pg_upgradecluster's job (see the README).
refuse_other_versions() {
  local marker version
  for marker in "$PG_DATA_ROOT"/*/"$PG_CLUSTER"/PG_VERSION; do
    [[ -f $marker ]] || continue
    version=$(<"$marker")
    [[ $version == "$PG_VERSION" ]] && continue
    die "the data volume holds a PostgreSQL $version cluster ($(dirname "$marker")) but postgresVersion is $PG_VERSION:" \
      "refusing to create an empty $PG_VERSION cluster beside it. Keep postgresVersion $version, or upgrade the data" \
      "first with pg_upgradecluster (see the data-host README)."
  done
}

# An adopted volume may come from an image whose postgres user has other ids.
own_by() {
  local user=$1 path=$2 stray
  stray=$(find "$path" \( ! -user "$user" -o ! -group "$user" \) -print -quit)
  [[ -n $stray ]] || return 0
  log "$path holds files not owned by $user ($stray is $(stat -c %u:%g "$stray")): changing their owner to $user"
  chown -R "$user:$user" "$path"
}

# The cluster's configuration lives in /etc on the root volume; a copy on the
# data volume lets a new instance adopt the data of an old one.
ensure_cluster() {
  local conf data copy
  conf=$(pg_conf_dir)
  data=$(pg_data_dir)
  copy="$PG_DATA_ROOT/$PG_VERSION/$PG_CLUSTER.etc"
  chown postgres:postgres "$PG_DATA_ROOT"
  refuse_other_versions
  if [[ -f $data/PG_VERSION ]]; then own_by postgres "$PG_DATA_ROOT/$PG_VERSION"; fi
  if [[ -f $conf/postgresql.conf ]]; then
    return 0
  elif [[ -f $data/PG_VERSION ]]; then
    [[ -d $copy ]] || die "$data holds a cluster but its configuration copy $copy is missing"
    log "adopting the existing cluster in $data"
    mkdir -p "$(dirname "$conf")"
    cp -a "$copy" "$conf"
  elif archive_restore_requested; then
    archive_restore_cluster "$data"
  else
    assert_new_database_allowed "$data holds no cluster"
    log "creating cluster $PG_VERSION/$PG_CLUSTER in $data"
    pg_createcluster --port "$PG_PORT" --datadir "$data" "$PG_VERSION" "$PG_CLUSTER" -- \
      --auth-local=peer --auth-host=scram-sha-256 --data-checksums >/dev/null
  fi
}

save_cluster_config() {
  local copy="$PG_DATA_ROOT/$PG_VERSION/$PG_CLUSTER.etc"
  mkdir -p "$copy"
  cp -a "$(pg_conf_dir)/." "$copy/"
}

# Memory settings in a file of their own, rewritten from this instance's
# memory at every boot (data-host-tune.service runs `--tune` before
# PostgreSQL starts), because an instance-type change is a stop/start that
# does not re-run the bootstrap.
write_memory_conf() {
  local ram shared_buffers cache work_mem maintenance
  ram=$(memory_mb)
  shared_buffers=$((ram / 4))
  cache=$((ram * 5 / 8))
  work_mem=$((ram / 4 / PG_MAX_CONNECTIONS))
  ((work_mem < 4)) && work_mem=4
  maintenance=$((ram / 16))
  ((maintenance > 2048)) && maintenance=2048
  write_if_changed "$(pg_conf_dir)/conf.d/91-data-host-memory.conf" 0644 postgres:postgres <<EOF
$MANAGED
# Derived from ${ram} MB of memory (a quarter for shared buffers, Valkey gets an eighth).
shared_buffers = ${shared_buffers}MB
effective_cache_size = ${cache}MB
work_mem = ${work_mem}MB
maintenance_work_mem = ${maintenance}MB
EOF
}

# listen_addresses is '*': the private address may not exist yet when
# PostgreSQL starts at boot, and pg_hba.conf plus the security group decide
# who gets in. TLS only (hostssl in pg_hba.conf), with the host's certificate.
write_postgresql_conf() {
  local preload timescale='' changed=1 tls
  tls=$(tls_dir)
  preload=pg_stat_statements
  if timescaledb_available; then
    preload="timescaledb,$preload"
    timescale='timescaledb.telemetry_level = off'
  fi
  write_if_changed "$(pg_conf_dir)/conf.d/90-data-host.conf" 0644 postgres:postgres <<EOF || changed=0
$MANAGED
listen_addresses = '*'
port = $PG_PORT
max_connections = $PG_MAX_CONNECTIONS
password_encryption = 'scram-sha-256'
shared_preload_libraries = '$preload'
ssl = on
ssl_cert_file = '$tls/server.crt'
ssl_key_file = '$tls/postgres.key'
ssl_min_protocol_version = 'TLSv1.2'
log_min_duration_statement = 1000
$timescale
$(archive_postgresql_settings)
EOF
  write_memory_conf && changed=1
  ((changed))
}

write_pg_hba() {
  local cidr
  {
    printf '%s\n' "$MANAGED"
    printf 'local all postgres peer\n'
    printf 'local all all scram-sha-256\n'
    printf 'hostssl all all 127.0.0.1/32 scram-sha-256\n'
    printf 'hostssl all all ::1/128 scram-sha-256\n'
    for cidr in ${PG_CLIENT_CIDRS//,/ }; do
      printf 'hostssl %s %s %s scram-sha-256\n' "$APP_DATABASE" "$APP_USER" "$cidr"
    done
  } | write_if_changed "$(pg_conf_dir)/pg_hba.conf" 0640 postgres:postgres
}

pg_running() { pg_lsclusters -h "$PG_VERSION" "$PG_CLUSTER" | awk '{ print $4 }' | grep -q online; }

psql_admin() {
  runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"
}

# A changed configuration is reloaded; PostgreSQL restarts only when a
# setting it reports as pending_restart needs it (shared_preload_libraries,
# max_connections, shared_buffers, port): pg_hba.conf and most settings do not.
start_postgresql() {
  local changed=$1 loaded attempt pending
  if has_systemd; then
    systemctl enable -q "postgresql@$PG_VERSION-$PG_CLUSTER"
  fi
  if ! pg_running; then
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
    return 0
  fi
  ((changed)) || return 0
  loaded=$(psql_admin -At -d postgres -c 'SELECT pg_conf_load_time()')
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" reload
  for attempt in $(seq 1 50); do
    [[ $(psql_admin -At -d postgres -c 'SELECT pg_conf_load_time()') != "$loaded" ]] && break
    ((attempt < 50)) || die 'PostgreSQL did not reload its configuration within 10 s'
    sleep 0.2
  done
  pending=$(psql_admin -At -d postgres -c "SELECT string_agg(name, ', ') FROM pg_settings WHERE pending_restart")
  if [[ -n $pending ]]; then
    log "restarting PostgreSQL for $pending"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
  else
    log 'reloaded PostgreSQL (no setting needs a restart)'
  fi
}

configure_database() {
  local super_password=$1 app_password=$2 extension extensions=(postgis postgis_topology pg_stat_statements)
  timescaledb_available && extensions=(timescaledb "${extensions[@]}")
  # Passwords travel on stdin, never on a command line, and this session
  # keeps them out of pg_stat_statements and the server log.
  psql_admin -d postgres <<EOF
SET pg_stat_statements.track_utility = off;
SET log_statement = 'none';
SET log_min_duration_statement = -1;
SET log_min_error_statement = 'panic';
\\set super_password '$super_password'
\\set app_password '$app_password'
\\set app_user '$APP_USER'
\\set app_database '$APP_DATABASE'
ALTER ROLE postgres PASSWORD :'super_password';
SELECT format('CREATE ROLE %I LOGIN', :'app_user')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \\gexec
ALTER ROLE :"app_user" WITH LOGIN NOSUPERUSER NOCREATEROLE PASSWORD :'app_password';
SELECT format('CREATE DATABASE %I OWNER %I', :'app_database', :'app_user')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'app_database') \\gexec
EOF
  # One session for all of them (TimescaleDB first, as it must be).
  local commands=()
  for extension in "${extensions[@]}"; do
    commands+=(-c "CREATE EXTENSION IF NOT EXISTS $extension CASCADE")
  done
  psql_admin -d "$APP_DATABASE" "${commands[@]}"
}

# After a package install or upgrade, brings every extension in every
# database to the version its package ships (ALTER EXTENSION ... UPDATE).
# Each runs as the first statement of its own session, as TimescaleDB needs.
update_extensions() {
  local database extension
  while read -r database; do
    while read -r extension; do
      [[ -n $extension ]] || continue
      log "updating extension $extension in $database"
      psql_admin -d "$database" -c "ALTER EXTENSION \"$extension\" UPDATE"
    done < <(psql_admin -At -d "$database" -c \
      'SELECT e.extname FROM pg_extension e JOIN pg_available_extensions a ON a.name = e.extname WHERE a.default_version <> e.extversion')
  done < <(psql_admin -At -d postgres -c 'SELECT datname FROM pg_database WHERE datallowconn ORDER BY datname')
}

# --------------------------------------------------------------------- TLS ---
# The CA and the server key live on the data volume, so a new instance that
# adopts the volume keeps the CA its clients trust; the server certificate is
# re-issued when the host's names change (new instance) or it nears expiry.
tls_dir() { printf '%s/tls' "$PG_DATA_ROOT"; }

# subjectAltName of the server certificate: the private DNS name and address
# clients use (from instance metadata, not from the network interfaces, which
# may not be up yet), and loopback.
tls_names() {
  local names='DNS:localhost,IP:127.0.0.1'
  if [[ $TEST_MODE != 1 ]]; then
    names="DNS:$(imds local-hostname),IP:$(imds local-ipv4),$names"
  fi
  printf '%s' "$names"
}

# Returns 0 when it wrote a new server certificate.
ensure_tls() {
  local dir names valkey_user
  dir=$(tls_dir)
  names=$(tls_names)
  valkey_user=$(valkey_server)
  install -d -m 0755 -o root -g root "$dir"
  if [[ ! -s $dir/ca.key || ! -s $dir/ca.crt ]]; then
    log "creating the host CA in $dir"
    openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -days 3650 \
      -subj "/CN=TimescaleDataHost CA ${DATA_VOLUME_ID:-local}" -keyout "$dir/ca.key.new" -out "$dir/ca.crt.new" 2>/dev/null
    chmod 0600 "$dir/ca.key.new"
    chmod 0644 "$dir/ca.crt.new"
    mv -f "$dir/ca.key.new" "$dir/ca.key"
    mv -f "$dir/ca.crt.new" "$dir/ca.crt"
    rm -f "$dir/server.crt"
  fi
  if [[ -s $dir/server.crt && $(cat "$dir/server.names" 2>/dev/null) == "$names" ]] &&
    openssl x509 -checkend $((30 * 86400)) -noout -in "$dir/server.crt" >/dev/null; then
    return 1
  fi
  log "issuing the server certificate for $names"
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj '/CN=TimescaleDataHost' \
    -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -sha256 -days 397 \
    -extfile <(printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n' "$names") \
    -out "$dir/server.crt" 2>/dev/null
  chmod 0644 "$dir/server.crt"
  # One copy of the key per server, each readable by that server's user only.
  install -m 0600 -o postgres -g postgres "$dir/server.key" "$dir/postgres.key"
  install -m 0600 -o "$valkey_user" -g "$valkey_user" "$dir/server.key" "$dir/valkey.key"
  rm -f "$dir/server.key" "$dir/server.csr"
  printf '%s' "$names" >"$dir/server.names"
  return 0
}

# Clients verify the server against the CA in CA_PARAMETER (verify-full).
publish_ca() {
  local current
  current=$(parameter_value "$CA_PARAMETER") || die "cannot read $CA_PARAMETER"
  [[ $current == "$(<"$(tls_dir)/ca.crt")" ]] && return 0
  put_parameter_file "$CA_PARAMETER" "$(tls_dir)/ca.crt"
  log "published the host CA certificate to $CA_PARAMETER"
}

# ------------------------------------------------------------ boot tuning ---
readonly TUNE_UNIT=data-host-tune

# Runs `--tune` before PostgreSQL and Valkey start at every boot.
write_tune_unit() {
  local script config=$1 name
  script=$(readlink -f "$0")
  name=$(valkey_server)
  write_if_changed "$SYSTEMD_DIR/$TUNE_UNIT.service" 0644 root:root <<EOF || return 1
$MANAGED
[Unit]
Description=Size PostgreSQL and Valkey memory to this instance (TimescaleDataHost)
After=local-fs.target
Before=postgresql.service postgresql@$PG_VERSION-$PG_CLUSTER.service $name-server.service

[Service]
Type=oneshot
ExecStart=$script --tune $config

[Install]
WantedBy=multi-user.target
EOF
}

install_tune_unit() {
  local changed=0
  write_tune_unit "$1" && changed=1
  if has_systemd; then
    if ((changed)); then systemctl daemon-reload; fi
    systemctl enable -q "$TUNE_UNIT.service"
  fi
}

# ------------------------------------------------------ connections metric ---
readonly PG_METRICS_UNIT=data-host-pg-metrics

# A script, run every minute by a systemd timer, that publishes the number of
# client connections (other than its own) as `postgresql_connections` by
# [InstanceId] in METRICS_NAMESPACE: the metric TimescaleDataHost.metricConnections()
# describes, and the one the instance role may put (namespace condition).
# Its settings are baked in when it is written (printf %q): it reads no config.
write_pg_metrics_script() {
  [[ -n $REGION && -n $INSTANCE_ID ]] || die 'REGION and INSTANCE_ID are needed for the connections metric'
  {
    printf '#!/usr/bin/env bash\n%s\n' "$MANAGED"
    cat <<'EOF'
# Publishes PostgreSQL's client connections to CloudWatch; run every minute by
# data-host-pg-metrics.timer.
#
# A failed count or publish logs one line to the journal and exits 0: the
# unit does not turn failed every minute, the timer keeps its schedule, and
# what alerts is the missing datapoint (StandardAlarms treats missing
# connection data as breaching).
set -uo pipefail
# Worst case 2 attempts of 5 + 15 s: done well within the unit's 55 s.
export AWS_MAX_ATTEMPTS=2
EOF
    printf 'readonly PG_PORT=%q REGION=%q NAMESPACE=%q INSTANCE_ID=%q\n' "$PG_PORT" "$REGION" "$METRICS_NAMESPACE" "$INSTANCE_ID"
    cat <<'EOF'

count_connections() {
  local query="SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
  local command=(psql -X -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres -c "$query")
  # Run as root (the timer's service): peer authentication as postgres.
  if [[ $(id -u) -eq 0 ]]; then command=(runuser -u postgres -- "${command[@]}"); fi
  PGCONNECT_TIMEOUT=5 "${command[@]}"
}

if ! count=$(count_connections) || [[ ! $count =~ ^[0-9]+$ ]]; then
  echo "data-host-pg-metrics: cannot count PostgreSQL connections on port $PG_PORT; nothing published" >&2
  exit 0
fi
if ! aws cloudwatch put-metric-data --region "$REGION" --cli-connect-timeout 5 --cli-read-timeout 15 \
  --namespace "$NAMESPACE" --metric-name postgresql_connections --dimensions "InstanceId=$INSTANCE_ID" \
  --unit Count --value "$count"; then
  echo "data-host-pg-metrics: publishing $count connections failed; next try in a minute" >&2
fi
exit 0
EOF
  } | write_if_changed "$PG_METRICS_SCRIPT" 0750 root:root
}

# The timer: at the start of every minute; a run still going is not started
# again (oneshot), and one that overruns its 55 s is stopped, not stacked.
install_pg_metrics_timer() {
  local changed=0
  write_if_changed "/etc/systemd/system/$PG_METRICS_UNIT.service" 0644 root:root <<EOF && changed=1
$MANAGED
[Unit]
Description=Publish PostgreSQL connections to CloudWatch (TimescaleDataHost)
After=network-online.target postgresql.service
Wants=network-online.target

[Service]
Type=oneshot
ExecStart=$PG_METRICS_SCRIPT
TimeoutStartSec=55
EOF
  write_if_changed "/etc/systemd/system/$PG_METRICS_UNIT.timer" 0644 root:root <<EOF && changed=1
$MANAGED
[Unit]
Description=Publish PostgreSQL connections to CloudWatch every minute

[Timer]
OnCalendar=minutely
AccuracySec=5s

[Install]
WantedBy=timers.target
EOF
  if ((changed)); then systemctl daemon-reload; fi
  systemctl enable -q --now "$PG_METRICS_UNIT.timer"
}

configure_pg_metrics() {
  write_pg_metrics_script || true
  if has_systemd; then install_pg_metrics_timer; fi
}

# ------------------------------------------------------------------ Valkey ---
valkey_server() { if command -v valkey-server >/dev/null; then echo valkey; else echo redis; fi; }

# Valkey's memory limit, in a file of its own for the same reason as PostgreSQL's.
write_valkey_memory_conf() {
  local name
  name=$(valkey_server)
  install -d -m 0750 -o root -g "$name" "$CONFIG_DIR"
  printf '%s\nmaxmemory %smb\nmaxmemory-policy volatile-lru\n' "$MANAGED" "$(($(memory_mb) / 8))" |
    write_if_changed "$CONFIG_DIR/valkey-memory.conf" 0640 "root:$name"
}

# The append-only file lives on the data volume (queued tasks survive the
# instance), TLS only on VALKEY_PORT, listening on all addresses (the private
# address may not exist yet at boot; the password and the security group
# restrict who gets in).
configure_valkey() {
  local password=$1 changed=$2 name main include data pidfile tls
  name=$(valkey_server)
  main=/etc/$name/$name.conf
  [[ $name == redis ]] && main=/etc/redis/redis.conf
  include="$CONFIG_DIR/valkey.conf"
  data="$PG_DATA_ROOT/valkey"
  tls=$(tls_dir)
  pidfile="$data/valkey.pid"
  install -d -m 0750 -o "$name" -g "$name" "$data"
  own_by "$name" "$data"
  write_valkey_memory_conf && changed=1
  {
    printf '%s\n' "$MANAGED"
    printf 'bind * -::*\nport 0\ntls-port %s\nprotected-mode yes\nrequirepass %s\n' "$VALKEY_PORT" "$password"
    printf 'tls-cert-file %s/server.crt\ntls-key-file %s/valkey.key\ntls-ca-cert-file %s/ca.crt\n' "$tls" "$tls" "$tls"
    printf 'tls-auth-clients no\ntls-protocols "TLSv1.2 TLSv1.3"\n'
    printf 'appendonly yes\nappendfsync everysec\ndir %s\n' "$data"
    printf 'include %s/valkey-memory.conf\n' "$CONFIG_DIR"
    if ! has_systemd; then
      printf 'daemonize yes\npidfile %s\nlogfile %s/valkey.log\n' "$pidfile" "$data"
    fi
  } | write_if_changed "$include" 0640 "root:$name" && changed=1
  if has_systemd; then
    # Debian's unit may only write its own directories: let it write the AOF
    # on the data volume, once that is mounted.
    if write_if_changed "/etc/systemd/system/$name-server.service.d/data-host.conf" 0644 root:root <<EOF; then
$MANAGED
[Unit]
RequiresMountsFor=$PG_DATA_ROOT
[Service]
ReadWritePaths=$data
EOF
      systemctl daemon-reload
      changed=1
    fi
    grep -qxF "include $include" "$main" || { printf 'include %s\n' "$include" >>"$main"; changed=1; }
    # Hosts bootstrapped before the AOF moved to the data volume keep their queue.
    if [[ ! -e $data/appendonlydir && -d /var/lib/$name/appendonlydir ]]; then
      log "moving Valkey's data from /var/lib/$name to $data"
      systemctl stop "$name-server"
      cp -a "/var/lib/$name/." "$data/"
      chown -R "$name:$name" "$data"
      changed=1
    fi
    systemctl enable -q "$name-server"
    if ((changed)); then systemctl restart "$name-server"; else systemctl start "$name-server"; fi
  else
    local pid=
    [[ -f $pidfile ]] && pid=$(cat "$pidfile")
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
      ((changed)) || return 0
      kill "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
    runuser -u "$name" -- "$name-server" "$include"
  fi
}

# -------------------------------------------------------------------- main ---
# Boot-time mode: memory settings only, no network, no restart (the services
# start after it). Changes nothing else, so it can never fail a boot on data.
tune() {
  load_config "$1"
  [[ -f $(pg_conf_dir)/postgresql.conf ]] && { write_memory_conf || true; }
  write_valkey_memory_conf || true
}

main() {
  if [[ ${1:-} == --tune && $# -eq 2 ]]; then
    tune "$2"
    return 0
  fi
  # Set first: any failure from here on signals CloudFormation at once.
  trap on_exit EXIT
  [[ $# -eq 1 ]] || die "usage: $0 CONFIG_FILE | $0 --tune CONFIG_FILE"
  [[ $(id -u) -eq 0 ]] || die 'must run as root'
  load_config "$1"
  if [[ $TEST_MODE != 1 ]]; then
    REGION=${REGION:-$(imds placement/region)}
    INSTANCE_ID=${INSTANCE_ID:-$(imds instance-id)}
  fi

  local super_password app_password valkey_password changed=0 tls_changed=0 config
  config=$(readlink -f "$1")
  super_password=$(secret_password "$SUPERUSER_SECRET_ID")
  app_password=$(secret_password "$APP_SECRET_ID")
  valkey_password=$(secret_password "$VALKEY_SECRET_ID")

  if [[ $TEST_MODE != 1 ]]; then
    install_packages
    install_agents
    archive_install_package
    mount_data_volume
  else
    log 'test mode: no repositories, packages or agents'
    if [[ -n $DATA_VOLUME_ID ]]; then mount_data_volume; fi
    timescaledb_available || log 'test mode: TimescaleDB is not installed, skipping it'
  fi

  archive_configure
  ensure_cluster
  ensure_tls && tls_changed=1
  publish_ca
  write_postgresql_conf && changed=1
  write_pg_hba && changed=1
  ((tls_changed)) && changed=1
  save_cluster_config
  install_tune_unit "$config"
  start_postgresql "$changed"
  archive_after_start
  configure_database "$super_password" "$app_password"
  update_extensions
  record_initialised_volume
  configure_valkey "$valkey_password" "$tls_changed"
  [[ $TEST_MODE == 1 ]] || configure_cloudwatch_agent
  configure_pg_metrics

  log 'bootstrap complete'
  signal SUCCESS
}

# Sourced (by tests that call one function), it only defines functions.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
