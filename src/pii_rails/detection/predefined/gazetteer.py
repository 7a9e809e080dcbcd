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
from pii_rails.detection.predefined.lexicon import given_names, place_names

# A capitalized word: "Ana", "O'Neil", "Heinz-Josef", "Ángela", "McDonald".
_CAP = r"\p{Lu}[\p{Ll}'’]*\p{Ll}(?:[\p{L}'’]*)(?:-\p{Lu}[\p{Ll}'’]+)*"
_PARTICLE = r"(?:van der|van den|van de|van|von der|von|de la|de los|de las|del|de|da|do|dos|di|du|le|la|ter|ten|y|e|bin|al|el)"
_SUFFIX = r"(?:[ ,]+(?:Jr\.?|Sr\.?|II|III|IV))?"
_SEQUENCE = regex.compile(
    r"(?<![\p{L}\d'’-])" + _CAP + r"(?:[ ](?:" + _PARTICLE + r"[ ])?" + _CAP + r"){0,3}" + _SUFFIX + r"(?![\p{L}\d'’])"
)
_WORD = regex.compile(_CAP)
_NAME_SUFFIX = regex.compile(r"\G[ ,]+(?:Jr\.?|Sr\.?|II|III|IV)(?![\w])")
_POSSESSIVE = regex.compile(r"['’]s?\Z")
# Endings of (German, French, Spanish) common nouns that no surname has: "Paul Klee Ausstellung".
_NOUN_ENDING = regex.compile(r"(?:ung|heit|keit|schaft|tion|tät|ismus|ment|nis|tum|ción|sión|dad|ité)\Z")
_FROM = regex.compile(r" (?:de|d'|du|von|aus|from|of|di|da) ")

# What greets or signs off with a bare given name.
_GREETING = words_regex(
    """hi$ hello$ hey$ dear$ thanks thank you cheers regards best$ sincerely bye$ ok$ okay$ sorry$ welcome$ morning$
    bonjour$ salut$ merci$ cordialement cher$ chere$ coucou$ hola$ gracias$ saludos$ querido$ querida$ estimado$
    estimada$ buenos dias$ hallo$ danke$ liebe$ lieber$ gruss gruß$ grusse viele grusse$ moin$ servus$ ciao$ grazie$
    caro$ cara$ mr$ mrs$ ms$ miss$ dr$ mme$ m.$ sr$ sra$ herr$ frau$ wife$ husband$ son$ daughter$ colleague$ my friend$
    agent$ nurse$ doctor$ manager$""".split()
)
_NOT_SURNAMES = frozenset(
    """I I'm I'd I'll I've The A An And Or But On In At To From For With By Of Is Are Was Were Be Has Have Had Do
    Does Did Can Could Will Would Should May Might Must Please Thanks Thank Hi Hello Dear Mr Mrs Ms Dr
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Street Avenue Road Lane Drive Court Place Boulevard
    Le La Les Et Ou Un Une Des Du Au El Los Las Y Un Una Der Die Das Und Oder Ein Eine Im Am""".split()
)


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
