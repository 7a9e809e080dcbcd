"""Phone numbers with and without a phone word, Faker's every locale, and structured ids kept whole (issue 17, h17p).

    python bench/eval/h17p_probe.py [--seed 17] [--per 3] [--show 40] [--json OUT] [--only phones|ids|negatives]

Values come from Faker, not from the project's corpora nor the outside generator's records: for every
locale of ``faker.config.AVAILABLE_LOCALES`` that has a phone provider, ``phone_number()``, ``msisdn()``,
``basic_phone_number()`` where the locale has one, and ``country_calling_code()`` written before the
locale's national number without its trunk 0 (with ``--formats``, also ``phone_formats.py``'s formats of
~75 countries, reported per country under "locale"). Each value is put into contexts of unlike styles written
here: most with NO phone word (lists, CSV rows, "Name (number)", a signature, chat, JSON, forms whose
other labels name other fields, a sentence that ends on the number), some with one, in English, French,
Spanish or German. Scored with ``score.py``'s detector (threshold 0.4, the outside generator's).

* **exact**: a PHONE_NUMBER span equal to the value (after trimming spaces);
* **whole**: spans of any type cover every digit of the value.

Reported overall, per context, per locale, per source. The structured ids (cards with odd separators,
IBANs spaced or not and in lower case, SSNs without a label, e-mails with tags and subdomains, IPv4/IPv6,
URLs with paths and queries, US driver's licences) are scored the same way in a handful of neutral
contexts. Negatives (numbers in prose that are no phone: versions, dates, times, prices, order numbers,
ISBNs, ranges, coordinates, measurements, hex ids, ZIP+4, lists of years, scores, bare 7-digit numbers)
must get no PHONE_NUMBER span; each one flagged is listed.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import warnings
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import score  # noqa: E402
from structured_probe import luhn  # noqa: E402

ENTITIES = ["PERSON", "LOCATION", "STREET_ADDRESS", "DATE_OF_BIRTH", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
            "IP_ADDRESS", "EMAIL_ADDRESS", "URL", "US_DRIVER_LICENSE"]  # fmt: skip

NAMES = ["Ana Pereira", "Kofi Mensah", "Yuki Tanaka", "Lars Nilsen", "Marta Kowalska", "Ravi Iyer", "Sofia Gomez",
         "Jean Dupont", "Eleni Papadaki", "Chen Wei", "Olga Ivanova", "Tom O'Brien", "Hannah Schmidt", "Luis Ortega"]  # fmt: skip

# {n} a name, {v} the value, {m} a second name. No phone word, none of "call", "reach", "contact", "number".
NEUTRAL: Dict[str, str] = {
    "list_dash": "Guests:\n- {n}\n- {v}\n- {m}",
    "list_inline": "Bring: {n}, {v}, the keys.",
    "csv_row": "id,name,city,value\n17,{n},Leeds,{v}",
    "csv_mid": "name;value;city\n{n};{v};Bern",
    "tsv": "{n}\t{v}\tactive",
    "table_row": "| {n} | {v} | yes |",
    "name_paren": "{n} ({v}) will join us.",
    "name_comma": "{n}, {v}, joins on Monday.",
    "name_dash": "{n} - {v}",
    "after_name": "Ask {n} {v} tomorrow.",
    "sentence_end": "Write this down: {v}.",
    "sentence_end_q": "Is it still {v}?",
    "sentence_end_excl": "Finally got it: {v}!",
    "colon_other": "Owner: {n}\nBackup: {v}",
    "json": '{{"name": "{n}", "alt": "{v}", "vip": false}}',
    "json_nested": '{{"user": {{"id": 9, "name": "{n}", "value": "{v}"}}}}',
    "yaml": "name: {n}\nvalue: {v}\nteam: blue",
    "kv_log": "user={n} value={v} status=ok",
    "signature": "Best regards,\n{n}\nSenior Analyst\n{v}",
    "signature_pipe": "{n} | Analyst | {v}",
    "chat": "[10:42] {n}: here you go {v}",
    "chat2": "{n}: {v}\n{m}: thanks!",
    "quoted": 'She wrote "{v}" on the card.',
    "brackets": "Details [{v}] attached.",
    "angle": "{n} <{v}>",
    "slash_pair": "{n} / {v}",
    "semicolon": "{n}; {v}; Paris",
    "newline_only": "{v}",
    "line_start": "{v} is the one for {n}.",
    "after_verb": "{n} left {v} for you.",
    "text_me": "Ping {n} on {v} later.",
    "form_other": "Name: {n}\nCity: Oslo\nOther: {v}\nNotes: none",
    "emergency": "In an emergency, {n} ({v}) or {m}.",
    "bullets": "* {n}\n* {v}\n* Room 4",
    "numbered": "1. {n}\n2. {v}\n3. badge",
    "html": "<td>{n}</td><td>{v}</td>",
    "markdown_bold": "**{n}**: {v}",
    "parenthetical": "The landlord (who is {n}, {v}) agreed.",
    "sms_footer": "See you at 6. -{n} {v}",
    "fr_prose": "{n} m'a laissé le {v} hier soir.",
    "es_prose": "{n} me dejó el {v} ayer.",
    "de_prose": "{n} hat mir gestern die {v} gegeben.",
    "fr_list": "Participants : {n}, {v}, {m}.",
    "es_paren": "{n} ({v}) vendrá mañana.",
    "de_paren": "{n} ({v}) kommt morgen.",
    "address_line": "{n}, 42 Elm Street, Springfield, IL 62704, {v}",
    "address_block": "{n}\n7 Harbour Road\nGalway H91 E2K4\n{v}",
    "italics": "The new one is _{v}_ since May.",
}
WORDED: Dict[str, str] = {
    "label": "Phone: {v}",
    "reach": "You can reach {n} at {v} after six.",
    "call_me": "Call me on {v} please.",
    "mobile_paren": "{n} (mobile: {v})",
    "tel_sig": "{n}\nTel. {v}",
    "fr_label": "Téléphone : {v}",
    "es_label": "Teléfono: {v}",
    "de_label": "Telefon: {v}",
    "my_number": "My number is {v}.",
}
LANG = {k: k[:2] if k[:3] in ("fr_", "es_", "de_") else "en" for k in (*NEUTRAL, *WORDED)}


def _faker_locales():
    import faker.config
    from faker import Faker

    for loc in faker.config.AVAILABLE_LOCALES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fake = Faker(loc)
            try:
                provider = fake.provider("faker.providers.phone_number")
            except Exception:  # noqa: BLE001 - some locales have none
                continue
        if provider is None:
            continue
        # A locale without its own formats borrows another's: counted once, under the lender's name.
        yield type(provider).__module__.rsplit(".", 1)[-1].replace("__init__", "base"), fake


def phone_values(per: int, seed: int) -> List[Tuple[str, str, str]]:
    """(locale, source, value) for every Faker locale."""
    out = []
    seen = set()
    for k, (loc, fake) in enumerate(_faker_locales()):
        fake.seed_instance(seed * 1000 + k)
        for _ in range(per):
            for source in ("phone_number", "msisdn", "basic_phone_number", "calling_code"):
                try:
                    if source == "calling_code":
                        national = fake.phone_number()
                        if national.startswith(("+", "00", "(+")):
                            continue
                        national = " ".join(national.replace("(", " ").replace(")", " ").split()).lstrip("0 ")
                        if not 6 <= sum(c.isdigit() for c in national) <= 12 or any(c in national for c in "/+x"):
                            continue  # a trunk prefix in the middle, an extension or a second number: not one number
                        value = f"{fake.country_calling_code()} {national}"
                    else:
                        value = getattr(fake, source)()
                except AttributeError:
                    continue
                value = value.strip()
                if sum(c.isdigit() for c in value) < 7 or not value.isascii() or value in seen:
                    continue
                seen.add(value)
                out.append((loc, source, value))
    return out


def format_values(per: int, seed: int) -> List[Tuple[str, str, str]]:
    """(country, "format", value) from ``phone_formats.py``'s national and international formats of ~75 countries."""
    from phone_formats import FORMATS, fill

    rng = random.Random(seed)
    return [(country.rstrip("0123456789"), "format", fill(rng, f)) for country, fmts in FORMATS.items() for f in fmts for _ in range(per)]


def d(rng: random.Random, n: int, first: str = "0123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def iban(rng: random.Random) -> str:
    country, length = rng.choice([("DE", 18), ("FR", 23), ("ES", 20), ("GB", 18), ("NL", 14), ("IT", 23), ("CH", 17)])
    bban = d(rng, length) if country not in ("GB", "NL", "IT") else (
        "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4 if country != "IT" else 1)) + d(rng, length - (4 if country != "IT" else 1))
    )
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"


def structured_values(rng: random.Random, per: int) -> List[Tuple[str, str]]:
    """(type, value)."""
    out = []
    for _ in range(per):
        prefix = rng.choice(["4", "51", "6011"])
        card = luhn(prefix + d(rng, 15 - len(prefix)))
        amex = luhn("37" + d(rng, 12))
        for sep in (" ", "-", ".", "  ", " - "):
            out.append(("CREDIT_CARD", sep.join(card[i : i + 4] for i in range(0, 16, 4))))
        out.append(("CREDIT_CARD", card))
        out.append(("CREDIT_CARD", f"{amex[:4]} {amex[4:10]} {amex[10:]}"))
        ib = iban(rng)
        spaced = " ".join(ib[i : i + 4] for i in range(0, len(ib), 4))
        out += [("IBAN_CODE", ib), ("IBAN_CODE", spaced), ("IBAN_CODE", ib.lower()), ("IBAN_CODE", spaced.lower())]
        area = rng.choice([x for x in range(1, 900) if x != 666])
        ssn = f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
        out += [("US_SSN", ssn), ("US_SSN", ssn.replace("-", " "))]
        user = rng.choice(["j.doe", "ana_p", "lars.nilsen", "k-mensah"])
        out += [("EMAIL_ADDRESS", f"{user}+news@mail.example-corp.co.uk"), ("EMAIL_ADDRESS", f"{user}@eu.west.sub.example.org"),
                ("EMAIL_ADDRESS", f"{user.upper()}@Example.COM")]
        out += [("IP_ADDRESS", f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"),
                ("IP_ADDRESS", "2001:db8:%x:%x::%x" % (rng.randint(1, 65535), rng.randint(1, 65535), rng.randint(1, 65535))),
                ("IP_ADDRESS", "fe80::%x:%x:%x:%x" % tuple(rng.randint(1, 65535) for _ in range(4)))]
        out += [("URL", f"https://www.example.com/users/{d(rng, 5)}/profile?ref=mail&id={d(rng, 6)}"),
                ("URL", f"http://shop.example.net/p/{d(rng, 4)}-blue-shirt.html#reviews"),
                ("URL", f"www.example.org/path/to/page?q=a+b&lang=en")]
        letter = rng.choice("ABCDEFGHJKLMNPRSTW")
        out += [("US_DRIVER_LICENSE", f"{letter}{d(rng, 7)}"), ("US_DRIVER_LICENSE", f"{letter}{d(rng, 12)}"),
                ("US_DRIVER_LICENSE", f"{letter}{d(rng, 3)}-{d(rng, 3)}-{d(rng, 2)}-{d(rng, 3)}-{d(rng, 1)}")]
    return out


ID_CONTEXTS = {
    "bare_sentence": "Please use {v} for this one.",
    "paren": "{n} ({v}) signed up.",
    "csv": "name,value,city\n{n},{v},Rome",
    "json": '{{"name": "{n}", "value": "{v}"}}',
    "sentence_end": "The one I have is {v}.",
    "labelled": "{label}: {v}",
    "labelled_prose": "My {label_lower} is {v}, please keep it on file.",
}
LABELS = {"CREDIT_CARD": "Card number", "IBAN_CODE": "IBAN", "US_SSN": "SSN", "EMAIL_ADDRESS": "Email", "IP_ADDRESS": "IP address",
          "URL": "Link", "US_DRIVER_LICENSE": "Driver's license"}  # fmt: skip


def negatives(rng: random.Random) -> List[Tuple[str, str]]:
    """(kind, text): numbers in prose that are no phone number."""
    y = rng.randint(1950, 2015)
    isbn_body = "978" + d(rng, 9)
    isbn = isbn_body + str((10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(isbn_body)) % 10) % 10)
    return [
        ("version", f"Upgrade Python to {rng.randint(2, 3)}.{rng.randint(8, 13)}.{rng.randint(0, 20)} first."),
        ("version", f"Build {rng.randint(1, 12)}.{rng.randint(0, 9)}.{d(rng, 5)}.{d(rng, 4)} shipped."),
        ("date", f"Signed on {rng.randint(1, 28)}/{rng.randint(1, 12)}/{y} and {y + 1}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}."),
        ("time", f"at {rng.randint(10, 23)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}.{d(rng, 6)} the job failed"),
        ("price", f"It costs ${rng.randint(1, 9)},{d(rng, 3)},{d(rng, 3)}.{d(rng, 2)} in total."),
        ("price", f"Prix : {rng.randint(100, 999)} {d(rng, 3)},{d(rng, 2)} €"),
        ("order", f"Order {d(rng, 8, '123456789')} was delivered."),
        ("order", f"Ref. {d(rng, 3, '123456789')}-{d(rng, 7)}-{d(rng, 7)}"),
        ("isbn", f"ISBN {isbn[:3]}-{isbn[3]}-{isbn[4:8]}-{isbn[8:12]}-{isbn[12]}"),
        ("range", f"He lived there {y}-{y + rng.randint(3, 14)} and {y - 20}–{y - 9}."),
        ("coordinates", f"Meet at {rng.randint(10, 60)}.{d(rng, 6)}, -{rng.randint(1, 120)}.{d(rng, 6)} tonight."),
        ("measure", f"The tank holds {rng.randint(1, 9)} {d(rng, 3)} {d(rng, 3)} litres."),
        ("hex", f"Commit {''.join(rng.choice('0123456789abcdef') for _ in range(12))} fixed it."),
        ("zip+4", f"Springfield, IL {d(rng, 5, '123456789')}-{d(rng, 4)}"),
        ("years", f"Champions in {y}, {y + 4}, {y + 8}, {y + 12} and {y + 16}."),
        ("score", f"They won {rng.randint(1, 5)}-{rng.randint(0, 4)} and then {rng.randint(1, 5)}-{rng.randint(0, 4)}."),
        ("seven", f"The warehouse has {d(rng, 7, '123456789')} items listed."),
        ("seven", f"Case {d(rng, 3, '123456789')} {d(rng, 4)} is closed."),
        ("count", f"Population: {rng.randint(1, 9)},{d(rng, 3)},{d(rng, 3)}"),
        ("percent", f"Rates went {rng.randint(1, 9)}.{d(rng, 2)}% to {rng.randint(1, 9)}.{d(rng, 2)}%."),
        ("dates list", f"{rng.randint(10, 28)}.{rng.randint(10, 12)}.{y}, {rng.randint(10, 28)}.0{rng.randint(1, 9)}.{y + 1}"),
        ("page", f"See pages {rng.randint(100, 400)}-{rng.randint(401, 999)} of volume {rng.randint(2, 40)}."),
        ("pairs in steps", f"Marks of {(k := rng.randint(10, 30))} {k + 10} {k + 20} were given."),
        ("pairs as a date", f"Signed {rng.randint(10, 28)} {rng.randint(10, 12)} {rng.randint(70, 99)} by both."),
        ("pairs of a count", f"We shipped {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} units."),
    ]


def _covered(preds, types=None):
    out = set()
    for t, s, e in preds:
        if types is None or t in types:
            out.update(range(s, e))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--per", type=int, default=3, help="values of each source drawn per locale")
    parser.add_argument("--contexts", type=int, default=12, help="neutral contexts drawn per value (all worded ones too)")
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--json")
    parser.add_argument("--only", choices=["phones", "ids", "negatives"])
    parser.add_argument("--formats", action="store_true", help="also phone_formats.py's hand-written formats of ~75 countries")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    score._quiet_logs()
    detectors = {lang: score.build_plugin(lang, ENTITIES, 0.4, score.DEFAULT_MODEL).predict for lang in ("en", "fr", "es", "de")}
    report: Dict[str, dict] = {}

    if args.only in (None, "phones"):
        by: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        bad = []
        values = phone_values(args.per, args.seed) + (format_values(1, args.seed) if args.formats else [])
        for loc, source, value in values:
            drawn = rng.sample(sorted(NEUTRAL), min(args.contexts, len(NEUTRAL))) + rng.sample(sorted(WORDED), 2)
            for ctx in drawn:
                template = NEUTRAL.get(ctx) or WORDED[ctx]
                worded = ctx in WORDED
                text = template.format(n=rng.choice(NAMES), m=rng.choice(NAMES), v=value)
                at = text.index(value)
                preds = detectors[LANG[ctx]](text)
                exact = any(t == "PHONE_NUMBER" and (s, e) == (at, at + len(value)) for t, s, e in preds)
                digits = {at + i for i, c in enumerate(value) if c.isdigit()}
                whole = digits <= _covered(preds)
                # Faker's msisdn is thirteen digits in one run: without a cue as much an EAN or an order number,
                # so it is reported apart and kept out of the other groups.
                keys = [f"source {source}"] if source == "msisdn" else ["all", "neutral" if not worded else "worded", f"context {ctx}", f"locale {loc}", f"source {source}"]
                for key in keys:
                    by[key]["n"] += 1
                    by[key]["exact"] += exact
                    by[key]["whole"] += whole
                if not exact and source != "msisdn":
                    got = [text[s:e] for t, s, e in preds if s < at + len(value) and at < e]
                    bad.append((loc, source, ctx, value, got, whole))
        print(f"## phones: {len(values)} values x {args.contexts} of {len(NEUTRAL)} neutral contexts + 2 of {len(WORDED)} worded\n")
        print("| group | n | exact | whole |\n|---|---:|---:|---:|")
        order = sorted(by, key=lambda k: (k not in ("all", "neutral", "worded"), k.split()[0], by[k]["exact"] / by[k]["n"]))
        print("(msisdn apart: not in the other rows)\n")
        for key in order:
            c = by[key]
            print(f"| {key} | {c['n']} | {100 * c['exact'] / c['n']:.1f} % | {100 * c['whole'] / c['n']:.1f} % |")
        print(f"\nnot exact, msisdn apart ({len(bad)}), first {args.show} of a shuffle:")
        for loc, source, ctx, value, got, whole in random.Random(1).sample(bad, min(args.show, len(bad))):
            print(f"  {loc:6} {source:14} {ctx:16} {value!r:28} -> {got} {'whole' if whole else ''}")
        report["phones"] = {k: dict(v) for k, v in by.items()}

    if args.only in (None, "ids"):
        idby: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        misses = []
        for kind, value in structured_values(rng, args.per * 4):
            for ctx, template in ID_CONTEXTS.items():
                if kind == "US_DRIVER_LICENSE" and not ctx.startswith("labelled"):
                    continue  # a letter and digits is a licence only where the text says so
                text = template.format(n=rng.choice(NAMES), v=value, label=LABELS[kind], label_lower=LABELS[kind].lower())
                at = text.index(value)
                preds = detectors["en"](text)
                whole = set(range(at, at + len(value))) - {at + i for i, c in enumerate(value) if c == " "} <= _covered(preds)
                for key in (kind, f"{kind} {ctx}", "all ids"):
                    idby[key]["n"] += 1
                    idby[key]["whole"] += whole
                if not whole:
                    misses.append((kind, ctx, value, [(t, text[s:e]) for t, s, e in preds]))
        print("\n## structured ids masked whole\n\n| group | n | whole |\n|---|---:|---:|")
        for key in sorted(idby):
            if " " not in key or key == "all ids" or idby[key]["whole"] < idby[key]["n"]:
                print(f"| {key} | {idby[key]['n']} | {100 * idby[key]['whole'] / idby[key]['n']:.1f} % |")
        for kind, ctx, value, got in misses[: args.show]:
            print(f"  {kind:18} {ctx:14} {value!r} -> {got}")
        report["ids"] = {k: dict(v) for k, v in idby.items()}

    if args.only in (None, "negatives"):
        flagged = []
        neg = [n for _ in range(args.per * 4) for n in negatives(rng)]
        for kind, text in neg:
            phones = [text[s:e] for t, s, e in detectors["en"](text) if t == "PHONE_NUMBER"]
            if phones:
                flagged.append((kind, text, phones))
        print(f"\n## negatives with a PHONE_NUMBER span: {len(flagged)}/{len(neg)}")
        for kind, text, phones in flagged[: args.show]:
            print(f"  {kind:12} {text!r} -> {phones}")
        report["negatives"] = {"n": len(neg), "flagged": len(flagged)}

    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
