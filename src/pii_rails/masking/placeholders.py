"""How a masked value is written: the placeholder styles.

``tag`` ``<PERSON>``, ``numbered`` ``<PERSON_1>``, ``template`` (a user format
with ``{entity_type}`` and ``{index}``), ``redact`` (removed), ``partial``
(``************1111``), ``hash`` (``<PERSON_3fa9...>``, salted) and ``fake``
(a realistic value from Faker). Redaction, partial masks and hashes are
Presidio's own operators, applied value by value so that neighbouring values
of one type each get their own placeholder.
"""

from __future__ import annotations

import threading
from typing import Callable, Dict, Optional

import regex
from presidio_anonymizer.operators import Hash, Mask, Redact

_HASH_CHARS = 12

# Placeholders as the tag and numbered styles write them: ``<PERSON>``, ``<PERSON_1>``.
TAG = regex.compile(r"<[A-Z][A-Z0-9_]*>")
NUMBERED_TAG = regex.compile(r"<[A-Z][A-Z0-9_]*_\d+>")

_redact, _mask, _hash = Redact(), Mask(), Hash()


def value_hash(value: str, salt: bytes) -> str:
    """Salted SHA-256 of ``value`` (hex), as Presidio's ``hash`` operator computes it."""
    return _hash.operate(value, {"hash_type": "sha256", "salt": salt})


def render(spec, entity_type: str, index: int, value: str, salt: bytes = b"") -> str:
    """The placeholder text for one value. ``fake`` is the vault's business (it must be unique)."""
    style = spec.style
    if style == "tag":
        return f"<{entity_type}>"
    if style == "numbered":
        return f"<{entity_type}_{index}>"
    if style == "template":
        return spec.template.format(entity_type=entity_type, index=index)
    if style == "redact":
        return _redact.operate(value, {})
    if style == "partial":
        hidden = max(len(value) - spec.keep_last, 0)
        return _mask.operate(value, {"masking_char": spec.mask_char, "chars_to_mask": hidden, "from_end": False})
    if style == "hash":
        return f"<{entity_type}_{value_hash(f'{entity_type}:{value}', salt)[:_HASH_CHARS]}>"
    raise ValueError(f"style {style!r} is rendered by the vault")


# Entity type -> Faker method that makes a value of that kind.
_FAKERS: Dict[str, Callable] = {
    "PERSON": lambda f: f.name(),
    "EMAIL_ADDRESS": lambda f: f.email(safe=True),
    "PHONE_NUMBER": lambda f: f.numerify("(%##) 555-01##"),
    "CREDIT_CARD": lambda f: f.credit_card_number(),
    "US_SSN": lambda f: f.ssn(),
    "LOCATION": lambda f: f.city(),
    "DATE_TIME": lambda f: f.date(),
    "IP_ADDRESS": lambda f: f.ipv4_private(),
    "URL": lambda f: f.url(),
    "IBAN_CODE": lambda f: f.iban(),
    "US_BANK_NUMBER": lambda f: f.numerify("##########"),
    "US_DRIVER_LICENSE": lambda f: f.bothify("?#######").upper(),
    "US_PASSPORT": lambda f: f.numerify("#########"),
    "MEDICAL_RECORD_NUMBER": lambda f: f.numerify("MRN-#######"),
}

_faker = None
_faker_lock = threading.Lock()


def fake_value(entity_type: str, seed: int) -> Optional[str]:
    """A realistic stand-in for ``entity_type``, the same for the same seed on every replica.

    ``None`` when there is no generator for the type.
    """
    make = _FAKERS.get(entity_type)
    if make is None:
        return None
    global _faker
    with _faker_lock:
        if _faker is None:
            from faker import Faker

            _faker = Faker("en_US")
        _faker.seed_instance(f"{entity_type}:{seed}")
        return make(_faker)
