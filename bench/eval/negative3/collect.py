"""Collect candidate paragraphs of real French, Spanish and German prose for ``negative3.jsonl``.

    python bench/eval/negative3/collect.py > /tmp/candidates3.jsonl

Sources: the message catalogues (``.mo``) that installed packages ship for French, Spanish and
German: the system's GNU and Debian tools under ``/usr/share/locale`` (coreutils, bash, git, apt,
dpkg, tar, grep, systemd, PostgreSQL, GnuPG, ...) and MkDocs' theme catalogues in the project's
virtualenv. Their translators wrote them, nobody on this project. A message is split into
paragraphs at blank lines; a paragraph is kept when it reads as prose under the first negative
set's filter (``negative/collect.py``: 20-160 words, mostly letters, no code block, table, web
address, ``@`` or copyright line), holds no printf or brace placeholder and no option list, and
was not taken already. Each catalogue's header and translator credits are skipped (they name
people). At most :data:`PER_CATALOGUE` paragraphs per catalogue, spread evenly over it, so one
tool's style does not dominate.

This is the first step only: ``negative3.jsonl`` is the result after reading every paragraph by
hand for people's names and personal data (see README.md).
"""

from __future__ import annotations

import gettext
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "negative"))
from collect import paragraphs, site_packages  # noqa: E402

LANGUAGES = ("fr", "es", "de")
SYSTEM_LOCALE = Path("/usr/share/locale")
PER_CATALOGUE = 12
# Catalogues of names, not prose: languages, countries, scripts, currencies, keyboard layouts.
SKIP = re.compile(r"^(iso_|xkeyboard-config)")
PLACEHOLDER = re.compile(r"%[-+ #0-9.*]*[a-zA-Z]|%\(|\{[\w.]*\}|\$\{|<[a-z]+>")
OPTION_LINE = re.compile(r"^\s*(-{1,2}\w|\w+\s{2,}\S)", re.M)


def catalogues():
    """``(language, label, path)`` of every ``.mo`` catalogue found, in sorted order."""
    for language in LANGUAGES:
        for path in sorted((SYSTEM_LOCALE / language / "LC_MESSAGES").glob("*.mo")):
            if not SKIP.match(path.name):
                yield language, f"/usr/share/locale/{language}/LC_MESSAGES/{path.name}", path
        for path in sorted(site_packages().glob(f"*/**/locales/{language}/LC_MESSAGES/*.mo")):
            yield language, str(path.relative_to(site_packages())), path


def messages(path: Path):
    """The translated strings of one catalogue, header and translator credits left out."""
    try:
        with open(path, "rb") as fh:
            catalogue = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    except (UnicodeDecodeError, OSError):  # a catalogue in a legacy encoding: skipped, not guessed
        return
    for key, value in sorted(catalogue.items(), key=lambda kv: str(kv[0])):
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or "translator" in str(msgid).lower() or "credits" in str(msgid).lower():
            continue
        yield value


def main() -> int:
    seen: set = set()
    for language, label, path in catalogues():
        picks = []
        for message in messages(path):
            for block in re.split(r"\n\s*\n", message):
                if PLACEHOLDER.search(block) or OPTION_LINE.search(block):
                    continue
                for par in paragraphs(block):
                    if par not in seen:
                        seen.add(par)
                        picks.append(par)
        step = max(1, len(picks) // PER_CATALOGUE)
        for par in picks[::step][:PER_CATALOGUE]:
            print(json.dumps({"language": language, "kind": "translation", "source": label, "text": par}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
