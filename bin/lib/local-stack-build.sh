# Sourced by bin/run (and its test): where the local stack's jar is, and whether it must be built again.

local_stack_jar=local-stack/target/local-stack-0.1.0-SNAPSHOT-all.jar
# The modules the jar is made of (local-stack and what it depends on).
local_stack_modules="contracts service-kit testkit ingest-service router-streams delivery-worker subscription-api local-stack"

# Succeeds when the jar is missing or older than a file it is built from: the POMs, sources and
# resources of its modules and the shared settings (deploy/config). Generated files under target/
# and the data folder never count, so a built clone starts without Maven.
local_stack_stale() {
  [ -f "$local_stack_jar" ] || return 0
  local inputs=(pom.xml deploy/config) module
  for module in $local_stack_modules; do
    inputs+=("$module/pom.xml" "$module/src/main")
  done
  [ -n "$(find "${inputs[@]}" -type f -newer "$local_stack_jar" -print -quit 2>/dev/null)" ]
}
