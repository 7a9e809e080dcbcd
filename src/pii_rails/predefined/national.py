"""National identifiers Presidio does not have."""

from __future__ import annotations

from typing import Optional

from presidio_analyzer import Pattern

from pii_rails.predefined.base import ContextPatternRecognizer


class FrNirRecognizer(ContextPatternRecognizer):
    """French social security number (NIR, "numéro de sécurité sociale"), checked with its key.

    15 characters: sex, year, month, département (``2A``/``2B`` for Corsica),
    commune, order number, and a two-digit key equal to 97 minus the first 13
    digits modulo 97. Written with or without spaces: ``1 85 05 78 006 084 36``.
    """

    ENTITY = "FR_NIR"
    PATTERNS = [
        Pattern(
            "fr_nir",
            r"(?<![\w])[12378][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2[ABab])[ .]?\d{3}[ .]?\d{3}[ .]?\d{2}(?![\w])",
            0.3,
        ),
    ]
    CONTEXT = {
        "fr": ["securite sociale", "secu", "nir", "insee", "numero social", "carte vitale", "immatriculation"],
        "en": ["social security", "nir", "insee", "french"],
    }

    def validate_result(self, pattern_text: str) -> Optional[bool]:  # noqa: D102
        value = "".join(c for c in pattern_text if c.isalnum()).upper()
        if len(value) != 15:
            return False
        body, key = value[:13], value[13:]
        # Corsica: 2A and 2B count as 19 and 18 in the key computation.
        body = body.replace("2A", "19", 1) if body[5:7] == "2A" else body.replace("2B", "18", 1) if body[5:7] == "2B" else body
        if not (body.isdigit() and key.isdigit()):
            return False
        return 97 - int(body) % 97 == int(key)
