#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for trying sweeps and for the [slurm] test: munged,
# slurmctld and slurmd on localhost (ports 6817/6818, SlurmUser=root) with a private slurm.conf,
# state, logs and pid files under DIR; nothing in /etc is touched. Needs root and the Debian
# packages slurmctld slurmd slurm-client munge. Idempotent; `start` prints `export SLURM_CONF=...`.
# Usage: slurm-local.sh start|stop|status DIR
set -euo pipefail

usage() { echo "usage: $0 start|stop|status DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
cmd=$1
dir=$(realpath -m "$2")
conf=$dir/slurm.conf
export SLURM_CONF=$conf

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Sends SIGTERM to the daemon of a pid file and waits (up to 10 s) until it is gone.
stop_daemon() {
    local name=$1 pidfile=$2
    if alive "$pidfile"; then
        local pid
        pid=$(cat "$pidfile")
        kill -TERM "$pid"
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then echo "slurm-local: $name ($pid) did not stop" >&2; return 1; fi
        echo "slurm-local: stopped $name ($pid)"
    fi
    rm -f "$pidfile"
}

write_conf() {
    local host
    host=$(hostname -s)
    mkdir -p "$dir/state" "$dir/spool" "$dir/log"
    cat >"$conf" <<EOF
# Written by scripts/slurm-local.sh: a one-node test cluster.
ClusterName=swsimlocal
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=6817
SlurmdPort=6818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0
MpiDefault=none
MailProg=/bin/true
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
ReturnToService=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

start() {
    [[ $EUID -eq 0 ]] || { echo "slurm-local: run as root (SlurmUser=root)" >&2; exit 1; }
    for b in munged slurmctld slurmd sinfo; do
        command -v "$b" >/dev/null || [[ -x /usr/sbin/$b ]] || {
            echo "slurm-local: $b is missing: apt-get install --no-install-recommends slurmctld slurmd slurm-client munge" >&2
            exit 1
        }
    done
    mkdir -p "$dir"
    # munged: the system one if it runs, else one of ours (remembered, so stop ends only ours).
    if ! alive /run/munge/munged.pid; then
        mkdir -p /run/munge && chown munge:munge /run/munge
        [[ -f /etc/munge/munge.key ]] || { mungekey --create && chown munge:munge /etc/munge/munge.key; }
        runuser -u munge -- /usr/sbin/munged </dev/null >/dev/null 2>&1
        touch "$dir/munged.ours"
    fi
    if ! alive "$dir/slurmctld.pid" || ! alive "$dir/slurmd.pid"; then
        write_conf
        # Daemons get no stdout: a caller that captures ours would otherwise wait for them forever.
        alive "$dir/slurmctld.pid" || /usr/sbin/slurmctld -f "$conf" </dev/null >/dev/null 2>&1
        alive "$dir/slurmd.pid" || /usr/sbin/slurmd -f "$conf" </dev/null >/dev/null 2>&1
    fi
    for _ in $(seq 100); do
        [[ $(sinfo -h -o %T 2>/dev/null) == idle* ]] && break
        sleep 0.1
    done
    if [[ $(sinfo -h -o %T 2>/dev/null) != idle* && $(sinfo -h -o %T 2>/dev/null) != mix* ]]; then
        echo "slurm-local: the node did not become idle; logs in $dir/log/" >&2
        tail -n 5 "$dir"/log/*.log >&2 || true
        exit 1
    fi
    echo "export SLURM_CONF=$conf"
}

case $cmd in
start) start ;;
stop)
    if [[ -f $conf ]] && alive "$dir/slurmctld.pid"; then scancel --user="$(id -un)" 2>/dev/null || true; fi
    stop_daemon slurmd "$dir/slurmd.pid"
    stop_daemon slurmctld "$dir/slurmctld.pid"
    if [[ -f $dir/munged.ours ]]; then
        stop_daemon munged /run/munge/munged.pid
        rm -f "$dir/munged.ours"
    fi
    ;;
status)
    for d in slurmctld slurmd; do
        if alive "$dir/$d.pid"; then echo "$d: running ($(cat "$dir/$d.pid"))"; else echo "$d: stopped"; fi
    done
    if alive /run/munge/munged.pid; then echo "munged: running"; else echo "munged: stopped"; fi
    if alive "$dir/slurmctld.pid"; then sinfo; fi
    ;;
*) usage ;;
esac
