"""Helpers for tests and trials: a recording OpenAI-compatible upstream."""
