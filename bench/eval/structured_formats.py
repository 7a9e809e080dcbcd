"""Structured identifiers written the many ways people and systems write them: which formats are missed or cut.

    python bench/eval/structured_formats.py [--seed 17] [--per 3] [--show 60]

Complements ``structured_probe.py`` (near misses). Here every value is a
well-formed identifier of a real-world format (phones of many countries in
national and international form, with extensions and trunk prefixes; cards of
every brand and length, grouped or not, with an expiry next to them; IBANs of
many countries; SSN/ITIN; several states' driver's licences; passports; IPv4
and IPv6 with ports and in URLs; e-mail addresses with tags, subdomains, IDN,
quotes, address literals, angle brackets, mailto:; URLs carrying PII in the
query), put in several contexts (label before, label after, table row, JSON,
CSV, a log line's key=value, line end, followed by punctuation, no label at
all) in English, French, Spanish and German. A value counts as masked whole
only when spans of any type cover every one of its characters. Counterparts
(version numbers, order and invoice numbers without an id word, timestamps,
prices, coordinates, ISBNs, hashes) must get no structured-id detection.
Digits are drawn at random; formats and contexts are written here.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path
from typing import Callable, Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from structured_probe import build_engines, luhn  # noqa: E402

ENTITIES = [
    "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "US_ITIN", "IBAN_CODE", "IP_ADDRESS", "MAC_ADDRESS",
    "US_DRIVER_LICENSE", "US_PASSPORT", "US_BANK_NUMBER", "CRYPTO", "URL",
]  # fmt: skip


def d(rng: random.Random, n: int, first: str = "0123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def group(value: str, sizes, sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(value[i : i + size])
        i += size
    if i < len(value):
        out.append(value[i:])
    return sep.join(p for p in out if p)


def iban(country: str, bban: str) -> str:
    moved = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in moved))
    return f"{country}{98 - number % 97:02d}{bban}"


def phones(rng: random.Random) -> List[str]:
    n = lambda k, first="23456789": d(rng, k, first)  # noqa: E731
    return [
        # United States / Canada
        f"({n(3)}) {n(3)}-{d(rng, 4)}", f"{n(3)}-{n(3)}-{d(rng, 4)}", f"{n(3)}.{n(3)}.{d(rng, 4)}",
        f"+1 {n(3)} {n(3)} {d(rng, 4)}", f"+1-{n(3)}-{n(3)}-{d(rng, 4)}", f"1-{n(3)}-{n(3)}-{d(rng, 4)}",
        f"+1 ({n(3)}) {n(3)}-{d(rng, 4)}", f"{n(3)}-{n(3)}-{d(rng, 4)} x{d(rng, 3)}",
        f"({n(3)}) {n(3)}-{d(rng, 4)} ext. {d(rng, 2)}", f"{n(3)}-{n(3)}-{d(rng, 4)} ext {d(rng, 4)}",
        f"+1.{n(3)}.{n(3)}.{d(rng, 4)}", f"001 {n(3)} {n(3)} {d(rng, 4)}",
        # United Kingdom
        f"+44 (0)20 {n(4)} {d(rng, 4)}", f"020 {n(4)} {d(rng, 4)}", f"+44 20 {n(4)} {d(rng, 4)}",
        f"07{d(rng, 3)} {d(rng, 6)}", f"+44 7{d(rng, 3)} {d(rng, 6)}", f"0044 161 {n(3)} {d(rng, 4)}", f"(0161) {n(3)} {d(rng, 4)}",
        # France
        f"01 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}", f"06.{d(rng, 2)}.{d(rng, 2)}.{d(rng, 2)}.{d(rng, 2)}",
        f"+33 6 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}", f"+33 (0)1 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}",
        f"0033 1 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}", f"07-{d(rng, 2)}-{d(rng, 2)}-{d(rng, 2)}-{d(rng, 2)}",
        # Germany
        f"030 {n(8)}", f"+49 30 {n(8)}", f"+49 (0)30 {n(4)}-{d(rng, 4)}", f"0171 {n(7)}", f"+49 171 {n(7)}",
        f"(089) {n(3)} {d(rng, 2)} {d(rng, 2)}", f"089/{n(7)}", f"0049 89 {n(7)}", f"06221 {n(3)}-{d(rng, 3)}",
        # Spain
        f"+34 91 {n(3)} {d(rng, 2)} {d(rng, 2)}", f"912 {n(3)} {d(rng, 3)}", f"6{d(rng, 2)} {d(rng, 3)} {d(rng, 3)}",
        f"+34 6{d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}", f"0034 93 {n(3)} {d(rng, 4)}",
        # Others
        f"+61 2 {n(4)} {d(rng, 4)}", f"+61 4{d(rng, 2)} {d(rng, 3)} {d(rng, 3)}", f"+91 98{d(rng, 3)} {d(rng, 5)}",
        f"+81 3-{n(4)}-{d(rng, 4)}", f"+39 06 {n(4)} {d(rng, 4)}", f"+31 20 {n(3)} {d(rng, 4)}",
        f"+55 11 9{d(rng, 4)}-{d(rng, 4)}", f"+52 55 {n(4)} {d(rng, 4)}", f"+353 1 {n(3)} {d(rng, 4)}",
        f"+41 44 {n(3)} {d(rng, 2)} {d(rng, 2)}", f"+32 2 {n(3)} {d(rng, 2)} {d(rng, 2)}", f"+86 10 {n(4)} {d(rng, 4)}",
        f"+27 21 {n(3)} {d(rng, 4)}", f"+65 {n(4)} {d(rng, 4)}", f"+971 4 {n(3)} {d(rng, 4)}",
        f"+44{d(rng, 10, '7')}", f"+49{n(10)}", f"+33{d(rng, 9, '67')}",
        # Generated-data styles: glued extensions, 001 prefix without a plus, no space after the bracket
        f"001-{n(3)}-{n(3)}-{d(rng, 4)}x{d(rng, 3)}", f"({n(3)}){n(3)}-{d(rng, 4)}x{d(rng, 4)}", f"+1-{n(3)}-{n(3)}-{d(rng, 4)}x{d(rng, 5)}",
        f"{n(3)}.{n(3)}.{d(rng, 4)}x{d(rng, 3)}", f"{n(3)}{n(3)}{d(rng, 4)}",
        # National forms of countries outside the usual lists
        f"602 {d(rng, 3)} {d(rng, 3)}", f"+420 602 {d(rng, 3)} {d(rng, 3)}", f"06 30 {n(3)} {d(rng, 4)}", f"+36 1 {n(3)} {d(rng, 4)}",
        f"694 {n(3)} {d(rng, 4)}", f"+30 21 0{n(3)} {d(rng, 4)}", f"8 (495) {n(3)}-{d(rng, 2)}-{d(rng, 2)}", f"+7 495 {n(3)}-{d(rng, 2)}-{d(rng, 2)}",
        f"131 {d(rng, 4)} {d(rng, 4)}", f"+86 131 {d(rng, 4)} {d(rng, 4)}", f"031 {n(3)} {d(rng, 3)}", f"+386 31 {n(3)} {d(rng, 3)}",
        f"090-{n(4)}-{d(rng, 4)}", f"03-{n(4)}-{d(rng, 4)}", f"040 {n(3)} {d(rng, 4)}", f"06-{n(8)}", f"020-{n(7)}",
        f"(11) 9{d(rng, 4)}-{d(rng, 4)}", f"512 {d(rng, 3)} {d(rng, 3)}", f"912 {n(3)} {d(rng, 3)}", f"412 {d(rng, 2)} {d(rng, 3)}",
        f"070-{n(3)} {d(rng, 2)} {d(rng, 2)}", f"0664 {n(7)}", f"079 {n(3)} {d(rng, 2)} {d(rng, 2)}", f"0470 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}",
        f"+216 71 {n(3)} {d(rng, 3)}", f"(02) {n(4)} {d(rng, 4)}", f"0412 {d(rng, 3)} {d(rng, 3)}", f"021 {n(3)} {d(rng, 4)}",
        f"333 {n(3)} {d(rng, 4)}", f"02 {n(4)} {d(rng, 4)}", f"087 {n(3)} {d(rng, 4)}", f"082 {n(3)} {d(rng, 4)}",
        f"098{d(rng, 3)} {d(rng, 5)}", f"+354 {n(3)} {d(rng, 4)}", f"+299 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}",
        f"+90 212 {n(3)} {d(rng, 2)} {d(rng, 2)}", f"+82 2-{n(4)}-{d(rng, 4)}", f"+63 2 {n(4)} {d(rng, 4)}",
        f"(+44) 20 {n(4)} {d(rng, 4)}", f"tel:[+1{n(3)}{n(3)}{d(rng, 4)}]", f"020 {n(4)} {d(rng, 4)} / [07{d(rng, 3)} {d(rng, 6)}]",
        f"+1 ({n(3)}) {n(3)}-{d(rng, 4)} ext. {d(rng, 2)}", f"8 800 {n(3)} {d(rng, 2)} {d(rng, 2)}", f"+31 (0)6 {d(rng, 8)}",
    ]


def cards(rng: random.Random) -> List[str]:
    out = []
    for prefix, length, sizes in (
        ("4", 16, (4, 4, 4, 4)), ("4", 13, (4, 4, 5)), ("4", 19, (4, 4, 4, 4, 3)), ("51", 16, (4, 4, 4, 4)),
        ("2221", 16, (4, 4, 4, 4)), ("34", 15, (4, 6, 5)), ("37", 15, (4, 6, 5)), ("6011", 16, (4, 4, 4, 4)),
        ("65", 16, (4, 4, 4, 4)), ("3528", 16, (4, 4, 4, 4)), ("36", 14, (4, 6, 4)), ("300", 14, (4, 6, 4)),
        ("62", 16, (4, 4, 4, 4)), ("62", 19, (6, 13)), ("6759", 18, (4, 4, 4, 4, 2)), ("5018", 16, (4, 4, 4, 4)),
    ):
        v = luhn(prefix + d(rng, length - len(prefix) - 1))
        out += [group(v, sizes, " "), group(v, sizes, "-"), v]
    return out


def ibans(rng: random.Random) -> List[str]:
    raw = [
        iban("DE", d(rng, 18)), iban("FR", d(rng, 10) + "ABCDEFGHIJK"[rng.randrange(11)] + d(rng, 10) + d(rng, 2)),
        iban("ES", d(rng, 20)), iban("GB", "NWBK" + d(rng, 14)), iban("IT", "X" + d(rng, 10) + d(rng, 12)),
        iban("NL", "ABNA" + d(rng, 10)), iban("BE", d(rng, 12)), iban("CH", d(rng, 17)), iban("AT", d(rng, 16)),
        iban("PL", d(rng, 24)), iban("PT", d(rng, 21)), iban("IE", "AIBK" + d(rng, 14)), iban("SE", d(rng, 20)),
        iban("LU", d(rng, 3) + "0000" + d(rng, 9)), iban("NO", d(rng, 11)), iban("DK", d(rng, 14)),
    ]
    out = []
    for v in raw:
        out += [group(v, [4] * 9, " "), v]
    return out


def ssns(rng: random.Random) -> List[Tuple[str, str]]:
    a, g, s = f"{rng.randint(1, 665):03d}", f"{rng.randint(1, 99):02d}", f"{rng.randint(1, 9999):04d}"
    itin = f"9{d(rng, 2)}-{rng.choice([70, 78, 88, 92, 94])}-{d(rng, 4)}"
    return [("US_SSN", f"{a}-{g}-{s}"), ("US_SSN", f"{a} {g} {s}"), ("US_SSN", f"{a}{g}{s}"), ("US_SSN", f"{a}.{g}.{s}"),
            ("US_ITIN", itin), ("US_ITIN", itin.replace("-", " "))]  # fmt: skip


def licences(rng: random.Random) -> List[str]:
    L = lambda: rng.choice("ABCDEFGHJKLMNPRSTWXYZ")  # noqa: E731
    return [
        f"{L()}{d(rng, 7)}",  # CA, NY-old
        f"{d(rng, 3)} {d(rng, 3)} {d(rng, 3)}",  # NY
        f"{L()}{d(rng, 3)}-{d(rng, 3)}-{d(rng, 2)}-{d(rng, 3)}-{d(rng, 1)}",  # FL
        f"{L()}{d(rng, 12)}",  # FL compact / IL
        f"{L()}{d(rng, 3)}-{d(rng, 4)}-{d(rng, 4)}",  # IL
        f"{d(rng, 8)}",  # TX
        f"{L()}{d(rng, 2)}-{d(rng, 2)}-{d(rng, 4)}",  # NJ-like
        f"{L()}{d(rng, 4)} {d(rng, 5)} {d(rng, 5)}",  # NJ
        f"{d(rng, 9)}",  # generic
        f"{L()}{L()}{d(rng, 6)}",  # WA-like
        f"{d(rng, 3)}-{d(rng, 2)}-{d(rng, 4)}",  # 9 digits grouped
        f"{L()} {d(rng, 3)} {d(rng, 3)} {d(rng, 3)} {d(rng, 3)}",  # MI
        f"{L()}{L()}{L()}-{d(rng, 2)}-{d(rng, 4)}",  # ND
        f"{d(rng, 2)}-{d(rng, 3)}-{d(rng, 4)}",  # CO
        f"{L()}{d(rng, 3)}-{d(rng, 4)}-{d(rng, 4)}-{d(rng, 2)}",  # WI
        f"{d(rng, 2)}{L()}{L()}{L()}{d(rng, 5)}",  # NH
    ]


def passports(rng: random.Random) -> List[str]:
    return [d(rng, 9), f"{rng.choice('ACEGX')}{d(rng, 8)}", f"{rng.choice('CFGHJK')}{rng.choice('CFGHJK')}{d(rng, 7)}",
            f"{d(rng, 2)}{rng.choice('ABCDE')}{rng.choice('ABCDE')}{d(rng, 5)}"]  # fmt: skip


def ips(rng: random.Random) -> List[str]:
    o = lambda: str(rng.randint(1, 254))  # noqa: E731
    h = lambda: format(rng.randint(1, 0xFFFF), "x")  # noqa: E731
    v4 = f"{o()}.{o()}.{o()}.{o()}"
    return [
        v4, f"[{o()}.{o()}.{o()}.{o()}]:{rng.randint(1024, 65535)}", f"{o()}.{o()}.{o()}.0/24",
        f"2001:db8:{h()}:{h()}:{h()}:{h()}:{h()}:{h()}", f"2001:db8::{h()}", f"fe80::{h()}:{h()}:{h()}:{h()}%eth0",
        f"[[2001:db8::{h()}]]:8080", f"::ffff:{v4}", f"2001:0db8:0000:0000:0000:ff00:0042:{rng.randint(1000, 9999)}",
    ]


def emails(rng: random.Random) -> List[str]:
    user = rng.choice(["jane.doe", "j.smith", "mkowalski", "anna_b", "o.brien", "li.wei88"])
    return [
        f"{user}+newsletter@gmail.com", f"{user}@mail.eng.example.co.uk", f"{user}@münchen.de", f"josé.garcía@correo.es",
        f'"{user} smith"@example.org', f"<[{user}@example.com]>", f"mailto:[{user}@example.com]", f"{user.upper()}@EXAMPLE.COM",
        f"{user}@sub-domain.example.io", f"{user}%office@relay.example.net", f"{user}@[192.0.2.{rng.randint(1, 254)}]",
        f"{user}@example.travel", f"{user}-{d(rng, 4)}@uni-heidelberg.de",
    ]


def urls(rng: random.Random) -> List[str]:
    user = rng.choice(["jane.doe", "mkowalski", "anna_b"])
    return [
        f"https://example.com/reset?email={user}%40gmail.com&token={d(rng, 8)}",
        f"https://shop.example.com/account?user={user}&phone=%2B1{d(rng, 10, '2345')}",
        f"http://192.168.{rng.randint(0, 254)}.{rng.randint(1, 254)}:8080/admin?id={d(rng, 6)}",
        f"https://example.org/u/{user}?ssn={d(rng, 3, '12345')}-{d(rng, 2)}-{d(rng, 4)}",
        f"www.example.de/profil?name={user}",
        f"https://[2001:db8::{rng.randint(1, 9999)}]/status",
    ]


LABELS = {
    "PHONE_NUMBER": {"en": ["Phone", "Tel", "Mobile", "call me on"], "fr": ["Téléphone", "Tél.", "Portable"],
                     "es": ["Teléfono", "Móvil", "Tel."], "de": ["Telefon", "Tel.", "Handy", "Mobil"]},
    "CREDIT_CARD": {"en": ["Card number", "Credit card", "Visa"], "fr": ["Numéro de carte", "Carte bancaire"],
                    "es": ["Número de tarjeta", "Tarjeta"], "de": ["Kartennummer", "Kreditkarte"]},
    "IBAN_CODE": {lang: ["IBAN"] for lang in ("en", "fr", "es", "de")},
    "US_SSN": {"en": ["SSN", "Social Security number"], "fr": ["Numéro de sécurité sociale (SSN)"],
               "es": ["Número de seguro social"], "de": ["Sozialversicherungsnummer (SSN)"]},
    "US_ITIN": {"en": ["ITIN", "Taxpayer ID (ITIN)"], "fr": ["ITIN"], "es": ["ITIN"], "de": ["ITIN"]},
    "US_DRIVER_LICENSE": {"en": ["Driver's license", "DL #", "Driver license number"], "fr": ["Permis de conduire (US)"],
                          "es": ["Licencia de conducir"], "de": ["Führerschein (US)"]},
    "US_PASSPORT": {"en": ["Passport", "Passport No."], "fr": ["Passeport", "N° de passeport"],
                    "es": ["Pasaporte", "Nº de pasaporte"], "de": ["Reisepass", "Reisepassnummer"]},
    "IP_ADDRESS": {"en": ["IP", "Client IP", "from"], "fr": ["Adresse IP"], "es": ["Dirección IP"], "de": ["IP-Adresse"]},
    "EMAIL_ADDRESS": {"en": ["Email", "E-mail", "write to"], "fr": ["Courriel", "E-mail"], "es": ["Correo", "Email"],
                      "de": ["E-Mail", "Mail"]},
    "URL": {"en": ["Link", "see"], "fr": ["Lien"], "es": ["Enlace"], "de": ["Link"]},
}  # fmt: skip
KEY = {"PHONE_NUMBER": "phone", "CREDIT_CARD": "card_number", "IBAN_CODE": "iban", "US_SSN": "ssn", "US_ITIN": "itin",
       "US_DRIVER_LICENSE": "driver_license", "US_PASSPORT": "passport", "IP_ADDRESS": "ip", "EMAIL_ADDRESS": "email",
       "URL": "url"}  # fmt: skip
CONTEXTS: Dict[str, Callable[[str, str, str], str]] = {
    "label_colon": lambda label, v, key: f"{label}: {v}",
    "sentence": lambda label, v, key: f"Please use this {label.lower()} {v} for the request.",
    "label_after": lambda label, v, key: f"{v} is my {label.lower()}.",
    "table_row": lambda label, v, key: f"| Maria | {label} | {v} | active |",
    "json": lambda label, v, key: f'{{"name": "Maria", "{key}": "{v}", "active": true}}',
    "line_end": lambda label, v, key: f"Updated the record.\n{label}\n{v}\nThanks",
    "punct": lambda label, v, key: f"{label} ({v}), then the rest; ok?",
    "comma_list": lambda label, v, key: f"{label}: {v}, {label}: none.",
    "csv": lambda label, v, key: f"name,{key},ssn,card\nMaria Lopez,{v},x,y",
    "log_kv": lambda label, v, key: f"2026-01-02 10:11:12 INFO user=maria {key}={v} status=ok",
}
# No word names the value: only shapes that identify themselves are expected to be found here.
BARE = {
    "bare_sentence": lambda label, v, key: f"Maria said it was {v} and nothing else.",
    "bare_line": lambda label, v, key: f"Maria Lopez\n{v}\nsee you",
    "bare_end": lambda label, v, key: f"The one I gave them yesterday is {v}",
}
SELF_EVIDENT = ("PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS", "EMAIL_ADDRESS", "URL")


def core(shown: str) -> Tuple[str, str]:
    """A value written with its wrapper ("mailto:", brackets, a port) marks the identifier itself
    as ``[...]``; the identifier is what must be masked whole. No mark: the whole value is."""
    if "[" in shown and "]" in shown and not shown.startswith("https://[") and "@[" not in shown:
        a = shown.index("[")
        b = shown.index("]", a)
        if shown[a + 1 : a + 2] == "[":  # "[[v6]]:port": the brackets are the writer's, the address inside
            return shown[:a] + shown[a + 1 : b + 1] + shown[b + 2 :], shown[a + 2 : b]
        return shown[:a] + shown[a + 1 : b] + shown[b + 1 :], shown[a + 1 : b]
    return shown, shown


def cases(rng: random.Random, per: int) -> List[Tuple[str, str, str, str, str]]:
    """(entity, format index, lang, text, value)."""
    out = []
    for _ in range(per):
        values: List[Tuple[str, str]] = []
        values += [("PHONE_NUMBER", v) for v in phones(rng)]
        values += [("CREDIT_CARD", v) for v in cards(rng)]
        values += [("IBAN_CODE", v) for v in ibans(rng)]
        values += ssns(rng)
        values += [("US_DRIVER_LICENSE", v) for v in licences(rng)]
        values += [("US_PASSPORT", v) for v in passports(rng)]
        values += [("IP_ADDRESS", v) for v in ips(rng)]
        values += [("EMAIL_ADDRESS", v) for v in emails(rng)]
        values += [("URL", v) for v in urls(rng)]
        for i, (entity, shown) in enumerate(values):
            shown, value = core(shown)
            lang = rng.choice(["en", "en", "fr", "es", "de"])
            label = rng.choice(LABELS[entity][lang])
            contexts = {**CONTEXTS, **BARE} if entity in SELF_EVIDENT else CONTEXTS
            ctx = rng.choice(sorted(contexts))
            if entity == "CREDIT_CARD" and rng.random() < 0.3:
                shown = f"{shown} exp {rng.randint(1, 12):02d}/{rng.randint(26, 32)}"
            text = contexts[ctx](label, shown, KEY[entity])
            out.append((entity, f"{ctx}", lang, text, value))
    return out


def negatives(rng: random.Random) -> List[str]:
    isbn_body = "978" + d(rng, 9)
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(isbn_body))
    isbn = isbn_body + str((10 - total % 10) % 10)
    return [
        f"Upgraded to version {rng.randint(1, 20)}.{rng.randint(0, 40)}.{rng.randint(0, 99)} yesterday.",
        f"Requires Python 3.{rng.randint(8, 13)}.{rng.randint(0, 9)} and numpy 1.{rng.randint(20, 26)}.{rng.randint(0, 5)}.",
        f"Build 10.0.{d(rng, 5)}.{d(rng, 4)} ships next week.",
        f"Order {d(rng, 8)} shipped on Monday.", f"Invoice {d(rng, 6)}-{d(rng, 4)} is attached.",
        f"Your order #{d(rng, 3)}-{d(rng, 7)}-{d(rng, 7)} has shipped.",
        f"2026-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}T{rng.randint(10, 23)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}.{d(rng, 3)}Z started",
        f"{rng.randint(1000000000, 1799999999)} is the epoch at start.",
        f"Total: ${rng.randint(1, 9)},{d(rng, 3)}.{d(rng, 2)} due by Friday.", f"Prix : {rng.randint(10, 999)} {d(rng, 3)},{d(rng, 2)} €",
        f"Coordinates 48.{d(rng, 6)}, 2.{d(rng, 6)}", f"lat -33.{d(rng, 5)} lon 151.{d(rng, 5)}",
        f"ISBN {isbn}", f"ISBN {isbn[:3]}-{isbn[3]}-{isbn[4:8]}-{isbn[8:12]}-{isbn[12]}",
        f"commit {''.join(rng.choice('0123456789abcdef') for _ in range(40))}",
        f"sha256: {''.join(rng.choice('0123456789abcdef') for _ in range(64))}",
        f"Room {rng.randint(100, 999)}, floor {rng.randint(1, 9)}.", f"Page {rng.randint(1, 400)} of {rng.randint(400, 900)}.",
        f"Temperature rose 1.{d(rng, 1)} degrees in {rng.randint(1990, 2025)}.",
        f"Part no. {d(rng, 4)}-{d(rng, 3)}-{d(rng, 2)} in stock.",
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--per", type=int, default=3, help="rounds: each round draws every format once")
    parser.add_argument("--show", type=int, default=60)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    engines = build_engines(ENTITIES)
    counts: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    bad = []
    for entity, ctx, lang, text, value in cases(rng, args.per):
        at = text.index(value)
        covered = set()
        for s in engines[lang].detect(text):
            covered.update(range(s.start, s.end))
        chars = set(range(at, at + len(value)))
        kind = "whole" if chars <= covered else "partly" if chars & covered else "missed"
        counts[entity][kind] += 1
        if kind != "whole":
            bad.append((entity, kind, lang, ctx, value, text))
    total = collections.Counter()
    print("| entity | n | whole | partly | missed |\n|---|---|---|---|---|")
    for entity in sorted(counts):
        c = counts[entity]
        total.update(c)
        print(f"| {entity} | {sum(c.values())} | {c['whole']} | {c['partly']} | {c['missed']} |")
    n = sum(total.values())
    print(f"| all | {n} | {total['whole']} ({100 * total['whole'] / n:.1f}%) | {total['partly']} | {total['missed']} |")
    alarms = []
    neg = [t for _ in range(args.per) for t in negatives(rng)]
    for text in neg:
        found = [s for s in engines["en"].detect(text)]
        if found:
            alarms.append((text, [(s.entity_type, text[s.start : s.end]) for s in found]))
    print(f"negatives with any detection: {len(alarms)}/{len(neg)}")
    for entity, kind, lang, ctx, value, text in bad[: args.show]:
        print(f"  {kind:6} {entity:17} {lang} {ctx:11} {value!r:45} in {text!r}")
    for text, found in alarms[: args.show]:
        print("  false alarm:", repr(text), found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
