"""Persons named after titles and bodies: "Menteri Luar Negeri China Wang Yi", "juru bicara Kementerian Luar
Negeri RI", "Ketua KPK Firli Bahuri": where the title ends, which body and country the person speaks for, and where
the name itself starts."""

from __future__ import annotations

from warta.data import all_language_words
from warta.nlp.entity_context import Context, is_acronym
from warta.nlp.gazetteer import GazetteerEntry
from warta.records import Entity, Token


def strip_titles(ctx: Context, a: int, b: int) -> tuple[int, GazetteerEntry | None, int, bool]:
    """Skip the titles, roles, function words and acronyms that open tokens ``a..b``: returns the first name
    token, the person's role if one was skipped and where it starts, and whether a title was skipped."""
    tokens, heads = ctx.tokens, ctx.heads
    role_entry: GazetteerEntry | None = None
    role_start = a
    titled = False
    while a <= b:
        tok = tokens[a]
        role = ctx.role_at(tok)
        if role is not None:
            if role.entries[0].type == "PER" and role_entry is None:
                role_entry, role_start = role.entries[0], a
            titled = True
            while a <= b and tokens[a].start < role.end:
                a += 1
        elif tok.text.rstrip(".") in heads.titles or tok.text in heads.not_names:
            titled = (
                titled
                or tok.text.rstrip(".") in heads.honorifics
                or (
                    tok.text.rstrip(".") in heads.titles and b - a >= 2  # "Kepala Negara" is no one
                )
            )
            a += 1
        elif (is_acronym(tok) and a < b) or (titled and tok.text in heads.office_words):
            # an affiliation or portfolio before the name: "BMKG Dwikorita Karnawati", "Menteri Perhubungan
            # Jusman Syafii Djamal"; a portfolio may end the piece when the body is a dictionary name: "Kepala
            # Pusat Data Humas" of "Kepala Pusat Data Humas BNPB Sutopo" is no one
            a += 1
        else:
            break
    return a, role_entry, role_start, titled


def country_after(ctx: Context, index: int) -> str | None:
    """The country right after a place, after a comma: "Zambales, Filipina"."""
    k = index + 1
    if k < len(ctx.tokens) and ctx.tokens[k].text == ",":
        k += 1
    if k >= len(ctx.tokens):
        return None
    m = ctx.match_at(ctx.tokens[k])
    if m is None:
        return None
    return next((e.country for e in m.entries if e.kind == "country" and e.country), None)


def person_candidate(ctx: Context, a: int, b: int) -> Entity | None:
    """A capitalised piece is a person when a title or role precedes it or a speech verb is next to it.

    Titles, roles and acronyms in front are not part of the name: "Kepala BMKG Dwikorita Karnawati",
    "Prime Minister John Smith", "Jenderal Keith Kellogg" give the name alone, the role in ``Entity.role``.
    A piece that is only such words ("Presiden", "Juru Bicara", the "Foreign Affairs" of "Minister of
    Foreign Affairs") is no one.
    """
    tokens, heads = ctx.tokens, ctx.heads
    a, role_entry, role_start, titled = strip_titles(ctx, a, b)
    if a > b:
        return None
    piece = tokens[a : b + 1]
    if len(piece) > 4 or all(is_acronym(t) or not t.text[:1].isalpha() for t in piece):
        return None  # long runs are titles or headlines; all-caps runs are acronyms (ORG, unknown country)
    if piece[0].text in heads.org_first:
        # the start of a body's name cut short by a dictionary name: "Ketua Umum Partai Persatuan Indonesia
        # Hary Tanoe" (chair of the Indonesian Unity Party ...) has no person "Persatuan"
        return None
    if any(ctx.role_at(t) is not None for t in piece):
        return None  # a role phrase broken by a dictionary name ("Menteri Luar Negeri, Kerja Sama ...")
    start, end = piece[0].start, piece[-1].end
    before_entry, role_country, before_start = role_before(ctx, a)
    if role_entry is None:
        role_entry, role_start = before_entry, before_start
    if role_entry is not None and role_country is None:
        # "Bupati Pati Sudewo": a title only Indonesia has makes the person Indonesian (roles.yaml country)
        role_country = country_before(ctx, role_start) or role_entry.country
    body = body_before(ctx, a)
    if body is not None:
        # "Ketua KPK Firli Bahuri", "Direktur Perlindungan WNI Kemlu Judha Nugraha": a title, then the body the
        # person heads, then the name; the person belongs to the body's country.
        titled = titled or body[1]
        role_country = role_country or body[0].country
    # Speech verbs are written in lower case: "States" in "United States Mutual Defense Treaty" is no verb.
    after = tokens[b + 1].text if b + 1 < len(tokens) else ""
    before = tokens[a - 1].text if a > 0 else ""
    closes = b + 1 >= len(tokens) or not tokens[b + 1].text[:1].isalnum()
    if role_entry is None and not titled:
        if len(piece) >= 2:
            if not (after in heads.speech or before in heads.speech):
                return None
        # One word is a name only right after a short speech verb: '"...," kata Budi.' (said Budi).
        elif not (before in heads.post_cues and closes and a > 0):
            return None
    return Entity(
        ctx.text[start:end],
        "PER",
        start,
        end,
        country=role_country,
        kind="person",
        sector=role_entry.sector if role_entry else None,
        role=role_entry.role if role_entry else None,
    )


_BODY_STOPS = all_language_words("name_heads.yaml", "body_stops")


def role_before(ctx: Context, index: int) -> tuple[GazetteerEntry | None, str | None, int]:
    """A role word within six tokens before ``index``, the country named between them, and where the role
    starts (``index`` when there is none).

    "Menteri Luar Negeri AS Antony Blinken": role "Menteri Luar Negeri", country AS -> USA.
    "juru bicara Kementerian Luar Negeri China, Lin Jian": role "juru bicara", country China -> CHN.
    A verb in between breaks the link: "Retno menerima kunjungan Menlu Maroko, Nasser Bourita" links the
    role "Menlu" to Bourita, not to Retno; so does a portfolio ("Coordinating Minister for Maritime
    Affairs": the affairs are not a person), a preposition ("massa dari Banser": the crowd came from Banser),
    and a weekday or speech verb ("Prime Minister X said on Monday").
    """
    tokens, heads = ctx.tokens, ctx.heads
    country = None
    body: GazetteerEntry | None = None
    body_at = index
    window_start = max(0, index - 7)
    for k in range(index - 1, window_start - 1, -1):
        tok = tokens[k]
        m = ctx.match_at(tok)
        if m is not None:
            for entry in m.entries:
                if entry.kind in ("country", "capital", "seat", "igo", "adjective") and country is None:
                    country = entry.country
                if entry.kind == "role":
                    return entry, country, k
        role = ctx.role_at(tok)
        if role is not None and m is None:
            # A body's role word ("Kementerian Luar Negeri") may stand between a person's role and the name:
            # "juru bicara Kementerian Luar Negeri China, Lin Jian" - keep looking for the person's role.
            if role.entries[0].type == "PER":
                return role.entries[0], country, k
            if body is None:
                body, body_at = role.entries[0], k
        low = tok.text.lower()
        if (
            tok.text in (".", ";", ":", '"', "“", "”")
            or low in heads.speech
            or low in heads.calendar
            or low in heads.prepositions
            or low in _BODY_STOPS
            or (tok.text.islower() and tok.text.startswith(("me", "di", "ber")))
        ):
            break
    return (body, country, body_at) if body is not None else (None, None, index)


_BODY_KINDS = frozenset({"org", "igo", "seat"})


def body_before(ctx: Context, index: int) -> tuple[GazetteerEntry, bool] | None:
    """The dictionary body right before token ``index`` ("KPK" of "Ketua KPK Firli Bahuri"), and whether a
    title or person's role stands before the body, over portfolio words and acronyms ("Direktur Perlindungan
    WNI Kemlu ...")."""
    tokens, heads = ctx.tokens, ctx.heads
    while index > 0 and tokens[index - 1].text.rstrip(".") in heads.honorifics:
        index -= 1  # a rank between: "Polda Metro Jaya Kombes Ade Ary" (Kombes: a police rank)
    if index == 0:
        return None
    m = ctx.match_at(tokens[index - 1])
    entry = next((e for e in m.entries if e.kind in _BODY_KINDS), None) if m is not None else None
    if m is None or entry is None or m.end != tokens[index - 1].end:
        return None
    k = index - 1
    while k >= 0 and tokens[k].start >= m.start:
        k -= 1
    for tok in reversed(tokens[max(0, k - 5) : k + 1]):
        word = tok.text.rstrip(".")
        if word in heads.titles or person_role(ctx, tok):
            return entry, True
        if not (word in heads.office_words or is_acronym(tok)):
            break
    return entry, False


def country_before(ctx: Context, index: int) -> str | None:
    """The country named just before a role: "Spain's Foreign Minister", "Russian President"."""
    for k in range(index - 1, max(-1, index - 4), -1):
        tok = ctx.tokens[k]
        m = ctx.match_at(tok)
        if m is not None:
            return next(
                (e.country for e in m.entries if e.kind in ("country", "adjective", "capital") and e.country),
                None,
            )
        if tok.text not in ("'s", "’s", "'", "’", "s"):
            return None
    return None


def person_role(ctx: Context, token: Token) -> bool:
    role = ctx.role_at(token)
    return role is not None and ctx.match_at(token) is None and role.entries[0].type == "PER"
