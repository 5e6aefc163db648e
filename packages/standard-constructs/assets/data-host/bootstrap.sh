#!/usr/bin/env bash
# Bootstrap of a TimescaleDataHost (Debian 12): PostgreSQL + TimescaleDB +
# PostGIS on the data volume, Valkey (or redis-server), the SSM and CloudWatch
# agents, a PostgreSQL connections publisher, then a CloudFormation signal.
#
# Idempotent: every step checks before it acts, so running it again (SSM Run
# Command) changes nothing and loses nothing. It never formats a volume that
# carries a file system or partition table, and never re-initialises a data
# directory that exists.
#
# Usage: bootstrap.sh CONFIG_FILE   (KEY=VALUE lines, see load_config)
# DATA_HOST_TEST_MODE=1 skips repositories, package and agent installs, the
# data volume and systemd (the connections publisher is written, its timer is
# not installed), and the TimescaleDB step when its package is absent, so that
# the script can be tested against Debian's own PostgreSQL packages.
set -euo pipefail
umask 027

readonly MANAGED='# Managed by the TimescaleDataHost bootstrap: rewritten on every run.'
TEST_MODE=${DATA_HOST_TEST_MODE:-0}

# pgBackRest archiving and restore: beside this script in the source tree,
# inlined here in the asset the host downloads (bootstrap-script-bundle.ts).
# shellcheck source-path=SCRIPTDIR source=archive.sh disable=SC1091
source "$(dirname "${BASH_SOURCE[0]}")/archive.sh"

log() { printf '%s data-host-bootstrap: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- config ---
PG_VERSION=16
PG_CLUSTER=main
PG_PORT=5432
PG_DATA_ROOT=/var/lib/postgresql
PG_MAX_CONNECTIONS=100
PG_LISTEN_ADDRESSES=
PG_CLIENT_CIDRS=
APP_USER=tracker
APP_DATABASE=tracker
SUPERUSER_SECRET_ID=
APP_SECRET_ID=
VALKEY_SECRET_ID=
VALKEY_PORT=6379
VALKEY_BIND=
VALKEY_DATA_DIR=
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

load_config() {
  local file=$1 key value
  [[ -r $file ]] || die "cannot read config file $file"
  while IFS='=' read -r key value || [[ -n $key ]]; do
    [[ -z $key || $key == \#* ]] && continue
    case $key in
      PG_VERSION | PG_CLUSTER | PG_PORT | PG_DATA_ROOT | PG_MAX_CONNECTIONS | PG_LISTEN_ADDRESSES | PG_CLIENT_CIDRS | \
        APP_USER | APP_DATABASE | SUPERUSER_SECRET_ID | APP_SECRET_ID | VALKEY_SECRET_ID | VALKEY_PORT | VALKEY_BIND | \
        VALKEY_DATA_DIR | CONFIG_DIR | DATA_VOLUME_ID | DATA_DEVICE_NAME | MEMORY_MB | METRICS_NAMESPACE | \
        LOG_GROUP_NAME | REGION | SIGNAL_STACK | SIGNAL_RESOURCE | INSTANCE_ID | PG_METRICS_SCRIPT | BOOTSTRAP_SCRIPT_URL)
        printf -v "$key" '%s' "$value" ;;
      *) archive_config_key "$key" "$value" || die "unknown config key '$key' in $file" ;;
    esac
  done <"$file"
  [[ $PG_VERSION =~ ^(15|16|17)$ ]] || die "PG_VERSION must be 15, 16 or 17, got '$PG_VERSION'"
  [[ $APP_USER =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "APP_USER '$APP_USER' is not a plain identifier"
  [[ $APP_DATABASE =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "APP_DATABASE '$APP_DATABASE' is not a plain identifier"
  [[ $PG_CLUSTER =~ ^[a-z0-9_]+$ ]] || die "PG_CLUSTER '$PG_CLUSTER' is not a plain name"
  [[ -n $PG_CLIENT_CIDRS ]] || die 'PG_CLIENT_CIDRS is empty: no client could ever log in'
  for key in SUPERUSER_SECRET_ID APP_SECRET_ID VALKEY_SECRET_ID; do
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
    --logical-resource-id "$SIGNAL_RESOURCE" --unique-id "$INSTANCE_ID" --status "$status" >/dev/null; then
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

# ---------------------------------------------------------------- packages ---
install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends ca-certificates curl gnupg lsb-release postgresql-common
  # The cluster is created on the data volume below, not by the package.
  write_if_changed /etc/postgresql-common/createcluster.d/00-data-host.conf 0644 root:root <<<"create_main_cluster = false" || true
  [[ -f /etc/apt/sources.list.d/pgdg.list || -f /etc/apt/sources.list.d/pgdg.sources ]] ||
    /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y
  if [[ ! -f /usr/share/keyrings/timescaledb.gpg ]]; then
    curl -fsSL https://packagecloud.io/timescale/timescaledb/gpgkey | gpg --dearmor -o /usr/share/keyrings/timescaledb.gpg
  fi
  write_if_changed /etc/apt/sources.list.d/timescaledb.list 0644 root:root \
    <<<"deb [signed-by=/usr/share/keyrings/timescaledb.gpg] https://packagecloud.io/timescale/timescaledb/debian/ bookworm main" || true
  write_if_changed /etc/apt/sources.list.d/data-host-backports.list 0644 root:root \
    <<<"deb http://deb.debian.org/debian bookworm-backports main" || true
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "postgresql-$PG_VERSION" "postgresql-$PG_VERSION-postgis-3" \
    "postgresql-$PG_VERSION-postgis-3-scripts" "timescaledb-2-postgresql-$PG_VERSION" timescaledb-tools
  if ! dpkg -s valkey-server >/dev/null 2>&1 && ! dpkg -s redis-server >/dev/null 2>&1; then
    apt-get install -y -qq -t bookworm-backports valkey-server || apt-get install -y -qq redis-server
  fi
}

install_agents() {
  local arch
  arch=$(dpkg --print-architecture)
  # Debian AMIs may not ship the SSM agent (seed 001 defect 7).
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

mount_data_volume() {
  local device rc=0 uuid
  device=$(find_data_device)
  # blkid -p exits 2 when it finds no file system and no partition table:
  # only then is the volume blank and safe to format.
  blkid -p "$device" >/dev/null 2>&1 || rc=$?
  if ((rc == 2)); then
    log "formatting blank data volume $device"
    mkfs.ext4 -q -L pgdata "$device"
  elif ((rc != 0)); then
    die "cannot probe $device (blkid exit $rc); refusing to touch it"
  fi
  uuid=$(blkid -s UUID -o value "$device")
  [[ -n $uuid ]] || die "data volume $device has no file system UUID (partitioned?); refusing to touch it"
  mkdir -p "$PG_DATA_ROOT"
  if ! grep -q "^UUID=$uuid " /etc/fstab; then
    printf 'UUID=%s %s ext4 defaults,noatime,nofail 0 2\n' "$uuid" "$PG_DATA_ROOT" >>/etc/fstab
    systemctl daemon-reload
  fi
  mountpoint -q "$PG_DATA_ROOT" || mount "$PG_DATA_ROOT"
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

# The cluster's configuration lives in /etc on the root volume; a copy on the
# data volume lets a new instance adopt the data of an old one.
ensure_cluster() {
  local conf data copy
  conf=$(pg_conf_dir)
  data=$(pg_data_dir)
  copy="$PG_DATA_ROOT/$PG_VERSION/$PG_CLUSTER.etc"
  chown postgres:postgres "$PG_DATA_ROOT"
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

write_postgresql_conf() {
  local ram shared_buffers cache work_mem maintenance preload listen timescale=
  ram=$(memory_mb)
  shared_buffers=$((ram / 4))
  cache=$((ram * 5 / 8))
  work_mem=$((ram / 4 / PG_MAX_CONNECTIONS))
  ((work_mem < 4)) && work_mem=4
  maintenance=$((ram / 16))
  ((maintenance > 2048)) && maintenance=2048
  preload=pg_stat_statements
  if timescaledb_available; then
    preload="timescaledb,$preload"
    timescale='timescaledb.telemetry_level = off'
  fi
  listen=${PG_LISTEN_ADDRESSES:-localhost,$(hostname -I | awk '{ print $1 }')}
  write_if_changed "$(pg_conf_dir)/conf.d/90-data-host.conf" 0644 postgres:postgres <<EOF
$MANAGED
listen_addresses = '$listen'
port = $PG_PORT
max_connections = $PG_MAX_CONNECTIONS
password_encryption = 'scram-sha-256'
shared_preload_libraries = '$preload'
# Derived from ${ram} MB of memory (a quarter for shared buffers, Valkey gets an eighth).
shared_buffers = ${shared_buffers}MB
effective_cache_size = ${cache}MB
work_mem = ${work_mem}MB
maintenance_work_mem = ${maintenance}MB
log_min_duration_statement = 1000
$timescale
$(archive_postgresql_settings)
EOF
}

write_pg_hba() {
  local cidr
  {
    printf '%s\n' "$MANAGED"
    printf 'local all postgres peer\n'
    printf 'local all all scram-sha-256\n'
    printf 'host all all 127.0.0.1/32 scram-sha-256\n'
    printf 'host all all ::1/128 scram-sha-256\n'
    for cidr in ${PG_CLIENT_CIDRS//,/ }; do
      printf 'host %s %s %s scram-sha-256\n' "$APP_DATABASE" "$APP_USER" "$cidr"
    done
  } | write_if_changed "$(pg_conf_dir)/pg_hba.conf" 0640 postgres:postgres
}

pg_running() { pg_lsclusters -h "$PG_VERSION" "$PG_CLUSTER" | awk '{ print $4 }' | grep -q online; }

# Restarts only when the configuration changed (shared_preload_libraries and
# memory need a restart); a re-run with nothing changed leaves it running.
start_postgresql() {
  local changed=$1
  if has_systemd; then
    systemctl enable -q "postgresql@$PG_VERSION-$PG_CLUSTER"
  fi
  if ! pg_running; then
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
  elif ((changed)); then
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
  fi
}

psql_admin() {
  runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"
}

configure_database() {
  local super_password=$1 app_password=$2 extension extensions=(postgis postgis_topology pg_stat_statements)
  timescaledb_available && extensions=(timescaledb "${extensions[@]}")
  # Passwords travel on stdin, never on a command line.
  psql_admin -d postgres <<EOF
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
  for extension in "${extensions[@]}"; do
    psql_admin -d "$APP_DATABASE" -c "CREATE EXTENSION IF NOT EXISTS $extension CASCADE"
  done
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

configure_valkey() {
  local password=$1 name ram main include data bind changed=0 pidfile
  name=$(valkey_server)
  ram=$(memory_mb)
  main=/etc/$name/$name.conf
  [[ $name == redis ]] && main=/etc/redis/redis.conf
  include="$CONFIG_DIR/valkey.conf"
  data=${VALKEY_DATA_DIR:-/var/lib/$name}
  bind=${VALKEY_BIND:-127.0.0.1 $(hostname -I | awk '{ print $1 }')}
  pidfile="$data/valkey.pid"
  install -d -m 0750 -o root -g "$name" "$CONFIG_DIR"
  install -d -m 0750 -o "$name" -g "$name" "$data"
  {
    printf '%s\n' "$MANAGED"
    printf 'bind %s\nport %s\nprotected-mode yes\nrequirepass %s\n' "$bind" "$VALKEY_PORT" "$password"
    printf 'appendonly yes\nappendfsync everysec\ndir %s\n' "$data"
    printf 'maxmemory %smb\nmaxmemory-policy volatile-lru\n' "$((ram / 8))"
    if ! has_systemd; then
      printf 'daemonize yes\npidfile %s\nlogfile %s/valkey.log\n' "$pidfile" "$data"
    fi
  } | write_if_changed "$include" 0640 "root:$name" && changed=1
  if has_systemd; then
    grep -qxF "include $include" "$main" || { printf 'include %s\n' "$include" >>"$main"; changed=1; }
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
main() {
  [[ $# -eq 1 ]] || die "usage: $0 CONFIG_FILE"
  [[ $(id -u) -eq 0 ]] || die 'must run as root'
  load_config "$1"
  if [[ $TEST_MODE != 1 ]]; then
    REGION=${REGION:-$(imds placement/region)}
    INSTANCE_ID=${INSTANCE_ID:-$(imds instance-id)}
  fi
  trap on_exit EXIT

  local super_password app_password valkey_password changed=0
  super_password=$(secret_password "$SUPERUSER_SECRET_ID")
  app_password=$(secret_password "$APP_SECRET_ID")
  valkey_password=$(secret_password "$VALKEY_SECRET_ID")

  if [[ $TEST_MODE != 1 ]]; then
    install_packages
    install_agents
    archive_install_package
    mount_data_volume
  else
    log 'test mode: no repositories, packages, agents or data volume'
    timescaledb_available || log 'test mode: TimescaleDB is not installed, skipping it'
  fi

  archive_configure
  ensure_cluster
  write_postgresql_conf && changed=1
  write_pg_hba && changed=1
  save_cluster_config
  start_postgresql "$changed"
  archive_after_start
  configure_database "$super_password" "$app_password"
  configure_valkey "$valkey_password"
  [[ $TEST_MODE == 1 ]] || configure_cloudwatch_agent
  configure_pg_metrics

  log 'bootstrap complete'
  signal SUCCESS
}

main "$@"
