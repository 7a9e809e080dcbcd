"""URLs, written with a scheme, with ``www.`` or as a bare domain with a path."""

from __future__ import annotations

from presidio_analyzer import Pattern

from pii_rails.detection.predefined.base import ContextPatternRecognizer

# Characters a URL may contain; what ends a sentence after it is cut off afterwards.
_URL_CHARS = r"[^\s<>\"'`{}|\\^«»“”‘’]"
_HOST = r"(?:[\p{L}\d](?:[\p{L}\d-]{0,61}[\p{L}\d])?\.)+\p{L}{2,24}"
_PORT_PATH = r"(?::\d{2,5})?(?:[/?#]" + _URL_CHARS + r"*)?"

# Endings that make "setup.py" or "README.md" a file name, not a site (many are also country domains).
FILE_EXTENSIONS = frozenset(
    """py md js ts jsx tsx json yml yaml toml ini cfg conf txt csv tsv log xml html htm css scss pdf doc docx xls
    xlsx ppt pptx png jpg jpeg gif svg webp bmp ico zip tar gz tgz bz2 xz rar exe dll so dylib bin sh bat ps1 rb
    go rs java kt class jar c h cpp hpp cs php pl sql db sqlite lock env mp3 mp4 wav mov avi mkv""".split()
)


# Names code calls attributes on ("os.link", "np.array", "self.app"): a two-part name starting with one
# is an attribute access, even where its last part is also a top-level domain (.link, .app, .run).
CODE_RECEIVERS = frozenset(
    """self cls this super os io sys re np pd plt tf torch nn jnp sp json datetime logging subprocess shutil pathlib
    collections itertools functools typing asyncio threading urllib numpy pandas scipy sklearn django args kwargs
    ctx req res df""".split()
)
# Top-level domains common enough that "json.org" or "re.com" stays a site.
_COMMON_TLDS = frozenset("com org net edu gov int mil".split())


def _is_public_suffix(host: str) -> bool:
    from pii_rails.detection.predefined.email import _OFFLINE_TLD, PRIVATE_TLDS

    tld = host.rsplit(".", 1)[-1]
    return tld.lower() in PRIVATE_TLDS or _OFFLINE_TLD(host).suffix != ""


def _looks_like_code(text: str, start: int, end: int, host: str) -> bool:
    """Whether a bare ``name.name`` is a dotted code name rather than a domain."""
    labels = host.split(".")
    tld = labels[-1]
    if not _is_public_suffix(host):  # "io.BufferedReader", "np.array", "self.assertEqual"
        return True
    if tld != tld.lower() and tld != tld.upper():  # camelCase or Capitalised: an identifier
        return True
    if len(labels) == 2 and labels[0] in CODE_RECEIVERS and len(tld) > 2 and tld.lower() not in _COMMON_TLDS:
        # "os.link", "self.app"
        return True
    after = text[end : end + 1]
    before = text[start - 1 : start] if start else ""
    # A call ("requests.get(", "os.link(") or a name in code quotes (`io.open`).
    return after == "(" or (before == "`" and after == "`")


class UrlPatternRecognizer(ContextPatternRecognizer):
    """URLs: ``https://...``, ``www....``, and ``domain.tld/path``.

    A trailing full stop, comma or closing bracket belongs to the sentence,
    not the URL. A bare domain without a path ("example.com") needs a word
    such as "website" or "link" nearby; file names ("setup.py") and dotted
    code names (``os.link``, ``io.BufferedReader``, ``np.array``) are not
    URLs: a bare domain must end in a real top-level domain, in one case, and
    not read as an attribute of a module or object.
    """

    # Presidio finds recognizer classes by class name across every subclass loaded;
    # a class of ours named like one of Presidio's could be picked up by another
    # analyzer in the process. The class name differs; the reported name stays.
    NAME = "UrlRecognizer"

    ENTITY = "URL"
    PATTERNS = [
        Pattern("url_with_scheme", r"(?i:\b(?:https?|ftp|sftp|wss?)://)" + _URL_CHARS + r"+", 0.7),
        Pattern("url_www", r"(?<![\w@.-])(?i:www\.)" + _HOST + _PORT_PATH, 0.6),
        Pattern("url_domain_path", r"(?<![\w@./-])" + _HOST + r"(?::\d{2,5})?/" + _URL_CHARS + r"*", 0.5),
        Pattern("url_domain", r"(?<![\w@./-])" + _HOST + r"(?::\d{2,5})?(?![\w@-]|\.\w)", 0.3),
    ]
    CONTEXT = {
        "en": ["url", "website", "web site", "link", "site", "page", "visit", "profile", "homepage", "portfolio", "blog"],
        "fr": ["lien", "site", "page", "url", "profil", "adresse web"],
        "es": ["enlace", "sitio", "pagina", "url", "web", "perfil"],
        "de": ["link", "webseite", "website", "seite", "url", "profil", "homepage"],
        "it": ["collegamento", "sito", "pagina", "url", "link"],
    }

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        if len(results) < 2:
            return results
        # A bare domain inside a longer URL ("www.example.de" of "www.example.de/profil?...") can score higher
        # (a context word such as "profil" stands in the URL's own path): the URL is what is masked, with
        # the best score of the parts it holds.
        kept = []
        for r in results:
            hosts = [o for o in results if o.start <= r.start and r.end <= o.end and o.end - o.start > r.end - r.start]
            if not hosts:
                kept.append(r)
            else:
                for o in hosts:
                    o.score = max(o.score, r.score)
        return kept

    def score_match(self, text, value, start, end, pattern):  # noqa: D102
        # Sentence punctuation after a URL, and a closing bracket it did not open, are not part of it.
        while end > start and (
            text[end - 1] in ".,;:!?'\"*"
            or (text[end - 1] == ")" and text[start:end].count("(") < text[start:end].count(")"))
            or (text[end - 1] == "]" and text[start:end].count("[") < text[start:end].count("]"))
        ):
            end -= 1
        value = text[start:end]
        host = value.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]
        if "." not in host and "://" not in value:
            return None
        if pattern.name in ("url_domain", "url_domain_path") and host.rsplit(".", 1)[-1].lower() in FILE_EXTENSIONS:
            return None
        if pattern.name == "url_domain" and _looks_like_code(text, start, end, host):
            return None
        if pattern.name == "url_domain_path" and not _is_public_suffix(host):  # "module.Class/..." is no site
            return None
        return super().score_match(text, value, start, end, pattern)
