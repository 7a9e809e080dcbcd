"""Presidio's own recognizers, with context words in each language and context found in the raw text.

The formats (and checksums) are Presidio's; what changes is the context:
Presidio registers these for English only, with English words, and counts a
word only through spaCy lemmas, which a blank pipeline does not have. Each
class here takes its context from a table per language (English words are
kept for every language: "IBAN", "SSN" or "DOB" turn up in any text).
"""

from __future__ import annotations

from typing import Dict, Optional, Sequence

import regex

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    CryptoRecognizer,
    DateRecognizer,
    EsNieRecognizer,
    EsNifRecognizer,
    IbanRecognizer,
    IpRecognizer,
    MacAddressRecognizer,
    MedicalLicenseRecognizer,
    UsBankRecognizer,
    UsItinRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

from pii_rails.detection.predefined.base import TextContextMixin, fold, localized, table_cells
from pii_rails.detection.predefined.email import OfflineEmailRecognizer

# Words naming a four-part number as a software version or build ("agent 4.3.51.30", "Modulversion: 1.2.3.4").
_VERSION_BEFORE = regex.compile(
    r"(?:\b(?:version|versions|ver|firmware|fw|build|builds|release|rev|revision|patch|update|driver|sdk|bios|kernel|"
    r"agent|package|paket|paquet|paquete|modul\w*|module|plugin|app|client version|v|version de|versión|versao|"
    r"controlador|treiber|pilote|bundle|image|release|agente|dienst|servicio|service version|"
    r"fassung)\b|\w+version\b)[^\d\n]{0,12}\Z|\bv\Z"
)
# Words saying a number is a network address after all ("agent on host 10.0.0.5").
_IP_WORDS = regex.compile(r"\b(?:ip|ipv4|ip-adresse|address|adresse|direccion|host|server|serveur|servidor|src|dst|peer|gateway)\b")
# More dot-separated parts after four ("10.0.26100.1171.5"), or a part above 255: not an IPv4 address.
_MORE_PARTS = regex.compile(r"^\.\d")
_VERSION_HEADER = regex.compile(r"(?:\w+ )?(?:version|versions|ver\.?|build|release|firmware|driver|package|versión|paquete|fassung|modulversion)")
_QUAD = regex.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def _presidio_name(cls: type) -> str:
    """The name of the Presidio recognizer class ``cls`` localizes."""
    for base in cls.__mro__:
        if base.__module__.startswith("presidio_analyzer.predefined_recognizers"):
            return base.__name__
    return cls.__name__


class _Localized(TextContextMixin):
    """Builds the Presidio class with the context words of ``supported_language``."""

    CONTEXT_WORDS: Dict[str, Sequence[str]] = {}

    def __init__(self, supported_language: str = "en", context: Optional[list] = None, **kwargs):
        # Reported under Presidio's own class name (CreditCardRecognizer, not CreditCard), so
        # audit events name every recognizer the same way.
        kwargs.setdefault("name", _presidio_name(type(self)))
        # A mixin: the next __init__ in the MRO is the Presidio recognizer's.
        super().__init__(  # type: ignore[call-arg]
            supported_language=supported_language,
            context=context if context is not None else localized(self.CONTEXT_WORDS, supported_language),
            **kwargs,
        )


class EmailRecognizer(_Localized, OfflineEmailRecognizer):
    """E-mail addresses, domains checked offline (see :class:`pii_rails.detection.predefined.email.OfflineEmailRecognizer`)."""

    CONTEXT_WORDS = {
        "en": ["email", "e-mail", "mail", "address", "contact", "reach"],
        "fr": ["courriel", "adresse", "mail", "e-mail", "ecrire"],
        "es": ["correo", "direccion", "email", "escrib"],
        "de": ["e-mail", "mail", "adresse", "schreib"],
        "it": ["posta", "indirizzo", "email", "scriv"],
    }

    @staticmethod
    def _address_start(value: str) -> int:
        local = value.split("@", 1)[0]
        cut = max(local.rfind(c) for c in "=/?&:")
        return cut + 1 if 0 <= cut < len(local) - 1 else 0

    def validate_result(self, pattern_text):  # noqa: D102
        return super().validate_result(pattern_text[self._address_start(pattern_text) :])

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # "user=ana@example.com" in a log line, "...?email=ana@example.com" in a URL: the key,
        # the path and the query's separators are not part of the address.
        for r in results:
            r.start += self._address_start(text[r.start : r.end])
        return [r for r in results if r.end > r.start]


class CreditCard(_Localized, CreditCardRecognizer):
    """Card numbers of 13 to 19 digits; reported only when the Luhn checksum holds.

    Presidio's pattern, plus Mastercard's 2-series (2221-2720), which it misses.
    """

    PATTERNS = [
        *CreditCardRecognizer.PATTERNS,
        Pattern("Mastercard 2-series (weak)", r"\b2[2-7]\d{2}[- ]?\d{4}[- ]?\d{4}[- ]?\d{4}\b", 0.3),
    ]

    def __init__(self, supported_language: str = "en", **kwargs):
        kwargs.setdefault("patterns", [Pattern(p.name, p.regex, p.score) for p in self.PATTERNS])
        super().__init__(supported_language=supported_language, **kwargs)

    CONTEXT_WORDS = {
        "en": ["credit", "card", "visa", "mastercard", "amex", "american express", "discover", "jcb", "diners",
               "maestro", "debit", "cc$", "payment", "pay"],
        "fr": ["carte", "credit", "bancaire", "cb$", "paiement", "payer"],
        "es": ["tarjeta", "credito", "debito", "pago", "pagar"],
        "de": ["karte", "kreditkarte", "kartennummer", "zahlung", "bezahl", "ec-karte"],
        "it": ["carta", "credito", "pagamento", "bancomat"],
    }  # fmt: skip

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # "+4917320679914" is a phone number in international form, never a card.
        return [r for r in results if not (r.start > 0 and text[r.start - 1] == "+")]

    def invalidate_result(self, pattern_text: str) -> bool:  # noqa: D102
        digits = [c for c in pattern_text if c.isdigit()]
        # 0000 0000 0000 0000 passes Luhn; so does any run of one repeated digit of some lengths.
        return len(set(digits)) == 1


class Iban(_Localized, IbanRecognizer):
    """IBANs of every country in Presidio's table, checked with the mod-97 check digits."""

    CONTEXT_WORDS = {
        "en": ["iban", "bank", "account", "transfer", "wire", "sepa", "bic", "swift", "payment"],
        "fr": ["iban", "compte", "banque", "bancaire", "virement", "rib", "prelevement"],
        "es": ["iban", "cuenta", "banco", "bancaria", "transferencia", "domiciliacion"],
        "de": ["iban", "konto", "bank", "uberweisung", "bankverbindung", "lastschrift"],
        "it": ["iban", "conto", "banca", "bonifico"],
    }


class IpAddress(_Localized, IpRecognizer):
    """IPv4 and IPv6 addresses (with optional prefix length), checked with :mod:`ipaddress`."""

    CONTEXT_WORDS = {
        "en": ["ip", "ipv4", "ipv6", "address", "host", "server", "client", "from", "login", "connect", "gateway"],
        "fr": ["ip", "adresse", "serveur", "hote", "connexion", "depuis"],
        "es": ["ip", "direccion", "servidor", "conexion", "desde"],
        "de": ["ip", "adresse", "server", "verbindung", "rechner"],
        "it": ["ip", "indirizzo", "server"],
    }

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # "Firmware 7.7.156.3", "v1.2.3.4", "agent 29.9.133.105 started": a four-part version number, not an
        # address, unless the text also calls it one ("agent at host 10.0.0.5").
        kept = []
        # A table column of versions or builds: "| Version | Released |".
        columns = table_cells(text, _VERSION_HEADER)
        for r in results:
            if any(a <= r.start and r.end <= b for a, b in columns):
                continue
            value = text[r.start : r.end]
            if _QUAD.fullmatch(value) and (
                any(int(part) > 255 for part in value.split(".")) or _MORE_PARTS.match(text[r.end : r.end + 2])
            ):
                continue
            before = fold(text[max(0, r.start - 24) : r.start])
            if _VERSION_BEFORE.search(before) and not _IP_WORDS.search(fold(text[max(0, r.start - 40) : r.start])):
                continue
            kept.append(r)
        return kept

    def invalidate_result(self, pattern_text: str) -> bool:  # noqa: D102
        if super().invalidate_result(pattern_text):
            return True
        return pattern_text.strip() in ("::",)


class MacAddress(_Localized, MacAddressRecognizer):
    """MAC addresses (``00:1A:2B:3C:4D:5E``, ``00-1A-...``, ``001A.2B3C.4D5E``)."""

    CONTEXT_WORDS = {
        "en": ["mac", "hardware", "ethernet", "physical", "wifi", "wi-fi", "adapter", "device", "nic"],
        "fr": ["mac", "adresse physique", "carte reseau", "appareil"],
        "es": ["mac", "direccion fisica", "tarjeta de red", "dispositivo"],
        "de": ["mac", "hardware", "netzwerkkarte", "gerat"],
    }


class Crypto(_Localized, CryptoRecognizer):
    """Bitcoin addresses (base58check and bech32), checksum-validated."""

    CONTEXT_WORDS = {
        "en": ["wallet", "btc", "bitcoin", "crypto", "address", "send"],
        "fr": ["portefeuille", "bitcoin", "crypto", "adresse"],
        "es": ["cartera", "billetera", "monedero", "bitcoin", "cripto"],
        "de": ["wallet", "bitcoin", "krypto", "adresse"],
    }


class UsSsn(_Localized, UsSsnRecognizer):
    """US Social Security numbers (invalid area/group/serial numbers rejected, including areas 900-999)."""

    CONTEXT_WORDS = {"en": ["social security", "ssn", "ssns", "ss#", "ss #", "social", "security number", "ssa"]}

    def invalidate_result(self, pattern_text: str) -> bool:  # noqa: D102
        if super().invalidate_result(pattern_text):
            return True
        digits = "".join(c for c in pattern_text if c.isdigit())
        # The SSA never assigns area numbers 900-999 (that range is for ITINs).
        return len(digits) == 9 and digits[0] == "9"


class UsItin(_Localized, UsItinRecognizer):
    """US Individual Taxpayer Identification Numbers (9XX-7X-XXXX, 9XX-8X-XXXX, ...)."""

    CONTEXT_WORDS = {"en": ["itin", "taxpayer", "tax id", "tax identification", "tin$", "tax"]}


class UsPassport(_Localized, UsPassportRecognizer):
    """US passport numbers: nine digits, or a letter and eight digits; needs a passport word nearby."""

    CONTEXT_WORDS = {
        "en": ["passport", "passport#", "passport no", "travel document"],
        "fr": ["passeport"],
        "es": ["pasaporte"],
        "de": ["reisepass", "pass$", "passnummer"],
        "it": ["passaporto"],
    }


class UsBankNumber(_Localized, UsBankRecognizer):
    """US bank account numbers (8 to 17 digits); needs an account word nearby."""

    CONTEXT_WORDS = {
        "en": ["account", "acct", "acc$", "a/c", "bank", "checking", "savings", "deposit", "routing", "debit"],
        "fr": ["compte", "bancaire"],
        "es": ["cuenta", "bancaria"],
        "de": ["konto", "kontonummer"],
    }


class MedicalLicense(_Localized, MedicalLicenseRecognizer):
    """US DEA registration numbers, checksum-validated."""

    CONTEXT_WORDS = {"en": ["medical", "certificate", "dea", "license", "licence", "prescriber", "registration"]}


class EsNif(_Localized, EsNifRecognizer):
    """Spanish NIF/DNI (eight digits and a check letter)."""

    CONTEXT_WORDS = {
        "es": ["documento nacional de identidad", "dni", "nif", "identificacion", "identidad"],
        "en": ["dni", "nif", "spanish id", "national id"],
    }


class EsNie(_Localized, EsNieRecognizer):
    """Spanish NIE (foreigner identity number), check letter validated."""

    CONTEXT_WORDS = {
        "es": ["nie", "numero de identidad de extranjero", "extranjero", "identificacion"],
        "en": ["nie", "foreigner"],
    }


class DateTime(_Localized, DateRecognizer):
    """Dates in numeric and written formats (Presidio's patterns)."""

    CONTEXT_WORDS = {
        "en": ["date", "birthday", "born", "on$", "day"],
        "fr": ["date", "le$", "jour"],
        "es": ["fecha", "el$", "dia"],
        "de": ["datum", "am$", "tag"],
    }

