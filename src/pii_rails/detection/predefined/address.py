"""Street addresses, in the ways English, French, Spanish, German and Italian write them.

An address is recognized by its shape: a house number and a street type
("123 Main Street", "12 rue de la Paix", "Calle Mayor 5", "Hauptstraße 12",
"Via Roma 10"), optionally followed by a unit, the postal code and the town.
City names alone are left to the NER model (``LOCATION``). All patterns run
for every language, since an address keeps its country's form in any text.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from pii_rails.detection.predefined.base import ContextPatternRecognizer

# Street suffixes of the USPS list (Publication 28) and their usual abbreviations, with UK ones.
_EN_TYPES = (
    "Street|Streets|St|Avenue|Ave|Av|Road|Roads|Rd|Boulevard|Blvd|Lane|Ln|Drive|Drives|Dr|Court|Courts|Ct|Way|Ways"
    "|Place|Pl|Terrace|Ter|Circle|Circles|Cir|Parkway|Parkways|Pkwy|Highway|Hwy|Square|Squares|Sq|Trail|Trl"
    "|Crescent|Cres|Close|Grove|Groves|Row|Plaza|Plz|Alley|Aly|Loop|Path|Walk|Walks|Gardens|Garden|Gdns|Mews|Hill|Hills"
    "|Pike|Expressway|Expy|Freeway|Fwy|Turnpike|Tpke|Point|Points|Landing|Heights|Hts|Park|Parks|Ridge|Ridges|Green|Greens"
    "|Annex|Arcade|Bayou|Beach|Bend|Bluff|Bluffs|Bottom|Branch|Bridge|Brook|Brooks|Burg|Burgs|Bypass|Camp|Canyon"
    "|Cape|Causeway|Center|Centers|Ctr|Cliff|Cliffs|Club|Common|Commons|Corner|Corners|Course|Cove|Coves|Creek|Crest"
    "|Crossing|Xing|Crossroad|Crossroads|Curve|Dale|Dam|Divide|Estate|Estates|Extension|Extensions|Ext|Fall|Falls"
    "|Ferry|Field|Fields|Flat|Flats|Ford|Fords|Forest|Forge|Forges|Fork|Forks|Fort|Gateway|Glen|Glens|Harbor|Harbors"
    "|Haven|Hollow|Inlet|Island|Islands|Isle|Junction|Junctions|Jct|Key|Keys|Knoll|Knolls|Lake|Lakes|Land|Light|Lights"
    "|Loaf|Lock|Locks|Lodge|Mall|Manor|Manors|Meadow|Meadows|Mill|Mills|Mission|Motorway|Mount|Mountain|Mountains|Neck"
    "|Orchard|Oval|Overpass|Pass|Passage|Pine|Pines|Plain|Plains|Port|Ports|Prairie|Radial|Ramp|Ranch|Rapid|Rapids"
    "|Rest|River|Route|Rte|Rue|Run|Shoal|Shoals|Shore|Shores|Skyway|Spring|Springs|Spur|Spurs|Station|Stravenue"
    "|Stream|Summit|Trace|Track|Trafficway|Tunnel|Underpass|Union|Unions|Valley|Valleys|Viaduct|View|Views|Village"
    "|Villages|Ville|Vista|Wall|Well|Wells|Broadway|Wharf|Yard|Yards|Quay|Parade|Drove|Rise|Vale|Wynd|Gate|Hey"
)
# A word of a street name: capitalized, or a number such as "5th".
_EN_NAME = r"(?:[A-Z][A-Za-z'.-]*|\d{1,3}(?:st|nd|rd|th))"
_EN_UNIT = r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building)\.?\s*#?\s*[A-Za-z0-9-]{1,6}|,?\s+#\s?[A-Za-z0-9-]{1,6})?"
_US_STATE = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK"
    "|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|NSW|VIC|QLD|WA|SA|TAS|ACT"
)
# ", Springfield, IL 62704" / ", Springfield 62704" / ", London SW1A 1AA".
_CITY = r"[A-Z][a-z][A-Za-z'.-]*(?:[ -][A-Z][a-z][A-Za-z'.-]*){0,2}"
_EN_TAIL = (
    r"(?:,\s*" + _CITY + r"(?:,?\s+(?:" + _US_STATE + r")\b)?(?:,?\s+(?:\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{4}))?"
    r"|,?\s+(?:" + _US_STATE + r")\s+\d{5}(?:-\d{4})?)?"
)

_FR_TYPES = (
    r"rue|avenue|av\.|bd|boulevard|blvd|place|pl\.|chemin|ch\.|all[ée]e|impasse|imp\.|quai|cours|route|rte|square|passage"
    r"|voie|faubourg|fbg|rond-point|sentier|esplanade|promenade|villa|cit[ée]|r[ée]sidence|hameau|lieu-dit|parvis|mont[ée]e"
)
_FR_CONN = r"(?:de la |de l'|de l’|du |des |de |d'|d’|la |le |les |et |sur |sous |en |aux |au |saint-|sainte-)"
_FR_WORD = r"[\p{Lu}\d][\p{L}\d'’.]*(?:-[\p{L}\d'’.]+)*"
_FR_NAME = _FR_CONN + "*" + _FR_WORD + r"(?:[ -]" + _FR_CONN + "*" + _FR_WORD + r"){0,5}"
_FR_TAIL = r"(?:,?\s+(?:\d{5}|\d{2}\s\d{3})\s+[\p{Lu}][\p{L}'’-]+(?:[ -][\p{Lu}][\p{L}'’-]+){0,3}(?:\s+(?:cedex|CEDEX)(?:\s\d{1,2})?)?)?"

_ES_TYPES = (
    r"calle|c/|c\.|avenida|avda\.?|av\.|paseo|p[ºo°]\.?|plaza|pza\.?|pl\.|camino|carretera|ctra\.?|ronda|traves[íi]a"
    r"|glorieta|rambla|bulevar|v[íi]a|vial|callej[óo]n|urbanizaci[óo]n|urb\.|pasaje|pasadizo|alameda|cuesta|ca[ñn]ada"
    r"|acceso|camino|sector|pol[íi]gono|barrio|carrer|passeig|pla[çc]a|avinguda"
)
_ES_CONN = r"(?:de la |de los |de las |del |de |la |el |los |las |y |i |dels |de l')"
_ES_WORD = r"[\p{Lu}\d][\p{L}\d'’.]*(?:-[\p{L}\d'’.]+)*"
_ES_NAME = _ES_CONN + "*" + _ES_WORD + r"(?:\s" + _ES_CONN + "*" + _ES_WORD + r"){0,5}"
_ES_NUMBER = (
    r",?\s+(?:n[ºo°]\.?\s*|n[úu]m(?:ero|\.)?\s*)?\d{1,4}[A-Za-z]?\b"
    r"(?:,?\s*(?:\d{1,2}\.?\s?[ºª°](?:\s?(?:izq|izda|dcha|der|dra)\b\.?|\s?[A-Za-z]\b)?|bajo|[áa]tico|entlo\.?"
    r"|(?:piso|planta|puerta|esc\.?|escalera)\s*\w{1,3})){0,3}"
)
_ES_TAIL = r"(?:,?\s+\d{5}\s+[\p{Lu}][\p{L}'’-]+(?:[ -](?:de|del|la|[\p{Lu}][\p{L}'’-]+)){0,3})?"

_DE_SUFFIX = r"(?i:stra(?:ß|ss)e|str\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee|steig|pfad|kai)"
_DE_STREET = (
    # "Alte Landstraße", "Große Bleiche": an adjective may come first.
    r"(?:(?:(?:Alt|Neu|Gro(?:ß|ss)|Klein|Ober|Unter|Hoh|Lang|Breit|Hinter|Vorder|Mittler|Inner|Äu(?:ß|ss)er|Nieder|Schmal"
    r"|Krumm|Grün|Rot|Wei(?:ß|ss)|Schwarz|Kurz|Hell|Dunkl|Stille?)(?:e|er|es|en)\s)?[\p{Lu}][\p{L}-]*" + _DE_SUFFIX + r"|(?:[\p{Lu}][\p{L}-]*\s){1,3}(?:Stra(?:ß|ss)e|Str\.|Weg|Gasse|Allee|Platz|Ring|Damm|Ufer|Chaussee|Markt)"
    r"|(?:Am|An der|An den|Auf der|Auf dem|Im|In der|In den|Unter den|Unter der|Hinter den|Hinter der|Hinter dem|Hinterm"
    r"|Vor dem|Vor den|Zwischen den|Über den|Bei der|Zum|Zur)\s[\p{Lu}][\p{L}-]+)"
)
_DE_TAIL = r"(?:,?\s+(?:D-)?\d{5}\s+[\p{Lu}][\p{L}-]+(?:[ -](?:am|an der|im|[\p{Lu}][\p{L}.-]+)){0,3})?"

_IT_TYPES = r"via|viale|piazza|piazzale|corso|largo|vicolo|strada|contrada|lungomare|lungarno|borgo|salita|vico"
_IT_TAIL = r"(?:,?\s+\d{5}\s+[\p{Lu}][\p{L}'’-]+(?:[ -][\p{Lu}][\p{L}'’-]+){0,2}(?:\s+\(?[A-Z]{2}\)?)?)?"


class StreetAddressRecognizer(ContextPatternRecognizer):
    """A street address: number and street type, with unit, postal code and town when they follow."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS = [
        Pattern(
            "en_street",
            # A unit may come first: "Flat 7, 137 Abbots Way", "Apt 4B, 12 Main St".
            r"(?:\b(?:Flat|Apt\.?|Apartment|Unit|Suite|Ste\.?|Room|Studio)\s+#?[A-Za-z0-9-]{1,5},?\s+)?"
            r"(?<![\w-])\d{1,6}[A-Za-z]?(?:-\d{1,5})?\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
            r"(?:" + _EN_NAME + r"\s+){1,4}(?:" + _EN_TYPES + r")\b\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?"
            + _EN_UNIT + _EN_TAIL,
            0.7,
        ),
        Pattern("po_box", r"\b(?i:P\.?\s?O\.?\s?Box|Post Office Box|Bo[iî]te Postale|Apartado(?: de correos)?|Postfach)\s+\d{1,6}\b" + _EN_TAIL, 0.6),
        Pattern(
            "fr_street",
            r"(?<![\w-])\d{1,4}(?:\s?(?:bis|ter|quater|[A-Da-d])\b)?,?\s+(?i:" + _FR_TYPES + r")\s+" + _FR_NAME + _FR_TAIL,
            0.7,
        ),
        Pattern(
            "es_street",
            r"\b(?i:" + _ES_TYPES + r")\s*" + _ES_NAME + _ES_NUMBER + _ES_TAIL,
            0.65,
        ),
        Pattern(
            "de_street",
            r"(?<![\w-])" + _DE_STREET + r"\s+\d{1,3}(?:\s?[a-zA-Z]\b|\s?-\s?\d{1,3})?(?!\d)" + _DE_TAIL,
            0.65,
        ),
        Pattern(
            "it_street",
            r"\b(?i:" + _IT_TYPES + r")\s+(?:(?:del|della|dei|degli|delle|di|de)\s+)?[\p{Lu}][\p{L}'’.-]*(?:\s(?:del|della|dei|di|[\p{Lu}][\p{L}'’.-]*)){0,4},?\s+(?:n\.\s?)?\d{1,4}[A-Za-z]?" + _IT_TAIL,
            0.65,
        ),
    ]
    CONTEXT = {
        "en": ["address", "live", "lives", "living", "located", "ship", "deliver", "mail", "send", "street", "resid", "visit"],
        "fr": ["adresse", "habite", "domicil", "livr", "envoy", "reside"],
        "es": ["direccion", "domicilio", "vivo", "vive", "resid", "envi", "entreg"],
        "de": ["adresse", "anschrift", "wohn", "liefer", "schick", "sende"],
        "it": ["indirizzo", "abito", "abita", "resid", "spedi", "consegn"],
    }

    def score_match(self, text, value, start, end, pattern):  # noqa: D102
        # "... Collins Station." - the full stop ends the sentence; "Main St." keeps its dot.
        if value.endswith(".") and value[:-1].rsplit(None, 1)[-1].lower() not in _ABBREVIATIONS:
            end -= 1
            value = value[:-1]
        return super().score_match(text, value, start, end, pattern)


_ABBREVIATIONS = frozenset(
    """st ave av rd blvd ln dr ct pl ter cir pkwy hwy sq trl cres aly xing jct expy fwy ctr ext hts rte tpke plz
    gdns apt ste fl rm bldg str bd av imp rte ch pza avda ctra urb n""".split()
)
