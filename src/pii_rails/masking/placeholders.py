"""How a masked value is written: the placeholder styles.

``tag`` ``<PERSON>``, ``numbered`` ``<PERSON_1>``, ``template`` (a user format
with ``{entity_type}`` and ``{index}``), ``redact`` (removed), ``partial``
(``************1111``), ``hash`` (``<PERSON_3fa9...>``, salted), ``fake``
(a realistic value from Faker) and ``keyed`` (``<PERSON_k3fa9c2e1b07d4a58>``,
an HMAC of the value's normal form under a secret, the same in every process).
Redaction, partial masks and hashes are Presidio's own operators, and ``keyed``
is one more (:class:`Keyed`), applied value by value so that neighbouring
values of one type each get their own placeholder.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import os
import threading
import unicodedata
from typing import Callable, Dict, Mapping, Optional

import regex
from presidio_anonymizer.entities import InvalidParamError
from presidio_anonymizer.operators import Hash, Mask, Operator, OperatorType, Redact

_HASH_CHARS = 12

# Placeholders as the tag and numbered styles write them: ``<PERSON>``, ``<PERSON_1>``.
TAG = regex.compile(r"<[A-Z][A-Z0-9_]*>")
NUMBERED_TAG = regex.compile(r"<[A-Z][A-Z0-9_]*_\d+>")
# ... and as the keyed style writes them: ``<PERSON_k3fa9c2e1b07d4a58>``. The ``k`` keeps a
# key that happens to be all digits from reading as a number, and the lower-case hex
# from reading as a ``<TAG>``.
KEYED_TAG = regex.compile(r"<[A-Z][A-Z0-9_]*_k[0-9a-f]{8,64}>")
# Any placeholder a vault issues and may restore, numbered or keyed.
ISSUED_TAG = regex.compile(rf"{NUMBERED_TAG.pattern}|{KEYED_TAG.pattern}")

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


# -- keyed: the same token for the same value everywhere ------------------------
#
# HMAC-SHA256 under a secret of (entity type, the value's normal form). The
# normal form lets trivially different spellings of one value meet
# ("Ada  LOVELACE" and "ada lovelace", "212-555-0199" and "(212) 555 0199");
# the entity type keeps a number that is both a phone and an account apart.

# Bumped whenever a normal form changes, so old and new tokens never collide silently.
KEYED_VERSION = b"pii-rails keyed v1"
MIN_KEY_BYTES = 16
MIN_KEYED_LENGTH, MAX_KEYED_LENGTH, DEFAULT_KEYED_LENGTH = 8, 64, 16


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


def _text(value: str) -> str:
    return " ".join(_nfkc(value).split()).casefold()


def _identifier(value: str) -> str:
    return "".join(ch for ch in _nfkc(value) if ch.isalnum()).casefold()


def _phone(value: str) -> str:
    return "".join(ch for ch in _nfkc(value) if ch.isdigit())


def _ip(value: str) -> str:
    try:
        return ipaddress.ip_address(_nfkc(value).strip()).compressed
    except ValueError:
        return _text(value)


def _url(value: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    value = _nfkc(value).strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return value
    if not parts.netloc:
        return value
    # Scheme and host are case-insensitive; the path, query and fragment are not.
    path = "" if parts.path == "/" else parts.path
    return urlunsplit((parts.scheme.casefold(), parts.netloc.casefold(), path, parts.query, parts.fragment))


# The normal forms, by name. A value's normal form is what is keyed, so two
# spellings with one normal form get one token.
NORMAL_FORMS: Dict[str, Callable[[str], str]] = {
    "text": _text,  # NFKC, white space collapsed, case-folded: names, places, dates, anything unlisted
    "email": _text,  # the whole address case-folded (no provider treats case as meaningful)
    "phone": _phone,  # digits only: separators, brackets and a leading + dropped
    "identifier": _identifier,  # letters and digits only, case-folded: cards, SSNs, IBANs, record numbers
    "ip": _ip,  # the address's canonical form (IPv6 compressed, lower case)
    "url": _url,  # scheme and host case-folded, a bare "/" path dropped
    "exact": lambda value: value,  # every character counts: secrets, keys, tokens
}

# Which normal form each built-in entity type uses; any other type uses "text".
# ``keyed.normalization`` in config.yml overrides or extends this table.
NORMALIZATION: Dict[str, str] = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "IP_ADDRESS": "ip",
    "URL": "url",
    **dict.fromkeys(
        (
            "CREDIT_CARD", "US_SSN", "US_ITIN", "US_BANK_NUMBER", "US_DRIVER_LICENSE", "US_PASSPORT",
            "IBAN_CODE", "ES_NIE", "ES_NIF", "FR_NIR", "MEDICAL_LICENSE", "MEDICAL_RECORD_NUMBER",
            "PATIENT_ID", "MAC_ADDRESS", "AWS_ACCESS_KEY_ID",
        ),
        "identifier",
    ),
    **dict.fromkeys(("API_KEY", "PASSWORD", "GITHUB_TOKEN", "SLACK_TOKEN", "PRIVATE_KEY", "CRYPTO"), "exact"),
}


def normal_form(entity_type: str, value: str, overrides: Optional[Mapping[str, str]] = None) -> str:
    """What the keyed style keys for ``value`` of ``entity_type``."""
    kind = (overrides or {}).get(entity_type) or NORMALIZATION.get(entity_type, "text")
    return NORMAL_FORMS[kind](value)


def _keyed_message(entity_type: str, value: str, overrides: Optional[Mapping[str, str]]) -> bytes:
    return b"\0".join(
        (KEYED_VERSION, entity_type.encode("utf-8"), normal_form(entity_type, value, overrides).encode("utf-8"))
    )


def keyed_digest(key: bytes, entity_type: str, value: str, overrides: Optional[Mapping[str, str]] = None) -> str:
    """HMAC-SHA256 (hex) under ``key`` of the entity type and the normal form of ``value``."""
    return hmac.new(key, _keyed_message(entity_type, value, overrides), hashlib.sha256).hexdigest()


def keyed_token(entity_type: str, digest: str, length: int) -> str:
    """``<ENTITY_TYPE_k...>`` with the first ``length`` hex characters of ``digest``."""
    return f"<{entity_type}_k{digest[:length]}>"


class Keyed(Operator):
    """Presidio anonymizer operator for the keyed style.

    Params: ``key`` (bytes, at least 16), ``entity_type``, ``length`` (hex
    characters, 8 to 64) and optionally ``normalization`` (entity type ->
    normal form name). Usable with Presidio's ``AnonymizerEngine`` after
    ``add_anonymizer(Keyed)``; pii-rails' vault calls it value by value and
    lengthens a token two values of one conversation would share.
    """

    def operate(self, text: str = "", params: Optional[Dict] = None) -> str:
        params = params or {}
        digest = keyed_digest(params["key"], params["entity_type"], text, params.get("normalization"))
        return keyed_token(params["entity_type"], digest, params.get("length", DEFAULT_KEYED_LENGTH))

    def validate(self, params: Optional[Dict] = None) -> None:
        params = params or {}
        key = params.get("key")
        if not isinstance(key, bytes) or len(key) < MIN_KEY_BYTES:
            raise InvalidParamError(f"keyed: 'key' must be at least {MIN_KEY_BYTES} bytes")
        if not isinstance(params.get("entity_type"), str) or not params["entity_type"]:
            raise InvalidParamError("keyed: 'entity_type' must be a non-empty string")
        length = params.get("length", DEFAULT_KEYED_LENGTH)
        if not isinstance(length, int) or not MIN_KEYED_LENGTH <= length <= MAX_KEYED_LENGTH:
            raise InvalidParamError(f"keyed: 'length' must be {MIN_KEYED_LENGTH} to {MAX_KEYED_LENGTH}")
        for entity, kind in (params.get("normalization") or {}).items():
            if kind not in NORMAL_FORMS:
                raise InvalidParamError(f"keyed: unknown normal form {kind!r} for {entity}")

    def operator_name(self) -> str:
        return "keyed"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


class Keyer:
    """The keyed style under one secret: what an engine hands its vaults.

    Never prints its key (``repr`` shows the length only).
    """

    def __init__(
        self, key: bytes, length: int = DEFAULT_KEYED_LENGTH, normalization: Optional[Mapping[str, str]] = None
    ):
        Keyed().validate({"key": key, "length": length, "normalization": normalization, "entity_type": "-"})
        self._key = key
        # Keyed once: each value copies the prepared state instead of hashing the key again.
        self._mac = hmac.new(key, digestmod=hashlib.sha256)
        self.length = length
        self.normalization = dict(normalization or {})

    def digest(self, entity_type: str, value: str) -> str:
        """What :func:`keyed_digest` gives for ``value`` under this keyer's key."""
        mac = self._mac.copy()
        mac.update(_keyed_message(entity_type, value, self.normalization))
        return mac.hexdigest()

    def token(self, entity_type: str, value: str) -> str:
        """The token of ``value`` at the configured length (what every process writes for it)."""
        return keyed_token(entity_type, self.digest(entity_type, value), self.length)

    def __repr__(self) -> str:
        return f"Keyer(length={self.length}, key=<{len(self._key)} bytes>)"


def load_keyer(settings) -> Optional[Keyer]:
    """The keyer of ``settings``, or ``None`` when no rail writes keyed placeholders.

    Raises:
        ConfigError: a rail uses the keyed style and the secret's variable is
            unset or holds fewer than 16 bytes (the message names the variable,
            never its content).
    """
    from pii_rails.errors import ConfigError
    from pii_rails.settings import PLUGIN_PATH

    rails = [r for r in settings.keyed_rails if r != "boundary"]  # the boundary writes what they write
    if not rails:
        return None
    options = settings.keyed
    where = f"the keyed placeholder style (on the {', '.join(rails)} rail{'s' if len(rails) > 1 else ''})"
    raw = os.environ.get(options.key_env)
    rule = f"needs a secret of at least {MIN_KEY_BYTES} bytes in the environment variable {options.key_env}"
    if raw is None:
        raise ConfigError(f"{PLUGIN_PATH}.keyed.key_env", options.key_env, f"{where} {rule}, which is not set")
    key = raw.encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise ConfigError(
            f"{PLUGIN_PATH}.keyed.key_env", options.key_env, f"{where} {rule}; it holds {len(key)} bytes"
        )
    return Keyer(key, options.length, options.normalization)


def collision_odds(values: int, length: int) -> float:
    """The chance that some two of ``values`` distinct values of one entity type share a
    keyed token of ``length`` hex characters (birthday bound: about n² / 2^(b+1) for b bits)."""
    pairs = values * (values - 1) / 2
    return -math.expm1(-pairs / 2 ** (4 * length))
