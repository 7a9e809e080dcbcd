"""Names introduced by the text itself, without a NER model.

"My name is Ada Lovelace", "Dr. Grace Hopper", "je m'appelle Marie Curie",
"me llamo Pablo Ruiz", "ich heiße Anna Schmidt": the phrase says a name
follows. This finds names in languages without a spaCy model (Spanish and
German here) and the names a small model misses. The NER model still finds
names nobody introduces, where one is installed.
"""

from __future__ import annotations

import bisect
import functools
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import regex

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, Pattern, RecognizerResult

from pii_rails.detection import lowercase
from pii_rails.detection.predefined.address import UNIT_WORDS
from pii_rails.detection.predefined.base import ContextPatternRecognizer, alternatives, fewest
from pii_rails.detection.predefined.gazetteer import _CODE, _lower_case_sentence
from pii_rails.detection.predefined.ner import GROUP_AFTER, LEGAL_FORM_AFTER, camel_case, technical
from pii_rails.detection.predefined.lexicon import (
    AMBIGUOUS_NAMES, SAINT_WORDS, TITLES, TOWN_FIRST_WORDS, common_words_known, country_names, family_names, given_names,
    is_common_word, is_word, place_names, stop_words,
)  # fmt: skip
from pii_rails.spans import Span

# A capitalized name word: "Ada", "O'Neil", "Jean-Luc", "McDonald", "Müller".
_WORD = r"\p{Lu}[\p{Ll}\p{Lu}'’]*\p{Ll}[\p{Ll}'’]*(?:-\p{Lu}\p{Ll}+)?"
# Particles inside names: "Ludwig van Beethoven", "María de la Cruz".
_PARTICLE = r"(?:van der|van den|van de|van|von|de la|de los|de las|del|de|da|di|du|le|la|dos|das|ter|ten|y|bin|ibn|bint|al|el)"
# The particles that stand between a given name and a surname and nowhere else in running text
# ("Frits van den Heuvel", "Willemine ten Pas", "Ahmad bin Ismail"); not "de", "la", "del", which
# join places' and things' names too ("Costa del Sol", "Gare de Lyon").
_INNER_PARTICLE = r"(?:van der|van den|van de|von der|van|von|ter|ten|bin|ibn|bint)"
# A middle initial may stand between name words, with or without its period: "Ruby P Wollaston".
_NAME = _WORD + r"(?:[ \t](?:\p{Lu}\.?[ \t])?(?:" + _PARTICLE + r"[ \t])?" + _WORD + r"){0,3}"
# Two or more name words: for phrases ("I'm ...") that are often followed by other capitalized words.
# A middle initial may stand inside, as in _NAME: "I'm Melisande M Auger".
_FULL_NAME = _WORD + r"(?:[ \t](?:\p{Lu}\.?[ \t])?(?:" + _PARTICLE + r"[ \t])?" + _WORD + r"){1,3}"

_INTRODUCTIONS = (
    # en
    r"my name is|my name's|my full name is|name is|name:|full name:|first name:|last name:|surname:|patient:|patient name:"
    r"|customer:|customer name:|employee:|cardholder:|card holder:|account holder:|signed(?: by)?:?|regards,|sincerely,|cheers,"
    r"|best,|thanks,|yours truly,|call me|calls me|contact person:?|what's your name\?|what is your name\?|your name\?"
    r"|last name\?|first name\?|full name\?|family name\?|maiden name\?|surname\?"
    r"|best wishes,?|warm wishes,?|all the best,?|yours sincerely,?|yours faithfully,?|respectfully,?|with thanks,?"
    # fr
    r"|je m'appelle|je m’appelle|mon nom est|mon nom:|nom :|nom:|prénom :|prénom:|nom complet :|cordialement,|bien à vous,"
    # es
    r"|me llamo|mi nombre es|nombre:|nombre :|apellido:|apellidos:|nombre completo:|saludos,|atentamente,|un saludo,"
    # de
    r"|ich heiße|ich heisse|mein name ist|name ist|vorname:|nachname:|familienname:|mit freundlichen grüßen,?|viele grüße,?|grüße,?"
    # it
    r"|mi chiamo|il mio nome è|nome:|cognome:|cordiali saluti,?"
)
_SELF = r"i am|i'm|this is|je suis|c'est|soy|ich bin|hier ist|sono"
# Longest first, so "Mrs" is not read as "Mr" followed by "s".
_TITLES = "|".join(regex.escape(t) for t in sorted(TITLES, key=len, reverse=True))
# A title standing alone, where a name was expected.
_TITLE_ONLY = regex.compile(r"(?:" + _TITLES + r")\.?")


# Form fields and headers whose value is a person: "Applicant: ...", "Release to: ...", "Empfänger: ...".
_PERSON_FIELDS = (
    r"name|full name|patient(?: name)?|applicant|recipient|beneficiary|caller|customer|client|provider|prescriber"
    r"|physician|release to|driver(?: \d)?|from|to|met|guest|tenant|owner|holder|account holder|cardholder|sender"
    r"|contact|attendee|passenger|member|employee|spouse|insured|policyholder|requester|requested by|assigned to"
    # Who a record is about or by: "Attn:", "c/o", "Witness:", "Next of kin:", "Reviewer:", "Prepared by:".
    r"|attn|c/o|witness|next of kin|emergency contact|guardian|landlord|landlady|interviewer|interviewee|reviewer"
    r"|reviewed by|approver|approved by|prepared by|checked by|verified by|signed by|reported by|reporter|author|assignee"
    r"|supervisor|deceased|victim|suspect|complainant|claimant|defendant|plaintiff|attending physician|referring physician"
    r"|ship to|bill to|deliver to|given names?|given name\(s\)|first names?|forenames?|last name|family name|surname"
    r"|de|à|an|von|para|cc|nom|nom complet|destinataire|bénéficiaire|titulaire|demandeur|demandeuse|expéditeur|locataire|patient\(e\)"
    r"|nombre|nombre completo|destinatario|titular|solicitante|cliente|inquilino|remitente|paciente"
    r"|empfänger|empfängerin|absender|antragsteller|antragstellerin|kunde|kundin|mieter|mieterin|patientin"
    r"|versicherte[rn]?|kontoinhaber|inhaber"
)
# Words after which only a person is named (a lower-case word that no list knows counts), and words
# after which people and firms are (only a known given or family name counts: "talked to zendesk").
_LOWER_PERSON_HEADS = (
    r"said|asked|replied|answered|starring|songwriter|singer|commenter|actor|actress|novelist|poet|player|assistant to"
    r"|married|husband|wife|son|daughter|brother|sister|nephew|niece|cousin|mom|mum|dad|grandma|grandpa"
)
_LOWER_LISTED_HEADS = (
    r"directed by|written by|sung by|performed by|follow up with|talked to|talk to|spoke to|spoke with|speak to|speak with"
    r"|meeting with|met with|met|tell|ask|thanks|thank you|add|remind|invite|call|text|email|ping"
)
# Jobs only people hold, as a plain statement says one has it: "Chisaki is a nurse", "Lindiwe is our accountant".
_PERSON_JOBS = (
    r"nurse|teacher|doctor|plumber|welder|accountant|engineer|student|lawyer|secretary|receptionist|cashier|chef|cook"
    r"|waiter|waitress|electrician|mechanic|carpenter|farmer|pilot|firefighter|police officer|pharmacist|dentist|surgeon"
    r"|therapist|tutor|intern|volunteer|babysitter|nanny|housekeeper|cleaner|gardener|painter"
    r"|singer|actor|actress|musician|photographer|journalist|programmer|architect|scientist|professor|lecturer|librarian"
    r"|paramedic|midwife|caregiver|courier|barista|bartender|hairdresser|barber|tailor|butcher|fisherman|soldier|sailor"
    r"|translator|roommate|flatmate|classmate|coworker|co-worker|neighbou?r|doctoral student|postman|mailman"
)
# Jobs written after a name in a signature or a list of staff, first words allowed before them ("Senior", "Sales").
_JOB_WORDS = (
    r"(?:(?:senior|junior|chief|lead|head|deputy|assistant|associate|principal|regional|general|executive|sales|account|project"
    r"|product|marketing|finance|hr|it|office|operations|customer|software|data|legal|managing|technical|clinical)[ \t]+){0,2}"
    r"(?:manager|director|head[ \t]+of|engineer|developer|designer|analyst|consultant|assistant|officer|coordinator|specialist"
    r"|administrator|accountant|lawyer|attorney|solicitor|nurse|physician|teacher|professor|lecturer|founder|co-founder|president"
    r"|vice[ \t]+president|ceo|cto|cfo|coo|intern|editor|journalist|technician|supervisor|representative|recruiter|secretary"
    r"|receptionist|paralegal|pharmacist|dentist|surgeon|therapist|architect|scientist|researcher)"
)
_CAPS_WORD = r"\p{Lu}[\p{Lu}'’]*\p{Lu}(?:-\p{Lu}[\p{Lu}'’]+)?"
# Two to four words in capitals, a middle initial allowed before the last ones as in _NAME: "LYDIA P. STEWART".
_CAPS_NAME = _CAPS_WORD + r"(?:[ \t](?:\p{Lu}\.?[ \t])?" + _CAPS_WORD + r"){1,3}"
# What bodies and lives do, never products or firms; then what people say (those only after a known name,
# or a name that is also a word: "Hunter said"; an unknown word saying something is GivenNameRecognizer's).
_BODY_VERBS = (
    r"smiled|laughed|cried|sighed|nodded|shrugged|frowned|winked|blushed|walked|hugged|kissed|married|died|was[ \t]+born"
    r"|grew[ \t]+up|thanked|apologi[sz]ed|fainted|sneezed|yawned"
)
_SPEECH_VERBS = r"said|says|asked|asks|replied|told|tells|whispered|shouted"
_DOER_VERBS = _BODY_VERBS + "|" + _SPEECH_VERBS
_BODY_VERB = regex.compile(r"[ \t]+(?:" + _BODY_VERBS + r")\b")
# Initials that name countries and unions, not people: "U.S. Army", "E.U. Council".
_CAPS_BEFORE = regex.compile(r"(?<![\p{L}])\p{Lu}+[ ]\Z")
_CAPS_AFTER = regex.compile(r"[ ]\p{Lu}+(?![\p{L}])")
_INITIAL = regex.compile(r"\p{Lu}\.?")
_PLACE_INITIALS = frozenset("US UK EU UN DC UAE USA USSR NZ SA".split())
# Keys of JSON objects and code whose value is a name.
_NAME_KEYS = (
    r"name|full_?name|fullname|display_?name|first_?name|last_?name|given_?name|family_?name|customer(?:_?name)?"
    r"|patient(?:_?name)?|contact(?:_?name)?|owner|holder|cardholder|recipient|sender|nom|nombre|vorname|nachname"
)


def _after_lowercase_introduction(patterns: List[Pattern]) -> lowercase.StartRule:
    """Lower-case names begin only right after "my name is" or "i'm" (a known given name): the
    heads of the patterns that read them."""
    heads = [
        pattern.regex.split("(?P<value>")[0]
        for pattern in patterns
        if pattern.name in ("introduced_lowercase_name", "self_lowercase_name", "credited_lowercase_name", "lower_case_title_name")
    ]
    return lowercase.after(regex.compile(r"(?:" + "|".join(heads) + r")\Z"))


def _triggers(patterns: List[Pattern]) -> Dict[str, Tuple[str, ...]]:
    """What each pattern's every match contains (see ``ContextPatternRecognizer.TRIGGERS``): its
    leading words, read from the pattern where it lists them, or the punctuation it needs."""
    sources = {pattern.name: pattern.regex for pattern in patterns}

    def lead(name: str, opener: str) -> Tuple[str, ...]:
        start = sources[name].index(opener) + len(opener)
        return alternatives(sources[name][start : sources[name].index(")", start)])

    after_letter, insensitive = r"(?<![\p{L}])(?:", r"(?i:\b(?:"
    said = lead("speaker_said", after_letter)
    return {
        "introduced_name": alternatives(_INTRODUCTIONS),
        "self_introduction": alternatives(_SELF),
        "title_name": fewest(t.lower() for t in TITLES),
        "lower_title_name": ("monsieur", "madame", "mademoiselle", "signor", "ñ"),
        "quoted_author": lead("quoted_author", insensitive),
        "dash_signature": ("--", "—", "–"),
        "bracketed_speaker": ("(",),
        "field_name": (":", "=", "...", "name -", "name-", "name –", "name—", "nom -", "nombre -"),
        "keyed_name": (":", "="),
        "minutes_field": (":",),
        "speaker_label": (":",),
        "credited_name": lead("credited_name", r"(?<![\p{L}])(?i:"),
        "lower_en_title_name": ("mr.", "mrs.", "ms.", "dr.", "prof."),
        "vocative": (",",),
        "appositive_name": ("said", "says", "told", "added", "explained", "wrote", "recall"),
        "role_name": lead("role_name", after_letter),
        # The verbs of the lookahead: "is a ... person", "lives in", "grew up", "spent", "had given", "came from".
        "statement_subject": ("is", "was", "live", "grew", "spent", "had", "has", "married", "came", "comes", "work"),
        "speaker_said": said,
        "spoken_to": said,
        "named_as": lead("named_as", after_letter),
        "question_subject": ("why", "how come"),
        "added_as": (" as ",),
        "heard_speak": ("speak", "talk", "lectur", "preach", "sing"),
        "initials_name": (".",),
        "doer_subject": alternatives(_DOER_VERBS.replace("[ \\t]+", " ")),
        "possessive_name": ("'s", "’s"),
        "card_name": ("\n",),
        "vocative_end": ("!", "?"),
        "dear_name": ("dear",),
        "caps_comma_name": (",",),
        "named_holder": ("name", "nom", "speaking", "parlez", "ligne avec", "atiende", "habla con", "sprechen", " under "),
        "quoted_header": ("wrote", "a écrit", "a ecrit", "escribió", "escribio", "scrisse"),
        "quoted_header_de": ("schrieb",),
        "quoted_header_on": ("wrote",),
        "and_i": (" and i", " and me"),
        "addressee": ("address",),
        "pronoun_and": ("him and", "her and", "me and", "them and", "us and"),
        "name_and_job": ("(", "-", "–", "—", "|", ","),
        "handled_by": (" by ",),
        "credited_lowercase_name": alternatives(_LOWER_PERSON_HEADS + "|" + _LOWER_LISTED_HEADS),
        "introduced_lowercase_name": lead("introduced_lowercase_name", insensitive),
        "self_lowercase_name": lead("self_lowercase_name", after_letter),
        "lower_case_title_name": ("mrs", "mr.", "ms.", "dr.", "prof."),
    }  # fmt: skip


class PersonIntroductionRecognizer(ContextPatternRecognizer):
    """A name after a phrase that introduces one, or after a title ("Mr.", "Mme", "Herr")."""

    ENTITY = "PERSON"
    PATTERNS = [
        # A signature in capitals too ("Cheers,\nTONIA D. BOMPIANI"), a known given name first (see score_match).
        Pattern("introduced_name", r"(?i:\b(?:" + _INTRODUCTIONS + r"))[ \t]*\n?[ \t]*(?P<value>" + _NAME + r"|" + _CAPS_NAME + r")", 0.75),
        Pattern("self_introduction", r"(?i:\b(?:" + _SELF + r"))[ \t]+(?P<value>" + _FULL_NAME + r")", 0.6),
        # Titles may stack ("Lt. Cmdr. Rebecca Oduya"): all of them go before the name.
        Pattern("title_name", r"\b(?:" + _TITLES + r")\.?[ \t]+(?:(?:" + _TITLES + r")\.?[ \t]+)*(?P<value>" + _NAME + r")", 0.7),
        # French, Spanish and Italian write the title in lower case inside a sentence: "merci monsieur
        # Ravanel", "gracias, señor Quintero", "Dña. Pilar Ortega".
        Pattern(
            "lower_title_name",
            r"(?<![\p{L}])(?:monsieur|madame|mademoiselle|señor|señora|señorita|doña|[Dd]ña\.|signor|signora|signorina)[ \t]+(?P<value>" + _NAME + r")",
            0.7,
        ),
        # A quoted post's author: "Quoting Halvard Strand:", "Originally posted by Yusra Haddad:", "Zitat von Jan Berg:".
        Pattern(
            "quoted_author",
            r"(?i:\b(?:originally posted by|posted by|quoting|quote from|quote by|citation de|message de|cita de|mensaje de|zitat von|beitrag von))"
            r"[ \t]+(?P<value>" + _NAME + r")(?=[ \t]*(?::|»|\bwrote\b|\ba écrit\b|\bescribió\b|\bschrieb\b))",
            0.7,
        ),
        # A signature under a dash: "-- Stavros", "— Ines Carvalho" on the last lines of a message.
        Pattern("dash_signature", r"(?m:^[ \t]*(?:--|—|–)[ \t]*)(?P<value>" + _NAME + r")[ \t]*$", 0.6),
        # A transcript's role with the name in brackets: "Speaker 1 (Olamide):", "Agente (Lucía Prieto):".
        Pattern(
            "bracketed_speaker",
            r"(?m:^[ \t]*(?:\[[\d:.]+\][ \t]*)?\p{L}[\p{L} ]{0,24}?(?:[ \t]\d{1,2})?[ \t]*\()(?P<value>" + _NAME + r")(?=\)[ \t]*:)",
            0.6,
        ),
        # A field at a line start: "Applicant: Ana Ruiz", "Name: JELENA JURIC", "name=>Ana Ruiz", "Holder: RUIZ, Ana".
        Pattern(
            "field_name",
            # A form's dotted leader stands for the colon ("Full name ........ PAPADOPOULOS, Spyros"), and a
            # label may stand on the line above its value ("SHIP TO:\nMARIGOLD PENHALIGON").
            # A name's label may take a dash too ("Full name - Rosario Mayo"); other labels not ("From - Berlin").
            r"(?im:^[ \t>*#-]*(?:" + _PERSON_FIELDS + r")[ \t]*(?:\d[ \t]*)?(?::|=>|=|\.{3,}|(?<=name|nom|nombre)[ \t]*[-–—])[ \t]*(?:\n[ \t]*)?)(?:(?:" + _TITLES + r")\.?[ \t]+)?(?P<value>" + _NAME
            + r"|" + _CAPS_NAME
            + r"|" + _CAPS_WORD + r",[ \t]" + _WORD + r"(?:[ \t]" + _WORD + r")?)",
            0.75,
        ),
        # Minutes and CRM records: "Apologies: Jorunn", "Chair: Ilse Vandam", "Account owner: Tiago Melo" (labels
        # that things stand after too, "Present: Azure DevOps": a known name only, see score_match).
        Pattern(
            "minutes_field",
            r"(?im:^[ \t>*#-]*(?:apologies|absent|present|chair|chairperson|chaired by|note taker|minute taker|minutes taken by"
            r"|facilitator|moderator|account owner|account manager|sales rep|case owner)[ \t]*:[ \t]*)(?P<value>" + _NAME + r")",
            0.6,
        ),
        # A JSON or code value under a name key: "name": "Liu Wei", full_name='Ana Ruiz'.
        Pattern(
            "keyed_name",
            r"(?i:[\"']?\b(?:" + _NAME_KEYS + r")[\"']?[ \t]*(?::|=>|=)[ \t]*(?:\[?\{[ \t]*[\"']?text[\"']?[ \t]*:[ \t]*)?)"
            r"[\"'](?P<value>" + _NAME + r"|" + _CAPS_NAME + r")[\"']",
            0.75,
        ),
        # A transcript's speaker: "Noa: ...", "[00:12] ANOUK DE VRIES: ..." (a known given name first).
        Pattern(
            "speaker_label",
            r"(?m:^[ \t]*(?:\[[\d:.]+\][ \t]*)?)(?P<value>" + _WORD + r"(?:[ \t]" + _WORD + r"){0,2}"
            + r"|" + _CAPS_WORD + r"(?:[ \t]" + _CAPS_WORD + r"){0,2})(?=(?:[ \t]*\([^()\n]{1,30}\))?(?::[ \t]+\S|:[\"“'‘]))",
            0.6,
        ),
        # Credits of films, songs and books: "starring Kolar", "sung by Frits van den Heuvel".
        Pattern(
            "credited_name",
            r"(?<![\p{L}])(?i:starring|co-starring|directed by|sung by|performed by|composed by|narrated by"
            # A credits list's field too: "Directed by: Halvorsen".
            r"|illustrated by|translated by|photographed by|arranged by|interviewed by):?[ \t]+(?P<value>" + _NAME + r")",
            0.6,
        ),
        # A lower-case English title inside a sentence: "join accounts with ms. Hakuba", "ask dr. Okafor".
        Pattern("lower_en_title_name", r"(?<![\p{L}.])(?:mr|mrs|ms|dr|prof)\.[ \t]+(?P<value>" + _NAME + r")", 0.6),
        # Whom a message speaks to, first thing: "Elínborg, can I please speak to your boss?".
        Pattern(
            "vocative",
            r"(?m:^[ \t]*)(?P<value>" + _WORD + r"(?:[ \t]" + _WORD + r")?),[ \t]+(?=(?:can|could|would|will|do|did|are|is|please|have|I|we|you|thank)\b)",
            0.6,
        ),
        # A name set off by a role or job, as news and quotes write it: "Ilse Vandam, the harbour pilot,
        # said", "songwriter Oskar Lindahl", "tennis player Mina Okabe".
        Pattern(
            "appositive_name",
            r"(?m:(?:^|(?<=[.!?][ ]))(?P<value>" + _FULL_NAME + r"),[ \t]+(?:the|a|an|our|their)[ \t][^,\n]{2,60},[ \t]+"
            r"(?:said|says|told|added|explained|wrote|recalls|recalled)\b)",
            0.6,
        ),
        Pattern(
            "role_name",
            r"(?<![\p{L}])(?:songwriter|singer|player|actor|actress|author|novelist|poet|commenter|columnist|reporter|journalist"
            r"|photographer|painter|composer|guitarist|drummer|coach|striker|goalkeeper|chef|designer|spokesperson"
            r"|spokesman|spokeswoman|lawyer|attorney|detective|inspector|senator|councillor|councilor|teacher|student)[ \t]+"
            r"(?P<value>" + _FULL_NAME + r")",
            0.6,
        ),
        # The subject of a plain statement about a person, first thing in a sentence: "Carol is a very
        # kind person", "Iwao lives on ...", "Mark spent a year at ...". Only before what is said of
        # people (where one lives, grew up, spent a year; "is a ... woman"), and never a dictionary
        # word unless it is a known given name, nor a place ("Battery is where", "Rich is a library").
        Pattern(
            "statement_subject",
            r"(?m:(?:^[ \t]*|(?<=[.!?][ \t]))(?P<value>" + _WORD + r"(?:[ \t]" + _WORD + r")?)[ \t]+(?="
            r"(?:is|was)[ \t]+(?:a|an|such[ \t]+a)[ \t]+(?:[\p{Ll}-]+[ \t]+){0,3}(?:person|man|woman|girl|boy|guy|lady|gentleman"
            r"|friend|kid|child|colleague|neighbou?r|mother|father|sister|brother|wife|husband|daughter|son|aunt|uncle|cousin)\b"
            # A job, where the sentence ends or goes on with where or for whom ("Chisaki is a nurse at the
            # clinic"; not "Uber is a driver app"), or what one works as.
            r"|(?:is|was)[ \t]+(?:a|an|the|our|my|their|his|her|your)[ \t]+(?:[\p{Ll}-]+[ \t]+){0,2}(?:" + _PERSON_JOBS + r")"
            r"(?=[ \t]*(?:[.,;!?]|$|[ \t](?:at|in|for|with|from|and|who|since|on|of)\b))"
            r"|(?:works|worked)[ \t]+as[ \t]+(?:a|an)[ \t]+(?:[\p{Ll}-]+[ \t]+)?(?:" + _PERSON_JOBS + r")\b"
            r"|(?:lives|lived)[ \t]+(?:on|in|at|with|near)\b"
            r"|(?:grew[ \t]+up|spent[ \t]+(?:a|an|the|two|three|some|many|several|his|her|their)|had[ \t]+given"
            r"|has[ \t]+given|was[ \t]+born|is[ \t]+married|married|(?:is|was|comes|came)[ \t]+from)\b))",
            0.55,
        ),
        # Who speaks in reported speech, and to whom: "said Ottilie to Bram", "asked Mrs Quayle".
        Pattern("speaker_said", r"(?<![\p{L}])(?:said|asked|replied|answered|shouted|whispered|yelled|cried)[ \t]+(?P<value>" + _NAME + r")", 0.6),
        Pattern(
            "spoken_to",
            r"(?<![\p{L}])(?:said|asked|replied|answered|shouted|whispered|yelled|cried)[ \t]+" + _NAME + r"[ \t]+to[ \t]+(?P<value>" + _NAME + r")",
            0.6,
        ),
        # A name given to someone: "they named her Wilhelmina", "we called him Tove".
        Pattern(
            "named_as",
            r"(?<![\p{L}])(?:named|called|nicknamed|christened|bapti[sz]ed)[ \t]+(?:him|her|them|me|us|the (?:baby|boy|girl|child))[ \t]+(?P<value>" + _NAME + r")",
            0.6,
        ),
        # A question about how someone is: "Why is Grigore so quiet?".
        Pattern(
            "question_subject",
            r"(?<![\p{L}])(?i:why|how come)[ \t]+(?:is|was|does|did|has)[ \t]+(?P<value>" + _NAME + r")[ \t]+(?=(?:so|always|never|still|such|not)\b)",
            0.55,
        ),
        # Whose address, family or song it is: "here's Ottilie's address", "Bram Kessel's killers",
        # "though Weller's song was about a boat" (a possessive before what only people have).
        Pattern(
            "possessive_name",
            r"(?<![\p{L}\d'’.-])(?P<value>" + _NAME + r")['’]s[ \t]+(?=(?:home[ \t]+|e-?mail[ \t]+|postal[ \t]+|mailing[ \t]+)?"
            r"(?:address|phone|cell|mobile|wife|husband|partner|mother|father|mum|mom|dad|son|daughter|brother|sister|parents|family"
            r"|friend|girlfriend|boyfriend|fianc[ée]e?|birthday|killers?|murder|death|funeral|grave|widow|widower|maiden[ \t]+name"
            r"|songs?|album|verses|poems?|novels?)\b)",
            0.6,
        ),
        # The first line of a contact card, an address label or a signature block: a name alone on
        # its line, the block going on below it ("Ilse Vandam\nHarbour pilot\nPort Authority ...").
        Pattern(
            "card_name",
            r"(?:\A|(?<=\n[ \t]*\n))[ \t]*(?:[^\p{L}\d\s]{1,4}[ \t]+)?(?P<value>" + _FULL_NAME + r")[ \t]*(?=\n(?:[ \t]*\n)?[ \t]*(?:[^\p{L}\d\s]{1,4}[ \t]+)?[\p{L}\d])",
            0.55,
        ),
        # Whom a sentence speaks to, at its end: "Remember me, Kasimir?", "Don't go, Ilsabet!".
        Pattern("vocative_end", r"(?<=[\p{Ll}],[ \t])(?P<value>" + _WORD + r")(?=[ \t]*[!?])", 0.5),
        # A middle initial without its period between two name words: "Leigha C Mackay" (a small
        # model stops at the initial). Both words must be no dictionary word ("Vitamin C Serum").
        Pattern("middle_initial", r"(?<![\p{L}\d'’.-])(?P<value>" + _WORD + r"[ ]\p{Lu}\.?[ ]" + _WORD + r")(?![\p{L}\d])", 0.6),
        # A given name and a surname joined by a particle that only names hold: "sung by Frits van den
        # Heuvel", "My name is Willemine ten Pas" (a small model stops at the particle or misses both).
        Pattern(
            "particle_name",
            r"(?<![\p{L}\d'’.-])(?P<value>" + _WORD + r"(?:[ ]\p{Lu}\.?)?[ ]" + _INNER_PARTICLE + r"[ ]" + _WORD + r")(?![\p{L}\d])",
            0.55,
        ),
        # A word no dictionary holds before a known family name: "it's under Zrinko Popović", "have you
        # heard Agust Svensson speak" (given names of every country are more than any list holds).
        Pattern(
            "before_surname",
            r"(?<![\p{L}\d'’.-])(?P<value>" + _WORD + r"[ ](?:\p{Lu}\.?[ ])?" + _WORD + r")(?![\p{L}\d'’-])",
            0.5,
        ),
        # A surname in capitals, a comma and the given name, in a table's cell or at a line's end: "| ZHANG, Jianguo |".
        Pattern(
            "caps_comma_name",
            r"(?<![\p{L}\d'’-])(?P<value>" + _CAPS_WORD + r"(?:[ -]" + _CAPS_WORD + r")?,[ \t]" + _WORD + r"(?:[ \t]" + _WORD + r")?)(?=[ \t]*(?:\||\t|\n|\Z))",
            0.6,
        ),
        # Whose name a thing is in, and who answers a call: "a card in the name of PÁDRAIG NÍ BHRIAIN",
        # "you're speaking with Meiling", "le atiende Aminu", "Sie sprechen mit Ingvild".
        Pattern(
            "named_holder",
            r"(?<![\p{L}])(?i:in the name of|under the name(?: of)?|(?:it's|it’s|it is|it was|booked|reserved|registered|listed) under"
            r"|au nom de|a nombre de|auf den namen|speaking with|you're speaking to"
            r"|vous parlez avec|vous êtes en ligne avec|le atiende|habla con|sie sprechen mit)[ \t]+(?P<value>" + _NAME
            + r"|" + _CAPS_NAME + r")",
            0.6,
        ),
        # Whom a record adds in a role only people hold: "we need to add Sighvatr Áskelsson as guardian".
        Pattern(
            "added_as",
            r"(?<![\p{L}])(?i:add|added|adding|list|listed|name|named|appoint|appointed|designate|designated|nominate|nominated)[ \t]+"
            r"(?P<value>" + _NAME + r")[ \t]+as[ \t]+(?i:(?:a|an|the|my|our|his|her|their)[ \t]+)?(?i:guardian|legal guardian|beneficiary"
            r"|executor|executrix|trustee|co-?signer|signatory|guarantor|dependant|dependent|next of kin|emergency contact"
            r"|joint (?:account )?holder|authori[sz]ed (?:user|signatory)|power of attorney|godparent|godmother|godfather)\b",
            0.6,
        ),
        # Whom one hears speak: "have you heard Marsilius Chenard speak yet?".
        Pattern(
            "heard_speak",
            r"(?<![\p{L}])(?i:heard|hear|hearing|seen|see|saw|watched|watch)[ \t]+(?P<value>" + _NAME + r")[ \t]+"
            r"(?i:speak|speaking|talk|talking|lecture|lecturing|preach|preaching|sing|singing)\b",
            0.6,
        ),
        # A letter's salutation with a full name: "Dear Marsilius Chenard," (one word is GivenNameRecognizer's).
        Pattern("dear_name", r"(?<![\p{L}])(?:Dear|DEAR|dear|Dearest)[ \t]+(?P<value>" + _FULL_NAME + r")(?=[ \t]*(?:[,:!\n]|\Z))", 0.6),
        # The header of a quoted e-mail: "On Mon, 3 Mar 2025 at 10:14, Teodata Boni <t@b.eu> wrote:",
        # "Le 3 mars 2025 à 10:14, Teodata Boni a écrit :", "Am 03.03.2025 um 10:14 schrieb Teodata Boni:".
        Pattern(
            "quoted_header",
            r",[ \t]+(?P<value>" + _NAME + r")[ \t]*(?:\(?<[^>\n]{3,80}>\)?[ \t]*)?(?:wrote|a écrit|a ecrit|escribió|escribio|scrisse)[ \t]*:",
            0.7,
        ),
        # ... without the comma: "On Monday Benek Arıpınar Akça wrote:", "On 3/4/2025 ANA RUIZ wrote:".
        Pattern(
            "quoted_header_on",
            r"(?m:^[ \t>]*On[ \t][^\n,<>]{2,40}?[ \t])(?P<value>" + _NAME + r"|" + _CAPS_NAME + r")[ \t]*(?:\(?<[^>\n]{3,80}>\)?[ \t]*)?wrote[ \t]*:",
            0.7,
        ),
        Pattern("quoted_header_de", r"(?<![\p{L}])schrieb[ \t]+(?P<value>" + _NAME + r")[ \t]*(?:<[^>\n]{3,80}>[ \t]*)?:", 0.7),
        # A signature's name and job: "Teodata Boni (Sales Manager)", "Marsilius Chenard - Head of Sales".
        Pattern(
            "name_and_job",
            r"(?m:(?:^|(?<=[.!?][ ]))[ \t]*)(?P<value>" + _FULL_NAME + r")[ \t]*(?:\(|[-–—|,][ \t]*)(?i:" + _JOB_WORDS + r")\b",
            0.6,
        ),
        # Who handled a record, by a verb that names a person's work: "Reported by Dmitar Ruedl on 3 March".
        Pattern(
            "handled_by",
            r"(?<![\p{L}])(?i:reported|reviewed|approved|prepared|submitted|checked|verified|authori[sz]ed|handled|escalated|referred"
            r"|recommended|interviewed|examined|treated|seen|admitted|discharged)[ \t]+by[ \t]+(?:(?:" + _TITLES + r")\.?[ \t]+)?(?P<value>" + _FULL_NAME + r")",
            0.6,
        ),
        # Chat text in lower case: "my name is josé garcía and ...".
        Pattern(
            "introduced_lowercase_name",
            r"(?i:\b(?:my name is|my name's|je m'appelle|je m’appelle|me llamo|mi nombre es|ich heiße|ich heisse"
            r"|mein name ist|mi chiamo))[ \t]+(?P<value>\p{Ll}[\p{Ll}'’-]+(?:[ \t]\p{Ll}\.?(?=[ \t]))?(?:[ \t]\p{Ll}[\p{Ll}'’-]+){0,2})",
            0.6,
        ),
        # Chat in lower case names people where capitals would too: "directed by heloise corbin", "said
        # christoffe to jose", "songwriter lydia reid", "follow up with vinka m dujmović" (see _lower_case_person).
        Pattern(
            "credited_lowercase_name",
            r"(?<![\p{L}])(?:" + _LOWER_PERSON_HEADS + "|" + _LOWER_LISTED_HEADS + r")[ \t]+"
            r"(?P<value>\p{Ll}[\p{Ll}'’-]+(?:[ \t]\p{Ll}\.?(?=[ \t]))?(?:[ \t]\p{Ll}[\p{Ll}'’-]+)?)",
            0.5,
        ),
        # A name in capitals inside text that is not ("Ask for TOMASZ NOWICKI at the desk"): a known given
        # name first (see score_match).
        Pattern("caps_name", r"(?<![\p{L}\d'’-])(?P<value>" + _CAPS_WORD + r"(?:[ ](?:\p{Lu}\.?[ ])?" + _CAPS_WORD + r"){1,2})(?![\p{L}\d'’-])", 0.6),
        # Initials before a surname: "J. R. R. Tolkien", "A.B. Smith", "M. Okonkwo".
        Pattern("initials_name", r"(?<![\p{L}\d.'’-])(?P<value>(?:\p{Lu}\.[ ]?){1,3}[ ]?" + _WORD + r")(?![\p{L}\d'’-])", 0.6),
        # What only people do, said of a name first thing in a sentence: "Oluwaseun walked in late",
        # "Hunter said the shipment was late" (see score_match).
        Pattern(
            "doer_subject",
            r"(?m:(?:^[ \t]*|(?<=[.!?][ \t])))(?P<value>" + _WORD + r"(?:[ \t]" + _WORD + r")?)(?=[ \t]+(?:" + _DOER_VERBS + r")\b)",
            0.55,
        ),
        # Whom an address is for, written first: "Billing address: Halvorsen, 12 Harbour Road".
        Pattern(
            "addressee",
            r"(?i:(?<![\p{L}])address[ \t]*:[ \t]*)(?P<value>" + _NAME + r")(?=[ \t]*(?:,[ \t]*|[ \t]*\n[ \t]*)\d)",
            0.6,
        ),
        # Who one does things with, first in a sentence or after a verb: "Beverly and I went to Celje",
        # "Sándor and I met", "with Odysseas and me" (see score_match: known names, or words no dictionary holds).
        Pattern(
            "and_i",
            r"(?<![\p{L}\d'’.-])(?P<value>" + _WORD + r"(?:[ \t](?:\p{Lu}\.?[ \t])?" + _WORD + r")?)[ \t]+and[ \t]+(?:I|me|myself)(?![\p{L}\d'’])",
            0.55,
        ),
        # ... and the other way round: "between him and Halvorsen", "with her and Wiktoria".
        Pattern(
            "pronoun_and",
            r"(?<![\p{L}])(?:between|with)[ \t]+(?:him|her|me|them|us)[ \t]+and[ \t]+(?P<value>" + _WORD + r"(?:[ \t]" + _WORD + r")?)(?![\p{L}\d'’-])",
            0.55,
        ),
        # A title in chat written without capitals: "dr. costa will see you", "mrs sampaio called" (a
        # surname, or a known given name and a surname; see score_match). Not "ms" without its period
        # ("30 ms latency") nor "miss" ("i miss paris").
        Pattern(
            "lower_case_title_name",
            r"(?<![\p{L}.])(?:mrs\.?|mr\.|ms\.|dr\.|prof\.)[ \t]+(?P<value>\p{Ll}[\p{Ll}'’-]+(?:[ \t]\p{Ll}[\p{Ll}'’-]+)?)",
            0.5,
        ),
        # ... and "i'm donald mccune": only a known given name after "i'm", which mostly says how one is.
        Pattern(
            "self_lowercase_name",
            r"(?<![\p{L}])(?:i'm|i’m|i am|this is)[ \t]+(?P<value>\p{Ll}[\p{Ll}'’-]+(?:[ \t]\p{Ll}[\p{Ll}'’-]+){0,2})",
            0.5,
        ),
    ]
    LOWER_START = _after_lowercase_introduction(PATTERNS)
    TRIGGERS = _triggers(PATTERNS)
    CONTEXT = {}

    def _before_surname(self, words: List[str]) -> bool:
        """Whether ``words`` are an unlisted given name and a listed family name, neither one a word."""
        first, last = words[0], words[-1]
        if self.supported_language != "en" or not common_words_known(self.supported_language):
            # Other languages capitalize nouns (German) or name shops after their owners ("Talleres
            # Ordóñez", "Tischlerei Haas"), and no dictionary here tells their words from names.
            return False
        if last not in family_names() or first in _known_names() or len(first) < 3:
            return False  # a known given name first is GivenNameRecognizer's
        if " ".join(words) in place_names() or " ".join(words).lower() in country_names():
            return False  # "Sri Lanka"
        if first.lower() in SAINT_WORDS or first.lower() in TOWN_FIRST_WORDS:
            return False  # "San Martín", "Puerto Montt": towns named after saints and people
        for word in (first, last):
            if is_common_word(word) or word.lower() in stop_words() or word.lower() in _NOT_NAMES or word in place_names():
                return False
            if self.supported_language != "en" and is_word(word, self.supported_language):
                return False
            if _TITLE_ONLY.fullmatch(word):
                return False
        return True

    def _given_name_before(self, word: str, at_start: object) -> bool:
        """Whether ``word``, before a name with a middle initial, is a given name of its own: not a
        title ("Mme"), an English word or place; outside English, where no dictionary knows every
        verb, a known given name first in a sentence ("Frag Tomoya G. Yamaguchi" asks him)."""
        if _places_or_words(word) or word.lower() in _NOT_NAMES or _TITLE_ONLY.fullmatch(word):
            return False
        if self.supported_language == "en" or word in given_names():
            return True
        return not at_start and not is_word(word, self.supported_language)

    def _caps_name(self, text: str, start: int, words: List[str]) -> List[str]:
        """The name in a run of capitalized words, or none: a known given name, then a known family name
        or a word no dictionary holds; in text written in both cases, where capitals set it apart."""
        titled = [w.title() for w in words]
        while len(titled) > 2 and is_common_word(titled[-1]) and titled[-1] not in family_names():
            titled.pop()  # "JOHN DEERE TRACTOR": the thing after the name
        if len(titled) < 2 or titled[0] not in given_names() or not common_words_known(self.supported_language):
            return []
        if any(
            w.lower() in stop_words() or not (w in _known_names() or not (is_common_word(w) or w in place_names() or len(w) < 3))
            for w in titled[1:]
            if not _INITIAL.fullmatch(w)  # a middle initial: "SCOTT N. BROWN"
        ):
            return []  # "KINGSTON NEAR LEWES": a place's words
        # One run of capitals among others ("NEXTERA EN CAP SRS I JUN SUB DEBENT") is a code or a heading.
        if _CAPS_BEFORE.search(text, max(0, start - 12), start) or _CAPS_AFTER.match(text, start + len(" ".join(words))):
            return []
        letters = [c for c in text if c.isalpha()]
        if sum(c.islower() for c in letters) < len(letters) / 3:
            return []  # text in capitals throughout: its headings and words are capitals too
        return words[: len(titled)]

    def _after_initials(self, value: str, last: str) -> bool:
        """Whether the word after initials is a surname: not a dictionary word (unless a family name),
        place or function word, and the initials are not a country's ("U.S. Army")."""
        initials = "".join(c for c in value[: value.rfind(last)] if c.isalpha())
        if initials in _PLACE_INITIALS or last.lower() in stop_words() or last in place_names():
            return False
        if _TITLE_ONLY.fullmatch(last):
            return False
        # Two initials or more before it make a word a surname, dictionary word or not ("J. R. R. Tolkien").
        return last in family_names() or len(initials) >= 2 or not is_common_word(last)

    def _doer(self, text: str, end: int, words: List[str]) -> bool:
        """A name doing what only people do at a sentence start: any name-shaped word before what bodies
        do, only a known name (or a name that is also a word) before a verb of speech."""
        if any(w.lower() in stop_words() and not _ambiguous_name(w) for w in words) or technical(text):
            return False
        if _BODY_VERB.match(text, end):
            return not any(_places_or_words(w) and w not in family_names() for w in words)
        return all(w in _known_names() or _ambiguous_name(w) for w in words)

    def score_match(self, text, value, start, end, pattern):  # noqa: D102
        # A name never runs across a line end; "Regards,\nAda" starts on the next line.
        value = value.split("\n")[0].rstrip()
        words = value.split(" ")
        if pattern.name in ("introduced_name", "vocative", "dear_name") and (
            words[0] in ("The", "THE", "Our", "OUR") or GROUP_AFTER.match(text, start + len(value))
        ):
            return None  # "Best,\nThe Zendesk team", "Cheers, Matplotlib users!": a sign-off to or from a group
        if pattern.name == "introduced_name" and value.isupper() and (len(words) < 2 or words[0].title() not in given_names()):
            return None  # "Regards,\nACME SUPPORT": capitals name firms and teams as often as people
        if pattern.name == "title_name" and self.supported_language == "en":
            # "Agust M. Svensson": in English an "M." between two name words is a middle initial, not "Monsieur".
            initial = _M_INITIAL_BEFORE.search(text, max(0, start - 40), start)
            if initial and self._given_name_before(initial.group(1), True):
                start = initial.start(1)
                words = [initial.group(1), "M.", *words]
                value = " ".join(words)
        if LEGAL_FORM_AFTER.match(text, start + len(value)):
            return None  # "J. Alexander's Holdings Inc.": a firm named after a person
        if pattern.name == "minutes_field" and not (
            any(w in _known_names() for w in words) and not any(camel_case(w) or _places_or_words(w) for w in words)
        ):
            return None
        if pattern.name in ("pronoun_and", "addressee") and any(w in place_names() and w not in given_names() for w in words):
            return None  # "between him and Berlin"
        if pattern.name == "and_i":
            # "my 10th year in Anholt and I love it": people are not stood in, at or near.
            if _WHERE_BEFORE.search(text, max(0, start - 12), start):
                return None
            # "Then Beverly and I": the name is the last words; a place, a product in text about software, is none.
            while len(words) > 1 and (_places_or_words(words[0]) or words[0].lower() in _NOT_NAMES):
                start += len(words.pop(0)) + 1
            value = " ".join(words)
            if any(w in place_names() and w not in given_names() for w in words) or (
                technical(text) and not all(w in _known_names() or _INITIAL.fullmatch(w) for w in words)
            ):
                return None
        if pattern.name == "credited_lowercase_name":
            words = _lower_case_person(text, start, words)
            if not words:
                return None
            value = " ".join(words)
            return super().score_match(text, value, start, start + len(value), pattern)
        if pattern.name == "lower_case_title_name":
            words = _lower_case_surname(words)
            if not words:
                return None
            value = " ".join(words)
            return super().score_match(text, value, start, start + len(value), pattern)
        if pattern.name in ("introduced_lowercase_name", "self_lowercase_name") and (words[0].lower() in stop_words() or words[0].lower() in _NOT_NAMES):
            return None
        if pattern.name == "self_lowercase_name" and (words[0].title() not in given_names() or is_common_word(words[0])):
            return None
        if pattern.name == "lower_en_title_name" and not _NUMBER_THEN_TITLE.search(text, max(0, start - 12), start) and all(
            w not in stop_words() and w.lower() not in _NOT_NAMES for w in words
        ):
            pass  # "join accounts with ms. Innocent": after a title a dictionary word is a surname; not "30 ms. Network"
        elif pattern.name in _CHECKED_WORDS and any(
            (is_common_word(w) or w.lower() in stop_words() or (pattern.name.startswith("vocative") and w in place_names()))
            and w not in given_names() and w not in family_names() and not _ambiguous_name(w)
            for w in words
            if w not in _PARTICLES  # "van" and "den" are words too, but not inside "Frits van den Heuvel"
        ):
            return None  # "starring Netflix Originals", "30 ms. Network", "Hello, can ...": words, not names
        if (
            (pattern.name == "statement_subject" and regex.match(r"[ \t]+(?:live|(?:is|was|comes|came)[ \t]+from)", text[end:])
             and not _LIVES_AT_NUMBER.match(text, end)
             and not (_FROM_A_FIRM.match(text, end) and not technical(text) and not _PRODUCT_MAKER.match(text, end)))
            or pattern.name == "question_subject"
            or (pattern.name == "possessive_name" and not _ONLY_PEOPLE_HAVE.match(text, end))
        ) and not any(w in _known_names() for w in words):
            # "Kubernetes lives in its namespace", "is from Google", "Heroku's address": only a known name; but
            # anyone who lives on a numbered street ("Iwao lives on 14 Birchwood Road") or has killers or a
            # widow ("Djevad Mitnjek's killers") is a person.
            return None
        if pattern.name == "card_name" and self.supported_language != "en" and not any(
            w in _known_names() and not is_word(w, self.supported_language) for w in words
        ):
            return None  # German capitalizes its nouns: "Leitfaden Kundenservice" heads a page
        if pattern.name in ("statement_subject", "question_subject", "card_name") and any(
            (is_common_word(w) and w not in given_names() and w not in family_names() and not _ambiguous_name(w))
            or (w.lower() in stop_words() and not _ambiguous_name(w))
            or (w in place_names() and not _ambiguous_name(w))
            for w in words
        ):
            return None
        if pattern.name == "caps_name":
            words = self._caps_name(text, start, words)
            if not words:
                return None
            value = " ".join(words)
            return super().score_match(text, value, start, start + len(value), pattern)
        if pattern.name == "initials_name" and not self._after_initials(value, words[-1]):
            return None
        if pattern.name == "doer_subject" and not self._doer(text, end, words):
            return None
        if pattern.name == "before_surname" and (not self._before_surname(words) or regex.match(r"[ ]\p{Lu}", text[end:])):
            return None  # "I work for Ess Dee Aluminium Limited": a longer run of capitals names a company
        if pattern.name == "particle_name" and (
            words[0] in place_names() or words[-1] in place_names() or (self.supported_language == "de" and "von" in words)
        ):
            return None  # "Amsterdam van ...": a place's; German "von" joins nouns ("Verwaltung von Paketen")
        if pattern.name == "middle_initial":
            first, last = words[0], words[-1]
            # A known given name before the initial makes the word after it a surname, dictionary word or
            # not ("Zoe J Young", "Ana K Fisher"); otherwise the word after it may be none ("Vitamin C Serum"),
            # and the word before only where it is no place nor function word: given names of other
            # countries are dictionary words too ("Yue S Nishida", "Min J Park").
            if (
                (first in place_names() and first not in given_names() and not _ambiguous_name(first))
                or (first not in given_names() and (is_common_word(last) or last in place_names() or first.lower() in stop_words()))
                or (is_common_word(first) and first not in given_names() and not _ambiguous_name(first) and technical(text))
            ):
                return None
            # A given name of its own before the first one: "Majda Jožica O Berločnik".
            before = _NAME_BEFORE.search(text, max(0, start - 30), start)
            if before and self._given_name_before(before.group(1), _SENTENCE_START.search(text, max(0, before.start(1) - 3), before.start(1))):
                start = before.start(1)
                words = [before.group(1), *words]
                value = " ".join(words)
                result = super().score_match(text, value, start, start + len(value), pattern)
                if result is not None:
                    # Two name words and an initial outweigh a list's match of the last three alone.
                    result.score = max(result.score, _TWO_NAMES_AND_INITIAL)
                return result
        # A title is not part of the name: "Kind regards,\nDr Eilidh Byrne".
        while len(words) > 1 and regex.fullmatch(r"(?:" + _TITLES + r")\.?", words[0]):
            start += len(words.pop(0)) + 1
        # Common words around the name ("I'm Looking Forward", "Name: Customer Service") are cut.
        while words and words[0].lower() in _NOT_NAMES:
            start += len(words.pop(0)) + 1
        while words and words[-1].lower() in _NOT_NAMES:
            words.pop()
        if pattern.name in ("introduced_lowercase_name", "self_lowercase_name"):
            # Lower-case words are a name only up to the first everyday word: "josé garcía and i live".
            common = stop_words()
            kept = []
            for word in words:
                if word.lower() in common or word.lower() in _NOT_NAMES:
                    break
                kept.append(word)
            words = kept
        if not words or (pattern.name == "self_introduction" and len(words) < 2):
            return None
        if len(words) == 1 and _TITLE_ONLY.fullmatch(words[0]):
            return None  # a title with no name after it ("Lt. Cmdr." on a line of its own)
        if pattern.name in ("field_name", "speaker_label", "keyed_name") and words[0].lower() in stop_words() and not _ambiguous_name(words[0]):
            return None  # "Kunde: Ich komme nicht ..." is a sentence, not a name
        if (
            pattern.name == "field_name" and common_words_known(self.supported_language)
            and all(is_common_word(w) and w not in _known_names() for w in words)
        ):
            return None  # "Supervisor: Night Shift", "Author: Unknown Source": words, not a name
        if pattern.name == "speaker_label" and not _known_speaker(words[0]):
            # A speaker is a person under a known given name ("Noa:"), not a role ("Nurse:", "Role:");
            # another name-shaped word (or a name that is also a word: "Drew:") only in a dialogue of two
            # speakers or more, one of them a known given name.
            # A name a name list holds and no dictionary may also say a quoted line ("Halvorsen: \"I never
            # said that.\""); a product is quoted so too ("Kubernetes: \"the pod failed\"").
            quoted = _QUOTE_AFTER.match(text, start + len(value)) is not None and not value.isupper() and all(
                (w in family_names() or w in given_names()) and not (is_common_word(w) or w.lower() in stop_words() or camel_case(w))
                for w in words
            )
            if not quoted and (
                len(words) > 1 or not _dialogue(text)
                or (is_common_word(words[0]) and words[0] not in _known_names() and words[0].lower() not in AMBIGUOUS_NAMES)
            ):
                return None
        if (
            pattern.name in ("introduced_name", "field_name", "keyed_name", "dash_signature", "bracketed_speaker")
            and len(words) == 1
            and words[0] not in given_names()
            and words[0] not in family_names()
            and is_common_word(words[0])
        ):
            return None  # "CALLER: Perfect, thanks.", "Thanks,\nThe Platform Team": a word, not a name
        value = " ".join(words)
        if value.endswith(("'s", "’s")):
            value = value[:-2]
        result = super().score_match(text, value, start, start + len(value), pattern)
        if result is not None and pattern.name.startswith("vocative") and all(w in given_names() or _ambiguous_name(w) for w in words):
            # A given name spoken to is a person's even where a place list holds it ("Don't go, Lorraine!").
            result.score = max(result.score, _SPOKEN_TO_GIVEN_NAME)
        return result


# Patterns whose every word must be a known name or no dictionary word, stop word or (for whom a
# message speaks to) place: "starring Netflix Originals", "30 ms. Network", "Hello, can ...".
_CHECKED_WORDS = (
    "credited_name", "lower_en_title_name", "vocative", "vocative_end", "appositive_name", "role_name",
    "speaker_said", "spoken_to", "named_as", "possessive_name", "particle_name", "dear_name", "name_and_job", "handled_by",
    "caps_comma_name", "named_holder", "added_as", "heard_speak", "and_i", "pronoun_and", "addressee",
)  # fmt: skip
_SPEAKER_LINE = regex.compile(r"(?m)^[ \t]*(?:\[[\d:.]+\][ \t]*)?(\p{Lu}[\p{Ll}'’-]+):[ \t]+\S")


def _ambiguous_name(word: str) -> bool:
    """A given name that is also a word, place or function word ("Victoria", "Rose", "Sean"), where
    the slot it stands in says a person is meant."""
    return word.lower() in AMBIGUOUS_NAMES or (word.title() == word and word.lower() in _AMBIGUOUS_STOP_NAMES)


# Given names that another language's function words spell ("sean" is Spanish for "they be").
_AMBIGUOUS_STOP_NAMES = frozenset("sean dan ben lea ana eli nina ines sole ella elle".split())

_NUMBER_THEN_TITLE = regex.compile(r"\d[ \t]*\p{L}+\.[ \t]+\Z")  # "30 ms. ", "5 dr. " (units, not titles)
_WHERE_BEFORE = regex.compile(r"(?i:(?<![\p{L}])(?:in|at|near|outside|around)[ \t]+)\Z", regex.REVERSE)
_M_INITIAL_BEFORE = regex.compile(r"(?<![\p{L}\d'’.-])(" + _WORD + r")[ ]M\.[ ]\Z")
_TWO_NAMES_AND_INITIAL = 0.7
_SPOKEN_TO_GIVEN_NAME = 0.65
# A name word right before a name found, on the same line: "Majda" in "Majda Jožica O Berločnik".
_NAME_BEFORE = regex.compile(r"(?<![\p{L}\d'’.-])(" + _WORD + r")[ ]\Z")


def _places_or_words(word: str) -> bool:
    """A dictionary word, function word or place that no given-name list holds."""
    if word in given_names() or _ambiguous_name(word):
        return False
    return is_common_word(word) or word.lower() in stop_words() or word in place_names()


# What follows a speaker who is quoted: "Halvorsen: \"...\"", "Ada (nurse): “...”".
_QUOTE_AFTER = regex.compile(r"(?:[ \t]*\([^()\n]{1,30}\))?:[ \t]*[\"“]")


def _known_speaker(word: str) -> bool:
    head = word.replace("’", "'").title().split("-")[0]
    return head in given_names() or word in given_names() or head.lower() in _AMBIGUOUS_STOP_NAMES


def _dialogue(text: str) -> bool:
    """Whether ``text`` is a transcript of two speakers or more, one of them a known given name ("Noa: ...\nBartele: ...")."""
    speakers = set(_SPEAKER_LINE.findall(text))
    return len(speakers) >= 2 and any(_known_speaker(w) for w in speakers)


# The verb joined to a pronoun: "she'd", "they'll", "we're", "i've".
_CONTRACTION = regex.compile(r"['’](?:d|ll|ve|re|m|s)\Z")
_LOWER_PERSON_HEAD = regex.compile(r"(?<![\p{L}])(?:" + _LOWER_PERSON_HEADS + r")[ \t]+\Z")


def _lower_case_person(text: str, start: int, words: List[str]) -> List[str]:
    """The words of a lower-case name after a word that names people (``credited_lowercase_name``),
    or none: only in a sentence written without capitals, never a function or everyday word unless a
    known name, and an unknown first word only after a word that names nobody but people."""
    if not _lower_case_sentence(text, start, _CODE):
        return []
    common = stop_words()
    first = words[0]
    if first in common or first in _NOT_NAMES or len(first) < 3 or _CONTRACTION.sub("", first) in common:
        return []  # "said she'd call back": a pronoun with its verb, not a name
    known = first.title() in given_names() or first.title() in family_names()
    # An unknown given name before a known surname ("follow up with vinka dujmović"): neither a word.
    surname = next((w for w in words[1:] if len(w.rstrip(".")) > 1), None)
    before_surname = surname is not None and surname.title() in family_names() and not is_common_word(surname)
    if not known and (is_common_word(first) or not (before_surname or _LOWER_PERSON_HEAD.search(text, max(0, start - 40), start))):
        return []
    kept = [first]
    for word in words[1:]:
        if len(word.rstrip(".")) == 1 and word not in ("i", "a"):
            kept.append(word)  # a middle initial: "vinka m dujmović" (not "tell sofia i said hi")
            continue
        if word in common or word in _NOT_NAMES or (is_common_word(word) and word.title() not in family_names()):
            break
        kept.append(word)
    while len(kept) > 1 and len(kept[-1].rstrip(".")) == 1:
        kept.pop()  # an initial ends no name
    return kept


# A street with its number: "lives on 14 Birchwood Road", "lives on Landsberger Allee 2" (not "lives at port 8080").
def _lower_case_surname(words: List[str]) -> List[str]:
    """The name after a lower-case title: a known given name and a surname, or a surname alone;
    a surname is a known family name or no dictionary or function word ("dr. costa", not "dr. who")."""
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]

    def surname(word: str) -> bool:
        return word not in stop_words() and (word.title() in family_names() or not is_common_word(word))

    if len(words) == 2 and words[0].title() in given_names() and surname(words[1]):
        return words
    return words[:1] if surname(words[0]) else []


_LIVES_AT_NUMBER = regex.compile(r"[ \t]+live[sd]?[ \t]+(?:on|at)[ \t]+(?:\d+[a-z]?[ \t]+\p{Lu}|\p{Lu}[^\n.!?]{0,40}?\d)")
# Someone who is from a firm, named with its legal form: "Timotea is from Federal Bank Ltd" (a product is
# "from Google" without one, and in text about software this says nothing).
_FROM_A_FIRM = regex.compile(
    r"[ \t]+(?:is|was|comes|came)[ \t]+from[ \t]+(?:the[ \t]+)?(?:[\p{L}\d&'’.-]+[ \t]+){0,6}?"
    r"(?i:inc|ltd|llc|plc|corp|corporation|co|company|group|bank|gmbh|ag|holdings|limited)(?![\p{L}])"
)
# Firms whose products, tools and services prose names more often than their staff: "Kubernetes is from
# Google LLC", "Photoshop is from Adobe Inc." (an unknown word from one of them is a product; a known
# given name stays a person: "Alina is from Google").
_PRODUCT_MAKER = regex.compile(
    r"[ \t]+(?:is|was|comes|came)[ \t]+from[ \t]+(?:the[ \t]+)?(?i:google|alphabet|microsoft|apple|amazon|aws|meta|facebook|adobe"
    r"|oracle|ibm|intel|amd|nvidia|qualcomm|samsung|sony|nintendo|red[ \t]hat|hashicorp|mozilla|jetbrains|atlassian|salesforce"
    r"|sap|vmware|cisco|github|gitlab|docker|elastic|mongodb|databricks|openai|netflix|spotify|autodesk|canonical|suse|tesla"
    r"|dell|hp|hewlett[ -]packard|lenovo|huawei|xiaomi|tencent|alibaba|baidu|yandex|cloudflare|twilio|stripe|shopify)(?![\p{L}])"
)
_ONLY_PEOPLE_HAVE = regex.compile(
    r"['’]s[ \t]+(?:wife|husband|partner|mother|father|mum|mom|dad|son|daughter|brother|sister|parents|girlfriend|boyfriend"
    r"|fianc[ée]e?|killers?|murder|funeral|grave|widow|widower|maiden[ \t]+name)\b"
)


# Capitalized words that follow these phrases without being names.
_NOT_NAMES = frozenset(
    """the a an and or but not here there back sorry happy glad fine good great ok okay sure yes no new just also hey
    still very so really looking calling writing trying going from at in on with for to of by please thanks thank
    i'd i'm i'll i've i’d i’m i’ll i’ve hello hi dear regards wishes forward team support customer service admin user manager doctor patient client guest unknown none n/a
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december today tomorrow yesterday all staff everyone everybody accounts receivable
    payable department dept hr it sales billing office reception unknown tbd n/a whom concern
    birthday dob age phone mobile email address
    le la les un une et ou mais oui non très bien merci bonjour
    el la los las un una y o pero sí no muy bien gracias hola
    der die das ein eine und oder aber ja nein sehr gut danke hallo""".split()
)


# Words that introduce a list of people: "Board members present: A, B and C", "founders were A, B and C".
_LIST_INTRO = (
    r"founders?|co-founders|members|board members|present|attendees|participants|nominees|authors|speakers|panelists"
    r"|guests|witnesses|signatories|partners|winners|finalists|candidates|directors|judges|jury|hosts|organi[sz]ers|team"
    r"|founded by|led by|signed by|written by|courtesy of|thanks to"
    r"|fondateurs|fondatrices|membres|membres du jury|présents|participants|auteurs|invités"
    r"|fundadores|miembros|asistieron|asistentes|participantes|autores|invitados"
    r"|gründer|mitglieder|anwesend waren|anwesend|teilnehmer|teilnehmende|autoren|gäste"
)
_LIST_ITEM = r"\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?"
_LIST_SEP = r"(?:,[ \t]+|,?[ \t]+(?:and|&|et|y|und|e|ou|o|oder|or)[ \t]+)"


# Thanks and credits name people, one or several, each with or without a surname:
# "Photos courtesy of Caspian Ellery and Wren Atwood", "Merci à Bénédicte et à Anatole Perrin".
_THANKS = r"thanks to|thank you|many thanks to|courtesy of|credit to|credits to|gracias a|agradecimientos a|merci à|merci a|remerciements à|danke an|dank an|grazie a"
_CREDITED_ITEM = _WORD + r"(?:[ \t](?:" + _PARTICLE + r"[ \t])?" + _WORD + r"){0,2}"
_CREDITED_SEP = r"(?:,[ \t]+|,?[ \t]+(?:and|&|et|y|und|e|ou|o|oder|or)[ \t]+)(?:(?:to|à|a|an)[ \t]+)?"
_INTRODUCED_LIST = regex.compile(
    r"(?i:\b(?P<intro>" + _THANKS + r"|" + _LIST_INTRO + r"))(?:[ \t]+(?:were|are|was|is|include[sd]?|étaient|sont|eran|son|waren|sind))?,?[ \t]*:?[ \t]*"
    r"(?P<list>" + _CREDITED_ITEM + r"(?:" + _CREDITED_SEP + _CREDITED_ITEM + r")*)(?![\p{L}\d'’-])"
)
# Words one of which every match of _INTRODUCED_LIST holds, lower-cased (see ContextPatternRecognizer.TRIGGERS).
_INTRODUCED_TRIGGERS = alternatives(_THANKS + "|" + _LIST_INTRO)
_PARTICLES = frozenset("le la de du da di del della van von der den ter ten al el bin ibn bint dos das".split())
_THANKS_RE = regex.compile(r"(?i:" + _THANKS + r")")


@functools.lru_cache(maxsize=1)
def _known_names() -> FrozenSet[str]:
    # Both lists hold thousands of names: their union is built once, not on every text.
    return given_names() | family_names()


class NameListRecognizer(LocalRecognizer):
    """Surnames in a list of people: "founders: Lapresse, Morris and Wright".

    A small NER model tags lone unfamiliar surnames as places or misses them. A list of single
    capitalized words is a list of people when words that introduce people lead it ("members
    present:", "founders were", "Asistieron", "Anwesend waren"), or when one of its words is a
    known given or family name and none is a known place or a dictionary word.
    """

    LOWER_START = lowercase.NEVER  # capitalized names only

    SCORE = 0.6
    _LIST = regex.compile(
        # Not the tail of a longer name ("Somchai Chaiyaporn and Eckhard", "Kirsten Kambs, Akte").
        r"(?<![\p{L}\d'’-])(?<!\p{Lu}[\p{L}'’-]*[ ])(" + _LIST_ITEM + r"(?:" + _LIST_SEP + _LIST_ITEM + r")+)(?![\p{L}\d'’-])"
    )
    _INTRO = regex.compile(r"(?i:\b(?:" + _LIST_INTRO + r"))(?:[ \t]+(?:were|are|was|is|include[sd]?|étaient|sont|eran|son|waren|sind))?[ \t]*:?[ \t]*\Z")

    def __init__(self, supported_language: str = "en", supported_entity: str = "PERSON", name: Optional[str] = None):
        super().__init__(supported_entities=[supported_entity], supported_language=supported_language, name=name)

    def load(self) -> None:  # noqa: D102
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:  # noqa: D102
        results = []
        known = _known_names()
        places = place_names()
        for match in self._LIST.finditer(text):
            items = [m for m in regex.finditer(_LIST_ITEM, match.group(1))]
            words = [m.group() for m in items]
            if any(w in _NOT_NAMES or w.lower() in _NOT_NAMES or w.lower() in stop_words() for w in words):
                continue
            introduced = self._INTRO.search(text[max(0, match.start() - 40) : match.start()])
            if not introduced:
                # Without words that introduce people, two of the words must be known names; in German,
                # which capitalizes every noun ("Gutschein und Kreditkarte"), all of them.
                if sum(w in known for w in words) < (len(words) if self.supported_language == "de" else 2):
                    continue
                if any(w in places or (is_common_word(w) and w not in known) for w in words):
                    continue
            elif any(w in places for w in words) and not all(w in known for w in words if w in places):
                continue
            elif _THANKS_RE.search(introduced.group()) and any(is_common_word(w) and w not in known for w in words):
                continue  # "thanks to Python and Rust": things are thanked too
            for item in items:
                results.append(self._result(match.start(1) + item.start(), match.start(1) + item.end(), "list of people"))
        results += self._introduced(text, known, places)
        return results

    def _introduced(self, text: str, known, places) -> List[RecognizerResult]:
        """People named right after words that introduce or credit them, full names included
        ("Asistieron Echeverría, Santamaría y Olmedo", "courtesy of Caspian Ellery and Wren Atwood")."""
        results: List[RecognizerResult] = []
        if text.isascii():
            lowered = text.lower()
            if not any(t in lowered for t in _INTRODUCED_TRIGGERS):
                return results  # the scan costs more than the rest of the recognizer
        for match in _INTRODUCED_LIST.finditer(text):
            thanks = bool(_THANKS_RE.fullmatch(match.group("intro")))
            strong, weak = [], []
            for item in regex.finditer(_CREDITED_ITEM, match.group("list")):
                words = item.group().split()
                # A capitalized particle inside a name is no function word: "Gwenaël Le Bihan", "Jan Van Dijk".
                inner = [w for w in words[1:] if w.lower() not in _PARTICLES]
                if any(w.lower() in _NOT_NAMES or w.lower() in stop_words() for w in [words[0], *inner]) or _TITLE_ONLY.fullmatch(words[0]):
                    break  # the list has ended ("thanks to Ana for the help"), or a title starts a name the title rule reads
                span = (match.start("list") + item.start(), match.start("list") + item.end())
                if len(words) == 1:
                    word = words[0]
                    if word in known:
                        strong.append(span)
                    elif word in places or is_common_word(word):
                        break  # "thanks to Python": a thing, and what follows is not a list of people
                    else:
                        weak.append(span)
                elif words[0] in given_names() or words[-1] in family_names():
                    strong.append(span)
                elif any(w in places or (w not in known and is_common_word(w)) for w in words if w[0].isupper()):
                    break  # "Visual Studio Code", "Gare du Nord"
                else:
                    strong.append(span)
            # An unknown single word after thanks is a name only beside a person ("Merci à Bénédicte
            # et à Anatole Perrin"); "thanks to Kubernetes" alone is not.
            if thanks and not strong:
                weak = []
            for start, end in strong + weak:
                results.append(self._result(start, end, "people introduced or credited"))
        return results

    def _result(self, start: int, end: int, why: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type="PERSON", start=start, end=end, score=self.SCORE,
            analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=self.SCORE, textual_explanation=why),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )


# A capitalized word with lower-case letters, apostrophes and hyphens inside ("DeRose", "O'Neil").
_NAME_PART = regex.compile(r"(?<![\p{L}\d'’-])\p{Lu}[\p{L}]*(?:['’-]\p{Lu}?\p{L}+)*(?![\p{L}\d])")
_POSSESSIVE = regex.compile(r"['’]s\Z")
_SENTENCE_START = regex.compile(r"(?:\A|[.!?:\n]\s*|[\"“(]\s*)\Z")


def _part(word: str) -> str:
    return _POSSESSIVE.sub("", word)


# Name words right beside a repeated part: "to Freddie Bolton" when only "Freddie" was found elsewhere.
_NEXT_WORDS = regex.compile(r"(?:[ ](?:\p{Lu}\.?[ ])?(?:" + _PARTICLE + r"[ ])?" + _WORD + r")+")
_PREVIOUS_WORDS = regex.compile(r"(?:" + _WORD + r"[ ](?:\p{Lu}\.?[ ])?)+\Z")


def _name_word(word: str) -> bool:
    return (
        word.lower() not in stop_words() and word.lower() not in _NOT_NAMES and word not in place_names()
        and (word in _known_names() or not is_common_word(word))
    )  # fmt: skip


def _whole_name(text: str, start: int, end: int, parts: Dict[str, Span]) -> Tuple[int, int]:
    """``(start, end)`` grown over the name words right beside it, so that a part found again is
    masked with the rest of the name it stands in; at a sentence or line start only over words
    known as names or found as such ("--\nDmitri Kuznetsova")."""
    after = _NEXT_WORDS.match(text, end)
    if after is not None and all(_name_word(w) for w in after.group().split() if len(w) > 2):
        end = after.end()
    before = _PREVIOUS_WORDS.search(text, max(0, start - 60), start)
    if before is not None:
        words = [w for w in before.group().split() if len(w) > 2]
        at_start = _SENTENCE_START.search(text[max(0, before.start() - 3) : before.start()])
        if all(_name_word(w) and (not at_start or w in parts or w in _known_names()) for w in words):
            start = before.start()
    return start, end


# A name joined to another by "and", "&", "or" or a comma: "with Yerlan and Aigerim", "Aigerim, Yerlan".
_JOIN = r"(?:,[ ]|[ ](?:and|&|or|und|et|y|e|oder|ou|o)[ ])"
# Not before a number: "at Daniela and Jahu 80" is a corner of streets.
_COORDINATED_AFTER = regex.compile(_JOIN + r"(" + _WORD + r"(?:[ ](?:\p{Lu}\.[ ])?" + _WORD + r")?)(?![\p{L}\d'’-]|[ ]\d)")
_COORDINATED_BEFORE = regex.compile(r"(?<![\p{L}\d'’.-])(" + _WORD + r"(?:[ ]" + _WORD + r")?)" + _JOIN + r"\Z")


def _coordinated(text: str, spans: Sequence[Span]) -> List[Span]:
    """The names joined to a person's by "and" or a comma ("I'll be with Yerlan and Aigerim"): each word a
    known name, or no dictionary word, place or function word in text that is not about software."""
    added: List[Span] = []
    taken = [(s.start, s.end) for s in spans]
    is_technical: Optional[bool] = None
    for span in spans:
        if span.entity_type != "PERSON":
            continue
        found = [_COORDINATED_AFTER.match(text, span.end), _COORDINATED_BEFORE.search(text, max(0, span.start - 40), span.start)]
        for match in found:
            if match is None or any(a < match.end(1) and match.start(1) < b for a, b in taken):
                continue
            # A middle initial vouches for nothing either way: "Nicole Almeida, Tao J. Lei".
            words = [w for w in match.group(1).split(" ") if not _INITIAL.fullmatch(w)]
            if not all(_name_word(w) for w in words):
                continue
            at_start = _SENTENCE_START.search(text[max(0, match.start(1) - 3) : match.start(1)])
            if at_start and not all(w in _known_names() for w in words):
                continue  # any word is capitalized first in a sentence: there only a known name counts
            if not all(w in _known_names() for w in words):
                if "," in match.group():
                    continue  # a comma joins a name to anything: "Patient Kirsten Kambs, Station B"
                anchor = text[span.start : span.end].split()
                if len(anchor) < 2 and anchor[0] in family_names() and anchor[0] not in given_names():
                    continue  # "Jenkins and Buildkite": a lone surname, which tools are named after too, vouches for no unknown word
                if is_technical is None:
                    is_technical = technical(text)
                if is_technical:
                    continue
            added.append(Span("PERSON", match.start(1), match.end(1), span.score, span.recognizer))
            taken.append((match.start(1), match.end(1)))
    return sorted([*spans, *added], key=lambda s: s.start) if added else list(spans)


# An item of a bulleted or numbered list, alone on its line: "- Olivia", "2) Tomás Ruiz".
_LIST_LINE = regex.compile(r"(?m)^[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]+(?P<item>\S[^\n]*?)[ \t]*$")


def _listed_names(text: str, spans: Sequence[Span]) -> List[Span]:
    """``spans`` with the items of a list of people that name one by a given name alone ("- Hamish
    Dixon\n- Grzegorz Prawdzik\n- Leona"): where another item is a person's name whole, an item of
    a known given name (and a surname after it) is one too, which no model tags on its own line."""
    if "\n" not in text or not any(s.entity_type == "PERSON" for s in spans):
        return list(spans)
    items = [(m.start("item"), m.end("item")) for m in _LIST_LINE.finditer(text)]
    people = {(s.start, s.end) for s in spans if s.entity_type == "PERSON"}
    if len(items) < 2 or not any(item in people for item in items):
        return list(spans)
    source = next(s for s in spans if (s.start, s.end) in items and s.entity_type == "PERSON")
    added = []
    for a, b in items:
        words = text[a:b].split(" ")
        if any(s.start < b and a < s.end for s in spans) or len(words) > 2:
            continue
        if words[0] in given_names() and all(_name_word(w) for w in words):
            added.append(Span("PERSON", a, b, source.score, source.recognizer))
    return sorted([*spans, *added], key=lambda s: s.start) if added else list(spans)


# What follows a name as part of it, the way people sign and forms list them: "Mario Friedman MD",
# "Ana Ruiz PhD", "John Baker Jr.", "Henry Ford III".
_SUFFIX = regex.compile(r"[ ](?:Jr\.|Sr\.|Jr|Sr|II|III|IV|MD|M\.D\.|PhD|Ph\.D\.|DDS|DVM|Esq\.)(?![\p{L}\d])")


def _with_suffixes(text: str, spans: List[Span]) -> List[Span]:
    """``spans`` with each person's name taking the suffix right after it."""
    out = []
    for i, span in enumerate(spans):
        suffix = _SUFFIX.match(text, span.end) if span.entity_type == "PERSON" else None
        if suffix and not (i + 1 < len(spans) and spans[i + 1].start < suffix.end()):
            span = Span(span.entity_type, span.start, suffix.end(), span.score, span.recognizer)
        out.append(span)
    return out


# A unit's word read as a surname, before the unit's number: "Ms. Okafor Apt. 5", "Mrs. Lund Suite 300".
_UNIT_AT_NAME_END = regex.compile(r"[ \t]+(?:" + UNIT_WORDS + r")\Z")
_UNIT_NUMBER = regex.compile(r"\.?[ \t]?#?[ \t]?\d")


def without_unit_words(text: str, spans: Sequence[Span]) -> List[Span]:
    """``spans`` with no name ending in a unit's word ("Apt", "Suite") that a number follows."""
    out = []
    for span in spans:
        if span.entity_type == "PERSON" and _UNIT_NUMBER.match(text, span.end):
            unit = _UNIT_AT_NAME_END.search(text, span.start, span.end)
            if unit is not None:
                span = Span(span.entity_type, span.start, unit.start(), span.score, span.recognizer)
        out.append(span)
    return out


def name_part_repeats(text: str, spans: Sequence[Span]) -> List[Span]:
    """``spans`` with every other mention of a word of a name found in ``text``: a text names a
    person in full once, and by one part elsewhere ("that Mackay was influenced ... sung by Leigha
    C Mackay", "directed by Heloise Corbin and starring Corbin"), which no model tags alone; a name
    found once is masked wherever it stands (as :func:`overlaps.with_repeats` does at the rails).
    Only capitalized mentions, outside other spans; a dictionary word that is no known name (the
    "Street" of a street taken for a name) never repeats, nor a one-word name no list knows, nor
    any word at a sentence start."""
    spans = _with_suffixes(text, _listed_names(text, _coordinated(text, spans)))
    parts: Dict[str, Span] = {}
    for span in spans:
        if span.entity_type != "PERSON":
            continue
        words = [_part(w) for w in text[span.start : span.end].split()]
        for word in words:
            if (
                len(word) >= 3
                # A one-word name is found again only when a name list knows it ("Archie had given
                # Archie ..."): a lone word taken for a name ("Licensor") must not spread.
                and (len(words) > 1 or word in _known_names())
                and _NAME_PART.fullmatch(word)
                and not word.isupper()
                and word.lower() not in _PARTICLES
                and word.lower() not in stop_words()
                and word.lower() not in _NOT_NAMES
                and not _TITLE_ONLY.fullmatch(word)
                # A given name that is a word too counts as a name once a full name holds it ("My name is
                # Ruby Wollaston but everyone calls me Ruby").
                and (word in _known_names() or not is_common_word(word) or (len(words) > 1 and word.lower() in AMBIGUOUS_NAMES))
            ):
                parts.setdefault(word, span)
    if not parts:
        return list(spans)
    taken = sorted((s.start, s.end) for s in spans)
    starts = [a for a, _ in taken]
    added = []
    for match in _NAME_PART.finditer(text):
        word = _part(match.group())
        source = parts.get(word)
        if source is None or _SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]):
            continue
        start, end = _whole_name(text, match.start(), match.start() + len(word), parts)
        k = bisect.bisect_left(starts, end)
        if k and taken[k - 1][1] > start:
            continue
        added.append(Span("PERSON", start, end, source.score, source.recognizer))
    return sorted([*spans, *added], key=lambda s: s.start) if added else list(spans)
