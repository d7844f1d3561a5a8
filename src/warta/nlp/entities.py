"""Named entities: the dictionaries first, then rules for names no dictionary knows, then a statistical NER.

1. **Dictionaries** (``warta.nlp.gazetteer``): countries, capitals, cities and seats of power, IGOs, outlets,
   leaders. They are sure of themselves, so they win wherever they match.
2. **Capitalised names** the dictionaries do not know are typed by rules, in order:
   - a place or organisation head word: "Kim Il Sung Square" (LOC), "Kementerian Luar Negeri Filipina" (ORG),
     "Bloomberg News" (ORG); an organisation named after a place ends there when a name follows:
     "Universitas Lampung Robi Cahyadi Kurniawan" is ORG "Universitas Lampung" + PER "Robi Cahyadi Kurniawan";
   - a title or role before the name: "Menteri Pertahanan Korea Selatan Shin Wonsik" (PER, KOR), also with a
     lower-case role and an apposition: "ajudan kebijakan luar negeri Kremlin, Yuri Ushakov," (PER, RUS).
     The title is not part of the name ("Prime Minister John Smith" -> John Smith, role head of government;
     "Kepala BMKG Dwikorita Karnawati" -> Dwikorita Karnawati), and a title alone is no one ("Presiden",
     "Juru Bicara");
   - a speech verb after or before it: "Lin Jian mengatakan" / "kata Lin Jian" (PER); one word is enough right
     after a short speech verb: '"...," kata Budi.'
   A capitalised single word with none of these signals is left alone: sentence-initial words ("Kunjungan")
   look exactly like names. Weekday and month names ("Senin", "Monday") are never part of a name.
3. **Statistical NER** (issue 3; ``warta.nlp.models``): its PER/ORG/LOC spans fill the gaps, cleaned like the
   rules' own names; a dictionary or rule mention always wins, except that a longer organisation or place name
   wins over the one country or place inside it ("Pemerintah China" over "China").
4. **Short forms**: once "Kim Jong Un" is known, a later "Kim" in the same article is the same person, and a
   one-word name found on its own ("Jenderal Kellogg") is linked to the longer one ("Keith Kellogg").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial

from warta.nlp.entity_context import (
    OPENERS,
    Context,
    Heads,
    is_acronym,
    is_capitalised,
    is_headline,
    load_heads,
    make_context,
)
from warta.nlp.gazetteer import Gazetteer, GazetteerEntry, GazetteerMatch
from warta.nlp.names import NAME_CONNECTORS, link_short_names, resolve_names, short_forms
from warta.nlp.person_rules import (
    country_after,
    country_before,
    person_candidate,
    person_role,
    role_before,
    strip_titles,
)
from warta.pipeline import Stage, stage
from warta.records import AnnotatedArticle, Entity, Sentence, Token

# Gazetteer kinds and the entity type a mention of them is. Adjectives ("Russian") and roles ("Presiden")
# make actors but are not named entities.
_KIND_TYPE = {
    "country": "LOC",
    "capital": "LOC",
    "place": "LOC",
    "seat": "ORG",
    "igo": "ORG",
    "outlet": "ORG",
    "org": "ORG",
    "leader": "PER",
}


def entity_from_match(match: GazetteerMatch, entry: GazetteerEntry) -> Entity | None:
    """The entity a dictionary match stands for, or None for roles and adjectives (not entities)."""
    etype = _KIND_TYPE.get(entry.kind)
    if etype is None:
        return None
    return Entity(
        text=match.text,
        type=etype,
        start=match.start,
        end=match.end,
        country=entry.country,
        name=entry.name,
        kind=entry.kind,
        sector=entry.sector,
        role=entry.role,
    )


def _best_entry(match: GazetteerMatch, published: str | None, gazetteer: Gazetteer) -> GazetteerEntry:
    """Pick among ambiguous entries: a leader in office on the publication date beats other readings."""
    entries = match.entries
    leaders = [e for e in entries if e.kind == "leader"]
    if leaders:
        dated = gazetteer.leader(match.text, published)
        if dated is not None:
            return dated
    non_role = [e for e in entries if e.kind not in ("role", "adjective")]
    return (non_role or list(entries))[0]


def find_entities(
    doc: AnnotatedArticle, gazetteer: Gazetteer, *, extra: Iterable[Entity] = ()
) -> tuple[Entity, ...]:
    """All entity mentions of an article, ordered by position.

    ``extra`` are candidates from a statistical NER (:mod:`warta.nlp.models`), in article offsets: they fill
    the gaps that the dictionaries and rules leave (see :func:`_merge_statistical` for the one exception).
    """
    text = doc.article.text
    published = doc.article.published
    language = doc.article.language
    matches = gazetteer.find(text, language=language, on=published)
    known: list[Entity] = []
    for match in matches:
        entry = _best_entry(match, published, gazetteer)
        ent = entity_from_match(match, entry)
        if ent is not None:
            known.append(ent)
    found = list(known)
    extras = _join_adjacent(text, sorted(extra, key=lambda e: e.start))
    statistical: list[Entity] = []
    for sentence in doc.sentences:
        ctx = make_context(text, sentence, matches, known, gazetteer, language)
        found.extend(_name_candidates(ctx))
        for cand in extras:
            if sentence.start <= cand.start and cand.end <= sentence.end:
                ent = _ner_candidate(ctx, cand)
                if ent is not None:
                    statistical.append(ent)
    found = _merge_statistical(_drop_nested(found), statistical, text=text)
    found = link_short_names(_drop_nested(found))
    found.extend(short_forms(text, doc.sentences, found))
    return tuple(sorted(_drop_nested(found), key=lambda e: (e.start, -e.end)))


def _drop_nested(entities: list[Entity]) -> list[Entity]:
    """Keep the longest of overlapping mentions ("Kim Il Sung Square" over "Kim Il Sung")."""
    kept: list[Entity] = []
    for ent in sorted(entities, key=lambda e: (-(e.end - e.start), e.start)):
        if not any(k.start < ent.end and ent.start < k.end for k in kept):
            kept.append(ent)
    return kept


def _name_candidates(ctx: Context) -> list[Entity]:
    """Capitalised runs in one sentence, minus what the dictionaries matched, typed by the rules above."""
    tokens, heads = ctx.tokens, ctx.heads
    out: list[Entity] = []
    i = 0
    while i < len(tokens):
        if not _name_word(tokens[i], heads):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and (
            _name_word(tokens[j + 1], heads)
            or (
                tokens[j + 1].text.lower() in NAME_CONNECTORS
                and j + 2 < len(tokens)
                and _name_word(tokens[j + 2], heads)
            )
        ):
            j += 1
        out.extend(_type_run(ctx, i, j))
        i = j + 1
    return out


def _name_word(token: Token, heads: Heads) -> bool:
    # Weekdays and months are capitalised but never part of a name: "Senin Presiden Joko Widodo ...".
    return is_capitalised(token) and token.text.lower() not in heads.calendar


def _type_run(ctx: Context, first: int, last: int) -> list[Entity]:
    text, tokens, heads = ctx.text, ctx.tokens, ctx.heads
    # A title or role in front of an organisation is not part of its name: "CEO Raytheon Technologies
    # Corporation" is the company Raytheon Technologies Corporation.
    while first < last and tokens[first].text in heads.not_names:
        first += 1  # "A China Coast Guard vessel": the article is not part of the name
    if tokens[last].text.rstrip(".") in heads.org_last:
        while first < last and (tokens[first].text.rstrip(".") in heads.titles or person_role(ctx, tokens[first])):
            first += 1
    run = tokens[first : last + 1]
    words = [t.text.rstrip(".") for t in run]
    start, end = run[0].start, run[-1].end
    inner = [m for m in ctx.matches if start <= m.start and m.end <= end]
    inner_country = next(
        (e.country for m in inner for e in m.entries if e.kind in ("country", "capital", "seat") and e.country),
        None,
    )
    # A whole run with a head word is one name even when a dictionary matched part of it:
    # "Kim Il Sung Square" (LOC) contains a leader's name; "Penjaga Pantai Filipina" (ORG) contains a country.
    if len(run) >= 2 and (words[0] in heads.place_first or words[-1] in heads.place_last):
        country = inner_country or _sentence_country(ctx.known, tokens)
        return [Entity(text[start:end], "LOC", start, end, country=country, kind="place")]
    if len(run) >= 2 and (words[0] in heads.org_first or words[-1] in heads.org_last):
        split = _org_then_person(ctx, first, last, inner) if words[0] in heads.org_first else None
        if split is not None:
            return split
        return [Entity(text[start:end], "ORG", start, end, country=inner_country, kind="org")]
    # Otherwise only the parts no dictionary matched are candidates: "Menteri Pertahanan Korea Selatan
    # Shin Wonsik" leaves "Shin Wonsik" after the role and country are taken out.
    out = []
    for a, b in _unmatched_pieces(tokens, first, last, inner):
        ent = person_candidate(ctx, a, b)
        if ent is not None:
            out.append(ent)
    return out


def _unmatched_pieces(
    tokens: Sequence[Token], first: int, last: int, inner: Sequence[GazetteerMatch]
) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    k = first
    while k <= last:
        if any(m.start <= tokens[k].start < m.end for m in inner):
            k += 1
            continue
        m_end = k
        while m_end + 1 <= last and not any(m.start <= tokens[m_end + 1].start < m.end for m in inner):
            m_end += 1
        pieces.append((k, m_end))
        k = m_end + 1
    return pieces


def _org_then_person(ctx: Context, first: int, last: int, inner: Sequence[GazetteerMatch]) -> list[Entity] | None:
    """An organisation named after a place, then a person: "pengamat politik Universitas Lampung Robi Cahyadi
    Kurniawan" is the university of Lampung and Robi Cahyadi Kurniawan. The organisation ends with the first
    place or country in it when two or more capitalised words follow that no dictionary knows."""
    tokens, heads = ctx.tokens, ctx.heads
    for m in inner:
        if not any(e.kind in ("country", "capital", "place") for e in m.entries):
            continue
        rest = [k for k in range(first, last + 1) if tokens[k].start >= m.end]
        if len(rest) < 2 or any(
            ctx.match_at(tokens[k]) is not None
            or not tokens[k].text[:1].isupper()
            or is_acronym(tokens[k])
            or tokens[k].text.rstrip(".") in heads.org_last | heads.place_last
            for k in rest
        ):
            continue
        org_end = max(k for k in range(first, last + 1) if tokens[k].start < m.end)
        start, end = tokens[first].start, tokens[org_end].end
        country = next((e.country for e in m.entries if e.country), None)
        org = Entity(ctx.text[start:end], "ORG", start, end, country=country, kind="org")
        a, b = rest[0], rest[-1]
        person = Entity(
            ctx.text[tokens[a].start : tokens[b].end], "PER", tokens[a].start, tokens[b].end,
            country=country, kind="person",
        )  # fmt: skip
        return [org, person]
    return None


def _ner_candidate(ctx: Context, cand: Entity) -> Entity | None:
    """A statistical NER span cleaned like the rules' own names: titles and roles off a person ("Presiden
    Joko Widodo" -> Joko Widodo, role head of state), weekdays and function words off the edges, nothing that
    is only a role word; with a country from a role, a country or adjective inside or next to it, else None."""
    tokens, heads = ctx.tokens, ctx.heads
    idx = [k for k, t in enumerate(tokens) if cand.start < t.end and t.start < cand.end]
    if not idx:
        return None
    a, b = idx[0], idx[-1]
    role_entry, role_start, titled = None, a, False
    if cand.type == "PER":
        a, role_entry, role_start, titled = strip_titles(ctx, a, b)
    else:
        while a < b and (tokens[a].text.rstrip(".") in heads.titles or person_role(ctx, tokens[a])):
            a += 1  # "CEO Raytheon Technologies Corporation", "Presiden Rusia" is not an organisation
    while a <= b and (not _name_word(tokens[a], heads) or tokens[a].text in heads.not_names):
        a += 1
    while b >= a and not _name_word(tokens[b], heads) and not tokens[b].text[:1].isdigit():
        b -= 1
    if a > b or is_headline(tokens) or tokens[a].text in heads.vessels:
        return None  # every word of a headline looks like a name; a ship is no organisation
    if a == b and (a == 0 or tokens[a - 1].text in OPENERS):
        return None  # a lone capitalised first word looks like a name: "Terkini: Diminta mundur"
    piece = tokens[a : b + 1]
    if all(ctx.role_at(t) is not None for t in piece) or all(not t.text[:1].isalnum() for t in piece):
        return None
    if cand.type == "PER" and (len(piece) > 5 or any(ctx.role_at(t) is not None for t in piece)):
        return None
    start, end = piece[0].start, piece[-1].end
    if cand.type == "PER":
        before_entry, country, before_start = role_before(ctx, a)
        if role_entry is None:
            role_entry, role_start = before_entry, before_start
        if country is None:
            country = country_before(ctx, role_start if role_entry else a)
        if country is None and role_entry is not None:
            country = role_entry.country  # a title only one state has (roles.yaml): "Bupati", "Kapolda"
        return Entity(
            ctx.text[start:end], "PER", start, end, country=country, kind="person",
            sector=role_entry.sector if role_entry else None, role=role_entry.role if role_entry else None,
        )  # fmt: skip
    inner = [m for m in ctx.matches if start <= m.start and m.end <= end]
    country = next(
        (e.country for m in inner for e in m.entries
         if e.kind in ("country", "capital", "place", "adjective", "seat") and e.country),
        None,
    ) or country_before(ctx, a) or country_after(ctx, b)  # fmt: skip
    kind = "org" if cand.type == "ORG" else "place"
    return Entity(ctx.text[start:end], cand.type, start, end, country=country, kind=kind)


def _join_adjacent(text: str, candidates: list[Entity]) -> list[Entity]:
    """Join names of one type that only a space separates: a model may tag "GP" and "Ansor" apart."""
    out: list[Entity] = []
    for cand in candidates:
        prev = out[-1] if out else None
        if prev is not None and prev.type == cand.type and text[prev.end : cand.start] == " ":
            out[-1] = replace(prev, text=text[prev.start : cand.end], end=cand.end)
        else:
            out.append(cand)
    return out


def sentences_for_ner(doc: AnnotatedArticle, gazetteer: Gazetteer) -> tuple[Sentence, ...]:
    """The sentences where a statistical NER could add a name that :func:`find_entities` keeps: those with a
    capitalised word after the first that no dictionary name, person's title, weekday or function word
    explains, and that are not headlines. The others (about a third of news text) need not go through the
    model: "Presiden Joko Widodo tiba di Jakarta pada Senin." has nothing the dictionaries do not know."""
    text, language = doc.article.text, doc.article.language
    matches = gazetteer.find(text, language=language, on=doc.article.published)
    heads = load_heads()
    out = []
    for sentence in doc.sentences:
        tokens = sentence.tokens
        if not tokens or is_headline(tokens):
            continue
        ctx = make_context(text, sentence, matches, (), gazetteer, language)
        if any(
            tok.text[:1].isupper()
            and tokens[i - 1].text not in OPENERS
            and ctx.match_at(tok) is None
            and not person_role(ctx, tok)
            and tok.text.lower() not in heads.calendar
            and tok.text not in heads.not_names
            for i, tok in enumerate(tokens)
            if i > 0
        ):
            out.append(sentence)
    return tuple(out)


def _merge_statistical(found: list[Entity], statistical: Sequence[Entity], *, text: str = "") -> list[Entity]:
    """Add the NER's names where the dictionaries and rules found nothing. Where they overlap, the dictionaries
    win, except that a longer organisation or place name wins over the countries and places inside it:
    "Pemerintah China" (ORG) over "China", "Banser Jakarta" over "Jakarta"; and a person's name that ends a
    longer name found by the title rule is the name, the rest belongs to the title: "Direktur Indofood
    Franciscus Welirang" gives "Franciscus Welirang", not "Indofood Franciscus Welirang" (``text``: the
    article, to see what stands before the rule's name)."""
    out = list(found)
    for cand in statistical:
        overlapping = [e for e in out if e.start < cand.end and cand.start < e.end]
        if not overlapping:
            out.append(cand)
            continue
        if _trims_title_rule(cand, overlapping, text):
            rule = overlapping[0]
            out.remove(rule)
            out.append(replace(cand, country=rule.country or cand.country, sector=rule.sector or cand.sector,
                               role=rule.role or cand.role))  # fmt: skip
            continue
        # One place inside, and words of its own: "China AS" (two countries) is no name.
        if cand.type in ("ORG", "LOC") and len(overlapping) == 1 and all(
            cand.start <= e.start and e.end <= cand.end and (e.end - e.start) < (cand.end - cand.start)
            and e.kind in ("country", "capital", "place") for e in overlapping
        ):  # fmt: skip
            out = [e for e in out if e not in overlapping]
            out.append(cand)
    return out


def _trims_title_rule(cand: Entity, overlapping: Sequence[Entity], text: str) -> bool:
    """Whether the NER's person ``cand`` is the tail of the one person the rules found after a title, which
    they read as every capitalised word after it; the model knows better where names start. A name right
    after a speech verb starts where the rules say: "kata Prasetio Edi Marsudi" (said ...)."""
    if cand.type != "PER" or len(overlapping) != 1:
        return False
    rule = overlapping[0]
    before = text[max(0, rule.start - 40) : rule.start].split()
    heads = load_heads()
    after_speech = bool(before) and (before[-1].lower() in heads.speech or before[-1].lower() in heads.post_cues)
    return (
        rule.type == "PER" and rule.kind == "person" and not after_speech
        and rule.start < cand.start and cand.end == rule.end and " " in cand.text
        and len(cand.text.split()[0].rstrip(".")) > 1  # "J Hayes" of "Gregory J Hayes" starts at an initial
    )  # fmt: skip


def _sentence_country(known: Sequence[Entity], tokens: Sequence[Token]) -> str | None:
    """The country of the first country or capital mentioned in the sentence ("... di pusat kota Pyongyang")."""
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    for ent in known:
        if start <= ent.start and ent.end <= end and ent.kind in ("country", "capital") and ent.country:
            return ent.country
    return None


def make_entities_stage(
    gazetteer: Gazetteer,
    *,
    candidates: Callable[[AnnotatedArticle, Sequence[Sentence]], Iterable[Entity]] | None = None,
) -> Stage:
    """The stage that adds entity mentions to an annotated article; ``candidates`` gives further names from a
    statistical NER (:class:`warta.nlp.models.NerCandidates`) in the sentences it is given (those of
    :func:`sentences_for_ner`), below the dictionaries. A partial of :func:`add_entities`: it pickles."""
    return stage(name="entities", requires=["sentences"], assigns=["entities"])(
        partial(add_entities, gazetteer=gazetteer, candidates=candidates)
    )


def add_entities(
    doc: AnnotatedArticle,
    *,
    gazetteer: Gazetteer,
    candidates: Callable[[AnnotatedArticle, Sequence[Sentence]], Iterable[Entity]] | None = None,
) -> AnnotatedArticle:
    """The entities stage's work: ``doc`` with its entity mentions found and their names resolved."""
    extra = candidates(doc, sentences_for_ner(doc, gazetteer)) if candidates is not None else ()
    return replace(doc, entities=resolve_names(find_entities(doc, gazetteer, extra=extra)))
