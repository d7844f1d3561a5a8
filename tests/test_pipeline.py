import pytest

from warta.errors import ExtractError, UsageError
from warta.pipeline import Pipeline, stage, start_annotation
from warta.records import AnnotatedArticle, Article, Failure, Page


@stage(name="fake_extract", requires=["page"], assigns=["article"])
def fake_extract(page: Page) -> Article:
    if not page.text:
        raise ExtractError("no text in the page", code="W231")
    return Article(id="a1", source=page.source, text=page.text)


@stage(name="explode", requires=["document"], assigns=[])
def explode(doc: AnnotatedArticle) -> AnnotatedArticle:
    raise RuntimeError("bug")


def test_pipeline_checks_requirements_when_built():
    with pytest.raises(UsageError, match="requires article"):
        Pipeline([start_annotation])


def test_pipeline_turns_input_errors_into_failures():
    result = Pipeline([fake_extract, start_annotation]).process(Page(source="empty.txt", text=""))
    assert isinstance(result, Failure)
    assert (result.stage, result.code, result.transient) == ("fake_extract", "W231", False)


def test_pipeline_turns_crashes_into_terminal_failures():
    result = Pipeline([fake_extract, start_annotation, explode]).process(Page(source="x.txt", text="abc"))
    assert isinstance(result, Failure)
    assert result.code == "W999" and result.record_id == "a1"


def test_pipeline_returns_annotated_article():
    result = Pipeline([fake_extract, start_annotation]).process(Page(source="x.txt", text="abc"))
    assert isinstance(result, AnnotatedArticle) and result.article.text == "abc"
