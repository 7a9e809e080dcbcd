"""A generated probe of phone numbers and birth dates (issue 17, h17t): exact-span recall and precision.

    python bench/eval/h17t_probe.py [--n 900] [--seed 17] [--errors 30] [--lang en,fr,es,de]

Phones are Faker's ``phone_number`` of 30+ locales (North America, the British Isles, Oceania,
India, most of Europe, Latin America, Israel, Japan, Korea, Taiwan, Thailand, Indonesia), its
``msisdn`` and E.164 forms (``+`` and a calling code, with and without spaces), and the way people
retype a number (dots, dashes, no separators, an extension). Birth dates are drawn between 1930 and
2008 and written in the shapes people use: ``3/12/1985``, ``03.12.1985``, ``1985-12-03``,
``1985/12/03``, ``3 Dec 1985``, ``December 3rd, 1985``, ``12-03-85``, ``3rd of December 1985``,
``Dec. 3, 1985``, ISO with a time, and the written-out dates of French, Spanish and German.

Both stand in 50+ frames of unlike styles each: chat (also lower-case), e-mail, forms ("Field:
value"), CSV and JSON rows, lists, signatures, transcripts, multi-line records, narrative, with
other numbers close by (order numbers, amounts, ids, times, dates that are not births), and with
the birth cue before the date, after it, further off, or in a header or a key.

Negatives are frames with numbers and dates that are no phone and no birth date (amounts, order and
tracking numbers, timestamps, versions, appointments, invoices, "founded in", "expires"): any
PHONE_NUMBER or DATE_OF_BIRTH found there is a false positive.

A span counts only if its ends are exact. Classes of error: missed (no overlap), cut, swallowed,
shifted, spurious (overlaps no gold span of its type).
"""

from __future__ import annotations

import collections
import datetime
import random
import sys
from pathlib import Path
from typing import Callable, Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from h17o_probe import MONTHS, ordinal as _ordinal  # noqa: E402  (the written-out months and "3rd" of the other probe)
from h17r_probe import classify as _classify, setup as _setup  # noqa: E402

PHONE_LOCALES = [
    "en_US", "en_GB", "en_AU", "en_CA", "en_IN", "en_NZ", "fr_FR", "fr_CH", "de_DE", "de_AT", "de_CH", "es_ES", "es_AR",
    "es_CO", "es_CL", "it_IT", "pt_PT", "pt_BR", "nl_NL", "nl_BE", "sv_SE", "da_DK", "no_NO", "fi_FI", "pl_PL", "cs_CZ",
    "el_GR", "hu_HU", "ja_JP", "ro_RO", "hr_HR", "sk_SK", "lv_LV", "tr_TR", "he_IL", "th_TH", "id_ID", "zh_TW", "ko_KR",
    "uk_UA", "ru_RU", "bg_BG", "sl_SI", "zh_CN",
]  # fmt: skip

# How a birth date is written: (name, render). English shapes serve every language; the
# written-out ones are per language.
DATE_SHAPES: List[Tuple[str, Callable[[datetime.date, str], str]]] = [
    ("m/d/yyyy", lambda d, l: f"{d.month}/{d.day}/{d.year}"),
    ("dd/mm/yyyy", lambda d, l: d.strftime("%d/%m/%Y")),
    ("dd.mm.yyyy", lambda d, l: d.strftime("%d.%m.%Y")),
    ("iso", lambda d, l: d.isoformat()),
    ("yyyy/mm/dd", lambda d, l: d.strftime("%Y/%m/%d")),
    ("d mon yyyy", lambda d, l: f"{d.day} {d.strftime('%b')} {d.year}" if l == "en" else f"{d.day} {MONTHS[l][d.month - 1]} {d.year}"),
    ("month dth, yyyy", lambda d, l: f"{d.strftime('%B')} {_ordinal(d.day)}, {d.year}"),
    ("mm-dd-yy", lambda d, l: d.strftime("%m-%d-%y")),
    ("dth of month yyyy", lambda d, l: f"{_ordinal(d.day)} of {d.strftime('%B')} {d.year}"),
    ("mon. d, yyyy", lambda d, l: f"{d.strftime('%b')}. {d.day}, {d.year}"),
    ("iso time", lambda d, l: d.isoformat() + "T00:00:00"),
    ("d-mon-yyyy", lambda d, l: d.strftime("%d-%b-%Y")),
    ("month d, yyyy", lambda d, l: f"{d.strftime('%B')} {d.day}, {d.year}"),
    ("dd/mm/yy", lambda d, l: d.strftime("%d/%m/%y")),
    ("written", lambda d, l: {
        "en": f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}",
        "fr": f"{d.day} {MONTHS['fr'][d.month - 1]} {d.year}",
        "es": f"{d.day} de {MONTHS['es'][d.month - 1]} de {d.year}",
        "de": f"{d.day}. {MONTHS['de'][d.month - 1]} {d.year}",
    }[l]),
]

# Birth-date frames: {D} the birth date, {N} a name, {P} a phone (not scored there), {X} another date.
DOB_FRAMES: Dict[str, List[str]] = {
    "en": [
        "I was born on {D}.", "DOB: {D}", "d.o.b. {D}", "D.O.B - {D}", "{N}, b. {D}, joined us in 2019.",
        "Name: {N}\nDate of birth: {D}\nPhone: {P}", "Birthdate {D}", "my bday is {D} lol", "birthday: {D}",
        "{N} (born {D}) is a retired teacher.", "The patient, born {D}, presented with chest pain.",
        "Please confirm your date of birth. It's {D}, right?", "{D} is my date of birth", "{D} - that's when I was born",
        "name,dob,city\n{N},{D},Leeds", '{{"name": "{N}", "dob": "{D}"}}', '{{"name": "{N}", "birth_date": "{D}"}}',
        "birthDate={D}&lang=en", "| Name | Date of Birth |\n|---|---|\n| {N} | {D} |",
        "Agent: can I get your date of birth?\nCaller: yeah it's {D}", "- Name: {N}\n- Born: {D}\n- City: Oslo",
        "She was born in a small village near Porto on {D}.", "{N} was born {D} in Lagos.",
        "Birth date......: {D}", "Date of Birth (mm/dd/yyyy): {D}", "DOB (dd/mm/yyyy) {D}",
        "hey its {N}, dob {D}, need to update my file", "Member since 03/02/2015, born {D}.",
        "Full name: {N}; Born on: {D}; Tel: {P}", "Kindly note my date-of-birth is {D}.",
        "Her birthday is {D} and she loves cake.", "Re: insurance form\n\nHi, my DOB is {D}. Thanks, {N}",
        "{N}\nDOB {D}\n{P}", "born: {D}", "Born {D} - {N}", "applicant dob: {D}", "Date of birth: {D} (age 40)",
        "I'm {N}. Born on {D}, in Cork.", "{N} celebrates the anniversary of her birth on {D}.",
        "birthday = {D}", "The date of my birth is {D}.", "{N}'s DOB is {D}.", "DOB:{D}", "b. {D}",
        "Birthday:\t{D}", "dob,{D}", "My daughter was born on {D} at St. Mary's.", "Bday: {D}",
        "Your birthdate ({D}) does not match our records.", "date_of_birth: {D}", "{N} | {D} | Dublin",
        "Born in Manila, {D}.", "birth: {D}", "We welcomed our son into the world on {D}.",
        "he was born {D}, so he is 40 now", "DOB/Age: {D} / 40", "My grandson turns 18 on {D}.", "Fecha nac. {D}",
    ],
    "fr": [
        "Je suis né le {D}.", "Date de naissance : {D}", "{N}, née le {D} à Lyon", "Né(e) le : {D}",
        "date de naissance {D}", "Mon anniversaire est le {D}.", "nom;date de naissance;ville\n{N};{D};Nantes",
        "Elle est née le {D} à Marseille.", "{N} (né le {D})", "Date naissance: {D}",
    ],
    "es": [
        "Nací el {D}.", "Fecha de nacimiento: {D}", "{N}, nacido el {D} en Sevilla", "Mi cumpleaños es el {D}.",
        "F. nac.: {D}", "Ella nació el {D} en Lima.", "nombre,fecha de nacimiento\n{N},{D}", "{N} (nacida el {D})",
        "fecha nacimiento {D}", "Nacimiento: {D}",
    ],
    "de": [
        "Ich bin am {D} geboren.", "Geburtsdatum: {D}", "{N}, geb. {D}, wohnhaft in Köln", "geboren am {D}",
        "Er wurde am {D} in Graz geboren.", "Name;Geburtsdatum\n{N};{D}", "{N} (geboren am {D})", "Geburtstag: {D}",
        "Geb.-Datum: {D}", "Sie kam am {D} zur Welt.",
    ],
}

# Phone frames: {P} the phone, {N} a name, {B} a birth date, and other numbers close by that are no phone.
PHONE_FRAMES: Dict[str, List[str]] = {
    "en": [
        "Call me at {P}.", "My number is {P}", "Phone: {P}", "Tel.: {P}", "Mobile: {P}\nDesk: ext. 4412",
        "{N}\nSales Manager\n{P}", "You can reach {N} on {P} after 6pm.", "name,phone,city\n{N},{P},Leeds",
        '{{"name": "{N}", "phone": "{P}"}}', "| Name | Phone |\n|---|---|\n| {N} | {P} |",
        "Order #58213 shipped. Questions? {P}", "Invoice 2023-0456 for $1,250.00 - contact {P}",
        "text me on {P} pls", "whats ur number? mine is {P}", "Best regards,\n{N}\nT: {P}\nwww.example.com",
        "Agent: what's the best number to reach you?\nCaller: {P}", "Ref. 7788123, tel {P}",
        "Contact number: {P} (office hours 9-17)", "- {N}: {P}\n- Luis Ortega: away until Monday", "phone={P}",
        "Please update my number to {P}.", "He left a voicemail from {P} at 10:45.", "Emergency contact: {N}, {P}",
        "My new cell is {P} — the old one is gone.", "Reach our front desk at {P} or by e-mail.", "Fax {P}",
        "{N} <n@example.com>, {P}", "Room 214, building 5. Phone {P}.", "Account 4471 is closed; call {P} for help.",
        "I tried calling {P} three times yesterday.", "WhatsApp: {P}", "Numbers: home {P}", "[{P}]", "({P})",
        "The callback number on file is {P}.", "ph: {P}", "{P} is my number", "{P} - {N}", "Contact: {N} / {P}",
        "number: {P}", "Dial {P} to speak to a nurse.", "Hi {N}, it's me, my number changed: {P}",
        "Call {N} at {P} about ticket 55123.", "Tel {P} · Fax 0", "Your order total is 129.99 EUR. Need help? Ring {P}",
        "Landline {P}", "If you have questions, please call us at {P} between 9 and 5.", "cell ph {P}",
        "Primary: {P}", "{N} - {P} - Madrid", "Phone number {P}; reference 20231107-88",
        # a record's fields in a row, an address block closed by the number
        "{N} {B} {P}", "{N} | {B} | {P}", "{N}, 88 Birch Road, Dayton, OH 45402 {P}", "{N}\n22 Laugavegur\nReykjavik\nIceland\n{P}",
        "{N}, 5 Pikk tn, Tallinn, {P}", "{N}\\n14 Rue Nationale\\n59000 Lille\\nFrance\\n{P}",
    ],
    "fr": [
        "Appelez-moi au {P}.", "Téléphone : {P}", "Mon numéro est le {P}", "Portable : {P}", "Tél. {P}",
        "{N}\nResponsable commercial\n{P}", "Vous pouvez joindre {N} au {P}.", "nom;téléphone\n{N};{P}",
    ],
    "es": [
        "Llámame al {P}.", "Teléfono: {P}", "Mi número es {P}", "Móvil: {P}", "Tel. {P}", "{N}\nGerente\n{P}",
        "Puedes contactar a {N} en el {P}.", "nombre,teléfono\n{N},{P}",
    ],
    "de": [
        "Ruf mich an unter {P}.", "Telefon: {P}", "Meine Nummer ist {P}", "Handy: {P}", "Tel. {P}", "{N}\nVertrieb\n{P}",
        "Sie erreichen {N} unter {P}.", "Name;Telefon\n{N};{P}",
    ],
}

# Numbers and dates that are no phone and no birth date.
NEGATIVES = [
    "Your order #{O} totals $1,249,500.00.", "Tracking number: 1Z999AA10123456784", "Version 10.0.19045.3693 is installed.",
    "The meeting is on {X} at 10:30.", "Invoice dated {X}, due in 30 days.", "The company was founded in 1985.",
    "Card expires {X}.", "Appointment: {X} 14:00", "Last login 2023-04-05 14:22:01.489951", "ISBN 978-3-16-148410-0",
    "Population: 8 336 817 (2020)", "Coordinates 48.858370, 2.294481", "Order {O} was delivered on {X}.",
    "Reference {O}, amount 4 520,00 EUR", "Build 2024.03.15.1 released on {X}.", "The lease starts {X} and ends 2027-01-31.",
    "Ticket {O} was opened {X}.", "Shipped {X}; invoice INV-{O}.", "The policy renews on {X}.", "Flight LH 4417 departs {X}.",
    "The film premiered on {X}.", "Deadline: {X}", "Case no. {O}", "Serial number {O}", "Temperature logged 21.5 at {X}.",
    "Account balance 12 345 678.90 as of {X}.", "Q3 revenue was 4,567,890 dollars.", "Room 3125, floor 12.",
    "The warranty expires on {X}.", "Batch {O} produced {X}.", "Patch 4.3.51.30 fixes the crash.",
    "Dates: 01/02/2024, 03/04/2024 and 05/06/2024", "Call for papers closes {X}.", "The museum opened in March 1985.",
]


class Values:
    def __init__(self, seed: int):
        from faker import Faker

        self.fakers = []
        for i, loc in enumerate(PHONE_LOCALES):
            f = Faker(loc)
            f.seed_instance(seed + i)
            self.fakers.append(f)
        self.names = {lang: Faker({"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "de": "de_DE"}[lang]) for lang in MONTHS}
        for f in self.names.values():
            f.seed_instance(seed)

    def phone(self, rng: random.Random) -> Tuple[str, str]:
        roll = rng.random()
        f = rng.choice(self.fakers)
        if roll < 0.75:
            return "faker", f.phone_number()
        if roll < 0.85:
            return "msisdn", f.msisdn()[: rng.choice((10, 11, 12, 13))]
        code = str(rng.choice([1, 33, 34, 44, 49, 39, 351, 353, 372, 354, 357, 48, 61, 55, 52, 91, 81, 27, 31, 46]))
        national = "".join(rng.choice("0123456789") for _ in range(9 if len(code) < 3 else 8))
        national = rng.choice("23456789") + national[1:]
        if rng.random() < 0.5:
            return "e164", f"+{code}{national}"
        return "e164 grouped", f"+{code} {national[:3]} {national[3:6]} {national[6:]}"

    def birth(self, rng: random.Random, lang: str) -> Tuple[str, str]:
        day = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(0, 78 * 365))
        shapes = DATE_SHAPES if lang == "en" else [s for s in DATE_SHAPES if "month" not in s[0] and "mon" not in s[0]] + [DATE_SHAPES[5], DATE_SHAPES[-1]] * 3
        name, render = rng.choice(shapes)
        return name, render(day, lang)


def _fill(frame: str, slot: str, value: str, fills: Dict[str, str]) -> Tuple[str, Tuple[int, int]]:
    text = frame
    for k, v in fills.items():
        if k != slot:
            text = text.replace("{" + k + "}", v)
    text = text.replace("{{", "{").replace("}}", "}")
    at = text.index("{" + slot + "}")
    return text[:at] + value + text[at + len(slot) + 2 :], (at, at + len(value))


def _other_date(rng: random.Random) -> str:
    d = datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randrange(0, 5 * 365))
    return rng.choice([f"{d.month}/{d.day}/{d.year}", d.isoformat(), d.strftime("%d.%m.%Y"), d.strftime("%B %d, %Y")])


def positives(rng: random.Random, values: Values, n: int, langs: List[str]):
    """(lang, entity, shape, text, gold span, lower-cased)."""
    out = []
    for i in range(n):
        lang = langs[i % len(langs)]
        entity = "PHONE_NUMBER" if (i // len(langs)) % 2 else "DATE_OF_BIRTH"
        person = values.names[lang].name()
        _, phone = values.phone(rng)
        born = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(0, 60 * 365))
        fills = {"N": person, "P": phone, "X": _other_date(rng), "O": str(rng.randrange(10000, 99999999)),
                 "B": f"{born.month}/{born.day}/{born.year}"}
        if entity == "PHONE_NUMBER":
            shape, value = values.phone(rng)
            frame = rng.choice(PHONE_FRAMES[lang])
            text, span = _fill(frame, "P", value, fills)
        else:
            shape, value = values.birth(rng, lang)
            frame = rng.choice(DOB_FRAMES[lang])
            text, span = _fill(frame, "D", value, fills)
        lower = lang == "en" and rng.random() < 0.1
        if lower:
            text = text.lower()
        out.append((lang, entity, shape, text, span, lower))
    return out


def negatives(rng: random.Random, n: int) -> List[str]:
    return [
        rng.choice(NEGATIVES).replace("{X}", _other_date(rng)).replace("{O}", str(rng.randrange(10000, 99999999)))
        for _ in range(n)
    ]


def classify(pred: Tuple[int, int], gold: Tuple[int, int]) -> str:
    return _classify(pred, [gold])


ENTITIES = ["PERSON", "LOCATION", "STREET_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH", "CREDIT_CARD", "US_SSN", "IBAN_CODE"]


def main(argv=None) -> int:
    args, langs, detectors = _setup(__doc__.splitlines()[0], argv, 2000, ENTITIES)
    rng = random.Random(args.seed)
    values = Values(args.seed)
    stats: Dict[Tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    by_shape: Dict[Tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    errors = collections.defaultdict(list)
    for lang, entity, shape, text, gold, lower in positives(rng, values, args.n, langs):
        preds = sorted({(s, e) for t, s, e in detectors[lang].predict(text) if t == entity})
        c = stats[(entity, lang)]
        c["gold"] += 1
        c["pred"] += len(preds)
        hit = gold in preds
        by_shape[(entity, shape)]["gold"] += 1
        by_shape[(entity, shape)]["exact"] += hit
        for p in preds:
            kind = classify(p, gold)
            c[kind] += 1
            if kind != "exact":
                errors[(entity, kind)].append((text, text[p[0] : p[1]]))
        if not any(p[0] < gold[1] and gold[0] < p[1] for p in preds):
            c["missed"] += 1
            errors[(entity, "missed")].append((text, text[gold[0] : gold[1]]))
    for entity in ("PHONE_NUMBER", "DATE_OF_BIRTH"):
        total: collections.Counter = collections.Counter()
        for lang in langs:
            total += stats[(entity, lang)]
        for lang, c in [*((lang, stats[(entity, lang)]) for lang in langs), ("all", total)]:
            p = 100 * c["exact"] / max(c["pred"], 1)
            r = 100 * c["exact"] / max(c["gold"], 1)
            f1 = 2 * p * r / max(p + r, 1e-9)
            print(f"{entity:>13} {lang:>3}: gold {c['gold']:4d} pred {c['pred']:4d} exact P {p:5.1f} R {r:5.1f} F1 {f1:5.1f}  "
                  f"missed {c['missed']} cut {c['cut']} swallowed {c['swallowed']} shifted {c['shifted']} spurious {c['spurious']}")
        shapes = sorted((s, c) for (e, s), c in by_shape.items() if e == entity)
        print("   exact recall by shape: " + ", ".join(f"{s} {100 * c['exact'] / c['gold']:.0f}% ({c['gold']})" for s, c in shapes))
    spurious = []
    for text in negatives(rng, args.n // 3):
        found = [(t, text[s:e]) for t, s, e in detectors["en"].predict(text) if t in ("PHONE_NUMBER", "DATE_OF_BIRTH")]
        if found:
            spurious.append((text, found))
    print(f"negatives with a PHONE_NUMBER or DATE_OF_BIRTH: {len(spurious)}/{args.n // 3}")
    for text, found in spurious[: args.errors]:
        print(f"  negative: {found} in {text!r}")
    for (entity, kind), items in sorted(errors.items()):
        for text, span in items[: args.errors]:
            print(f"  {entity} {kind}: {span!r} in {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
