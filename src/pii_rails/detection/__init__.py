"""Detection: text in, spans out (Presidio analyzer, spaCy pipelines, recognizers)."""
