#!/usr/bin/env bash
# Lists the tests a run skipped, by name and with JUnit's reason (e.g. Testcontainers' "Docker is not
# available"), from the Surefire and Failsafe XML reports written after the file given as $1.
# Maven's console gives only the count; bin/test prints this list after the build.
set -euo pipefail
since=$1
skipped=$(find . -path '*/target/surefire-reports/TEST-*.xml' -newer "$since" -o -path '*/target/failsafe-reports/TEST-*.xml' -newer "$since" \
  | sort | xargs -r awk '
      /<testcase / {
        name = ""; cls = ""
        if (match($0, /name="[^"]*"/)) name = substr($0, RSTART + 6, RLENGTH - 7)
        if (match($0, /classname="[^"]*"/)) cls = substr($0, RSTART + 11, RLENGTH - 12)
      }
      /<skipped/ {
        reason = "no reason given"
        if (match($0, /message="[^"]*"/)) {
          reason = substr($0, RSTART + 9, RLENGTH - 10)
        } else if (match($0, /CDATA\[.*/)) {
          reason = substr($0, RSTART + 6)
          sub(/^[A-Za-z0-9_.$]*: /, "", reason)
        }
        print "  " cls "." name ": " reason
      }')
if [ -n "$skipped" ]; then
  echo "Skipped tests ($(printf '%s\n' "$skipped" | wc -l)):"
  printf '%s\n' "$skipped"
fi
