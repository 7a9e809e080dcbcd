"""Mask or scan a Ray Dataset with a rails configuration: ``pii_rails.ray.mask_dataset(ds, config=DIR)``.

For pipelines that already use Ray Data. Every row keeps its columns and gains
``entities`` (a list of ``{entity_type, start, end, score}``), ``masked_text``
(``mask_dataset`` only) and ``error`` (``None``, or why the row could not be
processed: the text column is missing or not a string). The engine is built
once per actor of a pool of ``workers`` actors (default: one per CPU of the
cluster), and the rows go through the same record processing as
``pii-rails mask``. Needs the ``ray`` extra: ``pip install "pii-rails[ray]"``.

Example:
    >>> import ray  # doctest: +SKIP
    >>> from pii_rails.ray import mask_dataset  # doctest: +SKIP
    >>> ds = ray.data.read_parquet("corpus/")  # doctest: +SKIP
    >>> mask_dataset(ds, config="config/rag", column="body").write_parquet("masked/")  # doctest: +SKIP
"""

from __future__ import annotations

from pii_rails.batch.ray_data import mask_dataset, scan_dataset

__all__ = ["mask_dataset", "scan_dataset"]
