"""bin/start-production runs the mail worker, the sweep and the alerts next to gunicorn,
and all of them stop together. A stand-in for Python records what the script starts and stops."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bin" / "start-production"

# Set-up commands succeed at once; the long-running ones run until stopped, except
# gunicorn when GUNICORN_EXIT is set (a crash).
STAND_IN = """#!/usr/bin/env bash
log="$STAND_IN_LOG"
case "$*" in
  *gunicorn*) name=gunicorn ;;
  *db_worker*) name=worker ;;
  *send_queued_mail*) name=sweep ;;
  *send_alerts*) name=alerts ;;
  *) exit 0 ;;
esac
echo "started $name" >> "$log"
if [ "$name" = gunicorn ] && [ -n "${GUNICORN_EXIT:-}" ]; then sleep 0.5; exit "$GUNICORN_EXIT"; fi
trap 'echo "stopped $name" >> "$log"; exit 0' TERM
while true; do sleep 0.05; done
"""


@pytest.fixture
def stand_in(tmp_path):
    python = tmp_path / "python"
    python.write_text(STAND_IN)
    python.chmod(0o755)
    log = tmp_path / "log"
    log.touch()
    return python, log


def start(stand_in, **env):
    python, log = stand_in
    return subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
        [str(SCRIPT)],
        env={"PATH": os.environ["PATH"], "PYTHON": str(python), "STAND_IN_LOG": str(log)} | env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def events(log, count):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = log.read_text().splitlines()
        if len(lines) >= count:
            return sorted(lines)
        time.sleep(0.05)
    return sorted(log.read_text().splitlines())


def test_a_stop_signal_stops_gunicorn_the_worker_and_the_sweep(stand_in):
    _python, log = stand_in
    process = start(stand_in)
    assert events(log, 4) == [
        "started alerts",
        "started gunicorn",
        "started sweep",
        "started worker",
    ]

    process.send_signal(signal.SIGTERM)

    assert process.wait(timeout=10) == 128 + signal.SIGTERM
    assert events(log, 8)[4:] == [
        "stopped alerts",
        "stopped gunicorn",
        "stopped sweep",
        "stopped worker",
    ]


def test_when_gunicorn_ends_the_worker_and_the_sweep_end_too(stand_in):
    _python, log = stand_in
    process = start(stand_in, GUNICORN_EXIT="3")

    assert process.wait(timeout=10) == 3
    assert [line for line in events(log, 7) if line.startswith("stopped")] == [
        "stopped alerts",
        "stopped sweep",
        "stopped worker",
    ]


def test_without_the_worker_only_gunicorn_runs(stand_in):
    _python, log = stand_in
    process = start(stand_in, RUN_TASK_WORKER="0", GUNICORN_EXIT="0")
    assert process.wait(timeout=10) == 0
    assert events(log, 1) == ["started gunicorn"]


def test_a_mistyped_switch_stops_the_start(stand_in):
    assert start(stand_in, RUN_TASK_WORKER="maybe").wait(timeout=10) == 2
