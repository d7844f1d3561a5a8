"""Tests for warta.nlp.gazetteer_cache: the pickled gazetteer is the built one, and never a stale or broken one."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from warta.nlp.gazetteer import Gazetteer
from warta.nlp.gazetteer_cache import CACHE_FOLDER, cache_key, cached_gazetteer, read_cached
from warta.nlp.gazetteer_data import DATA_FILES, build_gazetteer, load_gazetteer, source_files

DATA = Path(__file__).resolve().parents[2] / "src" / "warta" / "data"
NEW_LEADER = "Zorbania Testperson\t\tIDN\tMinister of Tests\tGOV\t2020-01-01\t\n"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped gazetteer data files, free to change."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in DATA_FILES:
        (folder / name).write_bytes((DATA / name).read_bytes())
    return folder


class CountingBuild:
    """build_gazetteer, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, data_dir: Path) -> Gazetteer:
        self.calls += 1
        return build_gazetteer(data_dir)


def _pickles(data_dir: Path) -> list[Path]:
    return sorted((data_dir / CACHE_FOLDER).glob("gazetteer-*.pickle"))


def _load(data_dir: Path, build: CountingBuild) -> Gazetteer:
    return cached_gazetteer(data_dir, source_files(data_dir), build)


def test_gazetteer_cache_second_load_reads_the_same_gazetteer(data_dir: Path) -> None:
    build = CountingBuild()
    built = _load(data_dir, build)
    assert build.calls == 1 and len(_pickles(data_dir)) == 1
    cached = _load(data_dir, build)
    assert build.calls == 1, "the second load must read the pickle, not build again"
    assert cached is not built and vars(cached) == vars(built)
    text = "Presiden Joko Widodo bertemu Menlu AS di Jakarta."
    assert cached.find(text, language="id", on="2023-05-01") == built.find(text, language="id", on="2023-05-01")


def test_gazetteer_cache_is_rebuilt_when_a_data_file_changes(data_dir: Path) -> None:
    build = CountingBuild()
    before = _load(data_dir, build)
    old = _pickles(data_dir)
    assert not before.find("Zorbania Testperson spoke.")
    with (data_dir / "leaders.tsv").open("a", encoding="utf-8") as fh:
        fh.write(NEW_LEADER)
    after = _load(data_dir, build)
    assert build.calls == 2
    assert [m.text for m in after.find("Zorbania Testperson spoke.")] == ["Zorbania Testperson"]
    assert len(_pickles(data_dir)) == 1 and _pickles(data_dir) != old, "the stale pickle is replaced"


def test_gazetteer_cache_sources_are_what_the_build_reads(data_dir: Path) -> None:
    names = {path.name for path in source_files(data_dir)}
    assert set(DATA_FILES) | {"languages.yaml", "iso3166-1.json", "iso3166-1.mo", "gazetteer_data.py"} <= names


def test_gazetteer_cache_key_covers_every_source(data_dir: Path, tmp_path: Path) -> None:
    builder = tmp_path / "builder.py"
    builder.write_text("# the code that builds\n", encoding="utf-8")
    sources = [data_dir / "roles.yaml", builder]
    key = cache_key(sources)
    assert cache_key(sources) == key
    builder.write_text("# the code that builds, edited\n", encoding="utf-8")
    assert cache_key(sources) != key
    edited = cache_key(sources)
    (data_dir / "roles.yaml").write_text("roles: []\n", encoding="utf-8")
    assert cache_key(sources) != edited
    assert cache_key([*sources, tmp_path / "absent.mo"]) != cache_key(sources)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle at all", pickle.dumps({"not": "a gazetteer"}), b"\x80\x05\x95 truncated"],
    ids=["empty", "garbage", "another-object", "truncated"],
)
def test_gazetteer_cache_unreadable_pickle_is_rebuilt(data_dir: Path, content: bytes) -> None:
    build = CountingBuild()
    _load(data_dir, build)
    (path,) = _pickles(data_dir)
    path.write_bytes(content)
    assert read_cached(path) is None
    gazetteer = _load(data_dir, build)
    assert build.calls == 2 and len(gazetteer) > 1000
    assert isinstance(read_cached(path), Gazetteer), "the broken pickle is overwritten with a good one"


def test_gazetteer_cache_unwritable_folder_still_gives_a_gazetteer(data_dir: Path) -> None:
    (data_dir / CACHE_FOLDER).write_text("a file where the cache folder would be", encoding="utf-8")
    build = CountingBuild()
    first = _load(data_dir, build)
    second = _load(data_dir, build)
    assert build.calls == 2 and vars(first) == vars(second)


def test_gazetteer_cache_load_gazetteer_uses_it(data_dir: Path) -> None:
    gazetteer = load_gazetteer(data_dir)
    (path,) = _pickles(data_dir)
    assert vars(read_cached(path)) == vars(gazetteer)
