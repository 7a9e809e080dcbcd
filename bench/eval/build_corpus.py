"""Generate the labeled PII evaluation corpus (``bench/eval/corpus.jsonl``), deterministically.

    python bench/eval/build_corpus.py            # (re)write corpus.jsonl, print its composition
    python bench/eval/build_corpus.py --check    # regenerate in memory, fail if the file differs
    python bench/eval/build_corpus.py --composition   # only print the composition tables

Texts come from hand-written templates (``templates_{en,fr,es,de}.py``) whose
placeholders are filled with synthetic values (``values.py``; names and street
names from Faker). Every placeholder knows the entity type it is labeled as,
so spans are exact by construction, and every value that has a validator
(Luhn, mod-97, SSA rules, Base58Check/Bech32, DEA, DNI letter, NIR key) is
checked before the file is written. See ``GUIDELINES.md`` for the rules.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import random
import re
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from faker import Faker  # noqa: E402

import templates_de  # noqa: E402
import templates_en  # noqa: E402
import templates_es  # noqa: E402
import templates_fr  # noqa: E402
import values as V  # noqa: E402

SEED = 4  # issue 4
CORPUS = HERE / "corpus.jsonl"
LANGUAGES = ("en", "fr", "es", "de")
KINDS = ("chat", "ticket", "clinical", "rag", "question", "tricky")

# Texts per language and kind. English is ~60% of the corpus.
PLAN: Dict[str, Dict[str, int]] = {
    "en": {"chat": 100, "ticket": 105, "clinical": 70, "rag": 60, "question": 48, "tricky": 72},
    "fr": {"chat": 26, "ticket": 22, "clinical": 15, "rag": 14, "question": 12, "tricky": 14},
    "es": {"chat": 26, "ticket": 22, "clinical": 15, "rag": 14, "question": 12, "tricky": 14},
    "de": {"chat": 26, "ticket": 22, "clinical": 15, "rag": 14, "question": 12, "tricky": 14},
}
RAG_WORDS = (80, 200)

TEMPLATES = {"en": templates_en, "fr": templates_fr, "es": templates_es, "de": templates_de}
KIND_ATTR = {"chat": "CHAT", "ticket": "TICKET", "clinical": "CLINICAL", "question": "QUESTION", "tricky": "TRICKY"}

# ----------------------------------------------------------------- locale data

FAKER_LOCALES = {
    "en": [("en_US", 6), ("en_GB", 3), ("en_IN", 1), ("es_MX", 1), ("de_DE", 1), ("fr_FR", 1)],
    "fr": [("fr_FR", 1)],
    "es": [("es_ES", 1)],
    "de": [("de_DE", 1)],
}

US_CITIES = [
    ("Mountain View", "CA"), ("Austin", "TX"), ("Chicago", "IL"), ("Boston", "MA"), ("Seattle", "WA"),
    ("Denver", "CO"), ("Atlanta", "GA"), ("Phoenix", "AZ"), ("Portland", "OR"), ("San Diego", "CA"),
    ("Miami", "FL"), ("Houston", "TX"), ("Philadelphia", "PA"), ("Nashville", "TN"), ("Minneapolis", "MN"),
    ("Pittsburgh", "PA"), ("Sacramento", "CA"), ("Cleveland", "OH"), ("Raleigh", "NC"), ("Salt Lake City", "UT"),
]
UK_CITIES = ["London", "Manchester", "Leeds", "Bristol", "Glasgow", "Edinburgh", "Cardiff", "Liverpool", "Sheffield", "Nottingham", "Belfast"]
UK_POSTCODE_AREAS = ["SW", "NW", "SE", "E", "N", "W", "EC", "M", "LS", "BS", "G", "EH", "CF", "L", "S", "NG", "BT"]
WORLD_CITIES = [
    "Toronto", "Vancouver", "Sydney", "Melbourne", "Dublin", "Auckland", "Singapore", "Mumbai", "Nairobi",
    "Cape Town", "Tokyo", "Berlin", "Madrid", "Paris", "Rome", "Lisbon", "Amsterdam", "New York",
    "Los Angeles", "San Francisco", "Chicago", "Boston", "Seattle", "London", "Manchester", "Edinburgh",
]
EN_COUNTRIES = [
    "Canada", "Mexico", "Brazil", "Germany", "France", "Spain", "Italy", "Ireland", "Japan", "India",
    "Kenya", "Nigeria", "Australia", "New Zealand", "Portugal", "Norway", "Sweden", "Poland", "Argentina",
    "Chile", "South Africa", "Vietnam", "Greece", "Egypt",
]
FR_CITIES = [
    ("Paris", "75011"), ("Lyon", "69003"), ("Marseille", "13006"), ("Toulouse", "31000"), ("Bordeaux", "33000"),
    ("Lille", "59000"), ("Nantes", "44000"), ("Strasbourg", "67000"), ("Montpellier", "34000"), ("Rennes", "35000"),
    ("Nice", "06000"), ("Grenoble", "38000"), ("Dijon", "21000"), ("Brest", "29200"), ("Reims", "51100"), ("Angers", "49000"),
]
FR_COUNTRIES = ["Espagne", "Allemagne", "Italie", "Suisse", "Belgique", "Irlande", "Norvège", "Suède", "Pologne", "Grèce", "Autriche"]
ES_CITIES = [
    ("Madrid", "28014"), ("Barcelona", "08001"), ("Valencia", "46002"), ("Sevilla", "41001"), ("Zaragoza", "50001"),
    ("Málaga", "29015"), ("Bilbao", "48001"), ("Granada", "18009"), ("Salamanca", "37002"), ("Valladolid", "47001"),
    ("Alicante", "03001"), ("Murcia", "30001"), ("Santander", "39001"), ("Córdoba", "14003"), ("Oviedo", "33003"),
]
ES_COUNTRIES = ["Francia", "Alemania", "Portugal", "México", "Argentina", "Chile", "Colombia", "Perú", "Italia", "Irlanda", "Marruecos"]
DE_CITIES = [
    ("Berlin", "10115"), ("Hamburg", "20095"), ("München", "80331"), ("Köln", "50667"), ("Frankfurt", "60311"),
    ("Stuttgart", "70173"), ("Düsseldorf", "40213"), ("Leipzig", "04109"), ("Dresden", "01067"), ("Hannover", "30159"),
    ("Nürnberg", "90402"), ("Bremen", "28195"), ("Bonn", "53111"), ("Mannheim", "68159"), ("Freiburg", "79098"),
]
DE_COUNTRIES = ["Österreich", "Frankreich", "Spanien", "Italien", "Polen", "Dänemark", "Schweden", "Norwegen", "Portugal", "Kanada", "Japan"]

MAIL_DOMAINS = {
    "en": ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.co.uk", "btinternet.com", "proton.me",
           "northwind-traders.com", "bluefin-analytics.io", "acme-logistics.co.uk", "hollowbrook.org", "kestrel-health.com",
           "pinecrest-bank.com", "meridian-labs.io", "quillstone.co.uk", "corvid-systems.com", "riverbend.edu"],
    "fr": ["gmail.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "boulangerie-moreau.fr",
           "transports-lebrun.fr", "cabinet-girard.fr", "atelier-duval.com"],
    "es": ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es", "talleres-ibarra.es",
           "clinica-solana.es", "distribuciones-rovira.com", "gestoria-lujan.es"],
    "de": ["gmail.com", "web.de", "gmx.de", "t-online.de", "posteo.de", "mailbox.org", "baeckerei-krause.de",
           "schreinerei-vogel.de", "praxis-hartmann.de", "spedition-lorenz.com"],
}
WEB_DOMAINS = {
    "en": ["northwind-traders.com", "bluefin-analytics.io", "acme-logistics.co.uk", "hollowbrook.org", "kestrel-health.com", "meridian-labs.io"],
    "fr": ["boulangerie-moreau.fr", "transports-lebrun.fr", "cabinet-girard.fr", "atelier-duval.com"],
    "es": ["talleres-ibarra.es", "clinica-solana.es", "distribuciones-rovira.com"],
    "de": ["baeckerei-krause.de", "schreinerei-vogel.de", "praxis-hartmann.de", "spedition-lorenz.com"],
}
COMPANIES = ["Northwind Traders", "Bluefin Analytics", "Acme Logistics", "Hollowbrook Energy", "Kestrel Health",
             "Meridian Labs", "Pinecrest Insurance", "Quillstone Media", "Vantage Freight", "Corvid Systems"]

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
}
DRUGS = ["metformin", "lisinopril", "atorvastatin", "amoxicillin", "ibuprofen", "omeprazole", "levothyroxine", "sertraline", "amlodipine", "prednisone"]
DOSES = ["500 mg", "10 mg", "20 mg", "40 mg", "250 mg", "5 mg", "1 g", "75 mg"]
CONDITIONS = {
    "en": ["type 2 diabetes", "hypertension", "community-acquired pneumonia", "asthma", "migraine", "atrial fibrillation", "COPD", "iron-deficiency anemia"],
    "fr": ["diabète de type 2", "hypertension", "pneumopathie", "asthme", "migraine", "fibrillation atriale"],
    "es": ["diabetes tipo 2", "hipertensión", "neumonía", "asma", "migraña", "fibrilación auricular"],
    "de": ["Diabetes Typ 2", "Hypertonie", "Pneumonie", "Asthma", "Migräne", "Vorhofflimmern"],
}


class Person:
    def __init__(self, first: str, last: str):
        self.first, self.last = first, last

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


class Gen:
    """Fills placeholders for one language; all randomness comes from one ``random.Random``."""

    def __init__(self, rng: random.Random, lang: str, stream: int):
        # ``stream`` numbers the (language, kind) pair, so every pair draws its own names.
        self.rng = rng
        self.lang = lang
        self.fakers = []
        for i, (locale, weight) in enumerate(FAKER_LOCALES[lang]):
            fake = Faker(locale)
            fake.seed_instance(SEED * 10000 + stream * 10 + i)
            self.fakers.append((fake, weight))
        self.street_faker = Faker({"en": "en_US", "fr": "fr_FR", "es": "es_ES", "de": "de_DE"}[lang])
        self.street_faker.seed_instance(SEED * 10000 + 1000 + stream)
        self.uk_street_faker = Faker("en_GB")
        self.uk_street_faker.seed_instance(SEED * 10000 + 2000 + stream)

    # ---- people
    def new_person(self) -> Person:
        fake = self.rng.choices([f for f, _ in self.fakers], weights=[w for _, w in self.fakers])[0]
        first = fake.first_name()
        last = fake.last_name()
        return Person(first, last)

    def person(self, key: Optional[str], ctx: dict) -> Person:
        if key is None:
            return self.new_person()
        if ("person", key) not in ctx:
            ctx[("person", key)] = self.new_person()
        return ctx[("person", key)]

    def email(self, person: Person) -> str:
        first = re.sub(r"[^a-z]", "", V.ascii_fold(person.first).lower())
        last = re.sub(r"[^a-z]", "", V.ascii_fold(person.last).lower())
        style = self.rng.choice(["dot", "initial", "under", "digits", "first"])
        local = {
            "dot": f"{first}.{last}",
            "initial": f"{first[:1]}{last}",
            "under": f"{first}_{last}",
            "digits": f"{first}{last}{self.rng.randint(1, 99)}",
            "first": f"{first}{self.rng.randint(1970, 2005)}",
        }[style]
        return f"{local}@{self.rng.choice(MAIL_DOMAINS[self.lang])}"

    # ---- places
    def city(self) -> str:
        if self.lang == "en":
            pool = self.rng.choice([[c for c, _ in US_CITIES], UK_CITIES, WORLD_CITIES])
            return self.rng.choice(pool)
        return self.rng.choice({"fr": FR_CITIES, "es": ES_CITIES, "de": DE_CITIES}[self.lang])[0]

    def country(self) -> str:
        return self.rng.choice({"en": EN_COUNTRIES, "fr": FR_COUNTRIES, "es": ES_COUNTRIES, "de": DE_COUNTRIES}[self.lang])

    def street(self, uk: Optional[bool] = None) -> str:
        rng = self.rng
        if self.lang == "en":
            uk = rng.random() < 0.35 if uk is None else uk
            name = (self.uk_street_faker if uk else self.street_faker).street_name()
            number = str(rng.randint(1, 240)) + (rng.choice(["A", "B"]) if uk and rng.random() < 0.15 else "")
            line = f"{number} {name}" if uk else f"{rng.randint(10, 9899)} {name}"
            if not uk and rng.random() < 0.25:
                line += f", {rng.choice(['Apt', 'Suite', 'Unit'])} {rng.randint(1, 40)}{rng.choice(['', 'B', 'C'])}"
            return line
        name = self.street_faker.street_name()
        if self.lang == "fr":
            number = f"{rng.randint(1, 140)}{rng.choice(['', '', '', ' bis'])}"
            return f"{number} {name}"
        if self.lang == "es":
            line = f"{name} {rng.randint(1, 120)}"
            if rng.random() < 0.4:
                line += f", {rng.randint(1, 8)}º {rng.choice(['A', 'B', 'C', 'izq.', 'dcha.'])}"
            return line
        return f"{name} {rng.randint(1, 150)}{rng.choice(['', '', '', 'a', 'b'])}"

    def address(self) -> str:
        rng = self.rng
        if self.lang == "en":
            if rng.random() < 0.65:
                city, state = rng.choice(US_CITIES)
                return f"{self.street(uk=False)}, {city}, {state} {rng.randint(10001, 98999):05d}"
            area = rng.choice(UK_POSTCODE_AREAS)
            postcode = f"{area}{rng.randint(1, 20)} {rng.randint(1, 9)}{rng.choice(V.UPPER)}{rng.choice(V.UPPER)}"
            return f"{self.street(uk=True)}, {rng.choice(UK_CITIES)} {postcode}"
        city, code = rng.choice({"fr": FR_CITIES, "es": ES_CITIES, "de": DE_CITIES}[self.lang])
        return f"{self.street()}, {code} {city}"

    # ---- phones
    def phone(self, region: Optional[str] = None) -> str:
        rng = self.rng
        if region is None:
            region = {"en": rng.choice(["US", "US", "US", "UK", "UK"]), "fr": "FR", "es": "ES", "de": "DE"}[self.lang]
        d = lambda n: V.digits(rng, n)  # noqa: E731
        if region == "US":
            area = rng.choice(["212", "415", "312", "617", "206", "303", "404", "512", "646", "718"])
            line = f"01{d(2)}"
            return rng.choice([
                f"({area}) 555-{line}", f"{area}-555-{line}", f"+1 {area} 555 {line}",
                f"+1{area}555{line}", f"{area}.555.{line}", f"+1 ({area}) 555-{line}",
            ])
        if region == "UK":
            return rng.choice([
                f"+44 20 7946 0{d(3)}", f"020 7946 0{d(3)}", f"+44 7700 900{d(3)}", f"07700 900{d(3)}",
                f"+44 113 496 0{d(3)}", f"+442079460{d(3)}",
            ])
        if region == "FR":
            mobile = rng.choice("67")
            pairs = " ".join(d(2) for _ in range(4))
            return rng.choice([
                f"+33 {mobile} {pairs}", f"0{mobile} {pairs}", f"0{rng.choice('12345')} {pairs}",
                f"+33 {rng.choice('12345')} {pairs}", f"+33{mobile}{pairs.replace(' ', '')}", f"0{mobile}.{pairs.replace(' ', '.')}",
            ])
        if region == "ES":
            mobile = f"6{d(2)}"
            return rng.choice([
                f"+34 {mobile} {d(3)} {d(3)}", f"{mobile} {d(3)} {d(3)}", f"+34 91 {d(3)} {d(2)} {d(2)}",
                f"93 {d(3)} {d(2)} {d(2)}", f"+34{mobile}{d(6)}", f"{mobile} {d(2)} {d(2)} {d(2)}",
            ])
        if region == "DE":
            return rng.choice([
                f"+49 30 {d(7)}", f"030 {d(7)}", f"+49 151 {d(8)}", f"0151 {d(8)}", f"+49 89 {d(8)}",
                f"089 {d(7)}", f"+49 (0)40 {d(6)}", f"0171 {d(7)}", f"+4917{d(9)}",
            ])
        raise ValueError(region)

    # ---- dates and amounts
    def date(self, birth: bool) -> str:
        rng = self.rng
        year = rng.randint(1938, 2004) if birth else rng.randint(2021, 2026)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        name = MONTHS[self.lang][month - 1]
        if self.lang == "en":
            return rng.choice([
                f"{day} {name} {year}", f"{name} {day}, {year}", f"{year}-{month:02d}-{day:02d}", f"{month:02d}/{day:02d}/{year}",
            ])
        if self.lang == "fr":
            return rng.choice([f"{day} {name} {year}", f"{day:02d}/{month:02d}/{year}"])
        if self.lang == "es":
            return rng.choice([f"{day} de {name} de {year}", f"{day:02d}/{month:02d}/{year}"])
        return rng.choice([f"{day}. {name} {year}", f"{day:02d}.{month:02d}.{year}"])

    def time(self) -> str:
        rng = self.rng
        h, m = rng.randint(7, 19), rng.choice([0, 15, 30, 45])
        if self.lang == "en":
            return rng.choice([f"{h}:{m:02d}", f"{(h - 1) % 12 + 1}:{m:02d} {'am' if h < 12 else 'pm'}", f"{(h - 1) % 12 + 1}{'am' if h < 12 else 'pm'}"])
        if self.lang == "fr":
            return rng.choice([f"{h}h{m:02d}", f"{h}h"])
        return f"{h}:{m:02d}"

    def amount(self) -> str:
        rng = self.rng
        whole, cents = rng.choice([rng.randint(5, 99), rng.randint(100, 9999)]), rng.randint(0, 99)
        if self.lang == "en":
            return rng.choice([f"${whole:,}.{cents:02d}", f"£{whole:,}.{cents:02d}", f"€{whole},{cents:02d}" if whole < 1000 else f"€{whole:,}", f"USD {whole:,}"])
        grouped = f"{whole:,}".replace(",", "." if self.lang in ("es", "de") else "\u202f")
        return rng.choice([f"{grouped},{cents:02d} €", f"{whole} €", f"{grouped},{cents:02d} EUR"])

    def iban(self) -> str:
        if self.lang == "en":
            return V.iban(self.rng, self.rng.choice(["GB", "GB", "DE", "FR", "ES"]))
        return V.iban(self.rng, {"fr": "FR", "es": "ES", "de": "DE"}[self.lang])

    def url(self, ctx: dict) -> str:
        rng = self.rng
        dom = rng.choice(WEB_DOMAINS[self.lang])
        person = self.new_person()
        slug = f"{V.ascii_fold(person.first).lower()}-{V.ascii_fold(person.last).lower()}".replace(" ", "-")
        return rng.choice([
            f"https://www.{dom}/account/settings",
            f"https://{dom}/orders/{rng.randint(100000, 999999)}",
            f"https://www.{dom}/help/article/{rng.randint(100, 9999)}",
            f"http://intranet.{dom}:8080/status",
            f"https://www.linkedin.com/in/{slug}-{rng.randint(10, 999)}",
            f"www.{dom}/contact",
            f"https://docs.{dom}/v2/getting-started?ref=mail",
            f"https://{slug.split('-')[0]}.github.io/portfolio/",
        ])


# What each placeholder produces and the entity it is labeled as (None: not PII).
def _placeholders() -> Dict[str, Tuple[Optional[str], Callable[["Gen", Optional[str], dict], str]]]:
    return {
        "PERSON": ("PERSON", lambda g, k, c: g.person(k, c).full),
        "FIRST": ("PERSON", lambda g, k, c: g.person(k, c).first),
        "LAST": ("PERSON", lambda g, k, c: g.person(k, c).last),
        "EMAIL": ("EMAIL_ADDRESS", lambda g, k, c: g.email(g.person(k, c))),
        "PHONE": ("PHONE_NUMBER", lambda g, k, c: g.phone()),
        "CARD": ("CREDIT_CARD", lambda g, k, c: V.credit_card(g.rng)),
        "SSN": ("US_SSN", lambda g, k, c: V.us_ssn(g.rng)),
        "ITIN": ("US_ITIN", lambda g, k, c: V.us_itin(g.rng)),
        "PASSPORT": ("US_PASSPORT", lambda g, k, c: V.us_passport(g.rng)),
        "DL": ("US_DRIVER_LICENSE", lambda g, k, c: V.us_driver_license(g.rng)),
        "BANKACCT": ("US_BANK_NUMBER", lambda g, k, c: V.us_bank_number(g.rng)),
        "IBAN": ("IBAN_CODE", lambda g, k, c: g.iban()),
        "IPV4": ("IP_ADDRESS", lambda g, k, c: V.ipv4(g.rng)),
        "IPV6": ("IP_ADDRESS", lambda g, k, c: V.ipv6(g.rng)),
        "MAC": ("MAC_ADDRESS", lambda g, k, c: V.mac_address(g.rng)),
        "URL": ("URL", lambda g, k, c: g.url(c)),
        "BTC": ("CRYPTO", lambda g, k, c: V.btc_address(g.rng)),
        "CITY": ("LOCATION", lambda g, k, c: g.city()),
        "COUNTRY": ("LOCATION", lambda g, k, c: g.country()),
        "STREET": ("STREET_ADDRESS", lambda g, k, c: g.street()),
        "ADDRESS": ("STREET_ADDRESS", lambda g, k, c: g.address()),
        "DOB": ("DATE_OF_BIRTH", lambda g, k, c: g.date(birth=True)),
        "MRN": ("MEDICAL_RECORD_NUMBER", lambda g, k, c: V.medical_record_number(g.rng)),
        "PATID": ("PATIENT_ID", lambda g, k, c: V.patient_id(g.rng)),
        "DEA": ("MEDICAL_LICENSE", lambda g, k, c: V.dea_number(g.rng, g.person(k, c).last)),
        "AWSKEY": ("AWS_ACCESS_KEY_ID", lambda g, k, c: V.aws_access_key_id(g.rng)),
        "GHTOKEN": ("GITHUB_TOKEN", lambda g, k, c: V.github_token(g.rng)),
        "SLACKTOKEN": ("SLACK_TOKEN", lambda g, k, c: V.slack_token(g.rng)),
        "PRIVKEY": ("PRIVATE_KEY", lambda g, k, c: V.private_key(g.rng)),
        "PASSWORD": ("PASSWORD", lambda g, k, c: V.password(g.rng)),
        "NIF": ("ES_NIF", lambda g, k, c: V.es_nif(g.rng)),
        "NIR": ("FR_NIR", lambda g, k, c: V.fr_nir(g.rng)),
        # Look-alikes and context, never labeled.
        "ORDER": (None, lambda g, k, c: V.order_number(g.rng)),
        "INVOICE": (None, lambda g, k, c: V.invoice_number(g.rng)),
        "SKU": (None, lambda g, k, c: V.sku(g.rng)),
        "VERSION": (None, lambda g, k, c: V.version(g.rng)),
        "VERSION4": (None, lambda g, k, c: V.version4(g.rng)),
        "AMOUNT": (None, lambda g, k, c: g.amount()),
        "TIME": (None, lambda g, k, c: g.time()),
        "DATE": (None, lambda g, k, c: g.date(birth=False)),
        "BADCARD": (None, lambda g, k, c: V.luhn_invalid_16(g.rng)),
        "BADSSN": (None, lambda g, k, c: V.invalid_ssn(g.rng)),
        # The same look-alikes right after the word naming them: a privacy guard masks a
        # labelled identifier even when its checksum or issuing rule says it cannot be real.
        "LABELED_BADCARD": ("CREDIT_CARD", lambda g, k, c: V.luhn_invalid_16(g.rng)),
        "LABELED_BADSSN": ("US_SSN", lambda g, k, c: V.invalid_ssn(g.rng)),
        "TRACKING": (None, lambda g, k, c: V.tracking_number(g.rng)),
        "TICKETNO": (None, lambda g, k, c: V.ticket_number(g.rng)),
        "BUILD": (None, lambda g, k, c: V.build_number(g.rng)),
        "ERRORCODE": (None, lambda g, k, c: V.error_code(g.rng)),
        "HASH": (None, lambda g, k, c: V.hex_hash(g.rng, 40)),
        "HASH64": (None, lambda g, k, c: V.hex_hash(g.rng, 64)),
        "ISBN": (None, lambda g, k, c: V.isbn13(g.rng)),
        "SERIAL": (None, lambda g, k, c: V.serial_number(g.rng)),
        "QTY": (None, lambda g, k, c: str(g.rng.choice([3, 5, 7, 10, 14, 30, 60, 120, 250]))),
        "MONTH": (None, lambda g, k, c: g.rng.choice(MONTHS[g.lang])),
        "DRUG": (None, lambda g, k, c: g.rng.choice(DRUGS)),
        "DOSE": (None, lambda g, k, c: g.rng.choice(DOSES)),
        "CONDITION": (None, lambda g, k, c: g.rng.choice(CONDITIONS[g.lang])),
        "COMPANY": (None, lambda g, k, c: g.rng.choice(COMPANIES)),
    }


PLACEHOLDERS = _placeholders()
TOKEN = re.compile(r"\{([A-Z0-9_]+)(?:\.(\w+))?\}")

Span = Dict[str, object]


def render(template: str, gen: Gen, ctx: Optional[dict] = None) -> Tuple[str, List[Span]]:
    """Fill ``template``; return the text and the spans of the labeled values."""
    ctx = {} if ctx is None else ctx
    out = io.StringIO()
    spans: List[Span] = []
    pos = 0
    for m in TOKEN.finditer(template):
        out.write(template[pos : m.start()])
        label, make = PLACEHOLDERS[m.group(1)]
        value = make(gen, m.group(2), ctx)
        start = out.tell()
        out.write(value)
        if label:
            spans.append({"start": start, "end": start + len(value), "entity_type": label})
        pos = m.end()
    out.write(template[pos:])
    return out.getvalue(), spans


def rag_chunk(gen: Gen, mod) -> Tuple[str, List[Span]]:
    """A retrieval chunk of 80-200 words: filler policy text with 0-3 PII sentences."""
    rng = gen.rng
    n_pii = rng.choices([0, 1, 2, 3], weights=[2, 4, 3, 1])[0]
    target = rng.randint(95, 180)
    pii = rng.sample(mod.RAG_PII, n_pii)
    fillers = rng.sample(mod.RAG_FILLER, len(mod.RAG_FILLER))
    sentences: List[Tuple[str, List[Span]]] = [render(t, gen) for t in pii]
    words = sum(len(s.split()) for s, _ in sentences)
    heading = render(rng.choice(mod.RAG_HEADINGS), gen) if rng.random() < 0.5 else None
    if heading:
        words += len(heading[0].split())
    for filler in fillers:
        if words >= target:
            break
        n = len(filler.split())
        if words + n > RAG_WORDS[1]:
            continue
        # PII sentences land at random places among the fillers.
        sentences.insert(rng.randint(0, len(sentences)), (filler, []))
        words += n
    text = ""
    spans: List[Span] = []
    if heading:
        text = heading[0] + "\n\n"
    for i, (sentence, sentence_spans) in enumerate(sentences):
        if i:
            text += " "
        base = len(text)
        text += sentence
        spans.extend({**s, "start": s["start"] + base, "end": s["end"] + base} for s in sentence_spans)
    return text, spans


def generate() -> List[dict]:
    records: List[dict] = []
    seen = set()
    for li, lang in enumerate(LANGUAGES):
        mod = TEMPLATES[lang]
        for ki, kind in enumerate(KINDS):
            rng = random.Random(SEED * 100 + li * 10 + ki)
            gen = Gen(rng, lang, li * len(KINDS) + ki)
            wanted = PLAN[lang][kind]
            templates = None if kind == "rag" else list(getattr(mod, KIND_ATTR[kind]))
            order: List[str] = []
            made, attempts = 0, 0
            while made < wanted:
                attempts += 1
                if attempts > wanted * 20:
                    raise RuntimeError(f"cannot make {wanted} distinct {lang}/{kind} texts")
                if kind == "rag":
                    text, spans = rag_chunk(gen, mod)
                else:
                    if not order:
                        order = rng.sample(templates, len(templates))
                    text, spans = render(order.pop(), gen)
                if text in seen:
                    continue
                seen.add(text)
                made += 1
                records.append({
                    "id": f"{lang}-{kind}-{made:03d}",
                    "language": lang,
                    "kind": kind,
                    "text": text,
                    "spans": sorted(spans, key=lambda s: (s["start"], s["end"])),
                })
    return records


def check_records(records: List[dict]) -> None:
    """Fail loudly on any span that is not what the guidelines promise."""
    ids = set()
    for r in records:
        assert r["id"] not in ids, r["id"]
        ids.add(r["id"])
        text = r["text"]
        last_end = -1
        for s in r["spans"]:
            value = text[s["start"] : s["end"]]
            assert value and value == value.strip(), (r["id"], s)
            assert s["start"] >= last_end, f"overlapping spans in {r['id']}"
            last_end = s["end"]
            ok = V.validate(s["entity_type"], value)
            labeled_near_miss = r["kind"] == "tricky"
            assert ok is not False or labeled_near_miss, f"{r['id']}: invalid {s['entity_type']} {value!r}"
        if r["kind"] == "rag":
            n = len(text.split())
            assert RAG_WORDS[0] <= n <= RAG_WORDS[1], f"{r['id']}: {n} words"
        if r["kind"] == "question":
            assert not r["spans"], r["id"]
        if r["kind"] == "tricky":  # only labelled near misses, never a valid value
            assert all(V.validate(s["entity_type"], text[s["start"] : s["end"]]) is False for s in r["spans"]), r["id"]


def dumps(records: List[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def composition(records: List[dict]) -> str:
    """Markdown tables: texts per kind and language, gold spans per entity and language."""
    lines = ["| kind | " + " | ".join(LANGUAGES) + " | total |", "|---|" + "---:|" * (len(LANGUAGES) + 1)]
    by = collections.Counter((r["kind"], r["language"]) for r in records)
    for kind in KINDS:
        row = [by[(kind, lang)] for lang in LANGUAGES]
        lines.append(f"| {kind} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    totals = [sum(by[(k, lang)] for k in KINDS) for lang in LANGUAGES]
    lines.append("| **all** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    no_pii = collections.Counter(r["language"] for r in records if not r["spans"])
    lines.append("| texts without PII | " + " | ".join(str(no_pii[lang]) for lang in LANGUAGES) + f" | {sum(no_pii.values())} |")
    lines.append("")
    ents = collections.Counter((s["entity_type"], r["language"]) for r in records for s in r["spans"])
    types = sorted({e for e, _ in ents}, key=lambda e: (-sum(ents[(e, lang)] for lang in LANGUAGES), e))
    lines += ["| entity | " + " | ".join(LANGUAGES) + " | total |", "|---|" + "---:|" * (len(LANGUAGES) + 1)]
    for e in types:
        row = [ents[(e, lang)] for lang in LANGUAGES]
        lines.append(f"| {e} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    row = [sum(ents[(e, lang)] for e in types) for lang in LANGUAGES]
    lines.append("| **all spans** | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CORPUS)
    parser.add_argument("--check", action="store_true", help="fail if the file on disk differs from a fresh build")
    parser.add_argument("--composition", action="store_true", help="print the composition tables only")
    args = parser.parse_args(argv)
    records = generate()
    check_records(records)
    data = dumps(records)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != data:
            print(f"{args.out} differs from a fresh build (Faker or template change?)", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date ({len(records)} texts)")
        return 0
    if not args.composition:
        args.out.write_text(data, encoding="utf-8")
        print(f"wrote {len(records)} texts to {args.out}")
    print(composition(records))
    return 0


if __name__ == "__main__":
    sys.exit(main())
