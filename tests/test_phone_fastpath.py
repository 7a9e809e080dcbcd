"""The phone recognizer's fast search finds exactly what the whole-text search finds.

``PhoneNumberRecognizer.analyze`` runs libphonenumber's matcher on small windows
and only for the regions that can still change a result; ``_analyze_whole`` runs
it over the whole text for every region (the reference). Every result must be
the same: span, score, region named in the explanation, context flag; for the
languages the corpora are in, and for a recognizer without home regions.
"""

from __future__ import annotations

import json
import random
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from presidio_analyzer import RecognizerResult

from conftest import REPO
from pii_rails.detection.predefined import phone
from pii_rails.detection.predefined.phone import PhoneNumberRecognizer

sys.path.insert(0, str(REPO / "bench"))
import perf_texts  # noqa: E402

LANGUAGES = ("en", "fr", "es", "de")
RECOGNIZERS = {lang: PhoneNumberRecognizer(supported_language=lang) for lang in LANGUAGES}
# Without home regions every region searches at VALID leniency, where the matcher
# also reads the characters around a candidate (a letter or "€" next to it).
RECOGNIZERS["no-home"] = PhoneNumberRecognizer(supported_language="en", home_regions=())
VARIANTS = tuple(RECOGNIZERS)
KINDS = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS")


def _rows(results):
    return [
        (
            r.entity_type,
            r.start,
            r.end,
            r.score,
            r.analysis_explanation.textual_explanation,
            r.analysis_explanation.original_score,
            r.recognition_metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY),
        )
        for r in results
    ]


def assert_same(text: str, languages=VARIANTS) -> None:
    for lang in languages:
        recognizer = RECOGNIZERS[lang]
        fast = _rows(recognizer.analyze(text, ["PHONE_NUMBER"]))
        whole = _rows(recognizer._analyze_whole(text))
        assert fast == whole, (lang, text)


def _jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def _generated():
    rng = random.Random(5)
    texts = [t for t, _ in perf_texts.messages(13, 305, KINDS)]
    texts += [perf_texts.bot_reply(rng, True, KINDS) for _ in range(60)]
    texts += [perf_texts.chunk(rng, rng.random() < 0.7, KINDS) for _ in range(80)]
    texts += [perf_texts.long_text(seed, 12_000, KINDS) for seed in (1, 2)]
    return texts


# ---------------------------------------------------------------------------
# 1. Corpora


@pytest.mark.parametrize("path", ["bench/eval/corpus.jsonl", "bench/eval/heldout/heldout.jsonl"])
def test_eval_corpora(path):
    texts = _jsonl(REPO / path)
    assert len(texts) > 400
    found = 0
    for text in texts:
        assert_same(text)
        found += bool(RECOGNIZERS["en"].analyze(text, ["PHONE_NUMBER"]))
    assert found > 20  # the corpora do hold phone numbers, so spans are compared, not just []


def test_generated_texts():
    texts = _generated()
    for text in texts:
        assert_same(text)
    assert sum(bool(RECOGNIZERS["en"].analyze(t, ["PHONE_NUMBER"])) for t in texts) > 30


# ---------------------------------------------------------------------------
# 2. Random texts made of phone-number material

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\u30fc"
SEPARATORS = "-.()/ ~[]+" + DASHES + "\u00a0\t\n,:;#\u3000\uff08\uff09"
KNOWN = [
    "+44 20 7946 0958",
    "(212) 555-0199",
    "06 12 34 56 78",
    "0033 1 42 68 53 00",
    "+1-212-555-0199 ext. 42",
    "+33 (0)1 42 68 53 00",
    "030 12345678",
    "+49 30 12345678",
    "0049 (0)30-123 456 78",
    "91 123 45 67",
    "+34 612 345 678",
    "612.345.678",
    "617.555.0105",
    "07700 900123",
    "0557693602",
    "+1 (415) 555-0176 x123",
    "1-800-555-0199",
    "+61 2 9876 5432",
    "555-0142",
    "+683 1234",
]
DATES = ["2024-01-15", "15/01/2024", "5.5.2023 12:30", "[2026-02-23 10:04]", "01/02/03", "2012-01-02 08:00"]
WORDS = ["call", "tel.", "Tel:", "phone", "order", "ref", "card", "ext.", "x", "#", "+", "00", "abc", "ID",
         "Handy", "appeler", "llamar", "€", "$", "%", "at", "on", "é", "Ж", "\u0661\u0662\u0663"]  # fmt: skip

digit_groups = st.text(alphabet="0123456789", min_size=1, max_size=6) | st.text(
    alphabet="0123456789\u0660\u0661\u0662\uff11\uff12", min_size=1, max_size=4
)
separators = st.text(alphabet=SEPARATORS, min_size=0, max_size=5)
parts = st.one_of(
    digit_groups,
    separators,
    st.sampled_from(KNOWN),
    st.sampled_from(DATES),
    st.sampled_from(WORDS),
    st.text(alphabet="abcdefxtinoEXT", min_size=1, max_size=6),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(parts, min_size=1, max_size=14), st.sampled_from(VARIANTS))
def test_random_phone_material(pieces, lang):
    assert_same("".join(pieces), (lang,))


# ---------------------------------------------------------------------------
# 3. Targeted cases

FILLER = "the team reviews each request within two business days and records it. "


@pytest.mark.parametrize(
    "text",
    [
        "+44 20 7946 0958",  # the whole text
        "(212) 555-0199 is my number",  # at the very start
        "my number is (212) 555-0199",  # at the very end
        "call 06 12 34 56 78",
        "abc2125550199 and x2125550199",  # right after letters
        "Tel:+33 1 42 68 53 00",
        "€2125550199 or 2125550199%",
        "+44 20 7946 0958 ---- (212) 555-0199",  # four punctuation characters between two numbers
        "+44 20 7946 0958 -----(212) 555-0199",
        "+44 20 7946 0958 ----- (212) 555-0199",
        "0033 1 42 68 53 00 / 06 12 34 56 78",
        "651-234-2345/332-445-1234",
        "12345 - 332-445-1234 is mine",
        "(650) 223 3345 (754) 223 3321",
        "3324451234 8002341234",
        "Ref 4663 7857 1758 7843 or 0044 20 7946 0958",
        "the meeting 2012-01-02 08:00 and 2012-01-02 08 then 212 555 0199",
        "order 1234567 ~ +49~30~12345678",
        "Card 4111 1111 1111 1111, SSN 123-45-6789, IP 10.0.0.12, IBAN DE89370400440532013000; call 617-555-0105",
        "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5",
        "+1-212-555-0199 ext. 42, +1-212-555-0199 extension 7, +1 212 555 0199 #12#",
        # What the matcher reads around a candidate: a currency sign or "%" before or after
        # (refused for regions other than the language's), a ":mm" after a time stamp, an
        # unclosed bracket.
        "€06 12 34 56 78",
        "06 12 34 56 78€",
        "%0612345678 or 0612345678%",
        "$+44 20 7946 0958 and 020 7946 0958$",
        "£612 345 678 y 612 345 678¥",
        "+44 20 7946 0958. 2012-01-02 08:00",
        "+44 20 7946 0958. 2012-01-02 08",
        "x(2125550199",
        "call (212 555 0199 now",
    ],
)
def test_targeted(text):
    assert_same(text)


def test_international_number_far_from_the_seven_digit_cluster():
    # "+683 1234" has no seven digits together; it is found because another part of
    # the text has them, however far away.
    text = "order 1234567 " + FILLER * 40 + "niue +683 4002 or +49~30~1234567"
    assert_same(text)
    assert any(r.start > 2000 for r in RECOGNIZERS["en"]._analyze_whole(text))


def test_long_texts_with_numbers_far_apart():
    rng = random.Random(3)
    pieces = []
    for _ in range(12):
        pieces.append(FILLER * rng.randint(5, 30))
        pieces.append(rng.choice(KNOWN + DATES + ["4111 1111 1111 1111", "123-45-6789", "ref 1234"]))
    text = " ".join(pieces)
    assert len(text) > 10_000
    assert_same(text)
    assert len(RECOGNIZERS["en"].analyze(text, ["PHONE_NUMBER"])) >= 3


def test_stretch_with_many_candidates_is_searched_by_every_region():
    text = "numbers: " + " ".join(str(i % 10) for i in range(phone._MAX_STARTS + 50)) + " call 212-555-0199"
    stretches, tries = phone._stretches(text)
    assert tries < phone._MAX_TRIES and any(len(s) > phone._MAX_STARTS for s in stretches)
    assert_same(text, ("en",))


def test_long_text_counts_failed_attempts_closely():
    # The quick bound on the matcher's failed attempts is passed, the close count is not.
    text = perf_texts.long_text(7, 200_000, KINDS)
    stretches, tries = phone._stretches(text)
    assert tries >= phone._MAX_TRIES and phone._within_tries(text, stretches)
    recognizer = RECOGNIZERS["en"]
    whole = recognizer._analyze_whole
    recognizer._analyze_whole = lambda t: pytest.fail("fell back to the whole-text search")
    try:
        fast = _rows(recognizer.analyze(text, ["PHONE_NUMBER"]))
    finally:
        del recognizer._analyze_whole
    assert fast == _rows(whole(text)) and len(fast) > 20


def test_text_where_the_matcher_could_give_up_falls_back(monkeypatch):
    text = "212 555 0199 " * 6000
    assert not phone._within_tries(text, phone._stretches(text)[0])
    monkeypatch.setattr(PhoneNumberRecognizer, "_analyze_whole", lambda self, t: ["reference"])
    assert RECOGNIZERS["en"].analyze(text, ["PHONE_NUMBER"]) == ["reference"]


def test_fast_path_skips_work():
    # Card numbers, SSNs, IPs and IBANs are never parsed; a US number is parsed by
    # the first home region only, not by all 32.
    calls = []
    real = phone.phonenumbers.PhoneNumberMatcher

    def counting(text, region, **kwargs):
        calls.append(region)
        return real(text, region, **kwargs)

    recognizer = RECOGNIZERS["en"]
    text = "Card 4111 1111 1111 1111, SSN 123-45-6789, IP 10.0.0.12, IBAN DE89370400440532013000."
    mp = pytest.MonkeyPatch()
    mp.setattr(phone.phonenumbers, "PhoneNumberMatcher", counting)
    try:
        assert recognizer.analyze(text, ["PHONE_NUMBER"]) == []
        assert calls == []
        results = recognizer.analyze("Call 617-555-0105 today", ["PHONE_NUMBER"])
    finally:
        mp.undo()
    assert [(r.start, r.end, r.score) for r in results] == [(5, 17, 0.6)]
    assert calls == ["US"]


def test_without_the_matchers_internals_the_reference_search_runs(monkeypatch):
    # A phonenumbers release that renames the patterns the fast search reuses.
    text = "Call +44 20 7946 0958 or (212) 555-0199, card 4111 1111 1111 1111."
    expected = _rows(RECOGNIZERS["en"]._analyze_whole(text))
    monkeypatch.setattr(phone, "_MATCHER_PATTERN", None)
    monkeypatch.setattr(phone, "_stretches", None)  # would raise if the fast search ran
    assert _rows(RECOGNIZERS["en"].analyze(text, ["PHONE_NUMBER"])) == expected != []
