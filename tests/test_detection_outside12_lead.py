"""Birth dates marked the way biographies mark them (issue 17).

German, Scandinavian and Dutch biographies put a star before a person's birth date in the brackets after
the name ("Max Müller (* 12. März 1985 in Hamburg)", "(* 3.4.1985; † 2.1.2020)"), and English, French
and Spanish ones "b.", "né(e)", "nac.". The date is a birth date whatever follows it in the brackets.
Counterparts: a star before a date that is not after a name or not in brackets, or a date of this year,
stays unreported. Every example was written for this file.
"""

from __future__ import annotations

import pytest
from conftest import of_type

from test_detection_outside3 import engine  # noqa: F401

DOB = "DATE_OF_BIRTH"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Max Müller (* 12. März 1985 in Hamburg) ist ein deutscher Politiker.", "12. März 1985"),
        ("Anna Berg (* 3.4.1985; † 2.1.2020) var en norsk forfatter.", "3.4.1985"),
        ("Pieter de Vries (*14-02-1979) is een Nederlandse schaatser.", "14-02-1979"),
        ("Lena Holm (* 1979-02-14, Uppsala) är en svensk sångerska.", "1979-02-14"),
        ("Oskar Lind (b. 3/4/1985) is a Swedish chess player.", "3/4/1985"),
        ("Jean Roy (née 12/03/1985) est peintre.", "12/03/1985"),
        ("Lucía Gómez (nac. 12/03/1985) es escritora.", "12/03/1985"),
    ],
)
def test_a_marked_birth_in_a_biography_is_a_birth_date(engine, text, date):  # noqa: F811
    assert of_type(engine, text, DOB) == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose sharply (* 12.03.1985 figures, see note).",
        "Footnote: * 12.03.1985 is the first issue's date.",
        "Max Müller (* 12.03.2026 in Hamburg) ist der jüngste Neffe.",
        "The totals (12.03.1985 in the ledger) were revised.",
    ],
)
def test_a_star_elsewhere_is_no_birth(engine, text):  # noqa: F811
    assert of_type(engine, text, DOB) == []
