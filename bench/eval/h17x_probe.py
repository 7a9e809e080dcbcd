"""A second generated probe of PERSON spans (issue 17, h17x): names of many countries in styles of writing unlike the others.

    python bench/eval/h17x_probe.py [--n 900] [--seed 23] [--errors 30] [--lang en]

Names are Faker's people of 30+ locales, with the countries a small English model knows least
weighted up: Iceland, Hungary, Slovenia, Croatia, Finland, Estonia, Lithuania, Greece and
Bulgaria (transliterated), Japan and China (romanized), Brazil and Portugal, Poland, Czechia,
Slovakia, Romania, Denmark, Norway, Sweden, the Netherlands, Turkey, Indonesia, Nigeria (also
Yoruba), South Africa (Zulu), India, and the English-speaking countries. Shapes: given and
family name, two given names, two family names (Iberian and Brazilian), a middle initial with
and without its period, hyphenated surnames, particles ("van der", "de la", "dos", "bin"), a
surname alone after a title, a given name alone, capitals, and whole texts in lower case.

The frames are styles the other probes do not use: e-mail headers and sign-offs with a job
line, CRM and spreadsheet exports, support chat transcripts, meeting notes and minutes,
news sentences (a name, an age and a town; a name and a role in apposition), attendee
lists, "Name (role)", names at a sentence start before a verb, before a possessive, in
quotes, after "cc", inside parentheses, and next to organisations, streets and towns.
Gold is the name without its title.

Negatives are the same kinds of frames around what is no person: products, tools,
libraries, bands, job titles, organisations, places, and streets inside addresses (a street
named after a person, "Jókai Mór utca 4", is an address, not a person): any PERSON there is a
false positive.

Classes of error reported (as in h17r_probe): missed, cut, swallowed, shifted, spurious.
"""

from __future__ import annotations

import collections
import random
import sys
import unicodedata
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from h17r_probe import _translit, classify, fakers, print_person_errors, score_line, setup  # noqa: E402

# (locale, weight): the countries a small English model knows least count more.
LOCALES = [
    ("is_IS", 3), ("hu_HU", 3), ("sl_SI", 3), ("hr_HR", 2), ("fi_FI", 3), ("et_EE", 2), ("lt_LT", 2), ("el_GR", 3),
    ("bg_BG", 1), ("ja_JP", 3), ("zh_CN", 1), ("pt_BR", 3), ("pt_PT", 1), ("pl_PL", 2), ("cs_CZ", 1), ("sk_SK", 1),
    ("ro_RO", 1), ("da_DK", 2), ("no_NO", 2), ("sv_SE", 1), ("nl_NL", 2), ("tr_TR", 1), ("id_ID", 1), ("en_NG", 1),
    ("yo_NG", 1), ("zu_ZA", 1), ("en_IN", 1), ("en_US", 3), ("en_GB", 2), ("en_AU", 1), ("en_IE", 1), ("de_DE", 1),
    ("fr_FR", 1), ("es_ES", 2), ("es_MX", 1), ("it_IT", 1),
]  # fmt: skip

_GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
    ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s", "t", "y", "f", "ch",
     "ps",
     "o", "a", "e", "i", "i", "o", "y", "o", "i", "y", "i", "y"], strict=True,
))  # fmt: skip
_BG = {"ъ": "a", "щ": "sht", "ж": "zh", "ц": "ts", "ч": "ch", "ш": "sh", "ю": "yu", "я": "ya", "й": "y", "х": "h"}


def _greek(word: str) -> str:
    out = "".join(_GREEK.get(c.lower(), c) for c in word)
    return out[:1].upper() + out[1:]


def _bulgarian(word: str) -> str:
    out = "".join(_BG.get(c.lower(), c) for c in word)
    return _translit(out)


def _title_parts(word: str) -> str:
    # "Божидара-силвестра" transliterated: each part of a hyphenated name capitalized.
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


class Names:
    def __init__(self, seed: int):
        self.fakers = fakers([loc for loc, _ in LOCALES], seed, step=1000)
        self.locales = [loc for loc, w in LOCALES for _ in range(w)]

    def _one(self, loc: str) -> Tuple[str, str]:
        f = self.fakers[loc]
        if loc in ("ja_JP", "zh_CN"):
            return f.first_romanized_name(), f.last_romanized_name()
        given, family = f.first_name(), f.last_name()
        if loc == "el_GR":
            given, family = _greek(given), _greek(family)
        elif loc == "bg_BG":
            given, family = _title_parts(_bulgarian(given)), _title_parts(_bulgarian(family))
        return given.split()[0], family

    def parts(self, rng: random.Random) -> Tuple[str, str, str]:
        """(locale, given, family): one person of one country."""
        loc = rng.choice(self.locales)
        given, family = self._one(loc)
        return loc, given, family

    def full(self, rng: random.Random) -> str:
        loc, given, family = self.parts(rng)
        shape = rng.random()
        if shape < 0.08:
            return f"{given} {self._one(loc)[0]} {family}"  # two given names
        if shape < 0.16 and loc in ("pt_BR", "pt_PT", "es_ES", "es_MX"):
            return f"{given} {family} {self._one(loc)[1]}"  # two family names
        if shape < 0.24:
            return f"{given} {rng.choice('ABCDEFGHJKLMNOPRSTVW')}. {family}"
        if shape < 0.3:
            return f"{given} {rng.choice('ABCDEFGHJKLMNOPRSTVW')} {family}"
        if shape < 0.35:
            return f"{given} {family}-{self._one(rng.choice(self.locales))[1]}"
        if shape < 0.42:
            particle = rng.choice(["van der", "van den", "de la", "de", "da", "dos", "von", "van", "del", "bin", "ter", "di", "le"])
            return f"{given} {particle} {family}"
        return f"{given} {family}"


# Frames: {n} a full name, {m} a second full name, {g} a given name alone, {f} a family name alone,
# {N} a full name in capitals, {l} a full name in lower case; {e} e-mail, {p} phone, {a} age, {c} a town,
# {o} an organisation. Gold: every {n}, {m}, {g}, {f}, {N}, {l}.
FRAMES = [
    # e-mail
    "From: {n} <{e}>\nSent: Tuesday\nSubject: invoice 4471", "To: {n}\nCc: {m}\nSubject: Re: the audit",
    "Hi {g},\n\nthe contract is attached.\n\nThanks,\n{n}\nAccount Manager | {o}", "Thanks,\n{n}\nHead of Procurement\n{o}\n{p}",
    "Regards\n\n{n}\nSenior Analyst, {o}", "{n} | Logistics Coordinator | {o}", "-- \n{n}\n{o}\nTel {p}",
    "On Monday {n} wrote:\n> see below", "Please loop in {n} ({e}) before Friday.", "cc: {n}, {m}",
    # CRM and spreadsheet rows
    "customer_id;full_name;city\n88213;{n};{c}", "Lead: {n} | Stage: Qualified | Owner: {m}", "{n}\t{e}\t{p}\tactive",
    "Contact {n}, {o}, {c}", "\"{n}\",\"{e}\",\"{c}\"", "Account owner: {n}\nNext step: call back", "{N}\n{o}\n{c}",
    # support chat
    "Agent {g}: hello, how can I help?\nCustomer: my card was declined", "[10:02] {n} joined the chat", "{g} (Support): Could you confirm your e-mail?",
    "You are now chatting with {n}.", "{n} has left the conversation.", "Chat transferred to {n} from Billing.",
    # meeting notes and minutes
    "Minutes, 4 March\nPresent: {n}, {m}\nApologies: {g}", "Action: {n} to send the revised budget by Friday.",
    "Notes from the call with {n} and {m}:\n- budget approved", "{n} (chair) opened the meeting at 9:30.",
    "Attendees\n{n} (Finance)\n{m} (Legal)", "AP: {g} will follow up with the landlord.",
    # news
    "{n}, 34, from {c}, was taken to hospital.", "{n}, a nurse from {c}, said the ward was full.",
    "Police named the driver as {n}, 52.", "{n} told reporters the vote would go ahead.", "The prize went to {n} of {c}.",
    "Local baker {n} has opened a second shop.", "\"{n} was always kind,\" a neighbour said.", "In a statement, {n} denied the claims.",
    "Coach {f} praised the defence.", "According to Dr {n}, the results are promising.",
    # sentence starts, possessives, quotes
    "{n} called this morning about the parcel.", "{n} signed the lease on Monday.", "{g} and I went to {c} last week.",
    "{n}'s flight lands at 6.", "We stayed at {n}'s place over the weekend.", "The report is on {g}'s desk.",
    "Have you met \"{n}\" yet?", "Her married name is {n}.", "The booking is under {n}.", "I forwarded it to {n} yesterday.",
    "Mr {f} and Mrs {f} arrived together.", "Ms. {n} will be your host.", "Prof. {f} marked the exams.",
    "{n} (Project Lead) approved the change.", "{n} - Operations Manager", "Thanks {g}!", "Great work, {g}.",
    "Can {g} pick up the keys?", "Is {n} still working here?", "I think {n} already paid.",
    # capitals and lower case
    "ATTN: {N}", "PASSENGER: {N}\nSEAT 14C", "pls send it to {l} asap", "i talked with {l} about the rent", "{l} said she'd call back",
    "hey {lg} r u coming tonight", "ok so {l} is the new manager",
]  # fmt: skip

# Capitalised things that are not people.
NEGATIVE_THINGS = [
    "Visual Studio Code", "Google Sheets", "Power BI", "Adobe Illustrator", "Microsoft Teams", "Azure DevOps", "Zoom",
    "Zendesk", "HubSpot", "Salesforce", "Pipedrive", "Trello", "Asana", "Confluence", "Bitbucket", "Sentry", "Datadog",
    "Pandas", "Polars", "Seaborn", "Scrapy", "Celery", "Redis", "Postgres", "Elasticsearch", "Kibana", "Prometheus",
    "Coldplay", "Radiohead", "Foo Fighters", "Florence and the Machine", "Sigur Rós", "Kings of Leon", "Mumford and Sons",
    "Account Manager", "Regional Sales Director", "Operations Manager", "Customer Success Lead", "Finance Business Partner",
    "Lufthansa", "Deutsche Bank", "Banco do Brasil", "Nokia", "Volvo Cars", "Hilton Garden Inn", "Marks and Spencer",
    "Reykjavík", "Ljubljana", "Debrecen", "Tampere", "Thessaloniki", "Porto Alegre", "Osaka", "Santa Cruz de Tenerife",
    "Toyota Corolla", "Dyson Airwrap", "Kindle Oasis", "Sony Walkman", "Nespresso Vertuo", "Peloton Bike",
]  # fmt: skip
NEGATIVE_FRAMES = [
    "We moved the pipeline to {t} in May.", "{t} crashed again this morning.", "Thanks,\nThe {t} team", "Lead source: {t} | Stage: New",
    "Action: migrate from {t} to {u} by Friday.", "Present: {t} and {u} representatives", "{t} (vendor) opened the meeting.",
    "{t}'s new pricing starts in June.", "Have you tried \"{t}\" yet?", "The booking is under {t}.", "Is {t} still supported?",
    "I forwarded it to {t} support yesterday.", "Contact {t}, {c}", "{t} | Enterprise | renewal due", "Job title: {t}",
    "ok so {lt} is down again", "{t} said in a statement that prices would rise.", "The prize went to {t} of {c}.",
    "Ship to: {s}\n{c}", "Our office moved to {s}, {c}.", "The parcel is at {s} in {c}.", "Meet me at the corner of {s} and {s2}.",
    "Hotel address: {s}, {c}", "We walked down {s} to the river.",
]  # fmt: skip
# Streets named after people, in the countries' own formats.
STREETS = [
    "Jókai Mór utca 12", "Petőfi Sándor u. 3.", "Laugavegur 22", "Ingólfsstræti 5", "Prešernova cesta 8", "Trg Ivana Cankarja 2",
    "Mannerheimintie 14", "Aleksanterinkatu 9", "Odos Eleftheriou Venizelou 40", "Rua Getúlio Vargas 120",
    "Avenida Presidente Vargas 55", "ul. Adama Mickiewicza 7", "Karl-Marx-Allee 90", "Rembrandtplein 11", "Calle de Cervantes 4",
    "12 Winston Churchill Avenue", "Via Giuseppe Garibaldi 18", "Ulica Ivana Gundulića 6", "Ruta Nacional José Hernández 3",
]  # fmt: skip
TOWNS = ["Reykjavík", "Kópavogur", "Szeged", "Pécs", "Maribor", "Celje", "Split", "Oulu", "Tartu", "Kaunas", "Patras", "Curitiba",
         "Recife", "Braga", "Kraków", "Brno", "Cluj-Napoca", "Aarhus", "Bergen", "Utrecht", "Izmir", "Sapporo", "Leeds", "Cork"]  # fmt: skip
ORGS = ["Norðurál hf.", "Richter Gedeon Nyrt.", "Krka d.d.", "Valmet Oyj", "Petrobras", "Vestas Wind Systems", "Aalborg Portland",
        "Brightline Logistics Ltd", "Harbour & Finch LLP", "Orion Pharma", "Northwind Traders", "Grupo Bimbo"]  # fmt: skip

LOWER_TEXTS = 0.06
SCORED = ("PERSON", "LOCATION", "STREET_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "EMAIL_ADDRESS", "IBAN_CODE", "US_SSN",
          "IP_ADDRESS", "US_DRIVER_LICENSE", "DATE_OF_BIRTH", "URL")  # fmt: skip


def positives(rng: random.Random, names: Names, n: int) -> List[Tuple[str, List[Tuple[int, int]]]]:
    out = []
    for _ in range(n):
        frame = rng.choice(FRAMES)
        _loc, given, family = names.parts(rng)
        full = names.full(rng)
        values: Dict[str, str] = {
            "n": full.upper() if rng.random() < 0.04 else full, "m": names.full(rng), "g": given, "f": family,
            "N": names.full(rng).upper(), "l": names.full(rng).lower(), "lg": given.lower(),
            "e": f"{unicodedata.normalize('NFD', family).encode('ascii', 'ignore').decode().lower() or 'info'}@example.org",
            "p": f"+{rng.choice(['354', '36', '386', '358', '30', '55', '81'])} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            "c": rng.choice(TOWNS), "o": rng.choice(ORGS),
        }  # fmt: skip
        text, gold, i = "", [], 0
        while i < len(frame):
            if frame[i] == "{":
                j = frame.index("}", i)
                key = frame[i + 1 : j]
                value = values[key]
                if key in ("n", "m", "g", "f", "N", "l", "lg"):
                    gold.append((len(text), len(text) + len(value)))
                text += value
                i = j + 1
            else:
                text += frame[i]
                i += 1
        if rng.random() < LOWER_TEXTS:
            text = text.lower()
        out.append((text, gold))
    return out


def negatives(rng: random.Random, n: int) -> List[str]:
    out = []
    for _ in range(n):
        t, u = rng.sample(NEGATIVE_THINGS, 2)
        s, s2 = rng.sample(STREETS, 2)
        out.append(rng.choice(NEGATIVE_FRAMES).format(t=t, u=u, lt=t.lower(), s=s, s2=s2, c=rng.choice(TOWNS)))
    return out


def main(argv=None) -> int:
    # Every type the outside corpus scores runs, as there: a street or a town found as such wins over a
    # name inside it, and only PERSON spans are counted.
    args, _langs, detectors = setup(__doc__.splitlines()[0], [*(argv or sys.argv[1:]), "--lang", "en"], 900, SCORED)
    detector = detectors["en"]
    rng = random.Random(args.seed)
    names = Names(args.seed)
    c: collections.Counter = collections.Counter()
    errors = collections.defaultdict(list)
    for text, gold in positives(rng, names, args.n):
        preds = sorted({(s, e) for t, s, e in detector.predict(text) if t == "PERSON"})
        c["gold"] += len(gold)
        c["pred"] += len(preds)
        for p in preds:
            kind = classify(p, gold)
            c[kind] += 1
            if kind != "exact":
                errors[kind].append((text, text[p[0] : p[1]]))
        for g in gold:
            if g not in preds and not any(p[0] < g[1] and g[0] < p[1] for p in preds):
                c["missed"] += 1
                errors["missed"].append((text, text[g[0] : g[1]]))
    spurious = []
    n_neg = args.n // 3
    for text in negatives(rng, n_neg):
        found = [text[s:e] for t, s, e in detector.predict(text) if t == "PERSON"]
        if found:
            spurious.append((text, found))
    print(score_line("en", c, ("missed", "cut", "swallowed", "shifted", "spurious"), width=0))
    print(f"negatives with a PERSON: {len(spurious)}/{n_neg}")
    print_person_errors(errors, spurious, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
