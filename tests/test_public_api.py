"""The public surface of ``import warta``: pinned, so adding or removing a name is a deliberate change."""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import subprocess
import sys

import pytest

import warta

PUBLIC = [
    "Actor",
    "AnnotatedArticle",
    "Article",
    "Caption",
    "Entity",
    "Event",
    "Failure",
    "Page",
    "Pipeline",
    "Quote",
    "Settings",
    "WartaError",
    "__version__",
    "build_pipeline",
    "load_settings",
    "open_store",
    "to_contract",
    "validate_output",
]


def test_public_api_all_is_pinned_and_sorted():
    assert warta.__all__ == PUBLIC
    assert warta.__all__ == sorted(warta.__all__)


@pytest.mark.parametrize("name", [n for n in PUBLIC if n != "__version__"])
def test_public_api_name_is_the_object_of_its_home_module(name):
    value = getattr(warta, name)
    home = importlib.import_module(value.__module__)
    assert getattr(home, name) is value
    assert name in dir(warta)


def test_public_api_star_import_gives_exactly_all():
    namespace: dict[str, object] = {}
    exec("from warta import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(PUBLIC)


def test_public_api_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'Nonsense'"):
        _ = warta.Nonsense  # type: ignore[attr-defined]


def test_public_api_version_matches_the_installed_distribution():
    assert warta.__version__ == importlib.metadata.version("warta")


def test_public_api_import_is_lazy():
    # `import warta` must not pull in the pipeline (trafilatura, lingua, the gazetteer): a query command or a
    # library user who only wants Settings should not pay for it. Checked by module, not by clock.
    code = "import sys, json, warta; print(json.dumps(sorted(m for m in sys.modules if m.startswith('warta'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["warta"]
