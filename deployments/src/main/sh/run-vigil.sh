#!/usr/bin/env bash
# The run profile's launcher: WildFly with Vigil in the foreground and, next to it, a small demo
# fleet of simulated devices (the vigil-device simulator), so the admin page is alive from the start.
#   run-vigil.sh WILDFLY_HOME SERVER_CONFIG [standalone.sh arguments...]
# Environment: VIGIL_DEMO_DEVICES (default 5; 0 runs no fleet), VIGIL_DEMO_STATE (the fleet's tokens
# and outboxes), VIGIL_DEVICE (the vigil-device launcher), VIGIL_ADMIN_USER / VIGIL_ADMIN_PASSWORD (the
# first operator, also who registers the demo fleet; without them the server generates a password and
# the fleet reads it from the server's data directory), VIGIL_SERVER_OPTIONS (more standalone.sh
# arguments, such as -Dvigil.x=y, split at spaces: -Dvigil.server.options="..." on the Maven command line).
# Ctrl-C stops both.
set -u
wildfly_home=$1
config=$2
shift 2

# standalone.sh then passes INT/TERM on to the server's JVM and waits for it.
export LAUNCH_JBOSS_IN_BACKGROUND=1
read -r -a options <<< "${VIGIL_SERVER_OPTIONS:-}"
"$wildfly_home/bin/standalone.sh" -c "$config" "$@" "${options[@]}" &
server=$!

demo=
if [ "${VIGIL_DEMO_DEVICES:-5}" -gt 0 ]; then
    # Registering the fleet needs an operator: the one named at first start, or the generated one's file.
    VIGIL_PASSWORD=${VIGIL_ADMIN_PASSWORD:-} "$VIGIL_DEVICE" simulate --url ws://localhost:8080 \
        --devices "${VIGIL_DEMO_DEVICES:-5}" --rate 1 --prefix demo-pump- --state-dir "$VIGIL_DEMO_STATE" \
        --user "${VIGIL_ADMIN_USER:-admin}" --password-file "$wildfly_home/standalone/data/vigil/initial-admin-password" \
        --wait-for-server 300 --status-every 60 &
    demo=$!
fi

stopped=
stop() {
    stopped=yes
    [ -n "$demo" ] && kill "$demo" 2>/dev/null
    kill "$server" 2>/dev/null
}
trap stop INT TERM
wait "$server"
status=$?
# A trapped signal ends the first wait at once; the server is still shutting down.
[ -n "$stopped" ] && wait "$server" 2>/dev/null
[ -n "$demo" ] && kill "$demo" 2>/dev/null && wait "$demo" 2>/dev/null
# Stopped with Ctrl-C: that is the normal way out, not a failure.
[ -n "$stopped" ] && exit 0
exit $status
