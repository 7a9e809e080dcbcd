"""Whether the words around a name make it a person's or a place's, whatever the name itself is.

A word list or a small NER model reads the name alone, and many names are both: "Milan", "Borna",
"Amara" and "Lorraine" are towns and given names, "Steyr" and "Vihti" look like people's names to a
model. The sentence decides: "leave me Milan, four hungry children" speaks to a person, "are you
still in Amara?" asks about a place. The rules here read a few characters on either side of a span
and nothing else, so they cost little and run only on spans already found.

Slots are kept to phrases that take one kind of name only: "to" and "from" take both ("a letter
from Maria", "sent to Lisbon"), and are no slot here.
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Tuple

import regex

from pii_rails.detection.predefined.lexicon import country_names, family_names, given_names, stop_words

# Right before a name, what only a place stands after.
# Who and what the news reports in a town: "police in Bouchet arrested", "temperatures in Podlaskie".
NEWS_IN_TOWN = (
    r"police|authorities|officials|residents|locals|floods?|flooding|storms?|snow|snowfall|rain|rainfall|temperatures?"
    r"|elections?|protests?|riots?|wildfires?|earthquakes?|heatwaves?|tourists"
)
_PLACE_LEAD = (
    r"(?i:(?<![\p{L}])(?:"
    # English: where someone is, lives, was born, works, travels (not "to"/"from" alone).
    r"(?:still|currently|now|live|lives|living|lived|born|based|located|situated|stationed|stuck|staying|stayed|stay"
    r"|grew[ ]up|raised|settled|resides|residing|headquartered|office|offices|branch|weather|hotel|apartment|flat"
    r"|holiday|vacation|somewhere|anywhere|everywhere|here|there|are[ ]you|is[ ]it|were[ ]you|town|city|village"
    r"|municipality|suburb|district|resort)[ ]in"
    # Not "moved to", "returned to", "I'm in": software is moved to and worked in, keys returned to people.
    r"|(?:flights?|trains?|bus|ferry|trips?|journey|travel(?:l?ing|l?ed)?|heading|headed|flying|flew|driving"
    r"|commuting|emigrated)[ ](?:to|from|into)"
    # Not "drove to": shops and firms are driven to as much as towns ("he drove to Walmart").
    r"|(?:drive|drove|driving|driven|backpacking|road[ ]trip)(?:[ ](?:back|down|up|over|out))?[ ](?:from|through)"
    # News and weather of a town: "police in Bouchet arrested", "temperatures in Podlaskie", "greetings from Orimattila".
    r"|(?:" + NEWS_IN_TOWN + r")[ ]in|greetings[ ]from|weather[ ]for"
    r"|(?:weather|forecast)[ ](?:today|tomorrow|tonight|this[ ]week(?:end)?)[ ](?:in|for)"
    r"|(?:mayor|outskirts|suburbs|centre|center|people|streets|city|town|village|municipality|province|region"
    r"|population|inhabitants|residents|citizens|(?:(?:north|south)(?:east|west)?|east|west))[ ]of"
    r"|originally[ ]from|hails[ ]from|(?:i|we|they|he|she)[ ](?:come|comes|came)[ ]from"
    # French, Spanish, German: the same, in the words each language uses.
    r"|(?:habite|habites|habitent|habitons|vit|vis|vivent|né|née|nés|nées|toujours|encore|déjà|installée?s?|domiciliée?)[ ](?:à|en)"
    r"|(?:vien(?:s|t|nent)|originaires?|venue?s?|partie?s?|arrivée?s?)[ ](?:de|d['’]|à)"
    r"|(?:vivo|vive|vives|vivimos|viven|vivía|nací|nació|nacida|nacido|sigo|sigues|sigue|seguimos|estoy|estás|estamos"
    r"|resido|reside|residen)[ ]en"
    r"|(?:soy|somos|eres|vengo|viene|vienen|originari[oa]s?|oriund[oa]s?)[ ]de|(?:mud(?:é|ó|amos|aron)|lleg(?:ué|ó|amos|aron))[ ]a"
    # Not "bin in", "noch in": German capitalizes its nouns ("ich bin in Sorge", "wohnt ihr noch in Miete").
    r"|(?:wohne|wohnst|wohnt|wohnen|lebe|lebst|lebt|leben|geboren|aufgewachsen)[ ]in"
    r"|(?:komme|kommst|kommt|kommen|stamme|stammst|stammt|stammen)[ ]aus"
    r"|(?:fahre|fährst|fährt|fahren|fliege|fliegst|fliegt|fliegen|reise|reist|reisen|ziehe|ziehst|zieht|ziehen|zurück)"
    r"(?:[ ](?:morgen|heute|bald|jetzt|nächste[ ]woche|wieder))?[ ]nach"
    r")[ ])"
)
# Read from the end (REVERSE): a pattern anchored there fails at once elsewhere, 16 times faster than
# trying the whole alternation at every offset of the text before a name.
_PLACE_BEFORE = regex.compile(_PLACE_LEAD + r"\Z", regex.REVERSE)
# The last word of every lead, before a capital: where :func:`place_slot_starts` looks back for the rest.
_LEAD_END = regex.compile(r"(?<![\p{L}])(?:in|of|to|from|into|à|en|de|d['’]|a|aus|nach)[ ](?=\p{Lu})", regex.IGNORECASE)
# Right after a name, what says a place was meant: "nach Reda gezogen", "in Egtved geboren".
_PLACE_AFTER = regex.compile(r"[ ](?:gezogen|umgezogen|gefahren|geflogen|gereist|zurückgekehrt|geboren|aufgewachsen)\b")
# A firm's site named by its town: "transferred to our Tartu office", "the Lyon branch".
_SITE_BEFORE = regex.compile(r"(?i:(?<![\p{L}])(?:our|their|your|the|its)[ ])\Z", regex.REVERSE)
_SITE_AFTER = regex.compile(r"[ ](?:office|offices|branch|headquarters|campus|plant|factory|warehouse|depot|store|showroom|site)\b")
_NACH_IN = regex.compile(r"(?i:(?<![\p{L}])(?:nach|in)[ ])\Z", regex.REVERSE)
_PARTICIPLES = ("gezogen", "gefahren", "geflogen", "gereist", "zurückgekehrt", "geboren", "aufgewachsen")

# Right before a name, what only a person stands after.
_PERSON_BEFORE = regex.compile(
    r"(?i:(?<![\p{L}])(?:leave[ ]me|(?:had|has|have)[ ]given|directed[ ]by|starring|produced[ ]by|calls[ ]me|call[ ]me"
    r"|everyone[ ]calls[ ]me|married[ ]to|divorced[ ]from|son[ ]of|daughter[ ]of|wife[ ]of|husband[ ]of)[ ])\Z",
    regex.REVERSE,
)
# Right after a name, what only a person does or owns.
_PERSON_AFTER = regex.compile(
    r"(?:[ ](?:just|really|only|still)[ ](?:has|had|wants|needs)[ ]to|[ ](?:had|has)[ ]given"
    # Not "X's address", "X's account": things have them too ("Heroku's address for billing").
    r"|['’]s[ ](?:birthday|wife|husband|mother|father|son|daughter|girlfriend|boyfriend))\b"
)
# A name opening a text or line and spoken to: "Borna, can I please speak to your boss?".
_VOCATIVE_BEFORE = regex.compile(r"(?:\A|\n)[ \t]*\Z")
_VOCATIVE_AFTER = regex.compile(
    r",[ ](?:can|could|would|will|do|did|are|have|please|thanks|thank|i|we|you|listen|look|come)\b", regex.IGNORECASE
)


# A name greeted where a message or a line opens, with a pause after it: "Dear Paris,", "Hi Jordan,"
# "Thanks Florence:" (not "Hello Berlin!", a crowd greeted in a town; not "Greetings from ...").
_GREETING_OPENER = r"(?im:(?:^|[.!?][ ]+)[ \t>*-]*(?:dear|hi|hello|hey|thanks|thank[ ]you|cheers|good[ ](?:morning|afternoon|evening))[ ])"
_GREETED_END = r"[ \t]*(?:,|:|\n|\Z)"
_GREETED_BEFORE = regex.compile(_GREETING_OPENER + r"\Z", regex.REVERSE)
_GREETED_AFTER = regex.compile(_GREETED_END)
# What people are asked, called and met for, each with what follows the name: "please ask Georgia
# to call me", "call Dallas back", "I met Israel at the gym".
_DONE_TO_PERSON = (
    (regex.compile(r"(?i:(?<![\p{L}])(?:ask|asked|tell|told|remind|reminded|let|invite|invited|encourage|urge|allow)[ ])\Z", regex.REVERSE),
     regex.compile(r"[ ]to[ ]\p{Ll}")),
    (regex.compile(r"(?i:(?<![\p{L}])(?:call|ring|phone|text|email|e-mail|ping|message)[ ])\Z", regex.REVERSE),
     regex.compile(r"[ ](?:back|later|tomorrow|tonight|asap|now|again|when|if|about)\b")),
    (regex.compile(r"(?i:(?<![\p{L}])(?:i|we|you|he|she|they)[ ](?:met|meet|saw|see)[ ])\Z", regex.REVERSE),
     regex.compile(r"[ ](?:at|for|yesterday|today|last|this|after|before)[ ](?:the|a|lunch|dinner|coffee|night|week|weekend|work|school|yesterday|today|\p{Ll}+day)\b")),
)


def _done_to_person(text: str, start: int, end: int) -> bool:
    """Whether a name stands where people are asked, called or met. It only keeps a name found already
    from being read as a place: firms are e-mailed and called too ("I will email Accenture tomorrow")."""
    before = text[max(0, start - 24) : start]
    return any(lead.search(before) and after.match(text, end) for lead, after in _DONE_TO_PERSON)


# Of those, the ones after which a capitalized English dictionary word is a town too ("originally from
# Paterson"): where a person is from or lives. Not "still in" ("still in Love"), "based in" ("based in Common Sense").
_PLACE_BEFORE_STRONG = regex.compile(
    r"(?i:(?<![\p{L}])(?:originally[ ]from|hails[ ]from|(?:born|raised|grew[ ]up|li(?:ve|ves|ved|ving))[ ]in"
    r"|(?:mayor|outskirts|suburbs|town|city|village|municipality)[ ]of)[ ])\Z",
    regex.REVERSE,
)

# A name called at the end of a sentence: "Don't go to town, Lorraine!", "Where were you, Milan?".
_CALLED_BEFORE = regex.compile(r"\p{Ll},[ ]\Z")
_CALLED_AFTER = regex.compile(r"[!?](?:\s|\Z)")


# Leads that take a place, but a tool or a firm as often: "moved to Postgres", "I'm in Figma", "based in
# Common Sense". They only say which of a person's and a place's a name on the name lists is ("I'm in
# Amara", "we moved to Borges Grande"): see :func:`listed_name_in_place_slot`.
_PLACE_BEFORE_WEAK = regex.compile(
    r"(?i:(?<![\p{L}])(?:(?:moved|moving|relocated|relocating)[ ](?:back[ ])?to|(?:i'm|i’m|am|are|is|was|were|based)[ ]in)[ ])\Z",
    regex.REVERSE,
)


def listed_name_in_place_slot(text: str, start: int, end: int) -> bool:
    """Whether a name whose first word a given-name or family-name list holds stands in a place's slot,
    the weak leads too ("are you in Amara?", "we moved to Borges Grande")."""
    first = text[start:end].split(" ")[0]
    if first not in given_names() and first not in family_names():
        return False
    return place_slot(text, start, end) or (
        _PLACE_BEFORE_WEAK.search(text[max(0, start - 32) : start]) is not None and not text.startswith(("'s", "’s"), end)
    )


def place_slot(text: str, start: int, end: int, strong: bool = False) -> bool:
    """Whether the span ``start:end`` stands where only a place can: "are you still in Amara?",
    "the Mayor of Gorla", "ist nach Reda gezogen". ``strong``: only the phrases after which any
    capitalized word is a town ("originally from", "born in", "the mayor of")."""
    before = text[max(0, start - 32) : start]
    if strong:
        return _PLACE_BEFORE_STRONG.search(before) is not None
    if _PLACE_BEFORE.search(before):
        return not text.startswith(("'s", "’s"), end)  # "in Maria's flat": the owner, not the place
    if _SITE_BEFORE.search(before) and _SITE_AFTER.match(text, end):
        return True
    return bool(_NACH_IN.search(before) and _PLACE_AFTER.match(text, end))


# The next word of a town's name after a word of it: "Agia| Thekla", "Santa Lucía| del Este", "Solrød| Strand".
_TOWN_NEXT = regex.compile(
    r"[ -](?:(?:de|del|de la|de los|de las|do|dos|da|das|di|la|le|sur|on|upon|am|an der|nad|pod|pri|na|ob|im|bei)[ -])?(\p{Lu}[\p{Ll}'’]+)(?![\p{L}\d])"
)
# Capitalized words after a town that are no part of it: "I live in Oslo Monday to Friday".
_NOT_TOWN_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles
    jueves viernes sábado domingo montag dienstag mittwoch donnerstag freitag samstag sonntag""".split()
)


def town_end(text: str, end: int) -> int:
    """Where the town whose name a model cut at ``end`` ends: up to three capitalized words (with
    their particles) right after, but a day, a month or a function word."""
    for _ in range(3):
        word = _TOWN_NEXT.match(text, end)
        name = word.group(1).lower() if word else ""
        # After a particle a function word is a name's too: "Santa Lucía del Este".
        if word is None or name in _NOT_TOWN_WORDS or (name in stop_words() and word.start(1) == word.start() + 1):
            break
        end = word.end()
    return end


def place_slot_starts(text: str) -> List[Tuple[int, Optional[int]]]:
    """The offsets where a place's slot opens in ``text`` before a capital: right after each lead of
    :func:`place_slot`, looked for only where its last word stands ("in", "of", "à", "nach" ...); a
    German "nach"/"in" alone only in a text with a participle of moving or birth ("nach Reda gezogen").
    Each with ``None``, or with where its lead starts when it is one of the weak leads ("moved to",
    "I'm in", "based in"), which the caller weighs further."""
    participle = any(word in text for word in _PARTICIPLES)
    starts: List[Tuple[int, Optional[int]]] = []
    for match in _LEAD_END.finditer(text):
        at = max(0, match.end() - 40)
        before = text[at : match.end()]
        if _PLACE_BEFORE.search(before) or (participle and _NACH_IN.search(before)):
            starts.append((match.end(), None))
            continue
        weak = _PLACE_BEFORE_WEAK.search(before)
        if weak is not None:
            starts.append((match.end(), at + weak.start()))
    return starts


def person_slot(text: str, start: int, end: int) -> bool:
    """Whether the span ``start:end`` stands where only a person can: "leave me Milan, four hungry
    children", "but Selam just has to", "here's Valida's address", "Borna, can I ...". A country
    is never read as a person ("leave me Spain")."""
    if text[start:end].lower() in country_names():
        return False
    if _PERSON_BEFORE.search(text[max(0, start - 24) : start]) or _PERSON_AFTER.match(text, end):
        return True
    if _VOCATIVE_BEFORE.search(text[max(0, start - 8) : start]) and _VOCATIVE_AFTER.match(text, end):
        return True
    if _GREETED_BEFORE.search(text[max(0, start - 24) : start]) and _GREETED_AFTER.match(text, end):
        return True
    if _done_to_person(text, start, end):
        return True
    return bool(_CALLED_BEFORE.search(text[max(0, start - 4) : start]) and _CALLED_AFTER.match(text, end))


# Words that begin or end the names of firms, funds, banks, airlines and clubs, and that a place in
# such a name stands next to: "Banco Santander SA", "Tata Steel India Ltd", "Air France".
_ORGANIZATION_WORDS = frozenset(
    """ltd limited llc llp inc corp corporation co gmbh ag kg sa sas sarl srl spa plc nv bv ab oy asa pty
    fund funds etf etfs ucits trust bank banco banca banque bancorp airlines airways air holdings group insurance
    bancshares financial municipal fc cf real atlético atletico sporting olympique""".split()
)
# A word of a proper name as firms write them: capitalized, in capitals, a number, "&".
_NAME_TOKEN = regex.compile(r"[\p{Lu}\d&][\p{L}\d&'’.-]*")


def inside_organization(text: str, start: int, end: int) -> bool:
    """Whether the span ``start:end`` is one word of a longer proper name (the words around it on its
    line joined by single spaces, none lower case) that a word of firms begins or ends."""
    words: List[str] = []
    at = start
    while len(words) < 6 and at >= 2 and text[at - 1] == " ":
        left = text.rfind(" ", 0, at - 1) + 1
        left = max(left, text.rfind("\n", 0, at - 1) + 1)
        word = text[left : at - 1]
        if not _NAME_TOKEN.fullmatch(word):
            break
        words.append(word)
        at = left
    at = end
    while len(words) < 12 and text[at : at + 1] == " ":
        match = _NAME_TOKEN.match(text, at + 1)
        if match is None or (match.end() < len(text) and text[match.end()] not in " .,;:!?)\n"):
            break
        words.append(match.group())
        at = match.end()
    return any(w.rstrip(".").lower() in _ORGANIZATION_WORDS for w in words)


_CAP_NAME = r"(\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?)"
# The slots of :func:`person_slot` as scans for the name in each, each run only on a text with its
# literal words in it (see :func:`person_slot_names`).
_PERSON_SLOT_SCANS = (
    (("leave me", "given", "directed by", "starring", "produced by", "call me", "calls me", "married to"), regex.compile(
        r"(?i:(?<![\p{L}])(?:leave[ ]me|(?:had|has|have)[ ]given|directed[ ]by|starring|produced[ ]by|calls[ ]me|call[ ]me"
        r"|married[ ]to)[ ])" + _CAP_NAME + r"(?![\p{L}\d])"
    )),
    # Not "X's address" alone: "Here is Heroku's address for billing" (it only retypes a name found already).
    (("has to", "had to", "wants to", "needs to", "given"), regex.compile(
        r"(?<![\p{L}\d'’-])" + _CAP_NAME + r"(?=[ ](?:just|really|only|still)[ ](?:has|had|wants|needs)[ ]to\b|[ ](?:had|has)[ ]given\b)"
    )),
    ((", can", ", could", ", would", ", will", ", do", ", did", ", are", ", have", ", please"), regex.compile(
        r"(?m:^[ \t]*)" + _CAP_NAME + r"(?=,[ ](?i:can|could|would|will|do|did|are|have|please)\b)"
    )),
    (("!", "?"), regex.compile(r"\p{Ll},[ ]" + _CAP_NAME + r"(?=[!?](?:\s|\Z))")),
    (("dear", "hi ", "hello", "hey", "thank", "cheers", "good "), regex.compile(_GREETING_OPENER + _CAP_NAME + r"(?=" + _GREETED_END + r")")),
)  # fmt: skip


def person_slot_names(text: str) -> Iterator[Tuple[int, int]]:
    """``(start, end)`` of each capitalized word standing where only a person can (see :func:`person_slot`)."""
    lower = None
    for words, scan in _PERSON_SLOT_SCANS:
        if lower is None:
            lower = text.lower()
        if not any(word in lower for word in words):
            continue
        for match in scan.finditer(text):
            if match.group(1).lower() not in country_names():
                yield match.span(1)


# What a country's name qualifies when it stands for a nationality: "the Brazil government", "a 1991
# Brazil action-comedy film", "the Mexico national team".
_NATIONALITY_NOUN = regex.compile(
    r"[ ](?:[\p{Ll}-]+[ ]){0,2}(?:government|governments|film|films|movie|movies|series|documentary|cuisine|embassy|consulate"
    r"|parliament|army|navy|president|prime[ ]minister|national[ ]team|squad|authorities)\b"
)


def nationality(text: str, start: int, end: int) -> bool:
    """Whether the country ``start:end`` qualifies a government, a film, a cuisine (a nationality, no place)."""
    return text[start:end].lower() in country_names() and _NATIONALITY_NOUN.match(text, end) is not None
