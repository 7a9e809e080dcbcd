"""One postal address, one span: the parts that continue a street address joined to it (issue 17).

The recognizers find an address's parts on their own: a street line (``address.py``), a town or a
country (the gazetteer and the NER model), a postal code that looks like a phone number. Written
together, as a letter, a label, a form export or a one-line reply writes them, they are one
address (``GUIDELINES.md``), and a guard that masks a street but leaves its town, postal code and
country beside it in clear shows where the person lives. So after detection, each street address
grows over what follows it while what follows is an address part: a found town, country or
postal code, a unit ("apto 52", "scala B", "3º Esq"), a region code ("QC", "(NA)", "Co. Cork"),
a district number ("Praha 10"), a line in capitals, and a line no list knows between such parts
("Didsbury" between the street and "Manchester M20 6QT"). It grows back over a flat and the
building named before the street ("Flat 4, Harrow Court\\n17 Lime Grove").

A part on a line of its own belongs to the address only when it fills its line: "12 Main St\\n
London office hours" keeps "London office hours" out. In running text the address ends at the
first word that is no address part ("..., Dublin 1, Ireland before Friday").
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import regex

from pii_rails.detection.predefined.address import STATE_CODES, _BUILDING_WORDS, _LETTER_POSTCODE, _building_start, _known_place
from pii_rails.detection.predefined.lexicon import country_names, is_common_word
from pii_rails.spans import Span

ADDRESS, PLACE, PHONE, PERSON = "STREET_ADDRESS", "LOCATION", "PHONE_NUMBER", "PERSON"

# Between two parts: spaces, one comma, up to two line breaks (each line may open with a bullet:
# a dash, a dot, or the question marks an emoji becomes in an encoding that lacks it).
_GLUE = regex.compile(r"(?:[ ]-(?=[ ][A-Z]{2,3}(?![\p{L}])))?[ \t]*(?:,[ \t]*)?(?:\n[ \t]*(?:(?:[-*•·▪]|\?{1,3}|\p{So})[ \t]+)?){0,2}(?:,[ \t]*)?")
# Postal codes of most countries: "80525", "12207-1004", "111 34", "00-514", "1100-048",
# "01426-001", "153-0063", "1016 GV", "CH-8001", "M20 6QT", "H3B 1A7", "D01 K8W2".
_POSTAL = (
    r"(?:\d{4,6}(?:-\d{3,4})?|\d{3}[ ]\d{2}|\d{2}-\d{3}|\d{3}-\d{4}|\d{4}[ ]?[A-Z]{2}|[A-Z]{1,2}-\d{4,5}|〒[ ]?\d{3}-\d{4}|"
    + _LETTER_POSTCODE + r")"
)
# Units and floors in the ways of many countries: "Apt 12C", "Suite 300", "apto 52", "Int. 4",
# "scala B", "bte 3", "lgh 1102", "m. 15", "3º Esq", "4º izda.", "2n 1a", "3. th.", "II. em. 5.".
_UNIT_WORDS = (
    r"Apt|Apartment|Apartamento|Apto|Appt|App|Appartement|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building|Block|Blk"
    r"|Bâtiment|Bât|Bat|Escalier|Esc|Étage|Etage|Porte|Piso|Planta|Puerta|Int|Interior|Depto|Dpto|Departamento|Local"
    r"|Scala|Sc|Interno|Int|Bte|Boîte|Bus|Lgh|Wohnung|Whg|Stiege|Stg|Top|Tür|Etg|Box|PO Box|Casa|Sala|Andar|Bloco|Lote"
)
_ORDINAL_UNIT = (
    r"\d{1,2}\.?[ ]?[ºª°](?:[ ]?(?:izq|izda|dcha|dcho|der|dra|esq|dto|dt|dta|frente|fte|[A-Da-d])\.?(?![\p{L}]))?"
    r"|\d{1,2}(?:r|n|t|a|o|er|ra|na|ta)[ ]\d{1,2}(?:r|n|t|a|o|er|ra|na|ta)(?![\p{L}\d])"
    r"|\d{1,2}\.[ ]?(?:th|tv|mf|sal|st)\.?(?![\p{L}])"
    r"|(?:[IVX]{1,4}|\d{1,2})\.[ ]?(?:em|emelet|ép|lház)\.?(?:[ ]\d{1,3}\.?)?"
)
# The word and its number apart: "Unit 5", "apt.12", "Suite #3"; not "united".
_UNIT = r"(?i:(?:" + _UNIT_WORDS + r")(?:\.[ ]?|[ ]|[ ]?\#[ ]?)(?:n[º°o]\.?[ ]?)?\#?[ ]?[A-Za-z0-9][\w/-]{0,5}(?![\p{L}\d]))|" + _ORDINAL_UNIT
# What a region or a county looks like after its town: "QC", "NSW", "(NA)", "- SP", "Co. Cork", "County Kerry".
_REGION = r"[A-Z]{2,3}(?![\p{L}\d])|(?:Co\.|County|Comté|Provincia de|Prov\.)[ ]\p{Lu}\p{Ll}+(?![\p{L}])"
# A district after its town: "Dublin 1", "Praha 10", "København K", "Paris 8e", "Lyon Cedex 03".
_DISTRICT = r"(?:\d{1,2}(?:e|er|ème)?|[A-Z]|(?i:cedex)(?:[ ]\d{1,2})?)(?![\p{L}\d/-])"
# A placeholder a table export prints for an empty field.
_EMPTY = r"(?:nan|NaN|None|null|N/A)(?![\p{L}])"
# A short number alone in its part is a region's or a district's: "El Marja\n, 32\n Tunisia".
_TOKEN = regex.compile(
    r"(?:" + _POSTAL + r")(?![\p{L}\d-])|\([A-Z]{2,3}\)|(?P<unit>" + _UNIT + r")|(?P<region>" + _REGION + r"|\d{1,3}(?![\p{L}\d]))|(?P<empty>" + _EMPTY + r")"
)
_DISTRICT_AT = regex.compile(_DISTRICT)
_DOT_UNIT = regex.compile(r"\.(?=[ ]+(?:" + _UNIT + r"))")
# Words of a town in capitals, as postal labels print it: "HARSTAD", "UPPER STONE", "KINGSTON NEAR LEWES".
# Some exports type a Greek Delta as the increment sign (U+2206): "ΟΡΜΙ∆ΕΙΑ".
_CAPITALS = regex.compile(r"[\p{Lu}∆][\p{Lu}∆'’-]+(?:[ ][\p{Lu}∆][\p{Lu}∆'’-]+){0,3}(?![\p{L}])")
# A country or a known town in lower case, as chat writes it: "poland 19-330", "colorado springs".
_LOWER_COUNTRY = regex.compile(r"\p{Ll}+(?:[ ]\p{Ll}+){0,2}(?![\p{L}])")

# In lower case, a town and its state code closing the line: "... suite 12 boise id".
_LOWER_TOWN_STATE = regex.compile(r"\p{Ll}[\p{Ll}'’-]+(?:[ ]\p{Ll}[\p{Ll}'’-]+){0,2}[ ](?P<state>[a-z]{2,3})(?=[ \t]*(?:[.!?]?[ \t]*(?:,|\n|\Z)))")
# A name with a postal code after it, alone in its part: a town or a country as forms print them
# ("Wellington 6012", "Cyprus (Greek) 15422", "Sisimiut 3911").
_NAMED_CODE = regex.compile(r"\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+){0,2}(?:[ ]\(\p{Lu}\p{Ll}+\))?[ ]+(?:" + _POSTAL + r")(?![\p{L}\d-])")
# Up to three capitalized words, for a known place no detection covers.
_WORDS = regex.compile(r"\p{Lu}[\p{L}'’.-]*(?:[ ](?:(?:de|del|do|da|la|le|am|im|an der|upon|on|sur)[ ])?\p{Lu}[\p{L}'’.-]*){0,2}(?![\p{L}])")
# A line of a block that no list knows, between two parts: a locality, a neighbourhood, a
# building, "c/o" someone. Capitalized or numbered words, no sentence punctuation.
_UNKNOWN = regex.compile(
    r"(?:c/o[ ])?[\p{Lu}\d][\p{L}\d'’./-]*(?:[ ](?:(?:de|del|do|da|dos|das|la|le|du|des|di|am|im|an der|upon|on|sur|y|e)[ ])?[\p{Lu}\d][\p{L}\d'’./-]*){0,3}"
    r"(?=[ \t]*(?:,|\n))"
)
# The same in an address written all in lower case: "0907 ul. podleśna 17\nvila do conde\n, po\n portugal 58717".
_UNKNOWN_LOWER = regex.compile(r"\p{Ll}[\p{Ll}\d'’.-]*(?:[ ][\p{Ll}\d][\p{Ll}\d'’.-]*){0,3}(?=[ \t]*(?:,|\n))")
# Between two words of one part: a space, " - " ("São Paulo - SP"), a bracket ("Napoli (NA)").
_INNER = regex.compile(r"[ ]{1,2}(?:-[ ])?|(?=\()")
# A line is filled when only a separator or the end follows.
_LINE_DONE = regex.compile(r"[ \t]*[.!?]?[ \t]*(?:,|\n|\Z)")
# ... or the sentence the address was written into goes on: "...\n Slovenia in case of an issue".
_SENTENCE_ON = regex.compile(r"[ ]+(?:in|on|for|by|and|to|at|now|please|before|after|until|with|so|or|but|if|when)\b")
# What a second street address may start with and still continue the first: a postal code and
# town ("1120 Wien, Österreich"), a unit; not another street ("12 Main St, 45 Oak Ave").
_CONTINUING = regex.compile(r"(?:" + _POSTAL + r")[ ]+\p{Lu}|(?i:(?:" + _UNIT_WORDS + r")\.?[ ]?#?[ ]?\d)|[^\d\n]*\Z")
_POSTAL_ONLY = regex.compile(r"(?:" + _POSTAL + r")\Z")
# Types a part may have been found as: a place, a postal code taken for a phone number.
_PART_TYPES = (PLACE, ADDRESS, PHONE)


def _part_at(text: str, pos: int, at: Dict[int, Span], after_place: bool, lower: bool) -> Optional[Tuple[int, Optional[Span], bool]]:
    """The address part that starts at ``pos``: (its end, the span it is if any, whether it is weak).
    A weak part (a region code, an empty field, a district, capitals) needs another part or the end of
    its line after it."""
    span = at.get(pos)
    if span is not None:
        value = text[span.start : span.end]
        if span.entity_type == PLACE:
            return span.end, span, False
        if span.entity_type == PHONE and _POSTAL_ONLY.match(value):
            return span.end, span, False
        if span.entity_type == PHONE and (value[0] in "+(" or sum(c.isdigit() for c in value) >= 8):
            # A whole phone number after the address ("..., IL 62704, 041 541 67 61") ends it; shorter digit
            # groups may be a district and its code ("Kent Ridge, 12 40521").
            return None
        if span.entity_type == ADDRESS and _CONTINUING.match(value):
            return span.end, span, False
    if after_place:
        district = _DISTRICT_AT.match(text, pos)
        if district:
            return district.end(), None, True
    token = _TOKEN.match(text, pos)
    if token:
        # A bare number may be a count: "9 Oak Street, 10000 units by monday".
        weak = bool(token.group("region") or token.group("empty") or token.group().isdigit())
        return token.end(), None, weak
    named = _NAMED_CODE.match(text, pos)
    if named:
        return named.end(), None, True
    capitals = _CAPITALS.match(text, pos)
    if capitals and len(capitals.group()) > 3:
        # Dictionary words in capitals ("URGENT", "UPPER STONE") only with more of the address after them.
        if not all(is_common_word(w) for w in capitals.group().split(" ")) or _continues(text, capitals.end(), at, lower):
            return capitals.end(), None, True
    if lower:
        town = _LOWER_TOWN_STATE.match(text, pos)
        if town and town.group("state").upper() in STATE_CODES:
            return town.end(), None, False  # "boise id" closing a line
    small = _LOWER_COUNTRY.match(text, pos)
    if small:
        if after_place and small.group().upper() in STATE_CODES:
            return small.end(), None, True  # "philadelphia pa"
        words = small.group().split(" ")
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            # A known town in lower case only in an address all in lower case: "12 Main St, nice place".
            if name in country_names() or (lower and _known_place(name.title())):
                return pos + len(name), None, False
    words = _WORDS.match(text, pos)
    if words:
        parts = words.group().split(" ")
        for n in range(len(parts), 0, -1):
            name = " ".join(parts[:n])
            if _known_place(name):
                return pos + len(name), None, False
    return None


def _continues(text: str, end: int, at: Dict[int, Span], lower: bool) -> bool:
    """Whether another address part follows ``end``, past a separator."""
    glue = _GLUE.match(text, end)
    return glue is not None and glue.end() > end and _chain(text, glue.end(), at, lower) is not None


def _chain(text: str, pos: int, at: Dict[int, Span], lower: bool = False) -> Optional[Tuple[int, List[Span]]]:
    """Parts one after another on one line from ``pos``: where they end and the spans among them."""
    spans: List[Span] = []
    end, weak_last, after_place = pos, False, False
    sure_end, sure_spans = pos, 0  # the chain up to its last part sure on its own
    while True:
        part = _part_at(text, end, at, after_place, lower)
        if part is None:
            break
        end, span, weak_last = part
        if not weak_last:
            sure_end, sure_spans = end, len(spans) + (span is not None)
        after_place = span is not None and span.entity_type == PLACE or (span is None and not weak_last)
        if span is not None:
            spans.append(span)
        inner = _INNER.match(text, end)
        if inner is None or inner.end() == end and text[end : end + 1] != "(":
            break
        nxt = _part_at(text, inner.end(), at, after_place, lower)
        if nxt is None:
            break
        end = inner.end()
    if weak_last and not (_LINE_DONE.match(text, end) or _SENTENCE_ON.match(text, end)):
        # "80121 Napoli (NA) before Friday" keeps "(NA)"; "12 Main St, ASAP please" takes no "ASAP".
        end, spans = sure_end, spans[:sure_spans]
    if end == pos:
        return None
    return end, spans


def _bridge(text: str, pos: int, at: Dict[int, Span], lower: bool, line_break: bool) -> Optional[int]:
    """The end of one or two parts no list knows from ``pos`` (see ``_UNKNOWN``), when an address
    part follows them; else None."""
    unknown = _UNKNOWN_LOWER if lower else _UNKNOWN
    for _ in range(2):
        found = unknown.match(text, pos)
        if found is None or any(s.entity_type not in (PERSON, PLACE) for s in _inside(at, found.start(), found.end())):
            return None
        after = _GLUE.match(text, found.end())
        line_break = line_break or "\n" in after.group()
        nxt = _chain(text, after.end(), at, lower)
        if nxt is not None and (_LINE_DONE.match(text, nxt[0]) or _SENTENCE_ON.match(text, nxt[0]) or not line_break):
            return found.end()
        pos = after.end()
    return None


def _grow(text: str, end: int, at: Dict[int, Span], lower: bool) -> Tuple[int, List[Span]]:
    """How far an address that ends at ``end`` runs, and the spans it takes in."""
    taken: List[Span] = []
    bridged = 0
    for _ in range(8):
        if end and text[end - 1].isdigit() and _DOT_UNIT.match(text, end):
            end += 1  # "Andrássy út 47. II. em. 5.": the house number's own full stop, then the floor
        glue = _GLUE.match(text, end)
        if glue is None or (glue.end() == end and end < len(text) and not text[end].isspace()):
            break
        pos = glue.end()
        line_break = "\n" in glue.group()
        found = _chain(text, pos, at, lower)
        if found is not None and line_break and not (_LINE_DONE.match(text, found[0]) or _SENTENCE_ON.match(text, found[0])):
            found = None  # "Ain" is a known place, but the line is "Ain Soltane": read it as a line no list knows
        if found is None and bridged < 3:
            # A line (or comma part) no list knows, when an address part follows it.
            bridge = _bridge(text, pos, at, lower, line_break)
            if bridge is not None:
                taken += _inside(at, pos, bridge)
                bridged += 1
                end = bridge
                continue
            break
        if found is None:
            break
        chain_end, spans = found
        taken += spans
        end = chain_end
    return end, taken


# The flat and the building on the lines above a street: "Flat 4, Harrow Court\n17 Lime Grove",
# "Bâtiment C, appartement 42\n18 avenue Jean Jaurès", "Rosebank Cottage\n2 Mill Lane".
_UNIT_PHRASE = r"(?i:(?:" + _UNIT_WORDS + r")(?:\.[ ]?|[ ]|[ ]?\#[ ]?)\#?[ ]?[A-Za-z0-9][\w/-]{0,4}|\d{1,2}(?:st|nd|rd|th)[ ]Floor)(?![\p{L}\d])"
_LINES_BEFORE = regex.compile(
    r"(?:^|\n|:)[ \t]*(?P<unit>" + _UNIT_PHRASE + r"(?:,[ ]*" + _UNIT_PHRASE + r")?(?:,[ ]*|[ \t]*\n[ \t]*))?"
    r"(?:(?P<building>(?:The[ ])?\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+){0,3})[ \t]*(?:,[ ]*|\n[ \t]*))?\Z"
)


def _block_start(text: str, start: int) -> int:
    """Where an address that starts at ``start`` starts, with the flat and building written before it."""
    before = _building_start(text, start)
    if before != start or not text[max(0, start - 2) : start].strip(" \t").endswith("\n"):
        return before
    window = max(0, start - 80)
    found = _LINES_BEFORE.search(text, window, start)
    if found is None or found.start() == found.end():
        return start
    building = found.group("building") or ""
    if not found.group("unit") and building.rsplit(" ", 1)[-1] not in _BUILDING_WORDS:
        return start
    return found.start("unit") if found.group("unit") else found.start("building")


# A form's fields for the rest of an address, one a line under the street: "City: Lyon", "ZIP: 69007".
_FIELD = regex.compile(
    r"[ \t]*\n[ \t]*(?i:city|town|zip|zip code|postcode|post code|postal code|state|province|county|region|country"
    r"|ville|code postal|cp|pays|ciudad|localidad|código postal|provincia|país|ort|stadt|plz|postleitzahl|land|bundesland)"
    r"[ \t]*:[ \t]*"
)


def _form_fields(text: str, end: int, at: Dict[int, Span], lower: bool) -> List[Span]:
    """The values of the address fields under a street in a form: a postal code no detection covers
    is part of the address, a known place a place (one found already stays as it was found)."""
    found: List[Span] = []
    for _ in range(6):
        field = _FIELD.match(text, end)
        if field is None:
            break
        chain = _chain(text, field.end(), at, lower)
        line_end = text.find("\n", field.end())
        line_end = len(text) if line_end == -1 else line_end
        value_end = field.end() + len(text[field.end() : line_end].rstrip())
        if chain is None or chain[0] != value_end:
            break
        value = text[field.end() : value_end]
        if not chain[1] and _POSTAL_ONLY.match(value):
            found.append(Span(ADDRESS, field.end(), value_end, 0.6, "address form field"))
        elif not chain[1] and _known_place(value):
            found.append(Span(PLACE, field.end(), value_end, 0.6, "address form field"))
        end = value_end
    return found


def _inside(at: Dict[int, Span], start: int, end: int) -> List[Span]:
    return [s for s in at.values() if start <= s.start and s.end <= end]


# The rest of a hyphenated name: "Clermont|-Ferrand", "Winston|-Salem".
# The rest of a hyphenated name: "Clermont|-Ferrand", "Saint|-Jean-de-Luz"; not "London|-based".
_HYPHENATED_REST = regex.compile(
    r"(?:-(?:(?:en|sur|sous|le|la|les|lès|de|du|des|upon|on|am|an|im|ob|bei|di|del|dei)-)*\p{Lu}\p{L}*)+(?![\p{L}\d-])"
)


def _whole_place_names(text: str, spans: Sequence[Span]) -> List[Span]:
    """A place ends at the end of its word, not at a hyphen inside it: a model that read "Clermont" in
    "Clermont-Ferrand" leaves "-Ferrand" (a town of its own) in clear."""
    out = []
    for s in spans:
        if s.entity_type == PLACE and text.startswith("-", s.end):
            rest = _HYPHENATED_REST.match(text, s.end)
            if rest is not None:
                s = Span(s.entity_type, s.start, rest.end(), s.score, s.recognizer)
        out.append(s)
    return out


# A district after its town in running text: "København K", "Frederiksberg C", "Praha 10", "Lyon 3e".
# A letter is no word ("Oslo I met", "Paris A"); a number is a district only after a known town and
# where the sentence pauses after it ("Bergen 3 times" counts times, "Ward 5." is a ward).
_DISTRICT_LETTER = regex.compile(r"[ ](?:[B-HJ-Z]|Æ|Ø|Å)(?=[ \t]*(?:\Z|[\n,.;:!?)])|[ ]+\p{Ll})")
_DISTRICT_NUMBER = regex.compile(r"[ ]\d{1,2}(?:e|er|ème)?(?=[ \t]*(?:\Z|[\n,;:!?)]|\.(?:[ \t]|\Z)))")


def _districts(text: str, spans: Sequence[Span]) -> List[Span]:
    """A place with the district written after it: the town alone leaves part of where someone is in clear."""
    out = []
    for s in spans:
        if s.entity_type == PLACE:
            district = _DISTRICT_LETTER.match(text, s.end)
            if district is None and _known_place(text[s.start : s.end]):
                district = _DISTRICT_NUMBER.match(text, s.end)
            if district is not None:
                s = Span(s.entity_type, s.start, district.end(), s.score, s.recognizer)
        out.append(s)
    return out


def join_address_parts(text: str, spans: Sequence[Span]) -> List[Span]:
    """``spans`` with each street address grown over the parts written with it (see the module), and
    each place to the end of its hyphenated name and over the district after it."""
    if "-" in text:
        spans = _whole_place_names(text, spans)
    spans = _districts(text, spans)
    if not any(s.entity_type == ADDRESS for s in spans):
        return list(spans)
    at: Dict[int, Span] = {}
    for s in spans:
        if s.entity_type in _PART_TYPES or s.entity_type == PERSON:
            # Two spans at one place: the longer one is the part.
            if s.start not in at or s.end > at[s.start].end:
                at[s.start] = s
    out = list(spans)
    gone = set()
    for seed in sorted((s for s in spans if s.entity_type == ADDRESS), key=lambda s: s.start):
        if id(seed) in gone:
            continue
        lower = text[seed.start : seed.end].islower()
        end, taken = _grow(text, seed.end, at, lower)
        start = _block_start(text, seed.start)
        if "\n" in text[end : end + 2]:
            out += _form_fields(text, end, at, lower)
        if end == seed.end and start == seed.start:
            continue
        grown = Span(ADDRESS, start, end, seed.score, seed.recognizer)
        drop = {id(seed)} | {id(s) for s in taken}
        # What the grown address covers whole (a town the NER read as a person) goes with it.
        drop |= {id(s) for s in out if start <= s.start and s.end <= end and s.entity_type in (PLACE, PHONE, PERSON, ADDRESS)}
        gone |= drop
        out = [s for s in out if id(s) not in drop] + [grown]
        at = {k: v for k, v in at.items() if id(v) not in drop}
    return sorted(out, key=lambda s: s.start)
