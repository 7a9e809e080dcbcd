"""Word lists behind the name and place recognizers, built once from Faker's locale data.

Faker is already a dependency (for ``placeholder: fake``). Its person and
address providers hold the common given names and the country, region and
city names of many locales; here they become lookup sets. Words that are
also everyday words ("Will", "May", "Grace", "Chase") are left out, so a
capitalized word at a sentence start is not taken for a name.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import unicodedata
from typing import FrozenSet, Iterable, Set, Tuple

# Locales written in the Latin script whose names turn up in the supported languages' texts.
NAME_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_IN", "en_NZ", "fr_FR", "fr_CA", "fr_CH", "es_ES", "es_MX", "es_AR", "es_CO",
    "es_CL", "de_DE", "de_AT", "de_CH", "it_IT", "pt_PT", "pt_BR", "nl_NL", "pl_PL", "sv_SE", "da_DK", "no_NO",
    "fi_FI", "cs_CZ", "tr_TR", "ro_RO", "hu_HU", "hr_HR",
)  # fmt: skip
# Further Latin-script locales whose people write and are written about in the supported languages
# (Baltic, Slovak and Slovene, Icelandic, Irish, Belgian, Maghreb, Indonesian, Japanese in
# romaji, East and West African, Central Asian): read for the name lists only, and without the
# words that are also dictionary words or shorter than three letters ("Ade", "Baraka" stay; "Sky" goes).
MORE_NAME_LOCALES = (
    "sk_SK", "sl_SI", "et_EE", "lt_LT", "lv_LV", "is_IS", "ga_IE", "fr_BE", "nl_BE", "fr_DZ", "de_LU", "es_CL",
    "id_ID", "ja_JP", "en_KE", "en_PK", "en_NG", "tw_GH", "yo_NG", "ig_NG", "ha_NG", "zu_ZA", "sw", "uz_UZ", "az_AZ",
    "en_TH",
)  # fmt: skip
PLACE_LOCALES = ("en_US", "fr_FR", "es_ES", "de_DE", "it_IT", "pt_PT", "nl_NL")

# Titles, honorifics and ranks written before a name, in the supported languages: the one list
# both the introduction patterns ("Dr. Grace Hopper", "Cpl. Ana Ruiz") and the NER clean-up (which
# trims "Dear Mr" off "Dear Mr Smith") read. Only abbreviations and words that are titles and
# nothing else: "General", "Major", "Private" name companies and beaches too.
TITLES = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Madam",
    "Capt", "Cpl", "Sgt", "Lt", "Col", "Maj", "Pvt", "Pte", "Spc", "Cmdr", "Cdr", "Adm", "Brig", "Insp", "Supt",
    "Rev", "Revd", "Hon",
    "Mme", "Mlle", "M.", "Monsieur", "Madame", "Mademoiselle", "Docteur", "Maître",
    "Sr", "Sra", "Srta", "Señor", "Señora", "Señorita", "Doña", "Dra",
    "Herr", "Herrn", "Frau", "Fräulein", "Sig", "Sig.ra", "Signor", "Signora", "Dott", "Dott.ssa",
)  # fmt: skip

# Words that begin towns' names and that a given name or a word follows there: "Cité Belle Vue",
# "Vila Franca do Campo", "Sidi Ahmed Zarrouk", "Puerto Montt" (towns, not people).
TOWN_FIRST_WORDS = frozenset("cite cité vila villa sidi puerto porto ciudad".split())
# The same for saints' names, which name saints as well as towns ("San Juan", "Santa Lucia").
SAINT_WORDS = frozenset("saint sainte santa san sao são sankt".split())

# Given names that are also common words in English, French, Spanish or German.
AMBIGUOUS_NAMES = frozenset(
    """will may june april august march hope grace joy faith bill art pat sue don guy ray dean gene rich sandy
    frank jack chase hunter miles cash drew lane page sky holly ivy iris dawn rose summer autumn winter amber
    crystal ruby pearl jade misty sunny happy honey angel king prince duke earl baron noble major sterling royal
    precious destiny heaven harmony melody star river rain storm stone glen dale brook clay cliff forest heath
    wood penny patience prudence constance charity verity trinity christian justice liberty unity lucky
    said mark long young rock rocky buck chip chuck dusty rusty gay fay may mae bud mason carter cooper porter
    taylor tyler baker parker fisher hope marine modesto amado bonita clemente felicidad dolores consuelo
    socorro pilar rosario remedios amparo luz paz cruz sol mar nieves ángeles angeles salud fe esperanza
    primo santos reyes milagros concepción asunción rocío
    ernst frieda konrad hermann
    claire pascal clément modeste prosper constant félicité aimé désiré blanche violette olive marine
    victoria florence georgia jordan chad israel sydney austin dallas paris lincoln orlando phoenix
    savannah charlotte madison adelaide florence regina aurora chelsea brooklyn""".split()
)


def _provider_values(module: str, attributes: Iterable[str]) -> list:
    try:
        provider = importlib.import_module(module).Provider
    except Exception:  # a locale missing in this Faker version
        return []
    values: list = []
    for attribute in attributes:
        data = getattr(provider, attribute, ())
        if isinstance(data, dict):
            values.extend(data.keys())
        elif isinstance(data, (list, tuple, set, frozenset)):
            values.extend(data)
    return values


@functools.lru_cache(maxsize=1)
def given_names() -> FrozenSet[str]:
    """Common given names of many locales, as written (capitalized)."""
    names = set()
    for locale in NAME_LOCALES:
        for name in _provider_values(
            f"faker.providers.person.{locale}", ("first_names", "first_names_male", "first_names_female")
        ):
            if isinstance(name, str) and len(name) >= 2 and name[0].isupper() and name.replace("-", "").isalpha():
                names.add(name)
    names |= _more_names(("first_names", "first_names_male", "first_names_female", "first_romanized_names"))
    names |= _romanized_names(("first_names", "first_names_male", "first_names_female", "first_romanized_names"))
    common = set(AMBIGUOUS_NAMES) | stop_words()
    return frozenset(n for n in names if n.lower() not in common)


def _more_names(attributes: Iterable[str]) -> Set[str]:
    """The names of :data:`MORE_NAME_LOCALES` under ``attributes``, leaving out short and dictionary words."""
    names = set()
    for locale in MORE_NAME_LOCALES:
        for name in _provider_values(f"faker.providers.person.{locale}", attributes):
            if (
                isinstance(name, str) and len(name) >= 3 and name[0].isupper() and name[1:].lower() == name[1:]
                and name.replace("-", "").replace("'", "").isalpha() and not is_common_word(name)
            ):
                names.add(name)
    return names


# Locales whose names are written in Cyrillic or Greek letters, or in Chinese characters with a
# romanized list beside them. People of these countries are written about in English, French,
# Spanish and German with their names spelled in Latin letters ("Dmitry Sokolov", "Giorgos
# Papadakis", "Chia-Hao Lin"), which no Latin-script locale lists.
ROMANIZED_LOCALES = ("ru_RU", "uk_UA", "mk_MK", "el_GR", "zh_CN", "zh_TW")
# Cyrillic letters in Latin ones, the way passports and newspapers write them in English. Where
# spellings differ ("Dmitriy" and "Dmitry", "Mikhail" and "Mihail", "Evgeny" and "Yevgeny") both
# are made, see _spellings.
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґѓќљњџѕј",
    "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya ye i yi g g k lj nj dz dz j".split(),
    strict=True,
))  # fmt: skip
_CYRILLIC_BY_LOCALE = {"uk_UA": {"г": "h", "и": "y"}}
_GREEK_PAIRS = (("ου", "ou"), ("αυ", "av"), ("ευ", "ev"), ("μπ", "b"), ("ντ", "nt"), ("γκ", "g"), ("γγ", "ng"))
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω", "a v g d e z i th i k l m n x o p r s s t y f ch ps o".split(), strict=True))


def _spellings(word: str, greek: bool) -> Set[str]:
    """The usual Latin spellings of a romanized name: Cyrillic "-iy" also as "-y", "kh" also as "h",
    a first "e" also as "ye"; Greek "ch" also as "h"."""
    forms = {word}
    if greek:
        return forms | {word.replace("ch", "h")}
    if word.endswith(("iy", "yy")):
        forms.add(word[:-2] + "y")
    forms |= {f.replace("kh", "h") for f in forms if "kh" in f}
    return forms | {"ye" + f[1:] for f in forms if f.startswith("e")}


def _romanize(name: str, locale: str) -> Set[str]:
    """``name`` in Latin letters (none when it is written in them already or in no script read here)."""
    lower = unicodedata.normalize("NFD", name.lower())
    lower = "".join(c for c in lower if not unicodedata.combining(c) or c in "\u0306\u0308")  # й and ї keep their marks
    lower = unicodedata.normalize("NFC", lower)
    if locale == "el_GR":
        for greek, latin in _GREEK_PAIRS:
            lower = lower.replace(greek, latin)
        table = _GREEK
    else:
        table = {**_CYRILLIC, **_CYRILLIC_BY_LOCALE.get(locale, {})}
    if not all(c in table or c in "abcdefghijklmnopqrstuvwxyz-" for c in lower):
        return set()
    word = "".join(table.get(c, c) for c in lower).replace("_", "")
    forms = _spellings(word, locale == "el_GR")
    return {"-".join(part.capitalize() for part in f.split("-")) for f in forms}


@functools.lru_cache(maxsize=None)
def _romanized_names(attributes: Tuple[str, ...]) -> FrozenSet[str]:
    """The names of :data:`ROMANIZED_LOCALES` under ``attributes`` in Latin letters, leaving out short
    and dictionary words of the four languages ("Vera", "Lev" stay names; "Roman", "Fuga" are words too)."""
    names: Set[str] = set()
    for locale in ROMANIZED_LOCALES:
        for name in _provider_values(f"faker.providers.person.{locale}", attributes):
            if not isinstance(name, str) or " " in name:
                continue
            if name.isascii():
                forms = {"-".join(part.capitalize() for part in name.split("-"))} if name.replace("-", "").isalpha() else set()
            else:
                forms = _romanize(name, locale)
            names.update(
                f for f in forms
                if len(f) >= 3 and not is_common_word(f) and f.lower() not in AMBIGUOUS_NAMES
                and not any(f.lower() in language_words(language) for language in ("fr", "es", "de"))
            )  # fmt: skip
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def stop_words() -> FrozenSet[str]:
    """Function words of the supported languages ("Can", "My" are given names somewhere, and words here)."""
    words: Set[str] = set()
    for language in ("en", "fr", "es", "de"):
        words.update(w.lower() for w in _spacy_stop_words(language))
    return frozenset(words)


def _spacy_stop_words(language: str) -> FrozenSet[str]:
    # Importing ``spacy.lang.fr.stop_words`` runs ``spacy.lang.fr``'s package
    # first (tokenizer exceptions, lemmatizer: 1.8 s for French). The word list
    # file is self-contained, so it is executed on its own.
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = os.path.join(spec.submodule_search_locations[0], "lang", language, "stop_words.py")
    module_spec = importlib.util.spec_from_file_location(f"_pii_rails_stop_words_{language}", path)
    if module_spec is None or module_spec.loader is None or not os.path.exists(path):
        return frozenset()
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(getattr(module, "STOP_WORDS", ()))


# Places that are also everyday words or given names, never taken from the lists.
AMBIGUOUS_PLACES = frozenset(
    """victoria florence georgia jordan chad israel sydney austin dallas lincoln orlando phoenix savannah
    charlotte madison adelaide regina aurora chelsea reading bath nice split mobile independence
    concord jersey man wells march essen sole norden ciudad mundo centre""".split()
)

# Large cities, the nations of the UK, Canadian provinces, Australian states and well-known regions
# the providers do not list, in the forms the supported languages use.
CITIES = frozenset(
    """London Manchester Birmingham Liverpool Leeds Sheffield Bristol Glasgow Edinburgh Cardiff Belfast Newcastle
    Nottingham Leicester Southampton Brighton Oxford Cambridge Aberdeen Dublin Cork Galway
    New\u00a0York Los\u00a0Angeles Chicago Houston Philadelphia San\u00a0Antonio San\u00a0Diego San\u00a0Jose San\u00a0Francisco
    Seattle Boston Denver Atlanta Miami Detroit Minneapolis Pittsburgh Portland Nashville Baltimore Cleveland
    Sacramento Raleigh Salt\u00a0Lake\u00a0City Las\u00a0Vegas Mountain\u00a0View Palo\u00a0Alto Cincinnati Milwaukee Tampa
    Toronto Montreal Montréal Vancouver Ottawa Calgary Québec Quebec Sydney Melbourne Brisbane Perth Auckland Wellington
    Paris Marseille Lyon Toulouse Nice Nantes Strasbourg Montpellier Bordeaux Lille Rennes Reims Grenoble Dijon
    Angers Brest Toulon Metz Nancy Rouen Caen Tours Limoges Amiens Orléans Besançon Perpignan Avignon
    Madrid Barcelona Valencia Sevilla Seville Zaragoza Málaga Malaga Murcia Palma Bilbao Alicante Córdoba Cordoba
    Valladolid Vigo Gijón Granada Oviedo Salamanca Santander Pamplona Cádiz Toledo Burgos León Logroño
    Berlin Hamburg München Munich Köln Cologne Frankfurt Stuttgart Düsseldorf Dortmund Leipzig Bremen Dresden
    Hannover Nürnberg Nuremberg Duisburg Bochum Wuppertal Bielefeld Bonn Münster Mannheim Karlsruhe Augsburg
    Wiesbaden Freiburg Heidelberg Kiel Lübeck Rostock Mainz Wien Vienna Graz Linz Salzburg Innsbruck
    Zürich Zurich Genf Genève Geneva Basel Bern Berne Lausanne Luzern
    Rom Rome Roma Milan Milano Mailand Naples Napoli Neapel Turin Torino Florenz Firenze Venice Venezia Venedig
    Bologna Genoa Genova Lisbon Lisboa Lissabon Lisbonne Porto Amsterdam Rotterdam Utrecht Brussels Bruxelles
    Brüssel Bruselas Antwerp Anvers Luxembourg Luxemburg Copenhagen Kopenhagen Copenhague Stockholm Oslo
    Helsinki Warsaw Warschau Varsovie Varsovia Prague Prag Praga Budapest Athens Athen Athènes Atenas
    Istanbul Moscow Moskau Moscou Moscú Kyiv Kiev Tokyo Tokio Osaka Kyoto Seoul Beijing Peking Pékin Pekín
    Shanghai Hong\u00a0Kong Singapore Singapur Singapour Bangkok Mumbai Delhi Bangalore Bengaluru Chennai Kolkata
    Hyderabad Dubai Cairo Kairo Le\u00a0Caire El\u00a0Cairo Nairobi Lagos Johannesburg Cape\u00a0Town Kapstadt
    Mexico\u00a0City Ciudad\u00a0de\u00a0México Guadalajara Monterrey Bogotá Bogota Lima Santiago Buenos\u00a0Aires
    São\u00a0Paulo Sao\u00a0Paulo Rio\u00a0de\u00a0Janeiro Caracas Quito Montevideo
    Europe Europa Asia Asien Asie Africa Afrika Afrique África Amerika Amérique América North\u00a0America
    Norway Norge Noreg Sweden Sverige Denmark Danmark Finland Suomi Iceland Ísland Netherlands Nederland Holland
    Greece Hellas Ελλάδα Poland Polska Czechia Czech\u00a0Republic Česko Slovakia Slovensko Hungary Magyarország Romania România
    Bulgaria Croatia Hrvatska Serbia Srbija Slovenia Slovenija Estonia Eesti Latvia Latvija Lithuania Lietuva Ukraine Україна
    Belgium België Belgique Austria Österreich Switzerland Schweiz Suisse Svizzera Deutschland Germany Allemagne Alemania
    France Francia Frankreich Spain España Spanien Espagne Italy Italia Italien Italie Portugal Ireland Éire USA U.S.A.
    United\u00a0States United\u00a0Kingdom Canada Australia New\u00a0Zealand Japan Argentina Brasil Brazil Mexico México
    Akureyri Reykjavík Tampere Turku Umeå Gothenburg Göteborg Malmö Aarhus Odense Bergen Trondheim Thessaloniki Heraklion
    Kraków Krakow Gdańsk Wrocław Łódź Poznań Brno Ostrava Debrecen Cluj-Napoca București Bucharest Sofia Zagreb Ljubljana
    Tallinn Riga Vilnius Lviv Kharkiv Odesa Dnipro
    South\u00a0America Latin\u00a0America Lateinamerika Nordamerika Südamerika Oceania Ozeanien Océanie Antarctica
    England Scotland Wales Northern\u00a0Ireland Ontario British\u00a0Columbia Saskatchewan Manitoba Nova\u00a0Scotia
    New\u00a0Brunswick Newfoundland Prince\u00a0Edward\u00a0Island Nunavut Northwest\u00a0Territories New\u00a0South\u00a0Wales
    Queensland Tasmania Western\u00a0Australia South\u00a0Australia Northern\u00a0Territory Bavaria Bayern Tuscany Toscana
    Catalonia Andalusia Andalucía Normandy Normandie Provence Lombardy Lombardia Sicily Sicilia Sardinia Corsica Flanders
    Wallonia Siberia Transylvania Punjab Kerala
    Edmonton Winnipeg Christchurch Dunedin Hobart Canberra Gold\u00a0Coast Honolulu Durban Pretoria Casablanca Marrakesh
    Marrakech Rabat Tunis Algiers Accra Abuja Dakar Addis\u00a0Ababa Kampala Kigali Dar\u00a0es\u00a0Salaam Karachi Lahore
    Islamabad Dhaka Kathmandu Hanoi Ho\u00a0Chi\u00a0Minh\u00a0City Kuala\u00a0Lumpur Taipei Busan Sapporo Yokohama Nagoya
    Fukuoka Shenzhen Guangzhou Chengdu Wuhan Tel\u00a0Aviv Jerusalem Beirut Amman Riyadh Jeddah Doha Abu\u00a0Dhabi Tehran
    Baghdad Ankara Izmir Minsk Belgrade Sarajevo Skopje Tirana Bratislava Reykjavik Espoo Tartu Kaunas Coimbra
    Medellín Medellin Cartagena Guayaquil La\u00a0Paz Asunción Santo\u00a0Domingo Panama\u00a0City Guatemala\u00a0City
    Eindhoven Groningen Haarlem Leiden Ghent Gent Bruges Brugge Liège Leuven Charleroi Namur Oulu Uppsala Västerås
    Örebro Linköping Stavanger Aalborg Esbjerg Warszawa Praha København""".replace("\u00a0", "_").split()
)


@functools.lru_cache(maxsize=1)
def place_names() -> FrozenSet[str]:
    """Country, region and large-city names in English, French, Spanish, German, Italian, Portuguese, Dutch."""
    places = {c.replace("_", " ") for c in CITIES}
    for locale in PLACE_LOCALES:
        places.update(_provider_values(f"faker.providers.address.{locale}", ("countries",)))
    places.update(_provider_values("faker.providers.address.en_US", ("states",)))
    places.update(_provider_values("faker.providers.address.de_DE", ("states", "cities")))
    places.update(_provider_values("faker.providers.address.de_AT", ("states",)))
    places.update(_provider_values("faker.providers.address.es_ES", ("states", "regions")))
    places.update(_provider_values("faker.providers.address.fr_FR", ("regions",)))
    cleaned = set()
    for place in places:
        if not isinstance(place, str):
            continue
        place = place.strip()
        # Long official forms ("Bosnia and Herzegovina" stays; "... (the)" variants do not).
        if len(place) < 4 or "(" in place or "," in place or not place[0].isupper():
            continue
        if place.lower() in AMBIGUOUS_PLACES:
            continue
        cleaned.add(place)
    return frozenset(cleaned)


@functools.lru_cache(maxsize=1)
def country_names() -> FrozenSet[str]:
    """English country names (Faker's en_US list), lower-cased, less those that are also a plain
    English word in lower case ("turkey", "china"): "spain", "new zealand"."""
    countries = (c.strip().lower() for c in _provider_values("faker.providers.address.en_US", ("countries",)) if isinstance(c, str))
    return frozenset(c for c in countries if c and "(" not in c and "," not in c and c not in AMBIGUOUS_PLACES and c not in _COUNTRY_WORDS)


# States, provinces, regions and counties of the locales Faker lists them for.
_REGION_ATTRIBUTES = {
    "en_US": ("states",), "en_CA": ("provinces",), "fr_CA": ("provinces",), "en_AU": ("states",), "en_IN": ("states",),
    "en_GB": ("counties",), "en_IE": ("counties",), "en_PH": ("provinces",), "es_ES": ("states", "regions"),
    "es_MX": ("states",), "it_IT": ("states",), "fr_FR": ("regions", "departments"), "de_DE": ("states",),
    "de_AT": ("states",), "nl_NL": ("provinces",), "nl_BE": ("provinces",), "pl_PL": ("regions",), "sv_SE": ("states",),
    "fi_FI": ("states",), "cs_CZ": ("states",), "sk_SK": ("states",), "sl_SI": ("states",), "hr_HR": ("states",),
    "hu_HU": ("counties",), "ro_RO": ("states",), "id_ID": ("states",), "vi_VN": ("provinces",),
}  # fmt: skip


@functools.lru_cache(maxsize=1)
def region_names() -> FrozenSet[str]:
    """States, provinces, regions and counties of many countries ("Alberta", "Kerry", "Limburg", "Pest"),
    the ambiguous ones too: read only right after a town, where a given name or a word is no region."""
    regions: Set[str] = set()
    for locale, attributes in _REGION_ATTRIBUTES.items():
        regions.update(v.strip() for v in _provider_values(f"faker.providers.address.{locale}", attributes) if isinstance(v, str))
    return frozenset(r for r in regions if len(r) >= 3 and r[0].isupper())


# Countries whose lower-case name is also an everyday English word (WordNet lists every country,
# so its index cannot tell them apart).
_COUNTRY_WORDS = frozenset("turkey chad jordan georgia guinea china chile niger japan jersey guernsey reunion panama man".split())


@functools.lru_cache(maxsize=1)
def family_names() -> FrozenSet[str]:
    """Common family names of the same locales as :func:`given_names`, as written."""
    names = set()
    for locale in NAME_LOCALES:
        for name in _provider_values(f"faker.providers.person.{locale}", ("last_names", "last_names_male", "last_names_female")):
            if isinstance(name, str) and len(name) >= 2 and name[0].isupper() and name.replace("-", "").replace("'", "").isalpha():
                names.add(name)
    names |= _more_names(("last_names", "last_names_male", "last_names_female", "last_romanized_names"))
    names |= _romanized_names(("last_names", "last_names_male", "last_names_female", "last_romanized_names"))
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def common_words() -> FrozenSet[str]:
    """Lower-case dictionary words (nouns, verbs, adjectives, adverbs), from the lemmatizer tables that
    installed spaCy pipelines ship (English: WordNet's index).

    A capitalized word that is also a dictionary word ("Path", "Cookie", "Python", "Windows") is a
    weak sign of a name on its own: products, tools and standards take such words. Empty when no
    pipeline with such tables is installed; callers then keep what they would have kept before.
    """
    words: set = set()
    try:
        import spacy.util
        from spacy.lookups import Lookups
    except Exception:  # pragma: no cover - spaCy is a dependency
        return frozenset()
    for package in sorted(spacy.util.get_installed_models()):
        if not package.startswith("en_"):
            continue  # English's tables are WordNet's word index; others hold inflected forms by the million
        try:
            root = spacy.util.get_package_path(package)
        except Exception:
            continue
        for path in sorted(root.glob("*/lemmatizer/lookups")) + sorted(root.glob("lemmatizer/lookups")):
            try:
                lookups = Lookups().from_disk(path)
            except Exception:
                continue
            if lookups.has_table("lemma_index"):
                for value in lookups.get_table("lemma_index").values():
                    words.update(w for w in value if isinstance(w, str) and w.isalpha())
            if words:
                break
    return frozenset(w.lower() for w in words)


def common_words_known(language: str) -> bool:
    """Whether :func:`is_common_word` can tell ``language``'s dictionary words from names (English only)."""
    return language == "en" and bool(common_words())


def is_common_word(word: str) -> bool:
    """Whether ``word`` (any case; a plural too) is a dictionary word of :func:`common_words`."""
    w = word.lower()
    words = common_words()
    if w in words:
        return True
    for ending, base in (("ies", "y"), ("es", ""), ("s", "")):
        if w.endswith(ending) and len(w) > len(ending) + 2 and w[: -len(ending)] + base in words:
            return True
    return False


# Faker's lorem word lists: the most frequent words of a language, written by people, not names.
_LOREM_LOCALES = {"fr": "fr_FR", "es": "es_ES", "de": "de_DE"}


@functools.lru_cache(maxsize=None)
def language_words(language: str) -> FrozenSet[str]:
    """Frequent lower-case words of a language other than English: Faker's lorem list of the language
    (about a thousand words such as "clase", "arbeit", "claire") and spaCy's function words.

    Small on purpose: it is loaded in a few milliseconds and holds no rare word that is also a name.
    A NER pipeline's own lemmatizer tables, when it has them, say more (see ``ner.pipeline_word``).
    """
    locale = _LOREM_LOCALES.get(language)
    words = set(_provider_values(f"faker.providers.lorem.{locale}", ("word_list",))) if locale else set()
    words.update(_spacy_stop_words(language))
    return frozenset(w.lower() for w in words if isinstance(w, str))


def is_word(word: str, language: str) -> bool:
    """Whether ``word`` is a dictionary word of ``language`` (English: :func:`is_common_word`)."""
    if language == "en":
        return is_common_word(word)
    return word.lower() in language_words(language)
