"""./run.sh test sees to redis-server itself, or says why the Redis tests will skip."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

RUN_SH = Path(__file__).resolve().parent.parent / "run.sh"


def _bin(tmp_path: Path, **scripts: str) -> Path:
    """A PATH holding only what run.sh's check needs, plus the given fake commands."""
    directory = tmp_path / "bin"
    directory.mkdir()
    for tool in ("dirname", "id"):
        os.symlink(shutil.which(tool), directory / tool)
    for name, body in scripts.items():
        path = directory / name
        path.write_text("#!/bin/bash\n" + body + "\n")
        path.chmod(0o755)
    return directory


def _run(path: Path) -> subprocess.CompletedProcess:
    env = {"PATH": str(path), "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(["/bin/bash", str(RUN_SH), "redis"], capture_output=True, text=True, env=env, timeout=60)


def test_no_redis_and_no_way_to_install_it_says_why_tests_skip(tmp_path):
    proc = _run(_bin(tmp_path))
    assert proc.returncode == 0
    assert "redis-server is not installed and could not be installed" in proc.stderr
    assert "will be skipped" in proc.stderr and "apt-get install redis-server" in proc.stderr


def test_redis_is_installed_with_apt_get_when_missing(tmp_path):
    log = tmp_path / "apt.log"
    fake_apt = f'echo "$@" >> {log}'
    proc = _run(_bin(tmp_path, **{"apt-get": fake_apt, "sudo": '"$@"'}))
    assert proc.returncode == 0
    assert "installing redis-server" in proc.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("update") and "install -y -qq redis-server" in calls[1]


def test_a_failed_install_says_why_tests_skip(tmp_path):
    proc = _run(_bin(tmp_path, **{"apt-get": "exit 100", "sudo": '"$@"'}))
    assert proc.returncode == 0
    assert "could not be installed" in proc.stderr


def test_installed_redis_is_left_alone(tmp_path):
    proc = _run(_bin(tmp_path, **{"redis-server": "exit 0", "apt-get": "echo called >&2; exit 1"}))
    assert proc.returncode == 0 and proc.stderr == ""


def test_the_test_command_lists_skip_reasons():
    assert "ensure_redis; exec \"$VENV/bin/python\" -m pytest -q -rs" in RUN_SH.read_text()
