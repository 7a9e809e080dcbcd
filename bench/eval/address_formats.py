"""Postal addresses of many countries, written the many ways people and systems write them (issue 17).

    python bench/eval/address_formats.py [--show 40]

Each address is written here in its own country's order (house number before or after the street,
postal code before or after the town, units, building names, regions, the country last) and put in
several contexts: one line with commas, a block over lines under a name, running prose, a table
export that joins lines with a literal backslash-n, and a form with one field per line
("Street:", "City:", "ZIP:", "Country:"); the sentence around it is English, or the language of the
country for French, Spanish and German ones. Reported per context and per country:

* **whole**: every character of the address (of every field value, in a form) is covered by some
  detection, of any type: what a privacy guard needs;
* **one span**: a single STREET_ADDRESS covers the whole address (not for forms), as
  ``GUIDELINES.md`` labels a postal address.

Counterparts (documentation prose with versions, paths, products, months, section numbers, years
after words that end like street types) must get no STREET_ADDRESS and no LOCATION; a person
followed by a town, no STREET_ADDRESS (the town alone is a LOCATION).
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from structured_probe import build_engines  # noqa: E402

ENTITIES = ["STREET_ADDRESS", "LOCATION", "PERSON", "PHONE_NUMBER", "DATE_OF_BIRTH", "EMAIL_ADDRESS"]

# country code -> (frame language, list of addresses); an address is (lines, fields), the lines as the
# country writes them, the fields (street, town, postal code, country) as a form asks for them.
Address = Tuple[List[str], Dict[str, str]]


def _a(lines: List[str], street: str, town: str, code: str, country: str) -> Address:
    return lines, {"street": street, "town": town, "code": code, "country": country}


ADDRESSES: Dict[str, Tuple[str, List[Address]]] = {
    "US": ("en", [
        _a(["4417 Willow Bend Road", "Apt 12C", "Fort Collins, CO 80525", "USA"], "4417 Willow Bend Road", "Fort Collins", "80525", "USA"),
        _a(["88 Pell Street, Suite 300", "Albany, NY 12207-1004", "United States"], "88 Pell Street, Suite 300", "Albany", "12207-1004", "United States"),
    ]),
    "UK": ("en", [
        _a(["Flat 4, Harrow Court", "17 Lime Grove", "Didsbury", "Manchester M20 6QT", "United Kingdom"], "17 Lime Grove", "Manchester", "M20 6QT", "United Kingdom"),
        _a(["Rosebank Cottage", "2 Mill Lane", "Great Shelford", "Cambridge", "CB22 5EH"], "2 Mill Lane", "Cambridge", "CB22 5EH", "UK"),
    ]),
    "IE": ("en", [
        _a(["Apartment 9, Block B", "Clarion Quay", "Dublin 1", "D01 K8W2", "Ireland"], "Clarion Quay", "Dublin", "D01 K8W2", "Ireland"),
        _a(["14 Oakfield Park", "Ballincollig", "Co. Cork", "P31 XK40"], "14 Oakfield Park", "Ballincollig", "P31 XK40", "Ireland"),
    ]),
    "CA": ("en", [
        _a(["1208-455 Rue Sainte-Catherine Ouest", "Montréal QC H3B 1A7", "Canada"], "1208-455 Rue Sainte-Catherine Ouest", "Montréal", "H3B 1A7", "Canada"),
        _a(["72 Birchmount Crescent", "Saskatoon, SK S7H 2R5"], "72 Birchmount Crescent", "Saskatoon", "S7H 2R5", "Canada"),
    ]),
    "AU": ("en", [
        _a(["Unit 5, 23 Wattle Street", "Ultimo NSW 2007", "Australia"], "Unit 5, 23 Wattle Street", "Ultimo", "2007", "Australia"),
        _a(["3/118 Canning Highway", "South Perth WA 6151"], "3/118 Canning Highway", "South Perth", "6151", "Australia"),
    ]),
    "NZ": ("en", [
        _a(["27 Kowhai Terrace", "Karori", "Wellington 6012", "New Zealand"], "27 Kowhai Terrace", "Wellington", "6012", "New Zealand"),
    ]),
    "DE": ("de", [
        _a(["Lindenhofweg 14a", "79102 Freiburg im Breisgau", "Deutschland"], "Lindenhofweg 14a", "Freiburg im Breisgau", "79102", "Deutschland"),
        _a(["Bei der Alten Mühle 3", "c/o Ketterer", "24103 Kiel"], "Bei der Alten Mühle 3", "Kiel", "24103", "Germany"),
    ]),
    "AT": ("de", [
        _a(["Schönbrunner Straße 218/3/12", "1120 Wien", "Österreich"], "Schönbrunner Straße 218/3/12", "Wien", "1120", "Österreich"),
    ]),
    "CH": ("de", [
        _a(["Rämistrasse 59", "8001 Zürich", "Schweiz"], "Rämistrasse 59", "Zürich", "8001", "Schweiz"),
        _a(["Chemin des Vignes 7", "1009 Pully", "Suisse"], "Chemin des Vignes 7", "Pully", "1009", "Switzerland"),
    ]),
    "FR": ("fr", [
        _a(["Bâtiment C, appartement 42", "18 avenue Jean Jaurès", "69007 Lyon", "France"], "18 avenue Jean Jaurès", "Lyon", "69007", "France"),
        _a(["5 impasse des Tilleuls", "44300 Nantes"], "5 impasse des Tilleuls", "Nantes", "44300", "France"),
    ]),
    "BE": ("fr", [
        _a(["Rue de la Loi 155, bte 3", "1040 Etterbeek", "Belgique"], "Rue de la Loi 155", "Etterbeek", "1040", "Belgique"),
        _a(["Kortrijksesteenweg 212", "9000 Gent", "Belgium"], "Kortrijksesteenweg 212", "Gent", "9000", "Belgium"),
    ]),
    "NL": ("en", [
        _a(["Prinsengracht 263-II", "1016 GV Amsterdam", "Netherlands"], "Prinsengracht 263-II", "Amsterdam", "1016 GV", "Netherlands"),
        _a(["Van Oldenbarneveltlaan 41", "2582 NK Den Haag"], "Van Oldenbarneveltlaan 41", "Den Haag", "2582 NK", "Netherlands"),
    ]),
    "ES": ("es", [
        _a(["Calle de Alcalá 142, 4º izda.", "28009 Madrid", "España"], "Calle de Alcalá 142, 4º izda.", "Madrid", "28009", "España"),
        _a(["Avinguda Diagonal 611, 2n 1a", "08028 Barcelona"], "Avinguda Diagonal 611", "Barcelona", "08028", "Spain"),
    ]),
    "PT": ("en", [
        _a(["Rua Augusta 27, 3º Esq", "1100-048 Lisboa", "Portugal"], "Rua Augusta 27", "Lisboa", "1100-048", "Portugal"),
    ]),
    "IT": ("en", [
        _a(["Via Giuseppe Garibaldi 23", "10122 Torino TO", "Italia"], "Via Giuseppe Garibaldi 23", "Torino", "10122", "Italy"),
        _a(["Corso Vittorio Emanuele II 154, scala B", "80121 Napoli (NA)"], "Corso Vittorio Emanuele II 154", "Napoli", "80121", "Italy"),
    ]),
    "SE": ("en", [
        _a(["Sveavägen 44, lgh 1102", "111 34 Stockholm", "Sweden"], "Sveavägen 44", "Stockholm", "111 34", "Sweden"),
    ]),
    "NO": ("en", [
        _a(["Thereses gate 12B", "0168 Oslo", "Norway"], "Thereses gate 12B", "Oslo", "0168", "Norway"),
    ]),
    "DK": ("en", [
        _a(["Nørrebrogade 88, 3. th.", "2200 København N", "Denmark"], "Nørrebrogade 88", "København", "2200", "Denmark"),
    ]),
    "FI": ("en", [
        _a(["Mannerheimintie 15 B 22", "00260 Helsinki", "Finland"], "Mannerheimintie 15 B 22", "Helsinki", "00260", "Finland"),
    ]),
    "PL": ("en", [
        _a(["ul. Marszałkowska 84/92 m. 15", "00-514 Warszawa", "Poland"], "ul. Marszałkowska 84/92 m. 15", "Warszawa", "00-514", "Poland"),
    ]),
    "CZ": ("en", [
        _a(["Vinohradská 1511/230", "100 00 Praha 10", "Czech Republic"], "Vinohradská 1511/230", "Praha", "100 00", "Czech Republic"),
    ]),
    "HU": ("en", [
        _a(["Andrássy út 47. II. em. 5.", "1061 Budapest", "Hungary"], "Andrássy út 47.", "Budapest", "1061", "Hungary"),
    ]),
    "GR": ("en", [
        _a(["Leoforos Vasilissis Sofias 76", "115 28 Athens", "Greece"], "Leoforos Vasilissis Sofias 76", "Athens", "115 28", "Greece"),
    ]),
    "IS": ("en", [
        _a(["Laugavegur 59", "101 Reykjavík", "Iceland"], "Laugavegur 59", "Reykjavík", "101", "Iceland"),
    ]),
    "JP": ("en", [
        _a(["2-11-3 Meguro, Meguro-ku", "Tokyo 153-0063", "Japan"], "2-11-3 Meguro", "Tokyo", "153-0063", "Japan"),
    ]),
    "BR": ("en", [
        _a(["Rua Oscar Freire 379, apto 52", "Jardim Paulista", "São Paulo - SP", "01426-001", "Brazil"], "Rua Oscar Freire 379", "São Paulo", "01426-001", "Brazil"),
    ]),
    "MX": ("es", [
        _a(["Av. Insurgentes Sur 1602, Int. 4", "Col. Crédito Constructor", "03940 Ciudad de México, CDMX", "México"], "Av. Insurgentes Sur 1602", "Ciudad de México", "03940", "México"),
    ]),
    "IN": ("en", [
        _a(["Flat 302, Sai Krupa Apartments", "14th Cross Road, Indiranagar", "Bengaluru, Karnataka 560038", "India"], "14th Cross Road", "Bengaluru", "560038", "India"),
    ]),
    "ZA": ("en", [
        _a(["45 Jan Smuts Avenue", "Rosebank", "Johannesburg 2196", "South Africa"], "45 Jan Smuts Avenue", "Johannesburg", "2196", "South Africa"),
    ]),
}

FRAMES = {
    "en": ["Please ship the parcel to {a} before Friday.", "My new address is {a}.", "We moved to {a} last spring, it is lovely."],
    "fr": ["Merci d'envoyer le colis à {a} avant vendredi.", "Ma nouvelle adresse est {a}."],
    "es": ["Envíe el paquete a {a} antes del viernes.", "Mi nueva dirección es {a}."],
    "de": ["Bitte schicken Sie das Paket an {a} vor Freitag.", "Meine neue Anschrift lautet {a}."],
}
BLOCK = {"en": "Ship to:\nMorgan Ellery\n{a}\n\nThanks!", "fr": "Destinataire :\nMorgan Ellery\n{a}\n\nMerci !",
         "es": "Destinatario:\nMorgan Ellery\n{a}\n\n¡Gracias!", "de": "Empfänger:\nMorgan Ellery\n{a}\n\nDanke!"}
FORM = {"en": "Street: {street}\nCity: {town}\nZIP: {code}\nCountry: {country}",
        "fr": "Rue : {street}\nVille : {town}\nCode postal : {code}\nPays : {country}",
        "es": "Calle: {street}\nCiudad: {town}\nCódigo postal: {code}\nPaís: {country}",
        "de": "Straße: {street}\nOrt: {town}\nPLZ: {code}\nLand: {country}"}

NEGATIVES = [
    "Install Python 3.11 on Windows 10 and run the tests in March.",
    "See section 4.2 of RFC 7231 for the caching rules.",
    "The package lives in /usr/local/lib/python3.11/site-packages on most systems.",
    "Unicode 15 added 4489 characters; version 2.3 of the parser reads them.",
    "Set max_workers to 16 in config.yaml, then restart the Worker Pool.",
    "Room 12 is on Level 3, next to the Main Hall.",
    "Chapter 7 Market Street Economics covers supply and demand.",
    "Click Settings > Privacy > Location Services to turn it off.",
    "The Oracle Database 19c runs on Linux 8 servers in the data centre.",
    "Route 53 maps names to 2 load balancers in us-east-1.",
    "The Spring 2024 release adds dark mode; we are Hiring 2025 graduates.",
    "Please proceed to the boarding gate 12, then Suite 5, Park Lane Hotel.",
    "Run git checkout main, then npm install and open localhost:3000.",
    "Page 12 Park Avenue Press is the publisher of the series.",
    "Der Bericht auf Seite 5 nennt 12 Standorte.",
    "La version 4 de l'outil sort en mars avec 30 correctifs.",
    "El capítulo 3 explica la instalación en Windows 11.",
    "Use Docker Compose 2 with 4 CPUs and 8 GB of RAM.",
]


# Places in prose that are no (part of an) address: a LOCATION is right there; the only
# STREET_ADDRESS allowed is the street itself.
NOT_ADDRESSES = [
    ("Jonas Weber, Berlin, asked about the refund policy.", None),
    ("I live at 12 Main Street. London is great in spring.", "12 Main Street"),
    ("Our shop: 12 Main Street\nLondon office hours are 9 to 5.", "12 Main Street"),
    ("Deliver to 12 Main Street, URGENT", "12 Main Street"),
]


def contexts(lang: str, lines: List[str], fields: Dict[str, str]) -> List[Tuple[str, str, List[str]]]:
    """(context, text, values that must be covered) for one address."""
    one = ", ".join(lines)
    out = [(f"oneline-{i}", frame.format(a=one), [one]) for i, frame in enumerate(FRAMES[lang])]
    out.append(("block", BLOCK[lang].format(a="\n".join(lines)), ["\n".join(lines)]))
    out.append(("literal-n", "Address: " + "\\n".join(lines) + "\nPhone on file.", ["\\n".join(lines)]))
    if lang != "en":
        out.append(("oneline-en", FRAMES["en"][0].format(a=one), [one]))
    form = FORM[lang].format(**fields)
    out.append(("form", form, list(fields.values())))
    return out


def covered(spans, start: int, end: int, text: str) -> bool:
    chars = set()
    for s in spans:
        chars.update(range(s.start, s.end))
    return all(i in chars for i in range(start, end) if not text[i].isspace() and text[i] not in ",\\")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=40, help="print up to N misses")
    args = parser.parse_args(argv)
    engines = build_engines(ENTITIES)
    whole, one, total, ones = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
    by_country = collections.defaultdict(lambda: [0, 0, 0, 0])
    shown = 0
    for country, (lang, addresses) in ADDRESSES.items():
        for lines, fields in addresses:
            for ctx, text, values in contexts(lang, lines, fields):
                frame_lang = "en" if ctx == "oneline-en" else lang
                spans = engines[frame_lang].detect(text)
                ok_whole = all(covered(spans, text.index(v), text.index(v) + len(v), text) for v in values)
                ok_one = None
                if ctx != "form":
                    at = text.index(values[0])
                    ok_one = any(s.entity_type == "STREET_ADDRESS" and s.start == at and s.end == at + len(values[0]) for s in spans)
                key = ctx.split("-")[0]
                total[key] += 1
                whole[key] += ok_whole
                by_country[country][0] += 1
                by_country[country][1] += ok_whole
                if ok_one is not None:
                    ones[key] += 1
                    one[key] += ok_one
                    by_country[country][2] += 1
                    by_country[country][3] += ok_one
                if (not ok_whole or ok_one is False) and shown < args.show:
                    shown += 1
                    found = [(s.entity_type, text[s.start : s.end]) for s in spans]
                    print(f"- {country} {ctx} {'whole' if ok_whole else 'CUT'}: {text!r}\n    -> {found}")
    print("\n| context | whole | one span |\n|---|---:|---:|")
    for key in total:
        o = f"{one[key]}/{ones[key]}" if ones[key] else "-"
        print(f"| {key} | {whole[key]}/{total[key]} | {o} |")
    print(f"| all | {sum(whole.values())}/{sum(total.values())} | {sum(one.values())}/{sum(ones.values())} |")
    print("\nper country (whole, one span): " + ", ".join(f"{c} {v[1]}/{v[0]} {v[3]}/{v[2]}" for c, v in by_country.items()))
    bad = 0
    cases = [(text, ("STREET_ADDRESS", "LOCATION"), None) for text in NEGATIVES]
    cases += [(text, ("STREET_ADDRESS",), street) for text, street in NOT_ADDRESSES]
    for text, types, street in cases:
        for lang, engine in engines.items():
            found = [
                (s.entity_type, text[s.start : s.end]) for s in engine.detect(text)
                if s.entity_type in types and text[s.start : s.end] != street
            ]
            if found:
                bad += 1
                print(f"- counterpart ({lang}) {text!r} -> {found}")
    print(f"\ncounterparts with a detection they must not get: {bad} of {len(cases) * len(engines)} (text x language)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
