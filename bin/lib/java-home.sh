# Sourced by the scripts in bin/: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME, then the JDKs installed under the usual folders, newest first, then `java` on PATH.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

usable_jdk() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(java_major "$1")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && usable_jdk "$JAVA_HOME"; then
    echo "$JAVA_HOME"; return 0
  fi
  local candidate best="" best_major=0 major
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$candidate" ] || continue
    usable_jdk "$candidate" || continue
    major=$(java_major "$candidate")
    if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    usable_jdk "$candidate" && best="$candidate"
  fi
  [ -n "$best" ] && echo "$best"
}

if ! JAVA_HOME=$(find_jdk); then
  echo "No JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm, /opt/java, sdkman). Install one and set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
