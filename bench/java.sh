# Sourced by the bench scripts: sets $java to a JDK 21 or newer ($JAVA_HOME first, then /usr/lib/jvm),
# as ./kb finds one, or stops naming what is missing.
java=""
for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java; do
  version="$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
  if [ -n "$version" ] && [ "$version" -ge 21 ]; then java="$candidate"; break; fi
done
[ -n "$java" ] || { echo "$(basename "$0"): needs a JDK 21 or newer (JAVA_HOME or /usr/lib/jvm)" >&2; exit 1; }
