"""Names known by where they stand in a block of lines, not by the words around them.

* :class:`SpeakerRecognizer`: the speakers of a transcript or a chat log, at the start of a line
  before a colon ("Okonkwo: yes, after work\\nLeah: Remember me?", "lily: hi\\ndouglas: hey"). A small
  NER model reads a lone unfamiliar word before a colon as anything but a person.
* :class:`SignatureNameRecognizer`: a person's name on the line above a job title, as signatures,
  CVs and staff lists write them ("Kat Szalai\\nConstruction equipment operator", "Brigitta
  Holm\\nHead of Customer Success").

Both begin on a plain lower-case word only at the start of a line, and only on a known given name
("lily: hi", "maria lopez\\ntruck dispatcher"; :mod:`pii_rails.detection.lowercase`).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from typing import FrozenSet, List, Optional

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult

from pii_rails.detection import lowercase
from pii_rails.detection.predefined.base import build_result
from pii_rails.detection.predefined.lexicon import family_names, given_names, is_common_word, stop_words
from pii_rails.detection.predefined.ner import BUSINESS_WORDS, technical

_AT_LINE_START = regex.compile(r"(?:\A|\n)[ \t]*\Z")
# In lower case, a known given name at a line's start: words a stream holds anyway for lower-case
# chat's names (lowercase.GIVEN_NAME), so these recognizers make no answer wait longer.
_LINE_START = lowercase.StartRule(
    lambda entity, before, core: _AT_LINE_START.search(before) is not None and lowercase.GIVEN_NAME(entity, before, core)
)
# A speaker's label: one or two words before a colon at a line's start, what was said after it.
_TURN = regex.compile(r"(?m)^[ \t]*(?P<name>\p{L}[\p{L}'’-]{1,30}(?:[ ]\p{L}[\p{L}'’-]{1,30})?)[ \t]*:[ \t]+(?P<said>[^\n]*\S)")
# Who speaks in a transcript without being named, and the labels of forms, mails and documents.
_ROLES = frozenset(
    """user assistant agent customer client bot system human ai model operator support caller host guest moderator
    interviewer interviewee speaker narrator teacher student patient doctor nurse admin administrator rep staff me you
    q a question answer note notes tip warning error info subject from to cc bcc re fw fwd date sent ps nb tel fax ref
    attn dept name address phone email mail status summary example output input result step source""".split()
)
_WORDS = regex.compile(r"\p{L}{2,}")
SCORE = 0.6


def _is_name_word(word: str) -> bool:
    """A word a name may be: no role or label, and no dictionary word unless it is a known given name
    ("Lily", "Will")."""
    folded = word.lower()
    if folded in _ROLES or folded in stop_words():
        return False
    return not is_common_word(word) or word.title() in given_names()


class _LineNameRecognizer(LocalRecognizer):
    """A PERSON recognizer that reads lines, with no model to load."""

    LOWER_START = _LINE_START

    def __init__(self, supported_language: str = "en", supported_entity: str = "PERSON", name: Optional[str] = None):
        super().__init__(supported_entities=[supported_entity], supported_language=supported_language, name=name)

    def load(self) -> None:  # noqa: D102
        pass


class SpeakerRecognizer(_LineNameRecognizer):
    """Speakers of a transcript: two or more lines led by a name and a colon, two different names at
    least and one of them a known given name, each followed by words (not a value: "Port: 8080" is a
    setting), in a text that is not about software ("Django: a web framework")."""

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:  # noqa: D102
        if text.count(":") < 2 or "\n" not in text:
            return []
        turns = [m for m in _TURN.finditer(text) if len(_WORDS.findall(m.group("said"))) >= 2]
        if len(turns) < 2 or len({m.group("name").lower() for m in turns}) < 2:
            return []
        if not all(_is_name_word(w) or w.lower() in _ROLES for m in turns for w in m.group("name").split(" ")):
            return []  # a form or a list of terms, not a transcript
        known = given_names()
        if not any(m.group("name").split(" ")[0].title() in known for m in turns):
            return []  # labels of a form in any language ("Cliente:", "Aufnahmegrund:"): one speaker at least a known name
        if technical(text):
            return []
        return [
            build_result(self, m.start("name"), m.end("name"), SCORE, "a transcript's speaker")
            for m in turns
            if all(_is_name_word(w) for w in m.group("name").split(" "))
        ]


@functools.lru_cache(maxsize=1)
def _job_heads() -> FrozenSet[str]:
    """The last words of job titles ("operator", "dispatcher", "ingénieur"), from the job lists of
    Faker's Latin-script locales and the usual English ones."""
    import faker.providers.job as jobs

    heads = set(
        """associate dispatcher operator clerk coordinator specialist representative agent driver cashier supervisor
        attendant mechanic electrician plumber carpenter receptionist president founder ceo cto cfo coo vp intern
        partner owner lead head manager director engineer analyst developer designer consultant assistant officer
        administrator technician accountant nurse teacher lawyer attorney paralegal recruiter scientist researcher
        architect editor writer producer planner buyer broker inspector therapist pharmacist physician surgeon
        librarian professor lecturer secretary controller auditor adviser advisor strategist executive""".split()
    )
    for module in pkgutil.iter_modules(jobs.__path__):
        if not module.name.startswith(("en", "fr", "es", "de", "it", "nl", "pt")):
            continue
        provider = importlib.import_module(f"faker.providers.job.{module.name}").Provider
        for job in getattr(provider, "jobs", ()):
            words = job.split(",")[0].split()
            if words and words[-1].isalpha() and len(words[-1]) > 3 and not is_common_word(words[-1]):
                heads.add(words[-1].lower())
    # Heads that are common words too only when listed above: "operator" is, "general" is not.
    return frozenset(heads)


_JOB_LINE = regex.compile(
    r"(?i:(?:senior|junior|chief|lead|principal|head|deputy|assistant|associate|acting|interim)[ ])?[\p{L}&/-]+(?:[ ][\p{L}&/-]+){0,5}"
)
_OF_JOB = regex.compile(r"(?i:(?:head|director|vp|vice[ ]president|chief|manager|lead)[ ](?:of|for)[ ]\p{L}+(?:[ ]\p{L}+){0,3})")
_NAME_LINE = regex.compile(r"(?m)^[ \t]*(?P<name>\p{L}[\p{L}'’.-]+(?:[ ]\p{L}[\p{L}'’.-]*){1,3})[ \t]*\n(?:[ \t]*\n)?[ \t]*(?P<job>[^\n]{3,60})$")


def _job_title(line: str) -> bool:
    line = line.strip().rstrip(".")
    if _OF_JOB.fullmatch(line):
        return True
    if not _JOB_LINE.fullmatch(line):
        return False
    return line.split(",")[0].split()[-1].lower() in _job_heads()


class SignatureNameRecognizer(_LineNameRecognizer):
    """A person's name on the line above a job title: two to four words, one at least no dictionary
    word or a known name, no company's name ("Golden West Inc.") and no job title itself."""

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:  # noqa: D102
        if "\n" not in text:
            return []
        results = []
        for m in _NAME_LINE.finditer(text):
            name, job = m.group("name"), m.group("job")
            if not _job_title(job) or _job_title(name):
                continue
            words = name.split(" ")
            folded = [w.lower().strip(".") for w in words]
            if any(w in stop_words() or w in _ROLES or w in BUSINESS_WORDS for w in folded):
                continue
            if not (name.islower() or all(w[:1].isupper() for w in words)):
                continue  # "Jane doe" is a sentence's start, not a name line
            known = given_names()
            if not any(not is_common_word(w) or w.title() in known or w.title() in family_names() for w in words):
                continue
            results.append(build_result(self, m.start("name"), m.end("name"), SCORE, "a name above a job title"))
        return results
