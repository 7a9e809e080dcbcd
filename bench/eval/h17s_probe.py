"""A generated probe of LOCATION and PERSON spans and their confusion (issue 17, h17s).

    python bench/eval/h17s_probe.py [--n 900] [--seed 17] [--errors 30] [--lang en,fr,es,de]

Towns, countries and regions are drawn with Faker from many locales (en_US, en_GB, en_AU, de_DE,
fr_FR, es_ES, it_IT, nl_NL, pl_PL, pt_BR, sv_SE, da_DK, fi_FI, cs_CZ, hu_HU, tr_TR, ...), people
the same. They stand in 45+ frames of unlike styles with PLACE slots (from, in, to, near, based
in, born in, moved to, "Town, Country", forms "City: X", CSV rows, lists, signatures, chat) and
PERSON slots (vocatives, possessives, "X had given", "leave me X,", "X just has to", "directed
by", "starring", sign-offs); a text may hold both. Some texts are rendered in lower case (chat),
some values in capitals (labels). A span counts only if its ends and its type are exact.

Negatives: places inside the names of companies, funds, films and products ("Banco Santander
SA", "Nuveen California Municipal Fund", "a 1991 Brazil action film"), operating systems,
standards, languages, months, weekdays and common words that are also towns: any LOCATION or
PERSON found there is a false positive.

Classes of error reported per type: missed (no overlap), confused (the span found with the
other type), cut, swallowed, shifted, spurious.
"""

from __future__ import annotations

import collections
import random
import sys
from typing import Dict, List, Tuple

LOCALES = [
    "en_US", "en_GB", "en_AU", "en_CA", "de_DE", "de_AT", "fr_FR", "es_ES", "es_MX", "it_IT", "nl_NL", "pl_PL",
    "pt_BR", "sv_SE", "da_DK", "fi_FI", "cs_CZ", "hu_HU", "tr_TR", "no_NO", "ro_RO", "hr_HR",
]  # fmt: skip

# Frames: {c} a town, {k} a country, {r} a region, {n} a full name, {g} a given name alone, {s} a surname alone.
# The letter says the type of the gold span: c k r -> LOCATION, n g s -> PERSON.
FRAMES = {
    "en": [
        "I'm originally from {c}, and I'm 34.", "She was born in {c} in 1988.", "We moved to {c} last spring.",
        "My parents still live in {c}.", "The company is based in {c}.", "I am in {c} for a business trip.",
        "He arrived at {c} this morning from {k}.", "Our office in {c} is closed today.", "Flight to {c} is delayed.",
        "Sent from {c}, {k}", "Location: {c}, {k}", "City: {c}\nCountry: {k}", "id,name,city\n12,{n},{c}",
        "{n},{c},{k}", "- {c}\n- {c2}\n- {k}", "hey i'm in {lc} rn, back tomorrow", "just landed in {lc} lol",
        "grew up near {c} but live in {c2} now", "The weather in {c} was awful.", "{c} is a small town in {r}.",
        "The bridge in {c} is falling down.", "Greetings from {c}!", "He hails from {c}, {r}.",
        "Shipping address city: {uc}", "a hotel in {c} near the station", "Delivered to {c} on Monday.",
        "Hi {g}, are you still in {c}?", "Thanks {g}!\n\n{n}\n{c}, {k}", "{n} moved to {c} in 2019.",
        "You picked a fine time to leave me {g}, four hungry children.", "but {g} just has to get it done",
        "As promised, here's {g}'s address.", "{n} had given {g} his address.", "{g}, can I please speak to your boss?",
        "a 1999 drama directed by {n} and starring {s}", "Best regards,\n{n}", "Dear {g},\nsee you soon.",
        "My name is {n} but everyone calls me {g}", "Why is {g} so impulsive?", "Ask {g} about the flat in {c}.",
        "Speaker: {n}\nCity: {c}", "{n} ({c}): can you send the file?", "Attendees: {n}, {m} and {g}",
        "I met {g} in {c} last year.", "The parcel from {c} arrived.", "She relocated to {k} after the war.",
        "The Mayor of {c} said no.", "Travelling from {c} to {c2} by train.",
    ],
    "fr": [
        "J'habite à {c} depuis 2010.", "Elle est née à {c}.", "Bonjour {g}, tu es toujours à {c} ?",
        "Ville : {c}\nPays : {k}", "{n} a déménagé à {c}.", "Cordialement,\n{n}\n{c}", "Il vient de {c}, en {k}.",
        "Merci {g} !", "Nous sommes partis de {c} hier.",
    ],
    "es": [
        "Vivo en {c} desde niño.", "Nació en {c}.", "Hola {g}, ¿sigues en {c}?", "Ciudad: {c}\nPaís: {k}",
        "{n} se mudó a {c}.", "Saludos,\n{n}\n{c}", "Soy de {c}, {k}.", "Gracias {g}.", "Llegamos a {c} ayer.",
    ],
    "de": [
        "Ich wohne in {c}.", "Sie wurde in {c} geboren.", "Hallo {g}, bist du noch in {c}?", "Stadt: {c}\nLand: {k}",
        "{n} ist nach {c} gezogen.", "Viele Grüße\n{n}\n{c}", "Er kommt aus {c}.", "Danke {g}!", "Wir fahren morgen nach {c}.",
    ],
}
PLACE_KEYS = {"c", "c2", "k", "r", "lc", "uc"}

# Things with a place or a name word inside that are no place and no person.
NEGATIVE_THINGS = [
    "Banco Santander SA", "Nuveen California AMT-Free Quality Municipal Income Fund", "Tata Steel India Ltd",
    "Lyxor STOXX Europe 600 ETF", "Bank of America", "Air France", "Deutsche Bank AG", "New York Times",
    "Paris Saint-Germain", "Real Madrid", "Vienna Insurance Group", "Swiss Re", "Boston Consulting Group",
    "Texas Instruments", "Florida Power & Light", "Canada Goose", "Dublin Core", "Java", "Windows", "Unicode",
    "Python", "Ubuntu", "Debian", "Android", "Jasmine", "Mocha", "Chrome", "Safari", "Phoenix framework",
    "Oregon Scientific", "Detroit Diesel", "Cambridge University Press", "Oxford Dictionaries", "Brazil nut oil",
]  # fmt: skip
NEGATIVE_FRAMES = [
    "I work for {t}.", "{t} reported higher profits.", "We switched to {t} last year.", "Is {t} better than {u}?",
    "{t} and {u} both crashed.", "Tool: {t}", "Have you tried {t}?", "The {t} team replied quickly.",
    "Zoolander is a 2001 {k} action-comedy film.", "The {k} government began the process.",
    "It happened in March, on a Monday.", "Set the encoding to Unicode in Windows.", "Reading is fun; Bath time at Nice o'clock.",
    "i work for {lt} now", "{t} (v2) is out.",
]  # fmt: skip


class Values:
    def __init__(self, seed: int):
        import h17r_probe

        self.fakers = h17r_probe.fakers(LOCALES, seed)

    def draw(self, rng: random.Random) -> Dict[str, str]:
        f = self.fakers[rng.choice(LOCALES)]
        g = self.fakers[rng.choice(LOCALES)]

        def region(faker) -> str:
            for attr in ("state", "region", "administrative_unit", "province", "county"):
                try:
                    return getattr(faker, attr)()
                except AttributeError:
                    continue
            return faker.country()

        city, city2 = f.city(), g.city()
        return {
            "c": city, "c2": city2, "k": f.country(), "r": region(f), "lc": city.lower(), "uc": city.upper(),
            "n": f"{g.first_name()} {g.last_name()}", "m": f"{f.first_name()} {f.last_name()}", "g": g.first_name(),
            "s": g.last_name(),
        }  # fmt: skip


def fill(frame: str, values: Dict[str, str]) -> Tuple[str, List[Tuple[int, int, str]]]:
    text, gold, i = "", [], 0
    while i < len(frame):
        if frame[i] == "{":
            j = frame.index("}", i)
            key = frame[i + 1 : j]
            value = values[key]
            gold.append((len(text), len(text) + len(value), "LOCATION" if key in PLACE_KEYS else "PERSON"))
            text += value
            i = j + 1
        else:
            text += frame[i]
            i += 1
    return text, gold


def positives(rng: random.Random, values: Values, n: int, langs: List[str]):
    out = []
    for _ in range(n):
        lang = rng.choice(langs)
        text, gold = fill(rng.choice(FRAMES[lang]), values.draw(rng))
        if rng.random() < 0.08:
            text = text.lower()
        out.append((lang, text, gold))
    return out


def negatives(rng: random.Random, values: Values, n: int) -> List[str]:
    out = []
    for _ in range(n):
        t, u = rng.sample(NEGATIVE_THINGS, 2)
        k = rng.choice(["Brazil", "French", "brazil", "Italian", "Mexico"])
        out.append(rng.choice(NEGATIVE_FRAMES).format(t=t, u=u, lt=t.lower(), k=k))
    return out


def classify(pred: Tuple[int, int, str], gold: List[Tuple[int, int, str]]) -> str:
    """h17r_probe's classes of a span, and "confused" for the right span with the other type."""
    import h17r_probe

    if pred in gold:
        return "exact"
    if any((pred[0], pred[1]) == (g[0], g[1]) for g in gold):
        return "confused"
    return h17r_probe.classify((pred[0], pred[1]), [(g[0], g[1]) for g in gold])


def main(argv=None) -> int:
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    import h17r_probe

    args, langs, detectors = h17r_probe.setup(__doc__.splitlines()[0], argv, 900, ["PERSON", "LOCATION", "STREET_ADDRESS"])
    rng = random.Random(args.seed)
    values = Values(args.seed)
    types = ("LOCATION", "PERSON")
    stats = {t: collections.Counter() for t in types}
    by_lang = {lang: collections.Counter() for lang in langs}
    errors = collections.defaultdict(list)
    for lang, text, gold in positives(rng, values, args.n, langs):
        preds = sorted({(s, e, t) for t, s, e in detectors[lang].predict(text) if t in types})
        for kind in types:
            c = stats[kind]
            mine = [p for p in preds if p[2] == kind]
            c["gold"] += sum(1 for g in gold if g[2] == kind)
            c["pred"] += len(mine)
            for p in mine:
                cls = classify(p, gold)
                c[cls] += 1
                by_lang[lang]["exact" if cls == "exact" else "wrong"] += 1
                if cls != "exact":
                    errors[kind, cls].append((text, text[p[0] : p[1]]))
            for g in gold:
                if g[2] == kind and g not in preds and not any(p[0] < g[1] and g[0] < p[1] for p in preds):
                    c["missed"] += 1
                    errors[kind, "missed"].append((text, text[g[0] : g[1]]))
        by_lang[lang]["gold"] += len(gold)
    spurious = []
    n_neg = args.n // 3
    for text in negatives(rng, values, n_neg):
        found = [(t, text[s:e]) for t, s, e in detectors["en"].predict(text) if t in types] if "en" in detectors else []
        if found:
            spurious.append((text, found))
    for kind, c in stats.items():
        print(h17r_probe.score_line(kind, c, ("missed", "confused", "cut", "swallowed", "shifted", "spurious"), width=8))
    for lang, c in by_lang.items():
        print(f"  {lang}: gold {c['gold']} exact {c['exact']} wrong {c['wrong']}")
    print(f"negatives with a LOCATION or PERSON: {len(spurious)}/{n_neg}")
    for (kind, cls), items in sorted(errors.items()):
        for text, span in items[: args.errors]:
            print(f"  {kind} {cls}: {span!r} in {text!r}")
    for text, found in spurious[: args.errors]:
        print(f"  negative: {found} in {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
