"""A generated probe of LOCATION spans in styles unlike the outside generator's (issue 17, h17v).

    python bench/eval/h17v_probe.py [--n 1200] [--seed 17] [--errors 30]

Towns, regions and countries are drawn with Faker from many locales (English, Irish, Australian,
Canadian, Indian, German, Austrian, Swiss, French, Belgian, Spanish, Mexican, Argentine, Colombian,
Italian, Dutch, Polish, Czech, Slovak, Slovenian, Hungarian, Romanian, Croatian, Swedish, Danish,
Norwegian, Finnish, Estonian, Portuguese, Brazilian, Turkish, Greek in Latin letters is not drawn),
plus a fixed list of hard names (accented, several words, particles: "Puntas de Valdés",
"Gyopárosfürdô", "Santa Cruz de Tenerife"). They stand in 90+ English frames of travel and
shipping chat, weather, news, forms and CRM rows, e-mails, bios, lower-case chat, lists
("Lyon, Porto and Gdańsk"), "City, Region, Country", "from X to Y", places in brackets or after
commas, at a sentence start, as the object of visit/fly/drive/relocate, "X-based". People stand in
person slots in the same texts: a person found as a LOCATION there is a confusion.

Negatives: people's names where the slot says person (incl. names that are towns too: "Jordan",
"Austin", "Florence", "Victoria"), organisations, products, operating systems and standards,
dictionary words: any LOCATION there is a false positive.

Classes of error reported per type: missed, confused (right span, other type), cut, swallowed,
shifted, spurious; and for misses, the frame they came from (the frame is the class).
"""

from __future__ import annotations

import collections
import random
import sys
from typing import Dict, List, Tuple

LOCALES = [
    "en_US", "en_GB", "en_IE", "en_AU", "en_CA", "en_IN", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_BE", "es_ES",
    "es_MX", "es_AR", "es_CO", "it_IT", "nl_NL", "pl_PL", "cs_CZ", "sk_SK", "sl_SI", "hu_HU", "ro_RO", "hr_HR",
    "sv_SE", "da_DK", "no_NO", "fi_FI", "et_EE", "pt_PT", "pt_BR", "tr_TR",
]  # fmt: skip

HARD_TOWNS = [
    "Puntas de Valdés", "Gyopárosfürdô", "Santa Cruz de Tenerife", "Tápiószőlős", "Prádena del Rincón",
    "Castellón de la Plana", "Villanueva de la Serena", "Aix-en-Provence", "Saint-Étienne", "Bad Homburg vor der Höhe",
    "Frankfurt am Main", "Stratford-upon-Avon", "Rio de Janeiro", "São José dos Campos", "Ciudad del Este",
    "Kristiansand", "Jyväskylä", "Hódmezővásárhely", "Székesfehérvár", "Łódź", "Gdańsk", "Bielsko-Biała",
    "Ústí nad Labem", "České Budějovice", "Novo mesto", "Groot-Loon", "Sint-Niklaas", "Den Helder", "'s-Hertogenbosch",
    "Cite Ennouzha", "Sidi Bouzid", "La Chaux-de-Fonds", "San Sebastián de los Reyes", "Alcalá de Henares",
    "Reykjavík", "Akureyri", "Tromsø", "Ísafjörður", "Nuuk", "Ilulissat", "Puerto Montt", "Vila Nova de Gaia",
]  # fmt: skip

# Frames: {c} {c2} {c3} towns, {k} a country, {r} a region or state, {lc} {lk} in lower case, {uc} in
# capitals; {n} a full name, {g} a given name alone, {s} a surname. c k r lc lk uc -> LOCATION.
FRAMES = [
    # travel and shipping chat
    "Can you ship it to {c}? I'm there until Friday.", "The package left {c} yesterday and should reach {c2} on Monday.",
    "Is there a direct train from {c} to {c2}?", "We drove from {c} to {c2} in one day.", "Flying {c} -> {c2} next week.",
    "I want to visit {c} next summer.", "We visited {c} and {c2} on our honeymoon.", "I'll fly to {k} in May.",
    "She relocated to {c} for work.", "They plan to relocate to {k} next year.", "Customs in {k} held my parcel.",
    "Your order has been dispatched from our warehouse in {c}.", "Tracking: arrived at sorting centre, {c}",
    "Any tips for a weekend in {c}?", "Backpacking through {k} right now!", "Just got back from {c}, what a trip.",
    "We're driving down to {c} on Saturday.", "Do you deliver to {c}, {k}?", "Pickup point: {c}",
    # weather and news
    "Heavy snow is expected in {c} tonight.", "Temperatures in {r} will reach 35 degrees.", "{c}: 14°C, light rain.",
    "Floods hit {r} on Tuesday, officials said.", "A 4.2 earthquake shook {c} early this morning.",
    "Police in {c} arrested two men.", "The mayor of {c} resigned on Monday.", "Elections in {k} are due in spring.",
    "{c} has banned cars from its centre.", "Weather for {c}, {r}: sunny.",
    # forms and CRM rows
    "City: {c}\nRegion: {r}\nCountry: {k}", "Town/City: {c}", "Place of birth: {c}", "Country of residence: {k}",
    "Name: {n}\nCity: {c}\nCountry: {k}", "{n} | {c} | {k} | active", "id;name;city;country\n7;{n};{c};{k}",
    "customer,town\n{n},{c}", "Birthplace - {c}, {k}", "Nationality: {k}\nResidence: {c}", "State/Province: {r}",
    # e-mails and signatures
    "Hi {g},\nI'll be in {c} from the 3rd to the 9th. Coffee?\nBest,\n{n}", "Kind regards,\n{n}\n{c}, {k}",
    "{n}\nSales Manager\n{c} office", "Greetings from sunny {c}!", "Sent from my phone in {c}",
    # bios
    "{n} is a painter who lives and works in {c}.", "Born in {c}, {n} studied law in {c2}.",
    "{n} grew up in {c} and now lives in {k}.", "A {c}-based designer, {n} loves maps.",
    "{g} splits her time between {c} and {c2}.", "{n} (born 1971 in {c}) is a writer.", "Raised in {r}, {g} moved abroad at 18.",
    # lists and places after commas, in brackets
    "Our stores: {c}, {c2} and {c3}.", "Stops include {c}, {c2}, and {c3}.", "Venues ({c}, {c2}) are booked.",
    "The tour covers {k}, {c} and {c2}.", "We have offices in {c}, {r}, {k}.", "Conference in {c} ({k}), 3-5 June.",
    "Last seen near {c}, {r}.", "She lives in {c}, {r}, {k}.", "Cities: {c}; {c2}; {c3}",
    # sentence starts
    "{c} was lovely this time of year.", "{k} won the match 2-1.", "{c} is only an hour away.", "{r} is famous for its wine.",
    "{c}, {k} - population 12,000.",
    # lower-case chat
    "omg just landed in {lc}", "anyone here from {lc}?", "moving to {lk} next month lol", "we drove from {lc} to {lc2} today",
    "i live in {lc} btw", "greetings from {lc}", "heading to {lc} tomorrow, u coming?", "{lc} is so cold rn",
    # capitals
    "DESTINATION: {uc}", "SHIP TO {uc}", "Ship to: {uc}, {k}",
    # people in person slots next to places
    "{n} called from {c} this morning.", "Please forward this to {g} in {c}.", "Ask {n} about {c}.",
    "Meeting with {n} ({c})", "{g} said {c} was too expensive.", "Thanks {g}, see you in {c}!",
]  # fmt: skip
PLACE_KEYS = {"c", "c2", "c3", "k", "r", "lc", "lc2", "lk", "uc"}

# People named like places, things with place words in, products, systems, standards, words.
NEGATIVE_THINGS = [
    "Windows", "Unicode", "Linux", "macOS", "Android", "Ubuntu", "Debian", "Java", "Python", "Kubernetes", "PostgreSQL",
    "ISO 8601", "UTF-8", "Bluetooth", "Wi-Fi", "Excel", "Outlook", "Slack", "Jira", "Figma", "Chrome", "Safari",
    "Samsung", "Nokia", "Ericsson", "Deutsche Bank", "Air France", "Bank of America", "Canada Goose", "Tesla", "Toyota",
]  # fmt: skip
NEGATIVE_PEOPLE = ["Jordan", "Austin", "Florence", "Victoria", "Georgia", "Paris", "Sydney", "Chelsea", "Dallas", "Israel",
                   "Lincoln", "Orlando", "Savannah", "Brooklyn", "Adelaide", "Eugene", "Marion", "Charlotte"]  # fmt: skip
NEGATIVE_FRAMES = [
    "I work for {t}.", "{t} crashed again.", "We migrated to {t} last year.", "Is {t} better than {u}?", "Tool: {t}",
    "Set the encoding to {t} in {u}.", "Have you tried {t}?", "Open {t} and click Save.", "{t} and {u} both failed.",
    "Dear {p},\nthanks for your reply.", "{p} said the report is late.", "Please ask {p} to call me.",
    "Hi {p}, can you check this?", "Thanks, {p}!", "Regards,\n{p} {s}", "Contact: {p} {s}", "{p} {s} joined the team.",
    "I met {p} at the gym.", "Call {p} back.", "It happened in March, on a Monday.", "Reading is fun.",
    "Nice work, Mobile team!", "The Buffalo wings were cold.", "Order: 2x Turkey sandwich", "He plays Jordan in the film.",
]  # fmt: skip


class Values:
    def __init__(self, seed: int):
        import h17r_probe

        self.fakers = h17r_probe.fakers(LOCALES, seed)

    def _city(self, rng: random.Random) -> str:
        if rng.random() < 0.12:
            return rng.choice(HARD_TOWNS)
        return self.fakers[rng.choice(LOCALES)].city()

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

        c, c2, c3 = (self._city(rng) for _ in range(3))
        k = f.country() if rng.random() < 0.5 else self.fakers["en_US"].country()
        return {
            "c": c, "c2": c2, "c3": c3, "k": k, "r": region(f), "lc": c.lower(), "lc2": c2.lower(), "lk": k.lower(),
            "uc": c.upper(), "n": f"{g.first_name()} {g.last_name()}", "g": g.first_name(), "s": g.last_name(),
        }  # fmt: skip


def negatives(rng: random.Random, values: Values, n: int) -> List[str]:
    out = []
    for _ in range(n):
        t, u = rng.sample(NEGATIVE_THINGS, 2)
        p = rng.choice(NEGATIVE_PEOPLE)
        s = values.fakers[rng.choice(LOCALES)].last_name()
        out.append(rng.choice(NEGATIVE_FRAMES).format(t=t, u=u, p=p, s=s))
    return out


def main(argv=None) -> int:
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    import h17r_probe
    import h17s_probe

    args, _, detectors = h17r_probe.setup(__doc__.splitlines()[0], list(argv or sys.argv[1:]) + ["--lang", "en"], 1200,
                                          ["PERSON", "LOCATION", "STREET_ADDRESS"])  # fmt: skip
    detector = detectors["en"]
    rng = random.Random(args.seed)
    values = Values(args.seed)
    types = ("LOCATION", "PERSON")
    stats = {t: collections.Counter() for t in types}
    errors = collections.defaultdict(list)
    by_frame: Dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for _ in range(args.n):
        frame = rng.choice(FRAMES)
        text, gold = h17s_probe.fill(frame, values.draw(rng))
        gold = [(s, e, "LOCATION" if t == "LOCATION" else "PERSON") for s, e, t in gold]
        # h17s_probe.fill types keys by its own PLACE_KEYS: retype by ours.
        keys = _keys(frame)
        gold = [(s, e, "LOCATION" if key in PLACE_KEYS else "PERSON") for (s, e, _), key in zip(gold, keys)]
        preds = sorted({(s, e, t) for t, s, e in detector.predict(text) if t in types or t == "STREET_ADDRESS"})
        preds = [(s, e, "LOCATION" if t == "STREET_ADDRESS" and (s, e, "LOCATION") in gold else t) for s, e, t in preds]
        preds = [p for p in preds if p[2] in types]
        for kind in types:
            c = stats[kind]
            mine = [p for p in preds if p[2] == kind]
            c["gold"] += sum(1 for g in gold if g[2] == kind)
            c["pred"] += len(mine)
            for p in mine:
                cls = h17s_probe.classify(p, gold)
                c[cls] += 1
                if cls != "exact":
                    errors[kind, cls].append((text, text[p[0] : p[1]]))
            for g in gold:
                if g[2] != kind:
                    continue
                by_frame[frame]["gold"] += 1
                if g in preds:
                    by_frame[frame]["exact"] += 1
                elif not any(p[0] < g[1] and g[0] < p[1] for p in preds):
                    c["missed"] += 1
                    errors[kind, "missed"].append((text, text[g[0] : g[1]]))
    spurious = []
    n_neg = args.n // 3
    for text in negatives(rng, values, n_neg):
        found = [text[s:e] for t, s, e in detector.predict(text) if t == "LOCATION"]
        if found:
            spurious.append((text, found))
    for kind, c in stats.items():
        print(h17r_probe.score_line(kind, c, ("missed", "confused", "cut", "swallowed", "shifted", "spurious"), width=8))
    print(f"negatives with a LOCATION: {len(spurious)}/{n_neg}")
    print("weakest frames (exact/gold):")
    for frame, c in sorted(by_frame.items(), key=lambda kv: kv[1]["exact"] / max(kv[1]["gold"], 1))[: args.errors]:
        print(f"  {c['exact']:3d}/{c['gold']:3d}  {frame!r}")
    for (kind, cls), items in sorted(errors.items()):
        for text, span in items[: args.errors]:
            print(f"  {kind} {cls}: {span!r} in {text!r}")
    for text, found in spurious[: args.errors]:
        print(f"  negative: {found} in {text!r}")
    return 0


def _keys(frame: str) -> List[str]:
    keys, i = [], 0
    while True:
        i = frame.find("{", i)
        if i == -1:
            return keys
        j = frame.index("}", i)
        keys.append(frame[i + 1 : j])
        i = j + 1


if __name__ == "__main__":
    sys.exit(main())
