"""Write a synthetic news corpus: Indonesian and English article pages in WARC (or JSONL) files.

    python scripts/synthetic_corpus.py OUT [--articles 10000] [--per-file 250] [--format warc|jsonl] [--seed 7]

For benchmarks that need more pages than any gold set holds (``scripts/bench_dask.py``, the 10,000-article
store benchmark): the text is built from the templates and word lists of ``scripts/synthetic_news.yaml`` and
says nothing true, so it measures speed and memory, never accuracy. What is made to look like real news:

- **sizes**: the number of paragraphs is log-normal (median 13, a long tail to 60), two to four sentences
  each, giving a median article of 2,774 characters of text (10th percentile 1,194, 90th 6,060, longest 14,846
  over the default 10,000): the middle of the range of Indonesian and
  English online news, whose short items run to a few hundred characters and long reads past 10,000;
- **language mix**: 65% Indonesian, 35% English (warta's public is Indonesian news first);
- **content**: every article reports interactions between two countries, quotes people, and pads the rest with
  background sentences, so every stage (quotes, entities, events, the claims ledger) has work; the page has a
  menu, a byline, a "read more" link and a footer around the article, as extraction meets them.

The same seed gives the same corpus, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import math
import random
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

WORDS = Path(__file__).with_name("synthetic_news.yaml")
INDONESIAN_SHARE = 0.65
MEDIAN_PARAGRAPHS = 13
PARAGRAPH_SIGMA = 0.6


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    id: str
    language: str
    url: str
    title: str
    published: str
    outlet: str
    author: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def load_words(path: Path = WORDS) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def generate(count: int, *, seed: int = 7, words: dict[str, Any] | None = None) -> Iterator[SyntheticArticle]:
    """``count`` articles, the same ones for the same seed."""
    words = words or load_words()
    rng = random.Random(seed)
    for number in range(count):
        yield _article(number, rng, words)


def _article(number: int, rng: random.Random, words: dict[str, Any]) -> SyntheticArticle:
    lang = "id" if rng.random() < INDONESIAN_SHARE else "en"
    a, b = rng.sample(words["countries"], 2)
    column = 2 if lang == "id" else 1
    slots = {
        "a": a[column], "b": b[column], "a_city": a[3], "topic": rng.choice(words["topics"][lang]),
        "day": rng.choice(words["weekdays"][lang]),
    }  # fmt: skip
    people = [_person(rng, words, lang) for _ in range(3)]
    paragraphs_wanted = min(60, max(2, round(rng.lognormvariate(math.log(MEDIAN_PARAGRAPHS), PARAGRAPH_SIGMA))))
    paragraphs = []
    for index in range(paragraphs_wanted):
        sentences = []
        for _ in range(1 if index == 0 else rng.randint(2, 4)):
            kind = "events" if index == 0 else rng.choices(["events", "quotes", "background"], [1, 1, 2])[0]
            role, name = rng.choice(people)
            other_role, other_name = rng.choice(people)
            values = {
                **slots, "person": f"{role} {name}", "person2": f"{other_role} {other_name}", "name": name,
                "number": rng.randint(2, 950), "topic": rng.choice(words["topics"][lang]),
            }  # fmt: skip
            sentences.append(rng.choice(words[kind][lang]).format(**values))
        paragraphs.append(" ".join(sentences))
    first = paragraphs[0]
    paragraphs[0] = f"{a[3].upper()} - {first}"  # the dateline both languages' wire copy opens with
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
    outlet = rng.choice(words["outlets"][lang])
    title = (f"{a[column]} dan {b[column]} bahas {slots['topic']}" if lang == "id"
             else f"{a[column]} and {b[column]} hold talks on {slots['topic']}")  # fmt: skip
    title = title[0].upper() + title[1:]  # "The United Kingdom and ..."
    slug = "-".join(title.lower().split())[:60]
    url = f"https://{outlet}.example/{day:%Y/%m/%d}/{slug}-{number}"
    author = " ".join(_person(rng, words, lang)[1:])
    return SyntheticArticle(id=f"syn-{number:06d}", language=lang, url=url, title=title,
                            published=day.isoformat(), outlet=outlet, author=author,
                            paragraphs=tuple(paragraphs))  # fmt: skip


def _person(rng: random.Random, words: dict[str, Any], lang: str) -> tuple[str, str]:
    names = words["names"][rng.choice(["id", "en"]) if lang == "en" else "id"]
    return rng.choice(words["roles"][lang]), f"{rng.choice(names['given'])} {rng.choice(names['family'])}"


def page_html(article: SyntheticArticle, words: dict[str, Any]) -> str:
    """The article inside a news page: head metadata, menu, byline, a related link and a footer."""
    furniture = words["boilerplate"][article.language]
    menu = "".join(f'<li><a href="/{item.lower()}">{html.escape(item)}</a></li>' for item in furniture["menu"])
    body = "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    title = html.escape(article.title)
    return (
        f'<!DOCTYPE html><html lang="{article.language}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="{article.outlet}">'
        f'<meta property="article:published_time" content="{article.published}T08:00:00+07:00">'
        f'<meta name="author" content="{html.escape(article.author)}"></head><body>'
        f"<header><nav><ul>{menu}</ul></nav></header><main><article><h1>{title}</h1>"
        f'<p class="byline">{html.escape(article.author)}</p>{body}'
        f'<p>{furniture["related"]} <a href="/more">{title}</a></p></article></main>'
        f"<footer><p>{html.escape(furniture['footer'])}</p></footer></body></html>"
    )


def warc_record(uri: str, body: bytes, *, when: str) -> bytes:
    """One gzipped WARC ``response`` record of an HTML page."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
    block = http.encode("ascii") + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {when}T01:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri)}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return gzip.compress(head.encode("ascii") + block + b"\r\n\r\n", mtime=0)


def write_corpus(out: Path, *, articles: int, per_file: int, fmt: str, seed: int) -> list[Path]:
    """Write the corpus into ``out`` (``part-0000.warc.gz``, ... or ``.jsonl``); return the files."""
    words = load_words()
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    handle = None
    for number, article in enumerate(generate(articles, seed=seed, words=words)):
        if number % per_file == 0:
            if handle is not None:
                handle.close()
            files.append(out / f"part-{len(files):04d}.{'warc.gz' if fmt == 'warc' else 'jsonl'}")
            handle = files[-1].open("wb")
        page = page_html(article, words)
        if fmt == "warc":
            handle.write(warc_record(article.url, page.encode("utf-8"), when=article.published))
        else:
            record = {"id": article.id, "url": article.url, "html": page, "published": article.published}
            handle.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    if handle is not None:
        handle.close()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write into")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--per-file", type=int, default=250, help="articles per WARC or JSONL file")
    parser.add_argument("--format", choices=["warc", "jsonl"], default="warc")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    files = write_corpus(args.out, articles=args.articles, per_file=args.per_file, fmt=args.format, seed=args.seed)
    size = sum(path.stat().st_size for path in files)
    print(
        f"wrote {args.articles} articles in {len(files)} files ({size / 1e6:.1f} MB) to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
