"""The entities pii-rails recognizes out of the box, and the recognizers behind them.

:data:`CATALOG` maps each documented entity to the recognizer classes that
find it; :func:`build` instantiates only those a configuration asks for, once
per configured language. Entities spaCy finds (``PERSON``, ``LOCATION``, ...)
come from :class:`~pii_rails.detection.predefined.ner.NerRecognizer` where a pipeline
with NER is loaded. Any other entity one of Presidio's predefined
recognizers provides (``UK_NHS``, ``DE_TAX_ID``, ``IT_FISCAL_CODE``, ...) is
still available, through Presidio's class.
"""

from __future__ import annotations

import inspect
from typing import Callable, Dict, FrozenSet, Iterable, List, Mapping, Sequence, Tuple

from presidio_analyzer import EntityRecognizer

from pii_rails.detection.predefined.address import AddresseeRecognizer, StreetAddressRecognizer
from pii_rails.detection.predefined.dates import DateOfBirthRecognizer
from pii_rails.detection.predefined.fields import PersonFieldRecognizer, PlaceFieldRecognizer
from pii_rails.detection.predefined.gazetteer import GivenNameRecognizer, PlaceRecognizer
from pii_rails.detection.predefined.localized import (
    CreditCard,
    Crypto,
    DateTime,
    LocalizedEmailRecognizer,
    EsNie,
    EsNif,
    Iban,
    IpAddress,
    MacAddress,
    MedicalLicense,
    UsBankNumber,
    UsItin,
    UsPassport,
    UsSsn,
)
from pii_rails.detection.predefined.medical import MedicalRecordNumberRecognizer, PatientIdRecognizer
from pii_rails.detection.predefined.network import UrlPatternRecognizer
from pii_rails.detection.predefined.national import FrNirRecognizer, UsDriverLicenseRecognizer
from pii_rails.detection.predefined.ner import NER_ENTITIES, NER_LED, NerRecognizer
from pii_rails.detection.predefined.person import NameListRecognizer, PersonIntroductionRecognizer
from pii_rails.detection.predefined.phone import PhoneNumberRecognizer
from pii_rails.detection.predefined.speakers import SignatureNameRecognizer, SpeakerRecognizer
from pii_rails.detection.predefined.secrets import (
    ApiKeyRecognizer,
    AwsAccessKeyRecognizer,
    GithubTokenRecognizer,
    PasswordRecognizer,
    PrivateKeyRecognizer,
    SlackTokenRecognizer,
)

Factory = Callable[..., EntityRecognizer]


# Entity -> the pattern recognizers that find it, in every language.
CATALOG: Mapping[str, Tuple[Factory, ...]] = {
    "PERSON": (
        PersonIntroductionRecognizer, GivenNameRecognizer, NameListRecognizer, PersonFieldRecognizer, AddresseeRecognizer,
        SpeakerRecognizer, SignatureNameRecognizer,
    ),
    "LOCATION": (PlaceRecognizer, PlaceFieldRecognizer),
    "EMAIL_ADDRESS": (LocalizedEmailRecognizer,),
    "PHONE_NUMBER": (PhoneNumberRecognizer,),
    "CREDIT_CARD": (CreditCard,),
    "IBAN_CODE": (Iban,),
    "US_SSN": (UsSsn,),
    "US_ITIN": (UsItin,),
    "US_PASSPORT": (UsPassport,),
    "US_DRIVER_LICENSE": (UsDriverLicenseRecognizer,),
    "US_BANK_NUMBER": (UsBankNumber,),
    "IP_ADDRESS": (IpAddress,),
    "MAC_ADDRESS": (MacAddress,),
    "URL": (UrlPatternRecognizer,),
    "CRYPTO": (Crypto,),
    "STREET_ADDRESS": (StreetAddressRecognizer,),
    "DATE_OF_BIRTH": (DateOfBirthRecognizer,),
    "DATE_TIME": (DateTime,),
    "MEDICAL_RECORD_NUMBER": (MedicalRecordNumberRecognizer,),
    "PATIENT_ID": (PatientIdRecognizer,),
    "MEDICAL_LICENSE": (MedicalLicense,),
    "AWS_ACCESS_KEY_ID": (AwsAccessKeyRecognizer,),
    "GITHUB_TOKEN": (GithubTokenRecognizer,),
    "SLACK_TOKEN": (SlackTokenRecognizer,),
    "PRIVATE_KEY": (PrivateKeyRecognizer,),
    "PASSWORD": (PasswordRecognizer,),
    "API_KEY": (ApiKeyRecognizer,),
    "ES_NIF": (EsNif,),
    "ES_NIE": (EsNie,),
    "FR_NIR": (FrNirRecognizer,),
}


# Where a pattern-specific entity and a NER entity overlap, the more specific
# wins (see pii_rails.engine.resolve_overlaps). Higher is more specific.
SPECIFICITY: Mapping[str, int] = {
    **{entity: 3 for entity in (
        "PRIVATE_KEY", "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN", "SLACK_TOKEN", "EMAIL_ADDRESS", "CREDIT_CARD",
        "IBAN_CODE", "US_SSN", "US_ITIN", "CRYPTO", "ES_NIF", "ES_NIE", "FR_NIR", "MEDICAL_LICENSE", "MAC_ADDRESS",
        "API_KEY", "PASSWORD", "DATE_OF_BIRTH", "MEDICAL_RECORD_NUMBER", "PATIENT_ID", "IP_ADDRESS",
        "STREET_ADDRESS",
    )},
    **{entity: 2 for entity in (
        "URL", "PHONE_NUMBER", "US_PASSPORT", "US_DRIVER_LICENSE", "US_BANK_NUMBER",
    )},
    "DATE_TIME": 0,
}  # fmt: skip
DEFAULT_SPECIFICITY = 2  # any other pattern entity (Presidio's country-specific ones, custom recognizers)


def _presidio_index(language: str) -> Dict[str, List[type]]:
    """Entity -> Presidio's predefined pattern recognizer classes providing it."""
    import presidio_analyzer.predefined_recognizers as presidio

    index: Dict[str, List[type]] = {}
    for name in dir(presidio):
        cls = getattr(presidio, name)
        if not (inspect.isclass(cls) and issubclass(cls, EntityRecognizer)) or inspect.isabstract(cls):
            continue
        if any(part in cls.__module__ for part in (".ner.", ".third_party.", ".nlp_engine_recognizers.")):
            continue
        try:
            # Subclasses fill supported_entities in; one that does not fails and is skipped.
            instance = cls(supported_language=language)  # type: ignore[call-arg]
        except Exception:  # a class needing arguments or optional packages
            continue
        for entity in instance.supported_entities:
            index.setdefault(entity, []).append(cls)
    return index


_INDEX: Dict[str, Dict[str, List[type]]] = {}


def presidio_entities() -> FrozenSet[str]:
    """Entities Presidio's own predefined pattern recognizers provide."""
    if "en" not in _INDEX:
        _INDEX["en"] = _presidio_index("en")
    return frozenset(_INDEX["en"])


def known_entities() -> FrozenSet[str]:
    """Every entity name a configuration may ask for without a custom recognizer."""
    return frozenset(CATALOG) | NER_ENTITIES | presidio_entities()


def build(entities: Iterable[str], languages: Sequence[str], ner_languages: Iterable[str]) -> List[EntityRecognizer]:
    """The recognizers for ``entities``, one instance per language.

    ``ner_languages`` are the languages whose pipeline has a NER component;
    they get a :class:`NerRecognizer` when a NER entity is asked for.
    """
    wanted = list(dict.fromkeys(entities))
    ner_languages = set(ner_languages)
    recognizers: List[EntityRecognizer] = []
    for language in languages:
        built: set = set()
        ner_wanted = [e for e in wanted if e in NER_ENTITIES]
        if ner_wanted and language in ner_languages:
            recognizers.append(NerRecognizer(supported_language=language, supported_entities=sorted(NER_ENTITIES)))
        for entity in wanted:
            factories: Sequence[Factory] = CATALOG.get(entity, ())
            if not factories and entity not in NER_ENTITIES:
                if language not in _INDEX:
                    _INDEX[language] = _presidio_index(language)
                factories = _INDEX[language].get(entity, ())
            for factory in factories:
                if factory in built:
                    continue
                built.add(factory)
                recognizers.append(factory(supported_language=language))
    return recognizers


__all__ = [
    "CATALOG",
    "DEFAULT_SPECIFICITY",
    "NER_ENTITIES",
    "NER_LED",
    "SPECIFICITY",
    "build",
    "known_entities",
]
