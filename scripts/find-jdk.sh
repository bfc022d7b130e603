# shellcheck shell=bash
# Finds a JDK 21 or newer for Parley's scripts. Sourced (not run) by .ci/run and ./parley, so the
# search is written once. Defines parley_find_jdk; the caller's shell options (set -euo pipefail)
# are respected and left unchanged.
#
# Order, first match wins:
#   1. $JAVA_HOME, when it holds a JDK >= 21 (if it is set but older, a note goes to stderr and the
#      search goes on);
#   2. the newest JDK >= 21 under the search roots: $PARLEY_JDK_SEARCH_PATH, a colon-separated list
#      of directories (shell globs allowed), default
#      /usr/lib/jvm:/usr/local/lib/jvm:/opt/java:/opt/jdk* - each root is a JDK home itself or a
#      directory of JDK homes;
#   3. the javac on PATH, when it is >= 21.
# A JDK is a directory with bin/java and bin/javac. Its major version is read from its `release`
# file (JAVA_VERSION="25.0.3"), which every JDK since 9 ships and which costs no JVM start; without
# one, from `bin/java -version`.
#
# On success parley_find_jdk exports JAVA_HOME, puts $JAVA_HOME/bin first on PATH, sets
# PARLEY_JDK_MAJOR and returns 0. Otherwise it prints what it searched and how to fix it to stderr
# and returns 2.

PARLEY_JDK_MIN=21

# Prints the major version of the JDK at $1 (17, 21, 25, ...), or nothing if $1 is not a JDK.
parley_jdk_major() {
    local home=$1 version=''
    [[ -x $home/bin/java && -x $home/bin/javac ]] || return 0
    if [[ -r $home/release ]]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)
    fi
    if [[ -z $version ]]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    version=${version#1.}     # Java 8 and older said "1.8.0_402".
    version=${version%%[!0-9]*}
    if [[ -n $version ]]; then
        printf '%s\n' "$version"
    fi
}

parley_find_jdk() {
    local major note='' best='' best_major=0 root home real javac_path
    local -a roots=() searched=() rejected=()
    local -A seen=()

    if [[ -n ${JAVA_HOME:-} ]]; then
        major=$(parley_jdk_major "$JAVA_HOME")
        if [[ -n $major && $major -ge $PARLEY_JDK_MIN ]]; then
            _parley_use_jdk "$JAVA_HOME" "$major"
            return 0
        fi
        if [[ -n $major ]]; then
            note="JDK $major"
        else
            note="not a JDK: no bin/java and bin/javac"
        fi
        printf 'parley: JAVA_HOME=%s is %s; Parley needs JDK %s or newer, searching elsewhere.\n' \
            "$JAVA_HOME" "$note" "$PARLEY_JDK_MIN" >&2
        searched+=("JAVA_HOME=$JAVA_HOME ($note)")
    else
        searched+=("JAVA_HOME (unset)")
    fi

    IFS=: read -r -a roots <<< "${PARLEY_JDK_SEARCH_PATH-/usr/lib/jvm:/usr/local/lib/jvm:/opt/java:/opt/jdk*}"
    for root in "${roots[@]}"; do
        [[ -n $root ]] || continue
        searched+=("$root")
        # Unquoted on purpose: expands the root's own glob (/opt/jdk*) and its children.
        # shellcheck disable=SC2206
        local -a homes=($root $root/*)
        for home in "${homes[@]}"; do
            [[ -d $home ]] || continue
            real=$(readlink -f "$home")
            [[ -z ${seen[$real]:-} ]] || continue   # java-1.17.0-openjdk-amd64 -> java-17-openjdk-amd64
            seen[$real]=1
            major=$(parley_jdk_major "$home")
            [[ -n $major ]] || continue
            if [[ $major -ge $PARLEY_JDK_MIN && $major -gt $best_major ]]; then
                best=$home
                best_major=$major
            elif [[ $major -lt $PARLEY_JDK_MIN ]]; then
                rejected+=("$home is JDK $major")
            fi
        done
    done
    if [[ -n $best ]]; then
        _parley_use_jdk "$best" "$best_major"
        return 0
    fi

    if javac_path=$(command -v javac); then
        javac_path=$(readlink -f "$javac_path")
        home=${javac_path%/bin/javac}
        major=$(parley_jdk_major "$home")
        if [[ -n $major && $major -ge $PARLEY_JDK_MIN ]]; then
            _parley_use_jdk "$home" "$major"
            return 0
        fi
        searched+=("javac on PATH ($javac_path${major:+, JDK $major})")
    else
        searched+=("javac on PATH (none)")
    fi

    {
        printf 'parley: no JDK %s or newer found. Searched:\n' "$PARLEY_JDK_MIN"
        printf '    %s\n' "${searched[@]}"
        if [[ ${#rejected[@]} -gt 0 ]]; then
            printf '  Too old:\n'
            printf '    %s\n' "${rejected[@]}"
        fi
        printf '  Fix: install a JDK %s or newer, e.g. "apt-get install openjdk-21-jdk" (Debian 13 and\n' \
            "$PARLEY_JDK_MIN"
        printf '       later; Debian 12 has only 17, use a Temurin 21+ package there), or point JAVA_HOME\n'
        printf '       at one: export JAVA_HOME=/path/to/jdk-21\n'
    } >&2
    return 2
}

_parley_use_jdk() {
    export JAVA_HOME=$1
    export PATH="$JAVA_HOME/bin:$PATH"
    export PARLEY_JDK_MAJOR=$2
}
