"""Collect candidate paragraphs for the second negative set (``negative2.jsonl``).

    python bench/eval/negative2/collect.py > /tmp/candidates2.jsonl

Same kind of text as ``bench/eval/negative`` (documentation shipped inside installed packages:
``METADATA`` long descriptions, licence files, docstrings), but only from the distributions the
first set took nothing from, and every prose paragraph of them rather than a few per package, so
that no paragraph of the first set can reappear. The prose filter is the first set's
(``negative/collect.py``), reused so that both sets mean the same thing by "a paragraph".

This is the first step only: ``negative2.jsonl`` is the result after reading every paragraph by
hand for people's names and personal data (see README.md).
"""

from __future__ import annotations

import email.parser
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "negative"))
from collect import docstrings, file_docstrings, licence_files, paragraphs, site_packages  # noqa: E402

# Distributions installed in the project's venv that contributed no paragraph to negative.jsonl
# (checked against its ``source`` fields), by distribution name -> import roots.
UNUSED = {
    "jsonschema-specifications": ["jsonschema_specifications"],
    "mdurl": ["mdurl"],
    "mergedeep": ["mergedeep"],
    "murmurhash": ["murmurhash"],
    "opentelemetry-api": ["opentelemetry"],
    "protobuf": ["google/protobuf"],
    "pymdown-extensions": ["pymdownx"],
    "typing-inspect": ["typing_inspect.py"],
    "mkdocs-material": ["material"],  # its METADATA was used; its Python sources were not
}
PER_ROOT = 60  # docstring paragraphs per package, spread evenly over it


def used_texts() -> set:
    path = Path(__file__).resolve().parent.parent / "negative" / "negative.jsonl"
    return {json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()}


def main() -> int:
    sp = site_packages()
    seen = used_texts()
    for dist_name, roots in UNUSED.items():
        dists = sorted(sp.glob(dist_name.replace("-", "_") + "-*.dist-info"))
        picks = []
        for dist in dists:
            if dist_name != "mkdocs-material":
                meta = email.parser.Parser().parsestr((dist / "METADATA").read_text(encoding="utf-8", errors="replace"))
                body = meta.get_payload() or meta.get("Description", "")
                picks += [("metadata", f"{dist.name}/METADATA", p) for p in paragraphs(body)]
                for f in licence_files(dist):
                    picks += [("license", f"{f.relative_to(sp)}", p) for p in paragraphs(f.read_text(errors="replace"))]
        for root in roots:
            path = sp / root
            if path.is_file():
                docs = [(f"{root}", par) for _, par in file_docstrings(path)]
            else:
                docs = [(f"{p.relative_to(sp)}", par) for p, par in docstrings(path)]
            step = max(1, len(docs) // PER_ROOT)
            picks += [("docstring", src, par) for src, par in docs[::step][:PER_ROOT]]
        for kind, src, par in picks:
            if par in seen:
                continue
            seen.add(par)
            print(json.dumps({"kind": kind, "source": src, "text": par}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
