"""What a run counts: articles processed, inputs failed, what was found; the same for every runner."""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.records import AnnotatedArticle, Failure


@dataclass(slots=True)
class RunSummary:
    """Counts for the summary table at the end of a run."""

    processed: int = 0
    failed: int = 0
    entities: int = 0
    quotes: int = 0
    events: int = 0
    retried: int = 0  # pages processed again after a transient failure
    failures: list[Failure] = field(default_factory=list)

    def add(self, result: AnnotatedArticle | Failure) -> None:
        if isinstance(result, Failure):
            self.failed += 1
            self.failures.append(result)
            return
        self.processed += 1
        self.entities += len(result.entities)
        self.quotes += len(result.quotes)
        self.events += len(result.events)

    @property
    def exit_code(self) -> int:
        """0 when every input was processed, 3 when some failed (and were recorded)."""
        return 3 if self.failed else 0

    def merge(self, other: RunSummary) -> None:
        """Add ``other``'s counts (a worker's share of the run) to these."""
        self.processed += other.processed
        self.failed += other.failed
        self.entities += other.entities
        self.quotes += other.quotes
        self.events += other.events
        self.retried += other.retried
        self.failures.extend(other.failures)
