"""Phone numbers of many countries, through Google's libphonenumber (``phonenumbers``).

Presidio's recognizer looks for numbers of eight regions and scores every one
0.4. Here the region list is wide (Europe, the Americas, Asia-Pacific, Africa)
and the score says how sure the match is:

* international form (``+44 20 7946 0958``, ``0033 1 42 68 53 00``): 0.75;
* national form valid in a region where the text's language is spoken
  (``(212) 555-0199`` in English, ``06 12 34 56 78`` in French): 0.6;
* national form valid only elsewhere: 0.45 when grouped like a phone number,
  0.25 when it is one bare run of digits (an order or account number is more
  likely), so it needs a context word ("phone", "tel", "appeler", "Handy"...).

Dates and numbers with decimals that happen to be valid somewhere are not
reported.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import phonenumbers
import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, LocalRecognizer, RecognizerResult

from pii_rails.predefined.base import TextContextMixin, context_regex, fold, localized

# Regions searched for national-format numbers. International numbers (+CC)
# are found whatever the region.
REGIONS: Tuple[str, ...] = (
    "US", "CA", "GB", "IE", "AU", "NZ", "IN", "ZA", "SG",
    "FR", "BE", "CH", "LU", "MC", "DE", "AT", "ES", "IT", "PT", "NL", "SE", "NO", "DK", "FI", "PL",
    "MX", "BR", "AR", "CO", "CL", "IL", "JP",
)  # fmt: skip

# Regions whose national numbers are expected in a text of the language.
HOME_REGIONS: Dict[str, Tuple[str, ...]] = {
    "en": ("US", "CA", "GB", "IE", "AU", "NZ", "IN", "ZA", "SG"),
    "fr": ("FR", "BE", "CH", "LU", "MC", "CA"),
    "es": ("ES", "MX", "AR", "CO", "CL", "US"),
    "de": ("DE", "AT", "CH", "LU"),
    "it": ("IT", "CH"),
    "pt": ("PT", "BR"),
    "nl": ("NL", "BE"),
}

CONTEXT = {
    "en": ["phone", "telephone", "tel$", "tel.", "cell", "mobile", "call", "fax", "contact", "reach",
           "text me", "whatsapp", "sms", "dial", "ring"],
    "fr": ["telephone", "tel$", "tel.", "portable", "mobile", "appel", "joindre", "fixe", "fax", "contact"],
    "es": ["telefono", "tel$", "tel.", "tfno", "tlfno", "telf", "tlf", "movil", "celular", "llam", "contacto", "fijo", "fax", "whatsapp"],
    "de": ["telefon", "tel$", "tel.", "handy", "mobil", "rufnummer", "anruf", "ruf$", "erreich", "fax", "kontakt"],
    "it": ["telefono", "tel$", "tel.", "cellulare", "chiama", "contatto", "fax"],
}  # fmt: skip

# A quick test before libphonenumber runs: at least seven digits close together.
_CANDIDATE = regex.compile(r"\d(?:[\s().\-/]{0,3}\d){6,}")
_DATE_LIKE = regex.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
_GROUPED = regex.compile(r"\d[\s().\-/]+\d")
_YEAR_FIRST = regex.compile(r"(?:19|20)\d\d[-/.]\d")
# A match glued to more of a token ("#P-58459-51", "ES-1307-761") or to more
# digit groups ("4663 7857 1758 7843") is part of something longer.
_GLUED_BEFORE = regex.compile(r"(?:[\p{L}\d_][-_/.#]?|\d[ .-]|#[ \t]?)\Z")
# A date with a four-digit year, then more digits (an hour): "5.5.2023 12", "[2026-02-23 10".
_DATE_THEN = regex.compile(r"[\[(]?(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2})(?!\d)")
_GLUED_AFTER = regex.compile(r"^(?:[-_/.]?[\p{L}\d_]|[ .-]\d)")
_SSN_LIKE = regex.compile(r"\d{3}-\d{2}-\d{4}")
_DOTTED_QUAD = regex.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
# Four or more dot-separated parts, one of three digits or more, no trunk 0: a build ("10.0.26100.1171",
# "31.0.101.4887"); not "617.555.0105" (three parts) nor "06.12.34.56.78" (pairs) nor "0475.12.34.56" (trunk 0).
_DOTTED_VERSION = regex.compile(r"(?!0)(?=[\d.]*\d{3})\d+(?:\.\d+){3,}")
# Words that name a number as something other than a phone number.
_OTHER_IDS = context_regex(
    """account acct a/c licen license licence dl$ passport order invoice ticket tracking ssn itin iban card routing
    serial sku isbn reference ref$ ref. case build version mrn record$ records$ patient member policy claim nif dni nir nie
    compte commande facture dossier permis passeport cuenta pedido factura expediente pasaporte carnet
    konto bestellung rechnung auftrag kunden vorgang akte fuhrerschein reisepass ausweis steuer
    code pin$ otp referenz id$ conference meeting passcode access participant webinar zoom teams
    konferenz besprechung reunion reunión conferencia""".split()
)


class PhoneNumberRecognizer(TextContextMixin, LocalRecognizer):
    """Phone numbers in international and national formats of :data:`REGIONS`."""

    max_context_score = 0.9

    def __init__(
        self,
        supported_language: str = "en",
        context: Optional[List[str]] = None,
        supported_regions: Sequence[str] = REGIONS,
        home_regions: Optional[Sequence[str]] = None,
        leniency: int = 1,
        supported_entity: str = "PHONE_NUMBER",
        name: Optional[str] = None,
    ):
        self.supported_regions = tuple(supported_regions)
        self.home_regions = tuple(home_regions if home_regions is not None else HOME_REGIONS.get(supported_language, ("US",)))
        self.leniency = leniency
        super().__init__(
            supported_entities=[supported_entity],
            supported_language=supported_language,
            context=context if context is not None else localized(CONTEXT, supported_language),
            name=name,
        )

    def load(self) -> None:  # noqa: D102
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:  # noqa: D102
        if not _CANDIDATE.search(text):
            return []
        best: Dict[Tuple[int, int], Tuple[float, str]] = {}
        for region in self._search_order():
            home = region in self.home_regions
            # Home regions also accept numbers that are possible but not assigned
            # (fictional 555-01xx, 07700 900xxx numbers are still someone's in a test).
            leniency = phonenumbers.Leniency.POSSIBLE if home else self.leniency
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=leniency):
                start, end = match.start, match.end
                if text[start] == "(" and text[start:end].count("(") > text[start:end].count(")"):
                    start += 1
                valid = phonenumbers.is_valid_number(match.number)
                score = self._score(text, start, end, home, valid)
                if score is None:
                    continue
                key = (start, end)
                if key not in best or best[key][0] < score:
                    best[key] = (score, region)
        results = []
        for (start, end), (score, region) in best.items():
            result = self._result(start, end, score, region)
            if self._named_otherwise(text, start):
                # Named as something else: no phone word further away may raise it again.
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            results.append(result)
        return EntityRecognizer.remove_duplicates(results)

    def _search_order(self) -> Tuple[str, ...]:
        return self.home_regions + tuple(r for r in self.supported_regions if r not in self.home_regions)

    def _score(self, text: str, start: int, end: int, home: bool, valid: bool) -> Optional[float]:
        raw = text[start:end].strip()
        if _GLUED_BEFORE.search(text[max(0, start - 2) : start]) or _GLUED_AFTER.search(text[end : end + 2]):
            return None
        digits = sum(c.isdigit() for c in raw)
        international = raw.startswith(("+", "00", "(+"))
        if _DATE_LIKE.fullmatch(raw) or _YEAR_FIRST.match(raw) or _DATE_THEN.match(raw) or _SSN_LIKE.fullmatch(raw) or digits > 15:
            return None
        if _DOTTED_QUAD.fullmatch(raw) or _DOTTED_VERSION.fullmatch(raw):  # an IPv4 address or a version number
            return None
        if not international and (digits > 13 or digits < (7 if home else 9)):
            return None
        grouped = bool(_GROUPED.search(raw))
        if international:
            score = 0.75 if valid else 0.6
        elif home:
            score = (0.6 if valid else 0.45) if grouped else (0.35 if valid else 0.25)
            if valid and not grouped and raw.startswith("0") and not raw.startswith("00") and digits >= 10:
                # A complete national number with its trunk prefix ("0557693602"): dialled as written.
                score = 0.45
        else:
            score = 0.45 if grouped else 0.25
        # An account, licence or order number that happens to be dialable: the
        # text names it as something else and says nothing about a phone.
        if self._named_otherwise(text, start):
            score -= 0.3
        return score if score > 0 else None

    def _named_otherwise(self, text: str, start: int) -> bool:
        """Whether a word naming another kind of number is nearer than any phone word
        ("Dial-in code 8841 2290": the code, not the dial, is what the number is)."""
        before = fold(text[max(0, start - 24) : start])
        other = [m.end() for m in _OTHER_IDS.finditer(before)]
        if not other:
            return False
        phone = [m.end() for m in self._context_pattern().finditer(before)]
        return not phone or max(other) > max(phone)

    def _result(self, start: int, end: int, score: float, region: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.supported_entities[0],
            start=start,
            end=end,
            score=score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name,
                original_score=score,
                textual_explanation=f"Recognized as {region} region phone number",
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
