"""spaCy's named entities, cleaned of what a small model gets wrong around them.

Small models often stretch an entity over neighbouring words ("Sure John
Smith", "Dr. Emily Chen's"), tag acronyms as organizations ("SSN", "IBAN"),
capitalized ordinary words as people ("Reset the Password"), and pieces of
e-mail addresses or card numbers as names or dates. This recognizer trims
greetings, titles, fillers, punctuation and possessives off each entity, and
drops what is left when it cannot be a name or a place. Pattern recognizers
still win where they overlap an entity (see :func:`pii_rails.engine.resolve_overlaps`).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Dict, FrozenSet, List, Optional

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from pii_rails.detection import lowercase, nlp
from pii_rails.detection.predefined.slots import inside_organization, listed_name_in_place_slot, nationality, person_slot, place_slot, town_end
from pii_rails.detection.predefined.lexicon import TITLES, TOWN_FIRST_WORDS, AMBIGUOUS_NAMES, AMBIGUOUS_PLACES, country_names, family_names, given_names, is_common_word, is_word, language_words, place_names

# Words that precede or follow a name without being part of it.
NOISE_WORDS = frozenset(
    """sure ok okay yes yeah yep no nope hi hello hey dear thanks thank please welcome greetings cheers regards
    sincerely best bye goodbye morning afternoon evening good great so well oh ah um uh and or but also then
    bonjour salut merci bonsoir hola gracias buenos buenas hallo danke guten liebe lieber ciao grazie
    patient customer client user agent employee nurse doctor colleague manager contact name the a an
    from to with for by at in on of via per as re fwd fw cc bcc
    daughter son wife husband mother father mom mum dad brother sister spouse partner grandson granddaughter
    niece nephew cousin aunt uncle fille fils femme mari mère père frère sœur hija hijo esposa esposo madre padre
    tochter sohn frau ehemann mutter vater bruder schwester""".split()
) | {title.lower().rstrip(".") for title in TITLES}

# Lower-case particles that begin or end a span only by mistake ("de Lille", "Maurice Morin de").
LOWER_PARTICLES = frozenset("de du des d' von vom aus nach zu zum zur bei à au aux en el la le les del y of".split())

# Lower-case words that may stand inside a name: "Ludwig van Beethoven", "María de la Cruz".
NAME_PARTICLES = frozenset("van der den de la le du des da di del dos das von vom zu y e bin ibn al el ter ten dela della delle degli do bint ap".split())

# Capitalized words a small model mistakes for names or places on their own.
NOT_NAMES = frozenset(
    """password passwords reset account accounts order orders sequence interaction user users bot assistant
    customer support admin administrator service system message messages email mail phone address card
    credit debit number name names date time today tomorrow yesterday note notes summary subject title
    hello thanks thank welcome dear please sure ok okay yes no hi hey team everyone all none null true false
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december spring summer autumn winter
    ssn dob mrn iban bic swift pin cvv cvc otp mfa api url ip id vpn sms pdf csv json xml http https www
    faq asap fyi eta tbd n/a usa uk eu
    input output context question answer instruction instructions request response chat conversation
    bank insurance policy claim invoice payment refund ticket case report record records file files
    patient doctor nurse hospital clinic pharmacy street avenue road city state country zip postcode
    mom mum dad mother father grandma grandpa granny grandmother grandfather sister brother aunt uncle wife husband
    son daughter baby honey darling boss sir madam driver drivers passport license licence visa
    beneficiary applicant holder owner sender recipient marketing sales finance legal engineering billing
    operations security compliance procurement accounting payroll reception i i'd i'm i'll i've i’d i’m""".split()
) | frozenset(
    # Abbreviated field labels of forms and signatures ("Tél. :", "Réf.", "Nº", "Tfno.", "Str."), which
    # a model reads as a place or a name when the colon or the value is missing.
    "tél tel tél. tel. tfno tlf telf fax mob mobil portable réf ref nº n° núm num nr str bzw ust".split()
)

_TOWN_WORD_BEFORE = regex.compile(r"(?<![\p{L}])(\p{Lu}\p{Ll}+)[ ]\Z")
_PARTICLE_TAIL = regex.compile(
    r"(?:[ ](?:van der|van den|van de|von der|de la|de los|de las|dela|della|delle|degli|da|de|del|di|do|dos|das|du|van|von|"
    r"ter|ten|bin|ibn|bint|al|el|le|la|Ní|Nic|Mac|Ó|Ua|ap))+[ ]\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?"
    r"(?:[ ]\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?)?"
)
# Last words of company and department names.
BUSINESS_WORDS = frozenset(
    """ltd ltd. limited llc llp inc inc. corp corp. corporation co co. company gmbh ag kg ohg ug sarl sas sa srl spa
    bv nv plc pty oy ab group holdings partners associates services solutions systems technologies labs consulting
    dental clinic clinics hospital pharmacy medical health healthcare bank insurance logistics freight transport
    foods supplies supply industries manufacturing studio studios agency receivable payable department dept
    desk office team school academy university college foundation trust
    oyj oy nyrt zrt kft hf ehf aps ltda d.d d.o.o a.s s.r.o s.p.a""".split()
)
_TABLE_RULE = regex.compile(r"^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*(?::?-{2,}:?[ \t]*)?$", regex.MULTILINE)
# A field label or speaker at a line start: "Bed:", "Role:", "[00:01] Caller:".
_LABEL_START = regex.compile(r"(?:^|\n)[ \t>*#-]*(?:\[[\d:.]+\][ \t]*)?\Z")


# One more capitalized word after a full name, and then no capitalized word: "Benek Arıpınar| Akça wrote".
_NEXT_SURNAME = regex.compile(r"[ ](\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\d'’.-]|[ ]\p{Lu}|[ ]&)")


# The last words of streets' names that no family-name list holds (those people are named too,
# "Lane", "Hill", "Park", "Ford", are left out at run time): "Andrea Place", "Azevedo Inlet".
_STREET_TYPE_WORDS = frozenset(
    """via place port inlet loaf springs forks burg burgs stravenue trafficway turnpike underpass overpass expressway freeway
    skyway parkway viaduct crossroad crossroads causeway bypass radial plains prairie estates junction landing manor manors
    oval ramp route shoals shores spur spurs squares station stream summit terrace trace tunnel valley valleys vista gateway
    extension harbor harbors haven heights highway hollow island islands isle knolls lake lakes lodge loop mission motorway
    neck pass passage path points ports rapids river road avenue drive court crescent circle cove coves creek crest curve
    divide canyon cape cliffs corners commons course center camp alley track trail unions village villages views walks
    wharf quay parade boulevard square grove groves gardens mews crossing fords forest forges fork fort glen glens greens
    keys lights locks meadow mount mountains pines plain shoal spring yard yards vale wynd bluff bluffs bend bayou annex
    arcade flats estate falls ridges""".split()
)


def _street_named_like_person(text: str, start: int, end: int) -> bool:
    """Whether a "name" ends in a kind of street that is no family or given name ("Weöres Hills" is not: "Hills" is a surname)."""
    words = text[start:end].split()
    last = words[-1]
    return (
        len(words) >= 2 and last[:1].isupper() and not last.isupper() and last.lower() in _STREET_TYPE_WORDS
        and last not in family_names() and last not in given_names()
    )  # fmt: skip


def _second_surname_end(text: str, start: int, end: int) -> int:
    """Where a full name a small model cut before its last surname ends: "Sanja Ladislav| Logar",
    "Ana Paula Ribeiro| Cardoso". Only after two name words or more, a known family name or a word
    no dictionary, place list or firm's legal form holds; not in text about software."""
    if len(text[start:end].split()) < 2 or text[start:end].isupper():
        return end
    nxt = _NEXT_SURNAME.match(text, end)
    if nxt is None:
        return end
    word = nxt.group(1)
    if word.lower() in NOT_NAMES or word.lower() in NOISE_WORDS or word.lower() in BUSINESS_WORDS or word in place_names():
        return end
    if word in family_names() and not is_common_word(word):
        return nxt.end(1)
    if is_common_word(word) or word in given_names() and word not in family_names() or technical(text):
        return end
    return nxt.end(1)


def _given_name_not_place(value: str) -> bool:
    first = value.split()[0].strip(_TRIM)
    return first in given_names() and value not in place_names() and first not in place_names()


# What is said of a person and never of a town or a company right after a name: "Selam's wife"
# (not "address" or "account": "Heroku's address for billing").
_PERSONAL_AFTER = regex.compile(
    r"['’]s[ ](?:wife|husband|partner|mother|father|mum|mom|dad|son|daughter|brother|sister|parents|family|friend|boss|birthday"
    r"|girlfriend|boyfriend|colleague|kids|children|keys|wallet|passport|house|flat|apartment|bedroom|salary|funeral|wedding)\b"
)


def _unlisted_place_of_a_person(text: str, start: int, end: int) -> bool:
    """A one-word "place" no place list knows, next to words said only of people: "approved by
    Ligio", "tell Szemere", "Valida's husband", "Borislava said" (a small model takes many
    given names of other countries for towns)."""
    value = text[start:end]
    if " " in value or value in place_names() or value.lower() in country_names() or is_common_word(value):
        return False
    return bool(
        _PERSON_BEFORE.search(text[max(0, start - 24) : start]) or _HUMAN_VERB.match(text, end) or _PERSONAL_AFTER.match(text, end)
        or _role_before(text, start)
    )


def _family_name_not_place(text: str, start: int, end: int) -> bool:
    """A one-word "place" that a family-name list holds and no place list does, where nothing says a
    place is meant (no "in", "from", "to" right before, no capitalized word next to it): "than early
    Koenig?", "leave me Tanguay". A small model takes many surnames of other countries for towns."""
    value = text[start:end]
    if " " in value or value not in family_names() or value in place_names() or value.lower() in country_names():
        return False
    if is_common_word(value) or _LOCATIVE.search(text, max(0, start - 16), start):
        return False
    return not (_WORD_BEFORE.search(text, max(0, start - 30), max(0, start - 1)) and text[start - 1 : start] == " ") and not regex.match(
        r"[ ,]+\p{Lu}", text[end : end + 3]
    )


def _role_before(text: str, start: int) -> bool:
    """Whether a role stands right before ``start`` like a title: "Nurse Adeyemi", "Coach Petrov"."""
    word = _TOWN_WORD_BEFORE.search(text, max(0, start - 16), start)
    return word is not None and word.group(1).lower() in _ROLE_WORDS


def _table_headers(text: str) -> List[tuple]:
    """``(start, end)`` of the header rows of Markdown tables (the line above a ``|---|`` rule)."""
    spans = []
    for rule in _TABLE_RULE.finditer(text):
        end = rule.start() - 1
        if end <= 0:
            continue
        start = text.rfind("\n", 0, end) + 1
        if "|" in text[start:end]:
            spans.append((start, end))
    return spans


def _is_label(text: str, entity_type: str, start: int, end: int) -> bool:
    """A single word at a line start right before a colon is a field label, unless it is a known given name."""
    # "Tél. :", "Réf.:" — an abbreviated label keeps its period before the colon.
    if not regex.match(r"\.?[ \t\u00a0]?:", text[end : end + 3]) or " " in text[start:end].strip():
        return False
    if not _LABEL_START.search(text[max(0, start - 40) : start]):
        return False
    word = text[start:end]
    return not (entity_type == "PERSON" and (word in given_names() or word.title() in given_names()))


_TRIM = "\"'“”‘’«»()[]{}<>,;:!?*#|/\\-–—_~`.^"
_POSSESSIVE = regex.compile(r"(?:['’]s|['’])$", regex.IGNORECASE)
# A surname joined to its lower-case particle: "al-Rashid", "el-Amin", "d'Almeida", "ben-Ami".
_PREFIXED_SURNAME = regex.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|bin|ben|bint|ibn|abu|d|l|dell)['’-]\p{Lu}\p{Ll}")
_HAS_LETTER = regex.compile(r"\p{L}")
_HAS_UPPER = regex.compile(r"\p{Lu}")
_NOT_A_NAME = regex.compile(r"@|://|www\.|\d|[_=+$%&*]")

# Texts longer than this get their tags from windows of TAG_WINDOW characters
# around each one-word candidate (each side), not from the whole text.
WHOLE_TEXT_TAGS = 2_000
TAG_WINDOW = 500


def _tag(doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return ""
    return span[0].pos_


def _windows(text: str, spans: List[tuple], margin: int) -> List[tuple]:
    """``(start, end, spans inside)`` of merged windows reaching ``margin`` characters
    beyond each span, widened to the nearest space or line break."""
    windows: List[list] = []
    for span in sorted(spans):
        w0 = max(0, span[0] - margin)
        w1 = min(len(text), span[1] + margin)
        cut = max(text.rfind("\n", 0, w0 + 1), text.rfind(" ", 0, w0 + 1))
        w0 = cut + 1 if cut > 0 else 0
        w1 = min((i for i in (text.find("\n", w1), text.find(" ", w1)) if i != -1), default=len(text))
        if windows and w0 <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], w1)
            windows[-1][2].append(span)
        else:
            windows.append([w0, w1, [span]])
    return [tuple(w) for w in windows]


# A capital after a lower-case letter inside a word: "GraalPy", "MarkupSafe", "NetBSD"; names
# have one only after these prefixes ("McDonald", "MacLeod", "DeShawn", "LaToya", "O'Neil").
_INNER_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}")
_NAME_PREFIX = regex.compile(r"^(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Van|Von|St)\p{Lu}\p{Ll}+$")


def camel_case(word: str) -> bool:
    """Whether ``word`` has a capital inside it the way product names do, not names ("GraalPy", not "McDonald")."""
    return bool(_INNER_CAPITAL.search(word) and not _NAME_PREFIX.match(word))


_ACRONYM_WORD = regex.compile(r"^\p{Lu}{2,}\p{Ll}{2,}")  # "MLflow", "PDFium", "JSONSchema"
_DOTTED = regex.compile(r"\p{L}\.\p{L}{2,}")  # "LICENSE.APACHE", "setup.py"
_DETERMINER = regex.compile(
    r"(?i:\b(?:the|a|an|each|every|this|that|these|those|our|your|its|their|le|la|les|un|une|ce|cette|el|los|las|una|este|esta"
    r"|der|die|das|den|dem|des|ein|eine|einen|jede[rsnm]?)\s+)\Z"
)
_LOCATIVE = regex.compile(
    r"(?i:\b(?:in|from|to|near|at|into|around|across|outside|toward|towards|visit|visiting|based|born|lives|live|moved"
    r"|à|en|de|depuis|vers|près|a|desde|hacia|cerca|nach|aus|bei|nahe|von)[ ])(?:the[ ])?\Z"
)


_CELL_START = regex.compile(r"(?:^|\n|[|\t])[ \t]*\Z")  # a table cell or field: "| Plymouth |"


def _PLURAL_OF_COMMON(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss") and is_common_word(word[:-1])


_HUMAN_VERB = regex.compile(
    r"[ ](?:said|says|asked|asks|told|tells|wrote|writes|replied|replies|called|calls|phoned|texted|emailed|e-mailed"
    r"|messaged|signed|met|thinks|thought|wants|wanted|agreed|complained|explained|promised|apologi[sz]ed"
    r"|a dit|a appelé|a écrit|a rappelé|a téléphoné|a demandé|a répondu|a signé|a envoyé|a confirmé|a signalé"
    r"|dijo|llamó|escribió|preguntó|respondió|firmó|envió|confirmó|sagte|rief|schrieb|fragte|antwortete|unterschrieb|bestätigte)\b"
)
# "Python 3.12", "Grafana v10", "Pink Floyd (v2)": a version number follows things, never people.
_VERSION_AFTER = regex.compile(r"\A[ \t]?(?:v?\d+(?:\.\d+)+|\(?v\d+(?:\.\d+)*\b)")


# Words of software writing: a text using two of them (or one with code in it) is about tools.
# There, a capitalized word no name list knows ("Emacs", "Kubernetes", "Tidelift") is far more
# often a product than a person, so a name needs a sign of a person. Only words that business,
# medical or personal mail rarely uses: not "code", "app", "account", "version".
_TECH_WORDS = regex.compile(
    r"(?i)(?<![\w-])(?:apis?|sdks?|cli|gui|librar(?:y|ies)|packages?|modules?|functions?|methods?|frameworks?|plugins?|plug-ins?"
    r"|extensions?|compil(?:er|ers|e|ed|es|ing)|interpreters?|runtimes?|repositor(?:y|ies)|repos?|pars(?:er|ers|ing)|syntax"
    r"|json|yaml|xml|html|css|sql|jvm|http|implementations?|install(?:s|ed|ing|ation)?|pip|npm|editors?|editing|codebase"
    r"|documentation|docs|dependenc(?:y|ies)|threads?|async|asynchronous|coroutines?|objects?|instances?|arguments?"
    r"|parameters?|attributes?|variables?|integers?|strings?|buffers?|protocols?|markup|config|configuration|commands?"
    r"|terminal|shell|kernel|linux|macos|unix|windows|firmware|software|open[ -]source|deploy(?:s|ed|ment)?|containers?"
    r"|clusters?|backend|frontend|binar(?:y|ies)|scripts?|debug(?:ger|ging)?|bugs?|changelog|github|gitlab|pypi"
    r"|javascript|typescript|regex|schemas?|encod(?:er|ers|ings?)|decod(?:er|ers|ings?)|tokeni[sz]ers?|datasets?|benchmarks?|cpus?|gpus?|templates?|widgets?"
    r"|licen[cs]e[ed]?|licensor|warrant(?:y|ies)|redistribution|source code|arrays?|tuples?|enums?|boolean|null|runtime"
    r"|descriptors?|serializ(?:e|ed|ation)|pythonic|python|java|rust|golang|vim|emacs|git|docker|pull requests?|ci/cd"
    # French, Spanish and German: the same kind of words, where the English ones are not shared
    # already ("modules", "documentation", "configuration", "plugins" are). Not "paquet", "fichier",
    # "commande", "serveur", "Datei": parcels, attachments, orders and waiters are everyday mail.
    r"|logiciels?|compilateurs?|interpréteurs?|syntaxe|navigateurs?|greffons?|dépendances?|bibliothèques?|paramètres?"
    r"|noyau|encodage|métadonnées|ligne de commande|système d['’]exploitation|code source|dépôts? git|chaînes? de caractères"
    r"|bibliotecas?|paquetes?|compiladores?|intérpretes?|sintaxis|navegadores?|dependencias?|parámetros?|argumentos?"
    r"|repositorios?|metadatos|codificación|línea de órdenes|línea de comandos|sistema operativo|código fuente|cadenas? de caracteres"
    r"|bibliothek(?:en)?|pakete|paketquellen?|paketverwaltung|compilers?|interpreters?|abhängigkeiten|kodierung|zeichenketten?"
    r"|befehlszeile|kommandozeile|betriebssystem|quellcode|metadaten|konfigurationsdatei(?:en)?|verzeichnisse?)(?![\w-])"
)
# Code in the text: an inline code span, a call, a private name (``_DefaultLifespan``), a dotted
# name with a class after the dot, an UpperCamelCase word. Not snake_case or lowerCamelCase: those are the field names of data
# exports and logs ("first_name", "lastName"), which hold names rather than products.
_CODE_SHAPE = regex.compile(r"`[^`\n]+`|\w\(\)|(?<![\w@.])__?\p{L}\w*[\p{Ll}\d]\w*|\b\p{Ll}+\.\p{Lu}\p{Ll}+|(?<![\w'’])\p{Lu}\p{Ll}+\p{Lu}\p{L}*|\b\p{Lu}{2,}\p{Ll}{2,}")


# Several recognizers ask it of the same text, one after another: the answers of the last few
# texts are kept, by digest, so no text outlives its analysis here (an lru_cache on the text
# would keep the last messages in memory for as long as the process runs).
_TECHNICAL_SEEN: "OrderedDict[bytes, bool]" = OrderedDict()
_TECHNICAL_KEPT = 16
_TECHNICAL_LOCK = threading.Lock()


def technical(text: str) -> bool:
    """Whether ``text`` reads as writing about software: two different signs of it."""
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    with _TECHNICAL_LOCK:
        known = _TECHNICAL_SEEN.get(key)
    if known is None:
        known = _technical(text)
        with _TECHNICAL_LOCK:
            _TECHNICAL_SEEN[key] = known
            while len(_TECHNICAL_SEEN) > _TECHNICAL_KEPT:
                _TECHNICAL_SEEN.popitem(last=False)
    return known


def _technical(text: str) -> bool:
    signs = set()
    for match in _TECH_WORDS.finditer(text):
        signs.add(match.group().lower())
        if len(signs) >= 2:
            return True
    for match in _CODE_SHAPE.finditer(text):
        word = match.group()
        if _NAME_PREFIX.match(word):
            continue  # "McDonald", "DeShawn": names, not code
        signs.add(word)
        if len(signs) >= 2:
            return True
    return False


# Words before a name that say a person is meant: greetings, titles, introductions, requests.
_PERSON_BEFORE = regex.compile(
    r"(?i:\b(?:hi|hello|hey|dear|thanks|thank you|cheers|regards|sincerely|my name is|name is|i am|i'm|i’m|this is|named"
    r"|ask|asked|tell|told|contact|contacted|email|e-mail|ping|cc|meet|met|thanks to|customer|client|patient"
    r"|(?:written|authored|reported|signed|approved|reviewed|sent|assigned|requested|submitted|filed|raised|opened) by"
    r"|colleague|manager|agent"
    r"|bonjour|salut|merci|cher|chère|je suis|je m['’]appelle|demandez à|contactez|écrit par|signalé par|envoyé par"
    r"|hola|gracias|querid[oa]|estimad[oa]|soy|me llamo|pregunta a|pregunte a|contacte con|escrito por|reportado por|enviado por"
    r"|hallo|danke|liebe|lieber|ich bin|ich heiße|fragen sie|kontaktieren sie|geschrieben von|gemeldet von|gesendet von|"
    + "|".join(regex.escape(t.lower()) for t in TITLES) + r")\W{0,3})\Z"
)
# Pronouns of a person soon after: "Wilma ... she".
_PRONOUN_AFTER = regex.compile(r"(?i)\b(?:he|she|his|her|him|hers|himself|herself)\b")
# Things a name can be in apposition to: "the band Wilco", "the library Blis", "the editor Vim".
_THING_NOUN = regex.compile(
    r"(?i:\b(?:the|a|an|our|their|its|my|your)[ ](?:\w+[ ])?(?:band|group|library|package|tool|framework|app|application|editor"
    r"|language|project|format|company|brand|game|album|film|movie|show|series|song|product|service|platform|module"
    r"|plugin|extension|engine|browser|database|distribution|distro|font|typeface|club|restaurant|hotel|shop|store|ship"
    r"|boat|model|device|software|program|crate|website|site|podcast|magazine|newspaper|channel|label|firm|startup"
    r"|vendor|provider|compiler|interpreter|shell|protocol|standard|system|command|utility|theme|dataset|opener)[ ])\Z"
)
_STRONG_LOCATIVE = regex.compile(
    r"(?i:\b(?:near|visit|visiting|visited|based in|born in|lives in|live in|living in|lived in|moved to|move to|located in"
    r"|headquartered in|flew to|fly to|flying to|travel(?:l?ed|l?ing)? to|trip to|office in|offices in|city of|town of"
    r"|village of|arrived in|arrive in)[ ](?:the[ ])?)\Z"
)
_COORDINATED = regex.compile(r"(?:,|[ ](?:and|or|und|oder|et|ou|y|o))[ ]\Z")
_COORDINATED_AFTER = regex.compile(r"\A(?:,[ ]|[ ](?:and|or|und|oder|et|ou|y|o)[ ])(?:the[ ])?(\p{Lu}[\p{L}\d+#.-]*)")
_WORD_BEFORE = regex.compile(r"(\p{Lu}[\p{L}\d+#.-]*)\Z")


def _thing_like(word: str) -> bool:
    """A capitalized word that names a thing, not a person: a dictionary word (no list's name) or CamelCase."""
    word = word.strip(_TRIM)
    if not word or word in given_names() or word in place_names() or word in family_names():
        return False  # WordNet holds many towns and people ("Edinburgh", "Einstein"): a list says otherwise
    # Not capitals alone: "I", "MD", "RN", "G." stand beside people's names.
    return is_common_word(word) and not word.isupper() or camel_case(word)


def _person_sign(text: str, start: int, end: int) -> bool:
    """Whether the words around a name say a person is meant."""
    if _PERSON_BEFORE.search(text[max(0, start - 24) : start]) or _HUMAN_VERB.match(text, end):
        return True
    if _person_field(text, start):
        return True
    return bool(_PRONOUN_AFTER.search(text[end : end + 80]))


# Keys and column headers whose values are people: "last_name", "Customer", "author".
_PERSON_KEY = regex.compile(
    r"(?i)name|first|last|given|family|surname|nom|nombre|apellido|vorname|contact|customer|client|owner|holder|author"
    r"|employee|patient|user|member|sender|recipient|person|people|staff|driver|tenant|guest|assignee|reporter|manager"
)
_KEY_BEFORE = regex.compile(r"""["']?([\w .-]{1,30})["']?[ \t]*(?::|=>|=)[ \t]*["']?\Z""")


def _person_field(text: str, start: int) -> bool:
    """Whether the value at ``start`` is under a key or table column that names a person."""
    key = _KEY_BEFORE.search(text[max(0, start - 40) : start])
    if key and _PERSON_KEY.search(key.group(1)):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    for delimiter in (",", "\t", ";", "|"):
        if delimiter not in line:
            continue
        column = text[line_start:start].count(delimiter)
        header_end = text.find("\n")
        if header_end == -1 or header_end >= line_start:
            return False  # the value is on the first line: no header above it
        header = text[:header_end].split(delimiter)
        return column < len(header) and bool(_PERSON_KEY.search(header[column]))
    return False


def _unknown_in_technical_text(
    text: str, entity_type: str, start: int, end: int, is_technical: bool, language: str = "en", pipeline=None
) -> bool:
    """Whether a NER name or place that no name list knows reads as a product (see :func:`technical`).

    Everywhere: a name in apposition to a thing ("the band Wilco") or listed with things ("Vim or
    Emacs", "Chocolatey and Scoop"). In technical text: a word no list of given names, family names
    or places knows, with no sign of a person next to it (a greeting, title, introduction, a verb
    only people do, a pronoun after, a key or column naming a person); a place after a word that
    leads to places only in the weak sense ("in Python", "on Github") too.
    """
    value = text[start:end]
    words = [w.strip(_TRIM) for w in value.split()]
    if any(w in given_names() for w in words) or entity_type == "LOCATION" and (value in place_names() or any(w in place_names() for w in words)):
        return False
    if entity_type == "PERSON" and any(w in family_names() and not is_common_word(w) for w in words):
        return False  # a family name tagged as a place ("from Jenkins to Buildkite") is no place
    if entity_type == "PERSON" and _role_before(text, start):
        return False  # "Officer Diaz and Detective Moreau": people, listed with people
    if entity_type == "PERSON":
        before = text[max(0, start - 40) : start]
        if _THING_NOUN.search(before):
            return True
        joined = _COORDINATED.search(before)
        neighbours = [
            _WORD_BEFORE.search(before[: joined.start()]) if joined else None,
            _COORDINATED_AFTER.match(text[end : end + 40]),
        ]
        if any(n is not None and _thing_like(n.group(1)) for n in neighbours):
            return True
    if not is_technical:
        return False
    if entity_type == "LOCATION" and language == "en":
        return not _STRONG_LOCATIVE.search(text[max(0, start - 24) : start])
    if entity_type == "LOCATION" and _STRONG_LOCATIVE.search(text[max(0, start - 24) : start]):
        return False
    # Outside English the NER often tags a full name as a place ("Merci à Gwendal Le Goff"): read a
    # place of two unknown capitalized words like a name. Particles and the language's own words
    # decide, not the English word index.
    if language != "en":
        content = [w for w in words if w not in NAME_PARTICLES and w.lower() not in LOWER_PARTICLES]
        if len(content) > 1 and not any(is_word(w, language) or pipeline_word(pipeline, w) or w.isupper() for w in content):
            return False
        return not _person_sign(text, start, end)
    if len(words) > 1 and not any(is_common_word(w) or w.isupper() for w in words):
        return False  # two unknown capitalized words read as a full name even in technical text
    return not _person_sign(text, start, end)


# Methods, checks, standards and laws named after a person ("contrôle de Luhn", "the Luhn check",
# "algoritmo de Dijkstra", "Levenshtein-Distanz"): the name stands for the thing, in every language.
_EPONYM_BEFORE = regex.compile(
    r"(?i:\b(?:algorithm|algorithme|algoritmo|algorithmus|check|contrôle|control|comprobación|prüfung|test|clé|clave"
    r"|formule|fórmula|formel|norme|norma|théorème|teorema|méthode|método|methode|verfahren|loi|ley|gesetz|law|chiffre"
    r"|cifrado|distribution|distribución|verteilung|distance|distancia|distanz|somme|suma|code|código|prueba|chiffrement"
    r"|codage|codificación|kodierung|transformée|transformada)[ ](?:de|du|d['’]|del|of|von|nach)[ ]?)\Z"
)
_EPONYM_AFTER = regex.compile(
    r"(?i:\A[ -](?:algorithm|algorithmus|check|checksum|prüfsumme|prüfung|code|test|cipher|distribution|verteilung|formula"
    r"|formel|theorem|method|verfahren|transform|distance|distanz|number|zahl|key|schlüssel)s?\b)"
)
# Key combinations and a capitals abbreviation joined to a lower-case word ("Ctrl-D", "Strg+C",
# "SE-environnement"): places and names join capitalized parts ("Cluj-Napoca", "Jean-Luc").
_COMPOUND_THING = regex.compile(r"^(?:(?:Ctrl|Strg|Alt|AltGr|Shift|Umschalt|Maj|Cmd|Fn|Esc|Tab|Win)[-+]|\p{Lu}{2,}-\p{Ll})")


def _eponym(text: str, start: int, end: int) -> bool:
    """Whether a name names a method, check or standard after its inventor ("contrôle de Luhn")."""
    value = text[start:end].strip(_TRIM)
    if value in place_names() or value in given_names():
        return False
    return bool(_EPONYM_BEFORE.search(text[max(0, start - 24) : start]) or _EPONYM_AFTER.match(text[end : end + 16]))


# Where a sentence starts: the text's start, a line, a tab (a help table's second column), or after
# the end of the previous sentence or clause. Not after a colon: what follows "conjoint :" is a
# field's value, and field values are where names stand.
_SENTENCE_START = regex.compile(r"(?:\A|[\n\t]|[.!?;…»][ \t]+)[ \t>*#\-–—(\[«\"“]*\Z")


def pipeline_word(pipeline, word: str) -> bool:
    """Whether ``word`` (lower-cased) is a word form the pipeline's lemmatizer tables know.

    ``fr_core_news_sm`` ships 216,000 French forms with its rule lemmatizer, verbs in every person
    ("tapez", "utilisez"), already in memory once the pipeline is loaded; a pipeline without
    such tables knows nothing here.
    """
    try:
        lookups = pipeline.get_pipe("lemmatizer").lookups
    except Exception:
        return False
    lower = word.lower()
    if lookups.has_table("lemma_lookup") and lower in lookups.get_table("lemma_lookup"):
        return True
    return lower in _index_words(lookups)


_INDEX_WORDS: Dict[int, FrozenSet[str]] = {}


def _index_words(lookups) -> FrozenSet[str]:
    """The base forms of a lemmatizer's ``lemma_index`` table ("claire", "petit"), as one set per table."""
    key = id(lookups)
    if key not in _INDEX_WORDS:
        words: set = set()
        if lookups.has_table("lemma_index"):
            for values in lookups.get_table("lemma_index").values():
                words.update(values)
        _INDEX_WORDS[key] = frozenset(words)
    return _INDEX_WORDS[key]


def _sentence_initial_word(text: str, language: str, start: int, end: int, pipeline) -> bool:
    """Whether a one-word NER name or place outside English is just the capitalized first word of a
    sentence: a dictionary word of the language ("Tapez", "Utilisez", "Claire et nette") that no list
    of given names, family names or places holds, with no sign of a person next to it."""
    word = text[start:end]
    if " " in word or language == "en" or not _SENTENCE_START.search(text[max(0, start - 8) : start]):
        return False
    bare = word.strip(_TRIM)
    if bare in given_names() or bare in family_names() or bare in place_names():
        return False
    if not (bare.lower() in language_words(language) or bare.lower() in AMBIGUOUS_NAMES or pipeline_word(pipeline, bare)):
        return False
    return not _person_sign(text, start, end)


# The legal form of a firm after its name; short ones in capitals only ("SE", not Spanish "se").
LEGAL_FORM_AFTER = regex.compile(
    r"(?:['’]s)?,?[ ](?:(?i:ltd|limited|llc|llp|inc|incorporated|corp|corporation|gmbh|plc|holdings|s\.a\.|n\.v\.|b\.v\.)|SE|AG|KG|SA|NV|BV|AB|ASA|OY|OYJ|SpA|SRL|SAS|SARL|PTY"
    # ... and those of Central and Northern Europe and Latin America: "Richter Gedeon Nyrt.", "Norðurál hf.", "Krka d.d.".
    r"|Oyj|Oy|Nyrt|Zrt|Kft|hf|ehf|A/S|ApS|AS|Ltda|d\.d\.|d\.o\.o\.|a\.s\.|s\.r\.o\.|S\.A\.|sp\.[ ]z[ ]o\.o\.)(?![\p{L}\d])"
)
_HYPHEN_LEGAL_FORMS = frozenset("ag kg se gmbh sa nv bv ab oy oyj asa plc ltd inc llc spa srl".split())
# First words of firms' and bodies' names in the languages whose firms English text names most.
_FIRM_FIRST_WORDS = frozenset(
    """companhia compañía compania compagnie company banco banca bank grupo groupe gruppo industrias industries société societe
    sociedad sociedade società corporación corporacion laboratorios laboratoires fundación fundação fondation instituto
    institut universidad universidade université universität""".split()
)
# Where a group performs, or what names one: "the clubs where X first played", "the band X", "gigs by X".
_GROUP_BEFORE = regex.compile(
    r"(?i:\b(?:(?:clubs?|venues?|bars?|pubs?|halls?|stadiums?|arenas?)[ ]where|the[ ]band|the[ ]group|bands?[ ]like|gigs?[ ]by"
    r"|concerts?[ ]by|toured[ ]with|opened[ ]for|(?:frontman|singer|drummer|guitarist|bassist|members?)[ ]of"
    # and who employs people: "I work for Junyo" (a known name stays a person: "I work for Maria").
    r"|(?:work|works|worked|working)[ ]for|employed[ ]by|employees[ ]of|(?:job|position|internship)[ ]at)[ ])\Z"
)
_PLURAL_VERB_AFTER = regex.compile(r"[ ](?:were|are|have)[ ](?!you\b|I\b)")


# The group or part of a product, firm or band that follows its name: "Zendesk support", "Figma users",
# "the Grafana dashboard" (never a person's, who has a team or fans only with a possessive: "Maria's team").
GROUP_AFTER = regex.compile(
    r"[ \t]+(?i:team|teams|users|user|folks|fans|crew|community|people|staff|support|devs|developers|maintainers"
    r"|contributors|customers|subscribers|members|squad|group|dashboard|plugin|integration|docs|api|pricing|équipe|equipo)\b"
)
# What is said of a thing and never of a person: "Grafana is a very useful tool".
_THING_STATEMENT = regex.compile(
    r"[ \t]+(?:is|was)[ \t]+(?:a|an)[ \t]+(?:[\p{Ll}-]+[ \t]+){0,3}(?:tool|app|application|library|framework|platform|service"
    r"|product|program|software|package|editor|language|band|game|device|brand|company|database|plugin|extension|browser"
    r"|website|site)\b"
)


def _product_like(text: str, entity_type: str, start: int, end: int) -> bool:
    """Whether a NER name or place reads as the name of a product, tool, standard or thing.

    Products, libraries, bands and operating systems are named with capitalized dictionary
    words ("Rich", "Cookie", "Windows", "Python"), with inner capitals ("GraalPy", "PyTorch"),
    after a determiner ("the Rich demo", "each Cookie object"), before a version ("Python
    3.12"), or written in lower case elsewhere in the same text ("Typer ... the typer command").
    People and places are rarely any of these; known given names, family names and places
    are kept whatever they look like.
    """
    value = text[start:end]
    words = value.split()
    if any(_INNER_CAPITAL.search(w) and not _NAME_PREFIX.match(w.strip(_TRIM)) or _ACRONYM_WORD.match(w) for w in words):
        return True
    if any(_COMPOUND_THING.match(w.strip(_TRIM)) for w in words) or _eponym(text, start, end):
        return True
    if _DOTTED.search(value) or regex.search(r"\b(?:I{2,3}|IV|V|VI{1,3}|\d+)\Z", value) and not regex.search(r"\b(?:Jr|Sr)\b", value):
        # "LICENSE.APACHE", "Warcraft III", "Windows 11": files and numbered titles, not people or places.
        return not (entity_type == "PERSON" and words[0] in given_names())
    if entity_type == "PERSON" and words[0].strip(_TRIM) not in given_names() and (
        GROUP_AFTER.match(text, end) or _THING_STATEMENT.match(text, end) or _VERSION_AFTER.match(text[end : end + 12])
    ):
        return True
    if len(words) > 1:
        # "Linear Algebra", "Callback Hell", "Static Files": only dictionary words, none a given name
        # (family names are often dictionary words: "Rich", "Stone", "Hell").
        known = given_names()
        # An everyday given name counts only in first place ("Grace Hopper", not "Install Rich").
        return all(
            is_common_word(w.strip(_TRIM)) and w.strip(_TRIM) not in known and not (i == 0 and w.strip(_TRIM).lower() in AMBIGUOUS_NAMES)
            for i, w in enumerate(words)
            if w not in NAME_PARTICLES
        ) and not (entity_type == "LOCATION" and (value in place_names() or _LOCATIVE.search(text[max(0, start - 24) : start])))
    word = value.strip(_TRIM)
    if entity_type == "LOCATION" and word in place_names():
        return False
    if word in given_names():
        return False
    if word in family_names() and not is_common_word(word):
        return False
    if entity_type == "PERSON" and (
        _GROUP_BEFORE.search(text, max(0, start - 40), start) or _PLURAL_VERB_AFTER.match(text, end)
    ) and not _HUMAN_VERB.match(text, end):
        # "the clubs where Metallica first played", "Wilco were formed in 1994": a band, team or firm
        # (one proper noun with a plural verb is a group), not one person.
        return True
    if entity_type == "PERSON" and (_HUMAN_VERB.match(text, end) or _role_before(text, start)):
        # A surname that is also a dictionary word ("Lovelace", "Baker") is a person where it does
        # what only people do or has a role before it: "Lovelace called", "Captain Haddock".
        return False
    if word.isupper() and len(word) > 5:
        # Shouted licence text ("WHATSOEVER", "MERCHANTABILITY"): a capitalized line, not a name.
        around = text[max(0, start - 60) : end + 60]
        letters = [c for c in around if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
            return True
    if _VERSION_AFTER.match(text[end : end + 12]):
        return True
    # "the Rich demo", "each Cookie object": a person is rarely named after a determiner (a place
    # is: "the Sydney office").
    if entity_type == "PERSON" and _DETERMINER.search(text[max(0, start - 12) : start]):
        return True
    if is_common_word(word):
        # Dictionary words name many towns ("Reading", "Plymouth", "Omaha" are in the index):
        # a place after a word that leads to places stays one; "on Windows", "in the Windows
        # registry", a plural ("Templates") do not.
        if entity_type == "LOCATION" and not _PLURAL_OF_COMMON(word) and (
            _LOCATIVE.search(text[max(0, start - 24) : start]) or word.lower() in AMBIGUOUS_PLACES
            or _CELL_START.search(text[max(0, start - 24) : start])
        ):
            return False
        return True
    # The same word in lower case elsewhere, also inside an identifier ("config_settings",
    # "typer.run"): a command, module or package, not a person or place.
    return regex.search(r"(?<![\p{L}\d])" + regex.escape(word.lower()) + r"(?![\p{L}\d])", text) is not None and not word.islower()


# Roles written before a surname like a title, which a small model takes into an organization's name
# ("Coach Petrov", "Nurse Adeyemi", "Officer Diaz"): only words that stand before people.
_ROLE_WORDS = frozenset(
    """coach nurse officer detective inspector sergeant constable sheriff deputy agent judge justice captain
    lieutenant commander general colonel major corporal private admiral chef pastor father rabbi imam bishop
    senator governor mayor president chancellor minister councillor councilor ambassador professor doctor
    uncle aunt auntie grandma grandpa granny cousin brother sister""".split()
)
# Verbs of a request that a small model reads into the name after them: "Tell Hamid", "Ask Ingrid".
_REQUESTS = frozenset("tell ask call email e-mail ping text thank remind invite contact message let meet phone ring cc".split())
_ROLE_OR_REQUEST = _ROLE_WORDS | _REQUESTS
# What a company's name goes on with: "Dmitar Ruedl Holdings", "Ruedl & Sons", "Ruedl, Inc.".
_COMPANY_AFTER = regex.compile(r"\A(?:[ ]?(?:&|\+|and[ ]sons?\b|,?[ ](?:" + "|".join(sorted(BUSINESS_WORDS)).replace(".", r"\.") + r")\b))", regex.IGNORECASE)


def _organization_person(text: str, start: int, end: int, is_technical: bool) -> Optional[tuple]:
    """The person inside what a small model tagged an organization, or ``None``.

    A small English model tags many names it does not know as organizations ("Giorgos Papadakis
    will call", "add Dmitar Ruedl as guardian", "Kofi's car"). Such a span is a person's name when
    its words are capitalized name-shaped words (no dictionary word unless a known name, no
    acronym, no business word, no place) and something says a person is meant: a role before it
    ("Coach Petrov"), a known given name first or family name last, or the words around (a
    greeting or request before, a verb only people do after, a key or column of people).
    """
    span = NerRecognizer.clean(text, "PERSON", start, end)  # which also cuts a role off the front
    if span is None:
        return None
    start, end = span
    role = _role_before(text, start)
    words = _words(text, start, end)
    names = [text[a:b].strip(_TRIM) for a, b in words]
    if not 1 <= len(names) <= 3 or _COMPANY_AFTER.match(text, end):
        return None
    for name in names:
        if name in NAME_PARTICLES:
            continue
        if not regex.fullmatch(r"\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)?", name) or not _name_shaped(name) or name.lower() in country_names():
            return None  # "IBM", "eBay", "Kafka-based", "Acme Labs", "Norway"
    value = text[start:end]
    if value in place_names() or _product_like(text, "PERSON", start, end) or _eponym(text, start, end):
        return None
    # A surname the model left out: "customer Aminu" of "customer Aminu Ndiaye".
    tail = _NAME_TAIL.match(text, end)
    if tail and len(names) < 3 and _name_shaped(tail.group(1)) and not _COMPANY_AFTER.match(text, tail.end()):
        end = tail.end()
        names.append(tail.group(1))
    before = text[max(0, start - 24) : start]
    # Only words said to or of people: firms are contacted, e-mailed, have customers and review things too
    # ("contact Zalando", "client Acme", "Reviewed by Deloitte").
    signs = role or bool(_GREETED_OR_ASKED.search(before) or _PERSONAL_AFTER.match(text, end) or _CONTACT_AFTER.match(text, end))
    if (len(names) > 1 or names[0] in given_names()) and _person_field(text, start):
        signs = True  # "Owner: Dmitar Ruedl", "Delivery contact: Nikola"; an unknown word there may be a firm ("Customer: Zalando")
    if len(names) > 1 and _PERSON_BEFORE.search(before) and not _BY_BEFORE.search(before):
        signs = True  # "customer Aminu Ndiaye"
    if len(names) == 1:
        # One word is a person only where the words around say so ("Sierra blue", "Olive is sold out" are colours).
        given = names[0] in given_names() and not is_technical
        return (start, end) if signs or (given and (_HUMAN_VERB.match(text, end) or _OWNED_POSSESSIVE.match(text, end))) else None
    if signs or names[0] in given_names() or (names[-1] in family_names() and not is_common_word(names[-1])):
        return start, end
    if not is_technical and _HUMAN_VERB.match(text, end):
        return start, end
    return None


_BY_BEFORE = regex.compile(r"\bby\W{0,3}\Z")
_GREETED_OR_ASKED = regex.compile(
    r"(?i:\b(?:hi|hello|hey|dear|thanks|thank you|cheers|my name is|name is|i am|i'm|i’m|this is|named|ask|asked|tell|told"
    r"|meet|met|colleague|bonjour|salut|merci|hola|gracias|hallo|danke)\W{0,3})\Z"
)
_NAME_TAIL = regex.compile(r"[ ](\p{Lu}\p{Ll}[\p{Ll}'’]+(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\d'’-])")
# The ways to reach someone, after a possessive: "here's Nivi's address", "Yaco's phone number".
_CONTACT_AFTER = regex.compile(r"['’]s[ ](?:home[ ]|postal[ ]|e-?mail[ ])?(?:address|phone[ ]number|mobile|cell|e-?mail)\b")
# What firms have too ("Tesla's car", "Heroku's account"): a person's only after a known given name ("Kofi's car").
_OWNED_POSSESSIVE = regex.compile(
    r"['’]s[ ](?:new[ ]|old[ ])?(?:car|laptop|phone|number|account|desk|signature|flight)\b"
)


def _name_shaped(word: str) -> bool:
    """A capitalized word that may be a name: no dictionary word (unless a known name), place or business word."""
    if word.lower() in BUSINESS_WORDS or word in place_names() or word.lower() in NOT_NAMES or word.lower() in NOISE_WORDS:
        return False
    return not is_common_word(word) or word in given_names() or word in family_names()


# Entity types a spaCy NER model provides (through Presidio's label mapping):
# the one definition every module reads.
NER_ENTITIES: FrozenSet[str] = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME"})
# Entities whose recognizers only complete a NER model: without one they find
# just part of what the entity means (PERSON: introduced names and titles only).
# These are also the ones cleaned here; DATE_TIME only gets its edges trimmed.
NER_LED: FrozenSet[str] = NER_ENTITIES - {"DATE_TIME"}
_LOWER_CASE_PARTICLES = frozenset(w.lower() for w in NAME_PARTICLES | LOWER_PARTICLES)
_NAMED = NER_LED


class NerRecognizer(SpacyRecognizer):
    """Presidio's spaCy recognizer with each entity trimmed and implausible ones dropped.

    Named "SpacyRecognizer" in results, like Presidio's, since that is what
    produced the entity.
    """

    # Its names hold no plain lower-case word but a particle (the others are dropped below); its
    # other entities (dates, places, groups) may begin on any word.
    LOWER_START = lowercase.StartRule(
        lambda entity, before, core: entity != "PERSON" or core in _LOWER_CASE_PARTICLES
    )

    def __init__(self, supported_language: str = "en", supported_entities: Optional[List[str]] = None, **kwargs):
        kwargs.setdefault("name", "SpacyRecognizer")
        super().__init__(supported_language=supported_language, supported_entities=supported_entities, **kwargs)

    def analyze(self, text: str, entities, nlp_artifacts=None):  # noqa: D102
        cleaned = []
        is_technical: Optional[bool] = None  # read once per text, when a name or place needs it
        headers = _table_headers(text)
        # People a small English model tags as organizations are read back (see _organization_person).
        borrowed = self.supported_language == "en" and "PERSON" in entities and "ORGANIZATION" not in entities
        results = super().analyze(text, [*entities, "ORGANIZATION"] if borrowed else entities, nlp_artifacts)
        if borrowed:
            results = self._people_of_organizations(text, results)
        found = [
            (result, span)
            for result in results
            for span in [self.clean(text, result.entity_type, result.start, result.end, self.supported_language)]
            if span is not None
        ]
        # spaCy splits tokens at every space: only a span without one can be a single token.
        single = [span for result, span in found if result.entity_type in ("PERSON", "LOCATION") and " " not in text[span[0] : span[1]]]
        tags = self._tags(text, nlp_artifacts, single) if single else {}
        pipeline = self._pipeline(nlp_artifacts) if self.supported_language != "en" else None
        for result, span in found:
            if result.entity_type in ("PERSON", "LOCATION") and tags.get(span, "PROPN") != "PROPN":
                # A one-word name or place must at least be tagged a proper noun ("Backups", "Livraison" are not).
                continue
            if result.entity_type in _NAMED and (
                any(a <= span[0] and span[1] <= b for a, b in headers) or _is_label(text, result.entity_type, *span)
            ):
                continue
            if result.entity_type in ("PERSON", "LOCATION") and _product_like(text, result.entity_type, *span):
                continue
            if result.entity_type in ("PERSON", "LOCATION") and _sentence_initial_word(text, self.supported_language, span[0], span[1], pipeline):
                continue
            if result.entity_type in ("PERSON", "LOCATION"):
                if is_technical is None:
                    is_technical = technical(text)
                if _unknown_in_technical_text(text, result.entity_type, span[0], span[1], is_technical, self.supported_language, pipeline):
                    continue
            if result.entity_type == "LOCATION" and (
                _given_name_not_place(text[span[0] : span[1]]) or _unlisted_place_of_a_person(text, *span)
                or _family_name_not_place(text, *span)
            ):
                # "approved by Eitan", "renewed by Tamsin": a known given name, not a known place, is a person.
                result.entity_type = "PERSON"
            # The slot a name stands in outweighs what the model or a list makes of the name alone:
            # "leave me Milan, four hungry children" (a person), "are you still in Amara?" (a place).
            if result.entity_type == "LOCATION" and (inside_organization(text, *span) or nationality(text, *span)):
                continue
            if result.entity_type == "LOCATION" and person_slot(text, *span):
                result.entity_type = "PERSON"
            elif (result.entity_type == "LOCATION" and place_slot(text, *span)) or (
                result.entity_type == "PERSON" and (place_slot(text, *span) or listed_name_in_place_slot(text, *span))
            ):
                # ... and a town a model cut short takes the rest of its name: "originally from Agia| Thekla".
                result.entity_type, span = "LOCATION", (span[0], town_end(text, span[1]))
            town = _TOWN_WORD_BEFORE.search(text, max(0, span[0] - 12), span[0]) if result.entity_type == "PERSON" else None
            if town is not None and town.group(1).lower() in TOWN_FIRST_WORDS:
                # "Cité Belle Vue", "Sidi Ahmed Zarrouk": the "person" is the rest of a town's name.
                result.entity_type, span = "LOCATION", (town.start(1), span[1])
            if result.entity_type == "PERSON":
                # "Bayani dela Cruz", "Ana da Silva Pereira": the surname after a particle belongs to the name.
                tail = _PARTICLE_TAIL.match(text, span[1])
                if tail:
                    span = (span[0], tail.end())
                else:
                    span = (span[0], _second_surname_end(text, *span))
                if _street_named_like_person(text, *span):
                    # "the corner of Apteegi 1 and Andrea Place": a street named after someone. Masked all
                    # the same, under the street's type where the rail asks for it.
                    result.entity_type = next((e for e in ("STREET_ADDRESS", "LOCATION") if e in entities), "PERSON")
            result.start, result.end = span
            cleaned.append(result)
        return cleaned

    @staticmethod
    def _people_of_organizations(text: str, results: List[RecognizerResult]) -> List[RecognizerResult]:
        """``results`` with each organization either read as a person or left out."""
        kept: List[RecognizerResult] = []
        is_technical: Optional[bool] = None
        for result in results:
            if result.entity_type != "ORGANIZATION":
                kept.append(result)
                continue
            if is_technical is None:
                is_technical = technical(text)
            span = _organization_person(text, result.start, result.end, is_technical)
            if span is not None:
                result.entity_type, (result.start, result.end) = "PERSON", span
                kept.append(result)
        return kept

    def _pipeline(self, nlp_artifacts):
        """The spaCy pipeline behind ``nlp_artifacts`` for this recognizer's language, if it can be reached."""
        engine = getattr(nlp_artifacts, "nlp_engine", None)
        engine = getattr(engine, "inner", engine)  # the per-text language router wraps it
        pipeline = (getattr(engine, "nlp", None) or {}).get(self.supported_language)
        return pipeline

    def _tags(self, text: str, nlp_artifacts, spans: List[tuple]) -> Dict[tuple, str]:
        """The part-of-speech tag of each span that is one token and tagged.

        Tags are read only when needed. Where the NER ran apart, they come from a
        few tokens around each word (:func:`pii_rails.detection.nlp.word_pos`):
        no parser, no tagging of the whole text. Otherwise they run the tagger
        and what follows it; in a text longer than :data:`WHOLE_TEXT_TAGS` characters they come from a
        window around each span instead of the whole text, so a long document
        with a few one-word names does not pay for tagging all of it (the tagger
        and the parser decide from nearby words). Chat messages and retrieved
        chunks are tagged whole.
        """
        words = getattr(nlp_artifacts, "word_pos", None)
        near = words(spans) if callable(words) else None
        if near is not None:
            return near
        pipeline = None
        if len(text) > WHOLE_TEXT_TAGS:
            engine = getattr(nlp_artifacts, "nlp_engine", None)
            engine = getattr(engine, "inner", engine)  # the per-text language router wraps it
            pipeline = (getattr(engine, "nlp", None) or {}).get(self.supported_language)
        if pipeline is None:
            doc = getattr(nlp_artifacts, "tokens", None)
            if doc is None or not hasattr(doc, "char_span"):
                return {}
            return {span: tag for span in spans for tag in [_tag(doc, *span)] if tag}
        tags: Dict[tuple, str] = {}
        for w0, w1, inside in _windows(text, spans, TAG_WINDOW):
            doc = nlp.annotated(pipeline, text[w0:w1])
            for span in inside:
                tag = _tag(doc, span[0] - w0, span[1] - w0)
                if tag:
                    tags[span] = tag
        return tags

    @staticmethod
    def clean(text: str, entity_type: str, start: int, end: int, language: str = "en") -> Optional[tuple]:
        """The trimmed ``(start, end)`` of an entity, or ``None`` when nothing plausible is left."""
        value = text[start:end]
        # An entity never spans lines: keep the longest line of it.
        if "\n" in value:
            lines, offset, best = value.split("\n"), start, None
            for line in lines:
                if best is None or len(line.strip()) > len(text[best[0] : best[1]].strip()):
                    best = (offset, offset + len(line))
                offset += len(line) + 1
            assert best is not None  # split() gives at least one line
            start, end = best
        start, end = _strip(text, start, end)
        if entity_type not in _NAMED:
            return (start, end) if end > start else None
        # Quotes, colons and brackets inside an entity join two things ('Vanessa:"I'm Cynthia'):
        # the first piece with a capital is the entity.
        # So does a dash between spaces, as signatures set a job off ("Zoltán Boros - Operations Manager").
        inner = regex.search(r"[\"“”:;|()\[\]{}<>]|\s[-–—]\s", text[start:end])
        if inner:
            pieces = [(m.start() + start, m.end() + start) for m in regex.finditer(r"(?:[^\"“”:;|()\[\]{}<>\s]|\s(?![-–—]\s))+", text[start:end])]
            pieces = [_strip(text, a, b) for a, b in pieces]
            pieces = [(a, b) for a, b in pieces if _HAS_UPPER.search(text[a:b])]
            if not pieces:
                return None
            start, end = pieces[0]
        # A possessive inside ends the name: "Tobiah Merriweather's Director of Operations".
        possessive = regex.search(r"['’]s?(?=\s)", text[start:end])
        if possessive and entity_type in ("PERSON", "ORGANIZATION", "NRP"):
            end = start + possessive.start()
            start, end = _strip(text, start, end)
        words = _words(text, start, end)
        # Greetings, titles and fillers at either edge: "Sure John Smith", "Dear Mr. Smith", "de Lille".
        while words and (_norm(text, *words[0]) in NOISE_WORDS or text[slice(*words[0])] in LOWER_PARTICLES):
            words.pop(0)
        # A particle cannot end a name ("Louelle van den" before "Brandhof"): the surname after it is
        # joined back in ``analyze``.
        while words and (
            _norm(text, *words[-1]) in NOISE_WORDS or text[slice(*words[-1])] in LOWER_PARTICLES
            or (entity_type == "PERSON" and len(words) > 1 and text[slice(*words[-1])] in NAME_PARTICLES)
        ):
            words.pop()
        # A role or a request before a name is no part of it: "Detective Moreau", "Tell Hamid I'm sorry".
        while entity_type == "PERSON" and len(words) > 1 and _norm(text, *words[0]) in _ROLE_OR_REQUEST:
            words.pop(0)
        if entity_type == "PERSON" and len(words) > 2:
            # "Beneficiary Leanne Williams", "Tell Damini Thakkar": the name starts at its given name.
            names = given_names()
            first = next((i for i, w in enumerate(words) if text[slice(*w)].strip(_TRIM) in names), 0)
            # Only words are cut so, not a given name no list holds before a known one ("Una Seamus Kilduff").
            if first and len(words) - first >= 2 and (
                language != "en" or all(_word_before_name(text[slice(*w)].strip(_TRIM)) for w in words[:first])
            ):
                words = words[first:]
        if not words:
            return None
        start, end = _strip(text, words[0][0], words[-1][1])
        value = text[start:end]
        match = _POSSESSIVE.search(value)
        if match:
            end = start + match.start()
            start, end = _strip(text, start, end)
            value = text[start:end]
        if not value or not _HAS_LETTER.search(value) or _NOT_A_NAME.search(value):
            return None
        if entity_type in ("PERSON", "LOCATION") and not _HAS_UPPER.search(value):
            return None
        tokens = value.split()
        if all(t.strip(_TRIM).lower() in NOT_NAMES for t in tokens):
            return None
        # "Saltmarsh Dental", "Accounts Receivable", "Harbor Freight Ltd": a business, not a person; so is
        # a name its legal form follows ("Schneider Electric SE", "Petra Diamonds Limited").
        # So is one joined to its legal form by a hyphen ("Hornbach-Baumarkt-AG") or led by a word firms begin
        # with ("Companhia Energética de Minas Gerais", "Banco Santander").
        last = tokens[-1].strip(_TRIM).lower()
        if entity_type == "PERSON" and (
            last in BUSINESS_WORDS or last.rsplit("-", 1)[-1] in _HYPHEN_LEGAL_FORMS or LEGAL_FORM_AFTER.match(text, end)
            or (len(tokens) > 1 and tokens[0].strip(_TRIM).lower() in _FIRM_FIRST_WORDS)
        ):
            return None
        # Names hold no lower-case words but particles ("Reset the Password" is not one).
        if entity_type == "PERSON" and any(t[:1].islower() and t not in NAME_PARTICLES and not _PREFIXED_SURNAME.match(t) for t in tokens):
            return None
        # A lone all-capitals acronym ("API", "SSN") is not a person, place or group of people.
        if len(tokens) == 1 and value.isupper() and len(value) <= 5 and entity_type != "ORGANIZATION":
            return None
        return start, end


def _word_before_name(word: str) -> bool:
    """A capitalized word before a name that is no part of it: a dictionary word that no name list holds ("Beneficiary").
    Only English text is read so; elsewhere no dictionary here holds every noun ("Bénéficiaire"), and any word goes."""
    lower = word.lower()
    if lower in NOT_NAMES or lower in TOWN_FIRST_WORDS or lower in _PLACE_FIRST_WORDS:
        return True  # "Vila Nova Esperança": a town's first word, which the town rule below reads back
    if word in given_names() or word in family_names():
        return False
    # A verb's -ing form too ("Quoting Eirik Solberg:"), which the word index holds under its stem.
    return is_common_word(word) or (lower.endswith("ing") and (is_common_word(lower[:-3]) or is_common_word(lower[:-3] + "e")))


def _strip(text: str, start: int, end: int) -> tuple:
    while start < end and (text[start].isspace() or text[start] in _TRIM):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM):
        # Keep the dot of an initial or abbreviation ("J.", "Jr.", "St.").
        if text[end - 1] == "." and end - start >= 2 and (end - start == 2 or text[end - 3] in " ." or text[start:end].endswith(("Jr.", "Sr.", "St."))):
            break
        end -= 1
    return start, end


def _words(text: str, start: int, end: int) -> List[tuple]:
    return [(m.start() + start, m.end() + start) for m in regex.finditer(r"\S+", text[start:end])]


def _norm(text: str, start: int, end: int) -> str:
    return text[start:end].strip(_TRIM).lower()


# What makes the first word of a name a town's: "Santa Lucía", "Puerto Montt", "Cité Ennouzha".
_PLACE_FIRST_WORDS = frozenset("saint sainte santa san sao são sankt st st. cite cité vila villa sidi puerto porto ciudad".split())


def surname_like_place(text: str, person: tuple, place: tuple) -> bool:
    """Whether a place found inside a NER name is a surname spelled like a town: "Dan T Jessen", "Lahual
    Toledo", "Ana Paz Lima". The place covers the name's last words only, and the name's first word is
    a given name (a known one, or a word no dictionary or place list holds), not a town's first word
    ("Santa Lucía"); nothing right before says a place is meant ("in", "from", "near")."""
    if not (person[0] < place[0] and place[1] <= person[1]):
        return False
    head = text[person[0] : place[0]].split()
    if not head:
        return False
    first = head[0].strip(_TRIM)
    if not first[:1].isupper() or first.isupper() or first.lower() in _PLACE_FIRST_WORDS or first in place_names():
        return False
    if first not in given_names() and (is_common_word(first) or first.lower() in NOT_NAMES or first.lower() in NOISE_WORDS):
        return False
    return not (_LOCATIVE.search(text, max(0, person[0] - 16), person[0]) or _STRONG_LOCATIVE.search(text[max(0, person[0] - 24) : person[0]]))


def is_ner(result: RecognizerResult) -> bool:
    """Whether a result came from a NER model rather than a pattern."""
    name = (result.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY, "")
    return name in NER_RECOGNIZER_NAMES


NER_RECOGNIZER_NAMES = frozenset({"SpacyRecognizer", "StanzaRecognizer", "TransformersRecognizer", "GLiNERRecognizer"})
