"""Runners execute a pipeline over many pages: locally now, on Dask later."""

from warta.runners.local import LocalRunner

__all__ = ["LocalRunner"]
