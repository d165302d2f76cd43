"""Search analytics without personal data: what was asked (normalised), in
which language, how many results, and which kind of result was opened at
which position. Nothing about who asked: no user, session, IP or cookie."""

from __future__ import annotations

import re

from search.analysis import normalize
from search.models import SearchClick, SearchLog

MAX_LOGGED = SearchLog._meta.get_field("query").max_length


def normalized_query(text: str) -> str:
    """NFKC, case folded, control characters (null bytes: PostgreSQL refuses
    them) dropped, spaces collapsed, capped."""
    text = "".join(ch for ch in normalize(text) if ch.isprintable() or ch.isspace())
    return re.sub(r"\s+", " ", text).strip()[:MAX_LOGGED]


def log_search(text: str, language: str, results: int, filtered: bool) -> SearchLog | None:
    """One INSERT; None for an empty query (browsing is not a search)."""
    query = normalized_query(text)
    if not query:
        return None
    return SearchLog.objects.create(
        query=query, language=language[:10], results=results, filtered=filtered
    )


def log_click(search_id: int | None, kind: str, position: int) -> None:
    """The log row may be gone (pruned): the click still counts, unlinked."""
    if search_id is not None and not SearchLog.objects.filter(pk=search_id).exists():
        search_id = None
    SearchClick.objects.create(search_id=search_id, kind=kind, position=position)
