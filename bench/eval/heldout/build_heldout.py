"""Generate the held-out PII evaluation corpus (``bench/eval/heldout/heldout.jsonl``), deterministically.

    python bench/eval/heldout/build_heldout.py            # (re)write heldout.jsonl, print its composition
    python bench/eval/heldout/build_heldout.py --check    # regenerate in memory, fail if the file differs
    python bench/eval/heldout/build_heldout.py --composition

A blind test set for generalization: the main corpus (``bench/eval/corpus.jsonl``) was visible
while the recognizers were tuned, so this one uses different sentence shapes (e-mail threads
with signatures, CRM notes, call transcripts, forms, log lines, markdown tables, bullet lists,
run-on chat, JSON/YAML snippets, clinical letters), hand-written name lists from many naming
cultures (``ho_lists.py``, no Faker), its own streets, cities and domains, and the labeling
rules of ``bench/eval/GUIDELINES.md`` (see ``README.md`` here for the few additions).

Templates live in ``tpl_en.py``, ``tpl_fr.py``, ``tpl_es.py``, ``tpl_de.py``; placeholders are
``{TYPE}``, ``{TYPE.key}`` (same key, same person within a text) and ``{TYPE.key:format}``.
Checksummed values come from ``bench/eval/values.py`` and every labeled span is re-validated
before the file is written. No dependency on Faker; the output depends only on the seed and
on Python's ``random`` module.
"""

from __future__ import annotations

import argparse
import base64
import collections
import ipaddress
import io
import json
import random
import re
import string
import sys
import textwrap
import uuid
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # bench/eval, for values.py

import phonenumbers  # noqa: E402

import ho_lists as L  # noqa: E402
import tpl_de  # noqa: E402
import tpl_en  # noqa: E402
import tpl_es  # noqa: E402
import tpl_fr  # noqa: E402
import values as V  # noqa: E402

SEED = 20_714  # held-out; unrelated to the main corpus's seed
OUT = HERE / "heldout.jsonl"
LANGUAGES = ("en", "fr", "es", "de")
TEMPLATES = {"en": tpl_en, "fr": tpl_fr, "es": tpl_es, "de": tpl_de}
# Texts per language: (with PII, without PII). English ~60 %, about 30 % of texts without PII.
PLAN = {"en": (190, 80), "fr": (44, 18), "es": (44, 18), "de": (44, 18)}
KINDS = ("email", "crm", "transcript", "form", "log", "table", "list", "chat", "clinical", "code", "doc")

UP = string.ascii_uppercase
LOW = string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits


def d(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


# ====================================================================== people

class Person:
    def __init__(self, given: str, family: str, order: str):
        self.given, self.family, self.order = given, family, order

    @property
    def call(self) -> str:  # the name used alone ("Lan" of "Nguyen Thi Lan")
        return self.given.split()[-1] if self.order == "e" and " " in self.given else self.given

    @property
    def full(self) -> str:
        return f"{self.family} {self.given}" if self.order == "e" else f"{self.given} {self.family}"

    def fmt(self, how: Optional[str]) -> str:
        if how in (None, "full"):
            return self.full
        if how == "first":
            return self.call
        if how == "last":
            return self.family
        if how == "upper":
            return self.full.upper()
        if how == "lower":
            return self.full.lower()
        if how == "firstlower":
            return self.call.lower()
        if how == "lastfirst":
            return f"{self.family}, {self.given}"
        if how == "LASTfirst":
            return f"{self.family.upper()}, {self.given}"
        if how == "LAST":
            return self.family.upper()
        if how == "initial":
            return f"{self.call[0]}. {self.family}"
        raise ValueError(how)


def _fold(text: str) -> str:
    return re.sub(r"[^a-z]", "", V.ascii_fold(text).lower())


class Gen:
    """Fills placeholders for one language; all randomness comes from one ``random.Random``."""

    def __init__(self, rng: random.Random, lang: str):
        self.rng = rng
        self.lang = lang
        weights = L.LANG_CULTURES[lang]
        self.cultures = list(weights)
        self.culture_w = [weights[c] for c in self.cultures]

    # ---- people
    def new_person(self) -> Person:
        culture = self.rng.choices(self.cultures, weights=self.culture_w)[0]
        given, family, order = L.CULTURES[culture]
        return Person(self.rng.choice(given), self.rng.choice(family), order)

    def person(self, key: Optional[str], ctx: dict) -> Person:
        if key is None:
            return self.new_person()
        if ("p", key) not in ctx:
            ctx[("p", key)] = self.new_person()
        return ctx[("p", key)]

    def email(self, p: Person, how: Optional[str] = None) -> str:
        rng = self.rng
        g, f = _fold(p.call), _fold(p.family)
        local = rng.choice([f"{g}.{f}", f"{g[0]}{f}", f"{g}_{f}", f"{f}.{g}", f"{g}{rng.randint(2, 98)}",
                            f"{g}.{f}{rng.randint(1, 9)}", f"{g[0]}.{f}", f"{g}+{rng.choice(['billing', 'shop', 'news'])}"])
        value = f"{local}@{rng.choice(L.MAIL_DOMAINS[self.lang])}"
        return value.upper() if how == "upper" else value

    def role_email(self) -> str:
        return f"{self.rng.choice(L.ROLE_MAILBOXES[self.lang])}@{self.rng.choice(L.WEB_DOMAINS[self.lang])}"

    # ---- places
    def city(self, how: Optional[str] = None) -> str:
        rng = self.rng
        if self.lang == "en":
            pool = rng.choice([[c for c, _, _ in L.US_CITIES], [c for c, _ in L.UK_CITIES], L.WORLD_CITIES_EN])
            value = rng.choice(pool)
        else:
            value = rng.choice({"fr": L.FR_CITIES, "es": L.ES_CITIES, "de": L.DE_CITIES}[self.lang])[0]
        return value.lower() if how == "lower" else value

    def country(self) -> str:
        return self.rng.choice({"en": L.COUNTRIES_EN, "fr": L.COUNTRIES_FR, "es": L.COUNTRIES_ES, "de": L.COUNTRIES_DE}[self.lang])

    def street(self, region: Optional[str] = None) -> str:
        rng = self.rng
        region = region or {"en": rng.choice(["us", "us", "uk"]), "fr": "fr", "es": "es", "de": "de"}[self.lang]
        if region == "us":
            line = f"{rng.randint(12, 24999)} {rng.choice(L.US_STREETS)}"
            if rng.random() < 0.3:
                line += rng.choice([f", Apt {rng.randint(1, 30)}{rng.choice('ABCD')}", f" #{rng.randint(100, 999)}",
                                    f", Ste {rng.randint(100, 450)}", f", Unit {rng.randint(1, 60)}"])
            return line
        if region == "uk":
            line = f"{rng.randint(1, 180)} {rng.choice(L.UK_STREETS)}"
            if rng.random() < 0.25:
                line = f"Flat {rng.randint(1, 12)}, " + line
            return line
        if region == "fr":
            return f"{rng.randint(1, 160)}{rng.choice(['', '', '', ' bis', ' ter'])} {rng.choice(L.FR_STREETS)}"
        if region == "es":
            line = f"{rng.choice(L.ES_STREETS)}, {rng.randint(1, 140)}" if rng.random() < 0.4 else f"{rng.choice(L.ES_STREETS)} {rng.randint(1, 140)}"
            if rng.random() < 0.5:
                line += rng.choice([f", {rng.randint(1, 9)}º {rng.choice(['A', 'B', 'C', 'izda.', 'dcha.'])}", ", bajo", f", {rng.randint(1, 6)}.º {rng.choice('ABCD')}"])
            return line
        return f"{rng.choice(L.DE_STREETS)} {rng.randint(1, 120)}{rng.choice(['', '', '', 'a', 'b', 'c'])}"

    def address(self, region: Optional[str] = None) -> str:
        rng = self.rng
        region = region or {"en": rng.choice(["us", "us", "uk"]), "fr": "fr", "es": "es", "de": "de"}[self.lang]
        if region == "us":
            city, state, zip3 = rng.choice(L.US_CITIES)
            z = f"{zip3}{d(rng, 2)}" + (f"-{d(rng, 4)}" if rng.random() < 0.3 else "")
            return f"{self.street('us')}, {city}, {state} {z}"
        if region == "uk":
            town, area = rng.choice(L.UK_CITIES)
            pc = f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            return f"{self.street('uk')}, {town} {pc}"
        city, code = rng.choice({"fr": L.FR_CITIES, "es": L.ES_CITIES, "de": L.DE_CITIES}[region])
        return f"{self.street(region)}, {code} {city}"

    # ---- phones (valid numbers per libphonenumber's metadata for the region)
    def phone(self, region: Optional[str] = None) -> str:
        rng = self.rng
        region = region or {"en": rng.choice(["us", "us", "us", "uk", "uk"]), "fr": "fr", "es": "es", "de": "de"}[self.lang]
        for _ in range(200):
            value = getattr(self, f"_phone_{region}")()
            num = phonenumbers.parse(value, region.upper() if region != "uk" else "GB")
            if phonenumbers.is_valid_number(num):
                return value
        raise RuntimeError(f"no valid {region} phone")

    def _phone_us(self) -> str:
        rng = self.rng
        area = rng.choice(["201", "205", "210", "214", "225", "240", "248", "267", "281", "305", "313", "317", "334",
                           "347", "402", "405", "414", "469", "480", "502", "504", "520", "571", "601", "614", "650",
                           "702", "713", "720", "757", "773", "801", "804", "832", "901", "917", "919", "971"])
        ex = f"{rng.randint(2, 9)}{d(rng, 2)}"
        line = d(rng, 4)
        return rng.choice([f"({area}) {ex}-{line}", f"{area}-{ex}-{line}", f"{area}.{ex}.{line}", f"+1 {area} {ex} {line}",
                           f"+1-{area}-{ex}-{line}", f"+1{area}{ex}{line}", f"1-{area}-{ex}-{line}", f"+1 ({area}) {ex}-{line}"])

    def _phone_uk(self) -> str:
        rng = self.rng
        kind = rng.choice(["london", "geo", "mobile", "mobile"])
        if kind == "london":
            a, b = f"{rng.choice('378')}{d(rng, 3)}", d(rng, 4)
            return rng.choice([f"020 {a} {b}", f"+44 20 {a} {b}", f"+44 (0)20 {a} {b}", f"+4420{a}{b}"])
        if kind == "geo":
            code = rng.choice(["113", "114", "115", "116", "117", "118", "121", "131", "141", "151", "161", "191"])
            a, b = f"{rng.randint(2, 9)}{d(rng, 2)}", d(rng, 4)
            return rng.choice([f"0{code} {a} {b}", f"+44 {code} {a} {b}", f"0{code} {a}{b}"])
        m = f"7{rng.choice('4579')}{d(rng, 2)}"
        rest = d(rng, 6)
        return rng.choice([f"0{m} {rest}", f"+44 {m} {rest}", f"+44{m}{rest}", f"0{m} {rest[:3]} {rest[3:]}", f"+44 (0){m} {rest}"])

    def _phone_fr(self) -> str:
        rng = self.rng
        first = rng.choice("1234567679")
        pairs = [d(rng, 2) for _ in range(4)]
        return rng.choice([f"0{first} {' '.join(pairs)}", f"0{first}.{'.'.join(pairs)}", f"0{first}{''.join(pairs)}",
                           f"+33 {first} {' '.join(pairs)}", f"+33 (0){first} {' '.join(pairs)}", f"+33{first}{''.join(pairs)}",
                           f"0{first}-{'-'.join(pairs)}"])

    def _phone_es(self) -> str:
        rng = self.rng
        if rng.random() < 0.6:
            m = f"{rng.choice('67')}{d(rng, 2)}"
            return rng.choice([f"{m} {d(rng, 3)} {d(rng, 3)}", f"{m} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}", f"+34 {m} {d(rng, 3)} {d(rng, 3)}",
                               f"+34{m}{d(rng, 6)}", f"{m}{d(rng, 6)}", f"(+34) {m} {d(rng, 3)} {d(rng, 3)}"])
        code = rng.choice(["91", "93", "96", "95", "94", "98"])
        return rng.choice([f"{code} {rng.randint(2, 8)}{d(rng, 2)} {d(rng, 2)} {d(rng, 2)}", f"+34 {code} {rng.randint(2, 8)}{d(rng, 2)} {d(rng, 2)} {d(rng, 2)}",
                           f"{code}{rng.randint(2, 8)}{d(rng, 6)}"])

    def _phone_de(self) -> str:
        rng = self.rng
        kind = rng.choice(["city", "city", "mobile"])
        if kind == "city":
            code = rng.choice(["30", "40", "89", "221", "69", "711", "431", "351", "341", "511", "911", "6221", "761"])
            sub = f"{rng.randint(2, 9)}{d(rng, rng.choice([5, 6, 7]) if len(code) < 4 else rng.choice([4, 5]))}"
            return rng.choice([f"0{code} {sub}", f"0{code}/{sub}", f"0{code}-{sub}", f"+49 {code} {sub}", f"+49 (0){code} {sub}", f"+49{code}{sub}"])
        pre = rng.choice(["151", "152", "157", "160", "162", "170", "171", "172", "175", "176", "177", "179"])
        sub = d(rng, 8 if pre.startswith("15") else 7)
        return rng.choice([f"0{pre} {sub}", f"+49 {pre} {sub}", f"0{pre}/{sub}", f"+49{pre}{sub}", f"0{pre} {sub[:3]} {sub[3:]}"])

    # ---- dates
    MONTHS = {
        "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    }

    def date(self, birth: bool, how: Optional[str] = None) -> str:
        rng = self.rng
        y = rng.randint(1941, 2006) if birth else rng.randint(2023, 2026)
        m, dd = rng.randint(1, 12), rng.randint(1, 28)
        name = self.MONTHS[self.lang][m - 1]
        if how == "iso":
            return f"{y}-{m:02d}-{dd:02d}"
        if self.lang == "en":
            suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(dd, "th")
            return rng.choice([f"{y}-{m:02d}-{dd:02d}", f"{m:02d}/{dd:02d}/{y}", f"{m}/{dd}/{y}", f"{dd:02d}-{name[:3]}-{y}",
                               f"{name[:3]} {dd}, {y}", f"{name} {dd}{suffix}, {y}", f"{dd} {name} {y}", f"{dd:02d}/{m:02d}/{y}"])
        if self.lang == "fr":
            return rng.choice([f"{dd:02d}/{m:02d}/{y}", f"{dd} {name} {y}", f"{'1er' if dd == 1 else dd} {name} {y}", f"{dd:02d}-{m:02d}-{y}", f"{y}-{m:02d}-{dd:02d}"])
        if self.lang == "es":
            return rng.choice([f"{dd:02d}/{m:02d}/{y}", f"{dd} de {name} de {y}", f"{dd:02d}-{m:02d}-{y}", f"{dd}/{m}/{y}"])
        return rng.choice([f"{dd:02d}.{m:02d}.{y}", f"{dd}. {name} {y}", f"{dd}.{m}.{y}", f"{y}-{m:02d}-{dd:02d}"])

    def timestamp(self) -> str:
        rng = self.rng
        return f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{d(rng, 3)}Z"

    def time(self) -> str:
        rng = self.rng
        h, m = rng.randint(7, 20), rng.choice([0, 10, 15, 30, 45, 50])
        if self.lang == "en":
            return rng.choice([f"{h:02d}:{m:02d}", f"{(h - 1) % 12 + 1}:{m:02d}{'am' if h < 12 else 'pm'}", f"{(h - 1) % 12 + 1} {'AM' if h < 12 else 'PM'}"])
        if self.lang == "fr":
            return rng.choice([f"{h}h{m:02d}", f"{h}h", f"{h:02d}:{m:02d}"])
        return f"{h:02d}:{m:02d}" + (" Uhr" if self.lang == "de" and rng.random() < 0.5 else "")

    def amount(self) -> str:
        rng = self.rng
        whole, cents = rng.choice([rng.randint(3, 95), rng.randint(120, 48000)]), rng.randint(0, 99)
        if self.lang == "en":
            return rng.choice([f"${whole:,}.{cents:02d}", f"£{whole:,}.{cents:02d}", f"USD {whole:,}.{cents:02d}", f"{whole:,}.{cents:02d} EUR", f"${whole:,}"])
        grouped = f"{whole:,}".replace(",", "." if self.lang != "fr" else " ")
        return rng.choice([f"{grouped},{cents:02d} €", f"{whole} €", f"EUR {grouped},{cents:02d}", f"{grouped},{cents:02d} EUR"])

    # ---- money and ids
    def card(self) -> str:
        rng = self.rng
        brand = rng.choices(["visa", "mc5", "mc2", "amex"], weights=[4, 3, 3, 2])[0]
        if brand == "visa":
            payload = "4" + d(rng, 14)
        elif brand == "mc5":
            payload = f"5{rng.randint(1, 5)}" + d(rng, 13)
        elif brand == "mc2":
            payload = str(rng.randint(2221, 2720)) + d(rng, 11)
        else:
            payload = rng.choice(["34", "37"]) + d(rng, 12)
        n = payload + V.luhn_check_digit(payload)
        sep = rng.choice([" ", " ", "-", ""])
        groups = [n[:4], n[4:10], n[10:]] if len(n) == 15 else [n[i:i + 4] for i in range(0, 16, 4)]
        return sep.join(groups)

    def iban(self) -> str:
        rng = self.rng
        if self.lang == "en":
            country = rng.choice(["GB", "GB", "GB", "DE", "FR", "ES", "NL", "BE", "AT", "CH"])
        else:
            country = rng.choice({"fr": ["FR"] * 5 + ["BE", "CH"], "es": ["ES"] * 5 + ["FR", "NL"], "de": ["DE"] * 5 + ["AT", "CH"]}[self.lang])
        if country in ("GB", "DE", "FR", "ES"):
            value = V.iban(rng, country).replace(" ", "")
        else:
            value = _iban_other(rng, country)
        assert V.iban_valid(value)
        return " ".join(value[i:i + 4] for i in range(0, len(value), 4)) if rng.random() < 0.6 else value

    def ipv4(self) -> str:
        rng = self.rng
        kind = rng.choice(["public", "public", "public", "doc", "10", "172", "192", "cgnat"])
        if kind == "doc":
            return f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(1, 254)}"
        if kind == "10":
            return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        if kind == "172":
            return f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        if kind == "192":
            return f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        if kind == "cgnat":
            return f"100.{rng.randint(64, 127)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        while True:
            ip = ipaddress.IPv4Address(f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}")
            if ip.is_global:
                return str(ip)

    def ipv6(self) -> str:
        rng = self.rng
        kind = rng.choice(["global", "global", "doc", "link", "full", "ula"])
        if kind == "doc":
            groups = [0x2001, 0xDB8, rng.randint(0, 0xFFFF)] + [0] * 4 + [rng.randint(1, 0xFFFF)]
        elif kind == "link":
            groups = [0xFE80, 0, 0, 0] + [rng.randint(0, 0xFFFF) for _ in range(4)]
        elif kind == "ula":
            groups = [0xFD00 | rng.randint(0, 0xFF)] + [rng.randint(0, 0xFFFF) for _ in range(3)] + [0, 0, 0, rng.randint(1, 0xFF)]
        else:
            groups = [rng.choice([0x2A02, 0x2600, 0x2A01, 0x2001, 0x2C0F, 0x2406])] + [rng.randint(0, 0xFFFF) for _ in range(7)]
        addr = ipaddress.IPv6Address(":".join(f"{g:x}" for g in groups))
        return addr.exploded if kind == "full" else addr.compressed

    def url(self, how: Optional[str], ctx: dict) -> str:
        rng = self.rng
        dom = rng.choice(L.WEB_DOMAINS[self.lang])
        p = self.new_person()
        slug = f"{_fold(p.call)}-{_fold(p.family)}"
        if how == "profile":
            return rng.choice([f"https://www.linkedin.com/in/{slug}-{d(rng, 3)}/", f"https://github.com/{_fold(p.call)}{_fold(p.family)[:3]}",
                               f"https://{_fold(p.call)}{_fold(p.family)}.com/about"])
        return rng.choice([
            f"https://calendar.{dom}/book/{slug}",
            f"https://{dom}/invoices/{uuid.UUID(int=rng.getrandbits(128)).hex[:12]}",
            f"https://www.{dom}/careers/",
            f"http://{dom}/track?id={d(rng, 8)}&lang={self.lang}",
            f"https://meet.{dom}/{''.join(rng.choice(LOW) for _ in range(3))}-{''.join(rng.choice(LOW) for _ in range(4))}",
            f"https://drive.{dom}/file/d/{''.join(rng.choice(ALNUM) for _ in range(18))}/view",
            f"www.{dom}/{'kontakt' if self.lang == 'de' else 'contact'}",
            f"https://{dom}:8443/admin/login",
            f"https://{dom}/#/settings/profile",
            f"https://portal.{dom}/reset?token=expired",
        ])

    def password(self) -> str:
        rng = self.rng
        style = rng.choice(["season", "word", "random", "phrase", "leet"])
        if style == "season":
            return f"{rng.choice(L.SEASONS)}{rng.randint(2019, 2026)}{rng.choice('!#$*?')}"
        if style == "word":
            return rng.choice(L.PASSWORD_WORDS).capitalize() + d(rng, rng.randint(2, 4)) + rng.choice("!@#%&*+")
        if style == "phrase":
            return ".".join(rng.sample(L.PASSWORD_WORDS, 3)) + str(rng.randint(1, 99))
        if style == "leet":
            w = rng.choice(L.PASSWORD_WORDS)
            return w.translate(str.maketrans({"a": "@", "o": "0", "s": "$", "e": "3"})) + rng.choice(UP) + d(rng, 2)
        pool = ALNUM + "!#%&*+-=?^_"
        return "".join(rng.choice(pool) for _ in range(rng.randint(11, 16)))

    def api_key(self) -> str:
        rng = self.rng
        kind = rng.choice(["sk", "stripe", "google", "hf", "hex", "jwt"])
        if kind == "sk":
            return "sk-proj-" + "".join(rng.choice(ALNUM) for _ in range(48))
        if kind == "stripe":
            return "sk_live_" + "".join(rng.choice(ALNUM) for _ in range(24))
        if kind == "google":
            return "AIza" + "".join(rng.choice(ALNUM + "_-") for _ in range(35))
        if kind == "hf":
            return "hf_" + "".join(rng.choice(string.ascii_letters) for _ in range(34))
        if kind == "hex":
            return "".join(rng.choice("0123456789abcdef") for _ in range(32))
        b64 = lambda b: base64.urlsafe_b64encode(b).decode().rstrip("=")  # noqa: E731
        head = b64(b'{"alg":"HS256","typ":"JWT"}')
        body = b64(json.dumps({"sub": f"u_{d(rng, 6)}", "iat": rng.randint(1_700_000_000, 1_760_000_000)}).encode())
        sig = b64(bytes(rng.getrandbits(8) for _ in range(32)))
        return f"{head}.{body}.{sig}"

    def github_token(self) -> str:
        if self.rng.random() < 0.25:
            rng = self.rng
            return "github_pat_" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(22)) + "_" + "".join(rng.choice(ALNUM) for _ in range(59))
        return V.github_token(self.rng)

    def private_key(self) -> str:
        rng = self.rng
        if rng.random() < 0.25:
            blob = base64.b64encode(b"\x30\x77\x02\x01\x01\x04\x20" + bytes(rng.getrandbits(8) for _ in range(110))).decode()
            lines = [blob[i:i + 64] for i in range(0, len(blob), 64)]
            return "-----BEGIN EC PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END EC PRIVATE KEY-----"
        return V.private_key(rng)

    def mrn(self) -> str:
        rng = self.rng
        style = rng.choice(["pad8", "dash43", "dash25", "plain7", "plain8"])
        if style == "pad8":
            return "00" + d(rng, 6)
        if style == "dash43":
            return f"{rng.randint(1000, 9999)}-{d(rng, 3)}"
        if style == "dash25":
            return f"{rng.randint(10, 99)}-{d(rng, 5)}"
        if style == "plain7":
            return str(rng.randint(1, 9)) + d(rng, 6)
        return str(rng.randint(1, 9)) + d(rng, 7)

    def patient_id(self) -> str:
        rng = self.rng
        return rng.choice([f"PT-{rng.randint(100000, 999999)}", f"PID-{rng.randint(10000, 99999)}", f"P{d(rng, 7)}", f"PT-{rng.randint(100000, 999999)}"])

    # ---- look-alikes (never labeled)
    def order(self) -> str:
        rng = self.rng
        return rng.choice([f"SO-{d(rng, 6)}", f"45{d(rng, 8)}", f"ORD{rng.randint(2023, 2026)}{d(rng, 5)}", f"#{d(rng, 4)}-{d(rng, 4)}",
                           f"{rng.randint(100, 999)}-{d(rng, 7)}", f"WEB-{d(rng, 3)}-{d(rng, 3)}-{d(rng, 4)}"])

    def invoice(self) -> str:
        rng = self.rng
        return rng.choice([f"{rng.randint(2023, 2026)}-INV-{d(rng, 5)}", f"FA{rng.randint(2023, 2026)}-{d(rng, 4)}",
                           f"{rng.randint(2023, 2026)}/{d(rng, 4)}", f"INV{d(rng, 8)}", f"R{d(rng, 9)}"])

    def winver(self) -> str:
        rng = self.rng
        return rng.choice([f"10.0.{rng.choice(['19045', '22631', '26100', '17763'])}.{rng.randint(1, 5000)}",
                           f"{rng.randint(1, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 250)}.{rng.randint(1, 250)}",
                           f"{rng.randint(20, 31)}.{rng.randint(0, 9)}.{rng.randint(100, 255)}.{rng.randint(1, 255)}",
                           f"{rng.randint(1, 9)}.{rng.randint(0, 4)}.{rng.randint(0, 99)}.{rng.randint(0, 99)}"])

    def version(self) -> str:
        rng = self.rng
        return rng.choice([f"v{rng.randint(1, 6)}.{rng.randint(0, 40)}.{rng.randint(0, 15)}", f"{rng.randint(1, 9)}.{rng.randint(0, 20)}",
                           f"{rng.randint(0, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}-beta.{rng.randint(1, 5)}", f"{rng.randint(2023, 2026)}.{rng.randint(1, 4)}"])

    def ticket(self) -> str:
        rng = self.rng
        return rng.choice([f"OPS-{rng.randint(100, 9999)}", f"SR-{d(rng, 8)}", f"CASE-{d(rng, 6)}", f"#{rng.randint(20000, 99999)}", f"HD{d(rng, 7)}"])

    def epoch(self) -> str:
        return str(self.rng.randint(1_690_000_000, 1_790_000_000))


def _iban_other(rng: random.Random, country: str) -> str:
    """IBANs outside the four the guidelines list (NL, BE with its national key, AT, CH)."""
    if country == "NL":
        bban = "".join(rng.choice(UP) for _ in range(4)) + d(rng, 10)
    elif country == "BE":
        ten = d(rng, 10)
        key = int(ten) % 97 or 97
        bban = f"{ten}{key:02d}"
    elif country == "AT":
        bban = d(rng, 16)
    elif country == "CH":
        bban = d(rng, 5) + d(rng, 12)
    else:
        raise ValueError(country)
    check = 98 - V._iban_numeric(bban + country + "00") % 97
    return f"{country}{check:02d}{bban}"


def bad_iban(rng: random.Random, gen: Gen) -> str:
    """An IBAN-shaped string whose check digits are wrong (a look-alike, not an IBAN)."""
    good = gen.iban().replace(" ", "")
    check = int(good[2:4])
    wrong = (check + rng.randint(1, 40)) % 97 or 3
    value = f"{good[:2]}{wrong:02d}{good[4:]}"
    if V.iban_valid(value):
        value = f"{good[:2]}{(wrong + 1) % 97:02d}{good[4:]}"
    assert not V.iban_valid(value)
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


# What each placeholder produces and the entity it is labeled as (None: not PII).
# Each maker is called as make(gen, key, fmt, ctx).
Maker = Callable[[Gen, Optional[str], Optional[str], dict], str]


def _placeholders() -> Dict[str, Tuple[Optional[str], Maker]]:
    return {
        "P": ("PERSON", lambda g, k, f, c: g.person(k, c).fmt(f)),
        "EMAIL": ("EMAIL_ADDRESS", lambda g, k, f, c: g.email(g.person(k, c), f)),
        "ROLEMAIL": ("EMAIL_ADDRESS", lambda g, k, f, c: g.role_email()),
        "PHONE": ("PHONE_NUMBER", lambda g, k, f, c: g.phone(f)),
        "CARD": ("CREDIT_CARD", lambda g, k, f, c: g.card()),
        "SSN": ("US_SSN", lambda g, k, f, c: V.us_ssn(g.rng)),
        "ITIN": ("US_ITIN", lambda g, k, f, c: V.us_itin(g.rng)),
        "PASSPORT": ("US_PASSPORT", lambda g, k, f, c: V.us_passport(g.rng)),
        "DL": ("US_DRIVER_LICENSE", lambda g, k, f, c: V.us_driver_license(g.rng)),
        "BANKACCT": ("US_BANK_NUMBER", lambda g, k, f, c: V.us_bank_number(g.rng)),
        "IBAN": ("IBAN_CODE", lambda g, k, f, c: g.iban()),
        "IPV4": ("IP_ADDRESS", lambda g, k, f, c: g.ipv4()),
        "IPV6": ("IP_ADDRESS", lambda g, k, f, c: g.ipv6()),
        "MAC": ("MAC_ADDRESS", lambda g, k, f, c: V.mac_address(g.rng)),
        "URL": ("URL", lambda g, k, f, c: g.url(f, c)),
        "BTC": ("CRYPTO", lambda g, k, f, c: V.btc_address(g.rng)),
        "CITY": ("LOCATION", lambda g, k, f, c: g.city(f)),
        "COUNTRY": ("LOCATION", lambda g, k, f, c: g.country()),
        "STREET": ("STREET_ADDRESS", lambda g, k, f, c: g.street(f)),
        "ADDRESS": ("STREET_ADDRESS", lambda g, k, f, c: g.address(f)),
        "DOB": ("DATE_OF_BIRTH", lambda g, k, f, c: g.date(True, f)),
        "MRN": ("MEDICAL_RECORD_NUMBER", lambda g, k, f, c: g.mrn()),
        "PATID": ("PATIENT_ID", lambda g, k, f, c: g.patient_id()),
        "DEA": ("MEDICAL_LICENSE", lambda g, k, f, c: V.dea_number(g.rng, g.person(k, c).family)),
        "AWSKEY": ("AWS_ACCESS_KEY_ID", lambda g, k, f, c: V.aws_access_key_id(g.rng)),
        "GHTOKEN": ("GITHUB_TOKEN", lambda g, k, f, c: g.github_token()),
        "SLACKTOKEN": ("SLACK_TOKEN", lambda g, k, f, c: V.slack_token(g.rng)),
        "PRIVKEY": ("PRIVATE_KEY", lambda g, k, f, c: g.private_key()),
        "PASSWORD": ("PASSWORD", lambda g, k, f, c: g.password()),
        "APIKEY": ("API_KEY", lambda g, k, f, c: g.api_key()),
        "NIF": ("ES_NIF", lambda g, k, f, c: V.es_nif(g.rng)),
        "NIR": ("FR_NIR", lambda g, k, f, c: V.fr_nir(g.rng)),
        # Look-alikes and context, never labeled.
        "ORDER": (None, lambda g, k, f, c: g.order()),
        "INVOICE": (None, lambda g, k, f, c: g.invoice()),
        "AMOUNT": (None, lambda g, k, f, c: g.amount()),
        "DATE": (None, lambda g, k, f, c: g.date(False, f)),
        "TS": (None, lambda g, k, f, c: g.timestamp()),
        "TIME": (None, lambda g, k, f, c: g.time()),
        "VERSION": (None, lambda g, k, f, c: g.version()),
        "WINVER": (None, lambda g, k, f, c: g.winver()),
        "BADCARD": (None, lambda g, k, f, c: V.luhn_invalid_16(g.rng)),
        "BADSSN": (None, lambda g, k, f, c: V.invalid_ssn(g.rng)),
        "BADIBAN": (None, lambda g, k, f, c: bad_iban(g.rng, g)),
        "TICKET": (None, lambda g, k, f, c: g.ticket()),
        "SHA": (None, lambda g, k, f, c: V.hex_hash(g.rng, 40 if f != "short" else 7)),
        "UUID": (None, lambda g, k, f, c: str(uuid.UUID(int=g.rng.getrandbits(128), version=4))),
        "EPOCH": (None, lambda g, k, f, c: g.epoch()),
        "COMPANY": (None, lambda g, k, f, c: g.rng.choice(L.COMPANIES[g.lang])),
        "PRODUCT": (None, lambda g, k, f, c: g.rng.choice(L.PRODUCTS)),
        "QTY": (None, lambda g, k, f, c: str(g.rng.choice([2, 3, 4, 6, 8, 12, 24, 48, 150, 500]))),
        "NUM": (None, lambda g, k, f, c: str(g.rng.randint(100, 99999))),
        "PCT": (None, lambda g, k, f, c: f"{g.rng.randint(1, 40)}.{g.rng.randint(0, 9)}%"),
        "MS": (None, lambda g, k, f, c: str(g.rng.randint(12, 9800))),
        "EXT": (None, lambda g, k, f, c: str(g.rng.randint(200, 8999))),
    }


PLACEHOLDERS = _placeholders()
TOKEN = re.compile(r"\{([A-Z][A-Z0-9]*)(?:\.(\w+))?(?::(\w+))?\}")
Span = Dict[str, object]


def render(template: str, gen: Gen) -> Tuple[str, List[Span]]:
    """Fill ``template``; return the text and the spans of the labeled values."""
    ctx: dict = {}
    template = textwrap.dedent(template).strip("\n")
    out = io.StringIO()
    spans: List[Span] = []
    pos = 0
    for m in TOKEN.finditer(template):
        out.write(template[pos:m.start()])
        label, make = PLACEHOLDERS[m.group(1)]
        value = make(gen, m.group(2), m.group(3), ctx)
        start = out.tell()
        out.write(value)
        if label:
            spans.append({"start": start, "end": start + len(value), "entity_type": label})
        pos = m.end()
    out.write(template[pos:])
    return out.getvalue(), spans


def generate() -> List[dict]:
    records: List[dict] = []
    seen = set()
    for li, lang in enumerate(LANGUAGES):
        mod = TEMPLATES[lang]
        for part, (pool, wanted) in enumerate(((mod.PII, PLAN[lang][0]), (mod.NEG, PLAN[lang][1]))):
            rng = random.Random(SEED * 100 + li * 10 + part)
            gen = Gen(rng, lang)
            order: List[Tuple[str, str]] = []
            made = attempts = 0
            while made < wanted:
                attempts += 1
                if attempts > wanted * 30:
                    raise RuntimeError(f"cannot make {wanted} distinct {lang} texts")
                if not order:
                    order = rng.sample(pool, len(pool))
                kind, template = order.pop()
                text, spans = render(template, gen)
                if text in seen:
                    continue
                seen.add(text)
                made += 1
                records.append({"language": lang, "kind": kind, "text": text,
                                "spans": sorted(spans, key=lambda s: (s["start"], s["end"]))})
    # ids: per language and kind, in generation order
    counter: Dict[Tuple[str, str], int] = collections.Counter()
    out = []
    for r in records:
        counter[(r["language"], r["kind"])] += 1
        out.append({"id": f"ho-{r['language']}-{r['kind']}-{counter[(r['language'], r['kind'])]:03d}", **r})
    return out


EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.(com|org|io|me|edu|co\.uk|fr|de|es|net)$", re.I)
PHONE_REGION = {"en": ("US", "GB"), "fr": ("FR",), "es": ("ES",), "de": ("DE",)}


def check_records(records: List[dict]) -> None:
    """Fail loudly on any span that is not what the guidelines promise."""
    ids = set()
    for r in records:
        assert r["id"] not in ids, r["id"]
        ids.add(r["id"])
        assert r["kind"] in KINDS, r["id"]
        text = r["text"]
        last_end = -1
        for s in r["spans"]:
            value = text[s["start"]:s["end"]]
            assert value and value == value.strip(), (r["id"], s)
            assert s["start"] >= last_end, f"overlapping spans in {r['id']}"
            last_end = s["end"]
            assert V.validate(s["entity_type"], value) is not False, f"{r['id']}: invalid {s['entity_type']} {value!r}"
            if s["entity_type"] == "EMAIL_ADDRESS":
                assert EMAIL_RE.match(value), (r["id"], value)
            if s["entity_type"] == "PHONE_NUMBER":
                assert any(phonenumbers.is_valid_number(phonenumbers.parse(value, reg)) for reg in PHONE_REGION[r["language"]]), (r["id"], value)
            if s["entity_type"] == "MEDICAL_LICENSE":
                assert V.dea_valid(value)
            if s["entity_type"] == "AWS_ACCESS_KEY_ID":
                assert re.fullmatch(r"AKIA[A-Z2-7]{16}", value)
            # a span is never glued to a word character on either side
            before = text[s["start"] - 1] if s["start"] else " "
            after = text[s["end"]] if s["end"] < len(text) else " "
            assert not (before.isalnum() or after.isalnum()), (r["id"], value, before, after)


def dumps(records: List[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def composition(records: List[dict]) -> str:
    langs = LANGUAGES
    lines = ["| kind | " + " | ".join(langs) + " | total | of which without PII |", "|---|" + "---:|" * (len(langs) + 2)]
    by = collections.Counter((r["kind"], r["language"]) for r in records)
    neg = collections.Counter(r["kind"] for r in records if not r["spans"])
    for kind in KINDS:
        row = [by[(kind, lang)] for lang in langs]
        if sum(row):
            lines.append(f"| {kind} | " + " | ".join(map(str, row)) + f" | {sum(row)} | {neg[kind]} |")
    totals = [sum(by[(k, lang)] for k in KINDS) for lang in langs]
    lines.append("| **all** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} | {sum(neg.values())} |")
    no_pii = collections.Counter(r["language"] for r in records if not r["spans"])
    lines.append("| texts without PII | " + " | ".join(str(no_pii[lang]) for lang in langs) + f" | {sum(no_pii.values())} | |")
    lines.append("")
    ents = collections.Counter((s["entity_type"], r["language"]) for r in records for s in r["spans"])
    types = sorted({e for e, _ in ents}, key=lambda e: (-sum(ents[(e, lang)] for lang in langs), e))
    lines += ["| entity | " + " | ".join(langs) + " | total |", "|---|" + "---:|" * (len(langs) + 1)]
    for e in types:
        row = [ents[(e, lang)] for lang in langs]
        lines.append(f"| {e} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    row = [sum(ents[(e, lang)] for e in types) for lang in langs]
    lines.append("| **all spans** | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    return "\n".join(lines)


def name_stats() -> str:
    given = sorted({g for gs, _, _ in L.CULTURES.values() for g in gs})
    family = sorted({f for _, fs, _ in L.CULTURES.values() for f in fs})
    return f"{len(given)} given names and {len(family)} family names from {len(L.CULTURES)} naming cultures"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if the file on disk differs from a fresh build")
    parser.add_argument("--composition", action="store_true", help="print the composition tables only")
    args = parser.parse_args(argv)
    records = generate()
    check_records(records)
    data = dumps(records)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != data:
            print(f"{args.out} differs from a fresh build", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date ({len(records)} texts)")
        return 0
    if not args.composition:
        args.out.write_text(data, encoding="utf-8")
        print(f"wrote {len(records)} texts to {args.out}")
    print(name_stats())
    print(composition(records))
    return 0


if __name__ == "__main__":
    sys.exit(main())
