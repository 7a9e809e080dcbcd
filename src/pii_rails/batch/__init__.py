"""The batch engine: many records through one :class:`~pii_rails.engine.PiiEngine` at a time.

- :mod:`pii_rails.batch.records` checks a record (a JSON line, a table row),
  detects the good ones in one call per language and masks each as its own
  conversation: the one implementation every batch path uses.
- :mod:`pii_rails.batch.lines` runs JSON Lines on one machine in processes
  (``pii-rails scan|mask``).
- :mod:`pii_rails.batch.ray_data` runs the same records on Ray Data, one engine
  per actor (``pii-rails scan|mask --engine ray``, :mod:`pii_rails.ray`); it is
  the only module here that imports Ray, and only when it is used.

The package sits above the engine: it imports ``engine``, ``detection``,
``masking`` and ``settings``; nothing below it imports it.
"""
