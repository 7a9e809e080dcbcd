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

from typing import List, Optional

import regex
from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult

from pii_rails.detection import lowercase
from pii_rails.detection.predefined.base import build_result, fold, words_regex
from pii_rails.detection.predefined.ner import NOISE_WORDS, NOT_NAMES, camel_case, technical
from pii_rails.detection.predefined.lexicon import common_words_known, family_names, given_names, is_common_word, is_word, place_names, stop_words

# A capitalized word: "Ana", "O'Neil", "Heinz-Josef", "Ángela", "McDonald".
_CAP = r"\p{Lu}[\p{Ll}'’]*\p{Ll}(?:[\p{L}'’]*)(?:-\p{Lu}[\p{Ll}'’]+)*"
_PARTICLE = r"(?:van der|van den|van de|van|von der|von|de la|de los|de las|del|de|da|do|dos|di|du|le|la|ter|ten|y|e|bin|al|el)"
_SUFFIX = r"(?:[ ,]+(?:Jr\.?|Sr\.?|II|III|IV))?"
# A middle initial, with or without its period: "Ella L Gawler", "John F. Kennedy".
_INITIAL = r"(?:\p{Lu}\.?[ ])"
_SEQUENCE = regex.compile(
    r"(?<![\p{L}\d'’-])" + _CAP + r"(?:[ ]" + _INITIAL + r"?(?:" + _PARTICLE + r"[ ])?" + _CAP + r"){0,3}" + _SUFFIX + r"(?![\p{L}\d'’])"
)
_WORD = regex.compile(_CAP)
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


def _rest_of_line(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start : end if end != -1 else len(text)]


def _unlisted_name(word: str) -> bool:
    """Whether a capitalized word could be a name no list holds (see ``GivenNameRecognizer._unlisted_names``)."""
    lower = word.lower()
    return (
        len(word) >= 3 and lower not in stop_words() and not is_common_word(word) and word not in place_names()
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
# What people say, not what forms hold: a first or second person, a greeting, an answer, a question.
_SPEECH = regex.compile(
    r"(?i)\b(?:i|i'm|i’m|i've|i'll|me|my|you|your|we|our|us|hi|hello|hey|yes|yeah|no|ok|okay|thanks|thank|please|sorry)\b|\?"
)
# and a word doing what only people do, at a sentence start ("Percival asked whether...").
_DOER = regex.compile(
    r"(?m:(?:^|[.!?][ ]+)(" + _CAP + r")[ ](?:said|asked|told|wrote|replied|texted|emailed|e-mailed|phoned|messaged"
    r"|complained|explained|promised|apologi[sz]ed|agreed|called (?:me|us|back))\b)"
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
        for match in _SEQUENCE.finditer(text):
            words = [(m.start() + match.start(), m.end() + match.start()) for m in _WORD.finditer(match.group())]
            words = [w for w in words if text[slice(*w)] not in ("Jr", "Sr")]
            # Start at the first given name: "Beneficiary Leanne Williams" -> "Leanne Williams".
            first = next((i for i, (a, b) in enumerate(words) if text[a:b] in names), None)
            if first is None:
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
            suffix = _NAME_SUFFIX.search(text, end, match.end())
            if suffix and len(words) >= 2:
                end = suffix.end()
            possessive = _POSSESSIVE.search(text, start, end)
            if possessive:
                end = possessive.start()
            if len(words) >= 2:
                results.append(_result(self, start, end, self.FULL_NAME_SCORE, "given name and surname"))
            elif text[start:end] not in places and _GREETING.search(fold(text[max(0, start - 24) : start]).rstrip(" ,:;!")[-24:] + " "):
                results.append(_result(self, start, end, self.GREETED_NAME_SCORE, "greeted given name"))
            elif text[start:end] in places or is_common_word(text[start:end]):
                continue  # "Server error", "Jasmine tea": a lone word that is also a dictionary word
            elif _PERSON_VERB.match(text, end):
                results.append(_result(self, start, end, self.GREETED_NAME_SCORE, "given name doing something"))
            elif _in_name_pair(text, start, end, names):
                results.append(_result(self, start, end, self.GREETED_NAME_SCORE, "given name next to another"))
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
        # A speaker says something ("Percival: hi, is the shop open?"); a form field holds a value
        # ("Prescriber: Dr. Ruiz", "Admitted: 9/2/2026").
        speakers = [m for m in _SPEAKER.finditer(text) if _SPEECH.search(_rest_of_line(text, m.end() - 1))]
        if len(speakers) >= 2:
            found += [(m.start(1), m.end(1), "speaker of a transcript") for m in speakers]
        doers = [(m.start(1), m.end(1), "name doing what people do") for m in _DOER.finditer(text)]
        if doers and not technical(text):
            found += doers
        results = []
        for start, end, why in found:
            word = text[start:end]
            if word in names or not _unlisted_name(word):
                continue
            results.append(_result(self, start, end, self.GREETED_NAME_SCORE, why))
        return results

    def _lower_case_names(self, text: str, names) -> List[RecognizerResult]:
        """Given names written in lower case, in text written in lower case.

        Only where the sentence around has no capital letter (chat), only known given names that
        are neither function words nor dictionary words ("jasmine", "will", "rose" stay words),
        and a following surname is taken with it: a known family name ("priya nair"), a hyphenated
        or accented word ("youssef al-farsi"), in English any word that is not a dictionary word.
        """
        results = []
        common = stop_words()
        for match in _LOWER_WORD.finditer(text):
            word = match.group()
            if word.title() not in names or word in common or is_common_word(word) or len(word) < 3:
                continue
            line_start = max(text.rfind("\n", 0, match.start()), text.rfind(".", 0, match.start())) + 1
            line_end = min((i for i in (text.find("\n", match.end()), text.find(".", match.end())) if i != -1), default=len(text))
            sentence = text[line_start:line_end]
            if _UPPER.search(regex.sub(r"\bI(?:'m|’m|'ll|'d|'ve)?\b", "", sentence)) or _CODE.search(sentence):
                continue  # written with capitals, so a lower-case word is no name; or code ("elif x == 1")
            end = match.end()
            nxt = _LOWER_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
            if nxt and not _PERSON_VERB.match(" " + nxt.group()) and nxt.group() not in common and (
                nxt.group().title() in family_names()
                or "-" in nxt.group() or not nxt.group().isascii()
                or (self.supported_language == "en" and not is_common_word(nxt.group()) and len(nxt.group()) >= 3
                    and not nxt.group().endswith(("ed", "ing")))
            ):
                end = nxt.end()
            results.append(_result(self, match.start(), end, self.LOWER_CASE_SCORE, "given name in lower-case text"))
        return results


# A word that puts a place after it, in the four languages, then up to three lower-case words.
_PLACE_AFTER = regex.compile(
    r"(?<![\p{L}])(?:in|near|to|from|at|around|outside|en|à|a|de|desde|hacia|cerca de|près de|vers|nach|aus|bei|von)[ ]+"
    r"(?P<words>\p{Ll}[\p{Ll}'’-]+(?:[ ]\p{Ll}[\p{Ll}'’-]+){0,2})"
)


# What says a town follows, and how the town ends: "originally from Jõhvi,", "arrived at Kruså this morning".
# Not "moved to" or "I'm in": software is moved to and worked in ("moved to Kubernetes", "I'm in Figma").
_TOWN = r"\p{Lu}[\p{Ll}'’]+(?:[ -](?:(?:u|pri|na|am|an der|de|del|do|da|sur|on|upon)[ -])?\p{Lu}[\p{Ll}'’]+){0,2}|\p{Lu}{3,}(?:[ -]\p{Lu}{3,})?"
_PLACE_PHRASE = regex.compile(
    r"(?<![\p{L}])(?i:originally from|based in|moved here from|grew up in"
    r"|born in|arrived (?:at|in)|returned to|flew (?:in )?(?:to|from)|relocated to|lives? in|living in)[ ](?P<place>" + _TOWN + r")"
    r"(?=[ \t]*(?:[.,;:!?)]|$|\n|[ ](?:for|by|this|last|next|on|in|and|with|after|before|where|which|from)\b))"
)


class PlaceRecognizer(LocalRecognizer):
    """Countries, regions and large cities from :func:`~pii_rails.detection.predefined.lexicon.place_names`."""

    LOWER_START = lowercase.AFTER_PLACE_WORD  # "stuck in denver"

    SCORE = 0.6
    LOWER_CASE_SCORE = 0.5
    _MAX_WORDS = 4

    def __init__(self, supported_language: str = "en", supported_entity: str = "LOCATION", name: Optional[str] = None):
        super().__init__(supported_entities=[supported_entity], supported_language=supported_language, name=name)

    def load(self) -> None:  # noqa: D102
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:  # noqa: D102
        places, names = place_names(), given_names()
        results = []
        for match in _SEQUENCE.finditer(text):
            words = [(m.start() + match.start(), m.end() + match.start()) for m in _WORD.finditer(match.group())]
            i = 0
            while i < len(words):
                # Longest place name starting at word i: "Salt Lake City", "New York".
                for j in range(min(len(words), i + self._MAX_WORDS), i, -1):
                    candidate = text[words[i][0] : words[j - 1][1]]
                    if candidate in places:
                        if self._standalone(text, words, i, j, names):
                            results.append(_result(self, words[i][0], words[j - 1][1], self.SCORE, "known place name"))
                        i = j - 1
                        break
                i += 1
        results.extend(self._lower_case_places(text, places))
        results.extend(self._unlisted_places(text, names))
        return results

    def _unlisted_places(self, text: str, names) -> List[RecognizerResult]:
        """Towns no list holds where the sentence says a place follows: "originally from Jõhvi",
        "we returned to Hvalsø by train", "a studio based in Gorgier". Each word must be no
        dictionary word and no given name alone, and the text no software text ("based in React").
        English only, whose dictionary words are known."""
        if not common_words_known(self.supported_language) or not _PLACE_PHRASE.search(text) or technical(text):
            return []
        results = []
        for match in _PLACE_PHRASE.finditer(text):
            words = match.group("place").replace("-", " ").split()
            if any(is_common_word(w) or w.lower() in stop_words() or camel_case(w) for w in words):
                continue
            if len(words) == 1 and words[0] in names:
                continue
            results.append(_result(self, match.start("place"), match.end("place"), self.LOWER_CASE_SCORE, "place after a word of place"))
        return results

    def _lower_case_places(self, text: str, places) -> List[RecognizerResult]:
        """Known places written in lower case after a word of place ("stuck in denver", "cerca de
        valencia", "nach münchen"), only in a sentence with no capital letter (chat) and no code."""
        results: List[RecognizerResult] = []
        for match in _PLACE_AFTER.finditer(text, overlapped=True):
            words = match.group("words").split(" ")
            # Longest run of words that names a place: "buenos aires", "new york city".
            for n in range(len(words), 0, -1):
                candidate = " ".join(words[:n])
                if " ".join(w[:1].upper() + w[1:] for w in candidate.split(" ")) in places:
                    break
            else:
                continue
            start = match.start("words")
            line_start = max(text.rfind("\n", 0, start), text.rfind(".", 0, start)) + 1
            ends = [i for i in (text.find("\n", start), text.find(".", start)) if i != -1]
            sentence = text[line_start : min(ends, default=len(text))]
            if _UPPER.search(regex.sub(r"\bI(?:'m|’m|'ll|'d|'ve)?\b", "", sentence)) or _CODE.search(sentence):
                continue
            if not any(r.start == start for r in results):  # "cerca de" and "de" read the same place
                results.append(_result(self, start, start + len(candidate), self.LOWER_CASE_SCORE, "known place in lower-case text"))
        return results

    def _standalone(self, text: str, words, i: int, j: int, names) -> bool:
        """Not the first or last part of a longer proper name ("Paris Hilton", "Felipe Santiago")."""
        if i > 0 and text[slice(*words[i - 1])] in names:
            return False
        # German capitalizes every noun, so a capitalized word after a place says nothing there.
        if j < len(words) and self.supported_language != "de":
            return False
        return True
