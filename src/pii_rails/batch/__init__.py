"""The batch engine: many records through one :class:`~pii_rails.engine.PiiEngine` at a time.

- :mod:`pii_rails.batch.records` checks a record (a JSON line, a table row),
  detects the good ones in one call per language and masks each as its own
  conversation: the one implementation every batch path uses.
- :mod:`pii_rails.batch.lines` runs JSON Lines on one machine in processes
  (``pii-rails scan|mask``).
- :mod:`pii_rails.batch.ray_data` runs the same records on Ray Data, one engine
  per actor (``pii-rails scan|mask --engine ray``, :mod:`pii_rails.ray`), with
  :mod:`pii_rails.batch.ray_io` (its reading, writing and error log, light to
  import in Ray's task workers): the only modules here that import Ray, and
  only when they are used.

The package sits above the engine: it imports ``engine``, ``detection``,
``masking`` and ``settings``; nothing below it imports it.
"""
