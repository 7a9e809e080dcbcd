"""Whole postal addresses and places alone, from Faker's address providers of many locales (issue 17, h17q).

    python bench/eval/h17q_probe.py [--per 3] [--seed 7] [--show 30] [--only SHAPE]

Where ``address_formats.py`` holds hand-written addresses of many countries, this probe draws them:
Faker's ``address()`` and its parts (street address, unit, town, state or region, postal code,
country) for ~30 locales, joined in the shapes people and systems write them (Faker's own lines,
one line with commas, a literal backslash-n between lines, CSV columns, street and town only, the
postal code before the town, the unit before or after, a PO box, a US military APO/FPO), put into
~35 contexts of unlike styles (forms, chat, e-mail signatures, JSON-ish, a sentence that goes on
after the address, "from X to Y"). The gold is the one the outside generator's labelling gives
(``outside_generator.py``): a run of address parts is ONE ``STREET_ADDRESS`` when it holds a
street; a place alone (a town, a state, a country, also "Lyon, France" without a street) is one
``LOCATION`` per name.

Reported: exact recall of whole addresses and where the spans that miss end (starts late or
early, ends short or long, split in two or more, missed, found as another type), exact P/R of
LOCATION for places alone, and counterparts (prose with operating systems, standards, products)
that must get no STREET_ADDRESS and no LOCATION. Faker's values are seeded: figures are
reproducible for one Faker version (``faker.VERSION`` is printed).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from structured_probe import build_engines  # noqa: E402

LOCALES = [
    "en_US", "en_GB", "en_CA", "en_AU", "en_IN", "en_NZ", "en_IE", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CA",
    "fr_CH", "es_ES", "es_MX", "it_IT", "nl_NL", "pt_BR", "pt_PT", "pl_PL", "cs_CZ", "sv_SE", "da_DK", "no_NO",
    "fi_FI", "is_IS", "el_GR", "hu_HU", "ro_RO", "en_PH",
]  # fmt: skip
ENTITIES = ["STREET_ADDRESS", "LOCATION", "PERSON", "PHONE_NUMBER", "DATE_OF_BIRTH", "EMAIL_ADDRESS"]
FAMILY = ("STREET_ADDRESS", "LOCATION")
LANG = {"de": "de", "fr": "fr", "es": "es"}

# Contexts for a whole address; {a} is the address. Several lines are kept as they are.
ADDRESS_CONTEXTS = [
    "Ship to: {a}",
    "Shipping address:\n{a}\n\nPhone on file.",
    "ship it to {a} pls",
    "Can you send the package to {a}? Thanks!",
    "Please ship the parcel to {a} before Friday.",
    "She lives at {a} with her two cats.",
    "He has lived at {a} since 2019.",
    "My new address is {a}.",
    "Our office moved to {a} last spring, and parking is easier now.",
    "Best regards,\nMorgan Ellery\nAccount Manager\n{a}\nTel. (555) 201-3344",
    "Billing address: {a}\nCard ending 4242",
    '{{"name": "Morgan Ellery", "address": "{a}", "plan": "pro"}}',
    "address={a};status=active",
    "- Address: {a}\n- Status: verified",
    "The invoice was mailed to {a} on 3 May.",
    "Return address: {a}",
    "Deliver to {a} between 9 and 5.",
    "I moved from {a} to a smaller flat downtown.",
    "Registered office: {a}",
    "Customer: Morgan Ellery | Address: {a} | Order #55123",
    "Please update my address to {a}, thanks.",
    "Mail the form to:\n\n{a}\n\nWe reply within ten days.",
    "User: where should the courier go?\nAssistant: {a}",
    "Send all correspondence to {a} until further notice.",
    "Venue: {a}. Doors open at 7 pm.",
    "I'm at {a} right now, come over.",
    "The property at {a} was sold in March.",
    "Pickup from {a}; drop-off at the depot.",
    "Contact: Morgan Ellery, {a}, morgan@example.org",
    "{a}",
    "Dear customer, your order ships to {a} tomorrow.",
    "Address on file - {a} - please confirm.",
]
# Contexts for places alone; {p1} {p2} {p3} are towns, {s} a state or region, {c} a country.
PLACE_CONTEXTS = [
    "We have offices in {p1}, {p2} and {p3}.",
    "I flew from {p1} to {p2} last week.",
    "She grew up in {p1}, {c}.",
    "He moved to {c} in 2015.",
    "The conference is in {p1} this year.",
    "Our team is split between {p1} and {p2}.",
    "Born and raised in {p1}.",
    "I'm travelling to {c} and then to {p2}.",
    "Location: {p1}",
    "They live near {p1}, not far from {p2}.",
    "The train from {p1} to {p2} was late again.",
    "Branches: {p1}, {p2}, {p3}.",
    "She relocated to {p1}, {s} for work.",
    "Weather in {p1} today: sunny.",
]
# Prose that names no place: operating systems, standards, products, software words.
COUNTERPARTS = [
    "Install Windows 11 and update Unicode fonts before running the script.",
    "The app runs on Android 14, iOS 17 and macOS Sonoma.",
    "We follow ISO 8601 for dates and RFC 3339 for timestamps.",
    "Open Settings, then General, then Software Update.",
    "The Chrome extension syncs with Google Drive and Dropbox.",
    "Use UTF-8 everywhere; Latin-1 breaks on Unicode input.",
    "Deploy to Kubernetes 1.29 with Helm 3 and Terraform.",
    "The Java Virtual Machine loads classes lazily.",
    "Ubuntu 22.04 LTS ships Python 3.10 by default.",
    "The Pixel 8 and the Galaxy S24 both support USB-C.",
    "Click Save As, choose Portable Document Format and press Enter.",
    "Microsoft Teams and Slack both integrate with Jira.",
    "Linux Mint is based on Ubuntu and Debian.",
    "Version 2.3 of the API adds Unicode normalization and OAuth 2.0.",
    "The Raspberry Pi 5 runs Debian Bookworm.",
    "Enable Bluetooth Low Energy in the Device Manager.",
    "Adobe Acrobat Reader opens the PDF in Protected View.",
    "Set the Time Zone to Coordinated Universal Time.",
]


class Fake:
    """One locale's Faker with the parts the probe needs, each None when the locale has none."""

    def __init__(self, locale: str, seed: int) -> None:
        from faker import Faker

        self.locale = locale
        self.f = Faker(locale)
        self.f.seed_instance(seed)

    def get(self, *names: str) -> Optional[str]:
        for name in names:
            fn = getattr(self.f, name, None)
            if fn is not None:
                try:
                    return str(fn())
                except (AttributeError, TypeError, KeyError):
                    continue
        return None

    def street(self) -> str:
        return self.f.street_address()

    def town(self) -> str:
        return self.f.city()

    def region(self) -> Optional[str]:
        return self.get("state_abbr", "state", "administrative_unit", "province", "region", "county")

    def country(self) -> str:
        return self.f.current_country()

    def unit(self) -> Optional[str]:
        return self.get("secondary_address")

    def postcode(self) -> str:
        return self.f.postcode()


def _european(locale: str) -> bool:
    return locale.split("_")[0] not in ("en",) and locale not in ("fr_CA", "es_MX", "is_IS")


# A shape: (fake, rng) -> the address as a list of lines, or None when the locale cannot give it.
Shape = Callable[[Fake, random.Random], Optional[List[str]]]


def _faker_lines(k: Fake, rng: random.Random) -> List[str]:
    return [line.strip(", ") for line in k.f.address().split("\n") if line.strip(", ")]


def _town_line(k: Fake) -> str:
    region = k.region()
    if _european(k.locale) or region is None:
        return f"{k.postcode()} {k.town()}"
    return f"{k.town()}, {region} {k.postcode()}"


SHAPES: Dict[str, Tuple[str, Shape]] = {
    # name: (how the lines are joined, shape)
    "faker-lines": ("\n", lambda k, r: _faker_lines(k, r)),
    "faker-oneline": (", ", lambda k, r: _faker_lines(k, r)),
    "faker-escaped": ("\\n", lambda k, r: _faker_lines(k, r)),
    "faker-country": (", ", lambda k, r: _faker_lines(k, r) + [k.country()]),
    "street-town": (", ", lambda k, r: [k.street(), k.town()]),
    "street-town-country": (", ", lambda k, r: [k.street(), k.town(), k.country()]),
    "street-postcode-town": (", ", lambda k, r: [k.street(), f"{k.postcode()} {k.town()}"]),
    "street-town-line": (", ", lambda k, r: [k.street(), _town_line(k)]),
    "street-town-line-country": ("\n", lambda k, r: [k.street(), _town_line(k), k.country()]),
    "unit-after": (", ", lambda k, r: None if k.unit() is None else [f"{k.street()} {k.unit()}", _town_line(k)]),
    "unit-before": (", ", lambda k, r: None if k.unit() is None else [k.unit(), k.street(), _town_line(k)]),
    "csv": (",", lambda k, r: [k.street(), k.town(), *([k.region()] if k.region() else []), k.postcode()]),
    "pobox": (", ", lambda k, r: None if not k.locale.startswith("en") else [f"{r.choice(['PO Box', 'P.O. Box', 'POB'])} {r.randint(10, 9999)}", _town_line(k)]),
    "military": ("\n", lambda k, r: None if k.locale != "en_US" else [
        r.choice([k.f.military_apo, k.f.military_dpo])(), f"{r.choice(['APO', 'FPO', 'DPO'])} {k.f.military_state()} {k.f.postcode()}"]),
}


def _address_cases(locales: List[str], per: int, seed: int, only: Optional[str]):
    rng = random.Random(seed)
    for locale in locales:
        k = Fake(locale, seed)
        for shape, (join, make) in SHAPES.items():
            if only and shape != only:
                continue
            for _ in range(per):
                lines = make(k, rng)
                if not lines:
                    continue
                value = join.join(lines)
                frame = rng.choice(ADDRESS_CONTEXTS)
                if "\n" in value and ('"address"' in frame or "address=" in frame or "|" in frame):
                    frame = "Ship to: {a}"
                text = frame.format(a=value)
                at = text.index(value)
                yield locale, shape, text, [("STREET_ADDRESS", at, at + len(value))]


def _place_cases(locales: List[str], per: int, seed: int):
    rng = random.Random(seed + 1)
    for locale in locales:
        k = Fake(locale, seed)
        for _ in range(per):
            frame = rng.choice(PLACE_CONTEXTS)
            values = {"p1": k.town(), "p2": k.town(), "p3": k.town(), "s": k.region() or k.town(), "c": k.country()}
            text, gold, pos = "", [], 0
            # Fill the frame piece by piece so each place's offsets are known.
            rest = frame
            while "{" in rest:
                before, _, tail = rest.partition("{")
                key, _, rest = tail.partition("}")
                text += before
                gold.append(("LOCATION", len(text), len(text) + len(values[key])))
                text += values[key]
            text += rest
            yield locale, "place", text, gold


def _where(gold: Tuple[str, int, int], found: List[Tuple[str, int, int]]) -> str:
    """How the predictions of the family miss one gold span."""
    etype, gs, ge = gold
    same = [f for f in found if f[0] == etype]
    if (etype, gs, ge) in found:
        return "exact"
    over = [f for f in found if f[1] < ge and gs < f[2]]
    if not over:
        return "missed"
    if not [f for f in over if f[0] == etype]:
        return "other type " + "+".join(sorted({f[0] for f in over}))
    over = [f for f in over if f[0] in FAMILY]
    if len(over) > 1:
        return "split"
    _, s, e = over[0]
    if same and s == gs:
        return "ends short" if e < ge else "ends long"
    if e == ge:
        return "starts late" if s > gs else "starts early"
    return ("late" if s > gs else "early") + " start, " + ("short" if e < ge else "long") + " end"


def main(argv=None) -> int:
    import faker

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per", type=int, default=3, help="cases per locale and shape")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=30, help="print up to N misses")
    parser.add_argument("--only", default=None, help="one shape only")
    parser.add_argument("--locales", default=",".join(LOCALES))
    args = parser.parse_args(argv)
    locales = args.locales.split(",")
    engine = build_engines(ENTITIES)["en"]
    print(f"Faker {faker.VERSION}, {len(locales)} locales, {args.per} per locale and shape, seed {args.seed}\n")
    by_shape: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    outcomes: collections.Counter = collections.Counter()
    place = collections.Counter()
    shown = 0
    cases = list(_address_cases(locales, args.per, args.seed, args.only))
    if not args.only:
        cases += list(_place_cases(locales, args.per * 3, args.seed))
    for locale, shape, text, gold in cases:
        found = [(s.entity_type, s.start, s.end) for s in engine.detect(text) if s.entity_type in FAMILY or s.entity_type == "PERSON"]
        for g in gold:
            how = _where(g, found)
            by_shape[shape][how] += 1
            by_shape[shape]["total"] += 1
            outcomes[how] += shape != "place"
            if how != "exact" and shown < args.show:
                shown += 1
                print(f"- {locale} {shape} [{how}] {text!r}\n    gold {text[g[1]:g[2]]!r} -> {[(t, text[s:e]) for t, s, e in found]}")
        if shape == "place":
            fam = [f for f in found if f[0] in FAMILY]
            place["pred"] += len(fam)
            place["gold"] += len(gold)
            place["tp"] += len(set(fam) & set(gold))
    print("\n| shape | cases | exact | how the others miss |\n|---|---:|---:|---|")
    all_exact = all_total = 0
    for shape, c in by_shape.items():
        rest = ", ".join(f"{k} {v}" for k, v in c.most_common() if k not in ("exact", "total"))
        print(f"| {shape} | {c['total']} | {100 * c['exact'] / c['total']:.1f} | {rest} |")
        if shape != "place":
            all_exact += c["exact"]
            all_total += c["total"]
    if all_total:
        print(f"\nwhole addresses exact: {all_exact}/{all_total} = {100 * all_exact / all_total:.1f} %")
    if place["gold"]:
        p = 100 * place["tp"] / max(place["pred"], 1)
        r = 100 * place["tp"] / place["gold"]
        print(f"places alone (LOCATION, exact): P {p:.1f} / R {r:.1f} of {place['gold']}")
    flagged = {text: [(s.entity_type, text[s.start : s.end]) for s in engine.detect(text) if s.entity_type in FAMILY] for text in COUNTERPARTS}
    print("".join(f"- counterpart {text!r} -> {found}\n" for text, found in flagged.items() if found), end="")
    print(f"counterparts with a STREET_ADDRESS or LOCATION: {sum(map(bool, flagged.values()))} of {len(COUNTERPARTS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
