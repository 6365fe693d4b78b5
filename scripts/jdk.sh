# Sourced by ./apical and ./run-tests: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME, then the system JVM directories. Prints a clear message if none is found.
apical_required_jdk=25

apical_java_major() {  # $1 = path to a java executable; prints its feature version or nothing
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  case "$v" in 1.*) v=${v#1.}; v=${v%%.*} ;; esac
  printf '%s' "$v"
}

apical_find_jdk() {
  local candidates=() best="" best_major=0 dir major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(apical_java_major "$dir/bin/java")
    [ -n "$major" ] || continue
    # JAVA_HOME wins if it is recent enough; otherwise take the newest JDK found.
    if [ "$dir" = "${JAVA_HOME:-}" ] && [ "$major" -ge "$apical_required_jdk" ]; then best=$dir; break; fi
    if [ "$major" -ge "$apical_required_jdk" ] && [ "$major" -gt "$best_major" ]; then best=$dir; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "apical: no JDK ${apical_required_jdk} or newer found." >&2
    echo "  Looked at JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm, /usr/java, /opt." >&2
    echo "  Install one (e.g. Temurin 25: apt-get install temurin-25-jdk) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
