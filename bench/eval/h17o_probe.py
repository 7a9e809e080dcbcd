"""A generated probe of DATE_OF_BIRTH (issue 17, helper h17o): exact-span recall and precision.

    python bench/eval/h17o_probe.py [--n 1200] [--seed 17] [--show 12] [--group cue|record|negative]

Birth dates written the ways forms, records, chats, letters and encyclopedias write them, in English,
French, Spanish and German: a birth word before the date, after it, or in another clause; keyed JSON
and CSV rows; a record's line where only a person's name (and maybe an age) says whose date it is.
Each date is drawn at random (years 1930-2008) and rendered in one of the shapes people and Faker use:
US m/d/Y (FakeNameGenerator's), ISO (Faker's ``date_of_birth``), d/m/Y, d.m.Y, two-digit years,
month names in four languages, "03-Mar-1984", "1984/03/03". Names come from Faker's locales and,
one in three, from syllables no name list holds; one in five has a middle initial.

Three groups are reported apart:

- ``cue``: a birth word somewhere in the text; every date filled in is gold.
- ``record``: no birth word; a person's name and a date of long ago alone in a record's fields
  (the project masks such a date as a birth date: see ``dates.py``'s record rules).
- ``negative``: dates that are no one's birth date (meetings, invoices, releases, a move, a death,
  a signature's recent date, a birthday party, a bound on birth dates); any DATE_OF_BIRTH is false.

Scored on the whole pipeline (every type of the outside generator's scope, so overlaps count), the
way ``outside_generator.py`` scores: a prediction is right when its span equals the gold span.
The templates are written here, not taken from any generator's template file.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import score  # noqa: E402

SCOPE = [
    "PERSON", "LOCATION", "STREET_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "EMAIL_ADDRESS", "IBAN_CODE",
    "US_SSN", "IP_ADDRESS", "US_DRIVER_LICENSE", "DATE_OF_BIRTH", "URL",
]  # fmt: skip

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
}


def ordinal(day: int) -> str:
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def render(rng: random.Random, d: datetime.date, lang: str) -> str:
    """One written form of ``d`` as people of ``lang`` (and Faker) write it."""
    m_en, m = MONTHS["en"][d.month - 1], MONTHS[lang][d.month - 1]
    y2 = f"{d.year % 100:02d}"
    common = [f"{d:%Y-%m-%d}", f"{d:%Y/%m/%d}"]
    if lang == "en":
        shapes = [
            f"{d.month}/{d.day}/{d.year}", f"{d.month}/{d.day}/{d.year}", f"{d:%m/%d/%Y}", f"{d.day}/{d.month}/{d.year}",
            f"{m_en} {d.day}, {d.year}", f"{m_en} {ordinal(d.day)}, {d.year}", f"{d.day} {m_en} {d.year}",
            f"{ordinal(d.day)} of {m_en} {d.year}", f"{d.day:02d}-{m_en[:3]}-{d.year}", f"{m_en[:3]} {d.day}, {d.year}",
            f"{d.month}/{d.day}/{y2}", f"{d:%m-%d-%Y}", f"{d:%d.%m.%Y}",
        ]  # fmt: skip
    elif lang == "fr":
        shapes = [f"{d:%d/%m/%Y}", f"{d.day} {m} {d.year}", f"{'1er' if d.day == 1 else d.day} {m} {d.year}", f"{d:%d.%m.%Y}", f"{d:%d/%m/}{y2}"]
    elif lang == "es":
        shapes = [f"{d:%d/%m/%Y}", f"{d.day} de {m} de {d.year}", f"{d.day} {m} {d.year}", f"{d:%d-%m-%Y}", f"{d:%d/%m/}{y2}"]
    else:
        shapes = [f"{d:%d.%m.%Y}", f"{d.day}. {m} {d.year}", f"{d.day}.{d.month}.{d.year}", f"{d:%d.%m.}{y2}", f"{d.day} {m} {d.year}"]
    return rng.choice(shapes + common)


NAME_LOCALES = ["en_US", "en_GB", "fr_FR", "es_ES", "de_DE", "it_IT", "pl_PL", "pt_BR", "nl_NL", "sv_SE", "da_DK", "fi_FI", "hu_HU", "cs_CZ", "hr_HR"]
SYLLABLES = "ka lo mi ran te vu sel dor an ik zu ba ne ril ost ma quin ve hal tor ju nak pe ly".split()


def invented(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


class Values:
    def __init__(self, rng: random.Random):
        from faker import Faker

        self.rng = rng
        self.fakers = {loc: Faker(loc) for loc in NAME_LOCALES}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(rng.randint(0, 10**9) + i)
        self.place = {"en": Faker("en_US"), "fr": Faker("fr_FR"), "es": Faker("es_ES"), "de": Faker("de_DE")}
        for i, f in enumerate(self.place.values()):
            f.seed_instance(rng.randint(0, 10**9) + i)

    def name(self):
        rng = self.rng
        if rng.random() < 1 / 3:
            first, last = invented(rng), invented(rng)
        else:
            f = self.fakers[rng.choice(NAME_LOCALES)]
            first, last = f.first_name(), f.last_name()
        if rng.random() < 0.2:
            return first, f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}{rng.choice(['. ', ' '])}{last}"
        return first, f"{first} {last}"

    def birth(self) -> datetime.date:
        return datetime.date(self.rng.randint(1930, 2008), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def other(self, recent: bool = False) -> datetime.date:
        low = datetime.date.today().year - 2 if recent else 1960
        return datetime.date(self.rng.randint(low, datetime.date.today().year), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def fill(self, lang: str) -> dict:
        rng, p = self.rng, self.place[lang]
        first, name = self.name()
        first2, name2 = self.name()
        dob = self.birth()
        return {
            "first": first, "name": name, "first2": first2, "name2": name2,
            "dob": render(rng, dob, lang), "dob2": render(rng, self.birth(), lang),
            "age": str(datetime.date.today().year - dob.year - rng.randint(0, 1)),
            "city": p.city(), "city2": p.city(), "country": p.country(), "email": p.email(), "phone": p.phone_number(),
            "address": p.street_address(), "job": self.place["en"].job().lower(),
            "date": render(rng, self.other(), lang), "date2": render(rng, self.other(), lang),
            "recent": render(rng, self.other(recent=True), lang), "n": str(rng.randint(1000, 99999)),
            # Names that start like a birth word of some language: "born", "birth", "dob", "nato", "naci".
            "cueish": rng.choice(["Natalia", "Natascha", "Nathalie", "Birthe", "Dobromir", "Borna", "Nacho", "Natasha"]),
            "last": self.fakers[rng.choice(NAME_LOCALES)].last_name(),
        }  # fmt: skip


# (group, language, template). Gold: every {dob} and {dob2} slot.
TEMPLATES = [
    ("cue", "en", "DOB: {dob}"),
    ("cue", "en", "D.O.B. {dob}"),
    ("cue", "en", "Date of Birth: {dob}\nPlace of Birth: {city}"),
    ("cue", "en", "Birthdate - {dob}"),
    ("cue", "en", "{name}'s birthday is {dob}."),
    ("cue", "en", "I was born on {dob} in {city}."),
    ("cue", "en", "{name} (born {dob}) is a {job} from {city}."),
    ("cue", "en", "{name}, b. {dob}, {city}"),
    ("cue", "en", "my bday is {dob} lol"),
    ("cue", "en", "{dob} is my date of birth"),
    ("cue", "en", "{dob} - that's the day {first} was born."),
    ("cue", "en", "On {dob}, {name} was born in {city}."),
    ("cue", "en", "I'm {age} years old, born {dob}."),
    ("cue", "en", "Please update the date of birth on my account to {dob}, thanks."),
    ("cue", "en", "Agent: What's your date of birth?\nCaller: It's {dob}."),
    ("cue", "en", '{{"name": "{name}", "dob": "{dob}", "city": "{city}"}}'),
    ("cue", "en", "name,birth_date,city\n{name},{dob},{city}"),
    ("cue", "en", "Patient: {name}\nDOB: {dob}\nMRN: {n}"),
    ("cue", "en", "{first} celebrates her birthday on {dob}."),
    ("cue", "en", "Could you confirm {first}'s birth date? I have {dob} on file."),
    ("cue", "en", "{first} was born in {city}, {country}, on {dob}."),
    ("cue", "en", "Hi, I'm {name}. I was born {dob} and I live at {address}."),
    ("cue", "en", "Birthday: {dob} | Phone: {phone}"),
    ("cue", "en", "{name}\nBorn: {dob}\n{email}"),
    ("cue", "en", "My daughter {first} was born {dob}."),
    ("cue", "en", "The insured's date of birth ({dob}) does not match our records."),
    ("cue", "en", "Her date of birth, according to the passport, is {dob}."),
    ("cue", "en", "I need to fix my birthday. The right one is {dob}, not what you have."),
    ("cue", "en", "Name: {name}  Age: {age}  Birthday: {dob}  Email: {email}"),
    ("cue", "en", "{name}, who was born {dob}, applied for a loan."),
    ("cue", "en", "Dates of birth: {first} {dob}, {first2} {dob2}"),
    ("cue", "en", "When's your birthday? {dob}. Why?"),
    ("cue", "fr", "Né le {dob} à {city}"),
    ("cue", "fr", "{name}, née le {dob}, demeurant à {city}"),
    ("cue", "fr", "Date de naissance : {dob}"),
    ("cue", "fr", "Je suis né le {dob}."),
    ("cue", "fr", "Mon anniversaire est le {dob}."),
    ("cue", "es", "Fecha de nacimiento: {dob}"),
    ("cue", "es", "{name}, nacida el {dob} en {city}"),
    ("cue", "es", "Nací el {dob}."),
    ("cue", "es", "Mi cumpleaños es el {dob}."),
    ("cue", "de", "Geburtsdatum: {dob}"),
    ("cue", "de", "{name}, geboren am {dob} in {city}"),
    ("cue", "de", "Ich bin am {dob} geboren."),
    ("cue", "de", "geb. {dob}"),
    ("cue", "de", "Mein Geburtstag ist am {dob}."),
    ("cue", "en", "I'm {first}, and {dob} is when I was born."),
    ("cue", "en", "{name} - DOB {dob} - phone {phone}"),
    ("cue", "en", "{name} was born {dob} at St. Mary's Hospital in {city}."),
    ("cue", "en", "Birth date of the insured: {dob}"),
    ("cue", "en", "Can you look up the account for {name}, birthday {dob}?"),
    ("cue", "en", "She was born in {city} in the early morning hours of {dob}."),
    ("cue", "en", "His birthday ({dob}) is coming up soon."),
    ("cue", "en", "I, {name}, born on {dob} in {city}, declare the following."),
    ("cue", "en", "Age {age} (DOB {dob})"),
    ("cue", "en", "{first}, {age}, was born {dob}."),
    ("cue", "en", "name: {name}; age: {age}; birthday: {dob}"),
    ("cue", "en", "<person><name>{name}</name><dob>{dob}</dob></person>"),
    ("cue", "en", "Born: {city}, {dob}"),
    ("cue", "en", "b-day: {dob}"),
    ("cue", "en", "{name} is {age} years old ({dob})."),
    ("cue", "en", "Send a birthday card to {first} on {dob}, please."),
    ("cue", "en", "{first}'s birthday party: {dob}"),
    ("cue", "en", "I need to change the date of birth listed on my policy. It should be {dob} and not what you have."),
    ("cue", "en", "Your system has my birthday wrong on the insurance card. The correct one is {dob}."),
    ("cue", "en", "Can you check the DOB you have on file for my account? Mine is {dob}."),
    ("cue", "fr", "Je soussigné {name}, né le {dob} à {city}, déclare..."),
    ("cue", "fr", "{name} ({age} ans), née le {dob}"),
    ("cue", "es", "Yo, {name}, nacido el {dob} en {city}, declaro..."),
    ("cue", "es", "F. Nac.: {dob}"),
    ("cue", "de", "Ich, {name}, geboren am {dob} in {city}, erkläre..."),
    ("cue", "de", "{name} (geb. {dob}) wohnt in {city}."),
    ("record", "en", "{name}, {dob}, {city}"),
    ("record", "en", "{name} | {dob} | {phone}"),
    ("record", "en", "Patient: {name}, {dob}"),
    ("record", "en", "{name}\n{dob}\n{address}\n{city}"),
    ("record", "en", "{name}, {age}, {dob}, {job}"),
    ("record", "en", "Passengers:\n1. {name} {dob}\n2. {name2} {dob2}"),
    ("record", "en", "{name}\t{dob}\t{email}"),
    ("record", "en", "Client: {name} ({dob}), {email}"),
    ("record", "fr", "{name}, {dob}, {city}"),
    ("record", "es", "Paciente: {name}, {dob}"),
    ("record", "de", "{name}; {dob}; {city}"),
    ("negative", "en", "The meeting is on {date}."),
    ("negative", "en", "Invoice {n} issued {date}, due {date2}."),
    ("negative", "en", "The album was released {date} and went gold."),
    ("negative", "en", "I was born in {city} and moved to {city2} on {date}."),
    ("negative", "en", "{name} joined the company on {date}."),
    ("negative", "en", "Birthday party on {recent} at 7pm!"),
    ("negative", "en", "Anyone born before {date} is eligible."),
    ("negative", "en", "{name} signed the contract on {date}."),
    ("negative", "en", "Report generated {recent} by {name}"),
    ("negative", "en", "Sincerely,\n{name}\n{recent}"),
    ("negative", "en", "Order #{n} | {date} | shipped"),
    ("negative", "en", "His 40th birthday is on {date}."),
    ("negative", "en", "{name} died on {date} in {city}."),
    ("negative", "en", "The warranty of {name}'s laptop expires {date}."),
    ("negative", "en", "Date: {recent}\nTo: {name}\nSubject: renewal"),
    ("negative", "en", "Annual Report, {date}, page 2"),
    ("negative", "en", "{city2}, {date}\nDear Sir or Madam,"),
    ("negative", "en", "Approved by {name}, {recent}"),
    ("negative", "en", "{name} | {recent} | approved"),
    ("negative", "en", "Last Visited, {date}"),
    ("negative", "en", "{cueish} {last} signed the lease on {date}."),
    ("negative", "en", "Dear {cueish}, your order shipped on {date}."),
    ("negative", "en", "NATO summit on {date}"),
    ("negative", "fr", "La réunion aura lieu le {date}."),
    ("negative", "es", "La factura se emitió el {date}."),
    ("negative", "de", "Der Termin ist am {date}."),
]


def fill(template: str, values: dict):
    """The text and the gold spans of ``template`` filled with ``values``."""
    text, gold, i = "", [], 0
    while i < len(template):
        if template.startswith("{{", i) or template.startswith("}}", i):
            text += template[i]
            i += 2
            continue
        if template[i] == "{":
            j = template.index("}", i)
            key = template[i + 1 : j]
            if key in ("dob", "dob2"):
                gold.append((len(text), len(text) + len(values[key])))
            text += values[key]
            i = j + 1
            continue
        text += template[i]
        i += 1
    return text, gold


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1200, help="texts (templates drawn in turn)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--show", type=int, default=12, help="misses and false alarms to print")
    parser.add_argument("--group", choices=("cue", "record", "negative"), help="only this group")
    args = parser.parse_args(argv)
    score._quiet_logs()
    rng = random.Random(args.seed)
    values = Values(rng)
    detectors = {}
    tally = {g: collections.Counter() for g in ("cue", "record", "negative")}
    per_template = collections.defaultdict(collections.Counter)
    misses, alarms = [], []
    templates = [t for t in TEMPLATES if args.group in (None, t[0])]
    for k in range(args.n):
        group, lang, template = templates[k % len(templates)]
        if lang not in detectors:
            detectors[lang] = score.build_plugin(lang, SCOPE, 0.4, score.DEFAULT_MODEL)
        text, gold = fill(template, values.fill(lang))
        pred = {(s, e) for t, s, e in detectors[lang].predict(text) if t == "DATE_OF_BIRTH"}
        hit = pred & set(gold)
        c = tally[group]
        c["gold"] += len(gold)
        c["pred"] += len(pred)
        c["tp"] += len(hit)
        per_template[template]["gold"] += len(gold)
        per_template[template]["tp"] += len(hit)
        per_template[template]["fp"] += len(pred - set(gold))
        if len(hit) < len(gold):
            misses.append((group, text, [text[s:e] for s, e in set(gold) - hit], [text[s:e] for s, e in pred]))
        if pred - set(gold):
            alarms.append((group, text, [text[s:e] for s, e in pred - set(gold)]))

    def pct(a, b):
        return f"{100 * a / b:5.1f}" if b else "  -  "

    everything = collections.Counter()
    for group, c in tally.items():
        everything.update(c)
        if c["gold"] or c["pred"]:
            print(f"{group:9s} gold {c['gold']:4d}  pred {c['pred']:4d}  exact recall {pct(c['tp'], c['gold'])}  precision {pct(c['tp'], c['pred'])}")
    print(f"{'all':9s} gold {everything['gold']:4d}  pred {everything['pred']:4d}  exact recall {pct(everything['tp'], everything['gold'])}"
          f"  precision {pct(everything['tp'], everything['pred'])}")  # fmt: skip
    weak = [(t, c) for t, c in per_template.items() if c["tp"] < c["gold"] or c["fp"]]
    for template, c in sorted(weak, key=lambda x: x[1]["tp"] / max(1, x[1]["gold"])):
        print(f"  template recall {pct(c['tp'], c['gold'])} fp {c['fp']:3d}: {template!r}")
    for group, text, missed, got in misses[: args.show]:
        print(f"  miss [{group}] {text!r}: missed {missed}, predicted {got}")
    for group, text, wrong in alarms[: args.show]:
        print(f"  false [{group}] {text!r}: {wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
