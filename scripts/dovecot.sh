#!/usr/bin/env bash
# A throwaway Dovecot IMAP server for the IMAP poller's tests (DESIGN.md §7).
#
#   scripts/dovecot.sh install      apt-get dovecot-imapd if missing (the system service stays off)
#   scripts/dovecot.sh start        install, then start a new instance on 127.0.0.1 and a free port,
#                                   in a fresh temp dir; prints its settings as KEY=value lines:
#                                   TRIAGE_DOVECOT_DIR, _ADDR (host:port), _USER, _PASSWORD
#   scripts/dovecot.sh stop DIR     stop the instance of DIR and remove DIR
#   scripts/dovecot.sh stop-all     stop every instance this script started on the machine
#
# Each start makes an independent instance (tests may run several at once). Dovecot's
# master runs as root and its services as the dovecot user; ssl is off, plaintext login
# allowed, one user with a random password, Maildir storage. Progress and errors go to
# stderr prefixed "dovecot: ", so callers can eval "$(scripts/dovecot.sh start)".
set -euo pipefail

FIRST_PORT=11143
PREFIX=triage-dovecot
export DEBIAN_FRONTEND=noninteractive

log() { echo "dovecot: $*" >&2; }
die() { log "error: $*"; exit 1; }

run_quiet() {
	local out rc=0
	out=$(mktemp)
	"$@" >"$out" 2>&1 </dev/null || rc=$?
	if ((rc != 0)); then
		tail -n 40 "$out" >&2
		rm -f "$out"
		die "failed (exit $rc): $*"
	fi
	rm -f "$out"
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -qx 'install ok installed'; }

cmd_install() {
	if [[ -x /usr/sbin/dovecot ]] && installed dovecot-imapd; then
		return 0
	fi
	[[ $EUID -eq 0 ]] || die "dovecot-imapd is missing and installing it needs root"
	log "apt-get install dovecot-imapd"
	# Serialize with concurrent installs (parallel test packages, scripts/pg.sh).
	run_quiet apt-get -q -y -o DPkg::Lock::Timeout=600 update
	run_quiet apt-get -q -y -o DPkg::Lock::Timeout=600 install dovecot-imapd
	# The package may have started the system-wide service (no policy-rc.d on this
	# machine): our instances need none of it, and it would hold port 143.
	if [[ -f /run/dovecot/master.pid ]]; then
		/usr/sbin/dovecot stop >/dev/null 2>&1 || true
	fi
}

port_in_use() {
	local hex
	hex=$(printf '%04X' "$1")
	grep -Eq "^ *[0-9]+: [0-9A-F]+:$hex [0-9A-F]+:[0-9A-F]+ 0A " /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

free_port() {
	local p
	# Start at a random offset so that instances started together rarely race for a port.
	for ((p = FIRST_PORT + RANDOM % 500; p < FIRST_PORT + 1500; p++)); do
		port_in_use "$p" || { echo "$p"; return 0; }
	done
	die "no free port in $FIRST_PORT..$((FIRST_PORT + 1499))"
}

write_conf() {
	local dir=$1 port=$2
	cat >"$dir/dovecot.conf" <<-EOF
		# Written by scripts/dovecot.sh: a test instance, not a mail server.
		protocols = imap
		listen = 127.0.0.1
		base_dir = $dir/run
		state_dir = $dir/state
		instance_name = $PREFIX-${dir##*.}
		log_path = $dir/dovecot.log
		info_log_path = $dir/dovecot.log
		ssl = no
		disable_plaintext_auth = no
		auth_mechanisms = plain login
		first_valid_uid = 1
		default_internal_user = dovecot
		default_login_user = dovenull
		passdb {
		  driver = passwd-file
		  args = scheme=PLAIN username_format=%u $dir/passwd
		}
		userdb {
		  driver = static
		  args = uid=dovecot gid=dovecot home=$dir/mail/%u
		}
		mail_location = maildir:~/Maildir
		# Throwaway data: no fsync, so that tests can deliver thousands of messages fast.
		mail_fsync = never
		# The tests open a few connections at once (poller, appender, checks).
		mail_max_userip_connections = 50
		service imap-login {
		  inet_listener imap {
		    address = 127.0.0.1
		    port = $port
		  }
		  inet_listener imaps {
		    port = 0
		  }
		}
	EOF
}

master_pid() {
	local f=$1/run/master.pid pid
	[[ -f $f ]] || return 1
	pid=$(<"$f")
	[[ $pid =~ ^[0-9]+$ && -d /proc/$pid ]] || return 1
	echo "$pid"
}

cmd_start() {
	cmd_install
	local dir user=triage pass port attempt
	dir=$(mktemp -d "/tmp/$PREFIX.XXXXXXXX")
	# mktemp makes it 700: the auth process, running as dovecot, could not read the
	# passwd file and login would fail with "Temporary authentication failure".
	chmod 755 "$dir"
	mkdir -p "$dir/run" "$dir/state" "$dir/mail"
	chmod 777 "$dir/mail"
	pass=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
	printf '%s:{PLAIN}%s\n' "$user" "$pass" >"$dir/passwd"
	chmod 644 "$dir/passwd"
	for attempt in 1 2 3 4 5; do
		port=$(free_port)
		write_conf "$dir" "$port"
		if /usr/sbin/dovecot -c "$dir/dovecot.conf" 2>>"$dir/dovecot.log"; then
			local i
			for ((i = 0; i < 100; i++)); do
				port_in_use "$port" && break
				sleep 0.05
			done
			if port_in_use "$port" && master_pid "$dir" >/dev/null; then
				log "started on 127.0.0.1:$port (dir $dir, log $dir/dovecot.log)"
				echo "TRIAGE_DOVECOT_DIR=$dir"
				echo "TRIAGE_DOVECOT_ADDR=127.0.0.1:$port"
				echo "TRIAGE_DOVECOT_USER=$user"
				echo "TRIAGE_DOVECOT_PASSWORD=$pass"
				return 0
			fi
		fi
		log "attempt $attempt on port $port failed; retrying"
		stop_dir "$dir" keep
	done
	tail -n 20 "$dir/dovecot.log" >&2 || true
	rm -rf "$dir"
	die "dovecot did not start"
}

# stop_dir DIR [keep]: stops the instance of DIR, then removes DIR unless "keep".
stop_dir() {
	local dir=$1 pid i
	[[ -f $dir/dovecot.conf && ${dir##*/} == "$PREFIX".* ]] || die "$dir is not an instance of this script"
	if pid=$(master_pid "$dir"); then
		/usr/sbin/dovecot -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
		for ((i = 0; i < 100; i++)); do
			[[ -d /proc/$pid ]] || break
			sleep 0.05
		done
		[[ -d /proc/$pid ]] && kill -9 "$pid" 2>/dev/null || true
	fi
	[[ ${2:-} == keep ]] || rm -rf "$dir"
}

cmd_stop() {
	[[ -n ${1:-} ]] || die "usage: scripts/dovecot.sh stop DIR"
	[[ -d $1 ]] || { log "no instance in $1"; return 0; }
	stop_dir "$1"
	log "stopped $1"
}

cmd_stop_all() {
	local d
	for d in /tmp/"$PREFIX".*; do
		[[ -d $d ]] && cmd_stop "$d"
	done
	return 0
}

usage() {
	sed -n '3,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
	exit 2
}

case ${1:-} in
install) cmd_install ;;
start) cmd_start ;;
stop) cmd_stop "${2:-}" ;;
stop-all) cmd_stop_all ;;
*) usage ;;
esac
