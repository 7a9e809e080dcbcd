"""Phone numbers of many countries, written the way each country writes them: which are masked whole.

    python bench/eval/phone_formats.py [--seed 17] [--per 2] [--faker 4] [--show 40] [--json OUT]

Values come from two sources, neither of them the project's corpora:

* national and international formats of ~75 countries written here from how each country prints
  its numbers (``0612 345 678``, ``+44 (0)20 7946 0958``, ``089/1234567``, ``8 (495) 123-45-67``),
  digits drawn at random (``N`` a digit 2-9, ``X`` any digit);
* Faker's ``phone_number`` provider of every locale that has its own (an outside source of
  formats; Faker's digits are random, so a value is also marked valid or not by libphonenumber
  for its country, and coverage is reported for the valid ones apart).

Each value is put in every context: after a label, in a sentence about a person with and without
a phone word, a table row, a CSV cell, a JSON value, at a line end or a sentence's end, after a name
on a contact line, after an id word it is sent to ("the code was sent to ...", "the number on my account
to ..."), in English, French, Spanish or German. A value counts as masked whole only when spans of any type
cover every digit of it. Look-alikes (years and ranges, times, prices, versions, order and
tracking numbers without a phone word, ISBNs, coordinates, part numbers, ZIP+4, IP addresses,
cards, counts, columns of scores, amounts and ids, a batch number on a line) must get no
PHONE_NUMBER span: each one flagged is listed.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from structured_probe import build_engines, luhn  # noqa: E402

ENTITIES = ["PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "EMAIL_ADDRESS", "URL", "US_DRIVER_LICENSE", "US_BANK_NUMBER"]

# Country, its formats. N: a digit 2-9 (area codes and subscriber numbers rarely start with 0 or 1),
# X: any digit. Mobile prefixes are written out where a country's are few.
FORMATS: Dict[str, List[str]] = {
    "US": ["(NXX) NXX-XXXX", "NXX-NXX-XXXX", "NXX.NXX.XXXX", "+1 NXX NXX XXXX", "1-NXX-NXX-XXXX", "NXX NXX XXXX",
           "+1 (NXX) NXX-XXXX ext. XXX", "NXX-NXX-XXXX x XXXX"],
    "CA": ["(NXX) NXX-XXXX", "+1-NXX-NXX-XXXX", "NXX NXX-XXXX"],
    "GB": ["07NXX NXXXXX", "020 7NXX XXXX", "0161 NXX XXXX", "+44 7NXX NXXXXX", "+44 (0)20 7NXX XXXX", "0044 161 NXX XXXX",
           "(0113) NXX XXXX", "07NXX-NXX-XXX", "+44 (0) 7NXX NXXXXX"],
    "IE": ["087 NXX XXXX", "+353 87 NXX XXXX", "(01) NXX XXXX", "+353 1 NXX XXXX", "00353 86 NXX XXXX"],
    "FR": ["06 XX XX XX XX", "01.4X.XX.XX.XX", "+33 6 XX XX XX XX", "+33 (0)1 4X XX XX XX", "0033 6 XX XX XX XX", "06XXXXXXXX",
           "07-XX-XX-XX-XX", "+33 (0) 6 XX XX XX XX"],
    "BE": ["0470 XX XX XX", "+32 470 XX XX XX", "02 NXX XX XX", "+32 2 NXX XX XX", "0470/XX.XX.XX"],
    "CH": ["079 NXX XX XX", "+41 79 NXX XX XX", "044 NXX XX XX", "+41 (0)44 NXX XX XX"],
    "DE": ["030 NXXXXXXX", "0171 NXXXXXX", "+49 171 NXXXXXX", "+49 (0)30 NXXXXXX", "089/NXXXXXX", "0049 89 NXXXXXX",
           "0221 NXXXXX", "0151-NXXXXXXX", "(030) NXX XX XX", "+49 30 NXX XXX XX", "0171/NXX XX XX"],
    "AT": ["0664 NXXXXXX", "+43 664 NXXXXXX", "01 NXX XX XX", "+43 1 NXXXXXX", "0664/NXX XX XX"],
    "IT": ["333 NXX XXXX", "+39 333 NXX XXXX", "06 NXXX XXXX", "+39 06 NXXX XXXX", "02-NXXXXXXX", "3NX NXXXXXX"],
    "ES": ["6XX XXX XXX", "91 NXX XX XX", "+34 6XX XX XX XX", "+34 91 NXX XX XX", "0034 93 NXX XXXX", "6XX-XX-XX-XX", "9NX XXX XXX"],
    "PT": ["91X XXX XXX", "+351 91X XXX XXX", "21X XXX XXX", "+351 21X XXX XXX", "00351 96X XXX XXX"],
    "NL": ["06-NXXXXXXX", "06 NX XX XX XX", "+31 6 NXXXXXXX", "020-NXX XXXX", "+31 (0)20 NXX XXXX", "010 NXX XX XX"],
    "SE": ["070-NXX XX XX", "08-NXX XX XX", "+46 70 NXX XX XX", "+46 8 NXX XX XX", "031-NX XX XX"],
    "NO": ["4XX XX XXX", "+47 4XX XX XXX", "2X XX XX XX", "9XX XX XXX"],
    "DK": ["NX XX XX XX", "+45 NX XX XX XX", "NXXX XXXX"],
    "FI": ["040 NXX XXXX", "+358 40 NXX XXXX", "09 NXX XXXX", "050-NXX XXXX"],
    "IS": ["+354 NXX XXXX", "NXX XXXX"],
    "PL": ["6XX XXX XXX", "+48 6XX XXX XXX", "22 NXX XX XX", "+48 22 NXX XX XX", "6XX-XXX-XXX"],
    "CZ": ["602 XXX XXX", "+420 602 XXX XXX", "00420 7XX XXX XXX"],
    "SK": ["0905 XXX XXX", "+421 905 XXX XXX"],
    "HU": ["06 30 NXX XXXX", "+36 30 NXX XXXX", "+36 1 NXX XXXX", "06-1-NXX-XXXX"],
    "RO": ["07NX XXX XXX", "+40 7NX XXX XXX", "021 NXX XXXX"],
    "GR": ["69X XXX XXXX", "+30 69X XXX XXXX", "210 NXX XXXX", "+30 210 NXX XXXX"],
    "RU": ["8 (9XX) NXX-XX-XX", "+7 9XX NXX-XX-XX", "+7 (495) NXX-XX-XX", "8 495 NXX XX XX"],
    "UA": ["+380 67 NXX XX XX", "067 NXX XX XX", "(044) NXX-XX-XX"],
    "TR": ["0532 NXX XX XX", "+90 532 NXX XX XX", "+90 212 NXX XX XX", "0 (532) NXX XX XX"],
    "IL": ["05X-NXX-XXXX", "+972 5X-NXX-XXXX", "03-NXX-XXXX"],
    "MX": ["55 NXXX XXXX", "+52 55 NXXX XXXX", "+52 1 55 NXXX XXXX", "(55) NXXX-XXXX", "33 NXXX XXXX", "+52 (33) NXXX XXXX"],
    "BR": ["(11) 9NXXX-XXXX", "+55 11 9NXXX-XXXX", "(21) NXXX-XXXX", "11 9NXXX XXXX", "+55 (21) 9NXXX-XXXX"],
    "AR": ["+54 9 11 NXXX-XXXX", "011 NXXX-XXXX", "(011) 15-NXXX-XXXX", "11 NXXX-XXXX", "+54 11 NXXX-XXXX"],
    "CO": ["+57 3XX NXX XXXX", "3XX NXX XXXX", "(601) NXX XXXX"],
    "CL": ["+56 9 NXXX XXXX", "9 NXXX XXXX", "+56 2 2NXX XXXX"],
    "PE": ["+51 9XX XXX XXX", "9XX XXX XXX", "(01) NXX XXXX"],
    "IN": ["+91 9XXXX XXXXX", "98XXX XXXXX", "011-2NXX-XXXX", "+91-22-2NXX-XXXX", "+91 98XXX-XXXXX", "09XXXXXXXXX"],
    "PK": ["+92 300 NXXXXXX", "0300-NXXXXXX", "0300 NXXXXXX"],
    "JP": ["090-NXXX-XXXX", "03-NXXX-XXXX", "+81 90-NXXX-XXXX", "+81 3-NXXX-XXXX", "06-NXXX-XXXX", "(03) NXXX-XXXX"],
    "KR": ["010-NXXX-XXXX", "02-NXXX-XXXX", "+82 10-NXXX-XXXX", "+82 2-NXXX-XXXX"],
    "CN": ["138 XXXX XXXX", "+86 138 XXXX XXXX", "010-NXXX XXXX", "+86 10 NXXX XXXX", "138XXXXXXXX", "+86-21-NXXX-XXXX"],
    "HK": ["+852 9XXX XXXX", "9XXX XXXX", "+852 2NXX XXXX"],
    "SG": ["+65 9XXX XXXX", "6NXX XXXX", "+65 6NXX XXXX"],
    "AU": ["04XX XXX XXX", "(02) 9XXX XXXX", "+61 4XX XXX XXX", "+61 2 9XXX XXXX", "03 9XXX XXXX", "+61 (0)4XX XXX XXX"],
    "NZ": ["021 NXX XXXX", "+64 21 NXX XXXX", "(09) NXX XXXX", "+64 9 NXX XXXX", "027-NXX-XXXX"],
    "ZA": ["082 NXX XXXX", "+27 82 NXX XXXX", "011 NXX XXXX", "+27 (0)11 NXX XXXX"],
    "NG": ["0803 NXX XXXX", "+234 803 NXX XXXX", "0803XXXXXXX", "+234 (0)803 NXX XXXX"],
    "KE": ["0712 NXXXXX", "+254 712 NXXXXX", "0712 NXX XXX"],
    "EG": ["010 NXXX XXXX", "+20 10 NXXX XXXX"],
    "MA": ["061-NXXXXX", "+212 661-NXXXXX", "06 6X XX XX XX"],
    "PH": ["0917 NXX XXXX", "+63 917 NXX XXXX", "(02) 8NXX XXXX"],
    "ID": ["0812-NXXX-XXXX", "+62 812-NXXX-XXXX", "(021) NXXX XXXX"],
    "VN": ["091 NXX XX XX", "+84 91 NXX XXXX"],
    "TH": ["081 NXX XXXX", "+66 81 NXX XXXX", "02 NXX XXXX"],
    "MY": ["012-NXX XXXX", "+60 12-NXX XXXX", "03-NXXX XXXX"],
    "AE": ["050 NXX XXXX", "+971 50 NXX XXXX", "04 NXX XXXX"],
    "SA": ["05X NXX XXXX", "+966 5X NXX XXXX"],
    # Smaller plans, seven or eight digits, often written without a trunk prefix.
    "EE": ["5NX XXXX", "5NXX XXXX", "+372 5NXX XXXX", "6NX XXXX"],
    "LV": ["2NXX XXXX", "+371 2NXX XXXX", "67 NXX XXX"],
    "LT": ["8 6NX XXXXX", "+370 6NX XXXXX", "(8 5) 2NX XXXX"],
    "SI": ["031 NXX XXX", "+386 31 NXX XXX", "(01) NXX XX XX"],
    "HR": ["091 NXX XXXX", "+385 91 NXX XXXX", "01 NXXX XXX"],
    "RS": ["064 NXX XXXX", "+381 64 NXX XXXX", "011/NXX-XXXX"],
    "BG": ["0888 NXX XXX", "+359 888 NXX XXX", "02 NXX XXXX"],
    "CY": ["99 NXXXXX", "+357 99 NXXXXX", "22 NXXXXX"],
    "MT": ["79NX XXXX", "+356 79NX XXXX", "21NX XXXX"],
    "LU": ["621 NXX XXX", "+352 621 NXX XXX", "26 NX XX XX"],
    "GL": ["+299 NX XX XX", "NX XX XX"],
    "FO": ["+298 NX XX XX", "NX XX XX"],
    "TN": ["71 NXX XXX", "+216 98 NXX XXX", "98 NXX XXX"],
    "UY": ["094 NXX XXX", "+598 94 NXX XXX", "2NXX XXXX"],
    "DK2": ["NX-XX-XX-XX", "NX XX XX XX"],
    "HU2": ["06-30/NXX-XXXX", "(06 1) NXX XXXX", "06 1 NXX XXXX"],
    "SE2": ["0NXX-NX XX XX", "08-NXX XXX XX", "0NX-NXX XX XX"],
    "NO2": ["NXX XX XXX", "NX XX XX XX"],
    "NZ2": ["(027) NXXX-XXX", "(09) NXX-XXXX", "(03) NXX XXXX"],
    "AR2": ["(011) 4NXX-XXXX", "0351 4NX-XXXX"],
    "IT2": ["0331 NXXXXXX", "0331-NXXXXX", "347 NXXXXXX"],
    "CZ2": ["7NX XXX XXX", "(+420) 7NX XXX XXX"],
}  # fmt: skip

NAMES = ["Ana Pereira", "Kofi Mensah", "Yuki Tanaka", "Lars Nilsen", "Marta Kowalska", "Ravi Iyer", "Sofía Gómez",
         "Jean Dupont", "Eleni Papadaki", "Chen Wei", "Olga Ivanova", "Tom O'Brien"]  # fmt: skip

# Each context in four languages; {n} a name, {v} the number.
CONTEXTS: Dict[str, Dict[str, str]] = {
    "label": {"en": "Phone: {v}", "fr": "Téléphone : {v}", "es": "Teléfono: {v}", "de": "Telefon: {v}"},
    "person_word": {"en": "You can reach {n} at {v} after six.", "fr": "Vous pouvez appeler {n} au {v} après 18 h.",
                    "es": "Puedes llamar a {n} al {v} por la tarde.", "de": "Sie erreichen {n} unter {v} ab 18 Uhr."},
    "person_no_word": {"en": "{n} gave me {v} yesterday, use that.", "fr": "{n} m'a laissé le {v} hier.",
                       "es": "{n} me dejó el {v} ayer.", "de": "{n} hat mir gestern die {v} gegeben."},
    "contact_line": {"en": "{n}  {v}", "fr": "{n} - {v}", "es": "{n}, {v}", "de": "{n} / {v}"},
    "table_row": {lang: "| {n} | {v} | Lisbon |" for lang in ("en", "fr", "es", "de")},
    "csv": {lang: "name,city,notes,number\n{n},Porto,none,{v}" for lang in ("en", "fr", "es", "de")},
    "json": {lang: '{{"name": "{n}", "contact": "{v}", "vip": false}}' for lang in ("en", "fr", "es", "de")},
    "line_end": {"en": "Thanks, speak soon.\n{n}\n{v}", "fr": "Merci, à bientôt.\n{n}\n{v}",
                 "es": "Gracias, hasta pronto.\n{n}\n{v}", "de": "Danke, bis bald.\n{n}\n{v}"},
    "account": {"en": "Please update the number on my account to {v} from today.", "fr": "Merci de changer le numéro de mon compte en {v}.",
                "es": "Cambien el número de mi cuenta al {v}, por favor.", "de": "Bitte ändern Sie die Nummer in meinem Konto auf {v}."},
    "code_sent": {"en": "The code was never sent to {v}, please check.", "fr": "Le code n'est jamais arrivé sur le {v}.",
                  "es": "El código nunca llegó al {v}.", "de": "Der Code kam nie auf der {v} an."},
    "sentence_end": {"en": "Her new number is {v}.", "fr": "Son nouveau numéro est le {v}.",
                     "es": "Su número nuevo es el {v}.", "de": "Seine neue Nummer ist {v}."},
}  # fmt: skip


def fill(rng: random.Random, fmt: str) -> str:
    return "".join(rng.choice("23456789") if c == "N" else rng.choice("0123456789") if c == "X" else c for c in fmt)


def faker_values(count: int, seed: int) -> List[Tuple[str, str, str]]:
    """(country, value, source) from every Faker locale with its own phone provider."""
    import warnings

    import faker.config
    from faker import Faker

    out = []
    for loc in faker.config.AVAILABLE_LOCALES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fake = Faker(loc)
            provider = fake.provider("faker.providers.phone_number")
        if not hasattr(fake, "phone_number") or type(provider).__module__.rsplit(".", 1)[-1] != loc:
            continue  # no phone provider, or the locale borrows another's formats
        fake.seed_instance(seed)
        country = loc.split("_")[-1].upper()
        for _ in range(count):
            value = fake.phone_number()
            if sum(c.isdigit() for c in value) >= 7 and value.isascii():
                out.append((country, value, f"faker:{loc}"))
    return out


def valid(value: str, country: str) -> bool:
    import phonenumbers

    country = country.rstrip("0123456789")  # "DK2": more formats of Denmark
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value.split(" ext")[0].split(" x")[0].split("x")[0], country))
    except phonenumbers.NumberParseException:
        return False


def negatives(rng: random.Random) -> List[Tuple[str, str]]:
    """(kind, text) look-alikes that must get no PHONE_NUMBER span."""
    y = rng.randint(1990, 2020)
    isbn_body = "978" + fill(rng, "XXXXXXXXX")
    isbn = isbn_body + str((10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(isbn_body)) % 10) % 10)
    card = luhn("4" + fill(rng, "XXXXXXXXXXXXXX"))
    return [
        ("year range", f"She worked there from {y} to {y + 4}, then {y + 5}-{y + 9}."),
        ("year range", f"Seasons {y}/{y + 1} and {y + 1}/{y + 2} were the best."),
        ("date", f"Meeting on {rng.randint(10, 28)}.{rng.randint(10, 12)}.{y} at 10:30."),
        ("date", f"Born {y}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}, married {y + 20}-11-{rng.randint(10, 28)}"),
        ("time", f"Open {rng.randint(7, 9)}:30-{rng.randint(17, 19)}:00, {rng.randint(7, 9)}:30 - 12:00 on Saturdays."),
        ("price", f"The flat costs $1,{fill(rng, 'XXX')},{fill(rng, 'XXX')}.00 or €{fill(rng, 'NXX')} {fill(rng, 'XXX')}."),
        ("price", f"Prix : {fill(rng, 'NXX')} {fill(rng, 'XXX')},00 € TTC"),
        ("amount", f"Revenue grew to {fill(rng, 'NXX')} {fill(rng, 'XXX')} {fill(rng, 'XXX')} units."),
        ("version", f"Upgrade to {rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}.{fill(rng, 'NXXX')} today."),
        ("order", f"Order {fill(rng, 'NXXXXXXXXX')} ships on Monday."),
        ("order", f"Your order #{fill(rng, 'NXX-XXXXXXX-XXXXXXX')} has shipped."),
        ("invoice", f"Invoice {fill(rng, 'NXXXXX')}-{fill(rng, 'XXXX')} is attached."),
        ("tracking", f"Tracking: {fill(rng, 'NXXX XXXX XXXX')}"),
        ("isbn", f"ISBN {isbn[:3]}-{isbn[3]}-{isbn[4:8]}-{isbn[8:12]}-{isbn[12]}"),
        ("isbn", f"ISBN {isbn}"),
        ("coordinates", f"Coordinates 4{rng.randint(0, 9)}.{fill(rng, 'XXXXXX')}, {rng.randint(1, 9)}.{fill(rng, 'XXXXXX')}"),
        ("part", f"Part no. {fill(rng, 'NXXX')}-{fill(rng, 'XXX')}-{fill(rng, 'XX')} is in stock."),
        ("zip+4", f"Mail it to Boston, MA {fill(rng, '0NXXX')}-{fill(rng, 'XXXX')}."),
        ("ip", f"Server {rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)} is down."),
        ("card", f"Card {card[:4]} {card[4:8]} {card[8:12]} {card[12:]} was declined."),
        ("population", f"The city has {fill(rng, 'NXX')} {fill(rng, 'XXX')} inhabitants and {fill(rng, 'NX')} {fill(rng, 'XXX')} cars."),
        ("measure", f"It weighs {fill(rng, 'NXXX')}.{fill(rng, 'XX')} kg and is {fill(rng, 'NXXX')} mm long."),
        # Fields of tables, exports and lists that hold counts, amounts and ids.
        ("table count", f"| Team | Score |\n|---|---|\n| Reds | {fill(rng, 'NX XX XX')} |\n| Blues | {fill(rng, 'NX XX XX')} |"),
        ("csv amount", f"name,amount\nAna,{fill(rng, 'NXX XXX XXX')}\nBob,{fill(rng, 'NXX XXX XXX')}"),
        ("csv id", f"sku,name,price\n{fill(rng, 'NXXXXXXXX')},Widget,9.99"),
        ("number column", f"{fill(rng, 'NX XX XX')}\n{fill(rng, 'NX XX XX')}\n{fill(rng, 'NX XX XX')}"),
        ("id on a line", f"Batch\n{fill(rng, 'NXXXXXXXX')}\nready for shipping"),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--per", type=int, default=2, help="values drawn of each hand-written format")
    parser.add_argument("--faker", type=int, default=4, help="values drawn from each Faker locale")
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--json", help="write the counts here")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    values = [(c, fill(rng, f), "format") for c, fmts in FORMATS.items() for f in fmts for _ in range(args.per)]
    values += faker_values(args.faker, args.seed)
    engines = build_engines(ENTITIES)
    by: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    bad = []
    for country, value, source in values:
        ok = valid(value, country)
        for ctx, langs in CONTEXTS.items():
            lang = rng.choice(["en", "en", "en", "fr", "es", "de"])
            text = langs[lang].format(n=rng.choice(NAMES), v=value)
            at = text.index(value)
            covered = set()
            for s in engines[lang].detect(text):
                covered.update(range(s.start, s.end))
            digits = {at + i for i, c in enumerate(value) if c.isdigit()}
            whole = digits <= covered
            for key in (f"country {country.rstrip('0123456789')}", f"context {ctx}", f"source {source.split(':')[0]}", "all", "valid" if ok else "not valid"):
                by[key]["n"] += 1
                by[key]["whole"] += whole
            if not whole:
                bad.append((country, source, ok, ctx, lang, value, text, "partly" if digits & covered else "missed"))
    print("| group | n | masked whole |\n|---|---:|---:|")
    for key in sorted(by, key=lambda k: (k.split()[0] != "all", k)):
        c = by[key]
        print(f"| {key} | {c['n']} | {100 * c['whole'] / c['n']:.1f} % |")
    flagged = []
    neg = [n for _ in range(args.per * 3) for n in negatives(rng)]
    for kind, text in neg:
        phones = [text[s.start : s.end] for s in engines["en"].detect(text) if s.entity_type == "PHONE_NUMBER"]
        if phones:
            flagged.append((kind, text, phones))
    print(f"\nlook-alikes with a PHONE_NUMBER span: {len(flagged)}/{len(neg)}")
    for kind, text, phones in flagged[: args.show]:
        print(f"  {kind:12} {text!r} -> {phones}")
    print(f"\nnot whole ({len(bad)}):")
    for country, source, ok, ctx, lang, value, text, kind in bad[: args.show]:
        print(f"  {kind:6} {country} {source:10} {'valid' if ok else 'invalid':7} {ctx:14} {lang} {value!r:28} in {text!r}")
    if args.json:
        out = {k: dict(v) for k, v in by.items()}
        out["look-alikes flagged"] = {"n": len(neg), "flagged": len(flagged)}
        Path(args.json).write_text(json.dumps(out, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
