"""Every scorer and benchmark reader of warta, in one place.

Modules: ``scoring`` (warta's output against the gold corpus: entities, quotes, events, status and dates;
``warta eval``), ``quotes`` (quote attribution on PFSA-ID and the gold corpus), ``extraction`` (body text on
the Article Extraction Benchmark), ``models`` (a trained spaCy pipeline on the treebank and NER test sets, and
installing a retrained one only if it scores better) and ``entities`` (warta's entities stage on the NER test
sets). The gold data is read from the shared folder at run time, never from the repository.

The names most callers need are here too::

    from warta.evaluation import evaluate_records, evaluate_subset, load_gold
"""

from warta.evaluation.scoring import (
    Accuracy,
    ArticleScores,
    Score,
    evaluate_gold_file,
    evaluate_records,
    evaluate_subset,
    load_gold,
    score_article,
    score_events,
)

__all__ = [
    "Accuracy",
    "ArticleScores",
    "Score",
    "evaluate_gold_file",
    "evaluate_records",
    "evaluate_subset",
    "load_gold",
    "score_article",
    "score_events",
]
