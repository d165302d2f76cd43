"""The interface both engines implement (`search.engines.database`,
`search.engines.elasticsearch`). The contract tests in
tests/search/contract/ run the same cases against each."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from search.documents import SearchDocument
from search.query import SearchQuery, SearchResults, Suggestion


class SearchUnavailable(Exception):
    """The engine cannot answer (service down, index missing)."""


class Engine(ABC):
    name = ""

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents; returns how many were written."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""

    @abstractmethod
    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Replace the whole index with `documents` (a stream: never held in
        memory at once) without leaving searches empty meanwhile. `progress`
        is called with the count written so far."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Hits for the page asked, the total and every facet in FACETS."""

    @abstractmethod
    def suggest(self, prefix: str, language: str, limit: int = 8) -> list[Suggestion]:
        """Names of documents in `language` (or Japanese fallbacks) starting
        with the prefix or its reading, best first."""

    @abstractmethod
    def document_ids(self) -> set[str]:
        """Every document id in the index (drift reports)."""

    @abstractmethod
    def clear(self) -> None:
        """Remove everything (tests, fresh installs)."""

    def size_bytes(self) -> int | None:
        """Disk size of the index, when the engine can tell."""
        return None
