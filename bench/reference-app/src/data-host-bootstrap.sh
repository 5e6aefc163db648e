#!/bin/bash
# Data host bootstrap (staging): PostgreSQL + TimescaleDB and Valkey on the
# data volume, pgBackRest to S3, then the CloudFormation signal. Idempotent:
# a replaced instance re-attaches the same volume and keeps its database.
# Usage: data-host-bootstrap <config file> (KEY=value lines, see the stack's BootstrapConfig parameter).
set -euo pipefail
# shellcheck disable=SC1090
source "$1"
export DEBIAN_FRONTEND=noninteractive
instance_id=$(cat /var/lib/cloud/data/instance-id)
signal() { aws cloudformation signal-resource --region "$REGION" --stack-name "$SIGNAL_STACK" \
  --logical-resource-id "$SIGNAL_RESOURCE" --unique-id "$instance_id" --status "$1"; }
trap 'signal FAILURE' ERR
secret() { aws secretsmanager get-secret-value --region "$REGION" --secret-id "$1" --query SecretString --output text | jq -r .password; }

# The data volume: format once, mount by UUID.
device=$(readlink -f "$DATA_DEVICE_NAME" 2>/dev/null || echo "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${DATA_VOLUME_ID/-/}")
blkid "$device" >/dev/null || mkfs.ext4 -q -L pgdata "$device"
install -d "$PG_DATA_ROOT"
grep -q "$PG_DATA_ROOT" /etc/fstab || echo "UUID=$(blkid -s UUID -o value "$device") $PG_DATA_ROOT ext4 defaults,nofail 0 2" >> /etc/fstab
mount -a

# Packages: PostgreSQL from PGDG, TimescaleDB from its signed repository, Valkey and pgBackRest from Debian.
apt-get update -qq
apt-get install -y -qq gnupg curl jq postgresql-common valkey-server pgbackrest amazon-cloudwatch-agent || apt-get install -y -qq gnupg curl jq postgresql-common valkey-server pgbackrest
/usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y
curl -fsSL https://packagecloud.io/timescale/timescaledb/gpgkey | gpg --dearmor -o /usr/share/keyrings/timescaledb.gpg
for fingerprint in ${TIMESCALEDB_KEY_FINGERPRINTS//,/ }; do gpg --show-keys /usr/share/keyrings/timescaledb.gpg | grep -q "$fingerprint"; done
echo "deb [signed-by=/usr/share/keyrings/timescaledb.gpg] https://packagecloud.io/timescale/timescaledb/debian/ bookworm main" > /etc/apt/sources.list.d/timescaledb.list
apt-get update -qq
apt-get install -y -qq "postgresql-$PG_VERSION" "timescaledb-2-postgresql-$PG_VERSION=$TIMESCALEDB_VERSION*"

# PostgreSQL: a cluster on the data volume, TLS, scram, clients from the VPC only.
cluster_dir="$PG_DATA_ROOT/$PG_VERSION/main"
if [ ! -f "$cluster_dir/PG_VERSION" ]; then
  pg_dropcluster --stop "$PG_VERSION" main || true
  pg_createcluster -d "$cluster_dir" "$PG_VERSION" main -- --auth-local=peer --auth-host=scram-sha-256
  aws ssm put-parameter --region "$REGION" --name "$INIT_MARKER_PARAMETER" --value "$DATA_VOLUME_ID" --overwrite
fi
conf="/etc/postgresql/$PG_VERSION/main"
cat > "$conf/conf.d/data-host.conf" <<EOF
listen_addresses = '*'
max_connections = $PG_MAX_CONNECTIONS
shared_preload_libraries = 'timescaledb'
ssl = on
archive_mode = on
archive_command = 'pgbackrest --stanza=$PGBACKREST_STANZA archive-push %p'
EOF
for cidr in ${PG_CLIENT_CIDRS//,/ }; do
  grep -q "$cidr" "$conf/pg_hba.conf" || echo "hostssl all all $cidr scram-sha-256" >> "$conf/pg_hba.conf"
done
aws ssm put-parameter --region "$REGION" --name "$CA_PARAMETER" --value "$(cat /etc/ssl/certs/ssl-cert-snakeoil.pem)" --overwrite
systemctl restart "postgresql@$PG_VERSION-main"
sudo -u postgres psql -qc "ALTER USER postgres PASSWORD '$(secret "$SUPERUSER_SECRET_ID")'"
sudo -u postgres psql -qc "DO \$\$BEGIN CREATE ROLE $APP_USER LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END\$\$"
sudo -u postgres psql -qc "ALTER ROLE $APP_USER PASSWORD '$(secret "$APP_SECRET_ID")'"
sudo -u postgres createdb -O "$APP_USER" "$APP_DATABASE" 2>/dev/null || true
sudo -u postgres psql -d "$APP_DATABASE" -qc 'CREATE EXTENSION IF NOT EXISTS timescaledb'

# pgBackRest: every PGBACKREST_OPTION_<name>=<value> line becomes <name>=<value> of the stanza's repository.
{
  echo "[global]"
  grep '^PGBACKREST_OPTION_' "$1" | sed 's/^PGBACKREST_OPTION_//'
  echo "[$PGBACKREST_STANZA]"
  echo "pg1-path=$cluster_dir"
} > /etc/pgbackrest.conf
sudo -u postgres pgbackrest --stanza="$PGBACKREST_STANZA" stanza-create
echo "0 2 * * * postgres pgbackrest --stanza=$PGBACKREST_STANZA --type=full backup" > /etc/cron.d/pgbackrest

# Valkey: TLS on its port, the password from Secrets Manager.
sed -i "s/^# *requirepass .*/requirepass $(secret "$VALKEY_SECRET_ID")/; s/^port .*/port 0/; s/^# *tls-port .*/tls-port $VALKEY_PORT/" /etc/valkey/valkey.conf
systemctl restart valkey-server

# Logs and metrics: PostgreSQL's log to CloudWatch, disk and memory to the CWAgent namespace.
cat > /opt/aws/amazon-cloudwatch-agent/etc/data-host.json <<EOF
{"logs":{"logs_collected":{"files":{"collect_list":[{"file_path":"/var/log/postgresql/*.log","log_group_name":"$LOG_GROUP_NAME"}]}}},
 "metrics":{"namespace":"$METRICS_NAMESPACE","append_dimensions":{"InstanceId":"\${aws:InstanceId}"},
  "metrics_collected":{"mem":{"measurement":["mem_used_percent"]},"disk":{"measurement":["used_percent"],"resources":["/","$PG_DATA_ROOT"]}}}}
EOF
amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/data-host.json || true

signal SUCCESS
