#!/usr/bin/env bash
# Local PostgreSQL 15 + pgvector for development and tests (DESIGN.md §7).
#
#   scripts/pg.sh install        apt-get PostgreSQL 15, build pgvector if missing
#   scripts/pg.sh start          install, init the cluster if needed, start it, ensure
#                                role+db triage; the LAST stdout line is the DATABASE_URL
#   scripts/pg.sh stop           fast shutdown
#   scripts/pg.sh status         running or not, where, URL (exit 3 when not running)
#   scripts/pg.sh url            the DATABASE_URL only
#   scripts/pg.sh psql [args]    psql into db triage as triage
#
# Everything except the URL (and status/psql output) goes to stderr, prefixed "pg: ",
# so callers can do: url=$(scripts/pg.sh start | tail -n 1).
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
FIRST_PORT=55432
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
# Keys the fallback cluster dir and the /tmp socket dir to this checkout.
KEY=$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)
FALLBACK_BASE=/var/lib/triage-pg/$KEY
CLUSTER=triage-$KEY

export DEBIAN_FRONTEND=noninteractive
# A caller's PGHOST/PGPORT/PGUSER/... would silently redirect our own pg_ctl/psql calls.
for v in $(compgen -e PG || true); do unset "$v"; done

log() { echo "pg: $*" >&2; }
die() { log "error: $*"; exit 1; }

# fd 9 holds the script's lock (see main); children must not inherit it, or a
# postmaster started under the lock would keep holding it for its whole life.
as_pg() { (cd / && runuser -u postgres -- "$@" 9>&-); }

# Runs a noisy command with its output kept aside; shows the tail only on failure.
run_quiet() {
	local out rc=0
	out=$(mktemp)
	"$@" >"$out" 2>&1 </dev/null 9>&- || rc=$?
	if ((rc != 0)); then
		tail -n 40 "$out" >&2
		rm -f "$out"
		die "failed (exit $rc): $*"
	fi
	rm -f "$out"
}

apt_get() { run_quiet apt-get -q -y -o DPkg::Lock::Timeout=600 "$@"; }

APT_UPDATED=
apt_update_once() {
	[[ -n $APT_UPDATED ]] && return 0
	log "apt-get update"
	apt_get update
	APT_UPDATED=1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -qx 'install ok installed'; }

# ---------------------------------------------------------------- install

# Prints "<URIs>\t<Signed-By>" of the main Debian archive (the stanza with a plain
# suite such as "bookworm", not "-updates"/"-security" only), so the trixie deb-src
# entry uses the same mirror (possibly a snapshot or proxy) and keyring as the system.
debian_archive() {
	local f=/etc/apt/sources.list.d/debian.sources line=
	[[ -r $f ]] && line=$(awk 'BEGIN { RS = ""; FS = "\n" }
		{
			u = s = su = ""; off = 0
			for (i = 1; i <= NF; i++) {
				if ($i ~ /^URIs:/)      { u = $i;  sub(/^URIs:[ \t]*/, "", u) }
				if ($i ~ /^Suites:/)    { su = $i; sub(/^Suites:[ \t]*/, "", su) }
				if ($i ~ /^Signed-By:/) { s = $i;  sub(/^Signed-By:[ \t]*/, "", s) }
				if ($i ~ /^Enabled:[ \t]*no/) off = 1
			}
			n = split(su, t, /[ \t]+/); plain = 0
			for (i = 1; i <= n; i++) if (t[i] != "" && index(t[i], "-") == 0) plain = 1
			if (u != "" && plain && !off) { print u "\t" s; exit }
		}' "$f")
	printf '%s\n' "${line:-$(printf 'http://deb.debian.org/debian\t/usr/share/keyrings/debian-archive-keyring.gpg')}"
}

build_pgvector() {
	local p deps=()
	for p in postgresql-server-dev-15 dpkg-dev build-essential; do
		installed "$p" || deps+=("$p")
	done
	if ((${#deps[@]})); then
		apt_update_once
		log "apt-get install ${deps[*]}"
		apt_get install "${deps[@]}"
	fi

	local tmp uris signed_by
	tmp=$(mktemp -d)
	# shellcheck disable=SC2064 # expand now: $tmp is local
	trap "rm -rf '$tmp'" EXIT
	IFS=$'\t' read -r uris signed_by < <(debian_archive)
	mkdir -p "$tmp/sources" "$tmp/lists/partial" "$tmp/src"
	{
		echo "Types: deb-src"
		echo "URIs: $uris"
		echo "Suites: trixie"
		echo "Components: main"
		# An inline (multi-line) key is not copied; apt then falls back to trusted.gpg.d.
		[[ $signed_by == /* ]] && echo "Signed-By: $signed_by"
	} >"$tmp/sources/trixie-src.sources"

	# A private apt view of trixie's sources only: the system's lists and binary caches
	# stay untouched (empty pkgcache/srcpkgcache = build the cache in memory), and the
	# download runs as root because _apt cannot enter the mode-700 temp dir.
	local iso=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$tmp/sources"
		-o "Dir::State::Lists=$tmp/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
		-o APT::Sandbox::User=root)
	log "fetching pgvector source from trixie ($uris)"
	apt_get "${iso[@]}" update
	(cd "$tmp/src" && apt_get "${iso[@]}" source pgvector)

	local dir
	dir=$(find "$tmp/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
	[[ -n $dir ]] || die "apt-get source pgvector produced no source tree"
	log "building ${dir##*/}"
	# OPTFLAGS= drops upstream's -march=native (as Debian's own build does), so a
	# machine image built here still works on an older CPU.
	run_quiet make -C "$dir" PG_CONFIG="$PG_BIN/pg_config" OPTFLAGS=
	run_quiet make -C "$dir" PG_CONFIG="$PG_BIN/pg_config" OPTFLAGS= install
	rm -rf "$tmp"
	trap - EXIT
}

cmd_install() {
	if [[ ! -x $PG_BIN/postgres ]]; then
		apt_update_once
		log "apt-get install postgresql-15 postgresql-contrib"
		apt_get install postgresql-15 postgresql-contrib
	fi
	local libdir sharedir
	libdir=$("$PG_BIN/pg_config" --pkglibdir)
	sharedir=$("$PG_BIN/pg_config" --sharedir)
	if [[ ! -f $libdir/vector.so || ! -f $sharedir/extension/vector.control ]]; then
		build_pgvector
		[[ -f $libdir/vector.so ]] || die "pgvector built but $libdir/vector.so is missing"
		log "pgvector installed into $libdir"
	fi
}

# ---------------------------------------------------------------- cluster layout

# BASE holds pg/ (the data dir, owned by postgres), pg.port, pg.log and run/ (sockets).
set_base() {
	BASE=$1
	PGDATA=$BASE/pg
	PORT_FILE=$BASE/pg.port
	LOG_FILE=$BASE/pg.log
	RUN=$BASE/run
	# A unix socket path is limited to 107 bytes ("/.s.PGSQL.NNNNN" is 16 of them):
	# a deep checkout gets its socket dir under /tmp instead.
	if ((${#RUN} + 16 > 107)); then RUN=/tmp/triage-pg-$KEY; fi
}

# Finds an existing cluster (in the checkout first, then the fallback); no side effects.
locate() {
	local b
	for b in "$ROOT/.data" "$FALLBACK_BASE"; do
		if [[ -d $b/pg && -f $b/pg.port ]]; then
			set_base "$b"
			PORT=$(<"$PORT_FILE")
			return 0
		fi
	done
	return 1
}

# Picks where a new cluster goes: the checkout, unless postgres cannot reach it
# (e.g. a clone under mode-700 /root).
choose_base() {
	local b=$ROOT/.data
	mkdir -p "$b"
	chmod go+x "$b" # traverse only; a umask-077 .data would lock postgres out
	if as_pg test -x "$b" 2>/dev/null; then
		set_base "$b"
		return
	fi
	mkdir -p "$FALLBACK_BASE"
	chmod 755 "${FALLBACK_BASE%/*}" "$FALLBACK_BASE" # even under umask 077
	set_base "$FALLBACK_BASE"
	log "postgres cannot traverse $ROOT: the cluster goes to $FALLBACK_BASE instead"
}

port_in_use() {
	local hex
	hex=$(printf '%04X' "$1")
	# /proc/net/tcp{,6}: "sl: local_addr:PORT rem_addr:port st ...", st 0A = LISTEN.
	grep -Eq "^ *[0-9]+: [0-9A-F]+:$hex [0-9A-F]+:[0-9A-F]+ 0A " /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

free_port() {
	local p
	for ((p = FIRST_PORT; p < FIRST_PORT + 1000; p++)); do
		port_in_use "$p" || { echo "$p"; return 0; }
	done
	die "no free port in $FIRST_PORT..$((FIRST_PORT + 999))"
}

url() { echo "postgres://triage:triage@127.0.0.1:$PORT/triage?sslmode=disable"; }

# Our postmaster is alive iff postmaster.pid names a live "postgres" process started on
# this data dir: after a reboot the recorded PID may belong to something unrelated.
is_running() {
	local pid
	[[ -f $PGDATA/postmaster.pid ]] || return 1
	pid=$(head -n 1 "$PGDATA/postmaster.pid" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	[[ $(cat "/proc/$pid/comm" 2>/dev/null) == postgres ]] || return 1
	tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline" | grep -qxF -- "$PGDATA"
}

# PIDs of processes still serving this cluster: every postgres child retitles itself
# "postgres: <cluster_name>: ...", and cluster_name is unique per checkout.
cluster_pids() {
	local f title
	for f in /proc/[0-9]*/cmdline; do
		title=
		IFS= read -r -d '' title 2>/dev/null <"$f" || true
		if [[ $title == "postgres: $CLUSTER: "* ]]; then
			f=${f#/proc/}
			echo "${f%/cmdline}"
		fi
	done
}

# A postmaster.pid left by a crash or reboot makes postgres refuse to start when its
# PID is alive: reused after a reboot, or a zombie nobody reaps (a container whose
# PID 1 is not an init). Remove it then, but only once no orphaned backend of this
# cluster is left, since the file is also postgres's guard against those. A live
# postgres process is left alone (pg_ctl will explain) rather than risk two postmasters.
clear_stale_pid() {
	local f=$PGDATA/postmaster.pid pid stat='' state='' orphans='' i
	[[ -f $f ]] || return 0
	pid=$(head -n 1 "$f")
	if [[ $pid =~ ^[0-9]+$ ]]; then
		read -r stat 2>/dev/null <"/proc/$pid/stat" || true
		state=${stat##*) }
		state=${state%% *}
		if [[ -n $state && $state != Z && $(cat "/proc/$pid/comm" 2>/dev/null) == postgres ]]; then
			return 0
		fi
	fi
	for ((i = 0; i < 50; i++)); do
		orphans=$(cluster_pids)
		[[ -z $orphans ]] && break
		sleep 0.2
	done
	[[ -z $orphans ]] || die "postmaster $pid is gone but its processes remain: ${orphans//$'\n'/ }"
	log "removing stale postmaster.pid (PID $pid)"
	rm -f "$f" "$RUN"/.s.PGSQL.*
}

init_cluster() {
	local tmp=$BASE/pg.init locale=C
	# initdb into a side dir, renamed when complete, so a half-done init never looks
	# like a cluster.
	rm -rf "$tmp"
	mkdir -m 700 "$tmp"
	chown postgres:postgres "$tmp"
	grep -qix 'c\.utf-\?8' < <(locale -a 2>/dev/null) && locale=C.UTF-8
	log "initdb $PGDATA (locale $locale)"
	run_quiet as_pg "$PG_BIN/initdb" -D "$tmp" -U postgres -E UTF8 --locale="$locale" \
		--auth-local=trust --auth-host=scram-sha-256 --no-instructions
	printf "\n# Port and socket dir are rewritten by scripts/pg.sh on every start.\ninclude_if_exists = 'triage.conf'\n" \
		>>"$tmp/postgresql.conf"
	free_port >"$PORT_FILE"
	mv "$tmp" "$PGDATA"
}

# Settings that depend on where the checkout lives and which port it got; regenerated
# on each start so a moved checkout or a changed port just works.
write_conf() {
	local q=${RUN//\'/\'\'}
	cat >"$PGDATA/triage.conf" <<-EOF
		port = $PORT
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$q'
		cluster_name = '$CLUSTER'
		# go test runs packages in parallel, each with its own pgx pool.
		max_connections = 300
	EOF
	chown postgres:postgres "$PGDATA/triage.conf"
	chmod 600 "$PGDATA/triage.conf"
}

# The run dir may live in /tmp (long paths) and vanish on reboot.
prepare_run_dir() {
	mkdir -p "$RUN"
	chown postgres:postgres "$RUN"
	chmod 700 "$RUN"
}

start_server() {
	clear_stale_pid
	if port_in_use "$PORT"; then
		local old=$PORT
		PORT=$(free_port)
		echo "$PORT" >"$PORT_FILE"
		log "port $old is taken by another program: moving the cluster to port $PORT"
	fi
	write_conf
	touch "$LOG_FILE"
	chown postgres:postgres "$LOG_FILE"
	log "starting on 127.0.0.1:$PORT (log: $LOG_FILE)"
	local rc=0
	as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$LOG_FILE" -w -t 120 start </dev/null >/dev/null 2>&1 || rc=$?
	if ((rc != 0)); then
		tail -n 30 "$LOG_FILE" >&2
		die "pg_ctl start failed (exit $rc); log: $LOG_FILE"
	fi
}

# Superuser because this is a throwaway local cluster: migrations create the vector
# extension and tests create and drop whole databases.
ensure_roles() {
	as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$RUN" -p "$PORT" -U postgres -d postgres >/dev/null <<-'SQL'
		DO $$ BEGIN
		  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'triage') THEN CREATE ROLE triage; END IF;
		END $$;
		ALTER ROLE triage WITH LOGIN SUPERUSER PASSWORD 'triage';
		SELECT 'CREATE DATABASE triage OWNER triage'
		 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'triage') \gexec
	SQL
}

# ---------------------------------------------------------------- commands

cmd_start() {
	cmd_install
	locate || {
		choose_base
		[[ -f $PGDATA/PG_VERSION ]] || init_cluster
		PORT=$(<"$PORT_FILE")
	}
	prepare_run_dir
	if is_running; then
		log "already running: $PGDATA on port $PORT"
	else
		start_server
	fi
	ensure_roles
	url
}

cmd_stop() {
	locate || { log "no cluster"; return 0; }
	if is_running; then
		run_quiet as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 120 stop
		log "stopped $PGDATA"
	else
		log "not running: $PGDATA"
	fi
}

cmd_status() {
	if ! locate; then
		echo "no cluster (run: scripts/pg.sh start)"
		return 3
	fi
	local state=stopped rc=3
	if is_running; then state=running rc=0; fi
	echo "state:    $state"
	echo "data dir: $PGDATA"
	echo "socket:   $RUN"
	echo "log:      $LOG_FILE"
	echo "url:      $(url)"
	return "$rc"
}

cmd_url() {
	locate || die "no cluster yet (run: scripts/pg.sh start)"
	url
}

cmd_psql() {
	locate || die "no cluster yet (run: scripts/pg.sh start)"
	is_running || die "not running (run: scripts/pg.sh start)"
	exec "$PG_BIN/psql" -h "$RUN" -p "$PORT" -U triage -d triage "$@"
}

usage() {
	sed -n '3,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
	exit 2
}

main() {
	local cmd=${1:-}
	[[ -n $cmd ]] || usage
	shift
	case $cmd in
	install | start | stop | status | psql)
		[[ $EUID -eq 0 ]] || die "must run as root (it uses apt-get and runuser)"
		;;
	url) ;;
	*) usage ;;
	esac
	case $cmd in
	install | start | stop)
		# Serializes concurrent `make test`/`make run` (and checkouts sharing the
		# machine-wide pgvector install). Closed in every child: see as_pg.
		local lock=/run/lock
		[[ -d $lock && -w $lock ]] || lock=/tmp
		exec 9>"$lock/triage-pg.lock"
		flock 9
		;;
	esac
	case $cmd in
	install) cmd_install ;;
	start) cmd_start ;;
	stop) cmd_stop ;;
	status) cmd_status ;;
	url) cmd_url ;;
	psql) cmd_psql "$@" ;;
	esac
}

main "$@"
