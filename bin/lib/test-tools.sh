# Sourced by bin/test: installs, from Debian's packages, the tools some tests run beside the JVM when
# they are missing: promtool (package prometheus) lints /metrics and the alert rules, and Chromium
# with its chromedriver drives the portal's browser tests. Needs root or password-less sudo; without
# either it says what is missing, and those tests fail naming the package.
install_test_tools() {
  local missing=() as_root=()
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ ${#missing[@]} -gt 0 ] || return 0
  if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo)
  fi
  if ! command -v apt-get >/dev/null 2>&1 || { [ ${#as_root[@]} -gt 0 ] && ! sudo -n true 2>/dev/null; }; then
    echo "bin/test: ${missing[*]} missing and cannot be installed here (needs apt-get as root or with password-less sudo);" \
      "the tests that use them will fail" >&2
    return 0
  fi
  echo "bin/test: installing ${missing[*]} from Debian's packages ..." >&2
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The prometheus package starts a Prometheus server; the tests only run promtool.
  ("${as_root[@]}" systemctl stop prometheus || "${as_root[@]}" service prometheus stop || true) >/dev/null 2>&1
}
install_test_tools
unset -f install_test_tools
