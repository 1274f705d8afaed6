# Sourced by mvnw (and .ci/run): the build needs a JDK >= 21. When JAVA_HOME (or the `java` on the PATH) is older,
# as on machines whose default `java` is 17 with a newer JDK installed beside it, point JAVA_HOME at the lowest
# installed JDK >= 21 and say so. When there is none, nothing changes and the enforcer says what to install.

smsjdk_major() { # prints the feature version of the JDK at $1, or nothing
  smsjdk_v=""
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    smsjdk_v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  fi
  if [ -z "$smsjdk_v" ]; then
    smsjdk_v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$smsjdk_v"
}

smsjdk_current() { # prints the home of the JDK the build would use now, or nothing
  if [ -n "${JAVA_HOME-}" ]; then
    echo "$JAVA_HOME"
  elif command -v javac >/dev/null 2>&1; then
    smsjdk_javac=$(command -v javac)
    while [ -L "$smsjdk_javac" ]; do
      smsjdk_link=$(readlink "$smsjdk_javac")
      case "$smsjdk_link" in /*) smsjdk_javac=$smsjdk_link ;; *) smsjdk_javac=$(dirname "$smsjdk_javac")/$smsjdk_link ;; esac
    done
    (cd "$(dirname "$smsjdk_javac")/.." && pwd -P)
  fi
}

smsjdk_select() {
  smsjdk_home=$(smsjdk_current)
  smsjdk_have=""
  [ -z "$smsjdk_home" ] || smsjdk_have=$(smsjdk_major "$smsjdk_home")
  if [ -n "$smsjdk_have" ] && [ "$smsjdk_have" -ge 21 ]; then
    return 0
  fi
  smsjdk_best="" smsjdk_best_v=0
  set +f
  for smsjdk_candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "${HOME-}"/.sdkman/candidates/java/* "${HOME-}"/.jdks/*; do
    [ -d "$smsjdk_candidate" ] || continue
    smsjdk_v=$(smsjdk_major "$smsjdk_candidate")
    [ -n "$smsjdk_v" ] || continue
    if [ "$smsjdk_v" -ge 21 ] && { [ "$smsjdk_best_v" -eq 0 ] || [ "$smsjdk_v" -lt "$smsjdk_best_v" ]; }; then
      smsjdk_best=$smsjdk_candidate smsjdk_best_v=$smsjdk_v
    fi
  done
  set -f
  if [ -n "$smsjdk_best" ]; then
    [ "${MVNW_QUIET_JDK-}" = true ] || echo "mvnw: using JDK $smsjdk_best_v at $smsjdk_best (the build needs >= 21;" \
      "found ${smsjdk_have:-none}${smsjdk_home:+ at $smsjdk_home}; set JAVA_HOME to choose another)" >&2
    JAVA_HOME=$smsjdk_best
    export JAVA_HOME
  fi
}

smsjdk_select
