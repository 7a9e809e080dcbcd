"""Recall on text nobody here wrote (issue 17, helper h17j): people and birth dates, one test per class.

Classes: names of countries that write in Cyrillic, Greek or Chinese characters, spelled in Latin
letters ("Yevgeniy", "Giorgos", "Chia-Hao"); a person a small English model tags as an organization,
read back where the words around say a person is meant (a role before, a known name, a request or a
verb only people do, a possessive of what people have), with the surname the model left out; a
role before a name the model took for a place ("Nurse Adeyemi"). Birth dates: a lifespan in
brackets after a name, a month and year further on in the clause of "born", the answer on the line
after a question about a birth date, and a birth word after a date that opens a date of its own
(which is not the earlier date's). Every example was written for this file; each class has
counterparts that must stay undetected. Real Presidio and spaCy through ``PiiEngine`` (English,
the small English model).
"""

from __future__ import annotations

import pytest
from conftest import of_type

# The same engine (English, the small model; names, places, addresses, birth dates) as the sixth round's.
from test_detection_outside3 import engine  # noqa: F401

from pii_rails.detection.predefined.lexicon import family_names, given_names

# ----------------------------------------------------------------- romanized names


@pytest.mark.parametrize("name", ["Yevgeniy", "Dmitry", "Oleksandr", "Giorgos", "Konstantinos", "Chia-Hao"])
def test_romanized_given_names_are_known(name):
    assert name in given_names()


@pytest.mark.parametrize("name", ["Papadakis", "Kovalenko", "Sokolova"])
def test_romanized_family_names_are_known(name):
    assert name in family_names()


@pytest.mark.parametrize("word", ["Semen", "Done", "Baby"])
def test_romanized_names_leave_out_words(word):
    # Dictionary words stay out of the lists, whatever a locale spells so ("Семён", "Доне", "Баби").
    assert word not in given_names()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Why is Yevgeniy always so quiet?", "Yevgeniy"),
        ("Why is Athanasios never on time?", "Athanasios"),
        ("As promised, here's Vsevolod's address: it's on the letter.", "Vsevolod"),
    ],
)
def test_romanized_names_in_sentences(engine, text, name):  # noqa: F811
    assert name in of_type(engine, text, "PERSON")


# ----------------------------------------------------------------- organizations that are people


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Giorgos Papadakis will call you tomorrow.", "Giorgos Papadakis"),
        ("Coach Petrov announced the team on Friday.", "Petrov"),
        ("Kofi's car is parked outside the gate.", "Kofi"),
        ("Rental desk note: customer Aminu Ndiaye returned the van.", "Aminu Ndiaye"),
        ("Nurse Adeyemi checked the chart twice.", "Adeyemi"),
    ],
)
def test_organization_read_as_person(engine, text, name):  # noqa: F811
    assert name in of_type(engine, text, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Deutsche Telekom raised prices again.",
        "Goldman Sachs reported earnings on Tuesday.",
        "Rose gold and Sierra blue are back in stock, Olive is sold out until May.",
        "Tata Consultancy Services hired 500 graduates.",
        "Mitsubishi Heavy Industries won the bid.",
        "We use Slack, Jira and Confluence every day.",
        "Our client Rakuten renewed the contract.",
        "I will email Accenture tomorrow.",
    ],
)
def test_organizations_stay_undetected(engine, text):  # noqa: F811
    assert of_type(engine, text, "PERSON") == []


# ----------------------------------------------------------------- dates of birth


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # A lifespan after a name: the first date is the birth date.
        ("Ilse Vandam (14 March 1931 – 2 June 2004) was a harbour pilot.", "14 March 1931"),
        ("Jan Kowalski (3/4/1931 - 5/6/2001) ran the bakery.", "3/4/1931"),
        # A month and year further on in the clause of "born".
        ("Mirela was born in a small village near the coast in April 1976.", "April 1976"),
        # The answer on the line after a question about a birth date.
        ("Agent: Thanks. Could I also have your date of birth for the security check, please?\nCaller: sure thing, it's 11/23/1968", "11/23/1968"),
        ("Q: and when is your birthday, if you don't mind me asking?\nA: oh it is 2 August 1990", "2 August 1990"),
    ],
)
def test_birth_dates_found(engine, text, date):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == [date]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # A lifespan's end is a death date; a bracket of event dates is no lifespan.
        ("Jan Kowalski (3/4/1931 to 5/6/2001) ran the bakery.", ["3/4/1931"]),
        ("The Harbour Festival (May 3, 2024 to May 5, 2024) was sold out.", []),
        # Another clause's month and year, and a birthday's trip.
        ("She was born in Lyon, where she opened a bakery in March 2015.", []),
        ("For my birthday we flew to Rome in May 2019.", []),
        # The birth word after a date opens a date of its own.
        ("Member since 4/17/2001, born 4/17/1976.", ["4/17/1976"]),
        ("Joined 2001-04-17, DOB 1976-04-17", ["1976-04-17"]),
        # A question about something else, answered with a date.
        ("Agent: When did the parcel arrive?\nCaller: on 11/23/2024", []),
    ],
)
def test_birth_date_counterparts(engine, text, dates):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == dates


# ----------------------------------------------------------------- roles and requests before a name


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Officer Diaz and Detective Moreau arrived at noon.", ["Diaz", "Moreau"]),
        ("Tell Hamid I am sorry about the delay.", ["Hamid"]),
        ("Captain Haddock signed the log.", ["Haddock"]),
        ("Yaco's passport expired last week.", ["Yaco"]),
    ],
)
def test_role_request_and_possessive(engine, text, names):  # noqa: F811
    assert of_type(engine, text, "PERSON") == names


@pytest.mark.parametrize(
    "text",
    [
        "General Motors recalled the cars.",
        "Major League Baseball announced the schedule.",
        "Tesla's car sales fell again.",
        "Reviewed by Deloitte and approved by the board.",
    ],
)
def test_role_words_and_firms_stay_undetected(engine, text):  # noqa: F811
    assert of_type(engine, text, "PERSON") == []


# ----------------------------------------------------------------- names a letter, a record or a header gives


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Attn: Marsilius Chenard\nAccounts dept.", "Marsilius Chenard"),
        ("Witness: Dmitar Ruedl", "Dmitar Ruedl"),
        ("Next of kin: Teodata Boni", "Teodata Boni"),
        ("Dear Marsilius Chenard,\nThank you for your letter.", "Marsilius Chenard"),
        ("On Mon, 3 Mar 2025 at 10:14, Teodata Boni <t.boni@example.com> wrote:\n> see below", "Teodata Boni"),
        ("Am 03.03.2025 um 10:14 schrieb Teodata Boni <t.boni@example.com>:", "Teodata Boni"),
        ("Teodata Boni (Sales Manager)\nAcme Widgets", "Teodata Boni"),
        ("Marsilius Chenard - Head of Sales", "Marsilius Chenard"),
        ("Reported by Dmitar Ruedl on 3 March.", "Dmitar Ruedl"),
        ("Best wishes\nTeodata Boni", "Teodata Boni"),
    ],
)
def test_names_in_letters_records_and_headers(engine, text, name):  # noqa: F811
    assert name in of_type(engine, text, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Dear Board Members,",
        "Dear Hiring Manager,",
        "Dear Sir or Madam,",
        "Best wishes to everyone at the office!",
        "Approved by Finance Committee on 3 March.",
        "Python Software Foundation - Executive Director",
        "On Monday, the board wrote: we are pleased.",
        "Supervisor: Night Shift",
        "Author: Unknown",
    ],
)
def test_letter_and_record_counterparts(engine, text):  # noqa: F811
    assert of_type(engine, text, "PERSON") == []


# ----------------------------------------------------------------- a plain statement of a job


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chisaki is a nurse at the clinic.", "Chisaki"),
        ("Tadzio works as a welder.", "Tadzio"),
        ("Ulugbek is our accountant.", "Ulugbek"),
    ],
)
def test_statement_of_a_job(engine, text, name):  # noqa: F811
    assert of_type(engine, text, "PERSON") == [name]


@pytest.mark.parametrize(
    "text",
    ["Uber is a driver app.", "Amazon is a retailer.", "Teacher is a noun.", "Kubernetes works as a scheduler."],
)
def test_statement_of_a_job_counterparts(engine, text):  # noqa: F811
    assert of_type(engine, text, "PERSON") == []


# ----------------------------------------------------------------- forms, tables and whose name a thing is in


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Full name ........ PAPADOPOULOS, Stavroula\nPhone ............ none", "PAPADOPOULOS, Stavroula"),
        ("SHIP TO:\nOSWIN TREGARTHEN\n12 Harbour Row, Penzance", "OSWIN TREGARTHEN"),
        ("| Payee | Bank |\n|---|---|\n| OKONKWO, Chidinma | Monzo |", "OKONKWO, Chidinma"),
        ("Given name(s): Haruki\nNationality: Japanese", "Haruki"),
        ("We found a phone with a card in the name of EULALIA VANTERPOOL inside.", "EULALIA VANTERPOOL"),
        ("Good morning, you're speaking with Ottoline. How can I help?", "Ottoline"),
        ("I lost Wendeline's address again.", "Wendeline"),
    ],
)
def test_names_in_forms_tables_and_holders(engine, text, name):  # noqa: F811
    assert name in of_type(engine, text, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "URGENT, Please read before Friday\n",
        "| STATUS, Open |",
        "Ship to: Warehouse 4",
        "In the name of Science and Progress we built it.",
        "You're speaking with Customer Care.",
    ],
)
def test_form_and_holder_counterparts(engine, text):  # noqa: F811
    assert of_type(engine, text, "PERSON") == []


# ----------------------------------------------------------------- a name joined to a person's


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("I'll be with Yerlan and Aigerim tomorrow.", ["Yerlan", "Aigerim"]),
        ("Dinner with Ingrid Solberg and Oddvar tonight.", ["Ingrid Solberg", "Oddvar"]),
    ],
)
def test_coordinated_names(engine, text, names):  # noqa: F811
    assert of_type(engine, text, "PERSON") == names


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # A surname tools are named after vouches for no unknown word; nor a dictionary word, nor a street.
        ("We evaluated Jenkins and Buildkite.", "Buildkite"),
        ("Ingrid Solberg and Finance agreed on the budget.", "Finance"),
        ("Send it to Ingrid or Procurement.", "Procurement"),
        ("Meet me at the corner of Ingrid and Kaarli 80.", "Kaarli"),
    ],
)
def test_coordinated_counterparts(engine, text, word):  # noqa: F811
    assert word not in of_type(engine, text, "PERSON")


# ----------------------------------------------------------------- chat in lower case


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("i talked to maria lopez yesterday", ["maria lopez"]),
        ("our new songwriter zofia kaminska wrote the hook", ["zofia kaminska"]),
        ("omg said bartholemeus to me, so rude", ["bartholemeus"]),
        ("hey, tell sofia i said hi", ["sofia"]),
    ],
)
def test_lower_case_names_after_words_for_people(engine, text, names):  # noqa: F811
    assert of_type(engine, text, "PERSON") == names


@pytest.mark.parametrize(
    "text",
    [
        "i talked to support yesterday",
        "i spoke with zendesk about it",
        "follow up with the team in a week",
        "directed by netflix originals",
        "met with legal today",
        # Written with capitals: a lower-case word there is no name.
        "Please follow up with sales. I talked to marketing too.",
    ],
)
def test_lower_case_counterparts(engine, text):  # noqa: F811
    assert of_type(engine, text, "PERSON") == []


def test_a_label_after_a_name_on_one_line_is_cut(engine):  # noqa: F811
    # A form flattened to one line: the next field's label is no part of the name.
    text = "Name: Jan Novak Birthday 4/17/1976"
    assert of_type(engine, text, "PERSON") == ["Jan Novak"]
    assert of_type(engine, text, "DATE_OF_BIRTH") == ["4/17/1976"]


# ----------------------------------------------------------------- what only people do or have


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Wojsław lives on 14 Birchwood Road.", "Wojsław"),
        ("Tjorven lives on Hafenstraße 12 with her aunt.", "Tjorven"),
        ("Ermolai Dzhabrailov's killers were sentenced today.", "Ermolai Dzhabrailov"),
        ("Ksaveria's widower sold the farm.", "Ksaveria"),
        ("Oyelaran is from Harbourside Freight Ltd and handles our account.", "Oyelaran"),
    ],
)
def test_unknown_names_doing_what_people_do(engine, text, name):  # noqa: F811
    assert name in of_type(engine, text, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Nginx lives at port 8080 by default.",
        "Kubernetes lives in its namespace.",
        "The config lives on the server.",
        "Gemini is from Google.",
        "The package is from Acme Widgets Inc. and the API docs are on GitHub, install it with pip.",
    ],
)
def test_what_only_people_do_counterparts(engine, text):  # noqa: F811
    assert of_type(engine, text, "PERSON") == []
