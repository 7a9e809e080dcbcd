"""Run a Python file with every network access refused and recorded.

Usage: python no_network.py REPORT.json SCRIPT.py [args...]

Sockets are blocked before anything else is imported, so a library that
reaches out at import, at load or on a call is caught. Each attempt is written
to REPORT.json (the script may swallow the error; the record stays).
"""

import json
import runpy
import socket
import sys

report_path, script = sys.argv[1], sys.argv[2]
attempts = []


def _save():
    with open(report_path, "w") as f:
        json.dump(attempts, f)


def _refuse(kind):
    def refuse(*args, **kwargs):
        target = args[1] if kind == "connect" and len(args) > 1 else (args[0] if args else None)
        attempts.append({"kind": kind, "target": repr(target)})
        _save()
        raise OSError(f"network access blocked in test ({kind} {target!r})")

    return refuse


socket.socket.connect = _refuse("connect")
socket.socket.connect_ex = _refuse("connect")
socket.create_connection = _refuse("create_connection")
socket.getaddrinfo = _refuse("getaddrinfo")
_save()
sys.argv = [script, *sys.argv[3:]]
runpy.run_path(script, run_name="__main__")
