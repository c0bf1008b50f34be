# Sourced by runtime/bin/workbench and runtime/bin/run-tests: checks the tools the build and the
# workbench need, and installs the native libraries jblas uses when running as root.
#   . runtime/bin/setup-env.sh || exit 2
# Sets EBP_REPO (the repository root). Returns non-zero, with a message saying what to install,
# when Java 17+ or Maven is missing. Missing native libraries only warn: the workbench then falls
# back to slower compute (see the messages).

EBP_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
export EBP_REPO

ebp_java_major() {
    # "openjdk version "17.0.15" 2025-04-15" -> 17; "1.8.0_392" -> 8
    local version
    version=$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    case $version in
        1.*) echo "$version" | cut -d. -f2 ;;
        *) echo "${version%%[.+-]*}" ;;
    esac
}

ebp_check_tools() {
    local java=java
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        java=$JAVA_HOME/bin/java
    elif ! command -v java >/dev/null 2>&1; then
        echo "setup: java not found. Install a JDK 17 or newer, e.g. 'apt-get install openjdk-17-jdk-headless', or set JAVA_HOME." >&2
        return 1
    fi
    local major
    major=$(ebp_java_major "$java")
    if [ -z "$major" ] || [ "$major" -lt 17 ] 2>/dev/null; then
        echo "setup: $java is Java ${major:-of unknown version}; the workbench needs Java 17 or newer (e.g. 'apt-get install openjdk-17-jdk-headless', then set JAVA_HOME)." >&2
        return 1
    fi
    if ! command -v mvn >/dev/null 2>&1; then
        echo "setup: mvn not found. Install Maven 3.8 or newer, e.g. 'apt-get install maven'." >&2
        return 1
    fi
    return 0
}

ebp_has_library() {
    # Not grep -q: it would stop reading early, and under 'set -o pipefail' ldconfig's broken pipe fails the test.
    ldconfig -p 2>/dev/null | grep -F "$1" >/dev/null
}

ebp_check_native_libraries() {
    # libgfortran.so.5: needed by the native library bundled in jblas (without it: pure Java compute).
    # jblas + libopenblas0-pthread: Debian's libjblas.so on OpenBLAS, about 4x faster matrix products.
    local missing=()
    ebp_has_library libgfortran.so.5 || missing+=(libgfortran5)
    [ -e /usr/lib/jni/libjblas.so ] || missing+=(jblas)
    ebp_has_library libopenblas.so.0 || missing+=(libopenblas0-pthread)
    [ ${#missing[@]} -eq 0 ] && return 0

    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing ${missing[*]} (native BLAS for jblas) ..." >&2
        if DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgfortran5 jblas libopenblas0-pthread >/dev/null; then
            return 0
        fi
        echo "setup: warning: apt-get could not install ${missing[*]}; continuing without them." >&2
    fi
    case " ${missing[*]} " in
        *" libgfortran5 "*)
            echo "setup: warning: libgfortran.so.5 is missing, so jblas cannot load its native library and the" >&2
            echo "       workbench computes in pure Java (much slower). Install it with:" >&2 ;;
        *)
            echo "setup: note: for about 4x faster matrix products, install Debian's jblas on OpenBLAS:" >&2 ;;
    esac
    echo "       sudo apt-get install libgfortran5 jblas libopenblas0-pthread" >&2
    return 0
}

ebp_missing_packages() {
    # The packages named in the list file $1 (one per line, '#' comments) that dpkg does not have installed.
    local name
    sed -e 's/#.*//' "$1" | while read -r name; do
        [ -n "$name" ] || continue
        dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -F "install ok installed" >/dev/null || echo "$name"
    done
}

ebp_install_test_packages() {
    # Called by run-tests (not by the workbench): installs runtime/bin/test-packages.txt when root.
    local list=$EBP_REPO/runtime/bin/test-packages.txt missing
    command -v dpkg-query >/dev/null 2>&1 || return 0
    missing=$(ebp_missing_packages "$list" | tr '\n' ' ')
    [ -n "${missing// /}" ] || return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing test packages: $missing..." >&2
        # shellcheck disable=SC2086 # the list is words
        if DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null; then
            return 0
        fi
        echo "setup: warning: apt-get could not install $missing; the tests that need them are skipped." >&2
        return 0
    fi
    echo "setup: note: the tests that need $missing are skipped; install with: sudo apt-get install $missing" >&2
    return 0
}

ebp_check_tools && ebp_check_native_libraries
