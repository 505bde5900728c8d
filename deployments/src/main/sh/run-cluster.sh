#!/usr/bin/env bash
# A local Vigil cluster in the foreground (README "Scaling out"): the ActiveMQ Artemis broker, two
# WildFly nodes running the same vigil.ear on the machine's PostgreSQL, and HAProxy in front of them.
#   run-cluster.sh WILDFLY_HOME SERVER_CONFIG ARTEMIS_HOME STATE_DIR
# Environment (defaults in brackets):
#   VIGIL_CLUSTER_PORT [8080]       the balancer's port; node A listens on +100, node B on +200 (every
#                                   other port of a node is WildFly's, shifted by the same amount)
#   VIGIL_DB_URL [jdbc:postgresql://127.0.0.1:5432/postgres]  VIGIL_DB_SCHEMA [vigil_cluster]
#   VIGIL_DB_USER [postgres] VIGIL_DB_PASSWORD [postgres]      the shared database
#   VIGIL_CLUSTER_FRESH [no]        yes: drop the schema first (an empty database)
#   VIGIL_BROKER_PORT [61616]       VIGIL_ADMIN_USER / VIGIL_ADMIN_PASSWORD: the first operator
#   VIGIL_NODE_BROKER_PORT [the broker's]  where the nodes reach the broker (a test puts a proxy between)
#   VIGIL_NODE_JAVA_OPTS            extra JVM options for both nodes (tests shorten timers with them)
# Ctrl-C (or SIGTERM) stops all of it. Each process logs under STATE_DIR.
set -u
wildfly_home=$1
config=$2
artemis_home=$3
state=$4
port=${VIGIL_CLUSTER_PORT:-8080}
broker_port=${VIGIL_BROKER_PORT:-61616}
db_url=${VIGIL_DB_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}
schema=${VIGIL_DB_SCHEMA:-vigil_cluster}
db_user=${VIGIL_DB_USER:-postgres}
broker_password=${VIGIL_BROKER_PASSWORD:-vigil}
mkdir -p "$state"

pids=()
# Stops every process started so far, newest first (the balancer, the nodes, then the broker).
stop() {
    trap - INT TERM
    echo "Stopping the cluster" >&2
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null
        wait "${pids[i]}" 2>/dev/null
    done
    exit "${1:-0}"
}
trap 'stop 0' INT TERM
fail() {
    echo "run-cluster.sh: $*" >&2
    stop 1
}
command -v haproxy >/dev/null || { echo "run-cluster.sh: haproxy is not installed (apt-get install -y haproxy)" >&2; exit 1; }
command -v psql >/dev/null || { echo "run-cluster.sh: psql is not installed (apt-get install -y postgresql-client)" >&2; exit 1; }

# 1. The database schema every node shares (the nodes' Flyway migrates it; PostgreSQL serialises them).
psql_url=${db_url#jdbc:}
if [ "${VIGIL_CLUSTER_FRESH:-no}" = yes ]; then
    psql -q -v ON_ERROR_STOP=1 "$psql_url" -U "$db_user" -c "DROP SCHEMA IF EXISTS $schema CASCADE" || exit 1
fi
psql -q -v ON_ERROR_STOP=1 "$psql_url" -U "$db_user" -c "CREATE SCHEMA IF NOT EXISTS $schema" || exit 1

# 2. The broker: one Artemis instance on loopback, created once in STATE_DIR (journal and logs there).
broker="$state/broker"
if [ ! -x "$broker/bin/artemis" ]; then
    "$artemis_home/bin/artemis" create "$broker" --silent --force --user vigil --password "$broker_password" \
        --require-login --no-web --no-autotune --nio --host 127.0.0.1 --default-port "$broker_port" \
        --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
        --addresses VigilEvents:multicast > "$state/broker-create.log" 2>&1 \
        || { echo "run-cluster.sh: could not create the broker, see $state/broker-create.log" >&2; exit 1; }
fi
"$broker/bin/artemis" run > "$state/broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
    (exec 3<>"/dev/tcp/127.0.0.1/$broker_port") 2>/dev/null && break
    sleep 0.5
done
(exec 3<>"/dev/tcp/127.0.0.1/$broker_port") 2>/dev/null || fail "the broker did not start, see $state/broker.log"

# 3. Two nodes from the same configured server, each with its own base directory and port offset.
export LAUNCH_JBOSS_IN_BACKGROUND=1
export JBOSS_HOME=$wildfly_home
start_node() {
    local name=$1 offset=$2
    local base="$state/$name"
    # The configuration and vigil.ear as built, every time; the node's data and logs stay.
    mkdir -p "$base"
    rm -rf "$base/configuration" "$base/deployments"
    cp -r "$wildfly_home/standalone/configuration" "$wildfly_home/standalone/deployments" "$base/"
    # shellcheck disable=SC2086
    "$wildfly_home/bin/standalone.sh" -c "$config" -Djboss.server.base.dir="$base" -Djboss.node.name="$name" \
        -Djboss.socket.binding.port-offset="$offset" -Djboss.tx.node.id="$name" \
        -Dvigil.cluster.enabled=true -Dvigil.broker.port="${VIGIL_NODE_BROKER_PORT:-$broker_port}" -Dvigil.broker.password="$broker_password" \
        -Dvigil.proxyAddressForwarding=true \
        -Dvigil.db.driver=postgresql -Dvigil.db.url="$db_url?currentSchema=$schema" \
        -Dvigil.db.user="$db_user" -Dvigil.db.password="${VIGIL_DB_PASSWORD:-postgres}" \
        ${VIGIL_NODE_JAVA_OPTS:-} ${VIGIL_SERVER_OPTIONS:-} > "$state/$name.console.log" 2>&1 &
    pids+=($!)
}
await_node() {
    local name=$1 node_port=$2
    for _ in $(seq 1 240); do
        curl -fs -o /dev/null "http://127.0.0.1:$node_port/api/health" && return 0
        sleep 0.5
    done
    fail "node $name did not become healthy, see $state/$name/log/server.log"
}
# One after the other: the first start of an empty database creates the schema and the first operator.
# Port offsets from WildFly's 8080, so that node A answers on the balancer's port + 100 and B on + 200.
start_node node-a $((port - 8080 + 100))
await_node node-a $((port + 100))
start_node node-b $((port - 8080 + 200))
await_node node-b $((port + 200))

# 4. The balancer.
# Each node's readiness is on its management port (WildFly's 9990, shifted like the rest).
VIGIL_BALANCER_BIND="127.0.0.1:$port" VIGIL_NODE_A="127.0.0.1:$((port + 100))" \
    VIGIL_NODE_B="127.0.0.1:$((port + 200))" \
    VIGIL_NODE_A_HEALTH_PORT=$((port - 8080 + 100 + 9990)) VIGIL_NODE_B_HEALTH_PORT=$((port - 8080 + 200 + 9990)) \
    haproxy -db -f "$(dirname "$0")/../cluster/haproxy.cfg" > "$state/haproxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 40); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/api/health" && break
    sleep 0.25
done
curl -fs -o /dev/null "http://127.0.0.1:$port/api/health" || fail "the balancer does not answer, see $state/haproxy.log"
echo "Vigil cluster up: http://127.0.0.1:$port (node-a :$((port + 100)), node-b :$((port + 200)), broker :$broker_port)"

# Runs until Ctrl-C. A node that ends (a crash, or a test's SIGKILL) is reported and the cluster goes on
# without it: the balancer's health check takes it out, its devices reconnect to the other node. If the
# broker or the balancer ends, the cluster cannot go on and everything stops.
names=(broker node-a node-b balancer)
reported=()
while true; do
    for i in "${!pids[@]}"; do
        if [ -z "${reported[i]:-}" ] && ! kill -0 "${pids[i]}" 2>/dev/null; then
            reported[i]=yes
            case ${names[i]} in
                node-*) echo "run-cluster.sh: ${names[i]} ended; the cluster goes on with the other node" >&2 ;;
                *) fail "the ${names[i]} ended; stopping the rest (logs in $state)" ;;
            esac
        fi
    done
    sleep 1 &
    wait $!
done
