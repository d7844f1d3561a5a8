"""warta: news pages in, evidence-linked PLOVER events, quotes and claims out."""

__version__ = "0.1.0"
