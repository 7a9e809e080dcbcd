"""Dates of birth: a date the text says is someone's birth date.

Not every date is personal: a delivery date or a meeting is not. A date is
reported as ``DATE_OF_BIRTH`` only when a birth keyword stands just before it
("born", "DOB", "date of birth", "né le", "fecha de nacimiento", "geboren am")
or right after it ("(DOB)"). Numeric, ISO and written-out dates are covered in
English, French, Spanish, German and Italian.
"""

from __future__ import annotations

import datetime
from typing import List, Optional

import regex
from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult

from pii_rails.detection.predefined.base import ContextPatternRecognizer, delimited_cells, fold, table_cells
from pii_rails.detection.predefined.lexicon import family_names, given_names, is_word, place_names

_TIMESTAMP = regex.compile(r"\[?\d{1,2}:\d\d(?::\d\d)?(?:\.\d+)?\]?")

_MONTHS = (
    # en
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
    # fr
    "|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
    "|janv|f[ée]vr|avr|juil|oct|d[ée]c"
    # es
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    "|ene|abr|ago|dic"
    # de
    "|januar|j[äa]nner|februar|m[äa]rz|mai|juni|juli|oktober|dezember|okt|dez"
    # it
    "|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|gen|mag|giu|lug|ott"
    # pt
    "|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro|fev"
)
_MONTH = r"(?i:(?:" + _MONTHS + r")\.?)"
# A day as a number ("4", "04", "4th", "4.") or an English ordinal word ("the fourth", "twenty-first"),
# as people write a birth date out in full: "born on the third of April, 1985".
_ORDINAL_WORD = (
    r"(?i:(?:twenty|thirty)[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty[- ]?first|first|second|third"
    r"|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
    r"|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
)
_DAY = r"(?:(?:0?[1-9]|[12]\d|3[01])(?i:st|nd|rd|th|er|º|°|\.)?|" + _ORDINAL_WORD + r"(?![\p{L}-]))"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# A year cut to two digits after an apostrophe, as in "March 4th, '85" or "3/4/'85".
_YEAR_OR_SHORT = r"(?:" + _YEAR + r"|['’]\d\d(?!\d))"

# The time after an ISO date: "T" and hours and minutes, or a space and a time with seconds; a fraction, a zone.
_ISO_TIME = r"(?:(?:[Tt](?:[01]\d|2[0-3]):[0-5]\d|[ ](?:[01]\d|2[0-3]):[0-5]\d(?=:))(?::[0-5]\d(?:\.\d{1,6})?)?(?:Z|[+-]\d\d:?\d\d)?)?"

_DATE_PATTERNS = [
    # 1985-03-14, 1985/03/14
    # ... and with the time exports and APIs print after it, 1985-03-14T00:00:00(Z), 1985-03-14 00:00:00
    Pattern("iso_date", r"(?<![\d.])" + _YEAR + r"[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])" + _ISO_TIME + r"(?![\d])", 0.85),
    # 14/03/1985, 03-14-1985, 14.03.1985, 14.3.85
    Pattern(
        "numeric_date",
        r"(?<![\d.,/]|[\d.,/]-)(?:0?[1-9]|[12]\d|3[01])[-/.]\s?(?:0?[1-9]|[12]\d|3[01])[-/.]\s?(?:" + _YEAR_OR_SHORT + r"|\d\d)(?![\d/-]|\.\d)",
        0.85,
    ),
    # March 14, 1985 / March 14th 1985 / April the 3rd, '85
    Pattern("month_day_year", r"\b" + _MONTH + r"\s+(?i:the\s+)?" + _DAY + r",?\s+" + _YEAR_OR_SHORT + r"\b", 0.85),
    # 15-Aug-1953, 15/Aug/1953, 15.Aug.53
    Pattern("day_mon_year", r"(?<![\w.-])" + _DAY + r"[-/. ]" + _MONTH + r"[-/. ]" + r"(?:" + _YEAR + r"|\d\d)(?![\w-])", 0.85),
    # 14 March 1985 / 14th of March, 1985 / 14 mars 1985 / 14 de marzo de 1985 / 14. März 1985
    Pattern(
        "day_month_year",
        r"\b" + _DAY + r"\s*(?i:of\s+|de\s+)?" + _MONTH + r",?\s+(?i:de\s+|del\s+)?" + _YEAR_OR_SHORT + r"\b",
        0.85,
    ),
]


def _around(prefix: str, head: str, sources: List[Pattern], score: float = 0.6, tail: str = "") -> List[Pattern]:
    """One pattern per date shape of ``sources``: the date as ``value`` between ``head`` and ``tail``."""
    return [Pattern(prefix + p.name, head + r"(?P<value>" + p.regex + r")" + tail, score) for p in sources]


# A day and month without a year, which only a birth word makes a birth date: "my birthday is
# 14 September", "born on March 3rd", "DOB: 3 Mar".
_YEARLESS = [
    Pattern("yearless_month_day", r"\b" + _MONTH + r"[ \t]+" + _DAY + r"(?![\p{L}\d])(?!,?[ \t]*\d)", 0.6),
    Pattern("yearless_day_month", r"\b" + _DAY + r"[ \t]*(?i:of[ \t]+)?" + _MONTH + r"(?![\p{L}\d])(?!,?[ \t]*(?i:de[ \t]+|del[ \t]+)?\d)", 0.6),
]
# A month and year without a day: "born in March 1985", "DOB: 03/1985". Only right after a word
# that names a birth date or says someone was born (not "birthday", which parties and trips share).
_MONTH_YEAR = [
    Pattern("month_year", r"\b" + _MONTH + r",?[ \t]+(?i:of[ \t]+)?" + _YEAR + r"\b", 0.6),
    Pattern("numeric_month_year", r"(?<![\d/.-])(?:0?[1-9]|1[0-2])[/.-]" + _YEAR + r"(?![\d/.-])", 0.6),
]
_MONTH_ABBREVIATION = regex.compile(
    r"(?i:\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|janv|f[ée]vr|avr|juil|d[ée]c|ene|abr|ago|dic|okt|dez|gen|mag|giu|lug|ott)\.\Z)"
)
# The mark biographies put before a birth in the brackets after a name: the star of German and Scandinavian
# ones ("Max Müller (* 12. März 1985)"), "b.", "geb.", "né", "nac.".
_BIRTH_MARK = r"(?:(?:\*|(?i:b|geb|nac)\.|(?i:née?|nee?|nacid[oa]))[ \t]*)?"
# "Jane Doe (03/04/1961)": how clinical notes and forms give a birth date, bare or marked.
_NAME_THEN_DATE = [
    Pattern("name_then_" + p.name, r"(?<=\p{Lu}[\p{Ll}'’-]+[ \t]?\(" + _BIRTH_MARK + r")(?:" + p.regex + r")(?=\))", 0.6)
    for p in _DATE_PATTERNS
]  # fmt: skip
# The star opening a bracket is a birth in any biography, whatever follows the date: "(* 12. März 1985 in
# Hamburg)", "(* 3.4.1985; † 2.1.2020)".
_STARRED = [
    Pattern("name_then_starred_" + p.name, r"(?<=\([ \t]?\*[ \t]*)(?:" + p.regex + r")(?=[ \t]*[),;]|[ \t]+(?:in|à|en|i)[ \t])", 0.6)
    for p in _DATE_PATTERNS
]  # fmt: skip
# One word of a name: "Ana", "María", "O'Neil", "Jean-Luc".
_NAME_WORD = r"\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?"
# "Jane Doe, 3/29/1982, presented with ...", "Jane Doe / 3/29/1982 / Lyon", "Jane Doe | 41 | 3/29/1982",
# "Jane Doe\t3/29/1982", a passenger list's "1. Jane Q. Doe 3/29/1982": a record's line, the person's name
# and right after it (maybe after an age) a date alone in its field. See ``_owned_record`` for which names
# and years: a letter's or a signature's date is recent, a place's or a title's words are no name.
_INITIAL = r"\p{Lu}\.?"
_PARTICLE = r"(?:de|del|la|van|von|der|den|da|di|du|le|ter|ten|y|e|dos|das|bin|al|el)"
_RECORD_NAME = (
    _NAME_WORD + r"(?:[ \t]+(?:" + _NAME_WORD + r"|" + _INITIAL + r"|" + _PARTICLE + r")(?![\p{L}\d])){0,3}?[ \t]+" + _NAME_WORD
)
_FIELD_SEPARATOR = r"(?:[ \t]*(?:,|;|/|\|)[ \t]*|[ \t]*\t[ \t]*|[ \t]*\n[ \t]*|[ \t]+[-–][ \t]+)"
# An age between the name and the date: "Jane Doe, 41, 3/29/1982", "Jane Doe (41) 3/29/1982".
_AGE_FIELD = r"(?:" + _FIELD_SEPARATOR + r"\d{1,3}|[ \t]*\(\d{1,3}\))"
_NAME_SEPARATOR = r"(?:(?P<age>" + _AGE_FIELD + r")?" + _FIELD_SEPARATOR + r"|[ \t]*\(\d{1,3}\)[ \t]+|[ \t]+)"
_NAME_THEN_SEPARATED = [
    Pattern(
        "name_then_separated_" + p.name,
        # One character first: most positions are inside a word, where the long look-behind need not run.
        r"(?<=[\s,;/|)-])(?<=" + _RECORD_NAME + _NAME_SEPARATOR + r")(?:" + p.regex + r")(?=\t|[ \t]*(?:[,;/|)]|\n|\Z|\.(?:\s|\Z)))",
        0.6,
    )
    for p in _DATE_PATTERNS
]  # fmt: skip
_OWNER_SEPARATED = regex.compile(r"(?P<name>" + _RECORD_NAME + r")" + _NAME_SEPARATOR + r"\Z")
# A date's field ends: a separator, a line's end, two spaces before the next field.
_DATE_END = regex.compile(r"[ \t]*(?:[,;|\t\n]|\Z)|[ \t]{2}")
# What may stand before a name that only a space parts from its date: a line's start, a list's number
# or bullet, a label ("Patient: Jane Doe 3/29/1982").
_LINE_HEAD = regex.compile(r"(?:\A|\n)[ \t]*(?:\d{1,3}[.)][ \t]*|[-*•][ \t]*|[\p{L} ]{1,24}:[ \t]*)?\Z")
# How old the year of a date right after a name must be to be read as a birth year.
_ADULT_YEARS = 16
# "Jane Doe (12 June 1944 – 3 March 2010)": a life's span after a name, as encyclopedias and obituaries
# write it; the first date is the birth date.
_LIFESPAN = _around(
    "name_then_lifespan_", r"(?<=\p{Lu}[\p{Ll}'’-]+[ \t]?\()", _DATE_PATTERNS,
    tail=r"(?=[ \t]*(?:-|–|—|(?i:to))[ \t]*(?:" + "|".join(r"(?:" + q.regex + r")" for q in _DATE_PATTERNS) + r")[ \t]*\))",
)
# A question about a birth date and the answer on the next line: "Agent: Can I have your birthday,
# please?\nCustomer: sure, it's 4/17/1976". Only the first date of the answer's line.
_ANSWERED = _around(
    "clause_answer_", r"(?i:\b(?:born|birthday|bday|birth ?date|date of birth|dob|d\.o\.b)\b)[^\n?]{0,40}\?[ \t]*\n[^\n\d]{0,40}?", _DATE_PATTERNS
)
# A key naming the value a birth date in JSON, logs and code: "dob": "...", date_of_birth=..., birthDate: ...
_KEYED = [
    Pattern(
        "key_" + p.name,
        r"(?i:(?<![\p{L}\d])[\w.-]*?(?:dob|date_?of_?birth|birth_?date|birth_?day|geburtsdatum|geburtstag|fecha_?(?:de_?)?nacimiento"
        r"|date_?de_?naissance|data_?di_?nascita|data_?de_?nascimento|geboortedatum|data_?urodzenia|f[øo]dselsdato|f[öo]delsedatum"
        r"|syntym[äa]aika)[\w-]*)[\"']?[ \t]*(?:[:=]>?|>)[ \t]*[\"']?(?P<value>" + p.regex + r")",
        0.85,
    )
    for p in [*_DATE_PATTERNS, *_YEARLESS, *_MONTH_YEAR]
]  # fmt: skip
# Periods that end no sentence ("born at St. Mary's", "at 5 a.m."), and a clock time ("born at 5:40 on ..."):
# a clause runs on through them.
_ABBREVIATION = r"\b(?:St|Ste|Mt|Ft|Dr|Mr|Mrs|Ms|Jr|Sr|No|Av|Ave|a\.m|p\.m|\p{Lu})\."
_CLOCK = r"\b\d{1,2}:\d\d(?:[ \t]?[ap]\.?m\.?)?(?!\d)"
# A birth keyword further back in the same clause than the context window reaches: "I was born in a
# small fishing village up north on 3/4/1985", "my birthday, if you need it for the form, is ...".
# Nothing between may be a digit, a line or sentence end, or a word that starts another clause
# ("born in Lyon and moved on 3/4/2010": that date is the move's); an "and" inside a name stays
# ("born in Trinidad and Tobago on ...").
# A house number before a street's name, or a ZIP code after a state's: "born at 12 Main Street, Springfield,
# IL 62704 on ..." (not a year, which may be another event's).
_ADDRESS_NUMBER = r"(?<![\d/.-])(?!(?:1[89]|20)\d\d(?!\d))\d{1,5}(?=[ \t]+\p{Lu}\p{Ll})|(?<=\b\p{Lu}\p{Lu}[ \t])\d{5}(?:-\d{4})?(?![\d/.-])"
# What else happens in a life, with a date of its own: "born in Lyon and moved on 3/4/2010".
_LIFE_EVENTS = r"moved|joined|left|married|died|started|graduated|retired|emigrated|relocated"
_CLAUSE_GAP = (
    r"(?:(?!\b(?:and(?![ \t]+\p{Lu})|but|then|until|since|after|before|between|prior|through|while|when|where|which|who|" + _LIFE_EVENTS + r")\b)"
    r"(?:" + _ABBREVIATION + r"|" + _CLOCK + r"|" + _ADDRESS_NUMBER + r"|[^\d\n.!?;:|])){0,80}?"
)
# A birthday party, cake or card is an event's: the date next to it is not a birth date.
_EVENT_WORDS = r"party|parties|cake|present|gift|card|celebration|dinner|lunch|bash|wishes|greetings|message|surprise|trip"
_NOT_BIRTH = r"(?![ \t]+(?:" + _EVENT_WORDS + r"))"
# "His 40th birthday", "her first birthday": an anniversary of the birth, on a day that is not the birth date.
_BIRTHDAY_ORDINAL = (
    r"(?i:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|teenth|tieth|hundredth)[ \t-]*"
)
_ANNIVERSARY = r"(?<!" + _BIRTHDAY_ORDINAL + r")"
_BIRTH_WORDS = (
    r"(?i:\b(?:was born|were born|born|" + _ANNIVERSARY + r"(?:birthday|bday|b-day|b'day)" + _NOT_BIRTH + r"|birth date|birthdate|date of birth|dob"
    # "came into the world", "we welcomed our son into the world on ...", "brought her into this world"
    r"|into (?:the|this) world)\b)"
)
_CLAUSE_BEFORE = [
    Pattern(
        "clause_before_" + p.name,
        _BIRTH_WORDS + _CLAUSE_GAP + r"(?<![\p{L}])(?:on|is|was|in|as|of|at|:|=)?[ \t]*(?P<value>" + p.regex + r")",
        0.7,
    )
    for p in [*_DATE_PATTERNS, *_YEARLESS]
] + _around(
    # "born in Osaka in April 1976": a month and year further on in the clause, after a word that says
    # someone was born (not "birthday": "for my birthday we flew to Rome in May 2019").
    "clause_before_far_", r"(?i:\b(?:born|birth ?date|date of birth|dob)\b)" + _CLAUSE_GAP + r"(?<![\p{L}])(?i:in|on|of)[ \t]+", _MONTH_YEAR
) + [
    Pattern(
        "clause_before_" + p.name,
        r"(?i:\b(?:born|birth ?date|date of birth|dob|d\.o\.b\.?))[ \t]*(?:(?i:on|in|:|=|-)[ \t]*)?(?P<value>" + p.regex + r")",
        0.6,
    )
    for p in _MONTH_YEAR
]  # fmt: skip
# "Birthday party on 1956-03-02", "a birthday card for Ana on 3/2/1956": the event's date, unless its
# year lies so far back (see ``_ADULT_YEARS``) that nobody is planning it: then it is the birth date
# the birthday stands for.
_OLD_BIRTHDAY_EVENT = [
    Pattern(
        "clause_event_" + p.name,
        r"(?i:\b" + _ANNIVERSARY + r"(?:birthday|bday|b-day)[ \t]+(?:" + _EVENT_WORDS + r")\b)" + _CLAUSE_GAP
        + r"(?:(?<![\p{L}])(?i:on|is|was|for|of|at)[ \t]+|:[ \t]*)?(?P<value>" + p.regex + r")",
        0.6,
    )
    for p in _DATE_PATTERNS
]  # fmt: skip
# The birth date named in one sentence, given in the next: "I need to change the date of birth on my
# policy. It should be 3/29/1982", "... my DOB on the form? Mine is 3/29/1982", "The correct one is ...".
# After "birthday" the next sentence may date the celebration ("We had my birthday at the lake. It was
# 3/4/2024"): there, only a year of long ago, as for a birthday's event above.
_NEXT_SENTENCE_VALUE = (
    r"[^\n.!?]{0,80}[.!?][ \t]+"
    r"(?i:it|this|that|mine|(?:the|my)[ \t]+(?:correct|right|real|actual|new|proper)[ \t]+(?:one|date|birthday|birth[ \t]?date|dob))"
    r"(?i:['’]s|[ \t]+(?:is|was|should[ \t]+be|must[ \t]+be|has[ \t]+to[ \t]+be|needs[ \t]+to[ \t]+be|would[ \t]+be))"
    r"[ \t]+(?i:(?:actually|really|in[ \t]+fact|on)[ \t]+)?"
)
_NEXT_SENTENCE = _around(
    "clause_next_", r"(?i:\b(?:birth[ \t]?date|date[ \t]+of[ \t]+birth|dob|d\.o\.b)\b)" + _NEXT_SENTENCE_VALUE, _DATE_PATTERNS
) + _around(
    "clause_event_next_", r"(?i:\b" + _ANNIVERSARY + r"(?:birthday|bday|b-day)\b)" + _NEXT_SENTENCE_VALUE, _DATE_PATTERNS
)  # fmt: skip
# Who was born, after the date: a pronoun, a relative ("my son", "our first daughter Lina") or a name.
_BORN_ONE = (
    r"(?:(?i:I|he|she|they|we|you)|(?i:my|our|his|her|their|your)(?:[ \t]+\p{Ll}+){1,2}(?:[ \t]+\p{Lu}\p{Ll}+)?"
    r"|" + _NAME_WORD + r"(?:[ \t]+(?:" + _NAME_WORD + r"|\p{Lu}\.?|(?:de|del|la|van|von|der|den|da|di|du|le|ter|ten|y|e|bin|al|el)(?=[ \t])))"
    r"{0,4})"
)
# "... came into the world", "entered this world": a birth, said without the word.
_CAME_INTO_WORLD = r"(?i:came[ \t]+into|entered)[ \t]+(?i:the|this)[ \t]+(?i:world)\b"
# The date first, the words that make it a birth date after it, in its sentence or in the next one's
# "that's ..." ("3/4/1985. That's the day I was born"): "3/4/1985 is my birthday",
# "1985-03-04 (date of birth)", "4 March 1985 - the day I was born", "3/4/1985 is actually Ana's
# birthday", "On 3/4/1985, my son was born", "3/4/1985 - that's when I was born".
_CLAUSE_AFTER = [
    Pattern(
        "clause_after_" + p.name,
        r"(?P<value>" + p.regex + r")[ \t]*(?:[(,:=-]|–|—|[.!](?=[ \t]+(?i:that|it|this|which)\b))?[ \t]*"
        r"(?:(?i:that's|that is|that was|which is|which was|it's|it is|it was|this is|is|was|being|as)[ \t]+)?"
        r"(?:(?i:also|actually|really|exactly|officially|in fact)[ \t]+)?"
        r"(?:(?:(?:(?i:my|his|her|their|our|your|the)|\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+)?['’]s)[ \t]+)?"
        r"(?i:birthday" + _NOT_BIRTH + r"|birth ?date|date of birth|d\.?o\.?b\b|(?:day|date)[ \t]+of[ \t]+(?:my|his|her|their|our|your)[ \t]+birth\b)"
        r"|(?:(?i:the[ \t]+(?:day|date|night|morning)|when)[ \t]+(?:(?i:that)[ \t]+)?)?" + _BORN_ONE + r"[ \t]+(?:(?i:was|were)[ \t]+born\b|" + _CAME_INTO_WORLD + r"))",
        0.7,
    )
    for p in _DATE_PATTERNS
]  # fmt: skip
# The date first and the noun naming it a birth date further on in the same clause: "3/29/1982 was
# my grandfather's date of birth", "does 3/29/1982 match the birth date on my passport?". Nothing
# between may be a digit, a sentence end or a word that ties the date to another event ("the party
# on 3/4 is for my birthday", "3/4 is the day before her birthday").
_AFTER_GAP = (
    r"(?:(?!\b(?:and|but|then|until|since|after|before|while|when|for|so|by|around|near|day|days|week|weeks|month|months"
    r"|party|celebrate[sd]?|celebrating|ahead|next|last|until|till)\b)[^\d\n.!?;:|]){1,48}?"
)
_FAR_AFTER = [
    Pattern(
        "far_after_" + p.name,
        r"(?P<value>" + p.regex + r")" + _AFTER_GAP + r"\b" + _ANNIVERSARY
        + r"(?i:(?:birthday|bday|b-day)" + _NOT_BIRTH + r"|birth ?date|date of birth|d\.?o\.?b\b"
        r"|date de naissance|fecha de nacimiento|geburtsdatum|geburtstag|data di nascita|birth[ \t]+of[ \t]+(?:my|our|his|her|their|your)\b"
        # "3/29/1982 marks my birth", "3/29/1982 is when my mother gave birth to me"
        r"|(?<!(?:city|town|village|country|land|place|home|year|hospital)[ \t]+of[ \t]+)(?:my|our|his|her|their|your)[ \t]+birth(?![\p{L}]|[ \t]+(?:certificate|record|registration|place|name|country|city|town|parents?|mother|father))|gave[ \t]+birth[ \t]+to[ \t]+(?:me|him|her|them|us|you)\b)",
        0.6,
    )
    for p in _DATE_PATTERNS
]  # fmt: skip
# The date first and who was born later in the clause: "On 3/29/1982, in a small hospital in Lyon, Jane
# Doe was born", "On 3/29/1982 the twins were born", "It was on 3/29/1982 that Jane was born", and a
# timeline's "1982-03-29 - Jane Doe born in Lyon". Only a place may stand between the date and who was
# born: "On 3/4/2010 I met a man who was born in Lyon" is about a meeting.
_PLACE_BETWEEN = r"(?:[ \t]*,)?(?:[ \t]+(?i:in|at|near)[ \t]+[^\d\n.!?;:,]{1,40}?,?)?"
_BORN_LATER = [
    Pattern(
        "clause_born_later_" + p.name,
        r"(?P<value>" + p.regex + r")" + _PLACE_BETWEEN + r"[ \t]*(?:[:–—-][ \t]*)?(?:(?i:that)[ \t]+)?"
        r"(?:" + _BORN_ONE + r"|(?i:the)[ \t]+\p{Ll}+)[ \t]+(?i:was|were|is|are)[ \t]+born\b",
        0.7,
    )
    for p in _DATE_PATTERNS
] + [
    Pattern(
        "clause_born_later_named_" + p.name,
        r"(?P<value>" + p.regex + r")[ \t]*(?::|-|–|—)[ \t]*" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r"){0,3}[ \t]+(?i:born)\b",
        0.7,
    )
    for p in _DATE_PATTERNS
]  # fmt: skip
# The verb of the birth after the date, as German puts it at the clause's end: "Er wurde am 3.4.1985 in Graz
# geboren", "Sie kam am 3.4.1985 zur Welt", "ich bin am 3.4.1985 geboren". Only a place may stand between.
_BORN_AFTER = [
    Pattern(
        "clause_born_after_" + p.name,
        r"(?P<value>" + p.regex + r")(?:[ \t]+(?i:in|im|bei|auf|nahe)[ \t]+\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){0,2})?"
        r"[ \t]+(?i:geboren|zur[ \t]+Welt[ \t]+(?:gekommen|kam|gebracht)|zur[ \t]+Welt)\b",
        0.7,
    )
    for p in _DATE_PATTERNS
]  # fmt: skip
# "She turns 40 on 3/4/1985", "he turned 60 on ...": the day someone turns an age is a birthday; the date
# given is the birth date when it lies at least that many years back (see ``_turns_from_birth``).
_TURNS = r"(?i:\b(?:turns?|turned|turning)[ \t]+(?P<age>\d{1,3})[ \t]+(?:on|in)[ \t]+)"
_TURNS_BEFORE = [Pattern("clause_turns_" + p.name, _TURNS + r"(?P<value>" + p.regex + r")", 0.6) for p in _DATE_PATTERNS]
_TURNS_RE = regex.compile(_TURNS + r"\Z")
# An age next to a date whose year agrees with it: "Ana Ruiz, 41 years old, 02/03/1985" (in 2026).
# A record gives both; a visit's date agrees with a patient's age only by chance.
_AGE = r"(?i:\b(?:aged?:?[ \t]+(?P<age>\d{1,3})|(?P<age>\d{1,3})[ \t-]*(?:years?|yrs?)[ \t-]*(?:old|of[ \t]+age)|(?P<age>\d{1,3})[ \t]*(?:y/o|yo|y\.o\.))(?![\p{L}\d]))"
_AGE_GAP = r"[^\d\n.!?;]{0,30}?"
_AGE_RE = regex.compile(_AGE)
_WITH_AGE = [
    Pattern("age_before_" + p.name, _AGE + _AGE_GAP + r"(?P<value>" + p.regex + r")", 0.6) for p in _DATE_PATTERNS
] + [Pattern("age_after_" + p.name, r"(?P<value>" + p.regex + r")" + _AGE_GAP + _AGE, 0.6) for p in _DATE_PATTERNS]
# Table columns of birth dates.
_DOB_HEADER = regex.compile(
    r"dob|d\.o\.b\.?|date of birth|birth ?date|birthday|born|date de naissance|nee? le|ne\(e\) le|naissance"
    r"|geburtsdatum|geboren|geb\.?|fecha de nacimiento|f\. ?nac\.?|nacimiento|data di nascita"
)
# A year or another date: what stands between a birth word and a date that is not its own.
_OTHER_DATE = regex.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)|\d[-/.]\d")
# A birth keyword that names an event ("birthday party"), folded as the context window is.
_PARTY = regex.compile(r"b(?:irth)?-?day" + _NOT_BIRTH.replace("(?!", "(?=", 1))
_NOT_ANNIVERSARY = regex.compile(_ANNIVERSARY)
# "Anyone born before 1/1/1990", "those born on or after ...": a bound on birth dates, no one's birth date.
_BOUND = regex.compile(
    r"[ \t]*(?i:(?:on|in)[ \t]+or[ \t]+)?(?i:before|after|between|since|prior[ \t]+to|until|till|no[ \t]+(?:later|earlier)[ \t]+than)\b"
)
# Another event of a life in the way ("born in Lyon and moved on 3/4/2010") says the same.
_OTHER_EVENT = regex.compile(r"(?i:\b(?:" + _LIFE_EVENTS + r")\b)")
# One more date in a list that a birth word opened: "born 2/11/1990 and 3/4/1992 respectively",
# "birth dates: Ana 2/11/1990, Luis 3/4/1992". Only a separator and at most a short name between.
_NAME_WORD_RE = regex.compile(_NAME_WORD)
# The possessives a sentence may start the next owner with ("And My daughter's ...").
_OWNER_WORDS = frozenset({"and", "my", "his", "her", "our", "their", "your"})
# Whose the next date is: "..., my daughter on 4/2/1985", "... and my husband's is 4/2/1980", "John's is ...".
_KIN = (
    r"(?i:(?:my|his|her|our|their|your)[ \t]+(?:(?:youngest|oldest|eldest|younger|older|little|big|first|second|third)[ \t]+)?"
    r"(?:son|daughter|husband|wife|partner|spouse|brother|sister|mother|father|mom|mum|dad|child|kid|twin|baby|grandson"
    r"|granddaughter|grandmother|grandfather|grandma|grandpa|boyfriend|girlfriend|fianc[ée]e?|cousin|niece|nephew|aunt|uncle)s?)"
)
_NEXT_IN_LIST = regex.compile(
    r"[ \t]*(?:,|;|&|(?i:and|et|y|und|or|ou|oder|o|to))[ \t]*(?:(?i:and|&)[ \t]+)?"
    r"(?:(?:" + _KIN + r"|" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")?)(?:['’]s)?[ \t]*(?:[:(]|(?i:is|was|on|in)(?=[ \t]))?[ \t]*)?"
    r"(?:(?i:le|el|am|on|the)[ \t]+)?(?P<value>" + "|".join(r"(?:" + p.regex + r")" for p in _DATE_PATTERNS) + r")"
)
# A birth word right after a date that introduces a date of its own ("Member since 4/17/2001, born 4/17/1976").
_KEYWORD_THEN_DATE = regex.compile(
    r"[ \t]*(?:[(,;:=-]|–|—)?[ \t]*(?i:born|dob|d\.o\.b\.?|date of birth|birth ?date|birthday)[ \t]*(?:(?i:on|is|was|in)[ \t]+|[:=-][ \t]*)?"
    r"(?:\d|" + _MONTH + r")"
)
_WORD_REST = regex.compile(r"\w*")
# A capital B and a full stop inside a name, "Jan B. Kowalski": an initial, not "b." (born).
_NAME_INITIAL = regex.compile(r"B\.[ \t]+\p{Lu}\p{Ll}")
# The name words before a bracket: "Jan Kowalski (".
_OWNER_BEFORE = regex.compile(r"(?:" + _NAME_WORD + r"[ \t]){0,2}" + _NAME_WORD + r"[ \t]?\(\Z")
_ANNIVERSARY_WORD = regex.compile(_BIRTHDAY_ORDINAL + r"b(?:irth)?-?day")
_DATE_HINT = regex.compile(r"\d[ \t]?[-/.][ \t]?\d|(?<!\d)(?:1[89]|20)\d\d(?!\d)|['’]\d\d(?!\d)|" + _MONTH + r"[-/. ]\d\d(?!\d)")
_YEAR_IN = regex.compile(r"(?<!\d)(1[89]\d\d|20\d\d|\d\d)(?!\d)")


def _year_of(value: str) -> Optional[int]:
    """The (four-digit) year of a date as written, or ``None``."""
    years = [y for y in _YEAR_IN.findall(value) if len(y) == 4]
    if years:
        return int(years[-1])
    two = _YEAR_IN.findall(value)
    if not two:
        return None
    year = int(two[-1])
    return 2000 + year if 2000 + year <= datetime.date.today().year else 1900 + year


# How many years before today a record giving both an age and a birth date may have been written.
_RECORD_AGE_YEARS = 20


def _age_agrees(year: int, age: int) -> bool:
    """Whether ``age`` is the age, when the text was written, of someone born in ``year``.

    A record states the age on the day it was written, which may be years back: "41 years old,
    born 1978" is a record of 2019. A date of some other event agrees only when it lies within the
    years since writing of the birth; for an adult that needs an old text and a childhood event, for
    a child it is easy, so a child's age must agree with today's year.
    """
    written = year + age
    this_year = datetime.date.today().year
    if age < 18:
        return abs(written - this_year) <= 1
    return this_year - _RECORD_AGE_YEARS <= written <= this_year + 1


def _name_like(words: List[str], language: str) -> bool:
    """Whether capitalised ``words`` read as a person's name: no word a dictionary word or a place
    unless the name lists know it too ("Jane Doe", "Zuloik Rilma", "Florence Smith"; not "Annual
    Report", "Buenos Aires", "The Beatles"). Leading dictionary words are a greeting's, a label's or a
    place's ("Dear Jane Doe", "Patient Jane Doe", "West Sandrafurt"); at least two words must remain."""
    given, family, places = given_names(), family_names(), place_names()

    def common(word: str) -> bool:
        # A verb's form ("Admitted", "Pending") is no name the lists miss.
        return is_word(word, "en") or is_word(word, language) or word.endswith(("ed", "ing")) or word in places

    def plain(word: str) -> bool:
        return common(word) and word not in given and word not in family

    # A family name that is neither a word nor a given name ends it ("Charlotte Paulsen"), whatever
    # comes first; a given name after a word is a town's ("Port Brian", "West David").
    surname = words[-1] in family and words[-1] not in given and not common(words[-1])
    if len(words) >= 2 and surname:
        return True
    while words and plain(words[0]):
        words = words[1:]
    if len(words) < 2 or " ".join(words) in places or any(plain(w) for w in words):
        return False
    # A first word that is a dictionary word and no given name opens a place or a title, even when it
    # is somebody's family name ("West Sandrafurt", "Port Carolyn").
    return not common(words[0]) or words[0] in given


def _turns_from_birth(text: str, start: int, year: int) -> bool:
    """Whether the date at ``start`` after "turns N on" lies N years back or more (a birth date), not
    on the day of turning N ("turned 30 on 5/5/2020")."""
    found = _TURNS_RE.search(text, max(0, start - 24), start)
    return found is not None and year <= datetime.date.today().year - max(int(found.group("age")) - 1, 2)


class DateOfBirthRecognizer(ContextPatternRecognizer):
    """A date with a birth keyword right before it (or "(DOB)" right after it)."""

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = _DATE_PATTERNS
    requires_context = True
    context_before = 36
    context_after = 12
    CONTEXT = {
        # Whole words where a name or another word starts the same: "Birthe", "Bornemann", "Dobson",
        # "Natalia", "NATO", "nacional" name no birth.
        "en": ["born$", "birth$", "births$", "birthd", "birthplace", "dob$", "d.o.b", "bday", "b-day", "b.$"],
        "fr": ["ne le", "nee le", "ne(e) le", "nes le", "nees le", "ne$", "nee$", "naissance", "anniversaire", "date de naiss"],
        "es": ["nacimiento", "naci$", "nacio$", "nacido", "nacida", "fecha de nac", "f. nac", "f.nac", "cumpleanos", "fec. nac", "fecha nac"],
        "de": ["geboren", "geb.", "geburt", "geb. am"],
        # "nato il", "nata a Roma il": with the word after it, as "NATO" alone names an alliance.
        "it": ["nato il", "nata il", "nati il", "nato a$", "nata a$", "nato nel", "nata nel", "nascita"],
        "nl": ["geboortedatum", "geboren op"],
        "pt": ["nascimento", "nasci$", "nascido", "nascida", "nasceu", "data de nasc"],
        "pl": ["urodzon", "urodzil", "urodził", "data urodz"],
        # Danish, Norwegian, Swedish, Finnish: "født", "fødselsdato", "född", "födelsedatum", "syntymäaika".
        "nordic": ["født$", "fødsel", "född$", "födelse", "syntymä", "syntyi", "syntynyt"],
    }

    def __init__(self, supported_language: str = "en", **kwargs):
        # Birth keywords of every language: "DOB" or "né le" turn up in other languages' texts too.
        words = [w for table in self.CONTEXT.values() for w in table]
        kwargs.setdefault("context", words)
        kwargs.setdefault("patterns", [*_DATE_PATTERNS, *_NAME_THEN_DATE, *_STARRED, *_NAME_THEN_SEPARATED, *_LIFESPAN, *_ANSWERED, *_KEYED, *_CLAUSE_BEFORE, *_OLD_BIRTHDAY_EVENT, *_NEXT_SENTENCE, *_CLAUSE_AFTER, *_BORN_LATER, *_BORN_AFTER, *_TURNS_BEFORE, *_FAR_AFTER, *_WITH_AGE])
        super().__init__(supported_language=supported_language, **kwargs)

    # A labelled value shaped like a date that no date pattern takes: "DOB: 14 03 1985", "DOB 14031985",
    # "date of birth: 1985-14-03", a year after today's (a typo). Masked as a near miss.
    NEAR_MISS_SHAPES = [
        r"(?<![\w./-])\d{1,4}[-/. ]\s?\d{1,2}[-/. ]\s?\d{2,4}(?![\w/-]|[.:]\d)",
        r"(?<![\w./-])(?:\d{8}|\d{6})(?![\w/-]|[.,]\d)",
        r"(?<![\w./-])(?:\d{1,2}[ ./-]?)?" + _MONTH + r"[ ./-]?\d{2,4}(?![\w/-])",
    ]
    # Words that name the value a birth date (not "born", which may start a sentence about a place).
    NEAR_MISS_LABELS = {
        language: ["dob", "d.o.b", "d.o.b.", "date of birth", "birth date", "birthdate", "birthday", "date de naissance",
                   "ne le", "nee le", "fecha de nacimiento", "f. nac.", "geburtsdatum", "geb.", "geboren am", "data di nascita"]
        for language in ("en", "fr", "es", "de", "it")
    }  # fmt: skip

    def labelled(self, text: str, start: int, end: int, memo: Optional[dict] = None) -> bool:  # noqa: D102
        # "Birthday cake ordered for 2/2/2022": an event's date, whatever its shape.
        before = fold(text[max(0, start - 40) : start])
        if _PARTY.search(before) or _ANNIVERSARY_WORD.search(before) or _KEYWORD_THEN_DATE.match(text, end):
            return False
        return super().labelled(text, start, end, memo)

    def stands_alone(self, pattern: Pattern) -> bool:  # noqa: D102
        return pattern.name.startswith(("name_then_", "key_", "column_", "clause_", "far_after_", "age_"))

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        # A date that no birth word names has a year or digits and a separator ("3/4/85", "15 Aug 53"):
        # a text with neither a birth word nor such a shape is not scanned with the many patterns below.
        if _DATE_HINT.search(text) is None and self._context_pattern().search(fold(text)) is None:
            return []
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # A date in a table or CSV column headed "DOB", "Date of birth", "Geburtsdatum"...
        for start, end in table_cells(text, _DOB_HEADER) + delimited_cells(text, _DOB_HEADER):
            for pattern in _DATE_PATTERNS:
                if regex.fullmatch(pattern.regex, text[start:end], flags=self.flags):
                    column = Pattern("column_" + pattern.name, pattern.regex, pattern.score)
                    result = self.score_match(text, text[start:end], start, end, column)
                    if result is not None:
                        results.append(result)
                    break
        results = EntityRecognizer.remove_duplicates(results)
        results += self._listed_after(text, results)
        return results + self.near_misses(text, results)

    @staticmethod
    def _lifespan(text: str, start: int, year: Optional[int]) -> bool:
        """Whether the bracket at ``start`` follows a known name and spans years a life may: "Jan
        Kowalski (3/4/1931 - 5/6/2001)", not "Conference (May 3, 2024 to May 5, 2024)"."""
        owner = _OWNER_BEFORE.search(text, max(0, start - 40), start)
        if owner is None or not any(w in given_names() or w in family_names() for w in owner.group().split()):
            return False
        close = text.find(")", start)
        end_year = _year_of(text[start:close]) if close != -1 else None
        return year is not None and end_year is not None and end_year - year >= 5

    def _owned_record(self, text: str, start: int, end: int, year: int) -> bool:
        """Whether the date at ``start`` follows a person's name (see :func:`_name_like`) in a record's
        field of its own and lies far enough back to be a grown-up's birth, or agrees with the age
        given between them ("Jane Doe, 9, 2/3/2017")."""
        owner = _OWNER_SEPARATED.search(text, max(0, start - 80), start)
        if owner is None:
            return False
        if not regex.search(r"[,;/|\t\n(-]", text[owner.end("name") : start]):
            # Only a space between: the name must open its line (or follow a list's number or a label)
            # and the date end its field: "1. Jane Doe 3/29/1982", not "as Jane Doe 3/29/1982 said".
            if _LINE_HEAD.search(text, max(0, owner.start() - 40), owner.start()) is None or _DATE_END.match(text, end) is None:
                return False
        if not _name_like(_NAME_WORD_RE.findall(owner.group("name")), self.supported_language):
            return False
        age = owner.group("age")
        if age and _age_agrees(year, int(regex.sub(r"\D", "", age))):
            return True
        return year <= datetime.date.today().year - _ADULT_YEARS

    def _listed_after(self, text: str, found: List[RecognizerResult]) -> List[RecognizerResult]:
        """The dates that continue a list after a birth date (see ``_NEXT_IN_LIST``)."""
        more: List[RecognizerResult] = []
        taken = {(r.start, r.end) for r in found}
        # A lifespan's second date is a death date, not one more birth date.
        ends = sorted(r.end for r in found if not getattr(r.analysis_explanation, "pattern_name", "").startswith("name_then_lifespan_"))
        while ends:
            match = _NEXT_IN_LIST.match(text, ends.pop(0))
            if match is None or match.span("value") in taken:
                continue
            start, end = match.span("value")
            words = [regex.sub(r"['’]s\Z", "", w) for w in _NAME_WORD_RE.findall(text, match.start(), start)]
            if any(w not in given_names() and w not in family_names() for w in words if w.lower() not in _OWNER_WORDS):
                continue  # "DOB 1/2/1980, Admitted 3/4/2020": only a known name may head the next date
            year = _year_of(text[start:end])
            if year is None or year > datetime.date.today().year:
                continue
            pattern = Pattern("clause_list", _NEXT_IN_LIST.pattern, 0.6)
            result = super().score_match(text, text[start:end], start, end, pattern)
            if result is not None:
                more.append(result)
                taken.add((start, end))
                ends.append(end)
        return more

    def score_match(self, text, value, start, end, pattern):  # noqa: D102
        if not pattern.name.startswith(("key_", "column_")) and _KEYWORD_THEN_DATE.match(text, end):
            return None  # "Member since 4/17/2001, born 4/17/1976": the birth word after the date opens its own
        year = _year_of(value)
        if pattern.name.startswith("name_then_lifespan_") and not self._lifespan(text, start, year):
            return None
        if pattern.name.startswith("name_then_separated_") and (year is None or not self._owned_record(text, start, end, year)):
            return None
        if pattern.name.endswith(tuple(p.name for p in _YEARLESS)):
            if value.endswith(".") and not _MONTH_ABBREVIATION.search(value):
                end -= 1  # a sentence's full stop after "14 September", not an abbreviation's ("3 Sept.")
            return super().score_match(text, text[start:end], start, end, pattern)
        if year is None or year > datetime.date.today().year:
            return None
        if pattern.name.startswith("clause_event_") and year > datetime.date.today().year - _ADULT_YEARS:
            return None
        if pattern.name.startswith("clause_turns_") and not _turns_from_birth(text, start, year):
            return None
        if pattern.name.startswith(("key_", "column_", "clause_")):
            pass
        elif pattern.name.startswith("age_"):
            window = text[max(0, start - 45) : end + 45]
            ages = [int(m.group("age")) for m in _AGE_RE.finditer(window)]
            if not any(_age_agrees(year, age) for age in ages):
                return None
        elif pattern.name.startswith(("name_then_", "far_after_")):
            # "Marianne Moreau (25/12/1941)": a past date in brackets after a name. A birth noun further
            # off needs the same: a date of this year or last is more often a booking on a birthday.
            if year > datetime.date.today().year - 2:
                return None
        else:
            # The keyword must belong to this date: "date of birth July 4, 1946,
            # member since 14 February 2025" - the second date is not a birth date.
            keyword = self._context_pattern()
            begin = max(0, start - self.context_before)
            while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "_"):
                begin -= 1  # from the start of the word the window cuts: "Ire|ne signed on ..." holds no "né"
            raw = text[begin:start]
            before = fold(raw)
            last = None
            for match in keyword.finditer(before):
                if _PARTY.match(before, match.start()) or not _NOT_ANNIVERSARY.match(before, match.start()):
                    continue
                if _NAME_INITIAL.match(raw, match.start()):
                    continue  # "Jan B. Kowalski signed on 3/4/1973": a middle initial, not "b. 1973"
                last = match
            # The window runs on to the end of the word it cuts: "by Lucas Ne|veu" holds no "né".
            cut = end + self.context_after
            raw_after = text[end:cut] + _WORD_REST.match(text, cut).group()
            after = fold(raw_after)
            named_after = any(not _NAME_INITIAL.match(text, end + m.start()) for m in keyword.finditer(after))
            if last is not None and last.group().startswith("born"):
                gap = text[start - len(before) + last.end() : start]
                if _BOUND.match(gap) or _OTHER_EVENT.search(gap):
                    last = None  # "anyone born before 1/1/1990", "born in Lyon, lived in Paris from ..."
            if last is None and not named_after:
                return None
            # Another date or a year between keyword and date belongs to another value ("DOB 1/2/1980,
            # visit 3/4/2020"); a count or an age does not ("DOB (age 37): ...", "member 4471's date of
            # birth"), nor a transcript's timestamp ("date of birth?\n[00:00:17] CALLER: 1983-01-06").
            between = _TIMESTAMP.sub("", raw[last.end() :]) if last is not None else ""
            if last is not None and _OTHER_DATE.search(between) and not named_after:
                return None
        return super().score_match(text, value, start, end, pattern)
