"""E-mail addresses, with domains checked offline."""

from __future__ import annotations

from typing import Optional

import tldextract
from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from pii_rails.detection import lowercase

# Presidio validates e-mail domains with tldextract's module-level extractor,
# which downloads the public suffix list on first use. This one reads only the
# snapshot bundled with tldextract and keeps no disk cache: no network, ever.
_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


# Top-level names that are not public suffixes but are used for real mailboxes.
PRIVATE_TLDS = frozenset(
    {"example", "test", "invalid", "localhost", "local", "internal", "corp", "home", "lan", "intranet", "private"}
)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer, validating domains without network access.

    An address under a public suffix is confirmed (score 1.0), as in Presidio.
    Presidio drops every other match; addresses under reserved and internal
    names (RFC 2606/6761 ``.example``, ``.test``; ``.internal``, ``.local``,
    ...) still belong to people, so those keep the pattern's own score, while
    look-alikes such as ``icon@2x.png`` are still dropped.
    """

    LOWER_START = lowercase.NEVER

    def validate_result(self, pattern_text: str) -> Optional[bool]:  # noqa: D102
        if _OFFLINE_TLD(pattern_text).fqdn != "":
            return True
        if pattern_text.rsplit(".", 1)[-1].lower() in PRIVATE_TLDS:
            return None
        return False


def offline_equivalent(recognizer: EntityRecognizer) -> EntityRecognizer:
    """Replace a predefined recognizer that would reach the network with an offline twin."""
    if type(recognizer) is EmailRecognizer:
        return OfflineEmailRecognizer(
            patterns=recognizer.patterns,
            context=recognizer.context,
            supported_language=recognizer.supported_language,
            supported_entity=recognizer.supported_entities[0],
            name=recognizer.name,
        )
    return recognizer
