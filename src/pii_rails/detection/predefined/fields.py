"""Names and places in labelled fields: a form's ``city: Boise``, an export's ``first_name`` column.

Data exports, CRM records and forms say what a value is: the key before it or the column header
above it. A capitalized value under a key naming a town or country is a place and one under a key
naming a person's name is a name, whether or not a word list or the NER model knows it ("Rimouski",
"Tariq", "Desrosiers"). Both recognizers read the same fields; only the key words differ.
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Tuple

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult

from pii_rails.detection import lowercase
from pii_rails.detection.predefined.base import build_result
from pii_rails.detection.predefined.lexicon import family_names, given_names, is_word, place_names
from pii_rails.detection.predefined.ner import BUSINESS_WORDS, NAME_PARTICLES, NOISE_WORDS, NOT_NAMES, technical

# Keys of places and of people's names, in the supported languages; matched against the whole key
# after its separators are made spaces ("contact_name" -> "contact name").
_PLACE_KEY = regex.compile(
    r"(?i)^(?:(?:home|birth|billing|shipping|delivery|current|destination|departure|origin|mailing|postal)[ ])?(?:city|town|ville|commune|ciudad|localidad|municipio"
    r"|poblaci[oó]n|stadt|ort|wohnort|geburtsort|country|pays|pa[ií]s|land|lieu de naissance|place of birth"
    # Forms and CRM exports: "Town/City:", "State/Province:", "Country of residence:", "Birthplace:".
    # Not a bare "region": sales regions ("EMEA", "APAC") are columns of reports.
    r"|town city|city town|province|county|state province|state or province|residence|place of residence"
    r"|country of (?:residence|birth|origin)|city of (?:residence|birth)|birthplace|hometown|home town|destination)$"
)
_PERSON_KEY = regex.compile(
    r"(?i)^(?:(?:first|last|given|family|full|middle|contact|customer|client|patient|maiden|sur|fore)[ ]?name|surname|forename"
    r"|pr[ée]nom|nom de famille|nom de naissance|nombre|apellidos?|primer apellido|segundo apellido|vorname|nachname"
    r"|familienname|rufname|first|last)$"
)
# Bare "name" keys also label products, jobs and settings in configuration files: they count only
# outside technical text, and for a value that is not only dictionary words ("Publish Docs",
# "Widget Pro") unless a name list knows one of them.
_BARE_NAME_KEY = regex.compile(r"(?i)^(?:name|nom|nombre|name des kunden)$")
# The same for places: an invitation's "Where:", a listing's "Location:" also take a room, a
# platform or a mode ("Where: Main Hall", "Location: Remote"), so they count as bare keys do, and
# for a value not only of dictionary words unless it is a known place.
_BARE_PLACE_KEY = regex.compile(r"(?i)^(?:where|location|venue|lieu|ubicaci[oó]n|ort der veranstaltung)$")
# What such a key names when it is no town: a room, a call, a platform ("Microsoft Teams Meeting", "The Grand Ballroom").
_NOT_TOWN_WORDS = frozenset(
    """the a an our my your their room ballroom floor lobby auditorium cafeteria kitchen meeting call teams zoom webex
    skype hangouts meet slack discord online virtual remote hybrid onsite offsite tbd tba""".split()
)
# A venue named after its town, the town first: "Where: Kuopio Country Club", "Location: Tartu Town Hall".
_VENUE_END = regex.compile(
    r"(?:[ ]\p{Lu}[\p{L}'’-]*)*?[ ](?i:club|hall|cent(?:er|re)|hotel|inn|park|stadium|arena|church|cathedral|library|museum"
    r"|theat(?:re|er)|gallery|restaurant|caf[eé]|pub|office|building|campus|school|hospital|clinic|airport|station|beach"
    r"|square|plaza|market|gym|lodge|resort|marina|harbou?r)\Z"
)
_KEY_VALUE = regex.compile(r"(?m)^[ \t>*-]*([\p{L}][\p{L} _./-]{1,30}?)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*$")
_WORD = regex.compile(r"\p{Lu}[\p{L}'’.-]*")
_DELIMITERS = (";", "\t", "|", ",")


# Compiled once: a key is read for every cell of a delimited first line, twice a text (both recognizers).
_KEY_SEPARATORS = regex.compile(r"[_./\- ]+")
# What a name or a place never holds.
_NOT_IN_VALUE = regex.compile(r"[\d@/\\=<>{}()\[\]]")


def _key(raw: str) -> str:
    return _KEY_SEPARATORS.sub(" ", raw.strip(" \t\"'")).strip()


def person_key(raw: str) -> bool:
    """Whether ``raw`` is a key naming a person's name (not a bare "name"): its value may be typed in lower case."""
    return bool(_PERSON_KEY.search(_key(raw)))


_LOWER_WORD = regex.compile(r"\p{Ll}[\p{Ll}'’.-]*")


def _plausible_lower_name(value: str, language: str) -> bool:
    """A name typed in lower case under a key that names a person's name (``first name: jasmine``):
    one to four lower-case words, one of them a known given or family name, or none of them a
    dictionary word (``tariq desrosiers``); never a form's own words (``required``, ``see above``)."""
    words = value.split()
    if not 1 <= len(words) <= 4 or _NOT_IN_VALUE.search(value):
        return False
    if not all(_LOWER_WORD.fullmatch(w) or _WORD.fullmatch(w) or w in NAME_PARTICLES for w in words):
        return False
    if any(w.strip(".") in NOT_NAMES or w in NOISE_WORDS for w in words):
        return False
    titled = [w[:1].upper() + w[1:] for w in words]
    if any(w in given_names() or w in family_names() for w in titled):
        return True
    return not any(is_word(w, language) for w in words)


# A key and its colon right before a word, on the word's line (``first name: jasmine``).
_KEY_BEFORE = regex.compile(r"(?:^|\n)[ \t>*-]*([\p{L}][\p{L} _.-]{1,30}?)[ \t]*:[ \t]*\Z")


def _after_person_key(entity: str, before: str, core: str) -> bool:
    # A lower-case name is taken only as the value of a key naming a person's name; a column's
    # lower-case cells are left alone.
    m = _KEY_BEFORE.search(before)
    return m is not None and person_key(m.group(1))


def _plausible(value: str, entity: str, language: str, bare: bool, keyed: bool = False) -> bool:
    """A value of one to four capitalized words (particles allowed), no digits, no sentence; under a
    key that names a person's name (not a bare "name", not a column), also one typed in lower case."""
    if keyed and not bare and entity == "PERSON" and value == value.lower() and _plausible_lower_name(value, language):
        return True
    words = value.split()
    if bare and entity == "LOCATION":
        # A known place, or words that may be a town's: not words of a language joined ("On-site",
        # "Remote-first"), not a business's region in capitals ("EMEA", "LATAM"; a town is printed so too:
        # "VARKAUS").
        parts = value.replace("-", " ").split()
        if value not in place_names() and value.title() not in place_names() and (
            (value.isupper() and len(value) <= 5) or any(w.lower() in _NOT_TOWN_WORDS for w in parts) or all(is_word(w, language) for w in parts)
        ):
            return False
    elif bare and all(is_word(w, language) for w in words) and not any(w in given_names() or w in family_names() for w in words):
        return False
    if not 1 <= len(words) <= 4 or _NOT_IN_VALUE.search(value):
        return False
    if not all(_WORD.fullmatch(w) or w in NAME_PARTICLES for w in words):
        return False
    if all(w.strip(".").lower() in NOT_NAMES or w.lower() in NOISE_WORDS for w in words):
        return False
    if entity == "PERSON" and words[-1].lower().strip(".") in BUSINESS_WORDS:
        return False
    return not (value.isupper() and len(value) <= 3)  # "ID", "NY": codes, not names


def field_values(
    text: str, keys: regex.Pattern, bare_keys: Optional[regex.Pattern] = None
) -> Iterator[Tuple[int, int, bool, bool]]:
    """``(start, end, bare, keyed)`` of every value in ``text`` under a key (``key: value``, ``keyed``
    is then true) or a column header (a delimited first line) that ``keys`` matches, or ``bare_keys``
    outside technical text (``bare`` is then true)."""
    is_technical: Optional[bool] = None

    def wanted(key: str) -> Optional[bool]:
        """``False`` for a key ``keys`` matches, ``True`` for a bare key that counts, else ``None``."""
        nonlocal is_technical
        if keys.search(key):
            return False
        if bare_keys is None or not bare_keys.search(key):
            return None
        if is_technical is None:
            is_technical = technical(text)
        return None if is_technical else True

    for match in _KEY_VALUE.finditer(text):
        bare = wanted(_key(match.group(1)))
        if bare is not None:
            yield match.start(2), match.end(2), bare, True
    lines = text.split("\n")
    header = lines[0]
    for delimiter in _DELIMITERS:
        if delimiter not in header:
            continue
        columns = {i: bare for i, cell in enumerate(header.split(delimiter)) for bare in [wanted(_key(cell))] if bare is not None}
        if not columns:
            return
        offset = len(header) + 1
        for line in lines[1:]:
            cells = line.split(delimiter)
            if len(cells) == header.count(delimiter) + 1:
                position = offset
                for i, cell in enumerate(cells):
                    if i in columns:
                        inner = cell.strip(" \t\"'")
                        if inner:
                            start = position + cell.index(inner)
                            yield start, start + len(inner), columns[i], False
                    position += len(cell) + 1
            offset += len(line) + 1
        return


class FieldValueRecognizer(LocalRecognizer):
    """A place (``LOCATION``) or a person's name (``PERSON``) given as the value of a field that says so."""

    SCORE = 0.6

    def __init__(self, supported_language: str = "en", supported_entity: str = "LOCATION", name: Optional[str] = None):
        super().__init__(supported_entities=[supported_entity], supported_language=supported_language, name=name)
        self.entity = supported_entity

    def load(self) -> None:  # noqa: D102
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:  # noqa: D102
        if ":" not in text and not any(d in text.split("\n", 1)[0] for d in _DELIMITERS):
            return []
        keys, bare = (_PERSON_KEY, _BARE_NAME_KEY) if self.entity == "PERSON" else (_PLACE_KEY, _BARE_PLACE_KEY)
        results = []
        for start, end, is_bare, keyed in field_values(text, keys, bare):
            if self.entity == "LOCATION":
                end = _town_end(text, start, end, is_bare, self.supported_language)
            if start < end and _plausible(text[start:end], self.entity, self.supported_language, is_bare, keyed):
                why = "value of a field naming a person" if self.entity == "PERSON" else "value of a field naming a place"
                results.append(build_result(self, start, end, self.SCORE, why, context_counted=True))
        return results


def _town_end(text: str, start: int, end: int, bare: bool, language: str) -> int:
    """Where the town in a place field's value ``start:end`` ends: before a sentence's period, and
    under a bare key before the venue it names ("Kuopio| Country Club"), ``start`` when only
    dictionary words would be left ("Riverside Country Club" names no town)."""
    end = start + len(text[start:end].rstrip("."))
    venue = _VENUE_END.search(text, start, end) if bare else None
    if venue is None:
        return end
    town = text[start : venue.start()]
    known = town in place_names() or not all(is_word(w, language) for w in town.split())
    return venue.start() if town and known else start


class PersonFieldRecognizer(FieldValueRecognizer):
    """A person's name given as the value of a name field or column (``first_name``, ``Vorname``)."""

    LOWER_START = lowercase.StartRule(_after_person_key)

    def __init__(self, supported_language: str = "en", supported_entity: str = "PERSON", name: Optional[str] = None):
        super().__init__(supported_language=supported_language, supported_entity=supported_entity, name=name)


class PlaceFieldRecognizer(FieldValueRecognizer):
    """A town or country given as the value of a place field or column (``city``, ``ville``, ``Ort``)."""
