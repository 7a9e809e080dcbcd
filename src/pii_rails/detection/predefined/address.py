"""Street addresses, in the ways English, French, Spanish, German and Italian write them.

An address is recognized by its shape: a house number and a street type
("123 Main Street", "12 rue de la Paix", "Calle Mayor 5", "Hauptstraße 12",
"Via Roma 10"), optionally followed by a unit, the postal code and the town.
City names alone are left to the NER model (``LOCATION``). All patterns run
for every language, since an address keeps its country's form in any text.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, Pattern, RecognizerResult

from pii_rails.detection import lowercase
from pii_rails.detection.predefined.base import ContextPatternRecognizer
from pii_rails.detection.predefined.ner import technical
from pii_rails.detection.predefined.lexicon import TITLES, country_names, family_names, given_names, is_common_word, place_names, stop_words

# Words a number after which counts pages or parts, not houses.
_COUNTING_WORDS = r"(?i:chapter|chapters|page|pages|section|figure|fig\.|table|step|part|volume|vol\.|episode|lesson|exercise|article|seite|kapitel|página|capítulo|chapitre)"
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
_EN_NAME = r"(?:\p{Lu}[\p{L}'.-]*|\d{1,3}(?:st|nd|rd|th))"
_EN_UNIT = r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building)\.?\s*#?\s*[A-Za-z0-9-]{1,6}|,?\s+#\s?[A-Za-z0-9-]{1,6})?"
_US_STATE = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK"
    "|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|NSW|VIC|QLD|WA|SA|TAS|ACT"
)
# The same codes as a set, for a town followed by its state alone ("Danville, VA").
STATE_CODES = frozenset(_US_STATE.split("|"))
# ", Springfield, IL 62704" / ", Springfield 62704" / ", London SW1A 1AA".
# Letters of any script: a city is never cut inside a word ("Prádena", not "Pr").
# A full stop inside ends the sentence ("Leipzig. Können Sie"), except in "St. Louis".
# Towns keep their particles: "Prádena del Rincón", "Frankfurt am Main", "Stratford upon Avon".
_CITY = (
    r"(?:St\.[ ])?\p{Lu}\p{Ll}[\p{L}'-]*(?:[ -](?:(?:de|del|de la|la|le|les|du|des|di|da|do|dos|das|am|an der|im|sur|en|upon|on|ob|bei|es|el|al)[ -])?"
    r"(?:St\.[ ])?\p{Lu}\p{Ll}[\p{L}'-]*){0,2}(?![\p{L}])"
)
# A US ZIP code; a UK or Canadian postcode, an Irish Eircode ("T12 X8KE", "D6W 1234").
_ZIP = r"\d{5}(?:-\d{4})?"
_LETTER_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[AC-FHKNPRTV-Y](?:\d{2}|6W)\s?[0-9AC-FHKNPRTV-Y]{4}"
_POSTCODE = _ZIP + r"|" + _LETTER_POSTCODE
# A town of up to four words ("Ho Chi Minh City", "Santa Cruz de Tenerife") and a district before it
# ("District 1", "Ward 7", "Colonia Roma", "Sector 4").
_LONG_CITY = _CITY.replace("{0,2}", "{0,3}")
_DISTRICT_PART = r"(?:District|Ward|Sector|Zone|Quarter|Colonia|Barrio|Arrondissement|Bezirk|Kerület|Phường|Quận)[ ][\p{L}\d]{1,12}(?![\p{L}\d])"
_EN_TOWN = (
    r"(?:,\s*" + _CITY + r"(?:,?\s+(?:" + _US_STATE + r")\b)?(?:,?\s+(?:" + _POSTCODE + r"|\d{4}))?"
    r"|,?\s+(?:" + _US_STATE + r")\s+" + _ZIP + r")"
)
_EN_TAIL = _EN_TOWN + "?"
# A town with its state or postal code: ", Springfield, IL 62704", ", Leeds LS1 4DY".
_EN_CODED_TOWN = (
    r",\s*" + _CITY + r"(?:,?\s+(?:" + _US_STATE + r")\b(?:,?\s+" + _ZIP + r")?|,?\s+(?:" + _POSTCODE + r"))"
)
_PART_BREAK = r"(?:,[ ]*|[ \t]*\n[ \t]*)"
_UNIT_FIRST_STREET = (
    r"(?<![\p{L}])(?:Flat|Apartment|Apt\.?|Unit|Suite|Plot|Plot[ ]No\.?|House[ ]No\.?|Stand|Erf)[ ]#?[A-Za-z0-9/-]{1,5}" + _PART_BREAK
    + r"(?:(?:Block|Building|Tower|Wing)[ ][A-Za-z0-9]{1,3}" + _PART_BREAK
    + r"|(?:\p{Lu}[\p{L}'’-]+[ ]){1,3}(?:Apartments|House|Court|Towers|Tower|Mansions|Residency|Residence|Heights|Enclave)" + _PART_BREAK + r")?"
    r"(?:\d{1,3}(?:st|nd|rd|th)[ ])?(?:\p{Lu}[\p{L}'’-]+[ ]){1,3}(?:" + _EN_TYPES + r")(?=[ \t]*(?:\n|$)|,[ ]*[\p{Lu}\d])"
)
# A house number written out: "Twelve Oak Lane", "One Microsoft Way", "Forty-Two Elm Street".
_UNITS = r"One|Two|Three|Four|Five|Six|Seven|Eight|Nine"
_SPELLED_NUMBER = (
    r"(?i:(?:(?:Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety)(?:[- ](?:" + _UNITS + r"))?|Ten|Eleven|Twelve|Thirteen"
    r"|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|" + _UNITS + r")(?:[ ]Hundred(?:[ ](?:and[ ])?(?:" + _UNITS + r"))?)?)"
)
# Types that name a street and nothing else, for a street named without a number after "on".
_NAMED_TYPES = r"Street|Road|Avenue|Lane|Drive|Boulevard|Terrace|Crescent"
# Types that name a street and nothing else, with their abbreviations ("Silicon Valley", "Hyde Park",
# "Wall Street Journal" keep out of a street named without a house number).
_STRICT_TYPES = r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Boulevard|Blvd|Terrace|Crescent|Close|Motorway|Stravenue"
# Only types that name a street and nothing else ("Three Rivers Park", "One Tree Hill" are places).
_SPELLED_TYPES = r"Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close|Crescent|Boulevard|Blvd"
_SPELLED_STREET = (
    r"(?<![\w-])(?=\p{Lu})" + _SPELLED_NUMBER + r"\s+(?:" + _EN_NAME + r"\s+){1,3}(?:" + _SPELLED_TYPES + r")\b\.?" + _EN_UNIT
)

# In speech and chat the number may be written in lower case: "forty-two Mill Lane".
_SPELLED_STREET_ANY_CASE = (
    r"(?<![\w-])" + _SPELLED_NUMBER + r"\s+(?:" + _EN_NAME + r"\s+){1,3}(?:" + _SPELLED_TYPES + r")\b\.?" + _EN_UNIT
)
_LOWER_TYPES = (
    r"street|st|avenue|ave|road|rd|lane|ln|drive|dr|court|ct|close|way|place|pl|crescent|boulevard|blvd|terrace"
    r"|grove|gardens|row|mews|parkway|pkwy|circle|cir|square|sq|highway|hwy|trail|walk"
)
_LOWER_POSTCODE = r"[a-z]{1,2}\d[a-z\d]?[ ]?\d[a-z]{2}|\d{5}(?:-\d{4})?"
_LOWER_STREET = (
    # A building number may stand before the house number: "1271 229 st marys avenue".
    r"\d{1,5}[a-z]?(?:[ ]\d{1,5}[a-z]?)?[ ]+(?:[a-z][a-z'-]+[ ]){1,3}(?:" + _LOWER_TYPES + r")(?![\p{L}\d])\.?"
    r"(?:,?[ ]+(?:apt|apartment|suite|unit|flat)\.?[ ]?#?[a-z0-9-]{1,5}(?![\p{L}\d]))?"
)
_LOWER_TOWN = r",?[ ]*[a-z][a-z'-]+(?:[ ][a-z][a-z'-]+){0,2}"
_LOWER_WORDS = r"\p{Ll}[\p{Ll}'’.-]+(?:[ ]\p{Ll}[\p{Ll}'’.-]+){0,3}"

_FR_TYPES = (
    r"rue|avenue|av\.|bd|boulevard|blvd|place|pl\.|chemin|ch\.|all[ée]e|impasse|imp\.|quai|cours|route|rte|square|passage"
    r"|voie|faubourg|fbg|rond-point|sentier|esplanade|promenade|villa|cit[ée]|r[ée]sidence|hameau|lieu-dit|parvis|mont[ée]e"
)
_FR_CONN = r"(?:de la |de l'|de l’|du |des |de |d'|d’|la |le |les |et |sur |sous |en |aux |au |saint-|sainte-)"
_FR_WORD = r"[\p{Lu}\d][\p{L}\d'’.]*(?:-[\p{L}\d'’.]+)*"
_FR_NAME = _FR_CONN + "*" + _FR_WORD + r"(?:[ -]" + _FR_CONN + "*" + _FR_WORD + r"){0,5}"
_FR_TAIL = r"(?:,?\s+(?:\d{5}|\d{2}\s\d{3})\s+[\p{Lu}][\p{L}'’-]+(?:[ -][\p{Lu}][\p{L}'’-]+){0,3}(?:\s+(?:cedex|CEDEX)(?:\s\d{1,2})?)?)?"

# A residence or building named on the line (or before the comma) above the street: "Résidence Les Pins, bât. C".
_FR_BUILDING = (
    r"(?<![\w-])(?:R[ée]sidence|R[ée]s\.|Immeuble|Imm\.|B[âa]timent|B[âa]t\.|Domaine|Lotissement|Villa|Tour)[ ]+[^\n,;:]{1,40}"
    r"(?:,[ ]*(?:b[âa]t\.?|b[âa]timent|esc\.?|escalier|app?t\.?|appartement|[ée]tage|porte)[ ]*\w{1,4})*(?:,[ ]*|[ \t]*\n[ \t]*)"
)
_FR_TYPES_FIRST = r"Rue|Avenue|Av\.|Boulevard|Bd|Chemin|Ch\.|Route|Rte|Place|Quai|All[ée]e|Impasse|Passage|Chauss[ée]e|Square|Dr[èe]ve|Sentier"
_FR_PLAIN_NAME = r"(?:" + _FR_CONN + r")*\p{Lu}[\p{L}'’.-]*(?:[ ](?:" + _FR_CONN + r")*\p{Lu}[\p{L}'’.-]*){0,4}"

_ES_TYPES = (
    r"calle|c/|c\.|avenida|avda\.?|av\.|paseo|p[ºo°]\.?|plaza|pza\.?|pl\.|camino|carretera|ctra\.?|ronda|traves[íi]a"
    r"|glorieta|rambla|bulevar|v[íi]a|vial|callej[óo]n|urbanizaci[óo]n|urb\.|pasaje|pasadizo|alameda|cuesta|ca[ñn]ada"
    r"|acceso|camino|sector|pol[íi]gono|barrio|carrer|passeig|pla[çc]a|avinguda"
)
_ES_CONN = r"(?:de la |de los |de las |del |de |la |el |los |las |y |i |dels |de l')"
# A number is a word of the name only before "de" ("Calle 5 de Mayo"); otherwise it is the house number
# ("Calle de Núñez de Balboa 48, 3.º izq." keeps 48 as the number and 3.º as the floor).
_ES_WORD = r"(?:\p{Lu}[\p{L}\d'’.]*(?:-[\p{L}\d'’.]+)*|\d{1,4}(?=\s(?:de|del)\s))"
_ES_NAME = _ES_CONN + "*" + _ES_WORD + r"(?:\s" + _ES_CONN + "*" + _ES_WORD + r"){0,5}"
# A street name after a Romance street type, with the particles of Spanish, Italian, Portuguese and French.
_FOREIGN_CONN = r"(?:de la |de las |de los |del |della |delle |dei |degli |dalla |di |da |das |dos |do |des |du |de |la |el |y |e )"
_FOREIGN_NAME = _FOREIGN_CONN + r"*\p{Lu}[\p{L}'’.-]*(?:[ ]" + _FOREIGN_CONN + r"*\p{Lu}[\p{L}'’.-]*){0,4}"
_ES_NUMBER = (
    r",?\s+(?:n[ºo°]\.?\s*|n[úu]m(?:ero|\.)?\s*)?\d{1,4}[A-Za-z]?\b"
    # Floor and door: "3.º izq.", "2ª B", "bajo", and the Catalan ordinals "2n 1a", "1r 2a", "4t".
    r"(?:,?[ \t]*(?:\d{1,2}\.?\s?[ºª°](?:\s?(?:izq|izda|dcha|der|dra)\b\.?|\s?[A-Za-z]\b)?|\d{1,2}(?:r|n|t|a|o|er|ra|na|ta)(?![\p{L}\d])|bajo|[áa]tico|entlo\.?"
    r"|(?:piso|planta|puerta|esc\.?|escalera)\s*\w{1,3})){0,3}"
)
_ES_TAIL = r"(?:,?\s+\d{5}\s+[\p{Lu}][\p{L}'’-]+(?:[ -](?:de|del|la|[\p{Lu}][\p{L}'’-]+)(?![\p{L}])){0,3})?"

_DE_SUFFIX = r"(?i:stra(?:ß|ss)e|str\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee|steig|pfad|kai)"
_DE_STREET = (
    # "Alte Landstraße", "Große Bleiche": an adjective may come first.
    r"(?:(?:(?:Alt|Neu|Gro(?:ß|ss)|Klein|Ober|Unter|Hoh|Lang|Breit|Hinter|Vorder|Mittler|Inner|Äu(?:ß|ss)er|Nieder|Schmal"
    r"|Krumm|Grün|Rot|Wei(?:ß|ss)|Schwarz|Kurz|Hell|Dunkl|Stille?)(?:e|er|es|en)\s)?[\p{Lu}][\p{L}-]*" + _DE_SUFFIX + r"|(?:[\p{Lu}][\p{L}-]*[ ]){1,3}(?:Stra(?:ß|ss)e|Str\.|Weg|Gasse|Allee|Platz|Ring|Damm|Ufer|Chaussee|Markt)"
    r"|(?:Am|An der|An den|Auf der|Auf dem|Im|In der|In den|Unter den|Unter der|Hinter den|Hinter der|Hinter dem|Hinterm"
    r"|Vor dem|Vor den|Zwischen den|Über den|Bei der|Zum|Zur)\s(?:[\p{Lu}][\p{L}]+(?:en|er|es)\s)?[\p{Lu}][\p{L}-]+)"
)
_DE_TAIL = r"(?:,?\s+(?:D-)?\d{5}\s+[\p{Lu}][\p{L}-]+(?:[ -](?:am|an der|im|[\p{Lu}][\p{L}.-]+)){0,3})?"

_IT_TYPES = r"via|viale|piazza|piazzale|corso|largo|vicolo|strada|contrada|lungomare|lungarno|borgo|salita|vico"
_IT_TAIL = r"(?:,?\s+\d{5}\s+[\p{Lu}][\p{L}'’-]+(?:[ -][\p{Lu}][\p{L}'’-]+){0,2}(?:\s+\(?[A-Z]{2}\)?)?)?"


# Streets written name first, number after, in the Nordic, Dutch, Baltic, Central and Eastern
# European, Greek and Hungarian ways: a suffix glued to the name ("Kungsgatan", "Hafnarstræti",
# "Keizersgracht", "Hämeenkatu"), a type word after it ("Nansens vei", "Andrássy út", "Kalvebod
# Brygge") or before it ("ul. Długa", "Strada Lipscani", "Odos Ermou", "Leoforos Kifisias").
_INTL_SUFFIX = (
    r"gatan|gata|gade|gaden|vej|vejen|vei|veien|veg|vegen|vägen|väg|stræti|stræde|stígur|stigur|vegur|braut|katu|tie|kuja"
    r"|polku|tori|torget|torg|plads|straat|weg|laan|gracht|plein|kade|dijk|singel|steeg|markt|boulevarden|brygge|bakken"
    r"|stien|utca|út|körút|tér|iela|gatvė|tänav|ulice|třída|nábřeží"
)
_INTL_AFTER = (
    r"vei|vej|veg|gata|gatan|gade|vegur|út|utca|tér|körút|straat|laan|weg|brygge|allé|alle|plads|torg|torget|tie|katu|iela"
    # Hungarian ("Agip u. 91.", "Csabai kapu 38."), Slovenian and Croatian ("Gosposka ulica 69"), Estonian ("Kase põik 91").
    r"|u\.|krt\.|rkp\.|útja|utcája|tere|kapu|köz|sor|sétány|rakpart|fasor|ulica|tee|põik|maantee|puiestee"
    # Norwegian and Danish ("Thereses gate 12B", "Leif Jensons plass 75", "Hans Nielsens stræde 4").
    r"|gate|gaten|plass|plassen|stræde|vænge|torv"
    # Basque ("Zumalakarregi etorbidea 51", "Nagusia kalea 4").
    r"|kalea|etorbidea|bidea|pasealekua|errepidea"
)
_INTL_BEFORE = (
    r"ul\.|ulica|al\.|aleja|os\.|pl\.|plac|Ul\.|Al\.|Aleja|Os\.|Strada|Str\.|Bulevardul|Bd\.|B-dul|Calea|Aleea|Piața|Piata|Șoseaua|Soseaua|Splaiul"
    r"|Odos|Odós|Leoforos|Leof\.|Plateia|Náměstí|nám\.|Rruga|Ulitsa|vul\.|Vulytsia|prospekt|Avenida|Rua|Travessa|Largo|Praça|Rúa"
    # Slovenian, Croatian, Serbian, Bosnian: "Trg revolucije 96", "Cesta v Mestni log 3".
    r"|Trg|Cesta|Ulica|Obala|Šetalište"
)
_L_WORD = r"\p{Lu}[\p{L}'’.-]*"
# A word of a town: a full stop belongs to it only in a short abbreviation before another word
# ("St. Ives", "Ft. Myers"); "... Suite 4 KVERNALAND." ends the sentence.
_TOWN_WORD = r"(?:\p{Lu}\p{Ll}{0,2}\.(?=[ ]\p{Lu})|\p{Lu}[\p{L}'’-]*)"
_HOUSE = r"\d{1,4}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?|-(?:[A-Z]|I{1,3}|IV|hs|bis)(?![\p{L}]))?(?:[ ][A-Z](?:[ ]\d{1,3})?(?![\p{L}\d]))?"
_INTL_UNIT = (
    r"(?:,?[ ](?:m\.|ap\.|apto\.?|apt\.?|lgh|bl\.|sc\.|et\.|bt\.|bus|piso|depto\.?|dept\.?)[ ]?[\w.]{1,4}"
    r"|,[ ]\d{1,2}\.(?:[ ]?(?:th|tv|mf|sal)\.)?){0,4}"
)
# Postal code and town: "111 56 Stockholm", "1016 GC Amsterdam", "00-514 Warszawa", "0184 Oslo",
# "C1045AAN Buenos Aires", "Wellington 6140", "Las Cruces, NM 88001".
_POST_TOWN = (
    r"(?:(?:\d{3}[ ]\d{2}|\d{4}[ ]?[A-Z]{2}(?![\p{L}])|\d{2}-\d{3}|\d{4}-\d{3}|\d{3,6}|[A-Z]\d{4}[A-Z]{3}|[A-Z]{1,2}-\d{4,5})[ ]+" + _CITY
    + r"(?:[ ](?:\d{1,2}|[A-Z])(?![\p{L}\d]))?(?:,[ ]" + _CITY + r")?"
    r"|" + _CITY + r"[ ]\d{4,6}(?![\d-])"
    r"|" + _CITY + r",[ ]?(?:" + _US_STATE + r")[ ]+\d{5}(?:-\d{4})?)"
)
_NUM_FIRST = r"(?<![\w-])\d{1,5}[A-Za-z]?[ ]+" + _L_WORD + r"(?:[ ]" + _L_WORD + r"){0,2}"
# Not the end of a street whose type word comes first ("Glorieta de Joan Vila 12", "Hinter den Höfen 5").
# Words of a name-first street, with the particles Spanish and Portuguese names take between them
# ("Treinta y Tres 5747", "Fuente del Gallo 4", "Largo da Graça 12").
# A person's title opens no street's name, and a unit's word is none of it: "to Mrs. Lund Apt. 12" is a
# person and a flat.
UNIT_WORDS = r"Apt|Apartment|Suite|Ste|Unit|Flat|Bldg"
_NAME_WORD = r"(?!(?:" + UNIT_WORDS + r"|Room|Rm)(?![\p{L}]))" + _L_WORD
_NAME_WORDS = (
    r"(?!(?:Mr|Mrs|Ms|Mx|Dr|Prof|Miss|Sir|Rev)\.?[ ])" + _NAME_WORD
    + r"(?:[ ](?:(?:de|del|de la|y|da|do|dos|das|du|des|di|della|dalla|z|ze|nad|pod)[ ])?" + _NAME_WORD + r"){0,2}"
)
_NAME_FIRST = r"(?<!\b(?:de|den|der|del|dem|la|las|los|di|du|des|von|van|am|an|im|zum|zur|y)[ ])(?<!\p{Lu}[\p{L}'’.-]*[ ])" + _NAME_WORDS + r"[ ]+" + _HOUSE
# What may start each line of an address written as a list: a dash, a bullet, an emoji, or the
# question marks an emoji becomes when a text passes through an encoding that lacks it.
# Closing brackets, quote marks and pipes open a line too: a quoted reply ("> "), a table's cells, a template's
# leftover braces ("}}Suite 12").
LIST_MARK = r"(?:(?:[-*•·▪‣◦►]|\?{1,3}|\p{So})[ \t]+|[\]}>|»]{1,3}[ \t]*)"
_BULLET = LIST_MARK + "?"
# A unit on its own line or as a field value: "Apt. 918", "Suite 310", "Unit 7B", "Flat 4".
_UNIT_LINE = r"(?:Apt|Apartment|Suite|Ste|Unit|Flat|Apto|Appt|Wohnung|Whg)\.?[ ]?#?[ ]?\d{1,5}[A-Za-z]?"
_MILITARY = (
    r"(?:(?:(?:Unit|PSC|CMR)[ ]\d{3,5},?[ ]+Box[ ]\d{1,5}|(?:USS|USNS|USNV|USCGC|USNSV)[ ]\p{Lu}[\p{L}.' ]{1,40}?(?:[ ][A-Z]{2,4}[ -]?\d{1,4})?)[ ]*(?:,|\n)[ \t]*)?"
    r"(?:APO|DPO|FPO)[ ](?:AE|AP|AA)[ ]\d{5}(?:-\d{4})?"
)


# Words that say where someone lives, goes, is dropped off or met, or where a thing is sent, before a street
# with no type word: not "is at", which "street_after_lead" reads, nor a bare "to", which leads to anything.
_WHERE_LEAD = (
    r"(?:north|south|east|west|far|other|this|that|near)[ ](?:side|end)[ ]of"
    r"|(?:drop|drops|dropped|dropping)[ ](?:you|me|us|him|her|them)[ ]off[ ](?:at|on)"
    r"|(?:pick|picks|picked)[ ](?:you|me|us|him|her|them)[ ]up[ ](?:at|on|from)"
    r"|(?:meet|meets|meeting|met|see|visit|find)[ ](?:you|me|us|him|her|them)[ ](?:at|on)"
    r"|(?:enter|enters|entered|entrance|entry)[ ](?:on|at|from|via)"
    r"|(?:lived|stay|stays|staying|stayed|moved|moving|relocated)[ ](?:at|on|to|into)"
    r"|(?:send|sends|sent|ship|ships|shipped|deliver|delivered|mail|mailed|post|posted|return|returned|bring|forward)"
    r"[ ](?:it|them|this|that|(?:the|a|my|your|our|his|her|their)[ ]\p{L}+)[ ]to"
)
# The two streets of a corner, each as any country writes it, with or without a house number or a type
# word: "127 Adelianos Kambos", "Jeronýmova 1960", "Nagytétényi út 86.", "48 rue Petite Fusterie",
# "Weöres Hills". Capitalized words and numbers, with the particles and lower-case type words names hold.
_CORNER_INNER = (
    r"de|du|des|del|della|di|da|do|dos|das|la|le|les|el|los|las|y|e|van|von|der|den|am|an|of|the|on"
    r"|rue|rua|út|utca|u\.|ulica|tér|fasor|rkp\.|körút|krt\.|sor|köz|vei|vej|gate|gata|gatan|gade|tie|katu|iela"
    r"|calle|via|straat|weg|laan|(?:l|d)['’]\p{L}+"
)
# A full stop inside a side only after a short abbreviation ("R. Mongi Bali"): "McKinney Port. Please" ends at "Port".
_CORNER_TOKEN = r"(?:\d{1,5}[A-Za-z]?\.?|\p{Lu}\p{L}{0,2}\.|\p{Lu}[\p{L}'’-]*|(?:" + _CORNER_INNER + r")(?![\p{L}]))"
_CORNER_SIDE = _CORNER_TOKEN + r"(?:[ ]" + _CORNER_TOKEN + r"){0,5}"
# In chat written all in lower case: "the corner of pagari 18 and anderson plaza."
_LOWER_CORNER_TOKEN = r"(?:\d{1,5}[a-z]?\.?|(?!and(?![\p{L}]))\p{Ll}[\p{Ll}'’.-]*)"
_LOWER_CORNER_SIDE = _LOWER_CORNER_TOKEN + r"(?:[ ]" + _LOWER_CORNER_TOKEN + r"){0,4}"
_CORNER_LEAD = r"(?<![\p{L}])(?i:corner|intersection|junction)[ ](?i:of)[ ]+"
# ... and in the patterns that read a street after such words: "meet me at Daniela and Jahu 80".
_CROSS_NAME = r"(?:(?:\p{Lu}[\p{Ll}'’]+|\p{Ll}[\p{Ll}'’]{2,})[ ]+and[ ]+)?"
# The street types English writes most, whole and abbreviated.
COMMON_TYPES = "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd"
# A street named before the street address it crosses, right after a word that says where or at the start
# of a line: "the office is at Catalina and 4010 Rockford Road", "meet me at Elm Street and 12 Oak Avenue".
_CROSS_BEFORE = regex.compile(
    r"(?:(?<=^|\n)[ \t]*|(?<=[:,])[ \t]*|(?<=[ ][-–])[ ]+|(?<=(?<![\p{L}])(?P<lead>(?i:at|to|in|is|on|with|near|of)))[ ]+)"
    r"(?P<name>\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Ll}[\p{Ll}'’]{2,}|(?:\p{Lu}[\p{L}'’-]+[ ]){1,2}(?:" + COMMON_TYPES + r")\.?)"
    r"[ ]+(?:and|&)[ ]+\Z",
    regex.MULTILINE,
)
# A street's name in lower-case chat: "spojovací 876", "el roqueo 75" (checked to hold a word no dictionary has).
# Not "the corner of 12": an article or a corner word opens a phrase, not a street's name.
_LOWER_NAME = (
    r"(?!(?:the|a|my|your|his|her|our|their|this|that|corner|intersection|junction)(?![\p{L}]))"
    r"\p{Ll}[\p{L}'’.-]{2,}(?:[ ]\p{Ll}[\p{L}'’.-]+){0,2}"
)
_YEAR_END = regex.compile(r"[ ](?:19|20)\d\d\Z")
# Words a sentence goes on with after a street: a lower-case word after the house number that is none of them
# makes the number a count of things ("on 64 Ubuntu 22 machines").
_GOES_ON = "in|and|or|for|near|by|on|at|to|with|from|after|before|until|where|which|this|next|st|street"
# Not a count, a time or a quantity after the number: "at Hilton 5 pm", "on Ubuntu 22 machines", "Gate 4:30".
_NOT_A_COUNT = (
    r"(?![\p{L}\d]|[.,:/-]\d|[ ]?(?:am|pm|a\.m\.|p\.m\.|o'clock|h|hrs|min|%|percent|times|people|items)(?![\p{L}])"
    r"|[ ]+(?!(?:" + _GOES_ON + r"|last|since|every|tomorrow|today|tonight|yesterday|now|soon|later|again|please|then|first"
    r"|when|while|if|so|as|but|because|once)\b)\p{Ll})"
)


class StreetAddressRecognizer(ContextPatternRecognizer):
    """A street address: number and street type, with unit, postal code and town when they follow."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS = [
        Pattern(
            "en_street",
            # A unit may come first: "Flat 7, 137 Abbots Way", "Apt 4B, 12 Main St".
            r"(?:\b(?:Flat|Apt\.?|Apartment|Unit|Suite|Ste\.?|Room|Studio)\s+#?[A-Za-z0-9-]{1,5},?\s+)?"
            # Australia and New Zealand write the unit before the number: "3/42 Beach Road".
            # A number after "Chapter" or "Page" counts pages: "Chapter 7 Market Street Economics".
            r"(?<![\w-])(?<!\b" + _COUNTING_WORDS + r"[ ])(?:\d{1,4}[A-Za-z]?/)?\d{1,6}[A-Za-z]?(?:-\d{1,5})?\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
            r"(?:" + _EN_NAME + r"\s+){1,4}(?:" + _EN_TYPES + r")\b\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b\.?)?"
            + _EN_UNIT + _EN_TAIL,
            0.7,
        ),
        # A flat first, then (a block or the building and) a street named without a house number, as Irish
        # and Indian addresses write it: "Apartment 9, Block B, Clarion Quay", "Flat 302, Sai Krupa
        # Apartments, 14th Cross Road" (the town and postal code after it join it later).
        Pattern("en_unit_first_street", _UNIT_FIRST_STREET, 0.6),
        # Written-out house numbers: an address with its town, or (lower score) where the text says address.
        Pattern("en_street_spelled_town", _SPELLED_STREET + _EN_CODED_TOWN, 0.6),
        Pattern("en_street_spelled", _SPELLED_STREET_ANY_CASE + r"(?![ ]\p{Lu})", 0.3),
        # A house number before a Spanish, Italian, Portuguese or French street, as English writers put it:
        # "9 Calle Prádena del Rincón, Madrid", "12 Via Roma, Florence".
        Pattern(
            "en_street_foreign_type",
            r"(?<![\w-])(?:\d{1,5}-)?\d{1,5}[A-Za-z]?[ ]+(?:Calle|Avenida|Avda\.|Av\.?|Paseo|Plaza|Carrer|Via|Viale|Piazza|Corso|Rua|Avenue|Rue|Strada)[ ]+"
            # A word after a capitalized article may be in lower case ("Avda. Los llanos"); the street's own
            # number may follow the name too ("891 Avda. Los llanos 41", "12 Rua Augusta 274").
            + _FOREIGN_NAME + r"(?:[ ](?<=(?:Los|Las|La|El|Les|Le|Da|Do|Dos|Das|De|Del)[ ])\p{Ll}[\p{L}'’-]+)?"
            + r"(?:[ ]\d{1,4}[A-Za-z]?" + _NOT_A_COUNT + r")?" + _EN_TAIL,
            0.6,
        ),
        # Portuguese abbreviates Rua to "R", between a building number and the street's own: "5765 R Doutor
        # Serrão Martins 116" (both numbers there, so "3 R Smith 12" in a table is no street).
        Pattern(
            "pt_street_r",
            r"(?<![\w-])\d{1,5}[ ]+R\.?[ ]+" + _FOREIGN_NAME + r"[ ]\d{1,4}[A-Za-z]?" + _NOT_A_COUNT + _EN_TAIL,
            0.6,
        ),
        # Chat in lower case: "58 bramble close, leeds ls6 2qh" is an address with its postcode, or right
        # after words saying one follows ("my address is", "i live at"); "12 more court cases" is not.
        # In lower case with a building number and a house number before it, an address on its own:
        # "he lives at 8321 509 toy avenue apt. 812" ("12 more court cases" has neither).
        Pattern(
            "en_street_lower_numbers",
            r"(?<![\w-])(?=\d{1,5}[ ]\d{1,5}[a-z]?[ ]\p{Ll})" + _LOWER_STREET
            # Not a count of things: "3 12 inch way markers"; the sentence may go on with a function word,
            # and after a unit with the town ("... road suite 660 philadelphia pa").
            + r"(?:(?<=\d)|(?![ ]+(?!(?:in|on|for|and|to|at|please|with|near|by|is|was|so|if|when|or|but)\b)\p{Ll}))",
            0.6,
        ),
        Pattern("en_street_lower_coded", r"(?<![\w-])" + _LOWER_STREET + _LOWER_TOWN + r",?[ ]+(?:[a-z]{2}[ ])?(?:" + _LOWER_POSTCODE + r")(?![\p{L}\d])", 0.5),
        Pattern(
            "en_street_lower_introduced",
            r"\b(?i:address is|address:|address -|live at|lives at|living at|moved to|move to|staying at|located at|return (?:it )?to"
            r"|send (?:it |them |this |the \w+ )?to|ship (?:it |them )?to|deliver (?:it |them )?to)[ ]{1,3}"
            r"(?P<value>" + _LOWER_STREET + r"(?:" + _LOWER_TOWN + r",?[ ]+(?:[a-z]{2}[ ])?(?:" + _LOWER_POSTCODE + r")(?![\p{L}\d]))?)",
            0.5,
        ),
        # German boxes group their digits ("Postfach 10 01 23"); a postal code may stand before the town.
        Pattern(
            "po_box",
            r"\b(?i:P\.?\s?O\.?\s?Box|Post Office Box|Postbox|Bo[iî]te Postale|Apartado(?: de correos)?|Postfach)\s+\d{1,6}(?:[ ]\d{2}){0,3}\b"
            r"(?:" + _EN_TOWN + r"|,?\s+(?:[A-Z]{1,2}-)?\d{4,5}[ ]+" + _CITY + r")?",
            0.6,
        ),
        Pattern(
            "fr_street",
            r"(?:" + _FR_BUILDING + r")?(?<![\w-])\d{1,4}(?:\s?(?:bis|ter|quater|[A-Da-d])\b)?,?\s+(?i:" + _FR_TYPES + r")\s+" + _FR_NAME + _FR_TAIL,
            0.7,
        ),
        Pattern(
            "fr_street_name_first",
            r"(?<![\w-])(?:" + _FR_TYPES_FIRST + r")[ ]+" + _FR_PLAIN_NAME + r"[ ]+\d{1,4}[a-zA-Z]?(?:[ ]?(?:bis|ter))?(?![\p{L}\d])"
            r"(?:,?[ ]+(?:bte|boîte|bus)[ ]?\d{1,4})?(?:,[ ]*|[ \t]*\n[ \t]*)(?:CH-|B-|L-|F-)?\d{4,5}[ ]+" + _CITY,
            0.65,
        ),
        # A grid address of Colombia and its neighbours: the street's number, then the crossing street's
        # and the metres from it ("Calle 50 # 12-34", "Carrera 7 No. 71-21", "Cra. 15 #88-64 Apto 302").
        Pattern(
            "co_street",
            r"(?<![\p{L}])(?i:Calle|Cll\.?|Cl\.|Carrera|Cra\.?|Kr\.|Avenida[ ](?:Calle|Carrera)|Avenida|Av\.|Diagonal|Dg\.|Transversal|Tv\.)"
            r"[ ]\d{1,3}[A-Z]?(?:[ ](?:Bis|Sur|Este))?[ ]?(?:\#|No\.?|N[º°o]\.?)[ ]?\d{1,3}[A-Z]?[ ]?-[ ]?\d{1,3}(?![\d-])"
            + _INTL_UNIT + r"(?:,?[ ]+(?i:Apto\.?|Apartamento|Oficina|Of\.|Local|Casa|Int\.?|Interior)[ ]?\w{1,5})?",
            0.7,
        ),
        Pattern(
            "es_street",
            r"\b(?i:" + _ES_TYPES + r")\s*" + _ES_NAME + _ES_NUMBER + _ES_TAIL,
            0.65,
        ),
        Pattern(
            "de_street",
            r"(?<![\w-])" + _DE_STREET + r"\s+\d{1,3}(?:\s?[a-zA-Z]\b|\s?-\s?\d{1,3})?(?:/\d{1,4}[a-zA-Z]?){0,3}(?![\d/])" + _DE_TAIL,
            0.65,
        ),
        Pattern(
            "intl_street",
            r"(?<![\w-])(?:(?:" + _L_WORD + r"[ ](?:(?:van|van der|de|der|den|von|la|le)[ ])?){0,2}\p{Lu}[\p{L}-]*(?:" + _INTL_SUFFIX + r")|" + _L_WORD + r"[ ](?:(?:" + _L_WORD + r"|\p{Ll}{3,})[ ])?(?:" + _INTL_AFTER + r")"
            r"|(?:" + _INTL_BEFORE + r")[ ]?(?:(?:de|da|das|do|dos|del|la|di)[ ])?" + _L_WORD + r"(?:[ ](?:(?:de|da|das|do|dos|del|la|di)[ ])?" + _L_WORD + r"){0,2}"
            # A Slavic or Romanian name may follow its type in lower case: "Trg revolucije 96", "ul. podleśna 17".
            r"|(?:Trg|Cesta|Ulica|ulica|ul\.|Strada|Calea|Rruga)[ ](?:" + _L_WORD + r"[ ])?\p{Ll}[\p{L}'’-]{2,})(?![\p{L}])[ ]+" + _HOUSE + _INTL_UNIT
            + r"(?:,?[ ]*\n?[ \t]*" + _POST_TOWN + r")?",
            0.7,
        ),
        # A street without a type word is an address only with its postal code and town after it.
        Pattern(
            "street_with_town",
            r"(?:" + _UNIT_LINE + r",?[ ]+)?(?:" + _NUM_FIRST + r"|" + _NAME_FIRST + r")" + _INTL_UNIT + r"(?:,?[ ]+" + _UNIT_LINE + r")?"
            r"(?:,[ ]*|[ \t]*\n[ \t]*)(?:" + _UNIT_LINE + r"[ \t]*\n[ \t]*)?" + _POST_TOWN,
            0.6,
        ),
        # ... or, with a flat or building number before it, with its town and nothing after: "We met at
        # the office, 69495 Teemeistri 44, Soeküla" (the name and the town are checked to be no dictionary words).
        Pattern(
            "street_numbers_town",
            # The town may stand on the next line, and a state or postal code follow it ("...\nZuid-Beijerland\n, ZH").
            r"(?<![\w.,:/#$€£%+-])\d{1,6}[ ]+(?P<name>" + _L_WORD + r"(?:[ ]" + _L_WORD + r"){0,2})[ ]+\d{1,4}[A-Za-z]?(?:,[ ]+|[ \t]*\n[ \t]*)"
            r"(?P<town>" + _TOWN_WORD + r"(?:[ ](?:(?:de|del|do|da|la|le|am|upon|on|sur)[ ])?" + _TOWN_WORD + r"){0,2})"
            # A district number may follow the town: "Kutná Hora 1".
            r"(?:[ ]\d{1,2})?(?=[ \t]*(?:$|\n|[.!?;,]))",
            0.6,
        ),
        # ... or, with a building number before it, right after a word of place: "drops you off at 3236 Kooli
        # 79", "the office is at 291 Tylova 285" (a name of dictionary words only is checked away).
        Pattern(
            "street_numbers_after_place_word",
            # In lower-case chat too: "the restaurant is at 291 tylova 285" (a word no dictionary holds there).
            r"(?<![\p{L}])(?i:at|on|to|from|of)[ ]+(?P<value>\d{1,6}[ ]+(?:" + _NAME_WORDS + r"|" + _LOWER_NAME + r")[ ]+\d{1,4}[A-Za-z]?)"
            # Not a count of things: "on 64 Ubuntu 22 machines".
            r"(?![\p{L}\d]|[.,:/-]\d|[ ]+(?!(?:" + _GOES_ON + r")\b)\p{Ll})",
            0.6,
        ),
        # A street named without a number where the text says where something is: "she lives on Carpenter
        # Road", "the shop on Hansen Forks Street" (a name of dictionary words only is checked away).
        Pattern(
            "street_name_after_on",
            r"(?<![\p{L}])(?i:on|along|off)[ ]+(?P<value>(?:" + _EN_NAME + r"[ ]+){1,3}(?:" + _NAMED_TYPES + r"))(?![\p{L}\d])(?![ ]+\p{Lu})",
            0.6,
        ),
        # ... or with its town after a comma: "Carpenter Road, Springfield", "Rua Augusta, Lisboa" (the town
        # checked to be a known place, or a name after words that say where, "I live at").
        Pattern(
            "street_name_town",
            r"(?<![\p{L}\d'’.-])(?P<value>(?:Rua|Rue|Calle|Via|Viale|Corso|Avenida)[ ]+" + _FOREIGN_NAME
            + r"|(?:" + _EN_NAME + r"[ ]+){1,3}(?:" + _STRICT_TYPES + r")\.?)(?=,[ ]*\p{Lu})",
            0.6,
        ),
        # Chat in lower case, any country's order, with its postal code and town: "storgatan 12, 114 51
        # stockholm", "44 rue des lilas, 75019 paris" (a street of dictionary words only is checked away).
        Pattern(
            "street_lower_post_town",
            r"(?<![\w-])(?P<street>\d{1,5}[a-z]?,?[ ]+" + _LOWER_WORDS + r"|" + _LOWER_WORDS + r"[ ]\d{1,4}[a-z]?),[ ]+"
            r"(?:\d{3}[ ]\d{2}|\d{4,5}|\d{2}-\d{3})[ ]+(?P<town>\p{Ll}[\p{Ll}'’-]+(?:[ -]\p{Ll}[\p{Ll}'’-]+){0,2})(?![\p{L}\d])",
            0.6,
        ),
        # ... or its street and unit over lines: "48196 ladbyvej 84\n apt. 517" (the street checked as above).
        Pattern(
            "street_with_unit_lower",
            r"(?<![\w-])(?P<street>\d{1,6}[ ]+" + _LOWER_WORDS + r"[ ]+\d{1,5}[a-z]?)(?:,?[ ]+|[ \t]*,?[ \t]*\n[ \t]*)"
            r"(?:apt|apartment|suite|unit|flat)\.?[ ]?#?\d{1,5}[a-z]?(?![\p{L}\d])",
            0.6,
        ),
        # A corner of two named streets: "at the corner of Elm Street and Oak Avenue".
        Pattern(
            "street_corner",
            r"(?<![\p{L}])(?i:corner of|intersection of|junction of)[ ]+(?P<value>(?:" + _EN_NAME + r"[ ]+){1,3}(?:" + _EN_TYPES + r")\.?"
            r"[ ]+(?:and|&)[ ]+(?:" + _EN_NAME + r"[ ]+){1,3}(?:" + _EN_TYPES + r")(?![\p{L}\d]))",
            0.6,
        ),
        # ... or of any two streets, with or without numbers or type words: "the corner of Jeronýmova 1960 and
        # Weöres Hills" (each street checked to be no dictionary phrase and no pair of countries). The corner
        # words stay outside, as every lead-in does.
        Pattern(
            "street_corner_any",
            _CORNER_LEAD + r"(?P<value>" + _CORNER_SIDE + r"[ ]+(?:and|&)[ ]+" + _CORNER_SIDE + r")"
            r"(?=[ \t]*(?:[.,;:!?)\]\"'’]|\n|$)|[ ]+\p{Ll})",
            0.6,
        ),
        Pattern(
            "street_corner_lower",
            _CORNER_LEAD + r"(?P<value>" + _LOWER_CORNER_SIDE + r"[ ]+(?:and|&)[ ]+" + _LOWER_CORNER_SIDE + r")(?=[ \t]*(?:[.,;:!?)]|\n|$))",
            0.6,
        ),
        # ... or with its town and a country (checked to be a known one): "Pärna 67, Tõrva, Estonia".
        Pattern(
            "street_town_country",
            r"(?:" + _NUM_FIRST + r"|" + _NAME_FIRST + r")" + _INTL_UNIT + r"(?:(?:,[ ]*|[ \t]*\n[ \t]*)(?:" + _DISTRICT_PART + r"))?"
            r"(?:(?:,[ ]*|[ \t]*\n[ \t]*)" + _LONG_CITY
            # Not a form's next label: "Calle: Avinguda Diagonal 611\nCiudad: Barcelona".
            + r")?(?:,[ ]*|[ \t]*\n[ \t]*)(?P<country>\p{Lu}[\p{L}'-]+(?:[ ]\p{Lu}[\p{L}'-]+){0,2})(?![\p{L}]|[ \t]*:)",
            0.6,
        ),
        # ... or where the text says an address follows: "my address is Karlsängen 77", "she lives at
        # 12 Vainupea 50" (a name of dictionary words only, "is at Gate 12", is checked away).
        Pattern(
            "street_after_lead",
            r"(?i:address(?:[ ]is|:)|(?:live|lives|living|reside|resides)[ ](?:at|on)|(?:is|are|located|based)[ ]at"
            r"|(?:send|ship|deliver|mail|return|post)(?:[ ](?:it|them|this))?[ ]to)(?:[ ]+|[ \t]*\n[ \t\n]*)" + _CROSS_NAME
            # A building number and a house number before a name, as some countries write them: "08023 42 Gladstonos".
            + r"(?P<value>(?:\d{1,6}[ ])?" + _NAME_FIRST + r"|\d{1,6}[ ]\d{1,4}[A-Za-z]?[ ](?:" + _NAME_WORDS + r"|" + _LOWER_NAME + r")"
            # In lower-case chat: "the office is at puruntie 50" (a word no dictionary holds there).
            + r"|(?:\d{1,6}[ ])?" + _LOWER_NAME + r"[ ]+\d{1,4}[a-z]?)(?![\p{L}\d])",
            0.6,
        ),
        # ... or after other words that say where someone lives, goes or is met, in any case: "he lives on the
        # north side of Purje 57", "the bus drops you off at Välja 82", "send the parcel to eyrarodda 6" (a name
        # of dictionary words only, "meet me at gate 12", is checked away, and so is a technical text).
        Pattern(
            "street_after_where",
            r"(?<![\p{L}])(?i:" + _WHERE_LEAD + r")[ ]+" + _CROSS_NAME + r"(?P<value>(?:\d{1,6}[ ])?(?:" + _NAME_WORDS + r"|" + _LOWER_NAME + r")[ ]+" + _HOUSE + r")"
            + _NOT_A_COUNT,
            0.6,
        ),
        # ... or after a bare preposition or an address's key, when a word of its name is in no list of words,
        # people or places: "there was a fire at Purje 57 last night", "left outside Toppen 81", "Customer
        # address - Välja 82" (not "in Season 2", "at John Smith 42", "in ISO 8601", "on Windows 11" in a
        # technical text). English only: the dictionary that tells a name from a word is English.
        Pattern(
            "street_unknown_name_number",
            r"(?<![\p{L}])(?i:at|on|to|from|of|near|outside|in|into|by|off|behind|opposite|past|via"
            r"|(?:address|home|residence|location|domicile)[ ]?[:\-–])[ ]+"
            r"(?P<value>(?:" + _NAME_WORDS + r"|" + _LOWER_NAME + r")[ ]+" + _HOUSE + r")" + _NOT_A_COUNT,
            0.6,
        ),
        # ... or with the word "street" after it, in any case: "the book refers to Rahu 37 street in Sindi", "she
        # lives on eyrarodda 6 street" (a name of dictionary words only, "on page 12 street", is checked away).
        Pattern(
            "street_before_street_word",
            r"(?<![\p{L}])(?i:on|at|to|of|in|from|along|off)[ ]+(?P<value>(?:" + _NAME_WORDS + r"|" + _LOWER_NAME
            + r"|\p{Lu}[\p{L}'’-]+[ ]\p{Ll}[\p{L}'’-]{3,})[ ]+" + _HOUSE + r")[ ]+(?i:street)(?![\p{L}])",
            0.6,
        ),
        # ... or with its unit: "77 Larchmont, Unit 3", "1845 Sagebrush Apt. 918".
        # The unit may stand on the next line, under a street of any country's order: "Vainupea 50\nSuite 9".
        Pattern(
            "street_with_unit",
            r"(?:" + _NUM_FIRST + r"|" + _NAME_FIRST + r")(?:,?[ ]+|(?:[ \t]*,)?[ \t]*\n[ \t]*" + _BULLET + r")" + _UNIT_LINE + r"(?![\p{L}\d])",
            0.6,
        ),
        # Japan, in Latin letters: block numbers, district, ward or city, prefecture or city, postal code
        # ("3-14-2 Jingumae, Shibuya-ku, Tokyo 150-0001"); a ward suffix or the postal code must be there.
        Pattern(
            "jp_street",
            r"(?<![\w-])\d{1,4}-\d{1,4}(?:-\d{1,4})?(?=[^\n]{0,80}?(?:-(?:ku|shi|cho|machi|mura|gun)(?![\p{L}])|(?<![\d-])\d{3}-\d{4}(?![\d-])))"
            r",?[ ]+\p{Lu}[\p{L}]*(?:[ -]\p{Lu}[\p{L}]*)?(?:,[ ]*\p{Lu}[\p{L}]*-(?:ku|shi|cho|machi|mura|gun)(?![\p{L}]))*"
            r"(?:,[ ]*" + _CITY + r")?(?:,?[ ]+(?:〒[ ]?)?\d{3}-\d{4}(?![\d-]))?(?:,[ ]*Japan(?![\p{L}]))?",
            0.6,
        ),
        # Any case: chat writes "psc 2253, box 2765 / apo ae 48409"; ships may be "USCGC van der Voet".
        Pattern("us_military", r"(?<![\w-])(?i:" + _MILITARY + r")(?![\d-])", 0.7),
        Pattern(
            "unit_line",
            # On a line of its own or as a field's value; after "at"/"in" also before a comma.
            r"(?m:^[ \t]*" + _BULLET + r"(?:[\w ]{1,20}:[ \t]*)?(?P<value>" + _UNIT_LINE + r")[ \t]*$|\b(?:at|in)[ ](?P<value>" + _UNIT_LINE + r")(?=[ \t]*$|,))",
            0.5,
        ),
        Pattern(
            "it_street",
            r"\b(?i:" + _IT_TYPES + r")\s+(?:(?:del|della|dei|degli|delle|di|de)\s+)?[\p{Lu}][\p{L}'’.-]*(?:\s(?:del|della|dei|di|[\p{Lu}][\p{L}'’.-]*)){0,4},?\s+(?:n\.\s?)?\d{1,4}[A-Za-z]?" + _IT_TAIL,
            0.65,
        ),
    ]
    # The prose patterns need their own words: most texts hold none of them.
    TRIGGERS = {
        "street_corner": ("corner of", "intersection of", "junction of"),
        "street_before_street_word": ("street",),
        "street_corner_any": ("corner of", "intersection of", "junction of"),
        "street_corner_lower": ("corner of", "intersection of", "junction of"),
        "street_after_where": (
            "side of", "end of", " off ", " up ", "meet", "met ", "see ", "visit", "find ", "enter", "entr", "lived", "stay",
            "moved", "moving", "relocated", "send", "sent", "ship", "deliver", "mail", "post", "return", "bring", "forward",
        ),
        "street_name_after_on": tuple(t.lower() for t in _NAMED_TYPES.split("|")),
        "street_with_unit_lower": ("apt", "apartment", "suite", "unit", "flat"),
        "street_lower_post_town": (", ",),
        "street_name_town": (", ",),
    }
    CONTEXT = {
        "en": ["address", "live", "lives", "living", "located", "ship", "deliver", "mail", "send", "street", "resid", "visit"],
        "fr": ["adresse", "habite", "domicil", "livr", "envoy", "reside"],
        "es": ["direccion", "domicilio", "vivo", "vive", "resid", "envi", "entreg"],
        "de": ["adresse", "anschrift", "wohn", "liefer", "schick", "sende"],
        "it": ["indirizzo", "abito", "abita", "resid", "spedi", "consegn"],
    }

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        # Patterns that each read part of one address ("PO Box 4471" and "PO Box 4471, Wellington
        # 6140") report one address: it starts where the surest part starts (a looser pattern may
        # take a word before it, "Anschrift Walterring 26") and ends where the longest part ends.
        # Only parts sure enough on their own: a weak part waits for its context words.
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        sure = sorted((r for r in results if r.score >= _MERGE_SCORE), key=lambda r: (r.start, -r.end))
        clusters: List[List[RecognizerResult]] = []
        for result in sure:
            if clusters and result.start < max(r.end for r in clusters[-1]):
                clusters[-1].append(result)
            else:
                clusters.append([result])
        merged = []
        for cluster in clusters:
            best = max(cluster, key=lambda r: (r.score, r.start))
            # Equally sure parts: the one that starts first ("Möhe 63\nApt. 4" over "Apt. 4"); a street
            # a strong pattern read from its house number starts it too, whatever context words raised
            # the rest to ("8356 85 Spencer Street\n Apt. 022" over "Apt. 022"; the strong pattern
            # that took "Anschrift Birkenweg 7" does not start with a number).
            # A street read name first up to the number a strong street starts from starts it as well: "Pachergasse
            # 64 Mathisen Park" is one street line, written with both of its names.
            best.start = min(r.start for r in cluster if r.score >= best.score or _strong(r, text) or _name_first_into(r, cluster, text))
            best.end = max(r.end for r in cluster if r.end > best.start)
            merged.append(best)
        return merged + [r for r in results if r.score < _MERGE_SCORE]

    def score_match(self, text, value, start, end, pattern):  # noqa: D102
        if pattern.name == "street_numbers_town" and not _numbers_town(value):
            return None
        if pattern.name == "street_with_unit_lower" and not any(_not_word(w) for w in regex.findall(r"\p{L}[\p{L}'’]*", value.split("\n")[0])):
            return None
        if pattern.name == "street_lower_post_town":
            span = _lower_post_town(value)
            if span is None:
                return None
            start, end = start + span[0], start + span[1]
            value = text[start:end]
        if pattern.name == "street_name_town":
            town_end = _named_street_town(text, start, end)
            if town_end is None:
                return None
            end, value = town_end, text[start:town_end]
        if pattern.name == "intl_street" and _common_before_type(value):
            return None  # "the Main gate 4 entrance": a type word that is also an English one, after dictionary words
        if pattern.name == "street_town_country":
            parts = regex.split(r"[,\n]", value)
            if not _known_place(parts[-1].strip()):
                return None  # "Windows 10, Redmond, Microsoft": the last part must be a known place
            if len(parts) == 2 and value[:1].isdigit():
                return None  # "4000 Liège, Belgium": a postal code and a town; a street names its town before the country
        if pattern.name in ("street_after_lead", "street_numbers_after_place_word") and value.islower() and not _lower_street_name(value):
            return None
        if pattern.name in ("street_corner_any", "street_corner_lower") and not _corner_streets(value):
            return None  # "the corner of the room and the window", "the corner of Europe and Asia"
        if pattern.name == "street_unknown_name_number" and (
            self.supported_language != "en" or _YEAR_END.search(value) or not _unknown_street_name(value)
        ):
            # English words only: the dictionary that tells a name from a word is English ("Abschnitt 14").
            return None
        if pattern.name == "street_after_where" and _YEAR_END.search(value) and not value[:1].isdigit():
            return None  # "she moved to Springfield 2019": a year, not a house
        if pattern.name in _PROSE_PATTERNS and technical(text):
            return None  # "runs on 64 Ubuntu 22 machines", "deployed on Big Data Drive"
        if (pattern.name in ("street_after_lead", "street_town_country", "street_before_street_word", "street_numbers_after_place_word", "street_after_where") or (pattern.name == "street_with_unit" and not value[:1].isdigit())) and all(is_common_word(w) for w in regex.findall(r"\p{L}[\p{L}'’.-]*", value)):
            return None
        # "... Collins Station." - the full stop ends the sentence; "Main St." keeps its dot.
        if value.endswith(".") and value[:-1].rsplit(None, 1)[-1].lower() not in _ABBREVIATIONS:
            end -= 1
            value = value[:-1]
        # A Hungarian house number keeps its dot, an ordinal's: "Andrássy út 60." (also mid-sentence, "út 60. and").
        if text[end : end + 1] == "." and _HUNGARIAN_NUMBER.search(value) and not text[end + 1 : end + 2].isdigit():
            end += 1
            value = text[start:end]
        # A second type word after a street that has its own is the sentence's, not the street's: "15 Clasper Way
        # St." is "15 Clasper Way"; so is an English one after a street whose type comes first ("82 rue du Port St.").
        second = _SECOND_TYPE.search(value) or (_TRAILING_ST.search(value) if _TYPE_FIRST.search(value) else None)
        if second is not None:
            end = start + second.start()
            value = text[start:end]
        # An address written over lines ends with its country: "...\n0184 Oslo\nNorway", "..., Romania".
        # Town and country names on the next lines (a known place each), and a postal code on a line
        # of its own ("...\nLondon\nSW1A 1AA"), belong to it.
        end = _block_end(text, end)
        # A building or flat number written before the street's own number: "344 2272 Cedarstone
        # Drive", "48 Kongens gate 14"; not a year after "in" ("in 2019 12 Main Street").
        window = max(0, start - 24)
        before = _NUMBER_BEFORE.search(text[window:start])
        if before:
            start = window + before.start()
        start = _building_start(text, start)
        # The name of a street written before its number, glued to a street read from that number: "Skolegyden
        # 33 Philip Common" at the start of a line, "is at Genterstrasse 49 Smith Pines".
        if text[start : start + 1].isdigit():
            glued = _GLUED_NAME.search(text, max(0, start - 40), start)
            if glued is not None and _glued_street(glued.group("word")):
                start = glued.start("word")
        # A street that crosses this one, named before it: "is at Catalina and 4010 Rockford Road".
        cross = _CROSS_BEFORE.search(text, max(0, start - 48), start)
        if cross is not None and _cross_street(cross.group("name"), cross.group("lead"), text[start:end].islower()):
            start = cross.start("name")
        # An abbreviated type at the end of a sentence leaves it its full stop: "He lives at 12 Galts Ave."
        if text[end - 1 : end] == "." and text[start:end][:-1].rsplit(None, 1)[-1].lower() in _ABBREVIATIONS:
            after = _SENTENCE_AFTER.match(text, end)
            if after is not None and (after.group("word") is None or after.group("word").lower() in stop_words()):
                end -= 1
        value = text[start:end]
        return super().score_match(text, value, start, end, pattern)


_MERGE_SCORE = 0.5
# Type words after a street's name that are English words too ("Thereses gate 12B" but "Main gate 4").
_ENGLISH_TYPES = frozenset("gate sor tee".split())
_NAME_PARTICLES = frozenset("van der den de von la le".split())


def _common_before_type(value: str) -> bool:
    words = regex.findall(r"\p{L}[\p{L}'’.-]*", regex.split(r"\d", value, maxsplit=1)[0])
    if len(words) > 2 and words[1].islower() and words[1] not in _NAME_PARTICLES and is_common_word(words[0]):
        return True  # a lower-case word in the name: "Árpád fejedelem útja 89.", not "Use the main út 4"
    return len(words) > 1 and words[-1].lower() in _ENGLISH_TYPES and all(is_common_word(w) for w in words[:-1])
# Patterns that read a street in running prose, with no postal code or unit to confirm it.
_PROSE_PATTERNS = frozenset((
    "street_numbers_after_place_word", "street_name_after_on", "street_name_town", "street_after_where", "street_corner_any",
    "street_corner_lower", "street_before_street_word", "street_unknown_name_number",
))
# Words before a street that say where someone is or goes: "I live at", "meet me on", "ship to".
_WHERE_BEFORE = regex.compile(r"(?i:(?<![\p{L}])(?:at|on|onto|into|to|along|off|address(?:[ ]is)?:?)[ ]+)\Z")
_NOT_TOWN_WORDS = frozenset("thanks thank please sorry regards cheers ok okay yes no then but and or best see call".split())
_TOWN_AT = regex.compile(r",[ ]*(?P<town>" + _CITY + r")(?P<code>,?[ ]+(?:" + _POSTCODE + r"|\d{4}))?")


def _named_street_town(text: str, start: int, end: int) -> Optional[int]:
    """A street named without a house number is an address when a town follows it that a list knows
    or a postal code closes ("Baldock Street, Leeds", "Glebe Road, Cambridge CB1 7SZ"), or any town
    after words that say where ("I live at Carpenter Road, Springfield"); its first word no given
    name of a person's full name ("Kevin Lane, Tromsø" may be a man from Tromsø) unless so led.
    Where the address ends with its town, else None."""
    town = _TOWN_AT.match(text, end)
    if town is None:
        return None
    led = _WHERE_BEFORE.search(text, max(0, start - 24), start) is not None
    words = text[start:end].split()
    if not led and len(words) == 2 and words[0] in given_names():
        return None
    first = town.group("town").split(" ")[0].lower()
    # After words that say where, a capitalized word is a town even when a dictionary holds it ("Springfield").
    led_town = led and first not in stop_words() and first not in _NOT_TOWN_WORDS
    return town.end() if led_town or town.group("code") or _known_place(town.group("town")) else None


_EN_TYPE_WORDS = frozenset(_EN_TYPES.split("|"))
_STRONG_TYPES = "Street|St|Road|Rd|Avenue|Ave|Av|Drive|Dr|Lane|Ln|Boulevard|Blvd|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Motorway|Stravenue"
# After a name word and a type word only a street's type names, another type word is the sentence's ("Milky
# Way Drive", "Park Lane" and "12 Avenue Road" keep theirs: the first type word there is a name's).
_SECOND_TYPE = regex.compile(
    r"(?<=[\p{L}'’.-][ ](?:" + _STRONG_TYPES + r")\.?)[ ]+(?:" + _EN_TYPES + r")\.?\Z"
    r"|(?<=[\p{L}'’.-][ ](?:Way|Place|Pl|Court|Ct|Close|Square|Sq)\.?)[ ]+(?:St\.?|Street)\Z"
)
_TYPE_FIRST = regex.compile(r"(?<![\p{L}])(?:Rue|rue|Rua|rua|R\.|Avenida|Avda\.|Calle|Via|Viale|Travessa|Praça|Largo)[ ]")
_TRAILING_ST = regex.compile(r"[ ]+(?:St\.?|Street)\Z")
_HUNGARIAN_NUMBER = regex.compile(
    r"(?<![\p{L}])(?:u\.|utca|út|útja|utcája|tér|tere|körút|krt\.|fasor|rkp\.|rakpart|köz|sor|sétány|kapu|ltp\.)[ ]+\d{1,4}[A-Za-z]?\Z"
)
# After a street: the end of the text, or a new sentence opening with a function word ("... Ave. The house").
_SENTENCE_AFTER = regex.compile(r"[ \t]*\Z|[ ]+(?P<word>\p{Lu}\p{Ll}*)(?![\p{L}\d])")
# A word right before a street's number at the start of a line or after a word that says where.
_GLUED_NAME = regex.compile(
    r"(?:(?<=^|\n)[ \t]*|(?<=[:,])[ \t]*|(?<=(?<![\p{L}])(?i:at|to|on|in|is))[ ]+)"
    # Up to three words, a Portuguese "R" (Rua) before them: "R Cortinhas Fonte 106 Giroux Mountains".
    r"(?P<word>(?:R\.?[ ])?(?:\p{Lu}\p{Ll}[\p{L}'’-]+[ ]){0,2}\p{Lu}\p{Ll}[\p{L}'’-]{2,})[ ]\Z",
    regex.MULTILINE,
)


def _lower_street_name(value: str) -> bool:
    """Whether a street in lower case has a name: no function word in it, and a word of five letters or more no
    dictionary holds ("tylova", "puruntie"); not "is at home and 12", "is at 8 and dinner at 9", "is at 10 usd 20"."""
    words = regex.findall(r"\p{L}[\p{L}'’]*", value)
    return not any(w in stop_words() for w in words) and any(len(w) >= 5 and not is_common_word(w) for w in words)


def _unknown_street_name(value: str) -> bool:
    """Whether the name before a house number is a street's by its words alone: in lower case as
    :func:`_lower_street_name` reads it; else opened by no function word, with a word of three letters or more
    that no dictionary, list of people's names or list of places holds ("Purje", "Hrútafjörður", "Dunajska")."""
    name = regex.split(r"[ ]\d", value, maxsplit=1)[0]
    if name.islower():
        return _lower_street_name(name)
    words = regex.findall(r"\p{L}[\p{L}'’-]*", name)
    if not words or words[0].lower() in stop_words() or name.isupper():
        return False  # "in ISO 8601", "for SOC 2": a standard's or a product's code
    return any(len(w) >= 3 and _unlisted(w) for w in words)


def _unlisted(word: str) -> bool:
    """Whether no dictionary, list of people's names or list of places holds ``word``."""
    return _not_word(word) and word not in given_names() and word not in family_names() and not _known_place(word)


def _glued_street(name: str) -> bool:
    """Whether ``name``, before a street's number, is a street's name: no word of it a dictionary word, a
    person's name or a place."""
    words = [w for w in name.split(" ") if w.rstrip(".") != "R"]
    return bool(words) and all(_unlisted(w) for w in words)


def _cross_street(name: str, lead: Optional[str], lower: bool) -> bool:
    """Whether ``name``, before "and" and a street address, is a street crossing it: a street with its type, or one
    word no list holds as a place or a function word; a dictionary word only when it is a given name too or the
    text says "at" or "to" right before it ("is at Madison and 12 Main St", not "it is Monday and 12 Main St"); in
    lower case a given name only, in an address all in lower case."""
    if name.rstrip(".").rsplit(" ", 1)[-1] in _EN_TYPE_WORDS and " " in name:
        return True
    if name.islower():
        # In chat written all in lower case, only a given name: "the office is at elizabeth and puruntie 50".
        return lower and name.title() in given_names() and (lead or "").lower() in ("at", "to")
    if name.lower() in stop_words() or _known_place(name) or name.lower() in country_names() or name in TITLES:
        return False
    return not is_common_word(name) or name in given_names() or (lead or "").lower() in ("at", "to")


def _corner_streets(value: str) -> bool:
    """Whether the two sides of a corner are streets: each opens with no function word and holds a capital or a
    number (in lower-case chat, one side a number or a word no dictionary holds), and they are no two places."""
    sides = regex.split(r"[ ]+(?:and|&)[ ]+", value, maxsplit=1)
    if len(sides) != 2:
        return False
    lower = value.islower()
    for side in sides:
        first = side.split(" ")[0]
        if first.lower() in stop_words():
            return False
        if not lower and not regex.search(r"[\p{Lu}\d]", side):
            return False
    def typed(side: str) -> bool:
        return any(c.isdigit() for c in side) or any(w.rstrip(".").title() in _EN_TYPE_WORDS for w in side.split(" ")[1:])
    if lower:
        return any(typed(side) or any(not is_common_word(w) for w in regex.findall(r"\p{L}[\p{L}'’]*", side)) for side in sides)
    return not all(not typed(side) and _known_place(side) for side in sides)


def _name_first_into(result: RecognizerResult, cluster: List[RecognizerResult], text: str) -> bool:
    """Whether ``result`` reads a street name first and ends with the house number another, strong result starts with."""
    explanation = result.analysis_explanation
    if explanation is None or explanation.original_score < 0.65 or not text[result.start : result.start + 1].isupper():
        return False
    return any(
        _strong(o, text) and result.start < o.start < result.end and text[o.start : result.end].isdigit() for o in cluster
    )


def _strong(result: RecognizerResult, text: str) -> bool:
    """Read from a house number by a pattern sure on its own (a street with its type word), before
    context raised any score."""
    explanation = result.analysis_explanation
    return explanation is not None and explanation.original_score >= 0.7 and text[result.start : result.start + 1].isdigit()
_NUMBER_BEFORE = regex.compile(
    r"(?<![\w.,:/#$€£%+-])(?<!\b(?i:of|page|pages|chapter|version|no|nr|number)[ ])(?<!\b(?i:in|since|until|by|before|after)[ ](?=(?:1[89]|20)\d\d[ ]))\d{1,6}[A-Za-z]?[ ]\Z"
)
# A flat and the building it is in, written before the street's number: "Flat 12, Wellington
# Court, 45 High Street", "Apartment 7B, The Birches, 2 Mill Road", "Rose Cottage, 3 Mill Lane".
_BUILDING_BEFORE = regex.compile(
    r"(?P<unit>(?<![\p{L}])(?:(?:Flat|Apt\.?|Apartment|Unit|Suite|Ste\.?|Room|Studio)[ ]#?[A-Za-z0-9/-]{1,5}"
    # A floor: "2nd Floor, 18 King Street", "Ground Floor, Block C".
    r"|(?:\d{1,2}(?:st|nd|rd|th)|Ground|First|Second|Third|Top)[ ]Floor),?[ ]+)?"
    r"(?:(?P<building>(?<![\p{L}])(?:The[ ])?\p{Lu}[\p{L}'’-]+(?:[ ]\p{Lu}[\p{L}'’-]+){0,3}),[ ]+)?\Z"
)
# Words that make a name before a street a building's: with no flat before it, only these.
_BUILDING_WORDS = frozenset(
    """House Court Cottage Cottages Mansions Apartments Building Buildings Tower Towers Lodge Hall Farm Centre Center
    Flats Residence Residences Chambers Barn Mill Manor Villa Block Heights Wharf Quay""".split()
)


def _building_start(text: str, start: int) -> int:
    """Where an address that starts with its street number at ``start`` starts, with its flat and building."""
    # Both end with a comma right before the number: most addresses have none there.
    if not text[start : start + 1].isdigit() or not text[max(0, start - 3) : start].rstrip(" ").endswith(","):
        return start
    window = max(0, start - 72)
    found = _BUILDING_BEFORE.search(text[window:start])
    if found is None or not (found.group("unit") or (found.group("building") or "").rsplit(" ", 1)[-1] in _BUILDING_WORDS):
        return start
    return window + found.start()


# The lines (or comma-separated parts) that continue an address: a unit, a town, a state and ZIP
# code, a postal code, a country. Written over lines, an address is read to its country.
_BREAK = r"(?:(?:[ \t]*\n){0,2}[ \t]*,[ \t]*|[ \t]*(?:\n[ \t]*){1,2}" + _BULLET + r")"
_LINE_END = r"(?=[ \t]*(?:$|\n|,|[.?!;)](?:[ \t]|$)))"
# After a postal code the sentence may go on in lower case: "..., Iceland 40458 for this card".
_CODE_END = r"(?:" + _LINE_END + r"|(?=[ ]+\p{Ll}))"
# A unit also follows its street on the same line: "Parmova 110 Apt. 883".
_UNIT_AFTER = regex.compile(
    r"(?:(?<=\d)\.)?(?:" + _BREAK + r"(?:" + _UNIT_LINE + r")" + _LINE_END + r"|[ ]+(?:" + _UNIT_LINE + r")(?![\p{L}\d]))", regex.MULTILINE
)
# The small words inside towns' names: "Prádena del Rincón", "Caxias do Sul", "Kamenice nad Lipou", "Bystré u Policky".
_TOWN_PARTICLES = r"de|del|de la|la|le|les|pri|na|am|an der|upon|on|sur|en|do|da|dos|das|di|della|nad|pod|u|ob|bei|im"
# A table exported with an empty state field prints a placeholder there ("..., nan 64156").
_EMPTY_FIELD = r"(?:nan|NaN|None|null|N/A)"
_TOWN_AFTER = regex.compile(
    _BREAK + r"(?P<town>" + _TOWN_WORD + r"(?:[ -](?:(?:" + _TOWN_PARTICLES + r")[ -])?" + _TOWN_WORD + r"){0,3})"
    # A district number after the town: "Ždár nad Sázavou 1", "Praha 10".
    + r"(?:[ ]\d{1,2}(?![\p{L}\d]))?"
    r"(?P<rest>(?:,?[ ]+(?:" + _US_STATE + r"|" + _EMPTY_FIELD + r")(?![\p{L}]))?(?:,?[ ]+(?:\d{4,6}(?:-\d{4})?|" + _LETTER_POSTCODE + r"))?)"
    # After a postal code the sentence may go on in lower case: "..., Wicklow A98 X2T4 please".
    r"(?:" + _LINE_END + r"|(?<=\d|\d[A-Z]{2})(?=[ ]+\p{Ll}))",
    regex.MULTILINE,
)
# A country with a postal code after it, as some forms print them: "Czechia 602 00"; a word in
# brackets may qualify the country, as exports of multilingual lists do ("Cyprus (Greek) 38981").
_QUALIFIER = r"(?:[ ]\(\p{Lu}\p{Ll}+\))?"
_COUNTRY_CODE_AFTER = regex.compile(
    _BREAK + r"(?P<country>\p{Lu}[\p{L}'-]+(?:[ ]\p{Lu}[\p{L}'-]+){0,2})" + _QUALIFIER + r"[ ]+(?:\d{3}[ ]\d{2}|\d{4,6})" + _CODE_END, regex.MULTILINE
)
# A state or province code, then a postal code ("..., NY 10001", "..., PR\n12495"): any two or
# three capitals before a postal code; a known US, Canadian or Australian code also alone.
_STATE_ZIP_AFTER = regex.compile(_BREAK + r"(?:(?:[A-Z]{1,3}|" + _EMPTY_FIELD + r")(?:[ ]+|[ \t]*\n[ \t]*)|\d{1,2}[ \t]*\n[ \t]*)\d{4,6}(?:-\d{4})?" + _CODE_END, regex.MULTILINE)
# One letter too, as Spanish lists print a province (", M" for Madrid): then a postal code or a country must follow.
_STATE_AFTER = regex.compile(_BREAK + r"(?P<state>[A-Z]{1,3}|" + _EMPTY_FIELD + r")" + _LINE_END, regex.MULTILINE)
_UNIT_TAIL = regex.compile(r"(?<![\p{L}])" + _UNIT_LINE + r"\Z")
_KNOWN_STATE = regex.compile(r"(?:" + _US_STATE + r")")
# A town right after a unit on the same line: "... Suite 957 Torroella de Montgrí, Girona". The
# sentence may go on after it in lower case ("... Apt. 12 Bergen NO after the concert"), and a
# postal code may close it.
_TOWN_SAME_LINE = regex.compile(
    r"[ ]+(?P<town>" + _TOWN_WORD + r"(?:[ -](?:(?:" + _TOWN_PARTICLES + r")[ -])?" + _TOWN_WORD + r"){0,4})"
    # A district number, and a region code after it: "... Apt. 615 Melník 1 HL", "... Praha 10".
    r"(?P<district>[ ]\d{1,2}(?:[ ][A-Z]{2,3})?(?![\p{L}\d]))?"
    r"(?P<rest>,?[ ]+(?:" + _US_STATE + r"|" + _EMPTY_FIELD + r"))?(?:,?[ ]+\d{4,6}(?:-\d{4})?)?(?:" + _LINE_END + r"|(?=[ ]+\p{Ll})|(?<=\d)(?=[ ]+\p{Lu}))",
    regex.MULTILINE,
)
# A region or province code as forms print it after a town: "Vantaa UU", "Pesconuovo PE".
_REGION_CODE = regex.compile(r"[A-Z]{2,3}")


# A second street after the first, at a corner: "534 Rissik St and Azarías Haven".
_CORNER_AFTER = regex.compile(r"[ ]+and[ ]+(?:" + _EN_NAME + r"[ ]+){1,3}(?:" + _EN_TYPES + r")(?![\p{L}\d])")


def _not_word(word: str) -> bool:
    return not is_common_word(word) and word.lower() not in stop_words() and word.strip(".") not in TITLES


def _plain_town(words: List[str]) -> bool:
    """A town no list holds after a unit: "... Apt. 246 Kaapstad Western Cape", "... Suite 12 OULAINEN";
    its first word no dictionary word ("Suite 12 Please call first") and no lone given name."""
    if not words or not _not_word(words[0]):
        return False
    return len(words) > 1 or words[0].title() not in given_names()


def _numbers_town(value: str) -> bool:
    found = regex.match(r"\d+[ ]+(?P<name>.+?)[ ]+\d+[A-Za-z]?(?:,[ ]+|[ \t]*\n[ \t]*)(?P<town>.+)\Z", value)
    if found is None:
        return False
    name = found.group("name").split(" ")
    return any(_not_word(w) for w in name) and _not_word(found.group("town").split(" ")[0])


def _lower_post_town(value: str) -> Optional[Tuple[int, int]]:
    """Where a street in lower case with its postal code and town starts and ends in ``value``: the street
    from its number or its first word no dictionary holds ("send it to storgatan 12" starts at "storgatan"),
    the town as long as a known place or words no dictionary holds ("warszawa please" ends at "warszawa")."""
    found = regex.match(r"(?P<street>[^,]+(?:,[ ]+\d[^,]*)?),[ ]+[\d -]+[ ]+(?P<town>.+)\Z", value)
    if found is None:
        return None
    words = list(regex.finditer(r"\p{L}[\p{L}'’.]*", found.group("street")))
    first = next((w for w in words if _not_word(w.group().rstrip("."))), None)
    if first is None:
        return None
    start = 0 if value[:1].isdigit() else first.start()
    town = found.group("town").split(" ")
    known = [n for n in range(len(town), 0, -1) if _known_place(" ".join(town[:n]).title())]
    if known:
        size = known[0]
    elif _not_word(town[0]):
        size = 1 + next((i for i, w in enumerate(town[1:]) if not _not_word(w)), len(town) - 1)
    else:
        return None
    return start, found.start("town") + len(" ".join(town[:size]))


def _known_place(name: str) -> bool:
    return name in place_names() or name.title() in place_names() or name in ("USA", "UK", "U.S.A.", "U.S.")


def _country_at(text: str, pos: int) -> Optional[int]:
    for pattern in (_COUNTRY_AFTER, _COUNTRY_CODE_AFTER):
        found = pattern.match(text, pos)
        if found is not None and _known_place(found.group("country")):
            return found.end()
    return None


def _state_at(text: str, pos: int) -> Optional[int]:
    """The end of a state or province code that continues an address at ``pos``: a known code, or
    two or three capitals with a postal code or a country after them ("Londrina\n, PR\nBrazil")."""
    found = _STATE_ZIP_AFTER.match(text, pos)
    if found:
        return found.end()
    found = _STATE_AFTER.match(text, pos)
    if found is None:
        return None
    if _KNOWN_STATE.fullmatch(found.group("state")) or _CODE_LINE_AFTER.match(text, found.end()) or _country_at(text, found.end()):
        return found.end()
    return None


def _block_end(text: str, end: int) -> int:
    """Where an address that ends at ``end`` really ends, reading the parts that continue it."""
    # A street pattern may have read the unit itself: "12 Main St Apt. 4" (then a town may follow).
    after_unit = _UNIT_TAIL.search(text[max(0, end - 24) : end]) is not None
    for _ in range(6):
        if after_unit:
            after_unit = False
            same = _TOWN_SAME_LINE.match(text, end)
            last = same.group("town").rsplit(" ", 1)[-1] if same else ""
            town_words = same.group("town").split(" ") if same else []
            if same and (
                same.group("rest")
                or (same.group("district") and _plain_town(town_words))
                or _KNOWN_STATE.fullmatch(last)
                or (len(town_words) > 1 and _REGION_CODE.fullmatch(last))
                or any(_known_place(word) for word in town_words)
                or _known_place(same.group("town"))
                or _plain_town(town_words)
                or any(_known_place(" ".join(town_words[i:])) for i in range(1, len(town_words)))
            ):
                end = same.end()
                continue
        code = _CODE_LINE_AFTER.match(text, end) or _CORNER_AFTER.match(text, end)
        if code:
            end = code.end()
            continue
        unit = _UNIT_AFTER.match(text, end)
        if unit:
            end = unit.end()
            after_unit = True
            continue
        state = _state_at(text, end)
        if state is not None:
            end = state
            continue
        country = _country_at(text, end)
        if country is not None:
            end = country
            continue
        lower = _LOWER_TOWN_COUNTRY_AFTER.match(text, end)
        if lower is not None and _known_place(lower.group("country").title()):
            end = lower.end()
            continue
        town = _TOWN_AFTER.match(text, end)
        if town is None or town.group("town").lower() in stop_words():
            break
        # A town of any country is part of the address when it is a known place, carries a state
        # or postal code, or has a country or postal code after it.
        after = town.end()
        if (
            _known_place(town.group("town"))
            or town.group("rest").strip(" ,")
            or (town.group("town").isupper() and _plain_town(town.group("town").split(" ")))
            or _CODE_LINE_AFTER.match(text, after)
            or _state_at(text, after) is not None
            or _country_at(text, after) is not None
        ):
            end = after
            continue
        break
    return end
_CODE_LINE_AFTER = regex.compile(
    r"[ \t]*\n[ \t]*" + _BULLET + r"(?:" + _LETTER_POSTCODE + r"|\d{5}(?:-\d{4})?)(?=[ \t]*(?:$|\n))",
    regex.MULTILINE,
)
# In lower case, a town and a country on the lines after a street: "...\n padborg\n\n denmark 03088".
_LOWER_TOWN_COUNTRY_AFTER = regex.compile(
    r"[ \t]*(?:\n[ \t]*){1,2}(?P<town>\p{Ll}[\p{Ll}'’-]+(?:[ ]\p{Ll}[\p{Ll}'’-]+){0,3})[ \t]*(?:\n[ \t]*){1,2}"
    r"(?P<country>\p{Ll}[\p{Ll}'’-]+(?:[ ]\p{Ll}[\p{Ll}'’-]+){0,2})(?:[ ]+\d{4,6})?(?=[ \t]*(?:$|\n|[.,;?!)]))",
    regex.MULTILINE,
)
_COUNTRY_NAME = r"(?:The[ ])?(?P<country>U\.S\.A\.|U\.S\.|\p{Lu}[\p{L}'-]+(?:[ ]\p{Lu}[\p{L}'-]+){0,2})" + _QUALIFIER
# After a comma the sentence may go on ("..., Iceland for this card"); after a country on a line of its
# own only with a function word ("...\n Slovenia in case of an issue"): "12 Main Street\nLondon office
# hours are 9 to 5" ends at the street.
_COUNTRY_AFTER = regex.compile(
    r",[ ]*" + _COUNTRY_NAME + r"(?=[ \t]*(?:$|\n|[.,;)\]\"'])|[ ]+(?:on|in|by|now|and)\b|[ ]+\p{Ll})"
    r"|[ \t]*\n[ \t]*" + _BULLET + _COUNTRY_NAME + r"(?=[ \t]*(?:$|\n|[.,;)\]\"'])"
    r"|[ ]+(?:in|on|for|by|and|to|at|now|please|before|after|until|with|so|or|but|if|when)\b)",
    regex.MULTILINE,
)


_ABBREVIATIONS = frozenset(
    """st ave av rd blvd ln dr ct pl ter cir pkwy hwy sq trl cres aly xing jct expy fwy ctr ext hts rte tpke plz
    gdns apt ste fl rm bldg str bd av imp rte ch pza avda ctra urb n""".split()
)


# The line above an address block is whom it is for: "Ship to:\nÁsgeir Þorvaldsson\nAðalstræti 6\n...";
# so is a name that starts a one-line address: "Ryo Tanabe, 3-14-2 Jingumae, ...".
# Two to four capitalized words (particles and a title allowed), alone on their line.
_NAME_WORD = r"\p{Lu}[\p{Ll}\p{Lu}'’]*\p{Ll}[\p{Ll}'’]*(?:-\p{Lu}\p{Ll}+)?"
_ADDRESSEE_LINE = regex.compile(
    r"(?m:^[ \t]*(?:(?:" + "|".join(regex.escape(t) for t in sorted(TITLES, key=len, reverse=True)) + r")\.?[ \t]+)?"
    r"(?P<name>" + _NAME_WORD + r"(?:[ \t](?:(?:van der|van den|van|von|de la|de los|del|de|da|di|du|le|la|dos|bin|al|el)[ \t])?"
    + _NAME_WORD + r"){1,3})(?:[ \t]*,?[ \t]*\n|[ \t]*,[ \t]*))"
)
# Words that make such a line an organisation, a heading or a greeting rather than a person.
_NOT_ADDRESSEE = frozenset(
    """inc ltd llc corp co gmbh ag sa sarl sas srl bv nv ab oy as plc company team department dept office service services
    support customer customers sales billing accounts shipping delivery return returns warehouse store shop hotel bank
    dear hello hi thanks regards best cordialement bonjour hola saludos gracias hallo grüße""".split()
)


class AddresseeRecognizer(LocalRecognizer):
    """The person an address block is for: the name on the line right above a street address.

    Letters, labels and exports put the recipient's name on its own line over the address
    (any country's format the address recognizer reads); a small NER model or none at all
    (Spanish and German here) misses names of other cultures there.
    """

    LOWER_START = lowercase.NEVER  # capitalized names only

    SCORE = 0.6

    def __init__(self, supported_language: str = "en", supported_entity: str = "PERSON", name: Optional[str] = None):
        super().__init__(supported_entities=[supported_entity], supported_language=supported_language, name=name)
        self._addresses = StreetAddressRecognizer(supported_language=supported_language)

    def load(self) -> None:  # noqa: D102
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:  # noqa: D102
        lines = [m for m in _ADDRESSEE_LINE.finditer(text) if self._person_like(m.group("name"))]
        if not lines:
            return []
        starts = set()
        for found in self._addresses.analyze(text, ["STREET_ADDRESS"]):
            if found.score >= 0.4:
                starts.add(found.start)
        results = []
        for line in lines:
            after = line.end()
            while after < len(text) and text[after] in " \t":
                after += 1
            if after in starts:
                start, end = line.span("name")
                results.append(
                    RecognizerResult(
                        entity_type="PERSON", start=start, end=end, score=self.SCORE,
                        analysis_explanation=AnalysisExplanation(
                            recognizer=self.name, original_score=self.SCORE, textual_explanation="name above an address"
                        ),
                        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
                    )
                )
        return results

    @staticmethod
    def _person_like(name: str) -> bool:
        words = name.split()
        given, family = given_names(), family_names()  # two lookups: a union would copy both lists per line
        for word in words:
            low = word.lower().strip(".")
            if low in _NOT_ADDRESSEE or low in stop_words():
                return False
            # "Rose Garden Hotel": a dictionary word that is no name makes it a place or a business.
            if word not in given and word not in family and is_common_word(word):
                return False
        return True
