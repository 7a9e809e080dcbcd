"""Phone numbers of many countries, through Google's libphonenumber (``phonenumbers``).

Presidio's recognizer looks for numbers of eight regions and scores every one
0.4. Here the region list is wide (Europe, the Americas, Asia-Pacific, Africa)
and the score says how sure the match is:

* international form (``+44 20 7946 0958``, ``0033 1 42 68 53 00``): 0.75;
* national form valid in a region where the text's language is spoken
  (``(212) 555-0199`` in English, ``06 12 34 56 78`` in French): 0.6; a
  complete national number as one run of digits (``0612345678``,
  ``4155550132``): 0.45;
* national form valid only elsewhere: 0.45 when grouped like a phone number
  or a complete number with its trunk 0, 0.25 when it is any other bare run
  of digits (an order or account number is more likely), so it needs a
  context word ("phone", "tel", "appeler", "Handy"...).

Dates and numbers with decimals that happen to be valid somewhere are not
reported, nor counts ("976 132 498 units"), a ZIP+4 after a state's code, or
the building and house numbers before a street's name.

A number in international form libphonenumber rejects (a prefix the plan has
dropped, "+52 1 55 ..."; a trunk 0 kept after the code) is still reported when
its calling code is real: 0.5. A run of digits valid somewhere, or three pairs
of a small network, alone in a table cell, CSV field or line: 0.45.
"""

from __future__ import annotations

import inspect
import re
from bisect import bisect_left
from functools import lru_cache
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

import phonenumbers
import regex

# The fast search follows the matcher's own candidate search, with its own patterns;
# tests/test_phone_fastpath.py compares it with the reference, on upgrades too. A
# release that renames them gets the reference search: the same results, slower.
try:
    from phonenumbers.phonenumbermatcher import _INNER_MATCHES, _LEAD_CLASS, _PATTERN as _MATCHER_PATTERN
    from phonenumbers.phonenumberutil import _REGEX_FLAGS, _SECOND_NUMBER_START_PATTERN, _UNWANTED_END_CHAR_PATTERN
except ImportError:  # pragma: no cover - depends on the installed phonenumbers
    _MATCHER_PATTERN = None  # type: ignore[assignment]  # None selects the reference search
from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult

from pii_rails.detection import lowercase
from pii_rails.detection.predefined.base import (
    NearMissMixin,
    TextContextMixin,
    build_result,
    delimited_cells,
    fold,
    localized,
    table_cells,
    words_regex,
)

# Regions searched for national-format numbers. International numbers (+CC)
# are found whatever the region. China's for its eleven-digit mobiles, which no
# other region reads and records of people write as one run ("13880941190").
REGIONS: Tuple[str, ...] = (
    "US", "CA", "GB", "IE", "AU", "NZ", "IN", "ZA", "SG",
    "FR", "BE", "CH", "LU", "MC", "DE", "AT", "ES", "IT", "PT", "NL", "SE", "NO", "DK", "FI", "PL",
    "MX", "BR", "AR", "CO", "CL", "IL", "JP", "CN",
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
           "text me", "texting", "ph$", "ph.", "whatsapp", "sms", "dial", "ring", "answering", "voicemail", "landline", "callback",
           "my number", "your number", "new number", "her number", "his number", "their number", "\u260e", "\u2706", "\U0001f4de", "\U0001f4f1"],
    "fr": ["telephone", "tel$", "tel.", "portable", "mobile", "appel", "joindre", "fixe", "fax", "contact",
           "mon numero", "votre numero", "son numero", "leur numero", "nouveau numero", "messagerie vocale"],
    "es": ["telefono", "tel$", "tel.", "tfno", "tlfno", "telf", "tlf", "movil", "celular", "llam", "contacto", "fijo", "fax", "whatsapp",
           "mi numero", "su numero", "tu numero", "nuevo numero", "buzon de voz"],
    "de": ["telefon", "tel$", "tel.", "handy", "mobil", "rufnummer", "anruf", "ruf$", "erreich", "fax", "kontakt",
           "meine nummer", "ihre nummer", "deine nummer", "seine nummer", "neue nummer", "neuen nummer", "mailbox", "ruckruf"],
    "it": ["telefono", "tel$", "tel.", "cellulare", "chiama", "contatto", "fax"],
}  # fmt: skip

# An extension glued to the number, as exports and Faker-style data write it: "481.207.3396x8812".
# The matcher reads such a number only in some formats; it is read without the extension, which
# then joins the span.
_GLUED_EXTENSION = regex.compile(r"(?<=\d)(?:x|ext\.?)\d{1,6}(?![\p{L}\d])")


# Dashes and spaces word processors and typographers put between digit groups ("905–549–7359", the
# narrow no-break space of French "01 42 68 53 21"): read as the hyphen and space the matcher and the
# checks below know. One character for one, so every offset stays the text's.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212\u2043\ufe63\uff0d"
_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u205f\u3000"
_SEPARATORS = str.maketrans({c: "-" for c in _DASHES} | {c: " " for c in _SPACES})
_ODD_SEPARATOR = regex.compile(f"[{_DASHES}{_SPACES}]")


# A short number standing alone before a whole phone number, one space between: a postcode or a
# unit at the end of an address line ("Boston, MA 02115 617-555-0100", "Suite 200 (02) 4075 2559").
# The matcher reads both as one over-long number and finds neither; the phone search reads the
# text without the short number. The phone must be whole by itself (nine digits or more, its
# first group closed by a bracket, dash or full stop, or a plus), so an area code written before
# the rest ("905 549-7359") is never split off.
_NUMBER_BEFORE_PHONE = regex.compile(
    r"(?<=[\p{L},;)][ \t]{1,2})\d{2,6}(?= (?:\+\d|\(\d{1,5}\) ?\d|\d{2,5}[-.]\d))(?= [+(]?(?:[ .()-]{0,2}\d){9,})"
)


# The number of an item of a numbered list, at a line's start: "2. (408) 288-3751", "3) 643-228-0831". The
# matcher reads it as the number's first digit, and the next item's as a figure next to a number; the phone
# search reads the text without them.
_LIST_NUMBER = regex.compile(r"(?m)^[ \t]*\d{1,2}[.)](?=[ \t])")


# A US ZIP code after its state's code, right before a number of digit groups: "Springfield, IL 62704 963 90 011".
# The ZIP closes the address; the matcher would read it as the number's first group.
_ZIP_BEFORE_PHONE = regex.compile(r"(?<=\b[A-Z]{2}[ ])\d{5}(?:-\d{4})?(?= [+(]?\d(?:[ .()-]{0,2}\d){6,})")
# A whole date with a four-digit year standing next to a number ("Ana Silva 3/29/1982 474 5764", "2019-05-04
# 0664 880 06 71", "Ana Silva | 3/29/1982 | 13612260306"): a record's fields in a row. No phone number holds one;
# the matcher would read the two as one over-long number, and the date's digits as a column of figures.
_DATE_NEXT_TO_NUMBER = regex.compile(
    r"(?<![\d/.-])(?:\d{1,2}([/.-])\d{1,2}\1(?:19|20)\d\d|(?:19|20)\d\d([/.-])\d{1,2}\2\d{1,2})(?![\d/.-])"
    r"(?:(?=(?:[ \t]+|[ \t]*[|,;\t][ \t]*)[+(]?\d)|(?<=\d(?:[ \t]+|[ \t]*[|,;\t][ \t]*)\S+))"
)


# Cheap tests (the standard library's engine) before the searches above: a state's code and five digits; a date.
_ZIP_HINT = re.compile(r"[A-Z]{2} \d{5} [+(\d]")
_DATE_HINT = re.compile(r"\d[/.-]\d\d?[/.-]\d|(?:19|20)\d\d[/.-]\d")


def _blank(match: "regex.Match[str]") -> str:
    return " " * len(match.group())


def _with_extensions(text: str, analyze: Callable[[str], List[RecognizerResult]]) -> List[RecognizerResult]:
    if _ODD_SEPARATOR.search(text):
        text = text.translate(_SEPARATORS)
    if " " in text:
        text = _NUMBER_BEFORE_PHONE.sub(_blank, text)
        if _CANDIDATE.search(text):  # seven digits close together: a phone number may stand next to a ZIP or a date
            if _ZIP_HINT.search(text):
                text = _ZIP_BEFORE_PHONE.sub(_blank, text)
            if _DATE_HINT.search(text):
                text = _DATE_NEXT_TO_NUMBER.sub(_blank, text)
        if ". " in text or ") " in text:
            text = _LIST_NUMBER.sub(_blank, text)
    glued = {m.start(): m.end() for m in _GLUED_EXTENSION.finditer(text)} if "x" in text else {}
    if not glued:
        return analyze(text)
    bare = _GLUED_EXTENSION.sub(_blank, text)
    results = analyze(bare)
    for result in results:
        if result.end in glued:
            result.end = glued[result.end]
    return results


# An extension after the number, as the matcher reads one: "x 12", "ext. 204", "extension 12", "#12".
_EXTENSION_TAIL = regex.compile(r"(?i)[ \t]*[,;]?[ \t]*(?:ext(?:ension|n)?|x|#)\.?[ \t]*\d{1,7}\Z")
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
# ...unless what is glued on says which line it is: "555-0100-Office", "555-0199-Fax", "(0)1 42 68 53 00/Bureau".
_LINE_LABEL_AFTER = regex.compile(
    r"^[-/](?:office|fax|home|work|mobile|mob|cell|main|direct|desk|tel|phone|voice|private|business|"
    r"bureau|domicile|portable|travail|standard|casa|oficina|movil|trabajo|fijo|privat|buro|dienst|handy|"
    r"mobil|zentrale|arbeit|ufficio|cellulare)(?![\p{L}])",
    regex.IGNORECASE,
)
# The label of a line in a signature, a contact card or a form, right before a number: "Desk:",
# "Office (main):", "H:", "W:", "Durchwahl:". Followed by a number libphonenumber reads, it names
# which phone line the number is, as "Phone:" would; a bare run of digits then scores as a grouped one.
_LINE_LABEL_BEFORE = regex.compile(
    r"(?i)(?:^|(?<=[\s|,;/(\[]))(?:desk|office|home|work|direct(?:[ ]line)?|main(?:[ ]line)?|landline|private|business"
    r"|day(?:time)?|evening|night|switchboard|reception|hotline|emergency|[hwomtpcfd]|bureau|domicile|travail|standard"
    r"|casa|oficina|trabajo|particular|privat|b[üu]ro|dienst(?:lich)?|gesch[äa]ftlich|zentrale|durchwahl)"
    r"[ \t]*(?:\([^()\n]{1,16}\))?[ \t]*:[ \t]*\Z"
)
_LINE_LABEL_SCORE = 0.6
# A phone word glued to the number: "Tel.+49 30 1234567", "Phone#555-0187", "Mobile-9876543210",
# also with a number abbreviation between ("Tel No.0612 345 678", "Handy Nr.0171...") and after "contact" ("Contact # 0612...").
_PHONE_WORD_BEFORE = regex.compile(
    r"(?i)(?<![\p{L}])(?:tel|t[ée]l[ée]phone|telefon|tel[ée]fono|tfno|tlf|phone|ph|fon|mob|mobile|cell|fax|handy|portable|m[óo]vil"
    # and the label of which line it is, glued the same way: "Office-212-555-0147", "Home/0612 345 678".
    r"|office|home|work|desk|direct|main|bureau|domicile|oficina|casa|trabajo|b[üu]ro|privat"
    r"|contact|kontakt|contacto)(?:[ \t]*(?:no|nr|n°|nº|num)(?![\p{L}]))?"
    r"[ \t]*[.#:/_-]?[ \t]*#?[ \t]*\Z"
)
# A word in lower case glued to a number, its space lost in typing or in a template ("call me at555-0187",
# "my number is+44 20 7946 0958"): an id's prefix is a code in capitals or a single letter ("ES-1307", "P58459").
_WORD_GLUED = regex.compile(r"(?<![\p{L}\d_-])\p{Ll}{2,}\Z")
# A number whole by itself: a plus, a bracketed area code, or three digit groups and nine digits or more.
_WHOLE_PHONE = regex.compile(r"\+|\(\d{1,5}\)|(?=(?:[ .()-]?\d){9})\d{1,5}[ .-]\d{2,5}[ .-]\d")
# A sentence that ends on the number with no space after its full stop: "...at 905-549-7359.Thanks".
_SENTENCE_AFTER = regex.compile(r"\.\p{Lu}\p{Ll}")
# Two numbers written as a list with a slash, the second in international form: "…0321/+44 7911 123456".
_INTERNATIONAL_START = regex.compile(r"\+|00[1-9]")


# A whole number on either side of a slash ("0612345678/0698765432"), seven digits or more: the
# slash lists two numbers. Fewer digits before it are an area code ("030/1234567"), part of the number.
_NUMBER_BEFORE_SLASH = regex.compile(r"\d(?:[ .()-]{0,3}\d){6,}[ \t]*/[ \t]*\Z")
_NUMBER_AFTER_SLASH = regex.compile(r"[ \t]*/[ \t]*\(?\d(?:[ .()-]{0,3}\d){6,}")


def _italics_mark(text: str, at: int, outward: int) -> bool:
    """Whether ``text[at]`` is an underscore of Markdown italics around the number ("_(027) 3793-698_"): nothing
    of a word on its outer side (``outward`` -1 before it, 1 after it)."""
    if at < 0 or text[at : at + 1] != "_":
        return False
    out = at + outward
    return not (0 <= out < len(text) and (text[out].isalnum() or text[out] == "_"))


def _glue_allowed_before(text: str, start: int) -> bool:
    """Whether what is glued before a match is a phone word, the slash of a list of numbers, or an italics mark."""
    if _italics_mark(text, start - 1, -1):
        return True
    if text[start - 1 : start] == "/":
        if _INTERNATIONAL_START.match(text, start) or _NUMBER_BEFORE_SLASH.search(text[max(0, start - 32) : start]):
            return True
    elif any(c.isdigit() for c in text[max(0, start - 2) : start]):
        return False  # glued to more digits (most inner groups of a long number): no phone word there
    if _WORD_GLUED.search(text, max(0, start - 24), start) and _WHOLE_PHONE.match(text, start):
        return True
    return _PHONE_WORD_BEFORE.search(text[max(0, start - 16) : start]) is not None


def _glue_allowed_after(text: str, end: int) -> bool:
    """Whether what is glued after a match names its line ("-Office"), starts the next sentence
    (".Thanks") or the next number ("/+44")."""
    glue = text[end : end + 1]
    if _italics_mark(text, end, 1):
        return True
    if glue not in ("-", "/", "."):
        return False
    if _LINE_LABEL_AFTER.match(text[end : end + 12]) or _SENTENCE_AFTER.match(text, end):
        return True
    if glue != "/":
        return False
    return _INTERNATIONAL_START.match(text, end + 1) is not None or _NUMBER_AFTER_SLASH.match(text, end) is not None


# The seconds of a time, and their fraction: "18:19:44.489951" is no phone number "44.489951".
_AFTER_TIME = regex.compile(r"\d:\Z")
_SSN_LIKE = regex.compile(r"\d{3}-\d{2}-\d{4}")
_DOTTED_QUAD = regex.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
# A decimal number: a whole part of one to three digits (no trunk 0), one full stop, five decimals or more.
# A coordinate ("48.858370, 2.294481", "lat -33.86882") or a measurement, never dialled as written; a
# seven-digit local number with a dot ("555.0123") has four after it.
_DECIMAL = regex.compile(r"(?!0)\d{1,3}\.\d{5,}")
# Four or more dot-separated parts, one of three digits or more, no trunk 0: a build ("10.0.26100.1171",
# "31.0.101.4887"); not "617.555.0105" (three parts) nor "06.12.34.56.78" (pairs) nor "0475.12.34.56" (trunk 0).
_DOTTED_VERSION = regex.compile(r"(?!0)(?=[\d.]*\d{3})\d+(?:\.\d+){3,}")
# Words that name a number as something other than a phone number.
_OTHER_IDS = words_regex(
    """account acct a/c licen license licence dl$ passport order invoice ticket tracking ssn itin iban card routing
    serial sku part$ item$ model$ article$ artikel articulo pieza teil$ teilenummer bestellnummer bestellnr
    contract contrat contrato vertrag
    isbn reference ref$ ref. case build version mrn record$ records$ patient member policy claim nif dni nir nie
    compte commande facture dossier permis passeport cuenta pedido factura expediente pasaporte carnet
    konto bestellung rechnung auftrag kunden vorgang akte fuhrerschein reisepass ausweis steuer
    code pin$ otp referenz id$ conference meeting passcode access participant webinar zoom teams
    konferenz besprechung reunion reunión conferencia
    address$ adresse direccion anschrift domicilio
    apt$ apt. apartment appartement appt$ suite ste$ ste. unit$ flat$ building bldg block$ floor$ room$ rm$ house$
    piso$ depto departamento edificio planta$ puerta$ wohnung whg$ gebaude stock$ zimmer$ etage$ batiment bat$
    escalier porte$
    ieee iso iec iso/iec rfc ecma ansi din posix itu itu-t nist etsi 3gpp w3c
    population inhabitants residents poblacion habitants einwohner bevolkerung""".split()
)
# A street's name and type right after the number: the number is a building's and a house's ("13275 3813
# pheasant ridge road", "1529 517 rue Saint-Antoine"), as postal records of many countries write them.
_STREET_AFTER = regex.compile(
    r"[ \t]+(?:[\p{L}'’.-]+[ \t]+){0,3}(?:street|st|road|rd|avenue|ave|drive|dr|lane|ln|way|court|ct|place|pl|boulevard|blvd"
    r"|terrace|crescent|close|highway|hwy|rue|chemin|calle|avenida|carrera|stra(?:ss|ß)e|str|weg|gasse|via|viale|piazza|rua)"
    r"(?![\p{L}\d])",
    regex.IGNORECASE,
)
# Between an id word and the number, a preposition the number is the object of: the id is what is sent
# or kept there ("code to", "sent on", "account via"), not the number's name.
_SENT_TO = regex.compile(r"(?<![\p{L}])(?:to|on|at|via|into|onto|au|sur|vers|al|en|an|auf|unter)[ \t]+(?:(?:the|le|la|el|der|die|das|dem|den)[ \t]+)?\Z")
# An id word as the object of a preposition ("on my account", "for the order"): the account or order is
# what the sentence is about; the number after it is named by what comes before.
_ANOTHER_THING = regex.compile(
    r"(?<![\p{L}])(?:on|for|of|to|in|with|from|under|sur|pour|de|du|en|con|para|por|del|auf|fur|von|mit|zu)\s+"
    r"(?:my|your|his|her|our|their|the|this|that|mon|ma|votre|son|sa|le|la|mi|su|tu|el|mein|meine|meinem|meiner|ihr|ihre|ihrem|dem|der)\s+\S+\Z"
)
# A field of its own: the start of a line, a table's bar, a CSV comma or tab, a JSON value's quotes on both sides.
_FIELD_BEFORE = regex.compile(r"(?:\A|[\n\t|,;\"]|[ ][-–/])[ ]?\Z")
_FIELD_AFTER = regex.compile(r"[ ]?(?:\Z|[\r\n\t|,;\"])")


# A column of counts, amounts or ids: its cells are what the header says, not phone numbers.
_COUNT_HEADER = regex.compile(
    r".*?(?<![\p{L}])(?:score|scores|total|totals|amount|sum|qty|quantity|count|price|cost|revenue|sales|balance|points"
    r"|year|id|sku|batch|lot|serial|ref|code|order|invoice|montant|prix|cantidad|importe|precio|betrag|menge|preis|anzahl|summe)"
    r"(?![\p{L}]).*"
)


@lru_cache(maxsize=8)
def _count_cells(text: str) -> Tuple[Span, ...]:
    """The cells of ``text``'s tables and CSV exports under a header of counts, amounts or ids (once per text:
    every number of a long export asks)."""
    if "\n" not in text:
        return ()
    return tuple(table_cells(text, _COUNT_HEADER) + delimited_cells(text, _COUNT_HEADER))


def _in_count_column(text: str, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in _count_cells(text))


# The line of a contact card above its number: a name of two to four capitalised words.
_NAME_LINE = regex.compile(r"(?:^|\n)[ \t]*\p{Lu}[\p{L}'’.-]+(?:[ ]\p{Lu}[\p{L}'’.-]*){1,3}[ \t]*\n[ \t]*\Z")


def _alone_in_field(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` fills a field of its own: a cell, a CSV value, or a line under a name
    (a line under any other line is as often a batch or tracking number)."""
    before = _FIELD_BEFORE.search(text[max(0, start - 3) : start])
    if before is None or not _FIELD_AFTER.match(text, end):
        return False
    if "\n" not in before.group() or "\n" in text[start:end]:
        return True
    return _NAME_LINE.search(text[max(0, start - 48) : start]) is not None


def _number_next_to(text: str, start: int, end: int) -> bool:
    """Whether digits stand close on either side: a row of a column of numbers, not a contact's."""
    return any(c.isdigit() for c in text[max(0, start - 4) : start] + text[end : end + 4])


# What a count is of, right after the number: "976 132 498 units", "1 250 000 euros".
_QUANTITY_AFTER = regex.compile(
    r"[ \t]*(?:units?|people|persons|inhabitants|residents|users|customers|visitors|copies|items|pieces|tons?|tonnes?|barrels"
    r"|votes|views|downloads|km|kg|miles|dollars|euros?|pounds|usd|eur|gbp|chf|€|\$|£|habitants|personnes|habitantes|personas"
    r"|lit(?:re|er)s?|gallons?|hectares?|acres?|met(?:re|er)s?|bytes|litros|metros|liter|meter"
    r"|unidades|einwohner|menschen|stuck|stück|exemplaires|ejemplares)(?![\p{L}\d])",
    regex.IGNORECASE,
)
# A US ZIP+4 after a state's code: "Boston, MA 02115-1234".
_ZIP_PLUS_FOUR_AFTER_STATE = regex.compile(r"[A-Z]{2},?[ ]\d{5}-\d{4}\Z")
# An id word that owns what follows ("the patient's daughter", "the member's wife"): a person, not the number's name.
_POSSESSIVE = regex.compile(r"['’]s?[ \t]+\p{L}")
_A_WORD = regex.compile(r"\p{L}")
# A value closed by a comma, semicolon, colon or slash, or followed by a word: a number before this one.
_ITS_OWN_VALUE = regex.compile(r"\d[ \t]*[,;:/|]|\d[ \t]+\p{L}")
# A program's option and its argument: "-p 123 4567", "--port=8080 9090" are examples of a command.
_OPTION_BEFORE = regex.compile(r"(?:^|[\s«»\"'“„(\[])--?[A-Za-z][\w-]*[ =]\Z")
# Digits counting up or down ("0123456789", "123 4567", "987-6543"): a placeholder in
# documentation and forms, not a number anyone has; with a phone word nearby it is still masked.
_DIGITS_UP = "01234567890123456789"
_DIGITS_DOWN = "98765432109876543210"

# How the search below is made fast, and why it finds exactly what the matcher
# finds over the whole text (`_analyze_whole`, the reference):
#
# * Every candidate of libphonenumber's matcher is a match of its pattern at a
#   position where a bracket, a plus or a digit is; `_stretches` computes that
#   match at each such position and groups the spans into stretches at least
#   four characters apart. Besides the candidate, the matcher reads one character
#   before it and at most three after (the character after, a ":mm" after a
#   time), and the pattern has no look-behind, anchor or negative look-ahead, so
#   the matcher run on a window of the stretch with one character before and
#   three after finds what the whole-text run finds there. Its state between
#   stretches is the search position, which every stretch is entered from
#   afresh, and the count of failed attempts: when it could reach the limit
#   where the matcher gives up (`_within_tries`), the reference runs instead.
# * `_matcher_spans` lists every span the matcher can report in a stretch,
#   whatever the region: candidates reachable from the stretch's start and their
#   inner groups. `_score` tells the most any region can score each of them. A
#   region is not run on a stretch when it could raise none of them: card
#   numbers, IBANs, SSNs, IP addresses and dates are never parsed, and a number
#   the first home region already scored as high as any region could is not
#   parsed again for the others.

# Where the matcher's candidate pattern can begin: a leading bracket or plus, or a digit.
_MATCH_START = re.compile(_LEAD_CLASS + r"|\d", _REGEX_FLAGS) if _MATCHER_PATTERN is not None else None
# The matcher gives up on a text after this many failed attempts (for each region).
_MAX_TRIES = inspect.signature(phonenumbers.PhoneNumberMatcher).parameters["max_tries"].default
# Above this many candidate positions a stretch is searched by every region, unanalysed.
_MAX_STARTS = 200

Span = Tuple[int, int]
# (start, end) of the pattern's match at each position where one begins, in order.
Stretch = List[Span]
# Per span, the highest score a home region and another region can give it (None: none).
Ceilings = Dict[Span, Tuple[Optional[float], Optional[float]]]


def _stretches(text: str) -> Tuple[List[Stretch], int]:
    """The candidates of the matcher in ``text``, grouped in stretches four characters
    apart or more, and a quick upper bound on the attempts that fail in them."""
    stretches: List[Stretch] = []
    last_end = -4
    tries = 0
    for start in _MATCH_START.finditer(text):
        p = start.start()
        m = _MATCHER_PATTERN.match(text, p)
        if m is None:
            continue
        end = m.end()
        # Candidates begin at distinct positions and none is longer than the match there;
        # each costs at most one failed attempt, one per inner pattern (six) and two
        # per character (a space starts a try of two inner patterns).
        tries += 7 + 2 * (end - p)
        if p < last_end + 4:
            stretches[-1].append((p, end))
        else:
            stretches.append([(p, end)])
        last_end = max(last_end, end)
    return stretches, tries


def _trim_after_first_match(pattern: "re.Pattern[str]", candidate: str) -> str:
    found = pattern.search(candidate)
    return candidate[: found.start()] if found else candidate


def _inner_groups(candidate: str, offset: int) -> Iterator[Tuple[int, str]]:
    """Every group ``PhoneNumberMatcher._extract_inner_match`` may parse, with its offset."""
    for pattern in _INNER_MATCHES:
        found = pattern.search(candidate)
        first = True
        while found:
            if first:
                yield offset, _trim_after_first_match(_UNWANTED_END_CHAR_PATTERN, candidate[: found.start()])
                first = False
            yield offset + found.start(1), _trim_after_first_match(_UNWANTED_END_CHAR_PATTERN, found.group(1))
            found = pattern.search(candidate, found.start() + 1)


def _matcher_spans(text: str, stretch: Stretch, budget: Optional[int] = None) -> Tuple[Set[Span], int]:
    """Every (start, end) a matcher of any region can report in ``stretch``, and an
    upper bound on its failed attempts there (counted only up to ``budget`` if given).

    The matcher's first candidate is at the stretch's start; after a candidate it
    searches on from the end of the match it reported or, with none, from the end
    of the candidate. Following every such outcome covers every region. A candidate
    fails at most once as a whole and once per inner group."""
    positions = [p for p, _ in stretch]
    ends = dict(stretch)
    spans: Set[Span] = set()
    seen: Set[int] = set()
    todo = [positions[0]]
    tries = 0
    while todo and (budget is None or tries < budget):
        k = bisect_left(positions, todo.pop())
        if k == len(positions) or positions[k] in seen:
            continue
        p = positions[k]
        seen.add(p)
        candidate = _trim_after_first_match(_SECOND_NUMBER_START_PATTERN, text[p : ends[p]])
        todo.append(p + len(candidate))
        for offset, group in [(p, candidate), *_inner_groups(candidate, p)]:
            spans.add((offset, offset + len(group)))
            todo.append(offset + len(group))
            tries += 1
    return spans, tries


def _moved_start(text: str, start: int, end: int) -> int:
    """A match that opens a bracket it does not close starts after the bracket; one that some
    region's matcher reads from the space after a slash ("020 7946 0958 / 07700 900123") at the digit."""
    while start < end - 1 and text[start] in " \t":
        start += 1
    # The matcher leads with a square bracket too: "[636-389-3205]" is the number in brackets.
    if text[start] in "([" and text[start:end].count(text[start]) > text[start:end].count(")" if text[start] == "(" else "]"):
        return start + 1
    return start


def _within_tries(text: str, stretches: List[Stretch]) -> bool:
    """Whether the matcher surely does not give up before the end of ``text``."""
    tries = 0
    for stretch in stretches:
        tries += _matcher_spans(text, stretch, _MAX_TRIES - tries)[1]
        if tries >= _MAX_TRIES:
            return False
    return True


class PhoneNumberRecognizer(NearMissMixin, TextContextMixin, LocalRecognizer):
    """Phone numbers in international and national formats of :data:`REGIONS`.

    A number libphonenumber rejects (too short, too long, no such area) is still masked, as a
    near miss, when a word naming a phone number stands right next to it ("Tel: 12 34 56").
    """

    LOWER_START = lowercase.NEVER

    max_context_score = 0.9
    # Six to sixteen digits, grouped as people write phone numbers.
    NEAR_MISS_SHAPES = [r"(?<![\w+.,/-])(?:\+|00)?\(?\d(?:[ \t().-]{0,2}\d){5,15}(?!\d|[.,]\d)"]
    # Words naming the number itself, not the act of calling ("call me at 5").
    NEAR_MISS_LABELS = {
        "en": ["phone", "phone number", "telephone", "tel", "tel.", "ph.", "mobile", "mobile number", "cell", "cellphone",
               "cell phone", "fax", "contact number", "whatsapp", "landline", "mob."],
        "fr": ["telephone", "tel", "tel.", "portable", "numero de telephone", "fixe", "mobile", "fax"],
        "es": ["telefono", "tel", "tel.", "movil", "celular", "tfno", "tlf", "fax", "whatsapp"],
        "de": ["telefon", "telefonnummer", "tel", "tel.", "handy", "handynummer", "mobil", "mobilnummer", "rufnummer", "fax"],
        "it": ["telefono", "tel", "tel.", "cellulare", "fax"],
    }  # fmt: skip

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
        # Validating numbers of 32 regions reads more metadata patterns than Python's re
        # cache holds (512), so without phonenumbers' own cache every text recompiled
        # some (a third of this recognizer's time). The cache is bounded by the metadata.
        enable_cache = getattr(getattr(phonenumbers, "re_util", None), "enable_pattern_cache", None)
        if enable_cache is not None:
            enable_cache()

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:  # noqa: D102
        return _with_extensions(text, self._analyze_text)

    def _analyze_whole(self, text: str) -> List[RecognizerResult]:
        """The reference search: the matcher over the whole text, for every region."""
        return _with_extensions(text, self._analyze_whole_text)

    def _analyze_text(self, text: str) -> List[RecognizerResult]:
        if not _CANDIDATE.search(text):
            return self.near_misses(text, [])
        if _MATCHER_PATTERN is None:
            return self._analyze_whole(text)
        stretches, tries = _stretches(text)
        if tries >= _MAX_TRIES and not _within_tries(text, stretches):
            return self._analyze_whole(text)  # the text has no glued extension left: the same search
        order = self._search_order()
        homes = [region in self.home_regions for region in order]
        foreign_left = [not all(homes[i:]) for i in range(len(order))]
        best: Dict[Span, Tuple[float, str]] = {}
        for stretch in stretches:
            ceilings = self._ceilings(text, stretch)
            if ceilings is not None and not ceilings:
                continue
            # One character before and three after: all the matcher reads around a candidate.
            w0 = max(0, stretch[0][0] - 1)
            w1 = min(len(text), max(end for _, end in stretch) + 3)
            window = text[w0:w1]
            for i, region in enumerate(order):
                if ceilings is not None and self._settled(best, ceilings, homes[i], foreign_left[i]):
                    break
                for match in phonenumbers.PhoneNumberMatcher(window, region, leniency=self._leniency(homes[i])):
                    self._keep(best, text, match.start + w0, match.end + w0, match.number, region, homes[i])
        # `best` is filled stretch by stretch here, region by region in the reference:
        # remove_duplicates sorts by span and score, so the order does not matter.
        return self._results(text, best)

    def _analyze_whole_text(self, text: str) -> List[RecognizerResult]:
        if not _CANDIDATE.search(text):
            return self.near_misses(text, [])
        best: Dict[Span, Tuple[float, str]] = {}
        for region in self._search_order():
            home = region in self.home_regions
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=self._leniency(home)):
                self._keep(best, text, match.start, match.end, match.number, region, home)
        return self._results(text, best)

    def _leniency(self, home: bool) -> int:
        # Home regions also accept numbers that are possible but not assigned
        # (fictional 555-01xx, 07700 900xxx numbers are still someone's in a test).
        return phonenumbers.Leniency.POSSIBLE if home else self.leniency

    def _keep(self, best, text: str, start: int, end: int, number, region: str, home: bool) -> None:
        """Score a match of ``region`` into ``best``, which keeps the first region of the highest score."""
        start = _moved_start(text, start, end)
        valid = phonenumbers.is_valid_number(number)
        score = self._score(text, start, end, home, valid)
        if score is None:
            return
        key = (start, end)
        if key not in best or best[key][0] < score:
            best[key] = (score, region)

    def _results(self, text: str, best: Dict[Span, Tuple[float, str]]) -> List[RecognizerResult]:
        best = _widest(best)
        results = []
        for (start, end), (score, region) in best.items():
            result = self._result(start, end, score, region)
            if self._named_otherwise(text, start):
                # Named as something else: no phone word further away may raise it again.
                assert result.recognition_metadata is not None  # _result always sets it
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            results.append(result)
        return EntityRecognizer.remove_duplicates(results) + self.near_misses(text, results)

    def near_misses(self, text: str, found: Sequence[RecognizerResult]) -> List[RecognizerResult]:  # noqa: D102
        # A labelled date, time, address or version is what it looks like, not a phone number.
        misses = [r for r in super().near_misses(text, found) if not self._other_shape(text, r.start, r.end)]
        misses += self._short_locals(text, [*found, *misses])
        if "+" in text or "00" in text:
            misses += self._loose_internationals(text, [*found, *misses])
        if _BARE_HINT.search(text) and _BARE_INTERNATIONAL.search(text):
            misses += self._bare_internationals(text, [*found, *misses])
        return misses

    def _bare_internationals(self, text: str, found: Sequence[RecognizerResult]) -> List[RecognizerResult]:
        """A run of digits the matcher does not read, where a phone word is near or labels it: a number in
        international form without its plus ("447911123456", an MSISDN as exports and SMS gateways write it),
        a real calling code then a national number of a length that country dials; or, with the phone word
        right before it ("call me at", "Mi número es"), any run of eight to thirteen digits: the text says
        what it is, and a privacy guard masks it."""
        results = []
        for match in _BARE_INTERNATIONAL.finditer(text):
            start, end = match.span()
            if any(r.start < end and start < r.end for r in found) or _counting(match.group()):
                continue
            distance = self.context_distance(text, start, end)
            if distance is None and not self.labelled(text, start, end):
                continue
            if self._named_otherwise(text, start):
                continue
            if (distance is None or distance > _BARE_NEAR) and not _bare_international(match.group()):
                continue
            results.append(build_result(self, start, end, _LOOSE_INTERNATIONAL_SCORE, "Calling code and number, no plus", True))
        return results

    def _loose_internationals(self, text: str, found: Sequence[RecognizerResult]) -> List[RecognizerResult]:
        """Numbers in international form libphonenumber rejects: a country's calling code, then digit groups.

        People and exports keep prefixes a plan has dropped or never had in that form ("+52 1 55 1234 5678",
        Argentina's "+54 15 ...", a trunk 0 after the code) or write one digit too many; the plus (or 00)
        and a real calling code still say it is a phone number, and a privacy guard masks it."""
        results = []
        for match in _LOOSE_INTERNATIONAL.finditer(text):
            start, end = match.span()
            if any(r.start < end and start < r.end for r in found):
                continue
            start = _moved_start(text, start, end)  # "(+676 324 921 0752)": the number in brackets
            digits = "".join(c for c in match.group("number") if c.isdigit())
            if match.group().startswith("00"):
                digits = digits[2:]
            code = next((digits[:k] for k in (1, 2, 3) if int(digits[:k]) in _CALLING_CODES), None)
            national = len(digits) - len(code) if code else 0
            if code is None or not 6 <= national <= 13 or self._named_otherwise(text, start):
                continue
            if _DECIMAL.fullmatch(match.group("number").lstrip("+(")) or _counting(match.group("number")):
                continue
            results.append(build_result(self, start, end, _LOOSE_INTERNATIONAL_SCORE, "Calling code and digit groups", True))
        return results

    def _short_locals(self, text: str, found: Sequence[RecognizerResult]) -> List[RecognizerResult]:
        """Six-digit local numbers in three pairs ("32 45 17") where the text speaks of calling."""
        results = []
        for match in _SHORT_LOCAL.finditer(text) if " " in text or "." in text else ():
            start, end = match.span()
            if any(r.start < end and start < r.end for r in found) or _date_pairs(match.group()):
                continue
            near_word = (
                self.context_distance(text, start, end) is not None
                # A line's label glued on either side: "Office-32 45 17", "32 45 17-Fax".
                or (text[start - 1 : start] in ("-", "/", ":", "#") and _PHONE_WORD_BEFORE.search(text[max(0, start - 16) : start]) is not None)
                or _LINE_LABEL_AFTER.match(text[end : end + 12]) is not None
            )
            # Alone in a cell, a CSV field or a line of a contact card, three pairs are a small network's number too;
            # not a row of a column of numbers ("12 34 56\n78 90 12").
            in_field = (
                not near_word
                and _alone_in_field(text, start, end)
                and not _number_next_to(text, start, end)
                and not _in_count_column(text, start, end)
            )
            # In a sentence, a list or after a name, with nothing saying what it is: a small network's whole number
            # still (those plans never start with 0), unless the pairs count in steps ("10 20 30") or digits
            # stand close (a row of figures).
            in_prose = not (near_word or in_field) and _lone_pairs(text, start, end)
            if not (near_word or in_field or in_prose) or self._named_otherwise(text, start):
                continue
            if _AFTER_TIME.search(text[max(0, start - 2) : start]):
                continue
            score = _SHORT_LOCAL_SCORE if near_word else _SHORT_LOCAL_FIELD_SCORE if in_field else _SHORT_LOCAL_PROSE_SCORE
            results.append(build_result(self, start, end, score, "Six-digit local number near a phone word or alone in a field", True))
        return results

    @staticmethod
    def _other_shape(text: str, start: int, end: int) -> bool:
        value = text[start:end]
        return bool(
            _DATE_LIKE.fullmatch(value) or _DOTTED_QUAD.fullmatch(value) or _DOTTED_VERSION.fullmatch(value)
            or _DECIMAL.fullmatch(value)
            or _AFTER_TIME.search(text[max(0, start - 2) : start])
        )  # fmt: skip

    def _ceilings(self, text: str, stretch: Stretch) -> Optional[Ceilings]:
        """The spans of ``stretch`` that could be scored, each with the highest score
        a home region and another region could give it (None: no score); None when
        the stretch has too many candidates to be worth listing."""
        a, b = stretch[0][0], max(end for _, end in stretch)
        part = text[a:b]
        if "+" not in part and "00" not in part and sum(c.isdigit() for c in part) < 7:
            return {}  # no span of it is international or has the seven digits _score asks for
        if len(stretch) > _MAX_STARTS:
            return None
        ceilings: Ceilings = {}
        for start, end in _matcher_spans(text, stretch)[0]:
            if end <= start:
                continue
            start = _moved_start(text, start, end)
            if (start, end) in ceilings:
                continue
            home = [x for x in (self._score(text, start, end, True, v) for v in (True, False)) if x is not None]
            other = [x for x in (self._score(text, start, end, False, v) for v in (True, False)) if x is not None]
            if home or other:
                ceilings[(start, end)] = (max(home, default=None), max(other, default=None))
        return ceilings

    @staticmethod
    def _settled(best: Dict[Span, Tuple[float, str]], ceilings: Ceilings, home_left: bool, foreign_left: bool) -> bool:
        """Whether no region left can add a span or raise its score (a tie keeps the
        region found first)."""
        for key, (home, other) in ceilings.items():
            have = best[key][0] if key in best else None
            for left, ceiling in ((home_left, home), (foreign_left, other)):
                if left and ceiling is not None and (have is None or have < ceiling):
                    return False
        return True

    def _search_order(self) -> Tuple[str, ...]:
        return self.home_regions + tuple(r for r in self.supported_regions if r not in self.home_regions)

    def _score(self, text: str, start: int, end: int, home: bool, valid: bool) -> Optional[float]:
        # The number without an extension the matcher read with it ("905-549-7359 ext. 204"): the
        # extension's digits say nothing of the number's length or shape.
        raw = text[start:end].strip()
        if "#" in raw or raw.lower() != raw.upper():  # a letter: only then can an extension be there
            raw = _EXTENSION_TAIL.sub("", raw)
        before = text[max(0, start - 2) : start]
        if _GLUED_BEFORE.search(before) and not _glue_allowed_before(text, start):
            return None
        if _AFTER_TIME.search(before):
            return None
        if _GLUED_AFTER.search(text[end : end + 2]) and not _glue_allowed_after(text, end):
            return None
        digits = sum(c.isdigit() for c in raw)
        international = raw.startswith(("+", "00", "(+"))
        if _DATE_LIKE.fullmatch(raw) or _YEAR_FIRST.match(raw) or _DATE_THEN.match(raw) or _SSN_LIKE.fullmatch(raw) or digits > 15:
            return None
        # An IPv4 address, a version number, a decimal.
        if _DOTTED_QUAD.fullmatch(raw) or _DOTTED_VERSION.fullmatch(raw) or _DECIMAL.fullmatch(raw.lstrip("+(")):
            return None  # "+48.858370" is a signed coordinate, not Poland's code
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
            elif valid and not grouped and digits == 10 and self._one_run_plan(raw):
                # A complete ten-digit number of a plan without a trunk prefix (North America's area code and
                # number, "4155550132"; India's mobiles): exports and forms write it as one run. Not a round
                # amount ("3000000000"); in English, where those plans are home (in French, Spanish or German
                # text such a run is an order or contract number more often).
                score = 0.45
        else:
            score = 0.45 if grouped else 0.25
            if valid and not grouped and raw.startswith("0") and not raw.startswith("00") and digits in (10, 11):
                score = 0.45  # as at home: a complete number with its trunk 0 ("03012345678" in English)
        if (
            valid and not grouped and score < 0.45 and 9 <= digits <= 11 and len(set(raw)) >= 4 and _alone_in_field(text, start, end)
            and not _number_next_to(text, start, end)
        ):
            # A run of digits valid in some region that fills a cell of a table or CSV row, or a line of its own,
            # the way exports and contact cards hold a person's number ("Ana Pereira,966454284,Porto").
            score = 0.45
        if not international and (
            _QUANTITY_AFTER.match(text, end)
            or _ZIP_PLUS_FOUR_AFTER_STATE.search(text[max(0, start - 4) : end])
            or _in_count_column(text, start, end)
        ):
            return None
        label_window = text[max(0, start - 40) : start]
        # The colon first: most numbers have none right before them, and the search is the costly part.
        line_label = label_window.rstrip(" \t").endswith(":") and _LINE_LABEL_BEFORE.search(label_window) is not None
        if line_label:
            score = max(score, _LINE_LABEL_SCORE)
        # An account, licence or order number that happens to be dialable: the
        # text names it as something else and says nothing about a phone. A line
        # label right before it is the nearer name ("Accounts\nDesk: ...").
        # A column headed "phone" of an export is nearer still ("name,phone,card\nAna,415-555-0132,...").
        if not line_label and self._named_otherwise(text, start) and not self.labelled(text, start, end):
            score -= 0.3
        if _OPTION_BEFORE.search(text[max(0, start - 40) : start]):
            return None
        if not international and not line_label and digits <= 10 and _STREET_AFTER.match(text, end) and not self.labelled(text, start, end):
            return None
        if not international and _counting(raw) and self.context_distance(text, start, end) is None:
            return None
        return score if score > 0 else None

    def _one_run_plan(self, raw: str) -> bool:
        """Whether ``raw``, ten digits, reads as a North American or Indian number written as one run."""
        return self.supported_language == "en" and raw[0] in "23456789" and len(set(raw)) >= 4

    def _named_otherwise(self, text: str, start: int) -> bool:
        """Whether a word naming another kind of number is nearer than any phone word
        ("Dial-in code 8841 2290": the code, not the dial, is what the number is)."""
        wide = fold(text[max(0, start - 40) : start])
        before = wide[-24:]
        # A word whose own value stands between it and this number names that value ("Room 214, 617.555.0143",
        # "Postal code 02115 and 617-555-0143"). One the sentence sends the number to names something else:
        # "the code to 0412 345 678", "the number on my account to ...", "on file for my account is ...".
        shift = len(wide) - len(before)
        other = [
            m.end() for m in _OTHER_IDS.finditer(before)
            if not _ITS_OWN_VALUE.search(before, m.end()) and not _SENT_TO.search(before, m.end())
            and not _POSSESSIVE.match(before, m.end())
            and not (_A_WORD.search(before, m.end()) and _ANOTHER_THING.search(wide, 0, shift + m.end()))
        ]  # fmt: skip
        if not other:
            return False
        phone = [m.end() for m in self._context_pattern().finditer(before)]
        return not phone or max(other) > max(phone)

    def _result(self, start: int, end: int, score: float, region: str) -> RecognizerResult:
        return build_result(self, start, end, score, f"Recognized as {region} region phone number")


def _widest(best: Dict[Span, Tuple[float, str]]) -> Dict[Span, Tuple[float, str]]:
    """Each scored span inside a longer scored span lends it its score, and goes.

    Regions read one number differently: "(11) 91284-5678" whole in one, "91284-5678" in another
    that scores it higher. The inner span alone would leave the area code in clear; a privacy
    guard masks the whole number."""
    if len(best) < 2:
        return best
    out: Dict[Span, Tuple[float, str]] = {}
    outer: List[Span] = []  # spans kept so far, longest first at each start
    for span in sorted(best, key=lambda k: (k[0], -k[1])):
        host = next((o for o in outer if o[0] <= span[0] and span[1] <= o[1]), None)
        if host is None:
            out[span] = best[span]
            outer = [o for o in outer if o[1] > span[0]] + [span]
        elif best[span][0] > out[host][0]:
            out[host] = (best[span][0], out[host][1])
    return out


# Six digits in three pairs: the whole local number in small networks (the Faroe Islands,
# Greenland, Andorra), too short for libphonenumber's search. Not glued to more digits or to
# a token, and only where a phone word is near (the recognizer's context) or alone in a table
# cell, CSV field or line, at a score that reaches the usual thresholds without a context boost.
_SHORT_LOCAL = regex.compile(r"(?<![\w+/#-])(?<!\d[ .:,])(?<!\d[.,:] )\d\d([ .])\d\d\1\d\d(?![\w-]|[.,:/]\d|[ .]\d)")
_SHORT_LOCAL_SCORE = 0.5
_SHORT_LOCAL_FIELD_SCORE = 0.45
_SHORT_LOCAL_PROSE_SCORE = 0.4


# Words that call the pairs after them figures: "the scores were 41 77 29", "winning numbers 12 33 45".
_FIGURES = words_regex(
    """score scores result results points marks grade grades rating ratings reading readings total totals count counts
    odds numbers values figures digits draw lottery lotto combination round rounds set sets
    resultat resultats notes chiffres tirage resultado resultados puntos notas cifras sorteo ergebnis ergebnisse punkte
    noten zahlen ziffern ziehung""".split()
)


def _lone_pairs(text: str, start: int, end: int) -> bool:
    """Whether three pairs with no cue read as a whole local number rather than figures."""
    value = text[start:end]
    a, b, c = int(value[:2]), int(value[3:5]), int(value[6:8])
    return (
        value[0] != "0" and b - a != c - b
        and not _number_next_to(text, start, end) and not _in_count_column(text, start, end)
        and _QUANTITY_AFTER.match(text, end) is None
        and _FIGURES.search(fold(text[max(0, start - 32) : start])) is None
    )  # fmt: skip


# A plus (or 00) and digit groups, the way international numbers are written: "+52 1 55 1234 5678",
# "(+54) 9 11 1234-5678", "0052 1 55 1234 5678". Eight to sixteen digits; the 00 form must be grouped
# (a run of digits that starts with 00 is as often a padded account number).
_LOOSE_INTERNATIONAL = regex.compile(
    r"(?<![\w+./#-])(?<!\d,)(?P<number>(?:\(\+|\+[ ]?|00(?=[1-9]\d{0,2}[ .-]))\d(?:(?:[ .\-/]|[ ]?\(0\)[ ]?|\)[ ]?|[ ]?\()?\d){7,15})"
    # and its extension, as the matcher reads one ("+1 684 792 042-3952 x981"): masked with it.
    r"(?:[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,6})?(?![\w]|[.,]\d)"
)
_LOOSE_INTERNATIONAL_SCORE = 0.5
# A run of eight to thirteen digits, alone: a number the matcher cannot read (too long for a national plan, an
# international one whose plus was dropped, a number of a plan it does not know).
_BARE_INTERNATIONAL = regex.compile(r"(?<![\w+.,/#-])\d{8,13}(?![\w]|[.,]\d)")
_BARE_HINT = re.compile(r"\d{8}")
# How close a phone word must stand for any such run to be masked.
_BARE_NEAR = 12


def _bare_international(digits: str) -> bool:
    """Whether ``digits`` read with a plus before them are a possible number of a real calling code."""
    if len(digits) < 11 or digits[0] == "0":
        return False
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return False
    return number.country_code in _CALLING_CODES and phonenumbers.is_possible_number(number)
# Freephone, shared-cost, personal-telecom and premium codes name no one's line; satellite phones (870 Inmarsat,
# 881 Iridium and Globalstar) and international networks (882, 883) are a person's number like any mobile.
_CALLING_CODES = frozenset(phonenumbers.COUNTRY_CODE_TO_REGION_CODE) - {800, 808, 878, 888, 979}


def _date_pairs(value: str) -> bool:
    """Whether three pairs read as a day, month and year in either order ("12 05 24")."""
    a, b = int(value[:2]), int(value[3:5])
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def _counting(raw: str) -> bool:
    digits = "".join(c for c in raw if c.isdigit())
    return len(digits) >= 7 and (digits in _DIGITS_UP or digits in _DIGITS_DOWN)
