"""Credentials: cloud and SaaS tokens, private keys, passwords and API keys.

Token formats with a fixed prefix (``AKIA``, ``ghp_``, ``xoxb-``) are
recognized anywhere and need no context. A password or a generic key is only
recognizable from what the text says about it ("password: ...", "api key
..."), so those need the keyword and report the value after it.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Optional
import regex

from presidio_analyzer import Pattern

from pii_rails.detection import lowercase
from pii_rails.detection.predefined.base import ContextPatternRecognizer


def entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits per character."""
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


class AwsAccessKeyRecognizer(ContextPatternRecognizer):
    """AWS access key ids: a four-letter kind prefix and 16 upper-case letters or digits.

    Issued ids use base-32 letters, but keys in documents and test fixtures
    often do not; a prefixed 20-character id is a key either way.
    """

    ENTITY = "AWS_ACCESS_KEY_ID"
    LOWER_START = lowercase.NEVER
    PATTERNS = [
        Pattern(
            "aws_access_key_id",
            r"(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])",
            0.9,
        )
    ]
    CONTEXT = {"en": ["aws", "access", "key", "amazon", "iam"]}


class GithubTokenRecognizer(ContextPatternRecognizer):
    """GitHub personal, OAuth, app and refresh tokens (``ghp_``, ``gho_``, ``ghu_``, ``ghs_``, ``ghr_``, ``github_pat_``)."""

    ENTITY = "GITHUB_TOKEN"
    LOWER_START = lowercase.NEVER
    PATTERNS = [
        Pattern("github_token", r"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])", 0.95),
        Pattern("github_fine_grained_pat", r"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,255}(?![A-Za-z0-9_])", 0.95),
    ]
    CONTEXT = {"en": ["github", "token", "pat"]}


class SlackTokenRecognizer(ContextPatternRecognizer):
    """Slack bot, user, app and configuration tokens, and incoming-webhook URLs."""

    ENTITY = "SLACK_TOKEN"
    LOWER_START = lowercase.NEVER
    PATTERNS = [
        Pattern("slack_token", r"(?<![A-Za-z0-9])xox[abposer]-(?:[0-9A-Za-z]+-){1,4}[0-9A-Za-z]{6,}(?![A-Za-z0-9-])", 0.9),
        Pattern("slack_app_token", r"(?<![A-Za-z0-9])xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{16,}(?![A-Za-z0-9])", 0.9),
        Pattern(
            "slack_webhook",
            r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]{8,}",
            0.9,
        ),
    ]
    CONTEXT = {"en": ["slack", "token", "webhook"]}


class PrivateKeyRecognizer(ContextPatternRecognizer):
    """A PEM private key, the whole block from ``-----BEGIN`` to ``-----END``.

    A block cut off before its END line (a pasted fragment) is still reported,
    up to the last line of key material.
    """

    ENTITY = "PRIVATE_KEY"
    LOWER_START = lowercase.NEVER
    PATTERNS = [
        Pattern(
            "pem_private_key",
            r"-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----.*?-----END \1PRIVATE KEY(?: BLOCK)?-----",
            1.0,
        ),
        Pattern(
            "pem_private_key_truncated",
            r"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----(?:\r?\n[A-Za-z-]+: [^\n]*)*(?:\r?\n?[A-Za-z0-9+/=]{16,})+(?![\s\S]*?-----END )",
            0.9,
        ),
    ]
    CONTEXT = {"en": ["key", "private", "ssh", "rsa", "pem"]}


# "password: X", "my password is X", "pwd=X" and the same in French, Spanish, German, Italian.
_PASSWORD_WORDS = {
    "en": r"pass(?:word|wd|phrase|code)?|pwd|pw",
    "fr": r"mot de passe|mdp|code secret",
    "es": r"contrase[ñn]a|clave(?: de acceso)?",
    "de": r"passwort|kennwort",
    "it": r"password|parola d'ordine",
}
_OTHER_SUBJECT = regex.compile(
    r"(?i:(?<![^\W_])(?:" + "|".join(_PASSWORD_WORDS.values()) + r")[ \t]+(?!(?:is|was|est|es|ist)\b)\p{L}+[ \t]+"
    r"(?:is|was|are|were|est|a été|es|fue|ist|wurde|è)[ \t]+\Z)"
)
_IS = r"(?:c'est|c’est|lautet|is|was|=|:|est|es|ist|è|sera|:=|->)"
# A value: printable, no spaces; quoted values may hold spaces.
_SECRET_VALUE = r"""(?:"(?P<value>[^"\n]{3,128})"|'(?P<value>[^'\n]{3,128})'|`(?P<value>[^`\n]{3,128})`|(?P<value>[^\s"'`<>]{3,128}))"""

# Words that follow "password is/:" without being a password.
_NOT_A_PASSWORD = frozenset(
    """is was are be the a an and or to for of my your our their his her its this that these those it not no yes
    incorrect wrong invalid expired required correct missing empty blank weak strong too set reset changed
    change updated update same different protected hidden masked secret secure safe ok okay fine new old
    please see below above attached here there sent same: required. forgotten forgot lost stored saved
    incorrecte incorrect faux oublié requis obligatoire incorrecta olvidada requerida obligatoria
    falsch vergessen erforderlich ungültig abgelaufen sicher""".split()
)


class PasswordRecognizer(ContextPatternRecognizer):
    """A password given in the text: the value after "password:", "my password is", "pwd=", ...

    The keyword stays readable; only the value is reported. Words that commonly
    follow the keyword without being a password ("password is incorrect") are
    not reported.
    """

    ENTITY = "PASSWORD"
    LOWER_START = lowercase.labelled("|".join(_PASSWORD_WORDS.values()))
    PATTERNS = [
        Pattern(
            "password_assignment",
            # "DB_PASSWORD=", "SMTP_PASS=": the keyword may end an upper-case variable name.
            r"(?i:(?<![^\W_])(?:" + "|".join(_PASSWORD_WORDS.values()) + r")\b)"
            # a few words may stand between: "password given by the user: ..."
            r"(?:\s*\((?:[^)\n]{1,20})\))?(?:[ \t]+[\p{L}'’.-]+){0,5}?[ \t]*(?:[:=]|(?i:\s" + _IS + r"))[ \t]*(?:\n[ \t]*)?"
            + _SECRET_VALUE,
            0.75,
        ),
        Pattern(
            # "pwd Xk9!pq", "Kennwort Sommer2024!": a short keyword, then a value that looks like a secret.
            "password_bare",
            r"(?i:\b(?:pwd|pw|mdp|passwort|kennwort|contrase[ñn]a)\b)[ \t]+"
            r"(?P<value>(?=\S*(?:\d|[^\w\s.,;:!?()\[\]]))(?=\S*\p{L})[^\s\"'`<>]{6,128})",
            0.6,
        ),
        Pattern(
            "password_in_parentheses",
            r"(?i:\b(?:" + "|".join(_PASSWORD_WORDS.values()) + r")\b)[ \t]*\((?P<value>[^\s()]{4,128})\)",
            0.7,
        ),
    ]
    CONTEXT = {}

    def invalidate_result(self, pattern_text: str) -> Optional[bool]:  # noqa: D102
        value = pattern_text.rstrip(".,;:!?)")
        if value.lower() in _NOT_A_PASSWORD or len(value) < 3:
            return True
        # Code, not a value: "getpass.getpass(", "os.environ['DB_PASSWORD']".
        if regex.match(r"[\w.]+\(|\w*\[", value):
            return True
        return False

    def score_match(self, text, value, start, end, pattern):  # noqa: D102
        # A sentence's full stop or comma after the value is not part of it.
        while end > start and text[end - 1] in ".,;!?)" and (end - start) > 3:
            end -= 1
        value = text[start:end]
        # A plain lower-case word with more prose after it is a sentence, not a secret:
        # "the password reset was completed yesterday".
        if (
            pattern.name == "password_assignment"
            and regex.fullmatch(r"\p{L}+", value)
            and text[start - 1 : start] not in "\"'`"
            and (
                (regex.fullmatch(r"\p{Ll}+", value) and regex.match(r"[ \t]+\p{L}", text[end : end + 2]))
                # "password reset was completed", "password reset was Aug 2": another word took the verb.
                or _OTHER_SUBJECT.search(text[max(0, start - 40) : start])
            )
        ):
            return None
        return super().score_match(text, text[start:end], start, end, pattern)


_KEY_WORDS = (
    r"api[ _-]?key|apikey|api[ _-]?token|access[ _-]?token|auth[ _-]?token|bearer|secret[ _-]?key|client[ _-]?secret"
    r"|app[ _-]?secret|private[ _-]?token|token|secret|x-api-key|authorization|cl[ée] (?:d'?)?api|cl[ée] api"
    r"|clave (?:de )?api|api-schl[üu]ssel|zugangsschl[üu]ssel"
)


class ApiKeyRecognizer(ContextPatternRecognizer):
    """API keys: well-known key prefixes anywhere, and high-entropy tokens given as a key or token.

    ``sk-...`` (OpenAI, Anthropic), ``sk_live_``/``rk_live_`` (Stripe), ``AIza...``
    (Google), JSON web tokens, and any long random-looking value after
    "api key", "token", "secret", "bearer", ``key=`` and the like.
    """

    ENTITY = "API_KEY"
    LOWER_START = lowercase.labelled(_KEY_WORDS)
    PATTERNS = [
        Pattern("openai_style_key", r"(?<![A-Za-z0-9_-])sk-(?:proj-|ant-(?:api\d\d-)?|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])", 0.9),
        Pattern("stripe_key", r"(?<![A-Za-z0-9_])(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,99}(?![A-Za-z0-9_])", 0.9),
        Pattern("google_api_key", r"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])", 0.9),
        Pattern("huggingface_token", r"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,40}(?![A-Za-z0-9_])", 0.85),
        Pattern("jwt", r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?![A-Za-z0-9_-])", 0.85),
        Pattern(
            "keyword_value",
            r"(?i:\b(?:" + _KEY_WORDS + r"))\b[\"']?(?:\s*\((?:[^)\n]{1,20})\))?[ \t]*(?:[:=]|(?i:\s(?:is|was|est|es|ist))|\s)[ \t]*[\"']?"
            r"(?i:bearer\s+)?(?P<value>[A-Za-z0-9][A-Za-z0-9_\-./+=]{15,255})",
            0.6,
        ),
        Pattern(
            "key_assignment",
            r"(?i:\b(?:key|pat|sig|signature|apikey|api_key|access_key|secret_access_key))\s*[:=]\s*[\"']?"
            r"(?P<value>[A-Za-z0-9][A-Za-z0-9_\-./+=]{15,255})",
            0.6,
        ),
    ]
    CONTEXT = {}

    def score_match(self, text, value, start, end, pattern):  # noqa: D102
        if pattern.name in ("keyword_value", "key_assignment"):
            value = value.rstrip(".,")
            end = start + len(value)
            if not self.looks_random(value):
                return None
        return super().score_match(text, value, start, end, pattern)

    @staticmethod
    def looks_random(value: str) -> bool:
        """A key, not a word, path or sentence: letters and digits mixed, high entropy."""
        core = value.strip("=")
        if len(core) < 16 or "://" in core or core.count("/") > 2 or core.count(".") > 2:
            return False
        has_digit = any(c.isdigit() for c in core)
        has_alpha = any(c.isalpha() for c in core)
        if not (has_digit and has_alpha):
            return False
        return entropy(core) >= 3.3
