"""A Ray worker setup hook for tests/test_ray_batch.py: kills the actor that gets a marked batch, once.

Installed through ``runtime_env={"worker_process_setup_hook": ...}``, so it
runs in every Ray worker process before any actor is built. When
``PII_RAILS_TEST_CRASH_DIR`` is set, the first batch holding a record with
``CRASH-ME`` makes its actor's process exit on the spot (``os._exit``: no
exception, no cleanup, as a killed process); a marker file in that directory
makes the retry of the same batch go through.
"""

from __future__ import annotations

import os

TOKEN = "CRASH-ME"


def install() -> None:
    folder = os.environ.get("PII_RAILS_TEST_CRASH_DIR")
    if not folder:
        return
    from pii_rails.batch import ray_data

    original = ray_data.Records.__call__

    def call(self, batch):
        columns = [c for c in (ray_data.RAW, "text") if c in batch.column_names]
        values = [v for c in columns for v in batch.column(c).to_pylist()]
        if any(isinstance(v, str) and TOKEN in v for v in values):
            marker = os.path.join(folder, "crashed")
            try:
                fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass  # the retry: process the batch
            else:
                os.write(fd, str(os.getpid()).encode())
                os.close(fd)
                os._exit(1)
        return original(self, batch)

    ray_data.Records.__call__ = call
