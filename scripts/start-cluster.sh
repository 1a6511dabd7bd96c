#!/usr/bin/env bash
# Starts a three-node cluster on loopback for trying it out: a private PostgreSQL (scripts/private-postgres.sh),
# then the front-end (HTTP API and dashboard on http://127.0.0.1:5080) and two stations, from cluster-config/.
# Logs go to ./data/<node>.log. Ctrl+C stops the nodes and the database (its folder is removed).
#
#   scripts/start-cluster.sh
#
# MACHINEACTORS_CLUSTER_SECRET and MACHINEACTORS_ADMIN_TOKEN are used when set; otherwise both are generated
# and printed. Stop one station (kill -9 its pid, printed below) to watch its machines move to the other.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/Host -c Release --nologo -v quiet
server=$(scripts/private-postgres.sh start --owner-pid $$)
pgdir=$(sed -n "s/^PGDIR='\\(.*\\)'$/\\1/p" <<<"$server")
connection=$(sed -n "s/^CONNECTION_STRING='\\(.*\\)'$/\\1/p" <<<"$server")
secret=${MACHINEACTORS_CLUSTER_SECRET:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
token=${MACHINEACTORS_ADMIN_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
export MACHINEACTORS_Node__PostgresConnectionString="$connection" MACHINEACTORS_Node__Cluster__Secret="$secret"

pids=()
stop() {
  [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  scripts/private-postgres.sh stop "$pgdir"
}
trap stop EXIT
trap 'exit 130' INT TERM

mkdir -p data
for node in frontend station-a station-b; do
  if [ "$node" = frontend ]; then
    MACHINEACTORS_ADMIN_TOKEN="$token" dotnet src/Host/bin/Release/net10.0/MachineActors.Host.dll --config "cluster-config/$node.json" >"data/$node.log" 2>&1 &
  else
    dotnet src/Host/bin/Release/net10.0/MachineActors.Host.dll --config "cluster-config/$node.json" >"data/$node.log" 2>&1 &
  fi
  pids+=($!)
  echo "$node: pid $!, log data/$node.log"
done
echo
echo "PostgreSQL:  $connection"
echo "Admin token: $token"
echo "Dashboard:   http://127.0.0.1:5080/#token=$token"
echo "Nodes:       curl -H 'Authorization: Token $token' http://127.0.0.1:5080/api/cluster/nodes/"
echo "Ctrl+C stops the cluster."
wait
