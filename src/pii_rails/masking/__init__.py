"""Masking: what a rail does with spans (policy), how values are written (placeholders),
kept (vault, stores) and reported (audit)."""
