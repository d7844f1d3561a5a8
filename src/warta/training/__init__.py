"""Training, conversion and evaluation of the spaCy pipelines that warta ships (see ``train.py``)."""
