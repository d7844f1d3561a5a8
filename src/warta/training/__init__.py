"""Training and conversion of the spaCy pipelines that warta ships (see ``train.py``); they are scored by
:mod:`warta.evaluation.models`."""
