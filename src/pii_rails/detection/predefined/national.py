"""National identifiers Presidio does not have."""

from __future__ import annotations

from typing import Optional

from presidio_analyzer import Pattern

from pii_rails.detection.predefined.base import ContextPatternRecognizer


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
    # A key that does not match, after a word naming the number, is a near miss: still masked.
    NEAR_MISS_LABELS = {
        "fr": ["securite sociale", "numero de securite sociale", "numero de secu", "secu", "nir", "numero insee",
               "carte vitale", "numero d'immatriculation"],
        "en": ["nir", "french social security number", "social security number", "insee number"],
    }  # fmt: skip

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


class UsDriverLicenseRecognizer(ContextPatternRecognizer):
    """US driver's license numbers, in the formats states use, when the text calls them a license.

    Every state numbers licenses its own way: letters and digits
    (``A1234567``), digit groups (``123 456 789``), dashed groups
    (``X182-936-72-607-5``), Washington's ``WDL`` numbers. Most of these look
    like any other id, so a license word must be near ("driver's license",
    "DL", "licence", "permis de conduire", "Führerschein"); ``WDL...`` numbers
    are distinctive enough alone.
    """

    ENTITY = "US_DRIVER_LICENSE"
    _END = r"(?![\w-])"
    # Letters in any case: people type licence numbers as they please ("d1234567", "Ab123456"),
    # and the licence word the patterns need keeps ordinary words out.
    PATTERNS = [
        # Stands alone, so upper case only; "wdl..." in lower case is found by dl_alnum, near a licence word.
        Pattern("dl_washington", r"(?<![\w-])WDL[A-Z0-9*]{9}" + _END, 0.6),
        Pattern("dl_dashed", r"(?<![\w-])[A-Za-z]-?\d{2,4}(?:-\d{1,5}){2,4}" + _END, 0.75),
        # Up to 18 digits after the letters: New York's 19-character numbers, New Jersey's 15.
        Pattern("dl_letters_digits", r"(?<![\w-])[A-Za-z]{1,3}\d{4,18}" + _END, 0.7),
        Pattern("dl_digits_letters", r"(?<![\w-])\d{2,9}[A-Za-z]{1,3}\d{0,6}" + _END, 0.6),
        Pattern("dl_digit_groups", r"(?<![\w-])\d{3}[ -]\d{3}[ -]\d{3,4}" + _END, 0.65),
        # A letter and digit groups with spaces between them (New Jersey's "A1234 56789 01234", Michigan's
        # "A 123 456 789 012"), letters then two dashed groups (North Dakota's "ABC-12-3456"), and Colorado's
        # "12-345-6789".
        Pattern("dl_letter_spaced_groups", r"(?<![\w-])[A-Za-z] ?\d{3,5}(?: \d{3,5}){2,3}" + _END, 0.7),
        Pattern("dl_letters_dashed", r"(?<![\w-])[A-Za-z]{2,3}-\d{2,4}-\d{3,5}" + _END, 0.7),
        Pattern("dl_digits_dashed", r"(?<![\w-])\d{2}-\d{3}-\d{4}" + _END, 0.65),
        # Montana's 13 and 14 digits too.
        Pattern("dl_digits", r"(?<![\w-])\d{7,14}" + _END, 0.6),
        Pattern("dl_alnum", r"(?<![\w-])(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{8,13}" + _END, 0.6),
        # Washington's twelve characters pad a short surname with asterisks ("DOE**JM505QA", "SMITHJA512*8").
        Pattern("dl_padded", r"(?<![\w*-])(?=[A-Za-z0-9*]*\*)(?=[A-Za-z0-9*]*[A-Za-z])[A-Za-z][A-Za-z0-9*]{11}(?![\w*-])", 0.6),
    ]
    # Most texts hold no asterisk: the padded pattern's lookaheads are not run on them.
    TRIGGERS = {"dl_padded": ("*",)}
    requires_context = True
    context_before = 40
    context_after = 0
    CONTEXT = {
        "en": ["driver", "driving", "license", "licence", "dl$", "dl#", "dl:", "lic$", "lic#", "lic.", "dmv"],
        "fr": ["permis"],
        "es": ["licencia", "carnet de conducir", "permiso de conducir"],
        "de": ["fuhrerschein"],
    }

    # A value right after the words naming a driving licence is one, whatever the state's format: a
    # short or mistyped number ("D4417", "0791963") stays masked as a near miss. One token of five
    # characters or more with a digit: not a year ("licence since 2019"), nor a date.
    NEAR_MISS_SHAPES = [
        # Groups first: their last group alone must not be taken for the whole number. Not a date ("expired
        # on 2023-04-01").
        r"(?<![\w-])(?!\d{4}-\d{1,2}-\d{1,2}(?![\w-])|\d{1,2}-\d{1,2}-\d{2,4}(?![\w-]))(?:[A-Za-z]{1,3}-\d{2,5}(?:-\d{1,5}){1,3}|(?:[A-Za-z] ?)?\d{2,5}(?:[- ]\d{1,5}){2,4})(?![\w-])",
        r"(?<![\w*-])(?=[A-Za-z*]*\d)[A-Za-z0-9][A-Za-z0-9*]{4,19}(?![\w*-])",
        # Letters only, their case jumbled as no word's is ("kEcRGAbLeMci"): typed from a card, or made up.
        r"(?<![\w*-])(?=[A-Za-z]*[a-z][A-Z][A-Za-z]*[a-z][A-Z])[A-Za-z]{6,20}(?![\w*-])",
    ]
    NEAR_MISS_LABELS = {
        "en": ["driver's license", "driver’s license", "drivers license", "driver license", "driver's licence",
               "driver’s licence", "drivers licence", "driving licence", "driving license", "dl number", "dl no", "dl#", "dl #",
               "license no", "licence no", "license number", "licence number", "license #", "licence #", "dl"],
        "fr": ["permis de conduire", "numero de permis"],
        "es": ["licencia de conducir", "carnet de conducir", "permiso de conducir"],
        "de": ["fuhrerschein", "fuhrerscheinnummer"],
    }  # fmt: skip

    def stands_alone(self, pattern: Pattern) -> bool:  # noqa: D102
        return pattern.name == "dl_washington"

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return results + self.near_misses(text, results)
