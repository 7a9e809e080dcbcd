"""Names and places found by word lists, for languages without a NER model and names a small model misses.

* :class:`GivenNameRecognizer`: a known given name followed by capitalized
  words ("Juan Antonio Zurita", "Marga Trubin", "Carly Curtis") is a person.
  A given name alone counts only after a greeting or sign-off ("Hola Trini",
  "Thanks, Cheryl").
* :class:`PlaceRecognizer`: country, region and large-city names
  ("Valladolid", "Norwegen", "Nottingham"), unless they are part of a longer
  proper name ("Paris Hilton", "Boston Consulting Group").
"""

from __future__ import annotations

import functools
import re
from typing import FrozenSet, List, Optional, Tuple

import regex
from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult

from pii_rails.detection import lowercase
from pii_rails.detection.predefined.address import STATE_CODES
from pii_rails.detection.predefined.base import build_result, fold, words_regex
from pii_rails.detection.predefined.ner import NOISE_WORDS, NOT_NAMES, camel_case, technical
from pii_rails.detection.predefined.slots import NEWS_IN_TOWN, inside_organization, listed_name_in_place_slot, nationality, person_slot, person_slot_names, place_slot, place_slot_starts
from pii_rails.detection.predefined.lexicon import AMBIGUOUS_NAMES, SAINT_WORDS, TOWN_FIRST_WORDS, common_words_known, country_names, family_names, given_names, is_common_word, is_word, place_names, region_names, stop_words

# A capitalized word: "Ana", "O'Neil", "Heinz-Josef", "Ángela", "McDonald".
_CAP = r"\p{Lu}[\p{Ll}'’]*\p{Ll}(?:[\p{L}'’]*)(?:-\p{Lu}[\p{Ll}'’]+)*"
_PARTICLE = r"(?:van der|van den|van de|van|von der|von|de la|de los|de las|del|de|da|do|dos|di|du|le|la|ter|ten|y|e|bin|al|el)"
_PARTICLES = frozenset("van der den de von la los las del da do dos di du le ter ten y e bin al el das sur on upon u pri na am an".split())
_SUFFIX = r"(?:[ ,]+(?:Jr\.?|Sr\.?|II|III|IV))?"
# A middle initial, with or without its period: "Ella L Gawler", "John F. Kennedy".
_INITIAL = r"(?:\p{Lu}\.?[ ])"
_SEQUENCE = regex.compile(
    r"(?<![\p{L}\d'’-])" + _CAP + r"(?:[ ]" + _INITIAL + r"?(?:" + _PARTICLE + r"[ ])?" + _CAP + r"){0,3}" + _SUFFIX + r"(?![\p{L}\d'’])"
)
_WORD = regex.compile(_CAP)
# Last words of companies' names that no surname is (ner.BUSINESS_WORDS also holds "Trust", "Bank", "Studio"),
# and that make a name before a country a company's: "Nordic Widgets AB, Sweden".
_COMPANY_WORDS = frozenset("inc ltd llc llp gmbh ag sa plc corp corporation co bv nv ab oy as srl sarl spa kg group holdings limited oyj nyrt zrt kft hf ehf aps ltda".split())
_NAME_SUFFIX = regex.compile(r"\G[ ,]+(?:Jr\.?|Sr\.?|II|III|IV)(?![\w])")
_POSSESSIVE = regex.compile(r"['’]s?\Z")
# Endings of (German, French, Spanish) common nouns that no surname has: "Paul Klee Ausstellung".
_NOUN_ENDING = regex.compile(r"(?:ung|heit|keit|schaft|tion|tät|ismus|ment|nis|tum|ción|sión|dad|ité)\Z")
_FROM = regex.compile(r" (?:de|d'|du|von|aus|from|of|di|da) ")

# What greets or signs off with a bare given name.
_GREETING = words_regex(
    """hi$ hello$ hey$ dear$ thanks thank cheers regards best$ sincerely bye$ ok$ okay$ sorry$ welcome$ morning$
    bonjour$ salut$ merci$ cordialement cher$ chere$ coucou$ hola$ gracias$ saludos$ querido$ querida$ estimado$
    estimada$  hallo$ danke$ liebe$ lieber$ gruss gruß$ grusse  moin$ servus$ ciao$ grazie$
    caro$ cara$ mr$ mrs$ ms$ miss$ dr$ mme$ m.$ sr$ sra$ herr$ frau$ wife$ husband$ son$ daughter$ colleague$
    agent$ nurse$ doctor$ manager$""".split()
    # Self-introductions, whole phrases: "I'm Cordelia", "this is Maren".
    + ["my friend$", "buenos dias$", "viele grusse$", "i'm$", "i am$", "this is$", "it's$", "je suis$", "c'est$", "soy$", "ich bin$"]
)
# What a person does right after being named: "Wendell opened the shop", "Nadia said", "Lioba will".
_PERSON_VERB = regex.compile(
    r"\G(?:[ ]and[ ]" + _CAP + r")?[ ](?:said|says|asked|asks|told|tells|wrote|writes|replied|replies|called|calls|texted|emailed"
    r"|messaged|opened|arrived|left|moved|joined|signed|met|thinks|thought|wants|wanted|needs|needed|knows|knew|bought|brought"
    r"|sent|sends|paid|pays|lives|lived|works|worked|went|came|comes|is|was|has|had|will|would|can|could|should|must|did|does"
    r"|dit|a|est|était|va|dijo|es|está|fue|tiene|va|sagte|sagt|ist|war|hat|hatte|wird|kommt|bringt)\b"
)
# All-lower-case chat ("lol ok so jasmine and marcus are coming") carries names in lower case.
# Inside a sentence: a lower-case word or a comma right before, and no capitalized word right after.
_MID_SENTENCE = regex.compile(r"(?:\p{Ll}|,)[ ]\Z")
# Words of time that put a feast or a season after them, not a person: "dès Noël", "until Easter", "bis Ostern".
_BEFORE_A_FEAST = regex.compile(
    r"(?i:(?<![\p{L}])(?:since|until|till|after|before|by|on|at|dès|depuis|avant|après|jusqu'à|à|desde|hasta|antes de|después de"
    r"|seit|bis|vor|nach|an|zu)[ ])\Z"
)
_MID_SENTENCE_AFTER = regex.compile(r"(?![ ]\p{Lu})(?:[ ]\p{Ll}|[,.!?;:]|\Z)")
# Words after a given name that make it a street's or a firm's name, in lower-case text where no
# capital sets a surname apart.
_LOWER_NOT_SURNAMES = _COMPANY_WORDS | frozenset(
    """street st road rd avenue ave lane ln drive dr court ct place pl plaza square sq hill hills park way boulevard
    blvd crescent terrace row view heights gardens grove close mews walk trail parkway highway circle loop ridge
    point port crossing junction station center centre""".split()
)
_LOWER_NAME_PARTICLE = regex.compile(
    r"[ ](?:van der|van den|van de|von der|van|von|ten|ter|bin|ibn|bint|de la|del|de|da|di|du|dos|das|do)(?=[ ]\p{Ll})"
)
_LOWER_INITIAL = regex.compile(r"[ ]\p{Ll}\.?(?=[ ]\p{Ll})")
_LOWER_WORD_BEFORE = regex.compile(r"(?<![\p{L}])(\p{Ll}+)[ ]\Z")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\d'’@._/-])\p{Ll}[\p{Ll}'’]+(?:-\p{Ll}+)?(?![\p{L}\d'’@_/])")
_NOT_SURNAMES = frozenset(
    """I I'm I'd I'll I've The A An And Or But On In At To From For With By Of Is Are Was Were Be Has Have Had Do
    Does Did Can Could Will Would Should May Might Must Please Thanks Thank Hi Hello Dear Mr Mrs Ms Dr
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Street Avenue Road Lane Drive Court Place Boulevard
    Le La Les Et Ou Un Une Des Du Au El Los Las Y Un Una Der Die Das Und Oder Ein Eine Im Am""".split()
)


_UPPER = regex.compile(r"\p{Lu}")
_CODE = regex.compile(r"[=(){}\[\]<>`_/\\;|]|\b(?:import|def|return|elif|lambda|null|true|false)\b")
# Code for a place in lower case: brackets in prose ("(though his song was ...)") are no sign of it.
_PLACE_CODE = regex.compile(r"[={}\[\]<>`_/\\;|]|\w\(|\b(?:import|def|return|elif|lambda|null|true|false)\b")


# "I", "I'm", "I'll": the capitals a sentence in lower case still has.
_I = regex.compile(r"\bI(?:'m|’m|'ll|'d|'ve)?\b")


def _lower_case_sentence(text: str, start: int, code: "regex.Pattern[str]") -> bool:
    """Whether the sentence around ``start`` has no capital letter (but "I") and nothing ``code`` finds."""
    line_start = max(text.rfind("\n", 0, start), text.rfind(".", 0, start)) + 1
    ends = [i for i in (text.find("\n", start), text.find(".", start)) if i != -1]
    sentence = text[line_start : min(ends, default=len(text))]
    return not (_UPPER.search(_I.sub("", sentence)) or code.search(sentence))


# What ends a sentence for :func:`_lower_case_sentence`.
_SENTENCE_BREAK = regex.compile(r"[\n.]")


def _any_lower_case_sentence(text: str, code: "regex.Pattern[str]") -> bool:
    """Whether any sentence of ``text`` passes :func:`_lower_case_sentence`: most texts are written
    with capitals, and checking their few sentences costs less than looking up every lower-case word."""
    start = 0
    for piece in _SENTENCE_BREAK.split(text):
        if piece.strip() and _lower_case_sentence(text, start, code):
            return True
        start += len(piece) + 1
    return False


_PAIR = regex.compile(r"[ ](?:and|&|or|et|y|und|e)[ ]")


# Roles that label the lines of a transcript in the supported languages; the English ones are
# dictionary words already, the others are not in the English word index.
_ROLES = frozenset(
    """agente cliente client cliente clienta kunde kundin conseiller conseillère conseillere berater beraterin opérateur
    operateur operador operadora anrufer anruferin appelant appelante llamante mitarbeiter mitarbeiterin soporte médecin
    medecin médico medico arzt ärztin patient patiente paciente patientin infirmier infirmière enfermero enfermera
    pfleger pflegerin usuario usuaria utilisateur utilisatrice benutzer benutzerin asistente assistent assistentin
    assistante moderator moderatorin animateur animatrice presentador presentadora entrevistador entrevistadora
    sprecher sprecherin vendedor vendedora vendeur vendeuse verkäufer verkäuferin técnico tecnico técnica technicien
    technicienne techniker technikerin representante gerente responsable interlocuteur interlocutrice""".split()
)


def _line_of(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    return _rest_of_line(text, start)


def _rest_of_line(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start : end if end != -1 else len(text)]


def _unlisted_name(word: str, places_too: bool = False) -> bool:
    """Whether a capitalized word could be a name no list holds (see ``GivenNameRecognizer._unlisted_names``);
    ``places_too``: a known place's name too, where the sentence says a person is meant."""
    lower = word.lower()
    return (
        len(word) >= 3 and lower not in stop_words() and not is_common_word(word) and (places_too or word not in place_names())
        and lower not in NOT_NAMES and lower not in NOISE_WORDS and lower not in _ROLES and not camel_case(word)
    )


def _in_name_pair(text: str, start: int, end: int, names) -> bool:
    """ "Benedikt and Lioba", "Nadia & Callum": a given name joined to another one."""
    after = _PAIR.match(text, end)
    if after:
        nxt = _WORD.match(text, after.end())
        if nxt and nxt.group() in names:
            return True
    before = text[max(0, start - 30) : start]
    pair = regex.search(r"(" + _CAP + r")" + _PAIR.pattern + r"\Z", before)
    return bool(pair and pair.group(1) in names)


# "y" and "e" join two people as often as they join a compound surname ("Ortega y Gasset"): before
# a known given name, they join two people ("John Bui y Casey McCorley").
_JOINED = regex.compile(r"[ ](?:y|e)[ ](?=(" + _CAP + r"))")


def _joined_names(text: str, names) -> List[Tuple[int, int]]:
    """The runs of name words, each split where "y"/"e" joins a known given name to the words before."""
    pieces: List[Tuple[int, int]] = []
    for match in _SEQUENCE.finditer(text):
        start = match.start()
        if " y " not in match.group() and " e " not in match.group():
            pieces.append((start, match.end()))
            continue
        for join in _JOINED.finditer(text, match.start(), match.end()):
            if join.group(1) in names:
                pieces.append((start, join.start()))
                start = join.end()
        pieces.append((start, match.end()))
    return pieces


def _town_in_place_slot(text: str, piece_start: int, start: int, end: int) -> bool:
    """Whether the given name at ``start`` (in the run of capitalized words from ``piece_start``) is a
    town's, by the slot the run stands in: "are you still in Amara?", "originally from Agia Thekla"."""
    return place_slot(text, piece_start, end) or listed_name_in_place_slot(text, piece_start if piece_start == start else start, end)


def _result(recognizer: EntityRecognizer, start: int, end: int, score: float, why: str) -> RecognizerResult:
    # The score is set by what the words around say already.
    return build_result(recognizer, start, end, score, why, context_counted=True)


# Where a text says a word is a person's name, whether or not any list knows it:
# the addressee of a greeting that opens a message or sentence ("Hi Thaddeus,", "Thanks Percival!"),
_ADDRESSED = regex.compile(
    r"(?im:(?:^|[.!?][ ]+)[ \t>*-]*(?:hi|hello|hey|dear|thanks|thank you|cheers|good (?:morning|afternoon|evening)|hola"
    r"|buenos d[ií]as|bonjour|salut|coucou|hallo|moin|servus|ciao|liebe|lieber|querid[oa]|estimad[oa]|cher|ch[èe]re|caro|cara)[ ]+)"
    r"(" + _CAP + r")(?=[ \t]*(?:[,!:;]|$|\n|[ ][-–]))"
)
# a speaker of a transcript ("Percival: hi", "[00:01] Thaddeus: my card..."), when the text has two speaker lines,
_SPEAKER = regex.compile(r"(?m:^[ \t>*-]*(?:\[[\d:.]+\][ \t]*)?(" + _CAP + r")[ \t]*:[ \t]+\S)")
# What only people do, as _DOER reads it after a name.
_DOER_VERB_PATTERNS = (
    "said", "asked", "told", "wrote", "replied", "texted", "emailed", "e-mailed", "phoned", "messaged",
    "complained", "explained", "promised", "apologi[sz]ed", "agreed", "called (?:me|us|back)",
)  # fmt: skip
# Their literal heads (in lower case, as _DOER matches them): a text without any is not scanned for doers.
_DOER_VERBS = tuple(regex.split(r"[\[ (]", verb)[0] for verb in _DOER_VERB_PATTERNS)
# What people say, not what forms hold: a first or second person, a greeting, an answer, a question.
_SPEECH = regex.compile(
    r"(?i)\b(?:i|i'm|i’m|i've|i'll|me|my|you|your|we|our|us|hi|hello|hey|yes|yeah|no|ok|okay|thanks|thank|please|sorry)\b|\?"
)
# and a word doing what only people do, at a sentence start ("Percival asked whether...").
_DOER = regex.compile(
    r"(?m:(?:^|[.!?][ ]+)(" + _CAP + r")[ ](?:" + "|".join(_DOER_VERB_PATTERNS) + r")\b)"
)


class GivenNameRecognizer(LocalRecognizer):
    """A person's name: a known given name and capitalized surname(s), or a greeted given name."""

    LOWER_START = lowercase.GIVEN_NAME  # lower-case chat: "thx - thiago"

    FULL_NAME_SCORE = 0.7
    GREETED_NAME_SCORE = 0.6
    LOWER_CASE_SCORE = 0.5

    def __init__(self, supported_language: str = "en", supported_entity: str = "PERSON", name: Optional[str] = None):
        super().__init__(supported_entities=[supported_entity], supported_language=supported_language, name=name)

    def load(self) -> None:  # noqa: D102
        self.names = given_names()
        self.places = place_names()

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:  # noqa: D102
        names, places = given_names(), place_names()
        results = []
        for piece_start, piece_end in _joined_names(text, names):
            words = [(m.start(), m.end()) for m in _WORD.finditer(text, piece_start, piece_end)]
            words = [w for w in words if text[slice(*w)] not in ("Jr", "Sr")]
            # "Sona Nanotech Inc", "Ines Holdings": a company named after a person, or a given name.
            if any(text[slice(*w)].lower() in _COMPANY_WORDS for w in words[1:]):
                continue
            # Start at the first given name: "Beneficiary Leanne Williams" -> "Leanne Williams".
            first = next((i for i, (a, b) in enumerate(words) if text[a:b] in names), None)
            if first is None:
                continue
            # "Santa Lucia", "San Juan Bautista", "Vila Franca": a given name after a word that begins
            # towns' names is a town's, or a saint's, not a person's.
            if first > 0 and text[slice(*words[first - 1])].lower() in _SAINT_TOWN_WORDS | _COMPASS_TOWN_WORDS:
                continue
            words = words[first:]
            # A word with a capital inside ("Bert WordPiece", "Ada GraalPy") is a product, and ends the name.
            inner = next((i for i, w in enumerate(words) if i and camel_case(text[slice(*w)])), None)
            if inner is not None:
                words = words[:inner]
            # A possessive ends the name: "Imelda Fairweather's Chief Engineer".
            owner = next((i for i, w in enumerate(words) if _POSSESSIVE.search(text[slice(*w)]) and text[w[1] - 1] in "s'’"), None)
            if owner is not None:
                words = words[: owner + 1]
            while len(words) > 1 and (text[slice(*words[-1])] in _NOT_SURNAMES or _NOUN_ENDING.search(text[slice(*words[-1])])
                                      or self._word_not_surname(text[slice(*words[-1])])):
                words.pop()
            # "Marianne Moreau de Brest": a place after "de"/"von"/"aus" is where she is from.
            if len(words) > 2 and text[slice(*words[-1])] in places and _FROM.fullmatch(text[words[-2][1] : words[-1][0]]):
                words.pop()
            start, end = words[0][0], words[-1][1]
            suffix = _NAME_SUFFIX.search(text, end, piece_end)
            if suffix and len(words) >= 2:
                end = suffix.end()
            possessive = _POSSESSIVE.search(text, start, end)
            if possessive:
                end = possessive.start()
            if len(words) >= 2:
                if text[start:end] in places or _town_in_place_slot(text, piece_start, start, end):
                    continue  # "Nova Scotia", "Santa Monica", "born in Pastor de Goiás": a place whose name starts with a given name
                results.append(_result(self, start, end, self.FULL_NAME_SCORE, "given name and surname"))
            elif _town_in_place_slot(text, piece_start, start, end):
                continue  # "are you still in Amara?", "originally from Agia Thekla", "ist nach Reda gezogen": a town named like a person
            elif person_slot(text, start, end):
                # "leave me Milan, four hungry children", "Borna, can I ...": a person, whatever else the name is.
                results.append(_result(self, start, end, self.GREETED_NAME_SCORE, "given name where only a person stands"))
            elif text[start:end] not in places and _GREETING.search(fold(text[max(0, start - 24) : start]).rstrip(" ,:;!")[-24:] + " "):
                results.append(_result(self, start, end, self.GREETED_NAME_SCORE, "greeted given name"))
            elif text[start:end] in places or is_common_word(text[start:end]):
                continue  # "Server error", "Jasmine tea": a lone word that is also a dictionary word
            elif _PERSON_VERB.match(text, end):
                results.append(_result(self, start, end, self.GREETED_NAME_SCORE, "given name doing something"))
            elif _in_name_pair(text, start, end, names):
                results.append(_result(self, start, end, self.GREETED_NAME_SCORE, "given name next to another"))
            elif (
                _MID_SENTENCE.search(text, max(0, start - 3), start) and _MID_SENTENCE_AFTER.match(text, end)
                and not _BEFORE_A_FEAST.search(text, max(0, start - 12), start) and not technical(text)
            ):
                # "leave me Marek, four hungry children", "but Nikolaj just has to": a known given name
                # inside a sentence, in text that is not about software (where "Julia", "Kafka" are tools).
                results.append(_result(self, start, end, self.LOWER_CASE_SCORE, "given name inside a sentence"))
        results.extend(self._lower_case_names(text, names))
        results.extend(self._unlisted_names(text, names))
        return results

    def _word_not_surname(self, word: str) -> bool:
        """Outside English, a frequent word of the language that no family-name list holds ends a name:
        "Mercedes Clase A" is a car, "Rosa Blanco" keeps her surname. English surnames are too often
        dictionary words ("Baker", "Park") for the English word index to say so."""
        return self.supported_language != "en" and is_word(word, self.supported_language) and word not in family_names()

    def _unlisted_names(self, text: str, names) -> List[RecognizerResult]:
        """Single names no list knows, where the text itself says a person is meant.

        Name lists never hold every given name ("Percival", "Ifeoluwa", "Thaddeus"). A word that is
        not a dictionary word, function word, place, title or product-like (inner capitals) counts
        when it is greeted at the start of a message or sentence, when it is a speaker of a
        transcript (two speaker lines at least), or when it asks, says or writes something at a
        sentence start in a text that is not about software.

        Only in a language whose dictionary words are known (English): elsewhere a form label or a
        greeted team ("Prénom:", "Hola Equipo") would look like an unknown name.
        """
        if not common_words_known(self.supported_language):
            return []
        found = [(m.start(1), m.end(1), "greeted name") for m in _ADDRESSED.finditer(text)]
        # "leave me Hrvatin, four hungry children", "Borna, can I ...": the slot says a person, even of a town's name.
        slotted = [(a, b) for a, b in person_slot_names(text) if text[a:b] not in names]
        found += [(a, b, "name where only a person stands") for a, b in slotted]
        # A speaker says something ("Percival: hi, is the shop open?"); a form field holds a value
        # ("Prescriber: Dr. Ruiz", "Admitted: 9/2/2026").
        # Both scans below cost more than looking for what each needs: a colon, one of its verbs.
        if ":" in text:
            speakers = [m for m in _SPEAKER.finditer(text) if _SPEECH.search(_rest_of_line(text, m.end() - 1))]
            if len(speakers) >= 2:
                found += [(m.start(1), m.end(1), "speaker of a transcript") for m in speakers]
        doers = []
        if any(verb in text for verb in _DOER_VERBS):
            doers = [(m.start(1), m.end(1), "name doing what people do") for m in _DOER.finditer(text)]
        if doers and not technical(text):
            found += doers
        results = []
        for start, end, why in found:
            word = text[start:end]
            if word in names or not (_unlisted_name(word) or ((start, end) in slotted and _unlisted_name(word, places_too=True))):
                continue
            results.append(_result(self, start, end, self.GREETED_NAME_SCORE, why))
        return results

    def _lower_case_names(self, text: str, names) -> List[RecognizerResult]:
        """Given names written in lower case, in text written in lower case.

        Only where the sentence around has no capital letter (chat), only known given names that
        are neither function words nor dictionary words ("jasmine", "will", "rose" stay words),
        and a following surname is taken with it: a known family name ("priya nair"), a hyphenated
        or accented word ("youssef al-farsi"), in English any word that is not a dictionary word.
        A given name the dictionary holds as a proper noun too ("robert", "gabriel") counts only
        with a known surname after it, or an initial and a surname; a particle may stand before the
        surname ("michelle van haeften"); a possessive stays out of the name.
        """
        results: List[RecognizerResult] = []
        if not _any_lower_case_sentence(text, _CODE):
            return results
        common = stop_words()
        for match in _LOWER_WORD.finditer(text):
            word = match.group()
            if "'" in word or "’" in word:
                word = _POSSESSIVE.sub("", word)  # "here's christoffer's address"
            if word.title() not in names or word in common or len(word) < 3 or word in AMBIGUOUS_NAMES:
                continue
            # A given name the dictionary holds as a proper noun ("robert", "gabriel", "maria") is a
            # name only with a surname after it; one that is an everyday word too ("will") never.
            worded = is_common_word(word)
            if not _lower_case_sentence(text, match.start(), _CODE):
                continue  # written with capitals, so a lower-case word is no name; or code ("elif x == 1")
            before = _LOWER_WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
            if before and before.group(1) in _SAINT_TOWN_WORDS | _COMPASS_TOWN_WORDS:
                continue  # "san pedro de alcantara", "lake travis": a town's name, as with capitals
            end = match.end()
            # A middle initial may stand before the surname: "sophia a anderson", "roberto s. schiavone".
            initial = _LOWER_INITIAL.match(text, end)
            after = initial.end() if initial else end
            # ... and a particle: "michelle van haeften", "zoé bin masse", "marie de faure".
            particle = _LOWER_NAME_PARTICLE.match(text, after)
            after = particle.end() if particle else after
            nxt = _LOWER_WORD.match(text, after + 1) if text[after : after + 1] == " " else None
            if particle and nxt and nxt.group()[:1].upper() + nxt.group()[1:] in self.places:
                nxt = None  # "maria de madrid": where she is from
            if initial and nxt and is_common_word(nxt.group()) and (initial.group().strip(" .") in ("a", "i") or nxt.group().title() not in family_names()):
                nxt = None  # "told sophia a story": an article, not an initial
            if nxt and _POSSESSIVE.sub("", nxt.group()) in _LOWER_NOT_SURNAMES:
                nxt = None  # "spencer street", "cole hill", "india ltd": streets are named after people, firms too
            if nxt and not _PERSON_VERB.match(" " + nxt.group()) and nxt.group() not in common and (
                _POSSESSIVE.sub("", nxt.group()).title() in family_names()
                or "-" in nxt.group() or not nxt.group().isascii()
                or (self.supported_language == "en" and not is_common_word(nxt.group()) and len(nxt.group()) >= 3
                    and not nxt.group().endswith(("ed", "ing"))
                    # after a given name that is a word too, an unlisted surname only past an initial ("server took")
                    and (not worded or initial is not None))
            ):
                end = nxt.end()
            elif worded:
                continue
            possessive = _POSSESSIVE.search(text, match.start(), end)
            if possessive and text[possessive.start() : possessive.end()] != "'":
                end = possessive.start()  # "silas lorenzen's killers": the name, not its possessive
            results.append(_result(self, match.start(), end, self.LOWER_CASE_SCORE, "given name in lower-case text"))
        return results


# A word that puts a place after it, in the four languages, then up to three lower-case words.
_PLACE_AFTER = regex.compile(
    r"(?<![\p{L}])(?:in|into|near|to|from|at|around|outside|via|then|en|à|a|de|desde|hacia|cerca de|près de|vers|nach|aus|bei|von)[ ]+"
    r"(?P<words>\p{Ll}[\p{Ll}'’-]+(?:[ ]\p{Ll}[\p{Ll}'’-]+){0,2})"
)


# A second place right after one, in lower case: "boise, idaho", "porto, portugal", "lyon - france".
_LOWER_NEXT_PLACE = regex.compile(r"(?:,[ ]*|[ ]-[ ])(?P<words>\p{Ll}[\p{Ll}'’-]+(?:[ ]\p{Ll}[\p{Ll}'’-]+){0,2})")


@functools.lru_cache(maxsize=1)
def folded_place_names() -> FrozenSet[str]:
    """:func:`place_names` lower-cased and without accents: chat drops them ("gdansk", "malmo", "sao paulo")."""
    return frozenset(fold(p) for p in place_names())


def _known_place_run(words: str, places, folded) -> Optional[int]:
    """The length of the longest run of lower-case words at the start of ``words`` that names a known
    place ("buenos aires", "new york city", "gdansk" for Gdańsk), or None."""
    split = words.split(" ")
    for n in range(len(split), 0, -1):
        candidate = " ".join(split[:n])
        if " ".join(w[:1].upper() + w[1:] for w in split[:n]) in places or fold(candidate) in folded:
            return len(candidate)
    return None


# What says a town follows, and how the town ends: "originally from Jõhvi,", "arrived at Kruså this morning".
# Not "moved to" or "I'm in": software is moved to and worked in ("moved to Kubernetes", "I'm in Figma").
_TOWN = (
    r"\p{Lu}[\p{Ll}'’]+(?:[ -](?:(?:u|pri|na|am|an der|de los|de las|de|del|do|dos|da|das|di|la|le|sur|on|upon)[ -])?\p{Lu}[\p{Ll}'’]+){0,3}"
    # In capitals, as forms and labels print towns: "TROMSØ", "NORTH BAY", "LE CREUSOT", "COOLOOLA COVE".
    r"|(?:(?:LE|LA|LES|EL|LOS|LAS|DE|DEN|DA|DI)[ ])?\p{Lu}{3,}(?:[ -]\p{Lu}{3,}){0,2}"
)
# In a sentence written in lower case: one word, or two ("frederiksberg c").
# or three with a particle between ("mota del cuervo", "san juan de la vega" stops at "juan de").
# A chat's filler or a time is no second word of it: "i live in kokkola btw", "heading to tartu tomorrow".
_LOWER_TOWN = (
    r"\p{Ll}[\p{Ll}'’-]{2,}(?:[ ](?:(?:del|de|da|do|dos|di|la|le|los|las|sur|am)[ ])?"
    r"(?!(?:btw|rn|lol|lmao|tbh|omg|asap|atm|idk|imo|tmrw|tmr|tomorrow|today|tonight|now|soon|later|yet|too|again|ok|okay"
    r"|pls|plz|thx|though|tho|anyway|next|last|this)\b)\p{Ll}[\p{Ll}'’-]*)?"
)
# Where someone is from, lives or travels to: after these, even a capitalized dictionary word is a town.
_PERSONAL_LEADS = (
    r"originally from|moved here from|grew up in|born in|arrived (?:at|in)|flew (?:in )?(?:to|from)|relocated to"
    r"|li(?:ve|ves|ved|ving) in|hails from|(?:a )?native of|(?:a )?resident of|travell?ed to|(?:on )?(?:vacation|holiday) in"
    r"|raised in|hometown (?:is|of)|li(?:ve|ves|ved|ving) (?:just )?(?:outside(?: of)?|near)"
)
# Where people move, travel and stay, in more words than the leads above: a journey's verb with its
# preposition ("moved back to", "commuting into", "a ferry from"), a stay ("stopped in", "settled in"),
# a thing that stands in a town ("a hotel in", "our team in"), what lies around one ("the outskirts
# of", "near"). Not the verbs of errands and companies ("went to", "drove to", "work in", "news
# from", "visit"): shops, firms, sites and tools are gone to, worked in and visited as much as towns.
_TRAVEL_LEADS = (
    r"(?:move[sd]?|moving|relocat(?:e|es|ed|ing)|emigrat(?:e|es|ed|ing)|immigrat(?:e|es|ed|ing)|commut(?:e|es|ed|ing)"
    r"|fly|flies|flew|flying|sail(?:s|ed|ing)?|travel(?:s|led|ed|ling|ing)?|fled|flee(?:s|ing)?|evacuated|deported"
    r"|trains?|buses|ferr(?:y|ies)|tickets?|trips?|journeys?|tours?|cruise|honeymoon|visa)"
    r"(?:[ ](?:back|home|over|out|down|away|all[ ]the[ ]way|directly|straight))?[ ](?:to|from|into|via)"
    r"|(?:stopp(?:ed|ing)|stuck|settled|landed|stationed|vacationing|holidaying|stud(?:ied|ying)|grew[ ]up|retired"
    r"|married|buried|died|located|situated|residing|resides|camping|camped|layover|stopover"
    r"|spent(?:[ ](?:a|the|two|three|four|five|six|few|our|my|his|her|their|last|whole|entire|summer|winter|week|weekend"
    r"|weeks|months|years|days|night|nights|holidays?)){1,3})[ ]in"
    r"|visiting|visited|(?:hotel|hotels|restaurant|apartment|flat|house|home|cabin|farm|family|parents|relatives|friends"
    r"|branch|store|shop|team|school|university|hospital|clinic|airport|conference|wedding|festival|week|weekend|summer"
    r"|winter)[ ]in|(?:outskirts|suburbs?|centre|center|capital|province|region|county|mayor)[ ]of|near|outside"
)
# The verbs of moving among those leads, and who moves when a person does.
_MOVE_LEAD = regex.compile(r"(?i:move[sd]?|moving|relocat(?:e|es|ed|ing)|migrat(?:e|es|ed|ing))[ ]")
_PERSON_SUBJECT = regex.compile(
    r"(?i:(?<![\p{L}])(?:i|he|she|i've|i'd|he's|she's|(?:my|his|her|our|their)[ ](?:\p{L}+[ ])?(?:parents|family|wife|husband|sister"
    r"|brother|mother|father|mum|mom|dad|son|daughter|kids|children|grandparents|grandmother|grandfather|cousin|aunt|uncle"
    r"|friend|friends|partner|boyfriend|girlfriend|neighbou?rs?))[ ](?:has[ ]|have[ ]|had[ ]|just[ ]|recently[ ]|finally[ ])?)\Z"
)
_PLACE_LEADS = (
    _PERSONAL_LEADS + r"|based in|returned to|(?:street|road|avenue|village|town|city|suburb|district|municipality) in"
    # Where a business has a site, what a town is called, where a journey goes.
    r"|(?:office|offices|headquarters|headquartered|factory|campus) in|(?:town|city|village|municipality|county) of"
    r"|(?:flight|flights|trip|journey|train|bus|ferry) (?:to|from)|(?:heading|headed|driving|flying|sailing) to"
    r"|weather (?:in|for)|(?:shipped|mailed) (?:from|to)|delivered to|" + _TRAVEL_LEADS
    # Trips by road and visits, said by who makes them ("we drove from", "I want to visit"); goods
    # sent to a customer ("can you ship it to", "do you deliver to"); news of what happened in a town.
    # Not "drove to": shops and firms are driven to as much as towns ("he drove to Walmart").
    + r"|(?:drive|drives|drove|driving|driven|road trip|backpacking|hitchhik(?:e|ed|ing))(?: (?:back|down|up|over|out|home))? (?:from|through|around)"
    r"|(?:i|we|you|they|to|will|would|gonna|wanna|should|must|can|could|never|finally|also|then|and) visit"
    r"|(?:ship|ships|shipping|deliver|delivers|delivering|send|post)(?: (?:it|them|this|that|these|those|everything|the parcel|the package|orders?))? to"
    r"|greetings from|(?:sent|writing|calling|texting) from my (?:phone|mobile|tablet|laptop|hotel|hotel room) in"
    r"|(?:in|from|to) (?:sunny|rainy|snowy|windy|beautiful|lovely|gorgeous|historic|downtown)|(?:got|get|came|coming|be|am|are|is|just) back from"
    r"|(?:fires?|" + NEWS_IN_TOWN + r") in"
    # A town one comes home to, studies in, spends a year in, crosses the world for: "my home town
    # Kuopio", "the University of Tartu", "my 10th year in Pori", "from all over the world to Vihti".
    r"|(?:home|native) (?:city|town|village)|(?:university|college) of"
    r"|(?:first|second|third|fourth|fifth|final|last|[0-9]+(?:st|nd|rd|th)) year in|(?:over|around|across) the world to"
    # Where people meet and who comes from where, in chat: "see you in Alingsås!", "anyone here from højer?".
    r"|(?:see|meet) (?:you|u|ya|us|them|everyone|you all|you guys) in|(?:anyone|anybody|someone|people|folks|everyone) (?:here )?from"
    # A company's site: "a year at Acme Ltd. in Groot-Loon", "Nordwind GmbH in Celle".
    + r"|(?:ltd|inc|corp|co|llc|plc|gmbh|ag|sa|bv|nv|ab|oy|srl|spa|corporation|company|limited|incorporated)\.?[ ]in"
)
_TRIP_LEAD = r"am|is|are|was|were|stay|stays|staying|stayed"
_PERSONAL_LEAD = regex.compile(r"(?i:" + _PERSONAL_LEADS + r"|(?:" + _TRIP_LEAD + r") in)[ ]")


# What a sentence goes on with after a town that ends it: an adverb, a verb of which the town is the
# subject ("the mayor of Mölndal resigned", "police in Bouchet arrested"), chat's fillers ("i live in
# kokkola btw"). Not a past participle that makes the name a tool's or a firm's mark ("Kubernetes based",
# "Postgres backed", "Figma inspired").
_TOWN_GOES_ON = (
    r"|[ ](?:are|were|have|can|could|would|should|did|does|got|gets|right|yet|too|first|early|late|overnight|instead"
    r"|already|anyway|though|btw|rn|lol|tbh|asap|atm|tmrw|u|last|next|each|all|once|twice|lately|recently|sometime)\b"
    r"|[ ](?!(?:based|powered|backed|related|shaped|sized|named|called|used|hosted|enabled|styled|themed|flavou?red"
    r"|scented|inspired|owned|funded|approved|certified|licensed|branded|designed|developed|built|generated|encoded"
    r"|compiled|installed|configured|formatted|signed|encrypted|indexed|supported|managed|integrated|deployed)\b)\p{Ll}{3,}ed\b"
)


def _place_phrase(town: str) -> "regex.Pattern[str]":
    return regex.compile(
        # A district may follow the town ("Frederiksberg C", "Praha 10"): join_address_parts takes it in.
        r"(?<![\p{L}])(?i:" + _PLACE_LEADS + r")[ ](?P<place>" + town + r")(?:[ ](?:[B-HJ-Z]|Æ|Ø|Å|\d{1,2}))?"
        r"(?=[ \t]*(?:[.,;:!?)]|$|\n|[ ](?:for|by|this|last|next|on|in|and|with|after|before|where|which|from"
        r"|is|was|has|had|will|tomorrow|today|tonight|yesterday|soon|later|to|during|until|since|every|again|now|because|but|or"
        r"|when|while|then|at|as|via)\b" + _TOWN_GOES_ON + r"))"
        # Where one is, for a trip: "I am in Kustja for a business trip" (not "I'm in Figma for a while").
        r"|(?<![\p{L}])(?i:" + _TRIP_LEAD + r")[ ]in[ ](?P<place>" + town + r")"
        r"(?=[ ]for[ ](?:a|the|my|our|his|her)[ ](?:business[ ]|work[ ]|short[ ]|family[ ])?(?:trip|visit|holiday|vacation|conference)\b)"
    )


_PLACE_PHRASE = _place_phrase(_TOWN)
# A town followed by its country: "Strovolos, Cyprus", "Location: Cite Ennouzha, Tunisia".
_TOWN_COUNTRY = regex.compile(
    # Only after a space or an opening mark: "ΟΡΜΙ∆ΕΙΑ" written with a math sign inside is not "ΕΙΑ".
    r"(?<![^\s(\[\"'“‘:])(?P<place>" + _TOWN + r"),[ ](?P<country>\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+){0,2})(?![\p{L}\d'’-])"
)
# A town alone on its line over its country's, as an address block without a street ends:
# "Hamilton East\nNew Zealand".
_TOWN_COUNTRY_LINES = regex.compile(
    r"(?m:^)[ \t>*-]*(?P<place>" + _TOWN + r")[ \t]*\n[ \t>*-]*(?P<country>\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+){0,2})[ \t]*(?m:$)"
)
# A town followed by its state or province code: "Danville, VA", "Port Orange, FL." Not a code that is
# also an English word in capitals, a company's form or a degree after a name ("Cancel, OK", "Acme, SA",
# "Dorothy Williams, MD").
_TOWN_STATE = regex.compile(r"(?<![^\s(\[\"'“‘:])(?P<place>" + _TOWN + r"),[ ](?P<state>[A-Z]{2,3})(?![\p{L}\d'’-])")
_ZIP_AFTER = regex.compile(r"[ ]+\d{5}(?:-\d{4})?(?![\d-])")
_STATE_WORDS = frozenset("OK IN OR ME HI ID OH SA ACT AS PR MS NB NS PE MD DC PA".split())
# A town the sentence says is one: "Kokkola is a beautiful town", "Strovolos is the capital".
_DESCRIBED_PLACE = regex.compile(
    r"(?<![\p{L}\d'’-])(?P<place>" + _TOWN + r")[ ](?:is|was)[ ](?:a|an|the)[ ](?:[\p{Ll}-]+[ ]){0,3}"
    r"(?:town|city|village|capital|municipality|suburb|province|region|island|port|seaside[ ]resort)\b"
)
# A town named by a landmark of its own, written after it: "Oslo airport", "the Bergamo bridge",
# "Porto harbour", "Leuven train station".
_LANDMARK = regex.compile(
    r"(?<![\p{L}\d'’-])(?P<place>" + _TOWN + r")[ ](?:international[ ])?(?:airport|(?:train[ ]|railway[ ]|bus[ ])?station|harbou?r|bridge"
    r"|cathedral|city[ ]cent(?:re|er)|town[ ]hall|old[ ]town)\b"
)
_LOWER_PLACE_PHRASE = _place_phrase(_LOWER_TOWN)
# Every place phrase opens with one of its leads, after no letter, matched in any case. In an ASCII
# text that is the leads' own pattern (lower-case ASCII words, spaces, dots) matching the lower-cased
# text after no a-z, which Python's re finds at every offset in a third of the time the phrases'
# own scan takes; lower-casing ASCII keeps every offset. A lead written with anything else (a capital,
# a negated class, an escape other than a dot) turns the shortcut off.
_LEAD_SOURCE = _PLACE_LEADS + r"|(?:" + _TRIP_LEAD + r")[ ]in"
_LEAD_START = (
    re.compile(r"(?=(?<![a-z])(?:" + _LEAD_SOURCE + r")[ ])")
    if regex.fullmatch(r"(?:[a-z0-9 |()?:{},+]|\\\.|\[[a-z0-9 -]+\])*", _LEAD_SOURCE)
    else None
)


def _lead_starts(text: str) -> Optional[List[int]]:
    """The offsets where a lead of the place phrases matches, or ``None`` when only the phrases' own scan can say."""
    if _LEAD_START is None or not text.isascii():
        return None
    return [m.start() for m in _LEAD_START.finditer(text.lower())]


def _phrases(pattern: "regex.Pattern[str]", text: str, starts: Optional[List[int]]) -> list:
    """The matches of ``pattern.finditer(text)``, tried only at ``starts`` when given (each one begins at a lead)."""
    if starts is None:
        return list(pattern.finditer(text))
    found: list = []
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match:
                found.append(match)
                end = match.end()
    return found


# Right before a lower-case word, a lead that may put a town there (lowercase.StartRule of PlaceRecognizer).
_LEAD_BEFORE = regex.compile(r"(?<![\p{L}])(?i:" + _PLACE_LEADS + r"|(?:" + _TRIP_LEAD + r")[ ]in)[ ]+\Z")
# Words that begin or end many towns' names and are dictionary words too: "Saint Clair", "Hornby South".
_TOWN_AFFIXES = frozenset("saint santa san sao são port mount fort cape villa vila cite cité lake great little upper lower new north south east west".split())
# Words that begin many towns' names, ordinary English words or not: "Sidi Bouzid", "Puerto Montt", "Monte Carlo".
_TOWN_STARTS = _TOWN_AFFIXES | TOWN_FIRST_WORDS | SAINT_WORDS | frozenset("monte castel castello villeneuve".split())
# Of those, the ones a given name follows in a town's name ("San Juan", "Vila Franca", "Sidi Ahmed");
# not English words that also stand before people ("Great Aunt Mary", "Little Maria").
_SAINT_TOWN_WORDS = TOWN_FIRST_WORDS | SAINT_WORDS
# Words that begin towns named after a person, as new towns are: "Lake Travis", "Port Shane", "North
# Kimberly", "Nueva Esperanza". Not "Great", "Little" ("Great Aunt Mary", "Little Maria").
_COMPASS_TOWN_WORDS = frozenset("lake port mount fort new north south east west nueva nuevo vieja viejo nova novo novi nowa nowy".split())
# What ends "I'm in <town>": the sentence, or a time ("until Friday", "right now").
_BEING_IN_AFTER = regex.compile(
    r"[ \t]*(?:[.,;:!?)]|$|\n|[ ](?:today|tonight|tomorrow|now|right[ ]now|rn|this[ ]week|this[ ]weekend|until|till|since"
    r"|at[ ]the[ ]moment)\b)"
)
# A capitalized name after a space, as :meth:`PlaceRecognizer._slotted_places` reads it.
# It ends where a sentence goes on with a pause or a small word, not a noun: "based in Kubernetes clusters".
_SLOT_TOWN = regex.compile(
    r"(?:" + _TOWN + r")(?![\p{L}\d'’-])(?=[ \t]*(?:[.,;:!?)]|$|\n|[ ](?:for|by|this|last|next|on|in|and|with|after|before|where"
    r"|which|from|is|are|was|were|has|have|had|will|tomorrow|today|tonight|yesterday|soon|later|to|during|until|since|every|again|now|because"
    r"|but|or|when|while|then|at|as|via|said|says|refused|et|ou|depuis|avec|pour|hier|demain|y|o|desde|con|para|ayer|hoy"
    r"|mañana|und|oder|seit|bei|mit|zu|im|am|gestern|heute|morgen|gezogen|umgezogen|gefahren|geflogen|gereist|geboren"
    r"|aufgewachsen|zurückgekehrt)\b" + _TOWN_GOES_ON + r"))"
)


# A person's title, that a sentence cut at its period leaves alone after a lead: "ship to Dr. Haddad".
_TITLE_WORDS = frozenset("mr mrs ms mx dr prof".split())
# Capitalized words after a word of place that name a time or an institution, not a town.
_NOT_TOWNS = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday spring summer autumn fall winter christmas easter midnight noon
    dawn dusk night day week weekend home work school college university church hospital office heaven hell
    earth sea land world""".split()
) | NOT_NAMES | NOISE_WORDS


# Where someone lives, was born, moved or comes from, in French and Spanish (companies are worked at
# "chez", and "trabajo en" or "es de" name firms and owners as often as towns); then a town and a
# pause or a lower-case word.
_ROMANCE_TOWN = (
    r"[ ](?P<place>\p{Lu}[\p{Ll}'’]+(?:[ -](?:(?:de|del|de la|du|des|la|le|les|sur|en|y)[ -])?\p{Lu}[\p{Ll}'’]+){0,3})"
    r"(?=[ \t]*(?:[.,;:!?)]|$|\n|[ ]\p{Ll}))"
)
_ROMANCE_LEADS = {
    "fr": regex.compile(
        r"(?<![\p{L}])(?i:habit(?:e|es|ent|ons|ez|ais|ait|aient|é|ée)|vi(?:t|s|vent|vons|vez|vait|vaient)|né|née|nés|nées"
        r"|originaires?|install(?:é|ée|és|ées)|déménag(?:é|ée|és|ées|e|er)|domicili(?:é|ée)|résid(?:ant|e|ent)|séjourn(?:e|ons|é|ée)"
        r"|travaill(?:e|es|ent|ons|ez|ait)|arriv(?:é|ée|és|ées)|part(?:i|ie|is|ies)|venu|venue|viens|vient|viennent)"
        r"[ ](?:à|a|en|au|de|d['’])" + _ROMANCE_TOWN
    ),
    "es": regex.compile(
        r"(?<![\p{L}])(?i:viv(?:o|e|es|imos|en|ía|ían|ió)|nac(?:í|ió|ida|ido|idas|idos)|resid(?:o|e|en|imos|ente)"
        r"|(?:me|se|nos|te)[ ]mud(?:é|ó|amos|aron|aste)|mudad[oa]s?|soy|somos|eres|originari[oa]s?|oriund[oa]s?|veng[oa]"
        r"|vien(?:e|en|es)|llegu(?:é)|lleg(?:ó|amos|aron))"
        r"[ ](?:en|a|de|desde)" + _ROMANCE_TOWN
    ),
}

# A county by the word before or after its name: "County Kerry", "Co. Mayo", "Marin County".
_COUNTY = regex.compile(
    r"(?<![\p{L}])(?:County|Co\.)[ ](?P<name>\p{Lu}\p{Ll}+)(?![\p{L}\d'’-])"
    r"|(?<![\p{L}\d'’-])(?P<name>\p{Lu}\p{Ll}+)[ ]County(?![ ](?:Council|Court|Commission|Board|Hall|Fair|Clerk|Line|Road|Sheriff)|[\p{L}])"
)


# Articles that begin towns' names: "Las Toscas", "Le Creusot", "El Paso", "La Paz".
_ARTICLES = frozenset("la las los le les el il lo".split())
# Particles that begin towns' names as well as surnames: "Da Nang", "Den Haag", "De Aar", "Dos Hermanas".
_LEADING_PARTICLES = frozenset("da de den der do dos das du di".split())


def _core_words(words: List[str]) -> List[str]:
    """The words of a town's name its check reads: particles ("del", "pri", "do", written in capitals
    either: "Santa Lucia Del Mela", "Vila do Conde") and a leading article ("Las Toscas") are no part of it."""
    if len(words) > 1 and (words[0].lower() in _ARTICLES or (words[0].lower() in _LEADING_PARTICLES and words[1] not in family_names())):
        words = words[1:]  # "Da Nang", "Den Helder"; not "Da Silva", a surname
    return words[:1] + [w for w in words[1:] if not w.islower() and w.lower() not in _PARTICLES]


# "Cyprus (Greek)", "Belgium (Flemish)": one capitalized word in brackets right after a place.
_QUALIFIER = regex.compile(r"[ ]\((\p{Lu}\p{Ll}+)\)")
# A lower-case word that may be a country's one-word name ("spain"; "new zealand" only after a word of place).
_LOWER_WORD_RUN = regex.compile(r"(?<![\p{L}\d'’@._/-])\p{Ll}{4,}(?![\p{L}\d@_/-])")


# Right before a lower-case word, what may put a known place there that lowercase.AFTER_PLACE_WORD does
# not read: "flying into lisbon", "then porto", a second place after a comma ("boise, idaho").
_MORE_PLACE_BEFORE = regex.compile(r"(?:(?<![\p{L}])(?:in|into|near|to|from|at|around|outside|via|then)[ ]+|,[ ]*|[ ]-[ ])\Z")


@functools.lru_cache(maxsize=1)
def _folded_first_words() -> FrozenSet[str]:
    return frozenset(name.split(" ")[0] for name in folded_place_names())


def _place_or_country(entity: str, before: str, core: str) -> bool:
    return (
        lowercase.AFTER_PLACE_WORD(entity, before, core)
        or core in country_names()
        or (_LEAD_BEFORE.search(before) is not None and not is_common_word(core))
        or (_MORE_PLACE_BEFORE.search(before) is not None and fold(core) in _folded_first_words())
    )


# Names joined by hyphens around a particle are towns' ("Aix-en-Provence", "Stratford-upon-Avon",
# "Châlons-en-Champagne", "Frankfurt-am-Main"); a person's double name has none ("Jean-Pierre").
_PARTICLE_COMPOUND = regex.compile(
    r"(?<![\p{L}\d-])\p{Lu}\p{Ll}+(?:-(?:en|sur|sous|le|la|les|lès|de|du|des|upon|on|under|am|an|im|ob|bei|di|del|dei)-\p{Lu}\p{Ll}+)+"
    r"(?![\p{L}\d-])"
)


# Names listed together on a line: "Lyon, Porto and Gdańsk", "Cities: Tartu; Võru; Pärnu", "between
# Hvalsø and Lund". A name of the list is one item, each after no letter and before no letter.
_LIST_ITEM = r"(?:" + _TOWN + r")(?:-(?:[\p{Ll}]+-)?\p{Lu}[\p{Ll}'’]+)*"
_LIST_JOIN = r"(?:,[ ](?:and[ ]|or[ ]|&[ ])?|;[ ]|[ ](?:and|or|&)[ ])"
_PLACE_LIST = regex.compile(r"(?<![\p{L}\d'’-])" + _LIST_ITEM + r"(?:" + _LIST_JOIN + _LIST_ITEM + r")+(?![\p{L}\d'’-])")
_LIST_ITEMS = regex.compile(r"(?<![\p{L}\d'’-])" + _LIST_ITEM + r"(?![\p{L}\d'’-])")
# The rest of a town's name after its first words, joined by a particle of the town's language:
# "Frankfurt| am Main", "Spittal| an der Drau", "Stráž| nad Nežárkou", "Šempeter| pri Gorici", "San Vicente| y las
# Granadinas". Not a bare "y", "and" or "on" ("Madrid y Barcelona", "Lyon on Friday" are two things).
_TOWN_TAIL = regex.compile(
    r"[ ](?:an[ ]der|an[ ]dem|am|an|im|ob|bei|vor[ ]der|nad|pod|pri|na|de|del|de[ ]la|de[ ]las|de[ ]los|do|dos|da|das|di"
    r"|upon|y[ ]las|y[ ]los|e[ ]la)[ ](\p{Lu}[\p{Ll}'’]+)(?![\p{L}\d'’-])"
)
# A region's or a town's name written with the lower-case word that says what it is: "Košický kraj",
# "Kalmar län", "Novo mesto", "Békés megye", "Kharkiv oblast".
_REGION_WORD = regex.compile(
    r"(?<![\p{L}\d'’-])\p{Lu}[\p{Ll}'’]+(?:-\p{Ll}+)?[ ](?:kraj|län|mesto|město|megye|vármegye|oblast|fylke|kommune|kommun|okres|powiat|gmina|županija)"
    r"(?![\p{L}\d'’-])"
)


@functools.lru_cache(maxsize=1)
def _joined_place_names() -> Tuple[str, ...]:
    """Known places whose name joins two names by "and" ("Trinidad and Tobago", "Saint Pierre and
    Miquelon"), which the runs of capitalized words (split at "and") never read whole."""
    return tuple(p for p in place_names() if " and " in p)


# What lists people right before a list ("members present:", "founders:", "thanks to").
_PEOPLE_BEFORE_LIST = regex.compile(
    r"(?i:(?<![\p{L}])(?:members|founders|co-founders|present|attendees|attending|speakers|authors|players|guests|participants"
    r"|staff|panel|panelists|panellists|judges|witnesses|signatories|partners|directors|employees|colleagues|students"
    r"|candidates|invitees|cast|starring|featuring|thanks[ ]to|congrats[ ]to|cc|signed[ ]by|written[ ]by|by)\b[^\n.;]{0,24})\Z"
)
_LIST_JOIN_WORD = regex.compile(r"[ ](?:and|or|&)[ ]|;")
_NUMBER_AFTER = regex.compile(r"\.?[ ]*\d")
_NEXT_CAPITAL = regex.compile(r"[ ](\p{Lu}[\p{Ll}'’]+)(?![\p{L}\d'’-])")
# A town a firm or a person is based in, written before "-based" and a noun of who is: "a Tartu-based
# designer", "the Hvalsø-based startup". Not "a Java-based tool", "a cloud-based service".
_BASED = regex.compile(
    r"(?<![\p{L}\d'’-])(?P<place>" + _TOWN + r")-based[ ](?:[\p{Ll}-]+[ ]){0,2}?(?:designer|artist|writer|author|photographer"
    r"|musician|band|singer|songwriter|rapper|producer|dj|painter|sculptor|illustrator|architect|journalist|reporter|lawyer"
    r"|attorney|consultant|chef|doctor|dentist|nurse|therapist|coach|trainer|teacher|researcher|scientist|entrepreneur"
    r"|founder|family|couple|company|firm|startup|start-up|agency|studio|charity|brewery|winery|bakery|restaurant|retailer"
    r"|practice|business|group|team|club|label|publisher|nonprofit|non-profit|organi[sz]ation|manufacturer|supplier)s?\b"
)
# A journey written with an arrow between two towns, on a line that says it is one: "Flying Oslo -> Bergen",
# "Route: Lyon → Porto". Not menus and paths ("Settings -> Privacy", "File → Export").
_ROUTE = regex.compile(
    r"(?<![\p{L}\d'’-])(?P<place>" + _TOWN + r")[ ]?(?:->|→|=>|⇒|—>)[ ]?(?P<to>" + _TOWN + r")(?![\p{L}\d'’-])"
)
_JOURNEY_WORDS = regex.compile(
    r"(?i:(?<![\p{L}])(?:fly|flying|flight|flights|flew|route|train|bus|ferry|trip|drive|driving|drove|ship|shipping|shipment"
    r"|transfer|leg|itinerary|travel|travelling|traveling|journey|ride|cruise|layover|connection)(?![\p{L}]))"
)
# A weather report that opens with its town: "Tartu: 14°C, light rain", "Oslo 3 °C".
_WEATHER_LINE = regex.compile(
    r"(?m:^[ \t>*-]*(?P<place>" + _TOWN + r")(?:,[ ](?P<region>" + _TOWN + r"))?:?[ ][-+−]?\d{1,2}(?:[.,]\d)?[ ]?°[ ]?[CF]?)"
)
# What spaCy's English models call places.
_PLACE_LABELS = frozenset({"GPE", "LOC", "LOCATION"})


class PlaceRecognizer(LocalRecognizer):
    """Countries, regions and large cities from :func:`~pii_rails.detection.predefined.lexicon.place_names`."""

    LOWER_START = lowercase.StartRule(_place_or_country)  # "stuck in denver", "spain was fun"

    SCORE = 0.6
    LOWER_CASE_SCORE = 0.5
    # Above a family name's alone (0.6): "Stops: Lyon, Mendoza and Porto" lists towns.
    LIST_SCORE = 0.65
    _MAX_WORDS = 4

    def __init__(self, supported_language: str = "en", supported_entity: str = "LOCATION", name: Optional[str] = None):
        super().__init__(supported_entities=[supported_entity], supported_language=supported_language, name=name)

    def load(self) -> None:  # noqa: D102
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:  # noqa: D102
        places, names = place_names(), given_names()
        results = []
        for piece_start, piece_end in _joined_names(text, names):
            words = [(m.start(), m.end()) for m in _WORD.finditer(text, piece_start, piece_end)]
            i = 0
            while i < len(words):
                # Longest place name starting at word i: "Salt Lake City", "New York".
                for j in range(min(len(words), i + self._MAX_WORDS), i, -1):
                    candidate = text[words[i][0] : words[j - 1][1]]
                    if candidate in places:
                        if self._standalone(text, words, i, j, names) and not person_slot(text, words[i][0], words[j - 1][1]):
                            end = words[j - 1][1]
                            # "Cyprus (Greek)": a qualifier in brackets is part of the name.
                            qualifier = _QUALIFIER.match(text, end)
                            if qualifier and qualifier.group(1) not in places:
                                end = qualifier.end()
                            results.append(_result(self, words[i][0], end, self.SCORE, "known place name"))
                        i = j - 1
                        break
                i += 1
        # Most texts are written with capitals: the lower-case readings run only where a sentence has none.
        lower_case = _any_lower_case_sentence(text, _PLACE_CODE)
        if lower_case:
            results.extend(self._lower_case_places(text, places))
            results.extend(self._lower_case_countries(text, results))
        results.extend(self._unlisted_places(text, names, nlp_artifacts, lower_case))
        results.extend(self._slotted_places(text, results))
        # "Banco Santander SA", "Nuveen California Municipal Fund": a place inside a firm's name is no place.
        # ... nor a country standing for a nationality: "the Brazil government", "a 1991 Brazil action film".
        results = [r for r in results if not (inside_organization(text, r.start, r.end) or nationality(text, r.start, r.end))]
        results.extend(self._whole_names(text, results, nlp_artifacts))
        if common_words_known(self.supported_language):
            results.extend(self._shaped_places(text, names))
        if common_words_known(self.supported_language) and (", " in text or "; " in text or " and " in text or " or " in text):
            results.extend(self._listed_places(text, results, names))
        if "County" in text or "Co. " in text:
            results.extend(self._counties(text))
        if "-" in text:
            results.extend(
                _result(self, m.start(), m.end(), self.LOWER_CASE_SCORE, "name joined by a particle")
                for m in _PARTICLE_COMPOUND.finditer(text)
            )
        return results

    def _unlisted_places(self, text: str, names, nlp_artifacts=None, lower_case: bool = True) -> List[RecognizerResult]:
        """Towns no list holds where the sentence says a place follows: "originally from Jõhvi",
        "we returned to Hvalsø by train", "a studio based in Gorgier". Each word must be no
        dictionary word and no given name alone, and the text no software text ("based in React").
        ``lower_case``: whether any sentence of ``text`` is written in lower case (the phrases in lower
        case count only in such a sentence, and most texts have none: their scan is skipped).
        English only, whose dictionary words are known; French and Spanish after the words of where
        someone lives or comes from (see :meth:`_romance_towns`)."""
        if not common_words_known(self.supported_language):
            return self._romance_towns(text, names) if self.supported_language in _ROMANCE_LEADS else []
        starts = _lead_starts(text)
        phrases = _phrases(_PLACE_PHRASE, text, starts)
        landmarks = list(_LANDMARK.finditer(text))
        lower_phrases = _phrases(_LOWER_PLACE_PHRASE, text, starts) if lower_case else []
        countries = country_names()
        # Towns the words after them say are towns: a country, a state code, a description.
        named, states = [], []
        if ", " in text:  # the two scans cost more than looking for what both need
            named = [m for m in _TOWN_COUNTRY.finditer(text) if m.group("country").lower() in countries or self._region_after_town(m)]
            # A code that is also a word ("ID", "OK", "IN") is a state with a ZIP code after it: "Boise, ID 83702".
            states = [
                m for m in _TOWN_STATE.finditer(text)
                if m.group("state") in STATE_CODES and (m.group("state") not in _STATE_WORDS or _ZIP_AFTER.match(text, m.end()))
            ]
        named += states
        lines: list = []
        if "\n" in text:
            lines = [m for m in _TOWN_COUNTRY_LINES.finditer(text) if m.group("country").lower() in countries]
            named += lines
        if " is " in text or " was " in text:
            named += list(_DESCRIBED_PLACE.finditer(text))
        # Reading the text for signs of software costs more than the scans: only a text
        # with a place phrase in it needs to be read.
        if not (phrases or landmarks or lower_phrases or named) or technical(text):
            return []
        results = []
        for match in phrases:
            # Particles ("del", "pri") are no part of the check, written in capitals either ("Santa Lucia Del Mela").
            words = _core_words(match.group("place").replace("-", " ").split())
            # Only words of where someone is from, lives or travels let a capitalized dictionary word
            # in: a state is returned to ("returned to Normal"), a plan based in ("Great Detail").
            capitalized = _PERSONAL_LEAD.match(match.group()) is not None
            if not self._town_words(words, capitalized=capitalized) or (len(words) == 1 and (words[0] in names or words[0].lower() in _TITLE_WORDS)):
                continue
            # "go to Jorge Luis Jiménez": a given name first makes the words a person's, but in a known
            # place or after a word that begins towns' names ("Santa Lucía del Este").
            if len(words) > 1 and words[0] in names and words[0].lower() not in _TOWN_STARTS and " ".join(words) not in place_names():
                continue
            # A dictionary word let in for its capital may be a surname too: "returned to John Baker"
            # (not after a word that begins towns' names: "Santa Teresa di Riva").
            if (
                words[0].lower() not in _TOWN_STARTS
                and not self._town_words(words)
                and any(w in names or w in family_names() for w in words)
            ):
                continue
            if self._migrated_system(text, match, nlp_artifacts):
                continue
            results.append(_result(self, match.start("place"), match.end("place"), self.LOWER_CASE_SCORE, "place after a word of place"))
        for match in named:
            words = _core_words(match.group("place").split())
            # A state code is sure enough to let a capitalized dictionary word in: "Port Orange, FL".
            by_state = match in states
            if (
                self._town_words(words, capitalized=by_state)
                and not (len(words) == 1 and (words[0] in names or words[0].title() in names))
                # "Provider: Golnaz Mostofi, MD", "Tell Maria, CA ...": a given name makes it a person's,
                # but after a word that begins towns' names ("San Jose, CA").
                and not (by_state and any(w in names and (i == 0 or words[i - 1].lower() not in _TOWN_STARTS) for i, w in enumerate(words)))
                # A signature's name over its country ("Mikko Virtanen\nFinland") is a person's; not
                # "Hamilton East", a given name and a compass word.
                and not (match in lines and words[0] in names and (words[-1] in names or words[-1] in family_names()))
                and words[-1].lower() not in _COMPANY_WORDS
            ):
                results.append(_result(self, match.start("place"), match.end("place"), self.LOWER_CASE_SCORE, "town named as one"))
                if match.re is _TOWN_COUNTRY and match.group("country") not in place_names():  # "Okotoks, Alberta"
                    results.append(_result(self, match.start("country"), match.end("country"), self.LOWER_CASE_SCORE, "region after its town"))
                if by_state:
                    results.append(_result(self, match.start("state"), match.end("state"), self.LOWER_CASE_SCORE, "state after its town"))
        for match in landmarks:
            words = _core_words(match.group("place").split())
            if self._town_words(words) and not (len(words) == 1 and words[0] in names):
                results.append(_result(self, match.start("place"), match.end("place"), self.LOWER_CASE_SCORE, "town before its landmark"))
        # The same in a sentence written in lower case: "i am in kokkola for a business trip".
        for match in lower_phrases:
            words = [w for i, w in enumerate(match.group("place").split()) if not (i and w in _PARTICLES)]
            if self._town_words(words) and _lower_case_sentence(text, match.start("place"), _PLACE_CODE):
                results.append(_result(self, match.start("place"), match.end("place"), self.LOWER_CASE_SCORE, "place after a word of place"))
        return results

    def _shaped_places(self, text: str, names) -> List[RecognizerResult]:
        """Towns a phrase's shape says are towns, whatever their name: "a Tartu-based designer", "Flying
        Oslo -> Bergen", "Tartu: 14°C". Each name must be one a town may have (:meth:`_town_words`),
        no given name alone, and the text no text about software."""
        found: List[Tuple["regex.Match[str]", Tuple[str, ...]]] = []
        if "-based " in text:
            found += [(m, ("place",)) for m in _BASED.finditer(text)]
        if ("->" in text or "→" in text or "=>" in text or "⇒" in text) and _JOURNEY_WORDS.search(text):
            found += [(m, ("place", "to")) for m in _ROUTE.finditer(text) if _JOURNEY_WORDS.search(_line_of(text, m.start()))]
        if "°" in text:
            found += [(m, ("place", "region")) for m in _WEATHER_LINE.finditer(text)]
        results: List[RecognizerResult] = []
        if not found or technical(text):
            return results
        for match, groups in found:
            for group in groups:
                start, end = match.span(group)
                if start < 0:
                    continue
                # "Flying Oslo -> Bergen": the journey's word opening the line is no part of the town.
                first = _JOURNEY_WORDS.match(text, start)
                if first is not None and text[first.end() : first.end() + 1] == " ":
                    start = first.end() + 1
                words = _core_words(text[start:end].replace("-", " ").split())
                if len(words) > 1 and words[0].lower() in _TOWN_AFFIXES | _COMPASS_TOWN_WORDS:
                    words = words[1:]
                if (len(words) == 1 and words[0] in names) or not self._town_words(words) or any(w.lower() in _NOT_TOWNS for w in words):
                    continue
                results.append(_result(self, start, end, self.LOWER_CASE_SCORE, "town by the phrase's shape"))
        return results

    def _whole_names(self, text: str, found: List[RecognizerResult], nlp_artifacts=None) -> List[RecognizerResult]:
        """Places read whole where a word list or a model reads them in part: joined by "and" ("Trinidad
        and Tobago"), written with the word that says what they are ("Košický kraj"), a town's name
        going on after a particle ("Frankfurt am Main", "Kostelec nad Orlicí"; from a place found here or
        by the model)."""
        results: List[RecognizerResult] = []
        if " and " in text:
            for name in _joined_place_names():
                at = text.find(name)
                while at != -1:
                    end = at + len(name)
                    if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                        results.append(_result(self, at, end, self.SCORE, "known place name"))
                    at = text.find(name, end)
        for match in _REGION_WORD.finditer(text):
            if not (is_common_word(match.group().split(" ")[0]) and match.group().split(" ")[0] not in place_names()):
                results.append(_result(self, match.start(), match.end(), self.SCORE, "region with its word"))
        # Not a model's span over a line break ("Róża Sobisz\nMistelbach"): a name and a town on two lines.
        model_places = [
            (e.start_char, e.end_char) for e in (getattr(nlp_artifacts, "entities", None) or ())
            if e.label_ in _PLACE_LABELS and "\n" not in text[e.start_char : e.end_char]
        ]
        for start, end in [(r.start, r.end) for r in found if r.entity_type == "LOCATION"] + model_places:
            new_end = end
            for _ in range(2):
                tail = _TOWN_TAIL.match(text, new_end)
                if tail is None or tail.group(1).lower() in _NOT_TOWNS or tail.group(1).lower() in stop_words():
                    break
                new_end = tail.end()
                # ... and the words of the name after it: "Loka pri Zidanem Mostu".
                more = _NEXT_CAPITAL.match(text, new_end)
                if more is not None and more.group(1).lower() not in _NOT_TOWNS and more.group(1).lower() not in stop_words():
                    new_end = more.end()
            if any(r.start <= start and new_end <= r.end for r in found if r.entity_type == "LOCATION"):
                continue  # read whole already
            if new_end > end:
                results.append(_result(self, start, new_end, self.SCORE, "town's name after a particle"))
        return results

    def _listed_places(self, text: str, found: List[RecognizerResult], names) -> List[RecognizerResult]:
        """The other names of a list one place of which is found: "Our stores: Hrastnik, Lyon and Muurame",
        "she splits her time between Mölndal and Sidi Bouzid". A list names things of one kind, and a
        town no list holds is read as a person's name by a small model ("Mendoza", "Leão").

        A place counts as the list's place only if it is no given name too ("Jordan, Austin and Paris"
        may list people); the others must be names a town may have (:meth:`_town_words`), no given
        name alone, no given name followed by more words unless the whole is a known place, nothing
        in a person's slot or a firm's name, and no text about software ("Java, Kotlin and Swift")."""
        results: List[RecognizerResult] = []
        places = place_names()
        is_technical: Optional[bool] = None
        surnames = family_names()
        for match in _PLACE_LIST.finditer(text):
            if _NUMBER_AFTER.match(text, match.end()):
                continue  # "Hilarion and Costanera 9293": a street corner
            if _PEOPLE_BEFORE_LIST.search(text, max(0, match.start() - 40), match.start()):
                continue  # "Board members present: Achterberg, Dufresne and Mbeki"
            items = [m.span() for m in _LIST_ITEMS.finditer(text, match.start(), match.end())]
            if len(items) == 2 and _LIST_JOIN_WORD.search(text, items[0][1], items[1][0]) is None:
                continue  # "KARIMI-NEJAD, Shirin", "Tartu, Estonia": a name's order or a town's country, no list
            if 2 * sum(1 for a, b in items if text[a:b] in surnames and text[a:b] not in places) >= len(items):
                continue  # "founders: Lima, Salas and Brown": people by their surnames
            # A model's place is no sure seed: a small model calls unknown surnames places as often.
            seeds = {
                (a, b) for a, b in items
                if text[a:b] not in names and (
                    any(r.start == a and r.end == b for r in found) or text[a:b] in places or text[a:b].lower() in country_names()
                )
            }
            if not seeds or len(seeds) == len(items):
                continue
            if is_technical is None:
                is_technical = technical(text)
            if is_technical:
                return []
            for a, b in items:
                if (a, b) in seeds or any(r.start < b and a < r.end and r.entity_type == "LOCATION" for r in found + results):
                    continue
                words = _core_words(text[a:b].replace("-", " ").split())
                if words[0] in names and text[a:b] not in places:
                    continue  # "Lyon, Maria and Porto", "Lyon and Maria Lopez": people
                if len(words) > 1 and words[0].lower() in _TOWN_AFFIXES | _COMPASS_TOWN_WORDS:
                    words = words[1:]  # "Lake Travis", "Nueva Esperanza"
                if not self._town_words(words) or any(w.lower() in _NOT_TOWNS or w.lower() in _COMPANY_WORDS for w in words):
                    continue
                if person_slot(text, a, b) or inside_organization(text, a, b):
                    continue
                results.append(_result(self, a, b, self.LIST_SCORE, "listed with a place"))
        return results

    def _slotted_places(self, text: str, found: List[RecognizerResult]) -> List[RecognizerResult]:
        """A town no list holds, given names and family names too, where only a place can stand (see
        :func:`~pii_rails.detection.predefined.slots.place_slot`): "are you still in Amara?", "the
        Mayor of Gorla", "Sie wurde in Egtved geboren". No dictionary word ("still in Love"), no
        product-like word, nothing in a text about software."""
        results: List[RecognizerResult] = []
        for at, weak in place_slot_starts(text):
            match = _SLOT_TOWN.match(text, at)
            if match is None:
                continue
            start, end = match.span()
            if any(r.start <= start < r.end for r in found) or not (weak is not None or place_slot(text, start, end)):
                continue
            if weak is not None and not self._weak_lead_holds(text, weak, end):
                continue
            words = _core_words(match.group().replace("-", " ").split())
            if len(words) > 1 and words[0].lower() in _TOWN_AFFIXES | _COMPASS_TOWN_WORDS:
                words = words[1:]  # "Lake Travis", "Nueva Esperanza"
            if common_words_known(self.supported_language):
                # English capitalizes no common noun mid-sentence: a capitalized dictionary word is a town here
                # ("originally from Paterson"), but a month, a season or an institution.
                strong = weak is None and place_slot(text, start, end, strong=True)
                if not self._town_words(words, capitalized=strong) or any(w.lower() in _NOT_TOWNS for w in words):
                    continue
            elif any(
                is_word(w, self.supported_language) or w.lower() in stop_words() or camel_case(w) or w.lower() in _NOT_TOWNS
                or _NOUN_ENDING.search(w)  # "in Planung", "en Sesión": a noun of the language
                for w in words
            ) and " ".join(words) not in place_names():
                continue
            if technical(text):
                return []
            results.append(_result(self, start, end, self.LOWER_CASE_SCORE, "town where only a place stands"))
        return results

    @staticmethod
    def _weak_lead_holds(text: str, lead: int, end: int) -> bool:
        """Whether a weak lead at ``lead`` puts a town before ``end``: a person moved ("she moved to
        Kuopio", not "we moved to Postgres"), one is somewhere till a time or the sentence's end ("I'm in
        Kustja until Friday.", not "I'm in Figma for a while"); "based in" as the other leads."""
        word = text[lead : lead + 12].lower()
        if word.startswith(("mov", "reloc")):
            return _PERSON_SUBJECT.search(text, max(0, lead - 40), lead) is not None
        if word.startswith("based"):
            return True
        return _BEING_IN_AFTER.match(text, end) is not None

    def _romance_towns(self, text: str, names) -> List[RecognizerResult]:
        """A town no list holds where a French or Spanish sentence says someone lives, was born, moved
        or comes from ("elle habite à Quimper", "se mudó a Rancagua", "soy de Tlaxcala"). Neither
        language capitalizes its nouns, so a capitalized word there is a name; a given name alone is a
        person's ("vit avec Marie" is no lead anyway), a frequent word of the language a sentence start."""
        results = []
        for match in _ROMANCE_LEADS[self.supported_language].finditer(text):
            words = _core_words(match.group("place").replace("-", " ").split())
            if (len(words) == 1 and words[0] in names) or any(is_word(w, self.supported_language) or camel_case(w) for w in words):
                continue
            results.append(_result(self, match.start("place"), match.end("place"), self.LOWER_CASE_SCORE, "place after a word of place"))
        return results

    @staticmethod
    def _migrated_system(text: str, match, nlp_artifacts) -> bool:
        """ "We moved to Kubernetes", "the team migrated from Jira": systems are moved to as towns are. A name
        the NER model reads as an organization or a person after a verb of moving is a town only when a person moved
        ("she moved to Tromsø", "my parents relocated to Kuopio")."""
        lead = _MOVE_LEAD.search(text, match.start(), match.start("place"))
        # "We moved here from Asheville": a team moves to a tool, but not "here".
        if lead is None or nlp_artifacts is None or text.startswith("here ", lead.end()):
            return False
        # A small model reads a tool as a firm or a person ("Kubernetes", "Jira"), and many towns so too.
        organizations = [e for e in (getattr(nlp_artifacts, "entities", None) or ()) if e.label_ in ("ORGANIZATION", "PERSON")]
        start, end = match.span("place")
        if not any(e.start_char < end and start < e.end_char for e in organizations):
            return False
        return _PERSON_SUBJECT.search(text, max(0, lead.start() - 40), lead.start()) is None

    def _counties(self, text: str) -> List[RecognizerResult]:
        """ "County Kerry", "Co. Cork", "Marin County": a county by its name and the word; the name a
        known county or place, or no dictionary word ("County Council", "Orange County" keep out)."""
        results = []
        for match in _COUNTY.finditer(text):
            name = match.group("name")
            if name.lower() in _COMPANY_WORDS:
                continue  # "Acme Co. Ltd": a company's form, not County Ltd
            if name in region_names() or name in place_names() or not (is_common_word(name) or name.lower() in stop_words()):
                results.append(_result(self, match.start(), match.end(), self.SCORE, "county"))
        return results

    @staticmethod
    def _region_after_town(match) -> bool:
        """ "Okotoks, Alberta", "Tralee, Kerry": a state, province or county after a town. One that is a
        given name too ("Alberta", "Victoria") only after a known town: "Nguyen, Victoria" lists a person."""
        region = match.group("country")
        if region not in region_names():
            return False
        plain = region in place_names() or not (region in given_names() or region.lower() in AMBIGUOUS_NAMES or is_common_word(region))
        return plain or match.group("place") in place_names()

    @staticmethod
    def _town_words(words: List[str], capitalized: bool = False) -> bool:
        """Words that may name a town no list holds: none a dictionary or stop word, but for a
        first or last word many towns take ("Saint Clair", "Hornby South"), or a known place
        written in capitals ("originally from PARIS").

        ``capitalized``: the words were written with a capital in mid-sentence, right after a word of
        place. A dictionary word then counts too, as the English word index holds many towns
        ("Akron", "Tartu", "Minas") and few other things are capitalized after "originally from"
        or "arrived at"; not a month, day, season, holiday or institution ("born in March", "arrived
        at Work"), nor one word in capitals ("EMEA"); several are a town as labels print it ("COOLOOLA COVE")."""
        if " ".join(w.title() for w in words) in place_names():
            return True
        core = list(words)
        if len(core) > 1 and core[0].lower() in _TOWN_AFFIXES:
            core = core[1:]
        if len(core) > 1 and core[-1].lower() in _TOWN_AFFIXES:
            core = core[:-1]
        return bool(core) and not any(
            (is_common_word(w) and len(w) > 1 and not (capitalized and (w[1:].islower() or (w.isupper() and len(core) > 1)) and w.lower() not in _NOT_TOWNS))
            or w.lower() in stop_words() or camel_case(w)
            for w in core
        )

    def _lower_case_places(self, text: str, places) -> List[RecognizerResult]:
        """Known places written in lower case after a word of place ("stuck in denver", "cerca de
        valencia", "nach münchen"), only in a sentence with no capital letter (chat) and no code."""
        results: List[RecognizerResult] = []
        folded = folded_place_names()
        for match in _PLACE_AFTER.finditer(text, overlapped=True):
            start = match.start("words")
            end = _known_place_run(match.group("words"), places, folded)
            if end is None or not _lower_case_sentence(text, start, _PLACE_CODE):
                continue
            if not any(r.start == start for r in results):  # "cerca de" and "de" read the same place
                results.append(_result(self, start, start + end, self.LOWER_CASE_SCORE, "known place in lower-case text"))
                # "boise, idaho", "porto, portugal": the region or country after it.
                after = _LOWER_NEXT_PLACE.match(text, start + end)
                more = _known_place_run(after.group("words"), places, folded) if after else None
                if after is not None and more is not None:
                    results.append(_result(self, after.start("words"), after.start("words") + more, self.LOWER_CASE_SCORE, "known place after a place"))
        return results

    def _lower_case_countries(self, text: str, found: List[RecognizerResult]) -> List[RecognizerResult]:
        """A one-word country written in lower case anywhere in a sentence with no capital letter
        ("spain was super fun"): a country's name, unlike a town's, is no dictionary word (country_names)."""
        countries = country_names()
        results: List[RecognizerResult] = []
        for match in _LOWER_WORD_RUN.finditer(text):
            start, end = match.span()
            if match.group() in countries and not any(r.start <= start < r.end for r in found) and _lower_case_sentence(text, start, _PLACE_CODE):
                results.append(_result(self, start, end, self.LOWER_CASE_SCORE, "country in lower-case text"))
        return results

    def _standalone(self, text: str, words, i: int, j: int, names) -> bool:
        """Not the first or last part of a longer proper name ("Paris Hilton", "Felipe Santiago")."""
        if i > 0 and text[slice(*words[i - 1])] in names:
            return False
        # German capitalizes every noun, so a capitalized word after a place says nothing there.
        if j < len(words) and self.supported_language != "de":
            return False
        return True
