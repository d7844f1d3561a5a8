"""The extract stage: a fetched or read :class:`~warta.records.Page` becomes a clean
:class:`~warta.records.Article`.

- :mod:`~warta.extract.webpage`: trafilatura (lxml paragraphs as fallback) for HTML pages, with metadata
- :mod:`~warta.extract.captions`: image captions and their credits, moved out of the body
- :mod:`~warta.extract.cleanup`: boilerplate lines (logos, "Baca juga", share buttons, bylines, pagination)
- :mod:`~warta.extract.article`: joins the pages, applies both, checks the result, builds the Article
"""

from warta.extract.article import article_id, extract_article, make_extract_stage

__all__ = ["article_id", "extract_article", "make_extract_stage"]
