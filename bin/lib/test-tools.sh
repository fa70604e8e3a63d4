# Sourced by bin/test: installs, from Debian's packages, the tools some tests run beside the JVM when
# they are missing: promtool (package prometheus) lints /metrics and the alert rules, and Chromium
# with its chromedriver drives the portal's browser tests. Needs root or password-less sudo; without
# either it says what is missing, and those tests fail naming the package.
test_tools_missing=()
command -v promtool >/dev/null 2>&1 || test_tools_missing+=(prometheus)
[ -x /usr/bin/chromium ] || test_tools_missing+=(chromium)
[ -x /usr/bin/chromedriver ] || test_tools_missing+=(chromium-driver)
if [ ${#test_tools_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    test_tools_sudo=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    test_tools_sudo=(sudo)
  else
    test_tools_sudo=(none)
  fi
  if [ "${test_tools_sudo[*]}" = none ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "bin/test: ${test_tools_missing[*]} missing and cannot be installed here (needs apt-get as root or with sudo);" \
      "the tests that use them will fail" >&2
  else
    echo "bin/test: installing ${test_tools_missing[*]} from Debian's packages ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    "${test_tools_sudo[@]}" apt-get update -qq
    "${test_tools_sudo[@]}" apt-get install -y -qq --no-install-recommends "${test_tools_missing[@]}" >/dev/null
    # The prometheus package starts a Prometheus server; the tests only run promtool.
    ("${test_tools_sudo[@]}" systemctl stop prometheus || "${test_tools_sudo[@]}" service prometheus stop || true) >/dev/null 2>&1
  fi
fi
unset test_tools_missing test_tools_sudo
