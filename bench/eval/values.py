"""Synthetic values for the evaluation corpus, valid wherever a validator exists.

Every generator takes a ``random.Random`` so the corpus is reproducible from
one seed. Check digits are computed here (Luhn, IBAN mod-97, the French RIB
key, the Spanish control digits and DNI letter, the NIR key, the DEA
checksum, Base58Check and Bech32); :func:`validate` re-checks a labeled value,
and ``build_corpus.py`` runs it on every span before writing the corpus.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import random
import string
import unicodedata
from typing import Callable, Dict, List, Optional, Tuple

DIGITS = string.digits
UPPER = string.ascii_uppercase
ALNUM = string.ascii_letters + string.digits


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(DIGITS) for _ in range(n))


def ascii_fold(text: str) -> str:
    text = text.replace("ß", "ss").replace("ø", "o").replace("æ", "ae")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


# ---------------------------------------------------------------- payment cards

def luhn_check_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    number = "".join(c for c in number if c.isdigit())
    return len(number) > 1 and luhn_check_digit(number[:-1]) == number[-1]


def _card_digits(rng: random.Random) -> Tuple[str, str]:
    brand = rng.choices(["visa", "mc", "mc2", "amex"], weights=[5, 3, 1, 2])[0]
    if brand == "visa":
        payload = "4" + digits(rng, 14)
    elif brand == "mc":
        payload = "5" + rng.choice("12345") + digits(rng, 13)
    elif brand == "mc2":
        payload = str(rng.randint(2221, 2720)) + digits(rng, 11)
    else:
        payload = rng.choice(["34", "37"]) + digits(rng, 12)
    return brand, payload + luhn_check_digit(payload)


def _format_card(rng: random.Random, number: str) -> str:
    sep = rng.choices([" ", "-", ""], weights=[5, 3, 3])[0]
    if len(number) == 15:
        groups = [number[:4], number[4:10], number[10:]]
    else:
        groups = [number[i : i + 4] for i in range(0, 16, 4)]
    return sep.join(groups)


def credit_card(rng: random.Random) -> str:
    return _format_card(rng, _card_digits(rng)[1])


def luhn_invalid_16(rng: random.Random) -> str:
    """A 16-digit number that fails the Luhn check (a look-alike, not a card)."""
    payload = rng.choice("3456") + digits(rng, 14)
    bad = str((int(luhn_check_digit(payload)) + rng.randint(1, 9)) % 10)
    number = payload + bad
    assert not luhn_valid(number)
    return _format_card(rng, number)


# ------------------------------------------------------------------ US numbers

SSN_REJECTED = {"078051120", "123456789", "219099999", "987654320"}


def ssn_valid(value: str) -> bool:
    d = "".join(c for c in value if c.isdigit())
    if len(d) != 9 or d in SSN_REJECTED or len(set(d)) == 1:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def us_ssn(rng: random.Random) -> str:
    while True:
        area = rng.randint(1, 899)
        if area == 666:
            continue
        value = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        if ssn_valid(value):
            break
    sep = rng.choices(["-", " ", ""], weights=[8, 2, 1])[0]
    return sep.join([value[:3], value[3:5], value[5:]])


def invalid_ssn(rng: random.Random) -> str:
    """SSN-shaped numbers the SSA never issues (and that are not ITINs)."""
    kind = rng.choice(["000", "666", "9xx", "group00", "serial0", "sample"])
    if kind == "000":
        value = f"000{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
    elif kind == "666":
        value = f"666{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
    elif kind == "9xx":  # group 01-49: neither an SSN nor an ITIN
        value = f"9{rng.randint(0, 99):02d}{rng.randint(1, 49):02d}{rng.randint(1, 9999):04d}"
    elif kind == "group00":
        value = f"{rng.randint(100, 599):03d}00{rng.randint(1, 9999):04d}"
    elif kind == "serial0":
        value = f"{rng.randint(100, 599):03d}{rng.randint(10, 99):02d}0000"
    else:
        value = rng.choice(["078051120", "123456789"])
    assert not ssn_valid(value) and not itin_valid(value)
    return f"{value[:3]}-{value[3:5]}-{value[5:]}"


ITIN_GROUPS = list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))


def itin_valid(value: str) -> bool:
    d = "".join(c for c in value if c.isdigit())
    return len(d) == 9 and d[0] == "9" and int(d[3:5]) in ITIN_GROUPS


def us_itin(rng: random.Random) -> str:
    value = f"9{rng.randint(0, 99):02d}{rng.choice(ITIN_GROUPS):02d}{rng.randint(0, 9999):04d}"
    sep = rng.choices(["-", " "], weights=[5, 1])[0]
    return sep.join([value[:3], value[3:5], value[5:]])


def us_passport(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice("ACEFHJKLMNPRSTUVWXYZ") + digits(rng, 8)
    return rng.choice("123456789") + digits(rng, 8)


def us_driver_license(rng: random.Random) -> str:
    style = rng.choice(["ca", "ca", "fl", "wa", "ny", "il"])
    if style == "ca":  # letter + 7 digits
        return rng.choice(UPPER) + digits(rng, 7)
    if style == "fl":  # letter + 12 digits, dashed
        d = digits(rng, 12)
        return f"{rng.choice(UPPER)}{d[:3]}-{d[3:6]}-{d[6:8]}-{d[8:11]}-{d[11]}"
    if style == "wa":
        return "WDL" + "".join(rng.choice(UPPER + DIGITS) for _ in range(9))
    if style == "ny":
        d = digits(rng, 9)
        return f"{d[:3]} {d[3:6]} {d[6:]}"
    return rng.choice(UPPER) + digits(rng, 11)


def us_bank_number(rng: random.Random) -> str:
    return rng.choice("123456789") + digits(rng, rng.randint(7, 13))


# ------------------------------------------------------------------------ IBAN

def _iban_numeric(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text))


def iban_valid(value: str) -> bool:
    v = value.replace(" ", "").upper()
    return len(v) > 4 and _iban_numeric(v[4:] + v[:4]) % 97 == 1


def _iban(country: str, bban: str) -> str:
    check = 98 - _iban_numeric(bban + country + "00") % 97
    return f"{country}{check:02d}{bban}"


def _fr_rib_key(bank: str, branch: str, account: str) -> str:
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97:02d}"


def _es_control(ten: str) -> str:
    weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(c) * w for c, w in zip(ten, weights)) % 11
    return str({11: 0, 10: 1}.get(d, d))


GB_BANKS = ["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "SRLG"]


def iban(rng: random.Random, country: str) -> str:
    if country == "FR":
        bank, branch, account = digits(rng, 5), digits(rng, 5), digits(rng, 11)
        value = _iban("FR", bank + branch + account + _fr_rib_key(bank, branch, account))
    elif country == "ES":
        bank, branch, account = digits(rng, 4), digits(rng, 4), digits(rng, 10)
        dc = _es_control("00" + bank + branch) + _es_control(account)
        value = _iban("ES", bank + branch + dc + account)
    elif country == "DE":
        value = _iban("DE", rng.choice("1234567") + digits(rng, 7) + digits(rng, 10))
    elif country == "GB":
        value = _iban("GB", rng.choice(GB_BANKS) + digits(rng, 6) + digits(rng, 8))
    else:
        raise ValueError(country)
    assert iban_valid(value)
    if rng.random() < 0.65:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


# ------------------------------------------------------------- national ids

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def es_nif_valid(value: str) -> bool:
    v = value.replace("-", "").replace(" ", "").upper()
    return len(v) == 9 and v[:8].isdigit() and DNI_LETTERS[int(v[:8]) % 23] == v[8]


def es_nif(rng: random.Random) -> str:
    number = digits(rng, 8)
    sep = rng.choices(["", "-"], weights=[4, 1])[0]
    return f"{number}{sep}{DNI_LETTERS[int(number) % 23]}"


def fr_nir_valid(value: str) -> bool:
    v = value.replace(" ", "")
    return len(v) == 15 and v.isdigit() and 97 - int(v[:13]) % 97 == int(v[13:])


def fr_nir(rng: random.Random) -> str:
    dept = rng.choice([d for d in range(1, 96) if d != 20])
    body = f"{rng.choice('12')}{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{dept:02d}{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    key = f"{97 - int(body) % 97:02d}"
    if rng.random() < 0.6:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key}"
    return body + key


# -------------------------------------------------------------- medical ids

DEA_FIRST = "ABFGM"


def dea_valid(value: str) -> bool:
    if len(value) != 9 or not value[:2].isalpha() or not value[2:].isdigit():
        return False
    d = [int(c) for c in value[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def dea_number(rng: random.Random, last_name: str) -> str:
    initial = ascii_fold(last_name)[:1].upper() or rng.choice(UPPER)
    d = [rng.randint(0, 9) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    value = rng.choice(DEA_FIRST) + initial + "".join(map(str, d)) + str(check)
    assert dea_valid(value)
    return value


def medical_record_number(rng: random.Random) -> str:
    style = rng.choice(["pad8", "dash", "dash2", "plain7"])
    if style == "pad8":
        return "00" + digits(rng, 6)
    if style == "dash":
        return f"{rng.randint(1000, 9999)}-{digits(rng, 3)}"
    if style == "dash2":
        return f"{rng.randint(10, 99)}-{digits(rng, 5)}"
    return rng.choice("123456789") + digits(rng, 6)


def patient_id(rng: random.Random) -> str:
    style = rng.choice(["PT", "PT", "PID", "P"])
    if style == "PT":
        return f"PT-{rng.randint(100000, 999999)}"
    if style == "PID":
        return f"PID-{rng.randint(10000, 99999)}"
    return f"P{digits(rng, 7)}"


# ------------------------------------------------------------------ network

def ipv4(rng: random.Random) -> str:
    style = rng.choice(["public", "public", "10", "192"])
    if style == "10":
        return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if style == "192":
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    first = rng.choice([n for n in range(11, 224) if n not in (127, 169, 172, 192)])
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ipv6(rng: random.Random) -> str:
    style = rng.choice(["doc", "global", "link", "full"])
    if style == "doc":
        groups = [0x2001, 0xDB8] + [rng.choice([0, rng.randint(0, 0xFFFF)]) for _ in range(6)]
    elif style == "link":
        groups = [0xFE80, 0, 0, 0] + [rng.randint(0, 0xFFFF) for _ in range(4)]
    else:
        groups = [rng.choice([0x2A02, 0x2600, 0x2A01, 0x2001])] + [rng.randint(0, 0xFFFF) for _ in range(7)]
    addr = ipaddress.IPv6Address(":".join(f"{g:x}" for g in groups))
    return addr.exploded if style == "full" else addr.compressed


def mac_address(rng: random.Random) -> str:
    octets = [rng.randint(0, 255) for _ in range(6)]
    octets[0] &= 0xFC  # unicast, globally administered
    style = rng.choice(["colon", "colon", "dash", "lower", "cisco"])
    hexes = [f"{o:02X}" for o in octets]
    if style == "colon":
        return ":".join(hexes)
    if style == "dash":
        return "-".join(hexes)
    if style == "lower":
        return ":".join(hexes).lower()
    h = "".join(hexes).lower()
    return f"{h[:4]}.{h[4:8]}.{h[8:]}"


# ------------------------------------------------------------------ crypto

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


def _b58decode(text: str) -> bytes:
    n = 0
    for c in text:
        n = n * 58 + B58.index(c)
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    pad = len(text) - len(text.lstrip("1"))
    return b"\0" * pad + body


def _dsha(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


# Bech32 (BIP-173), written from the specification.
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_polymod(values: List[int]) -> int:
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= gen[i]
    return chk


def _hrp_expand(hrp: str) -> List[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _to_5bit(data: bytes) -> List[int]:
    acc, bits, out = 0, 0, []
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append((acc >> bits) & 31)
    if bits:
        out.append((acc << (5 - bits)) & 31)
    return out


def btc_valid(value: str) -> bool:
    if value.startswith("bc1"):
        data = [_BECH32.index(c) for c in value[3:]]
        return _bech32_polymod(_hrp_expand("bc") + data) == 1
    try:
        raw = _b58decode(value)
    except ValueError:
        return False
    return len(raw) == 25 and _dsha(raw[:21])[:4] == raw[21:]


def btc_address(rng: random.Random) -> str:
    style = rng.choices(["p2pkh", "p2sh", "bech32"], weights=[5, 3, 2])[0]
    payload = bytes(rng.randint(0, 255) for _ in range(20))
    if style == "bech32":
        data = [0] + _to_5bit(payload)
        poly = _bech32_polymod(_hrp_expand("bc") + data + [0] * 6) ^ 1
        checksum = [(poly >> 5 * (5 - i)) & 31 for i in range(6)]
        value = "bc1" + "".join(_BECH32[d] for d in data + checksum)
    else:
        raw = (b"\x00" if style == "p2pkh" else b"\x05") + payload
        value = _b58encode(raw + _dsha(raw)[:4])
    assert btc_valid(value)
    return value


# ----------------------------------------------------------------- secrets

def aws_access_key_id(rng: random.Random) -> str:
    return "AKIA" + "".join(rng.choice(UPPER + "234567") for _ in range(16))


def github_token(rng: random.Random) -> str:
    return "ghp_" + "".join(rng.choice(ALNUM) for _ in range(36))


def slack_token(rng: random.Random) -> str:
    prefix = rng.choice(["xoxb", "xoxb", "xoxp"])
    return f"{prefix}-{digits(rng, 11)}-{digits(rng, 13)}-" + "".join(rng.choice(ALNUM) for _ in range(24))


def private_key(rng: random.Random) -> str:
    kind = rng.choices(["RSA PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY"], weights=[5, 2, 1])[0]
    lead = {"RSA PRIVATE KEY": b"\x30\x82\x04\xa4\x02\x01\x00\x02\x82\x01\x01\x00", "PRIVATE KEY": b"\x30\x82\x04\xbe\x02\x01\x00\x30\x0d"}.get(kind, b"openssh-key-v1\x00")
    blob = base64.b64encode(lead + bytes(rng.randint(0, 255) for _ in range(rng.randint(240, 420)))).decode()
    lines = [blob[i : i + 64] for i in range(0, len(blob), 64)]
    return f"-----BEGIN {kind}-----\n" + "\n".join(lines) + f"\n-----END {kind}-----"


PASSWORD_WORDS = [
    "sunflower", "falcon", "harbor", "maple", "orbit", "velvet", "cobalt", "lantern", "pepper", "glacier",
    "meadow", "rocket", "thunder", "biscuit", "saffron", "quartz", "juniper", "nebula", "tango", "walnut",
]
PASSWORD_SYMBOLS = "!@#$%^&*_-+=?~"


def password(rng: random.Random) -> str:
    style = rng.choice(["word", "leet", "random", "phrase"])
    if style == "word":
        value = rng.choice(PASSWORD_WORDS).capitalize() + rng.choice(PASSWORD_SYMBOLS) + digits(rng, rng.randint(2, 4))
    elif style == "leet":
        word = rng.choice(PASSWORD_WORDS)
        value = word.translate(str.maketrans({"a": "4", "e": "3", "o": "0", "i": "1"})) + rng.choice(PASSWORD_SYMBOLS) + rng.choice(UPPER) + digits(rng, 2)
    elif style == "phrase":
        value = "-".join(rng.sample(PASSWORD_WORDS, 3)) + digits(rng, 1)
    else:
        pool = ALNUM + PASSWORD_SYMBOLS
        value = "".join(rng.choice(pool) for _ in range(rng.randint(10, 15))) + rng.choice(ALNUM)
    return value


# ------------------------------------------------------------- look-alikes

def order_number(rng: random.Random) -> str:
    style = rng.choice(["hashA", "ord", "digits10", "dash"])
    if style == "hashA":
        return f"#{rng.choice(UPPER)}-{digits(rng, 5)}-{digits(rng, 2)}"
    if style == "ord":
        return f"ORD-{rng.randint(2021, 2026)}-{digits(rng, 6)}"
    if style == "digits10":
        return rng.choice("123456789") + digits(rng, 9)
    return f"{digits(rng, 3)}-{digits(rng, 7)}-{digits(rng, 7)}"


def invoice_number(rng: random.Random) -> str:
    style = rng.choice(["inv", "f", "re", "plain"])
    if style == "inv":
        return f"INV-{rng.randint(2021, 2026)}-{digits(rng, 5)}"
    if style == "f":
        return f"F-{rng.randint(2021, 2026)}/{digits(rng, 4)}"
    if style == "re":
        return f"RE-{digits(rng, 6)}"
    return f"{rng.randint(2021, 2026)}{digits(rng, 6)}"


def sku(rng: random.Random) -> str:
    style = rng.choice(["size", "prefixed", "letters"])
    if style == "size":
        return f"{digits(rng, 4)}-{rng.choice(['BLK', 'WHT', 'RED', 'NAV', 'GRN'])}-{rng.choice(['XS', 'S', 'M', 'L', 'XL'])}"
    if style == "prefixed":
        return f"SKU-{digits(rng, 5)}-{rng.choice(UPPER)}"
    return f"{rng.choice(UPPER)}{rng.choice(UPPER)}-{digits(rng, 4)}-{digits(rng, 3)}"


def version(rng: random.Random) -> str:
    style = rng.choice(["v", "plain", "rc", "cal"])
    if style == "v":
        return f"v{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"
    if style == "plain":
        return f"{rng.randint(1, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"
    if style == "rc":
        return f"{rng.randint(1, 5)}.{rng.randint(0, 9)}.0-rc.{rng.randint(1, 4)}"
    return f"{rng.randint(2022, 2026)}.{rng.randint(1, 12)}.{rng.randint(0, 5)}"


def version4(rng: random.Random) -> str:
    """A four-part version string; many are also syntactically valid IPv4 addresses."""
    return f"{rng.randint(1, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 250)}.{rng.randint(0, 250)}"


def tracking_number(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "1Z" + "".join(rng.choice(UPPER + DIGITS) for _ in range(6)) + digits(rng, 10)
    return "JD" + digits(rng, 18)


def ticket_number(rng: random.Random) -> str:
    return rng.choice([f"#{rng.randint(10000, 99999)}", f"INC{digits(rng, 7)}", f"CS-{rng.randint(10000, 99999)}"])


def build_number(rng: random.Random) -> str:
    return rng.choice([f"#{rng.randint(1000, 9999)}", f"{rng.randint(2024, 2026)}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}-{rng.randint(100, 9999)}"])


def error_code(rng: random.Random) -> str:
    return rng.choice([f"0x{rng.randint(0x80000000, 0x8FFFFFFF):08X}", f"E{rng.randint(1000, 9999)}", rng.choice(["ERR_CONN_RESET", "ETIMEDOUT", "ECONNREFUSED"])])


def hex_hash(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def isbn13(rng: random.Random) -> str:
    body = "978" + digits(rng, 9)
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    check = (10 - total % 10) % 10
    return f"{body[:3]}-{body[3]}-{body[4:7]}-{body[7:12]}-{check}"


def serial_number(rng: random.Random) -> str:
    return "SN-" + "-".join("".join(rng.choice(UPPER + DIGITS) for _ in range(4)) for _ in range(2))


def ip_valid(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def mac_valid(value: str) -> bool:
    hexes = "".join(c for c in value if c not in ":-.")
    return len(hexes) == 12 and all(c in string.hexdigits for c in hexes)


VALIDATORS: Dict[str, Callable[[str], bool]] = {
    "IP_ADDRESS": ip_valid,
    "MAC_ADDRESS": mac_valid,
    "CREDIT_CARD": luhn_valid,
    "IBAN_CODE": iban_valid,
    "US_SSN": ssn_valid,
    "US_ITIN": itin_valid,
    "CRYPTO": btc_valid,
    "MEDICAL_LICENSE": dea_valid,
    "ES_NIF": es_nif_valid,
    "FR_NIR": fr_nir_valid,
}


def validate(entity_type: str, value: str) -> Optional[bool]:
    """Whether ``value`` passes the entity's validator (``None``: no validator)."""
    check = VALIDATORS.get(entity_type)
    if check is None:
        return None
    return check(value)
