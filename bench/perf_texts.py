"""Generated texts for bench/perf.py: chat messages, retrieved chunks, long documents.

Deterministic for a seed, varied (different words, lengths and PII every
time) so that no two texts are equal: the engine caches detections by text
digest, and a benchmark that repeated texts would measure the cache.
"""

from __future__ import annotations

import random
from typing import List, Tuple

FIRST = ["Ada", "Grace", "Alan", "Maria", "Daniel", "Priya", "Joan", "Omar", "Lena", "Kenji", "Fatima", "Lucas",
         "Sofia", "Noah", "Chloe", "Ivan", "Amara", "Tomas", "Elena", "Marcus"]  # fmt: skip
LAST = ["Lovelace", "Hopper", "Turing", "Gonzalez", "Kim", "Raman", "Clarke", "Haddad", "Fischer", "Tanaka",
        "Okafor", "Moreau", "Rossi", "Novak", "Schmidt", "Silva", "Nguyen", "Brennan", "Larsen", "Dubois"]  # fmt: skip
CITIES = ["London", "Boston", "Berlin", "Madrid", "Chicago", "Toronto", "Sydney", "Dublin", "Seattle", "Denver",
          "Lisbon", "Austin", "Paris", "Vienna", "Oslo"]  # fmt: skip
DOMAINS = ["example.com", "mail.example.org", "corp.example.net", "example.co.uk", "inbox.example"]

OPENERS = ["Hi there,", "Hello,", "Good morning,", "Hey,", "Quick question:", "Thanks for the help so far.",
           "Sorry to bother you again,", "I hope you can help,", "Following up on my last message,", ""]  # fmt: skip
SUBJECTS = ["my order", "the parcel", "my subscription", "the invoice", "my account", "the refund", "the delivery",
            "my booking", "the replacement", "my warranty claim", "the repair", "my appointment"]  # fmt: skip
VERBS = ["has not arrived", "was charged twice", "shows the wrong address", "is still pending", "got cancelled",
         "arrived damaged", "needs to be changed", "was never confirmed", "is late again", "looks incorrect"]  # fmt: skip
FILLER = ("could you please check what happened and let me know what the next steps are because I need this sorted "
          "before the end of the week and the tracking page does not show anything useful at the moment so I am a "
          "bit lost here and would really appreciate a clear answer from someone on your team who can look into it "
          "properly today or tomorrow at the latest if that is possible at all").split()  # fmt: skip
REPLIES = ["Thanks for reaching out,", "I'm sorry about that,", "Happy to help with this.", "I have checked",
           "Good news:", "Unfortunately,", "I understand,"]  # fmt: skip
TOPICS = ["shipping", "billing", "returns", "warranty", "accounts", "payments", "support hours", "data retention",
          "escalations", "replacements", "onboarding", "travel policy", "expenses", "security", "maintenance"]  # fmt: skip
DOC_WORDS = ("the team reviews each request within two business days and records the outcome in the shared system "
             "customers receive an update by mail once the case is closed and may appeal the decision within thirty "
             "days all documents are stored for seven years according to the retention schedule managers approve "
             "exceptions after a short review and the finance department reconciles the accounts every month end "
             "staff should follow the checklist before escalating anything to the regional office").split()  # fmt: skip


def _luhn_card(rng: random.Random) -> str:
    digits = [4] + [rng.randrange(10) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    digits.append((10 - total % 10) % 10)
    s = "".join(map(str, digits))
    return " ".join(s[i : i + 4] for i in range(0, 16, 4))


def _iban(rng: random.Random) -> str:
    # A German IBAN with a correct check number (ISO 13616 mod 97).
    bban = "".join(str(rng.randrange(10)) for _ in range(18))
    numeric = int(bban + "131400")  # "DE" -> 13 14, check digits 00
    check = 98 - numeric % 97
    return f"DE{check:02d}{bban}"


def pii_value(rng: random.Random, kind: str) -> str:
    """One made-up value of ``kind``."""
    if kind == "EMAIL_ADDRESS":
        return f"{rng.choice(FIRST).lower()}.{rng.choice(LAST).lower()}{rng.randrange(100)}@{rng.choice(DOMAINS)}"
    if kind == "PHONE_NUMBER":
        return rng.choice(["{a}-555-{b:04d}", "({a}) 555-{b:04d}", "+1 {a} 555 {b:04d}"]).format(
            a=rng.choice([212, 646, 415, 312, 617]), b=rng.randrange(100, 199)
        )
    if kind == "CREDIT_CARD":
        return _luhn_card(rng)
    if kind == "US_SSN":
        return f"{rng.randrange(100, 665):03d}-{rng.randrange(10, 99):02d}-{rng.randrange(1000, 9999):04d}"
    if kind == "IBAN_CODE":
        return _iban(rng)
    if kind == "IP_ADDRESS":
        return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    if kind == "PERSON":
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if kind == "LOCATION":
        return rng.choice(CITIES)
    raise ValueError(kind)


_PHRASES = {
    "EMAIL_ADDRESS": "you can write to me at {v}",
    "PHONE_NUMBER": "my phone number is {v}",
    "CREDIT_CARD": "the card I used was {v}",
    "US_SSN": "my SSN is {v} if you need it",
    "IBAN_CODE": "please refund it to {v}",
    "IP_ADDRESS": "the login came from {v}",
    "PERSON": "my name is {v}",
    "LOCATION": "I live in {v}",
}


def _words(rng: random.Random, n: int) -> List[str]:
    start = rng.randrange(len(FILLER))
    return [FILLER[(start + i) % len(FILLER)] for i in range(n)]


def chat_message(rng: random.Random, with_pii: bool, kinds: Tuple[str, ...]) -> str:
    """A customer message of 20-60 words; with one or two PII values of ``kinds`` when ``with_pii``."""
    target = rng.randint(20, 60)
    parts = [rng.choice(OPENERS), f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} (ref {rng.randrange(10**5, 10**6)}),"]
    if with_pii:
        for kind in rng.sample(kinds, k=min(len(kinds), rng.choice([1, 1, 2]))):
            parts.append(_PHRASES[kind].format(v=pii_value(rng, kind)) + ",")
    have = len(" ".join(parts).split())
    parts.append(" ".join(_words(rng, max(3, target - have))) + ".")
    return " ".join(p for p in parts if p)


def bot_reply(rng: random.Random, with_pii: bool, kinds: Tuple[str, ...]) -> str:
    """An assistant answer of 10-40 words, sometimes with contact details of its own."""
    words = _words(rng, rng.randint(8, 34))
    text = f"{rng.choice(REPLIES)} {' '.join(words)}"
    if with_pii:
        kind = rng.choice(kinds)
        text += f"; for {rng.choice(SUBJECTS)} contact {pii_value(rng, kind)}"
    return text + "."


def chunk(rng: random.Random, with_pii: bool, kinds: Tuple[str, ...]) -> str:
    """A knowledge-base chunk of 100-200 words about a topic, sometimes naming people and contacts."""
    n = rng.randint(100, 200)
    start = rng.randrange(len(DOC_WORDS))
    words = [DOC_WORDS[(start + i) % len(DOC_WORDS)] for i in range(n)]
    title = f"{rng.choice(TOPICS).title()} procedure {rng.randrange(1000)}:"
    if with_pii:
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(kinds)
            pos = rng.randrange(5, n - 5)
            words[pos:pos] = _PHRASES[kind].format(v=pii_value(rng, kind)).replace("my ", "the owner's ").split()
    # Sentences, so the parser and NER see prose rather than one run-on line.
    out, i = [], 0
    while i < len(words):
        k = rng.randint(9, 20)
        sentence = " ".join(words[i : i + k])
        out.append(sentence[:1].upper() + sentence[1:] + ".")
        i += k
    return title + " " + " ".join(out)


def messages(seed: int, n: int, kinds: Tuple[str, ...], pii_share: float = 0.5) -> List[Tuple[str, bool]]:
    """``n`` distinct chat messages, each with a flag saying whether it holds PII."""
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        with_pii = rng.random() < pii_share
        text = chat_message(rng, with_pii, kinds)
        if text not in seen:
            seen.add(text)
            out.append((text, with_pii))
    return out


def long_text(seed: int, size: int, kinds: Tuple[str, ...]) -> str:
    """A document of about ``size`` characters: paragraphs of chat messages and chunks."""
    rng = random.Random(seed)
    parts, length = [], 0
    while length < size:
        piece = chunk(rng, rng.random() < 0.5, kinds) if rng.random() < 0.5 else chat_message(rng, rng.random() < 0.5, kinds)
        parts.append(piece)
        length += len(piece) + 2
    text = "\n\n".join(parts)
    if len(text) > size:
        cut = text.rfind(" ", 0, size)
        text = text[: cut if cut > size // 2 else size]
    return text
