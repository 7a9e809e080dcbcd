"""A generated probe of PERSON spans (issue 17, h17r): exact-span recall and precision of people's names.

    python bench/eval/h17r_probe.py [--n 600] [--seed 17] [--errors 30] [--lang en]

Names are drawn with Faker from many locales (English, Irish, Australian,
Indian, French, Spanish, Mexican, German, Italian, Dutch, Portuguese, Polish,
Czech, Swedish, Finnish, Hungarian, Turkish, Vietnamese without tones, and
Japanese, Chinese and Russian transliterated to Latin letters) in several
shapes: given name alone, surname after a title, full name, with a middle
name or a middle initial, hyphenated and particle surnames, UPPER-CASE renderings, and
whole texts in lower case (chat). They stand in 40+ frames of unlike styles: greetings
and sign-offs, transcripts, lists and CSV rows, forms, narrative with the
name as subject or object, possessives, titles and jobs, next to e-mails and
phones, pairs joined by "and", quotes, lower-case chat. Gold is the name
without its title ("Dr.", "Mrs"). A span counts only if its ends are exact.

Negatives are frames around capitalised products, tools, libraries, bands and
job titles: any PERSON found there is a false positive.

Classes of error reported: missed (no overlap), cut (inside the name),
swallowed (covers the name and more), shifted (overlaps otherwise), spurious
(overlaps no name).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import unicodedata
from typing import List, Tuple

LOCALES = [
    "en_US", "en_GB", "en_IE", "en_AU", "en_IN", "fr_FR", "es_ES", "es_MX", "de_DE", "it_IT", "nl_NL", "pt_BR",
    "pl_PL", "cs_CZ", "sv_SE", "fi_FI", "hu_HU", "tr_TR", "vi_VN", "ja_JP", "zh_CN", "ru_RU",
]  # fmt: skip

_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
                 "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))  # fmt: skip


def _translit(word: str) -> str:
    out = "".join(_CYR.get(c.lower(), c) if c.lower() in _CYR else c for c in word)
    return out[:1].upper() + out[1:]


def _plain(word: str) -> str:
    # Vietnamese names as English text writes them, without tone marks.
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")


def fakers(locales, seed: int, step: int = 100) -> dict:
    """One seeded Faker per locale, the i-th seeded ``seed * step + i``: the probes' draws repeat run to run."""
    from faker import Faker

    out = {}
    for i, loc in enumerate(locales):
        out[loc] = Faker(loc)
        out[loc].seed_instance(seed * step + i)
    return out


class Names:
    def __init__(self, seed: int):
        self.fakers = fakers(LOCALES, seed)

    def parts(self, rng: random.Random) -> Tuple[str, str, str]:
        """(given, middle, family) in Latin letters."""
        loc = rng.choice(LOCALES)
        f = self.fakers[loc]
        if loc in ("ja_JP", "zh_CN"):
            return f.first_romanized_name(), "", f.last_romanized_name()
        if loc == "ru_RU":
            return _translit(f.first_name_male()), "", _translit(f.last_name_male())
        given, family = f.first_name(), f.last_name()
        if loc == "vi_VN":
            given, family = _plain(given), _plain(family)
        middle = f.first_name() if loc in ("en_US", "en_GB", "de_DE", "pt_BR", "en_AU") else ""
        if loc == "vi_VN":
            middle = _plain(middle)
        return given, middle, family

    def full(self, rng: random.Random) -> str:
        given, middle, family = self.parts(rng)
        shape = rng.random()
        if shape < 0.15 and middle:
            return f"{given} {middle} {family}"
        if shape < 0.3:
            return f"{given} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {family}"
        if shape < 0.36:
            return f"{given} {rng.choice('ABCDEFGHJKLMNPRSTW')} {family}"
        if shape < 0.42:
            return f"{given} {family}-{self.parts(rng)[2]}"
        if shape < 0.5:
            particle = rng.choice(["van der", "de la", "von", "van", "de", "da", "del", "di", "ten", "bin", "O'", "Mc"])
            if particle in ("O'", "Mc"):
                return f"{given} {particle}{family}"
            return f"{given} {particle} {family}"
        return f"{given} {family}"


def _render(name: str, rng: random.Random, upper: float) -> str:
    return name.upper() if rng.random() < upper else name


LOWER_TEXTS = 0.1
# Frames: {n} a full name, {g} a given name alone, {f} a family name alone (after a title), {m} a second full name,
# {e} an e-mail, {p} a phone. Gold: every {n}, {g}, {f}, {m}.
FRAMES = {
    "en": [
        "Best,\n{n}", "Cheers,\n{n}", "Thanks so much!\n\n{n}\nSales team", "Kind regards,\n{n}\n{p}", "Hi {g}, see you at 3.",
        "Hello {n}, your order has shipped.", "{n}: I think we should move the release.", "[{n}] pushed 3 commits to main",
        "{n} (10:42): can you send the file?", "Attendees: {n}, {m} and {g}", "Present: {n}; {m}.",
        "id,name,email\n17,{n},{e}", "{n},{e},{p}", "Name: {n}", "Full name - {n}", "Customer: {n}\nPhone: {p}",
        "{n} is a very kind person.", "I met {n} yesterday at the station.", "Ask {n} about it.", "Please forward this to {n}.",
        "{n}'s car was parked outside.", "We borrowed {n}'s ladder.", "Dr. {f} will see you now.", "Mrs {f} called again.",
        "{n}, CEO of Brightwave, announced the deal.", "Our accountant {n} filed the return.", "Contact {n} at {e}.",
        "{e} ({n})", "{n} <{e}>", "Call {n} on {p}.", "{p} - {n}", "{n} and {m} will share the office.",
        "The award went to \"{n}\" last year.", "She said \"{n} never called back\".", "talked to {ln} today about rent",
        "can u ping {ln} tmrw", "omg {lg} is coming too", "Yesterday {n} told me the news.", "According to {n}, the roof leaks.",
        "Thanks to {n} for the help.", "Meeting with {n} moved to Friday.", "Signed: {n}", "Witness: {n}, {p}",
        "Speaker 1 ({n}): Good morning everyone.", "Q: Who approved it?\nA: {n} did.", "{n} lives in a small flat.",
        "The new intern, {n}, starts Monday.", "My neighbour {n} has a dog.", "Reviewed by {n} on 3 May.",
        "FROM: {un}\nTO: {m}", "| {n} | {e} | active |", "- {n}\n- {m}\n- {g}", "Prof. {n} gave the keynote.",
        "I'm going with {g} and {m}.", "{n} wrote the report and {m} checked it.",
    ],
    "fr": [
        "Bonjour {n}, merci pour votre message.", "Cordialement,\n{n}", "{n} habite à côté.", "J'ai vu {n} hier soir.",
        "Nom : {n}", "Demandez à {n}.", "La voiture de {n} est en panne.", "M. {f} vous rappellera.", "Mme {n} est absente.",
        "Participants : {n}, {m} et {g}", "{n} et {m} arrivent demain.",
    ],
    "es": [
        "Hola {n}, gracias por tu correo.", "Saludos,\n{n}", "{n} vive en el centro.", "Ayer vi a {n} en el mercado.",
        "Nombre: {n}", "Pregúntale a {n}.", "El coche de {n} está roto.", "El Sr. {f} llamará mañana.",
        "Asistentes: {n}, {m} y {g}", "{n} y {m} llegan mañana.",
    ],
    "de": [
        "Hallo {n}, danke für die Nachricht.", "Viele Grüße\n{n}", "{n} wohnt nebenan.", "Ich habe {n} gestern gesehen.",
        "Name: {n}", "Frag {n} danach.", "Das Auto von {n} ist kaputt.", "Herr {f} ruft morgen an.", "Frau {n} ist krank.",
        "Teilnehmer: {n}, {m} und {g}", "{n} und {m} kommen morgen.",
    ],
}

# Capitalised things that are not people: products, tools, libraries, bands, jobs.
NEGATIVE_THINGS = [
    "Visual Studio Code", "Google Sheets", "Power BI", "Adobe Premiere", "Final Cut Pro", "Jupyter Notebook", "Apache Kafka",
    "React Native", "Spring Boot", "Ruby on Rails", "Microsoft Teams", "Slack", "Jenkins", "Terraform", "Kubernetes",
    "Pink Floyd", "Arctic Monkeys", "Daft Punk", "Linkin Park", "Iron Maiden", "Tame Impala", "Massive Attack",
    "Senior Software Engineer", "Product Manager", "Head of Marketing", "Chief Financial Officer", "Data Scientist",
    "Salesforce", "Zendesk", "Jira Service Management", "Notion", "Figma", "Tableau", "Photoshop", "Logic Pro",
    "Django", "Flask", "NumPy", "Pandas", "Matplotlib", "Hugging Face", "Stable Diffusion", "Tesla Model Y",
    "Honda Civic", "Ford Mustang", "Kindle Paperwhite", "Apple Watch", "Galaxy Buds", "Nintendo Switch", "Grafana",
]  # fmt: skip
NEGATIVE_FRAMES = [
    "We moved everything to {t} last year.", "{t} is a very useful tool.", "I met the {t} team yesterday.",
    "Ask {t} support about it.", "{t}'s new release broke our build.", "Thanks to {t} for the help.",
    "Best,\nThe {t} team", "Attendees: {t}, {u} and the vendor", "Is {t} better than {u}?", "{t} and {u} both crashed.",
    "The job title is {t}.", "Have you tried {t}?", "Cheers, {t} users!", "Tool: {t}", "We listened to {t} all night.",
    "Upgrade {t} before Friday.", "{t} (v2) is out.", "\"{t}\" is trending again.", "talked to {lt} support today",
]  # fmt: skip


def positives(rng: random.Random, names: Names, n: int, langs: List[str]) -> List[Tuple[str, str, List[Tuple[int, int]]]]:
    out = []
    for _ in range(n):
        lang = rng.choice(langs)
        frame = rng.choice(FRAMES[lang])
        given, _middle, family = names.parts(rng)
        values = {
            "n": _render(names.full(rng), rng, 0.06), "m": _render(names.full(rng), rng, 0.0),
            "g": given, "f": family, "un": names.full(rng).upper(),
            "ln": names.full(rng).lower(), "lg": given.lower(),
            "e": f"{family.lower().replace(' ', '')}{rng.randint(1, 99)}@example.com",
            "p": f"+1 {rng.randint(201, 989)}-555-{rng.randint(1000, 9999)}",
        }  # fmt: skip
        text, gold, i = "", [], 0
        while i < len(frame):
            if frame[i] == "{":
                j = frame.index("}", i)
                key = frame[i + 1 : j]
                value = values[key]
                if key not in ("e", "p"):
                    gold.append((len(text), len(text) + len(value)))
                text += value
                i = j + 1
            else:
                text += frame[i]
                i += 1
        if rng.random() < LOWER_TEXTS:
            text = text.lower()  # chat written without capitals: the whole text, not the name alone
        out.append((lang, text, gold))
    return out


def negatives(rng: random.Random, n: int) -> List[str]:
    out = []
    for _ in range(n):
        t, u = rng.sample(NEGATIVE_THINGS, 2)
        out.append(rng.choice(NEGATIVE_FRAMES).format(t=t, u=u, lt=t.lower()))
    return out


def classify(pred: Tuple[int, int], gold: List[Tuple[int, int]]) -> str:
    if pred in gold:
        return "exact"
    for g in gold:
        if pred[0] < g[1] and g[0] < pred[1]:
            if g[0] <= pred[0] and pred[1] <= g[1]:
                return "cut"
            if pred[0] <= g[0] and g[1] <= pred[1]:
                return "swallowed"
            return "shifted"
    return "spurious"


def score_line(label: str, c, kinds, width: int = 3) -> str:
    """One row of a probe's report: exact precision, recall and F1 of the counts ``c`` and its errors of ``kinds``."""
    p = 100 * c["exact"] / max(c["pred"], 1)
    r = 100 * c["exact"] / max(c["gold"], 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    return (f"{label:>{width}}: gold {c['gold']:4d} pred {c['pred']:4d} exact P {p:5.1f} R {r:5.1f} F1 {f1:5.1f}  "
            + " ".join(f"{kind} {c[kind]}" for kind in kinds))  # fmt: skip


def print_person_errors(errors, spurious, limit: int) -> None:
    """The first ``limit`` PERSON errors of each kind, then the negatives with a PERSON."""
    for kind in ("missed", "cut", "swallowed", "shifted", "spurious"):
        for text, span in errors[kind][:limit]:
            print(f"  {kind}: {span!r} in {text!r}")
    for text, found in spurious[:limit]:
        print(f"  negative: {found} in {text!r}")


def setup(description: str, argv, n: int, entities) -> tuple:
    """The options the language probes share (``--n``, ``--seed``, ``--errors``, ``--lang``), and score.py's
    detector of ``entities`` for each language asked for: ``(args, langs, detectors)``."""
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    import score

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--n", type=int, default=n)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--errors", type=int, default=30)
    parser.add_argument("--lang", default="en,fr,es,de")
    args = parser.parse_args(argv)
    langs = args.lang.split(",")
    score._quiet_logs()
    return args, langs, {lang: score.build_plugin(lang, list(entities), 0.4, score.DEFAULT_MODEL) for lang in langs}


def main(argv=None) -> int:
    args, langs, detectors = setup(__doc__.splitlines()[0], argv, 600, ["PERSON"])
    rng = random.Random(args.seed)
    names = Names(args.seed)
    stats = {lang: collections.Counter() for lang in langs}
    errors = collections.defaultdict(list)
    for lang, text, gold in positives(rng, names, args.n, langs):
        preds = sorted({(s, e) for t, s, e in detectors[lang].predict(text) if t == "PERSON"})
        c = stats[lang]
        c["gold"] += len(gold)
        c["pred"] += len(preds)
        for p in preds:
            kind = classify(p, gold)
            c[kind] += 1
            if kind != "exact":
                errors[kind].append((text, text[p[0] : p[1]]))
        for g in gold:
            if g not in preds:
                if not any(p[0] < g[1] and g[0] < p[1] for p in preds):
                    c["missed"] += 1
                    errors["missed"].append((text, text[g[0] : g[1]]))
    spurious = []
    for text in negatives(rng, args.n // 3):
        found = [text[s:e] for t, s, e in detectors["en"].predict(text) if t == "PERSON"] if "en" in detectors else []
        if found:
            spurious.append((text, found))
    total = sum(stats.values(), collections.Counter())
    for lang, c in [*stats.items(), ("all", total)]:
        print(score_line(lang, c, ("missed", "cut", "swallowed", "shifted", "spurious")))
    print(f"negatives with a PERSON: {len(spurious)}/{args.n // 3}")
    print_person_errors(errors, spurious, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
