"""Structured ids on text nobody here wrote (issue 17, helper h17c), one test per class.

Classes: phone numbers written with an extension after a space ("ext. 204", "x 12"), with the
dashes and spaces of word processors and typographers (an en dash, a narrow no-break space),
glued to the phone word before them ("Tel.+49...", "Phone#555...", "Mobile-98...") or to the next
sentence (".Thanks"), a bare run of digits the text calls someone's number, two of them listed with a
slash, one after a postcode on the same line, an area code in brackets that one region reads with the number and another without, six-digit
local numbers of small networks in three pairs where the text speaks of calling, a bare run of
digits under a line label of a signature or contact card ("Desk:", "W:"); a driver's licence value
that fits no state's format right after the words naming it; card numbers grouped by fours with a
short last group or with full stops; IBANs typed in lower or mixed case. Every example was written for this file; each class has
counterparts that must stay undetected. Real Presidio and spaCy through ``PiiEngine`` (English,
the small English model).
"""

from __future__ import annotations

import pytest
from conftest import of_type

from pii_rails import PiiEngine

ENTITIES = [
    "PERSON", "LOCATION", "STREET_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_DRIVER_LICENSE", "US_SSN",
    "IBAN_CODE", "IP_ADDRESS", "URL", "EMAIL_ADDRESS", "DATE_OF_BIRTH",
]  # fmt: skip


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict({"language": "en", "input": {"entities": ENTITIES}})


# ----------------------------------------------------------------- phone numbers


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        # An extension after a space: its digits are not counted as the number's.
        ("Reach the front desk at 416-839-2270 x 4417 during office hours.", "416-839-2270 x 4417"),
        ("Call me on (312) 980-4471 ext. 28 tomorrow.", "(312) 980-4471 ext. 28"),
        ("Line: 617.802.5531 extension 9", "617.802.5531 extension 9"),
        # Dashes and spaces other than the ASCII ones.
        ("Call 416\u2013839\u20132270 after lunch.", "416\u2013839\u20132270"),
        ("Tel 04\u202f78\u202f62\u202f19\u202f33", "04\u202f78\u202f62\u202f19\u202f33"),
        ("phone: 312\u2011980\u20114471", "312\u2011980\u20114471"),
        # Glued to the phone word in front of it.
        ("Tel.+49 89 4471 2290", "+49 89 4471 2290"),
        ("Ph#617-802-5531 (after 5 pm)", "617-802-5531"),
        ("Cell # 07781 552 913", "07781 552 913"),
        ("Mobile-9884127730 (Chennai office)", "9884127730"),
        # A sentence ending on the number with no space after its full stop.
        ("Call me at 617-802-5531.Thanks, Dana", "617-802-5531"),
        # An area code in brackets that belongs to the number.
        ("Escritório: (11) 91284-5678", "(11) 91284-5678"),
        # A bare run of digits where the text calls it someone's number.
        ("Is your number still 3126024471?", "3126024471"),
        ("Left a voicemail on 0478621933 this morning.", "0478621933"),
    ],
)
def test_phone_numbers_written_in_more_ways(engine, text, phone):
    assert of_type(engine, text, "PHONE_NUMBER") == [phone]


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        # A postcode or unit number right before it, one space between.
        ("Ortega & Sons, Portland, OR 97204 503-802-4471", "503-802-4471"),
        ("Harbour Rd, Wellington 6011 +64 4 802 4471", "+64 4 802 4471"),
        # An area code written before the dashed rest stays with the number.
        ("Call 905 549-7359 after six.", "905 549-7359"),
        ("Phone 1 (905) 549-7359", "1 (905) 549-7359"),
    ],
)
def test_a_number_after_a_postcode_on_the_same_line(engine, text, phone):
    assert of_type(engine, text, "PHONE_NUMBER") == [phone]


def test_the_tail_of_a_grouped_card_number_is_not_a_phone(engine):
    assert of_type(engine, "Card 4663 7857-1758-7843 was declined.", "PHONE_NUMBER") == []


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("Mobile/landline: +44 7781 552913/+44 20 8871 4402", ["+44 7781 552913", "+44 20 8871 4402"]),
        ("Numbers: 0478 62 19 33/0612 88 41 70", ["0478 62 19 33", "0612 88 41 70"]),
    ],
)
def test_two_numbers_listed_with_a_slash(engine, text, phones):
    assert of_type(engine, text, "PHONE_NUMBER") == phones


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("If the shop is closed, call 41 77 29 and ask for Rasmus.", "41 77 29"),
        ("You can reach the harbour office on 36 82 90.", "36 82 90"),
        ("Ring 58.34.61 any time before nine.", "58.34.61"),
    ],
)
def test_six_digit_local_numbers_where_the_text_speaks_of_calling(engine, text, phone):
    assert of_type(engine, text, "PHONE_NUMBER") == [phone]


@pytest.mark.parametrize(
    "text",
    [
        "The scores were 41 77 29 after three rounds.",  # no phone word
        "Call me on 12 05 24 to confirm, that's the date of the hearing.",  # a day, month and year
        "Call the desk about order 45 67 89.",  # named as an order
        "Call at 10:41 77 29 is the code.",  # after a clock time
        "Please call 41 77 29 33 88 71 12 today.",  # more pairs: not a six-digit number
    ],
)
def test_six_digit_look_alikes_are_not_phones(engine, text):
    assert "41 77 29" not in of_type(engine, text, "PHONE_NUMBER")
    assert "12 05 24" not in of_type(engine, text, "PHONE_NUMBER")
    assert "45 67 89" not in of_type(engine, text, "PHONE_NUMBER")


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Ines Barbosa\nAccounts\nDesk: 3126024471\nines@example.org", "3126024471"),
        ("K. Obi | W: 4168392270 | H: 4168392271", "4168392270"),
        ("Office (main): 6178025531", "6178025531"),
    ],
)
def test_a_bare_run_of_digits_under_a_line_label(engine, text, phone):
    assert phone in of_type(engine, text, "PHONE_NUMBER")


@pytest.mark.parametrize(
    "text",
    [
        "Order: 3126024471 shipped on Monday.",
        "My number of open orders is 3126024471, oddly.",
        "Saved as report-3126024471.Final by the export.",
        "ID: 3126024471",
        "Work order 4168392270 is closed.",
        "She worked there from 2019 to 2023.",
    ],
)
def test_other_numbers_under_labels_are_not_phones(engine, text):
    assert of_type(engine, text, "PHONE_NUMBER") == []


@pytest.mark.parametrize(
    "text",
    [
        "Meeting 10-20 June, room 4417.",
        "Prices went from 1,299.00 to 1,499.00 last week.",
        "Build 10.0.26100.1171 fixed it; see ticket 2291/2292.",
        "Logged at 2024-05-01 18:19:44.489951 by the batch job.",
        "Order 4471-2290/2291 was split in two.",
    ],
)
def test_ranges_versions_prices_and_orders_are_not_phones(engine, text):
    assert of_type(engine, text, "PHONE_NUMBER") == []


# ----------------------------------------------------------------- driver's licences


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My driver's license number is K7R2p", "K7R2p"),
        ("Driving licence no. 081446, issued last year.", "081446"),
        ("drivers license: 55X0217", "55X0217"),
    ],
)
def test_a_licence_value_in_no_states_format_after_its_label(engine, text, value):
    assert of_type(engine, text, "US_DRIVER_LICENSE") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "I have had my driving licence since 2011.",
        "My driver's license expired on 2023-04-01.",
        "Bring your driver's license and passport to the desk.",
    ],
)
def test_years_dates_and_words_after_a_licence_word_are_not_licences(engine, text):
    assert of_type(engine, text, "US_DRIVER_LICENSE") == []


# ----------------------------------------------------------------- card numbers


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("Charged to 3056 9309 0259 04 yesterday.", "3056 9309 0259 04"),
        ("Paid with 4111.1111.1111.1111 yesterday.", "4111.1111.1111.1111"),
    ],
)
def test_cards_grouped_by_fours_short_or_dotted(engine, text, card):
    assert of_type(engine, text, "CREDIT_CARD") == [card]


@pytest.mark.parametrize(
    "text",
    [
        "Paid with 4111.1111.1111.1112 yesterday.",  # fails the Luhn check, no card word
        "Release 2023.1104.0000.4 is out.",
        "Version 4111.1111.1111.1111.5 of the firmware.",  # glued to a fifth part
    ],
)
def test_dotted_look_alikes_are_not_cards(engine, text):
    assert of_type(engine, text, "CREDIT_CARD") == []


# ----------------------------------------------------------------- IBANs


@pytest.mark.parametrize(
    ("text", "iban"),
    [
        ("pls send it to gb82 west 1234 5698 7654 32 before friday", "gb82 west 1234 5698 7654 32"),
        ("ok wire the deposit to de89370400440532013000 thx", "de89370400440532013000"),
        ("Refund to Fr14 2004 1010 0505 0001 3m02 606, please.", "Fr14 2004 1010 0505 0001 3m02 606"),
    ],
)
def test_ibans_typed_in_lower_or_mixed_case(engine, text, iban):
    assert of_type(engine, text, "IBAN_CODE") == [iban]


@pytest.mark.parametrize(
    "text",
    [
        "pls send it to de12 3456 7890 1234 5678 90 before friday",  # fails the check digits, no label
        "the tag is ab12 cdef 3456 ghij 7890 in the log",
    ],
)
def test_lower_case_look_alikes_are_not_ibans(engine, text):
    assert of_type(engine, text, "IBAN_CODE") == []


# ----------------------------------------------------------------- someone's number, in French, Spanish and German


@pytest.fixture(scope="module")
def regex_engines():
    return {
        language: PiiEngine.from_dict({"language": language, "regex_only": True, "input": {"entities": ["PHONE_NUMBER"]}})
        for language in ("fr", "es", "de")
    }


@pytest.mark.parametrize(
    ("language", "text", "phone"),
    [
        ("es", "Mi número es 612839447, gracias.", "612839447"),
        ("es", "Apunta tu número: 622174903", "622174903"),
        ("de", "Meine Nummer ist 015208812447.", "015208812447"),
        ("de", "Ihre Nummer: 7744 0123 8812", "7744 0123 8812"),
        ("fr", "Votre numéro 0478621933 est bien noté.", "0478621933"),
    ],
)
def test_a_bare_number_the_text_calls_someones(regex_engines, language, text, phone):
    assert of_type(regex_engines[language], text, "PHONE_NUMBER", language) == [phone]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "El pedido 612839447 salió ayer."),
        ("de", "Rechnung 015208812447 ist bezahlt."),
    ],
)
def test_bare_numbers_named_as_something_else_stay_unmasked(regex_engines, language, text):
    assert of_type(regex_engines[language], text, "PHONE_NUMBER", language) == []
