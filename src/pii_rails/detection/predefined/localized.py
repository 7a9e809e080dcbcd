"""Presidio's own recognizers, with context words in each language and context found in the raw text.

The formats (and checksums) are Presidio's; what changes is the context:
Presidio registers these for English only, with English words, and counts a
word only through spaCy lemmas, which a blank pipeline does not have. Each
class here takes its context from a table per language (English words are
kept for every language: "IBAN", "SSN" or "DOB" turn up in any text).
"""

from __future__ import annotations

import string
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

from pii_rails.detection import lowercase
from pii_rails.detection.predefined.base import (
    NEAR_MISS_KEY,
    NearMissMixin,
    TextContextMixin,
    fold,
    localized,
    table_cells,
)
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


# Two groups of an identifier on either side of a line break ("DE89 3704 0044\n0532 0130 00"): a value
# wrapped by a mail client, a form or a narrow column.
_GROUP_BREAK = regex.compile(r"[A-Za-z0-9]\n[A-Za-z0-9]")
_BREAK_AS_SPACE = str.maketrans({"\n": " "})


def _presidio_name(cls: type) -> str:
    """The name of the Presidio recognizer class ``cls`` localizes."""
    for base in cls.__mro__:
        if base.__module__.startswith("presidio_analyzer.predefined_recognizers"):
            return base.__name__
    return cls.__name__


class _Localized(NearMissMixin, TextContextMixin):
    """Builds the Presidio class with the context words of ``supported_language``.

    Presidio drops every match that fails the format's validity check; here a
    match that fails it but is labelled ("SSN 990-44-4272", "card number 4111
    1111 1111 1112") is kept as a near miss (see
    :class:`~pii_rails.detection.predefined.base.NearMissMixin`).
    """

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

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        # The Presidio class after this mixin in each subclass's bases provides analyze().
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)  # type: ignore[misc]
        if "\n" in text and _GROUP_BREAK.search(text):
            # Read once more with each line break as a space (same offsets); a value only that reading
            # finds whole replaces the pieces found on each line, when its check holds.
            across = [
                r for r in super().analyze(text.translate(_BREAK_AS_SPACE), entities, nlp_artifacts, regex_flags)  # type: ignore[misc]
                if "\n" in text[r.start : r.end] and r.score >= 1.0 and self.joins_lines(text, r)
            ]
            if across:
                found = [r for r in found if not any(r.start < a.end and a.start < r.end for a in across)] + across
        results = [r for r in found if self.keep(text, r)]
        if self.NEAR_MISS_SHAPES:
            # After the filters: a dropped partial match must not hide the labelled value around it.
            results = results + self.near_misses(text, results)
        return results

    def keep(self, text: str, result) -> bool:
        """Whether a match of the Presidio class stands (subclasses drop look-alikes here)."""
        return True

    def joins_lines(self, text: str, result) -> bool:
        """Whether a valid match running over a line break is one value (only where a check makes it likely)."""
        return False


def _near_miss(result) -> bool:
    return bool((result.recognition_metadata or {}).get(NEAR_MISS_KEY))


# Loose shapes of the identifiers, for near misses (the value must also be labelled).
_NINE_DIGITS = r"(?<![\w.,-])\d{3}[- .]?\d{2}[- .]?\d{4}(?![\w-]|[.,]\d)"
_CARD_DIGITS = r"(?<![\w+.,-])\d(?:[- ]?\d){11,18}(?![\w-]|[.,]\d)"


class LocalizedEmailRecognizer(_Localized, OfflineEmailRecognizer):
    """E-mail addresses, domains checked offline (see :class:`pii_rails.detection.predefined.email.OfflineEmailRecognizer`)."""

    CONTEXT_WORDS = {
        "en": ["email", "e-mail", "mail", "address", "contact", "reach"],
        "fr": ["courriel", "adresse", "mail", "e-mail", "ecrire"],
        "es": ["correo", "direccion", "email", "escrib"],
        "de": ["e-mail", "mail", "adresse", "schreib"],
        "it": ["posta", "indirizzo", "email", "scriv"],
    }
    # An address whose domain is no public suffix ("ana@firm.kom", a typo) is dropped unless the text calls it an e-mail.
    NEAR_MISS_SHAPES = [r"(?<![\w.+%-])[\w.+%-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+(?![\w@-])"]
    NEAR_MISS_LABELS = {
        "en": ["email", "e-mail", "email address", "e-mail address", "mail"],
        "fr": ["courriel", "adresse e-mail", "adresse mail", "mail", "e-mail"],
        "es": ["correo", "correo electronico", "email", "e-mail"],
        "de": ["e-mail", "e-mail-adresse", "mail", "email"],
        "it": ["email", "e-mail", "posta elettronica"],
    }

    # Two forms RFC 5321 allows that Presidio's pattern cuts short: a quoted local part ("john
    # smith"@example.org, its closing quote escaped in JSON) and an address literal (ana@[192.0.2.10]).
    PATTERNS = [
        *OfflineEmailRecognizer.PATTERNS,
        Pattern("Email, quoted local part", r'"[^"\n\\@]{1,62}\\?"@\w+(?:-+\w+)*(?:\.\w+(?:-+\w+)*)+\b', 0.5),
        Pattern("Email, address literal", r"(?<![\w.+%-])[\w.+%-]{1,64}@\[\d{1,3}(?:\.\d{1,3}){3}\]", 0.5),
    ]

    @staticmethod
    def _address_start(value: str) -> int:
        local = value.split("@", 1)[0]
        if local.startswith('"'):  # quoted: any character may be in it
            return 0
        cut = max(local.rfind(c) for c in "=/?&:")
        return cut + 1 if 0 <= cut < len(local) - 1 else 0

    def validate_result(self, pattern_text):  # noqa: D102
        if pattern_text.endswith("]"):  # an address literal: no domain name to check
            return True
        return super().validate_result(pattern_text[self._address_start(pattern_text) :])

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # "user=ana@example.com" in a log line, "...?email=ana@example.com" in a URL: the key,
        # the path and the query's separators are not part of the address.
        for r in results:
            r.start += self._address_start(text[r.start : r.end])
        return [r for r in results if r.end > r.start]


_MAESTRO_12 = "Maestro 12 digits (weak)"
_VISA_13 = "Visa 13 digits, 4-4-5 (weak)"
# A token with a digit right before a match, joined by one space or dash: the match is the middle of a longer id
# ("DE80 2705 ...", an order number "#830-4784079-8966978").
_CONTINUES_GROUPS = regex.compile(r"(?:^|(?<=[^\w-]))[A-Za-z0-9]*\d[A-Za-z0-9]*[ -]\Z")
# Digits and a slash, full stop or colon right before a match: it starts inside a date or a time ("3/29/1982 780-906-7254"
# is a birth date and a phone number, not a card "1982 780-906-7254").
_INSIDE_DATE = regex.compile(r"\d[/.:]\Z")
# Another group of digits right after a match, one space or dash between.
_MORE_GROUPS = regex.compile(r"[ -]\d")


class CreditCard(_Localized, CreditCardRecognizer):
    """Card numbers of 12 to 19 digits; reported when the Luhn checksum holds, or when labelled.

    Presidio's pattern, plus what it misses: Mastercard's 2-series (2221-2720),
    19-digit numbers, JCB's 15-digit 2131 numbers and 12-digit Maestro numbers
    (these only near a card word), groups of four with a short last group or
    full stops between them. A number failing Luhn right after "card
    number", "Visa", "carte", "Kreditkarte"... is a near miss, still masked.
    """

    LOWER_START = lowercase.NEVER

    PATTERNS = [
        *CreditCardRecognizer.PATTERNS,
        Pattern("Mastercard 2-series (weak)", r"\b2[2-7]\d{2}[- ]?\d{4}[- ]?\d{4}[- ]?\d{4}\b", 0.3),
        # Visa, Maestro, Discover, UnionPay and JCB issue 18- and 19-digit numbers, which the pattern above stops
        # short of: in fours with a short last group, or (UnionPay, Maestro) as six digits then thirteen.
        Pattern("18 or 19 digits (weak)", r"\b[2-6]\d{3}(?:[- ]?\d{4}){3}[- ]?\d{2,3}\b", 0.3),
        Pattern("six then thirteen (weak)", r"\b6\d{5}[- ]\d{13}\b", 0.3),
        # JCB's 15-digit numbers under 2131 (1800 is matched above).
        Pattern("JCB 15 digits (weak)", r"\b2131(?:[- ]?\d{4}){2}[- ]?\d{3}\b|\b(?:2131|1800)[- ]?\d{6}[- ]?\d{5}\b", 0.3),
        Pattern(_MAESTRO_12, r"\b(?:5[06-8]\d{2}|6\d{3}|0604)(?:[- ]?\d{4}){2}\b", 0.3),
        # Visa's old 13-digit numbers grouped 4-4-5, which the pattern above cannot split: near a card word only.
        Pattern(_VISA_13, r"\b4\d{3}([- ])\d{4}\1\d{5}\b", 0.3),
        # Grouped by fours with a short last group (Diners' 14 digits as "3056 9309 0259 04"), or with
        # full stops between the groups: the same number, the Luhn check decides.
        Pattern("fours, short or dotted (weak)", r"\b[2-6]\d{3}([- .])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{3})?\b(?![.-]\d)", 0.3),
        # Wide separators typed or pasted between the fours: two spaces, a dash with spaces ("4403 - 6205 - ...").
        Pattern("fours, wide separators (weak)", r"\b[2-6]\d{3}([ ]{2,3}|[ ]-[ ])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?\b(?![.-]\d)", 0.3),
    ]
    NEAR_MISS_SHAPES = [_CARD_DIGITS, r"(?<![\w+.,-])3[47]\d{2}[- ]\d{6}[- ]\d{5}(?![\w-]|[.,]\d)"]
    NEAR_MISS_LABELS = {
        "en": ["card number", "card no", "card", "credit card", "debit card", "cc", "cc#", "cc no", "ccn", "pan",
               "visa", "mastercard", "master card", "amex", "american express", "discover", "jcb", "maestro",
               "diners club", "unionpay"],
        "fr": ["carte", "numero de carte", "carte bancaire", "carte de credit", "cb"],
        "es": ["tarjeta", "numero de tarjeta", "tarjeta de credito", "tarjeta de debito"],
        "de": ["karte", "kartennummer", "kreditkarte", "kreditkartennummer", "ec-karte", "girocard", "debitkarte"],
        "it": ["carta", "numero di carta", "carta di credito"],
    }  # fmt: skip

    def __init__(self, supported_language: str = "en", **kwargs):
        kwargs.setdefault("patterns", [Pattern(p.name, p.regex, p.score) for p in self.PATTERNS])
        # The Luhn check reads digits only: full stops between groups go too.
        kwargs.setdefault("replacement_pairs", [("-", ""), (" ", ""), (".", "")])
        super().__init__(supported_language=supported_language, **kwargs)

    CONTEXT_WORDS = {
        "en": ["credit", "card", "visa", "mastercard", "amex", "american express", "discover", "jcb", "diners",
               "maestro", "debit", "cc$", "payment", "pay", "charge"],
        "fr": ["carte", "credit", "bancaire", "cb$", "paiement", "payer", "debiter"],
        "es": ["tarjeta", "credito", "debito", "pago", "pagar", "cargar", "cobrar"],
        "de": ["karte", "kreditkarte", "kartennummer", "zahlung", "bezahl", "ec-karte", "belast", "abbuch"],
        "it": ["carta", "credito", "pagamento", "bancomat"],
    }  # fmt: skip

    def keep(self, text, result):  # noqa: D102
        # "+4917320679914" is a phone number in international form, never a card; nor is a run of digits
        # that continues a grouped id ("DE80 2705 1995 0348 4838 05": sixteen of an IBAN's digits).
        before = text[max(0, result.start - 32) : result.start]
        if before.endswith("+") or _CONTINUES_GROUPS.search(before) or _INSIDE_DATE.search(before):
            return False
        # One in ten numbers passes Luhn: a 12-digit Maestro number, or a 13-digit one grouped 4-4-5, counts
        # only where the text speaks of cards or payment.
        if getattr(result.analysis_explanation, "pattern_name", None) in (_MAESTRO_12, _VISA_13):
            return self.context_distance(text, result.start, result.end) is not None
        return True

    def joins_lines(self, text, result):  # noqa: D102
        # Luhn passes one run of digits in ten: only where the text speaks of cards or payment.
        return self.context_distance(text, result.start, result.end) is not None

    def invalidate_result(self, pattern_text: str) -> bool:  # noqa: D102
        digits = [c for c in pattern_text if c.isdigit()]
        # 0000 0000 0000 0000 passes Luhn; so does any run of one repeated digit of some lengths.
        return len(set(digits)) == 1


_ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


class Iban(_Localized, IbanRecognizer):
    """IBANs of every country in Presidio's table, checked with the mod-97 check digits.

    One failing the check right after "IBAN" is a near miss, still masked.
    """

    LOWER_START = lowercase.NEVER

    NEAR_MISS_SHAPES = [r"(?<![\w])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,3})?(?![\w])"]
    NEAR_MISS_LABELS = {"en": ["iban", "iban code", "iban number"], "fr": ["iban"], "es": ["iban"], "de": ["iban"], "it": ["iban"]}

    CONTEXT_WORDS = {
        "en": ["iban", "bank", "account", "transfer", "wire", "sepa", "bic", "swift", "payment"],
        "fr": ["iban", "compte", "banque", "bancaire", "virement", "rib", "prelevement"],
        "es": ["iban", "cuenta", "banco", "bancaria", "transferencia", "domiciliacion"],
        "de": ["iban", "konto", "bank", "uberweisung", "bankverbindung", "lastschrift"],
        "it": ["iban", "conto", "banca", "bonifico"],
    }

    def joins_lines(self, text, result):  # noqa: D102
        # The mod-97 check digits: groups that run on by chance pass it once in 97.
        return True

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        # An IBAN typed in lower case (chat, a lower-cased export) is as checkable as one in capitals,
        # and the check digits decide either way. ASCII letters only, so every offset stays the text's.
        return super().analyze(text.translate(_ASCII_UPPER), entities, nlp_artifacts, regex_flags)


class IpAddress(_Localized, IpRecognizer):
    """IPv4 and IPv6 addresses (with optional prefix length), checked with :mod:`ipaddress`."""

    LOWER_START = lowercase.NEVER

    NEAR_MISS_SHAPES = [r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)"]
    NEAR_MISS_LABELS = {
        "en": ["ip", "ip address", "ipv4", "ipv4 address"],
        "fr": ["adresse ip"],
        "es": ["direccion ip"],
        "de": ["ip-adresse"],
        "it": ["indirizzo ip"],
    }

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
            if _near_miss(r):  # named an IP address by the text itself
                kept.append(r)
                continue
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
    """MAC addresses (``00:1A:2B:3C:4D:5E``, ``00-1A-...``, ``001A.2B3C.4D5E``); near misses after a MAC word.

    A labelled value with an octet missing or too many, a letter that is no hex digit, or no
    separators at all ("MAC 001A2B3C4D5E") is still masked.
    """

    NEAR_MISS_SHAPES = [
        r"(?<![\w:.-])[0-9A-Za-z]{2}(?:[:-][0-9A-Za-z]{2}){3,7}(?![\w:-])",
        r"(?<![\w:.-])[0-9A-Za-z]{4}\.[0-9A-Za-z]{4}\.[0-9A-Za-z]{3,5}(?![\w.-])",
        r"(?<![\w:.-])(?=[A-Za-z]*\d)[0-9A-Fa-f]{12}(?![\w:-])",
    ]
    NEAR_MISS_LABELS = {
        "en": ["mac", "mac address", "hardware address", "physical address", "ethernet address", "bssid"],
        "fr": ["mac", "adresse mac", "adresse physique"],
        "es": ["mac", "direccion mac", "direccion fisica"],
        "de": ["mac", "mac-adresse", "hardware-adresse", "physische adresse"],
        "it": ["mac", "indirizzo mac", "indirizzo fisico"],
    }

    CONTEXT_WORDS = {
        "en": ["mac", "hardware", "ethernet", "physical", "wifi", "wi-fi", "adapter", "device", "nic"],
        "fr": ["mac", "adresse physique", "carte reseau", "appareil"],
        "es": ["mac", "direccion fisica", "tarjeta de red", "dispositivo"],
        "de": ["mac", "hardware", "netzwerkkarte", "gerat"],
    }


class Crypto(_Localized, CryptoRecognizer):
    """Bitcoin addresses (base58check and bech32), checksum-validated; near misses after a wallet word."""

    NEAR_MISS_SHAPES = [r"(?<![\w])(?:[13][a-km-zA-HJ-NP-Z1-9]{25,34}|bc1[a-z0-9]{25,90})(?![\w])"]
    NEAR_MISS_LABELS = {
        "en": ["bitcoin", "bitcoin address", "btc", "btc address", "wallet", "wallet address"],
        "fr": ["portefeuille", "adresse bitcoin"],
        "es": ["cartera", "billetera", "monedero"],
        "de": ["wallet", "bitcoin-adresse"],
    }

    CONTEXT_WORDS = {
        "en": ["wallet", "btc", "bitcoin", "crypto", "address", "send"],
        "fr": ["portefeuille", "bitcoin", "crypto", "adresse"],
        "es": ["cartera", "billetera", "monedero", "bitcoin", "cripto"],
        "de": ["wallet", "bitcoin", "krypto", "adresse"],
    }


class UsSsn(_Localized, UsSsnRecognizer):
    """US Social Security numbers.

    Numbers the SSA never issues (areas 000, 666 and 900-999, group 00, serial
    0000, the published samples) are dropped when nothing names them, and kept
    as near misses when a label does ("SSN 990-44-4272", "numéro de sécurité
    sociale", "Sozialversicherungsnummer"): an ITIN-shaped number the user calls
    an SSN is masked as one.
    """

    LOWER_START = lowercase.NEVER

    CONTEXT_WORDS = {
        "en": ["social security", "ssn", "ssns", "ss#", "ss #", "social", "security number", "ssa"],
        "fr": ["securite sociale", "numero de securite sociale"],
        "es": ["seguro social", "seguridad social", "numero de seguro social"],
        "de": ["sozialversicherung", "sozialversicherungsnummer", "sv-nummer"],
    }
    NEAR_MISS_SHAPES = [_NINE_DIGITS]
    NEAR_MISS_LABELS = {
        "en": ["ssn", "ss#", "ss #", "ss no", "social security", "social security number", "social security no",
               "soc sec", "soc. sec", "social-security number"],
        "fr": ["securite sociale", "numero de securite sociale", "no de securite sociale", "n° de securite sociale"],
        "es": ["seguro social", "numero de seguro social", "numero de la seguridad social", "seguridad social", "nss"],
        "de": ["sozialversicherungsnummer", "sozialversicherung", "sv-nummer", "sv nummer", "versicherungsnummer"],
    }  # fmt: skip

    def keep(self, text, result):  # noqa: D102
        # Three groups of a longer grouped number are not an SSN: "+246 54 0126 6496" is a phone number in
        # international form, "4403 620 59 8915 2966" an account's digits.
        before = text[max(0, result.start - 32) : result.start]
        return not (before.endswith("+") or _CONTINUES_GROUPS.search(before) or _MORE_GROUPS.match(text, result.end))

    def invalidate_result(self, pattern_text: str) -> bool:  # noqa: D102
        if super().invalidate_result(pattern_text):
            return True
        digits = "".join(c for c in pattern_text if c.isdigit())
        # The SSA never assigns area numbers 900-999 (that range is for ITINs).
        return len(digits) == 9 and digits[0] == "9"


class UsItin(_Localized, UsItinRecognizer):
    """US Individual Taxpayer Identification Numbers (9XX-7X-XXXX, 9XX-8X-XXXX, ...)."""

    CONTEXT_WORDS = {"en": ["itin", "taxpayer", "tax id", "tax identification", "tin$", "tax"]}
    # Presidio's pattern holds the rule (area 9xx, groups 50-65, 70-88, 90-92, 94-99); a number outside
    # it the text calls an ITIN is a near miss.
    NEAR_MISS_SHAPES = [_NINE_DIGITS]
    NEAR_MISS_LABELS = {"en": ["itin", "individual taxpayer identification number"]}


class UsPassport(_Localized, UsPassportRecognizer):
    """US passport numbers: nine digits, or a letter and eight digits; needs a passport word nearby.

    Right after the words naming a passport number, the number of any country is masked too (as a
    near miss): letters and digits mixed as other countries issue them ("JH2401873", "06BC25983",
    "C01X00T47", "AAA123456"), six to ten characters, four digits or more.
    """

    NEAR_MISS_SHAPES = [r"(?<![\w-])(?=(?:[A-Za-z]*\d){4})[A-Za-z0-9]{6,10}(?![\w-])"]
    NEAR_MISS_LABELS = {
        "en": ["passport", "passport no", "passport no.", "passport number", "passport #", "passport#"],
        "fr": ["passeport", "numero de passeport", "n° de passeport", "no de passeport"],
        "es": ["pasaporte", "numero de pasaporte", "n° de pasaporte", "nº de pasaporte"],
        "de": ["reisepass", "reisepassnummer", "passnummer", "pass-nr", "pass-nr."],
        "it": ["passaporto", "numero di passaporto"],
    }

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
    """US DEA registration numbers, checksum-validated; near misses after "DEA"."""

    NEAR_MISS_SHAPES = [r"(?<![\w])[A-Za-z][A-Za-z9]\d{7}(?![\w])"]
    NEAR_MISS_LABELS = {"en": ["dea", "dea number", "dea no", "dea registration", "dea#"]}

    CONTEXT_WORDS = {"en": ["medical", "certificate", "dea", "license", "licence", "prescriber", "registration"]}


class EsNif(_Localized, EsNifRecognizer):
    """Spanish NIF/DNI (eight digits and a check letter); a wrong letter after "DNI"/"NIF" is a near miss."""

    NEAR_MISS_SHAPES = [r"(?<![\w])\d{8}[- ]?[A-Za-z](?![\w])"]
    NEAR_MISS_LABELS = {"es": ["dni", "nif", "documento nacional de identidad"], "en": ["dni", "nif"]}

    CONTEXT_WORDS = {
        "es": ["documento nacional de identidad", "dni", "nif", "identificacion", "identidad"],
        "en": ["dni", "nif", "spanish id", "national id"],
    }


class EsNie(_Localized, EsNieRecognizer):
    """Spanish NIE (foreigner identity number), check letter validated; near misses after "NIE"."""

    NEAR_MISS_SHAPES = [r"(?<![\w])[XYZxyz][- ]?\d{7}[- ]?[A-Za-z](?![\w])"]
    NEAR_MISS_LABELS = {"es": ["nie", "numero de identidad de extranjero"], "en": ["nie"]}

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

