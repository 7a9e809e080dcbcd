"""Recall on text nobody here wrote (issue 17, helper h17o): dates of birth, one test per class.

A record's line that gives a person's name and then, alone in its field, a date of long ago: the
name need not be on the name lists, may carry a middle initial, the fields may be parted by commas,
semicolons, bars, tabs, line breaks or (on a numbered line) spaces, and an age may stand between
("Jane Doe, 41, 3/29/1982"); an age that agrees with the year lets a child's recent date through.
Counterparts: a place or a title before the date, a signature's recent date, a date inside a
sentence. A birthday party's, card's or cake's date of long ago: nobody plans one decades back, so
the date is the birth date the birthday stands for (a recent one stays the event's). A birth date
named in one sentence and given in the next ("... the date of birth on my policy. It should be ..."),
and a date that "marks my birth" or is "the day of my birth".
Birth words no longer found inside names and other words ("Natalia", "Birthe",
"Bornemann", "Dobson", "NATO", "nacional"), nor a middle initial "B." taken for "b." (born), nor
the start or end of a word the context window cuts ("Ire|ne", "Ne|veu" read as "né").
Every example was written for this file; each class has counterparts that must stay undetected.
Real Presidio and spaCy through ``PiiEngine``.
"""

from __future__ import annotations

import datetime

import pytest

# The same engine (English, the small model; names, places, addresses, birth dates) and helper as the sixth round's.
from test_detection_outside3 import engine, of_type  # noqa: F401

# A birth-dates-only engine of one language, as the eighth round's tests use it.
from test_detection_outside8_h17f import birth_dates


# ----------------------------------------------------------------- a record's line


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # Names no list holds, a middle initial, and every field separator a record uses.
        ("Tavoran Keldimu, 8/14/1957, Port Elsewhere", ["8/14/1957"]),
        ("Ilse K. Brandtner; 1948-02-11; Rosenheim", ["1948-02-11"]),
        ("Oksana Melnyk | 11 July 1966 | +1 415 555 0100", ["11 July 1966"]),
        ("Mariusz W Zielonka\t3/2/1971\tmz@example.org", ["3/2/1971"]),
        ("Quentin Arvale\n1939/05/30\n14 Larch Road", ["1939/05/30"]),
        # An age between the name and the date.
        ("Renske Hofwijk, 57, 04/23/1968, pharmacist", ["04/23/1968"]),
        ("Delphine Aubrac (44) 2 March 1981", ["2 March 1981"]),
        # A numbered list: only spaces part the name from the date.
        ("Passengers:\n1. Anselm Virtanen Jan 8, 1964\n2. Tuija Peltonen 12/30/1971", ["Jan 8, 1964", "12/30/1971"]),
    ],
)
def test_a_date_alone_after_a_name_in_a_record_is_a_birth_date(engine, text, dates):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == dates


def test_a_record_line_in_french_spanish_and_german():
    assert birth_dates("fr", "Gwenaëlle Kerboriou, 27 juillet 1963, Quimper") == ["27 juillet 1963"]
    assert birth_dates("es", "Paciente: Itziar Goenaga, 11-11-1957") == ["11-11-1957"]
    assert birth_dates("de", "Wiebke Harmsen; 06.05.1946; Husum") == ["06.05.1946"]


def test_an_age_that_agrees_lets_a_childs_date_through(engine):  # noqa: F811
    year = datetime.date.today().year - 9
    assert of_type(engine, f"Milena Dvořáková, 9, 2/3/{year}, Brno", "DATE_OF_BIRTH") == [f"2/3/{year}"]
    # Without the age, a recent date after a name is a signature's or a log's.
    assert of_type(engine, f"Milena Dvořáková, 2/3/{year}, Brno", "DATE_OF_BIRTH") == []
    # An age that cannot be this person's at that date says nothing.
    assert of_type(engine, f"Milena Dvořáková, 47, 2/3/{year}, Brno", "DATE_OF_BIRTH") == []


@pytest.mark.parametrize(
    "text",
    [
        # A place, a title or a label before the date: no one's name.
        "West Sandrafurt, 4/25/1990\nDear Sir or Madam,",
        "Port Carolyn, 16 May 1992",
        "Buenos Aires, 3/4/1998",
        "Annual Report, 03/04/1998, page 2",
        "Last Visited, 3/4/1998",
        "Invoice Submitted; 1997-06-30; paid",
        # A signature's or a log's date is recent.
        f"Approved by Tavoran Keldimu, 3/4/{datetime.date.today().year - 1}",
        f"Ilse Brandtner | {datetime.date.today().year - 2}-02-11 | approved",
        # Only spaces between, inside a sentence: the date is the sentence's.
        "We met Tavoran Keldimu 8/14/1997 at the fair.",
    ],
)
def test_a_date_after_no_name_or_a_recent_date_is_not_a_birth_date(engine, text):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == []


# ----------------------------------------------------------------- birth words inside other words


@pytest.mark.parametrize(
    "text",
    [
        "Natalia Kowalska signed on 03/04/2020",
        "Natascha Berg paid the invoice on 3/4/2020",
        "Birthe Clausen signed on 3/4/2020",
        "Frau Bornemann signed on 3/4/2020",
        "Dobson paid on 3/4/2020",
        "NATO summit on 3/4/2020",
        # A middle initial B. is no "b." (born).
        "Kaiknak B. Lohallo signed the contract on 09.03.1973.",
        "Report generated 04.09.2024 by Malte B. Danielsson",
    ],
)
def test_a_name_or_word_that_starts_like_a_birth_word_is_no_birth_word(engine, text):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == []


def test_a_word_cut_by_the_context_window_is_read_whole(engine):  # noqa: F811
    # The window before a date is 36 characters; here it starts inside "Irene", at "ne".
    text = "Note from Irene" + " signed the lease, dated".ljust(34) + "3/4/2020"
    assert of_type(engine, text, "DATE_OF_BIRTH") == []
    # The window after a date is 12 characters; here it ends inside "Neveu", at "Ne".
    assert of_type(engine, "Report generated March 13, 2026 by Lucas Neveu", "DATE_OF_BIRTH") == []
    # A birth word whole inside the windows still counts.
    assert of_type(engine, "3/4/1982 (né à Lyon)", "DATE_OF_BIRTH") == ["3/4/1982"]


def test_the_birth_words_themselves_still_count(engine):  # noqa: F811
    assert of_type(engine, "born:3/29/1982", "DATE_OF_BIRTH") == ["3/29/1982"]
    assert of_type(engine, "Births: 3/4/1982", "DATE_OF_BIRTH") == ["3/4/1982"]
    assert of_type(engine, "patient_dob=1982-03-04", "DATE_OF_BIRTH") == ["1982-03-04"]
    assert of_type(engine, "Jane Doe (b. 3/4/1973)", "DATE_OF_BIRTH") == ["3/4/1973"]
    assert of_type(engine, "Birthplace and date: Lyon 3/4/1982", "DATE_OF_BIRTH") == ["3/4/1982"]
    assert birth_dates("es", "Nací el 3/4/1982 en Lima") == ["3/4/1982"]
    assert birth_dates("es", "nació el 3/4/1982") == ["3/4/1982"]
    assert birth_dates("es", "Lugar y fecha de nacimiento: Lima, 3/4/1982") == ["3/4/1982"]
    assert birth_dates("en", "Mario Rossi, nato a Roma il 3/4/1982") == ["3/4/1982"]
    assert birth_dates("en", "nata il 3 aprile 1982") == ["3 aprile 1982"]


# ----------------------------------------------------------------- a birthday event of long ago


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Send a birthday card to Anna on 1956-03-02, please.", ["1956-03-02"]),
        ("Oskar's birthday party: 4/11/1962", ["4/11/1962"]),
        ("We need a birthday cake for 12 May 1948", ["12 May 1948"]),
        # A recent date is the event's; an ordinal birthday is an anniversary, whatever its year.
        (f"Birthday party on {datetime.date.today().year - 1}-03-02 at 7pm!", []),
        ("Birthday cake ordered for 2/2/2022", []),
        ("Her 40th birthday party is on 1996-03-02.", []),
    ],
)
def test_a_birthday_event_of_long_ago_gives_the_birth_date(engine, text, dates):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == dates


# ----------------------------------------------------------------- named in one sentence, given in the next


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("I need to change the date of birth listed on my policy. It should be 3/29/1982 and not the 28th.", ["3/29/1982"]),
        ("Your system has my birthday wrong on the insurance card. The correct one is 1982-03-29.", ["1982-03-29"]),
        ("There is a mistake in the DOB on my driver's license renewal form. It's actually 29 March 1982.", ["29 March 1982"]),
        ("Can you check the date of birth you have on file for my account? Mine is 3/29/1982.", ["3/29/1982"]),
        # After "birthday" the next sentence may date the celebration: only a year of long ago is a birth's.
        ("My birthday dinner got cancelled by the restaurant, sadly. It was 3/4/2025.", []),
        # Another sentence that does not give the date as the birth date.
        ("Please bring proof of your date of birth to the office. Applications close 3/4/2026.", []),
    ],
)
def test_a_birth_date_named_in_one_sentence_and_given_in_the_next(engine, text, dates):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("3/29/1982 marks my birth, or so my mother says.", ["3/29/1982"]),
        ("1982-03-29, the day of my birth, was a Monday.", ["1982-03-29"]),
        ("29 March 1982 is the date of her birth.", ["29 March 1982"]),
        # The birth's place, certificate or town: another thing's date.
        ("On 3/4/2024 I went back to the city of my birth.", []),
        ("On 3/4/2024 we registered my birth certificate copy.", []),
    ],
)
def test_a_date_that_marks_someones_birth(engine, text, dates):  # noqa: F811
    assert of_type(engine, text, "DATE_OF_BIRTH") == dates
