"""Dates of birth: a date the text says is someone's birth date.

Not every date is personal: a delivery date or a meeting is not. A date is
reported as ``DATE_OF_BIRTH`` only when a birth keyword stands just before it
("born", "DOB", "date of birth", "né le", "fecha de nacimiento", "geboren am")
or right after it ("(DOB)"). Numeric, ISO and written-out dates are covered in
English, French, Spanish, German and Italian.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from pii_rails.predefined.base import ContextPatternRecognizer

_MONTHS = (
    # en
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
    # fr
    "|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
    "|janv|f[ée]vr|avr|juil|oct|d[ée]c"
    # es
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    "|ene|abr|ago|dic"
    # de
    "|januar|j[äa]nner|februar|m[äa]rz|mai|juni|juli|oktober|dezember|okt|dez"
    # it
    "|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|gen|mag|giu|lug|ott"
)
_MONTH = r"(?i:(?:" + _MONTHS + r")\.?)"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?i:st|nd|rd|th|er|º|°|\.)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

_DATE_PATTERNS = [
    # 1985-03-14, 1985/03/14
    Pattern("iso_date", r"(?<![\d.])" + _YEAR + r"[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?![\d])", 0.85),
    # 14/03/1985, 03-14-1985, 14.03.1985, 14.3.85
    Pattern(
        "numeric_date",
        r"(?<![\d.,/-])(?:0?[1-9]|[12]\d|3[01])[-/.]\s?(?:0?[1-9]|[12]\d|3[01])[-/.]\s?(?:" + _YEAR + r"|\d\d)(?![\d/-]|\.\d)",
        0.85,
    ),
    # March 14, 1985 / March 14th 1985
    Pattern("month_day_year", r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", 0.85),
    # 14 March 1985 / 14th of March, 1985 / 14 mars 1985 / 14 de marzo de 1985 / 14. März 1985
    Pattern(
        "day_month_year",
        r"\b" + _DAY + r"\s*(?i:of\s+|de\s+)?" + _MONTH + r",?\s+(?i:de\s+|del\s+)?" + _YEAR + r"\b",
        0.85,
    ),
]


class DateOfBirthRecognizer(ContextPatternRecognizer):
    """A date with a birth keyword right before it (or "(DOB)" right after it)."""

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = _DATE_PATTERNS
    requires_context = True
    context_before = 36
    context_after = 12
    CONTEXT = {
        "en": ["born", "birth", "dob", "d.o.b", "bday", "b-day", "b.$"],
        "fr": ["ne le", "nee le", "ne(e) le", "ne$", "nee$", "naissance", "anniversaire", "date de naiss"],
        "es": ["naci", "fecha de nac", "f. nac", "f.nac", "cumpleanos", "fec. nac"],
        "de": ["geboren", "geb.", "geburt", "geb. am"],
        "it": ["nato", "nata", "nascita"],
    }

    def __init__(self, supported_language: str = "en", **kwargs):
        # Birth keywords of every language: "DOB" or "né le" turn up in other languages' texts too.
        words = [w for table in self.CONTEXT.values() for w in table]
        kwargs.setdefault("context", words)
        super().__init__(supported_language=supported_language, **kwargs)
