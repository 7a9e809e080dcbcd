"""Run a Python file with every network access refused and recorded.

Usage: python no_network.py REPORT.json [--allow-loopback] SCRIPT.py [args...]

Sockets are blocked before anything else is imported, so a library that
reaches out at import, at load or on a call is caught. Each attempt is written
to REPORT.json (the script may swallow the error; the record stays). With
``--allow-loopback``, connections to 127.0.0.1 / ::1 (a server the script itself
started) go through; anything else is still refused.
"""

import json
import runpy
import socket
import sys

report_path = sys.argv[1]
allow_loopback = sys.argv[2] == "--allow-loopback"
script, script_args = (sys.argv[3], sys.argv[4:]) if allow_loopback else (sys.argv[2], sys.argv[3:])
attempts = []
LOOPBACK = ("127.0.0.1", "::1")


def _save():
    with open(report_path, "w") as f:
        json.dump(attempts, f)


def _refuse(kind, original):
    def refuse(*args, **kwargs):
        target = args[1] if kind == "connect" and len(args) > 1 else (args[0] if args else None)
        host = target[0] if isinstance(target, tuple) and target else target
        if allow_loopback and host in LOOPBACK:
            return original(*args, **kwargs)
        attempts.append({"kind": kind, "target": repr(target)})
        _save()
        raise OSError(f"network access blocked in test ({kind} {target!r})")

    return refuse


socket.socket.connect = _refuse("connect", socket.socket.connect)
socket.socket.connect_ex = _refuse("connect", socket.socket.connect_ex)
socket.create_connection = _refuse("create_connection", socket.create_connection)
socket.getaddrinfo = _refuse("getaddrinfo", socket.getaddrinfo)
_save()
sys.argv = [script, *script_args]
runpy.run_path(script, run_name="__main__")
