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

from pii_rails.detection.predefined.address import COMMON_TYPES, LIST_MARK, STATE_CODES, _BUILDING_WORDS, _LETTER_POSTCODE, _building_start, _known_place
from pii_rails.detection.predefined.lexicon import TITLES, country_names, family_names, given_names, is_common_word, is_word, stop_words
from pii_rails.spans import Span

ADDRESS, PLACE, PHONE, PERSON = "STREET_ADDRESS", "LOCATION", "PHONE_NUMBER", "PERSON"

# Between two parts: spaces, one comma, up to two line breaks (each line may open with a list's mark, see
# address.LIST_MARK).
_GLUE = regex.compile(r"(?:[ ]-(?=[ ][A-Z]{2,3}(?![\p{L}])))?[ \t]*(?:,[ \t]*)?(?:\n[ \t]*" + LIST_MARK + r"?){0,2}(?:,[ \t]*)?")
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
    r"|Level|Lvl|Studio"
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
_LINE_DONE = regex.compile(r"[ \t]*[.!?]?[ \t]*(?:[,;\"')\]]|\n|\Z)")
# ... or the sentence the address was written into goes on: "...\n Slovenia in case of an issue".
_SENTENCE_ON = regex.compile(r"[ ]+(?:in|on|for|by|and|to|at|now|please|before|after|until|with|so|or|but|if|when)\b")
# What a second street address may start with and still continue the first: a postal code and
# town ("1120 Wien, Österreich"), a unit; not another street ("12 Main St, 45 Oak Ave").
_CONTINUING = regex.compile(r"(?:" + _POSTAL + r")[ ]+\p{Lu}|(?i:(?:" + _UNIT_WORDS + r")\.?[ ]?#?[ ]?\d)|[^\d\n]*\Z")
_POSTAL_ONLY = regex.compile(r"(?:" + _POSTAL + r")\Z")
# Types a part may have been found as: a place, a postal code taken for a phone number.
_PART_TYPES = (PLACE, ADDRESS, PHONE)


# A district's number and its postal code: "12 40521".
_DISTRICT_CODE = regex.compile(r"\d{1,3}[ ]\d{5}")


def _phone_line(text: str, span: Span, after_code: bool) -> bool:
    """Whether the phone number ``span`` fills a field of its own (a line, a comma's part) or closes a line after a
    postal code, and is no district and code."""
    before = text[max(0, span.start - 3) : span.start].rstrip(" \t")
    return (
        (after_code or before.endswith(("\n", ","))) and _LINE_DONE.match(text, span.end) is not None
        and _DISTRICT_CODE.fullmatch(text, span.start, span.end) is None
    )  # fmt: skip


def _part_at(
    text: str, pos: int, at: Dict[int, Span], after_place: bool, lower: bool, after_part: bool = False, after_code: bool = False
) -> Optional[Tuple[int, Optional[Span], bool]]:
    """The address part that starts at ``pos``: (its end, the span it is if any, whether it is weak).
    A weak part (a region code, an empty field, a district, capitals) needs another part or the end of
    its line after it. ``after_part``: the address has grown over a town or a region already, so a
    number shaped like a postal code is one ("..., Deniseport, OK, 17991 since 2019"). ``after_code``:
    a postal code was read right before, so the capitalized words here are its town, known or not
    ("1505-877 Penafiel", "07018, Pozzomaggiore (SS)", "637 26 Chlumec nad Cidlinou")."""
    span = at.get(pos)
    if after_code and (span is None or span.entity_type in (PERSON, PLACE)):
        town = _CODE_TOWN.match(text, pos)
        first = town.group().split(" ")[0] if town else ""
        # A dictionary word is no town ("80525 Please call"), unless it names someone too ("Aaron Ville").
        common = first.lower() in stop_words() or (is_common_word(first) and first not in given_names())
        # A name the model read as a person's is a town here only when a word of it says town ("Aaron Ville").
        person = span is not None and span.entity_type == PERSON and not _town_word(town.group())
        if town and (_known_place(first) or not (common or person)):
            return town.end(), span if span is not None and span.end <= town.end() else None, False
    joined = _AND_NAME.match(text, pos)
    if joined is not None and (_known_place(joined.group()) or joined.group() in _AND_REGIONS):
        return joined.end(), span if span is not None and span.end <= joined.end() else None, False  # "Newfoundland and Labrador", "Trinidad and Tobago"
    if span is not None:
        value = text[span.start : span.end]
        if span.entity_type == PLACE:
            return span.end, span, False
        if span.entity_type == PHONE and _POSTAL_ONLY.match(value):
            return span.end, span, False
        if span.entity_type == PHONE and (value[0] in "+(" or sum(c.isdigit() for c in value) >= 8 or _phone_line(text, span, after_code)):
            # A whole phone number after the address ("..., IL 62704, 041 541 67 61") ends it; shorter digit
            # groups may be a district and its code ("Kent Ridge, 12 40521"), unless they fill a line of
            # their own as a small network's number does ("...\nIceland\n457 9592", "..., Reykjavik, 457 9592", "..., IL 62704 457 9592").
            return None
        if span.entity_type == ADDRESS and _CONTINUING.match(value):
            return span.end, span, False
    long_name = _COUNTRY_LONG.match(text, pos)
    if long_name is not None:
        rest = _WORDS.match(text, long_name.end())
        if rest is not None and _is_country(rest.group()):
            return rest.end(), at.get(long_name.end()), False
    if after_place:
        district = _DISTRICT_AT.match(text, pos)
        if district:
            return district.end(), None, True
    token = _TOKEN.match(text, pos)
    if token:
        # A bare number may be a count: "9 Oak Street, 10000 units by monday".
        weak = bool(token.group("region") or token.group("empty") or token.group().isdigit())
        if weak and after_part and _ZIP_DIGITS.fullmatch(token.group()):
            weak = False
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


def _chain(
    text: str, pos: int, at: Dict[int, Span], lower: bool = False, after_part: bool = False, after_code: bool = False
) -> Optional[Tuple[int, List[Span]]]:
    """Parts one after another on one line from ``pos``: where they end and the spans among them."""
    spans: List[Span] = []
    end, weak_last, after_place = pos, False, False
    sure_end, sure_spans = pos, 0  # the chain up to its last part sure on its own
    while True:
        part = _part_at(text, end, at, after_place, lower, after_part and end == pos, after_code)
        if part is None:
            break
        begin = end
        end, span, weak_last = part
        after_code = span is None and not weak_last and _POSTAL_ONLY.match(text[begin:end]) is not None
        if not weak_last:
            sure_end, sure_spans = end, len(spans) + (span is not None)
        after_place = span is not None and span.entity_type == PLACE or (span is None and not weak_last)
        if span is not None:
            spans.append(span)
        inner = _INNER.match(text, end)
        if inner is None or inner.end() == end and text[end : end + 1] != "(":
            break
        nxt = _part_at(text, inner.end(), at, after_place, lower, False, after_code)
        if nxt is None:
            break
        end = inner.end()
    if weak_last and not (_LINE_DONE.match(text, end) or _SENTENCE_ON.match(text, end)):
        # "80121 Napoli (NA) before Friday" keeps "(NA)"; "12 Main St, ASAP please" takes no "ASAP".
        end, spans = sure_end, spans[:sure_spans]
    if end == pos:
        return None
    return end, spans


# A town no list knows closing an address after a comma: capitalized words, then the end of the
# sentence or of the line, a closing mark, or the sentence going on in lower case ("Reichergasse 396,
# Traun between 9 and 5"); not a following clause ("12 Main St, Anna said", "..., Thanks!").
_TAIL_TOWN = regex.compile(
    r"\p{Lu}[\p{Ll}'’]+(?:[- ](?:(?:de|del|la|le|upon|sur|en)[- ])?\p{Lu}[\p{Ll}'’]+){0,2}"
    r"(?=[ \t]*(?:[.!?]?(?:[ \t]*(?:[,;\"')\]]|\n|\Z)|[ ]+\p{Lu})|[ ]+\p{Ll}))"
)
# What may follow such a town in lower case: the sentence going on, not a verb about someone.
_TAIL_VERB = regex.compile(r"[ ]+(?:said|says|wrote|writes|asked|asks|replied|is|was|will|has|had|and|or)\b")
# A country's long name: "Republic of Ireland", "Kingdom of the Netherlands".
_COUNTRY_LONG = regex.compile(r"(?:(?:Federal[ ])?Republic|Kingdom|Commonwealth|Principality|Grand[ ]Duchy|Federation|Union)[ ]of[ ](?:the[ ])?")
_SHORT_COUNTRIES = frozenset({"united states", "usa", "u.s.a.", "u.s.", "uk", "u.k."})


def _is_country(name: str) -> bool:
    name = name[_COUNTRY_LONG.match(name).end() :] if _COUNTRY_LONG.match(name) else name
    return name.lower() in country_names() or name.lower() in _SHORT_COUNTRIES


# The rest of a town's name after a word that joins its parts: "Chlumec nad Cidlinou". Not German
# "am", "im", "bei", "an der": "Berlin bei Adelbert Höfig", "Kiel am Montag" go on with a noun.
_TOWN_REST = regex.compile(r"(?<=\p{L})(?:[ ](?:nad|pod|upon|sur|sous)[ ]\p{Lu}[\p{Ll}'’]+)+(?![\p{L}\d])")
_AND_NAME = regex.compile(r"\p{Lu}\p{Ll}+[ ](?:and|&)[ ]\p{Lu}\p{Ll}+(?![\p{L}\d])")
_LAST_WORD = regex.compile(r"(?<![\p{L}])\p{Lu}\p{Ll}+\Z")
_AND_REGIONS = frozenset({"Newfoundland and Labrador", "Newfoundland & Labrador"})
_LIST_MARK = regex.compile(r",|[ ](?:and|or|&|to)[ ]")
_DOT_BREAK = regex.compile(r"\.(?=[ \t]*(?:,|\n))")
# A postal code closing what was read so far, and the town written after one.
_CODE_BEFORE = regex.compile(r"(?<![\p{L}\d-])(?:" + _POSTAL + r")\Z")
_CODE_TOWN = regex.compile(
    r"\p{Lu}[\p{L}'’]+(?:[- ](?:(?:nad|pod|de|del|da|do|dos|das|di|la|le|les|upon|sur|sous|en|y)[- ])?"
    r"\p{Lu}[\p{L}'’]+){0,3}(?![\p{L}\d])"
)
_SEVERAL_PARTS = regex.compile(r",|\n|\\n")
_WORD_REST = regex.compile(r"\p{L}*")
_LANGUAGES = ("en", "fr", "es", "de")
_ZIP_DIGITS = regex.compile(r"\d{4,6}(?:-\d{4})?")


def _tail_town(text: str, pos: int, at: Dict[int, Span], lower: bool) -> Optional[int]:
    """The end of a town no list knows that closes an address at ``pos`` (see ``_TAIL_TOWN``), else None."""
    if lower:
        return None
    found = _TAIL_TOWN.match(text, pos)
    if found is None or _TAIL_VERB.match(text, found.end()):
        return None
    if any(s.entity_type not in (PERSON, PLACE) for s in _inside(at, found.start(), found.end())):
        return None
    words = regex.split(r"[- ]", found.group())
    if any(w.lower() in stop_words() or w in TITLES or any(is_word(w, lang) for lang in _LANGUAGES) for w in words):
        return None
    if words[0] in given_names() or words[-1] in family_names():
        return None  # "12 Main St, Anna Berg will sign": someone, a known town is read as one already
    return found.end()


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


def _grow(text: str, start: int, end: int, at: Dict[int, Span], lower: bool) -> Tuple[int, List[Span]]:
    """How far an address from ``start`` that ends at ``end`` runs, and the spans it takes in."""
    taken: List[Span] = []
    bridged = 0
    # Whether the address holds more than its street line (a town, a region) by the time a part is read.
    more = _SEVERAL_PARTS.search(text, start, end) is not None
    while end > start and text[end - 1] in " \t":
        end -= 1  # a pattern that took the space after a postal code: the town after it is read below
    if more:
        rest = _TOWN_REST.match(text, end)
        end = rest.end() if rest is not None else end  # "637 26 Chlumec| nad Cidlinou"
        last = _LAST_WORD.search(text, max(start, end - 30), end)
        joined = _AND_NAME.match(text, last.start()) if last is not None else None
        if joined is not None and joined.end() > end and (_known_place(joined.group()) or joined.group() in _AND_REGIONS):
            end = joined.end()  # "...,Rossmouth,Newfoundland| and Labrador"
    for _ in range(8):
        if end and text[end - 1].isdigit() and (_DOT_UNIT.match(text, end) or _DOT_BREAK.match(text, end)):
            end += 1  # "Andrássy út 47. II. em. 5.", "utca 92., H-7321": the house number's own full stop
        glue = _GLUE.match(text, end)
        if glue is None or (glue.end() == end and end < len(text) and not text[end].isspace()):
            break
        pos = glue.end()
        line_break = "\n" in glue.group()
        # A number closing the street line is its house number, not a postal code.
        code_at = _CODE_BEFORE.search(text, max(0, end - 12), end)
        code = code_at is not None and (more or not code_at.group().replace("-", "").isdigit())
        found = _chain(text, pos, at, lower, more, code)
        if (
            found is not None
            and line_break
            and not (_LINE_DONE.match(text, found[0]) or _SENTENCE_ON.match(text, found[0]))
            # A country on the line under a town line closes the address whatever the sentence does
            # after it ("...\nRichardside, NE 67974\nUnited States pls").
            and not (more and _is_country(text[pos : found[0]]))
        ):
            found = None  # "Ain" is a known place, but the line is "Ain Soltane": read it as a line no list knows
        if found is None and not line_break and "," in glue.group():
            town = _tail_town(text, pos, at, lower)
            if town is not None:
                taken += _inside(at, pos, town)
                end, more = town, True
                continue
        if found is None and bridged < 3:
            # A line (or comma part) no list knows, when an address part follows it.
            bridge = _bridge(text, pos, at, lower, line_break)
            if bridge is not None:
                taken += _inside(at, pos, bridge)
                bridged += 1
                end, more = bridge, True
                continue
            break
        if found is None:
            break
        chain_end, spans = found
        taken += spans
        end, more = chain_end, True
    return end, taken


# The flat and the building on the lines above a street: "Flat 4, Harrow Court\n17 Lime Grove",
# "Bâtiment C, appartement 42\n18 avenue Jean Jaurès", "Rosebank Cottage\n2 Mill Lane".
_UNIT_PHRASE = r"(?i:(?:" + _UNIT_WORDS + r")(?:\.[ ]?|[ ]|[ ]?\#[ ]?)\#?[ ]?[A-Za-z0-9][\w/-]{0,4}|\d{1,2}(?:st|nd|rd|th)[ ]Floor)(?![\p{L}\d])"
_LINES_BEFORE = regex.compile(
    r"(?:^|\n|:)[ \t]*(?P<unit>" + _UNIT_PHRASE + r"(?:,[ ]*" + _UNIT_PHRASE + r")?(?:,[ ]*|[ \t]*\n[ \t]*))?"
    r"(?:(?P<building>(?:The[ ])?\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+){0,3})[ \t]*(?:,[ ]*|\n[ \t]*))?\Z"
)


# Units written right before the street, on its line or the line above: "Level 9 , 4 Stephen
# Crescent", "Suite 114, PO Box 561", "Apt. 965, Suite 281\n511 Jones Road"; and a unit word whose
# number a street pattern read as the house number ("Flat 88\nWoods Ridge").
# The unit's number holds a digit: "the flat at Apt. 512" starts at "Apt.".
_UNIT_BEFORE = regex.compile(
    r"(?<![\p{L}\d])(?i:(?:" + _UNIT_WORDS + r")(?:\.[ ]?|[ ]|[ ]?\#[ ]?)\#?[ ]?[A-Za-z]?\d[\w/-]{0,4}|\d{1,2}(?:st|nd|rd|th)[ ]Floor)"
    r"(?![\p{L}\d])[ \t]*(?:,[ \t]*|\n[ \t]*|[ ]+)\Z"
)
_UNIT_WORD_BEFORE = regex.compile(r"(?<![\p{L}])(?i:" + _UNIT_WORDS + r")\.?[ ]\Z")


# What a street pattern may leave before the name it read: the street's type in lower case as French,
# Italian, Spanish and Portuguese write it, with the house number before it ("282 allé Marcel",
# "rue Frédéric Quartier 6", "chemin Lisa de Dardel 911"), and a unit number with a slash ("116/3
# Small Nook").
_TYPE_BEFORE = regex.compile(
    r"(?<![\p{L}\d])(?:\d{1,5}[A-Za-z]?,?[ ])?(?:rue|chemin|avenue|boulevard|bd|allée|allé|impasse|place|quai|route|montée|rang"
    r"|cours|passage|sentier|voie|via|viale|vicolo|piazza|strada|corso|calle|avenida|paseo|camino|plaza|rua|travessa|largo)[ ]\Z"
)
_SLASH_BEFORE = regex.compile(r"(?<![\p{L}\d/])(?<!(?i:page|pages|p|pp|chapter|ch|section|sec|no|nr|version|v)\.?[ ])\d{1,4}[A-Za-z]?/\Z")


def _units_before(text: str, start: int) -> int:
    lead = _TYPE_BEFORE.search(text, max(0, start - 24), start) or (
        _SLASH_BEFORE.search(text, max(0, start - 6), start) if text[start : start + 1].isdigit() else None
    )
    if lead is not None:
        start = lead.start()
    if text[start : start + 1].isdigit():
        word = _UNIT_WORD_BEFORE.search(text, max(0, start - 16), start)
        if word is not None:
            start = word.start()
    for _ in range(2):
        unit = _UNIT_BEFORE.search(text, max(0, start - 40), start)
        if unit is None:
            break
        start = unit.start()
    return start


def _block_start(text: str, start: int) -> int:
    """Where an address that starts at ``start`` starts, with the flat and building written before it."""
    unit = _units_before(text, start)
    if unit != start:
        return _block_start(text, unit) if unit > 0 else unit
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


# The next name in a list of places, or where a journey from a place goes: "offices in Lyon, Porto
# and Gdańsk", "from Matthewstad to Rileymouth". Up to three capitalized words, then the list or the
# sentence goes on.
_NEXT_PLACE = regex.compile(
    r"(?:,[ ]+(?:and[ ]+|or[ ]+)?|[ ]+(?:and|or|&)[ ]+|(?P<to>[ ]+to[ ]+))"
    r"(?P<name>\p{Lu}[\p{Ll}'’]+(?:[ -](?:(?:de|del|la|le|sur|upon)[ -])?\p{Lu}[\p{Ll}'’]+){0,2})"
    r"(?=[ \t]*(?:[.,;:!?)]|\n|\Z|[ ]+(?:and|or|&|to)[ ]|[ ]+\p{Ll}))"
)
_FROM_BEFORE = regex.compile(r"(?i:\bfrom)[ ]+\Z")
# First and last words that make a name a town's even when a word in it is a given name ("North
# Angela", "Lake Kimberly", "Colm Ville", "Port Colinview").
_TOWN_ENDS = frozenset("ville city town springs falls beach heights park bay harbour harbor island hills".split())
_TOWN_OPENERS = frozenset("north south east west new lake port mount fort upper lower great little".split())


def _town_word(name: str) -> bool:
    words = name.lower().split(" ")
    return len(words) > 1 and (words[0] in _TOWN_OPENERS or words[-1] in _TOWN_ENDS)


def _list_place(name: str) -> bool:
    """Whether ``name``, next in a list of places, is one too: no dictionary or function word, no
    given name unless a word of it says town."""
    words = [w for w in regex.split(r"[- ]", name) if not w.islower()]  # not "de", "am"
    if any(w.lower() in stop_words() or (is_common_word(w) and w.lower() not in _TOWN_ENDS | _TOWN_OPENERS) for w in words):
        return False
    if _town_word(" ".join(words)):
        return True
    return not any(w in given_names() or w in family_names() or w in TITLES for w in words)


_OPENER_REST = regex.compile(r"[ ]\p{Lu}[\p{Ll}'’]+(?![\p{L}\d'’-])")


def _town_openers(text: str, spans: Sequence[Span]) -> List[Span]:
    """A place that is a town's first word alone, with the name after it read as a person or not at
    all ("North|Andrea", "Lake|Connor"): the town is both words."""
    out = list(spans)
    for s in spans:
        if s.entity_type != PLACE or text[s.start : s.end].lower() not in _TOWN_OPENERS:
            continue
        rest = _OPENER_REST.match(text, s.end)
        if rest is None:
            continue
        inside = [o for o in out if o is not s and o.start < rest.end() and rest.start() < o.end]
        if all(o.entity_type == PERSON and rest.start() < o.start and o.end <= rest.end() for o in inside):
            out = [o for o in out if o is not s and o not in inside] + [Span(PLACE, s.start, rest.end(), s.score, s.recognizer)]
    return out


def _place_lists(text: str, spans: Sequence[Span]) -> List[Span]:
    """The places listed with a found place, and where a journey from one goes (see ``_NEXT_PLACE``)."""
    out = list(spans)
    for s in sorted((s for s in spans if s.entity_type == PLACE), key=lambda s: s.start):
        end = s.end
        journey = _FROM_BEFORE.search(text, max(0, s.start - 8), s.start) is not None
        for _ in range(4):
            nxt = _NEXT_PLACE.match(text, end)
            if nxt is None or (nxt.group("to") and not journey):
                break
            start, end = nxt.start("name"), nxt.end("name")
            inside = [o for o in out if o.start < end and start < o.end]
            if not (any(o.entity_type == PLACE for o in inside) or _list_place(nxt.group("name"))):
                break
            if any(o.entity_type not in (PLACE, PERSON) or o.start < start or o.end > end for o in inside):
                break
            if not any(o.entity_type == PLACE and (o.start, o.end) == (start, end) for o in inside):
                out = [o for o in out if o not in inside] + [Span(PLACE, start, end, s.score, "place list")]
            journey = False
    return out


# A street's type word alone, as a model may read the one a sentence repeats after a street ("15 Clasper Way St.").
_LONE_TYPE = regex.compile(r"(?:" + COMMON_TYPES + r"|Av)\.?")


def _no_lone_types(text: str, spans: Sequence[Span]) -> List[Span]:
    """``spans`` without a place or a person that is a street's type word alone right after a street address:
    no place and no one is named "St.", and the address it would join has its own type already."""
    ends = {s.end for s in spans if s.entity_type == ADDRESS}
    return [
        s for s in spans
        if not (s.entity_type in (PLACE, PERSON) and _LONE_TYPE.fullmatch(text, s.start, s.end) and s.start - 1 in ends and text[s.start - 1] == " ")
    ]  # fmt: skip


# A line break and the mark that opens the next item of a list: a bullet, an emoji or what an encoding made of it,
# a quote mark, a template's leftover braces.
_ITEM_BREAK = regex.compile(r"[ \t]*\n[ \t]*" + LIST_MARK)
_DIGIT = regex.compile(r"\d")
_EMPTY_ITEM = regex.compile(r"[ \t,]*" + _EMPTY + r"[ \t,]*")


def _list_items(text: str, spans: Sequence[Span], places: bool) -> List[Span]:
    """Each address written as a list, one part per item, as one span per item: a list's items are fields of their
    own, as a form's are. An item without a number is its town or country, a place when ``places`` are looked for;
    the street, a unit, a postal code with its country stay addresses. All of it is masked either way."""
    out: List[Span] = []
    for s in spans:
        breaks = list(_ITEM_BREAK.finditer(text, s.start, s.end)) if s.entity_type == ADDRESS else []
        if not breaks:
            out.append(s)
            continue
        starts = [s.start] + [b.end() for b in breaks]
        ends = [b.start() for b in breaks] + [s.end]
        for start, end in zip(starts, ends, strict=True):
            if start >= end or _EMPTY_ITEM.fullmatch(text, start, end):
                continue  # an export's empty field ("nan") is no part to mask
            kind = PLACE if places and _DIGIT.search(text, start, end) is None and regex.match(_UNIT, text[start:end]) is None else ADDRESS
            out.append(Span(kind, start, end, s.score, s.recognizer))
    return out


def join_address_parts(text: str, spans: Sequence[Span], places: bool = False) -> List[Span]:
    """``spans`` with each street address grown over the parts written with it (see the module), and
    each place to the end of its hyphenated name and over the district after it, a town's first word
    with the name after it, and the places listed with one or a journey's end taken in. ``places``: whether places
    are looked for (a listed address's town is reported as one)."""
    if "-" in text:
        spans = _whole_place_names(text, spans)
    spans = _districts(text, spans)
    if any(s.entity_type == PLACE for s in spans):
        spans = _town_openers(text, spans)
        if _LIST_MARK.search(text):
            spans = _place_lists(text, spans)
    if not any(s.entity_type == ADDRESS for s in spans):
        return list(spans)
    spans = _no_lone_types(text, spans)
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
        end, taken = _grow(text, seed.start, seed.end, at, lower)
        if end < len(text) and text[end].isalpha() and text[end - 1].isalpha():
            # A model read a part of a word ("Stephanie" in "Stephaniestad"): the address ends with the word.
            end = _WORD_REST.match(text, end).end()
        start = _block_start(text, seed.start)
        # A name read before the street that the address would cut in two stays whole: the address starts after it.
        start = max([start] + [s.end for s in spans if s.entity_type == PERSON and s.start < start < s.end <= seed.start])
        while start < seed.start and text[start] in " \t\n,":
            start += 1
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
    return sorted(_list_items(text, out, places), key=lambda s: s.start)
