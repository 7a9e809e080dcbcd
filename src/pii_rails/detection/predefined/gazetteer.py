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
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, LocalRecognizer, RecognizerResult

from pii_rails.detection.predefined.base import fold, words_regex
from pii_rails.detection.predefined.lexicon import family_names, given_names, is_common_word, place_names, stop_words

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
_INNER_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}")
_NAME_PREFIX = regex.compile(r"^(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Van|Von|St)\p{Lu}\p{Ll}+$")
_CODE = regex.compile(r"[=(){}\[\]<>`_/\\;|]|\b(?:import|def|return|elif|lambda|null|true|false)\b")
_PAIR = regex.compile(r"[ ](?:and|&|or|et|y|und|e)[ ]")


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
    return RecognizerResult(
        entity_type=recognizer.supported_entities[0],
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(recognizer=recognizer.name, original_score=score, textual_explanation=why),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
        },
    )


class GivenNameRecognizer(LocalRecognizer):
    """A person's name: a known given name and capitalized surname(s), or a greeted given name."""

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
            inner = next((i for i, w in enumerate(words) if i and _INNER_CAPITAL.search(text[slice(*w)]) and not _NAME_PREFIX.match(text[slice(*w)])), None)
            if inner is not None:
                words = words[:inner]
            # A possessive ends the name: "Imelda Fairweather's Chief Engineer".
            owner = next((i for i, w in enumerate(words) if _POSSESSIVE.search(text[slice(*w)]) and text[w[1] - 1] in "s'’"), None)
            if owner is not None:
                words = words[: owner + 1]
            while len(words) > 1 and (text[slice(*words[-1])] in _NOT_SURNAMES or _NOUN_ENDING.search(text[slice(*words[-1])])):
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


class PlaceRecognizer(LocalRecognizer):
    """Countries, regions and large cities from :func:`~pii_rails.detection.predefined.lexicon.place_names`."""

    SCORE = 0.6
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
        return results

    def _standalone(self, text: str, words, i: int, j: int, names) -> bool:
        """Not the first or last part of a longer proper name ("Paris Hilton", "Felipe Santiago")."""
        if i > 0 and text[slice(*words[i - 1])] in names:
            return False
        # German capitalizes every noun, so a capitalized word after a place says nothing there.
        if j < len(words) and self.supported_language != "de":
            return False
        return True
