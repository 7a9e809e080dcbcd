"""Build the second held-out set (``heldout2.jsonl``) from the hand-written texts.

    python bench/eval/heldout2/build_heldout2.py            # (re)write heldout2.jsonl, print its composition
    python bench/eval/heldout2/build_heldout2.py --check    # fail if heldout2.jsonl is stale

The texts in ``texts_en.py`` and ``texts_other.py`` carry their gold spans inline as
``{{TYPE|value}}``; this script strips the markup, records code-point offsets and checks every
span (no glue to a neighbouring letter or digit, no overlap, e-mail shape, phone validity).
There is nothing random here: the output is the texts, in order.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import phonenumbers  # noqa: E402

import texts_en  # noqa: E402
import texts_other  # noqa: E402

OUT = HERE / "heldout2.jsonl"
SOURCES = {"en": texts_en.TEXTS, "fr": texts_other.TEXTS_FR, "es": texts_other.TEXTS_ES, "de": texts_other.TEXTS_DE}
MARK = re.compile(r"\{\{([A-Z_]+)\|(.*?)\}\}", re.S)
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}$")


def parse(text: str):
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(text):
        plain = text[pos:m.start()]
        out.append(plain)
        length += len(plain)
        value = m.group(2)
        spans.append({"start": length, "end": length + len(value), "entity_type": m.group(1)})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    assert "{{" not in plain and "}}" not in plain, plain
    return plain, spans


def build():
    records = []
    for lang, texts in SOURCES.items():
        counter = collections.Counter()
        for kind, marked in texts:
            counter[kind] += 1
            text, spans = parse(marked)
            rid = f"h2-{lang}-{kind}-{counter[kind]:03d}"
            records.append({"id": rid, "language": lang, "kind": kind, "text": text, "spans": spans})
    check(records)
    return records


def check(records) -> None:
    seen = set()
    for r in records:
        assert r["text"] not in seen, f"duplicate text {r['id']}"
        seen.add(r["text"])
        last = -1
        for s in r["spans"]:
            value = r["text"][s["start"]:s["end"]]
            assert value and value == value.strip(), (r["id"], value)
            assert s["start"] >= last, r["id"]
            last = s["end"]
            before = r["text"][s["start"] - 1] if s["start"] else " "
            after = r["text"][s["end"]] if s["end"] < len(r["text"]) else " "
            assert not (before.isalnum() or after.isalnum()), (r["id"], value)
            if s["entity_type"] == "EMAIL_ADDRESS":
                assert EMAIL.match(value), (r["id"], value)
            if s["entity_type"] == "PHONE_NUMBER":
                assert phonenumbers.is_valid_number(phonenumbers.parse(value, "US")), (r["id"], value)


def composition(records) -> str:
    langs = list(SOURCES)
    kinds = sorted({r["kind"] for r in records})
    lines = ["| kind | " + " | ".join(langs) + " | total | without PII |", "|---|" + "---:|" * (len(langs) + 2)]
    by = collections.Counter((r["kind"], r["language"]) for r in records)
    neg = collections.Counter(r["kind"] for r in records if not r["spans"])
    for k in kinds:
        row = [by[(k, lang)] for lang in langs]
        lines.append(f"| {k} | " + " | ".join(map(str, row)) + f" | {sum(row)} | {neg[k]} |")
    tot = [sum(by[(k, lang)] for k in kinds) for lang in langs]
    lines.append("| **all** | " + " | ".join(map(str, tot)) + f" | {sum(tot)} | {sum(neg.values())} |")
    lines.append("")
    ents = collections.Counter((s["entity_type"], r["language"]) for r in records for s in r["spans"])
    types = sorted({e for e, _ in ents}, key=lambda e: -sum(ents[(e, lang)] for lang in langs))
    lines += ["| entity | " + " | ".join(langs) + " | total |", "|---|" + "---:|" * (len(langs) + 1)]
    for e in types:
        row = [ents[(e, lang)] for lang in langs]
        lines.append(f"| {e} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    return "\n".join(lines)


def dumps(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    records = build()
    data = dumps(records)
    if args.check:
        if OUT.read_text(encoding="utf-8") != data:
            print(f"{OUT} is stale; run without --check", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(data, encoding="utf-8")
    print(composition(records))
    return 0


if __name__ == "__main__":
    sys.exit(main())
