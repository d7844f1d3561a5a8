"""Runners execute a pipeline over many pages: ``local`` (one page after another, in this process) and
``dask`` (work units on a Dask cluster, with ``plan``, ``partitions``, ``codec`` and ``loading`` for cutting
inputs up and carrying results back); ``summary`` holds the counts every run reports. ``dask`` is imported on
demand: it needs the ``dask`` extra."""

from warta.runners.local import LocalRunner

__all__ = ["LocalRunner"]
