"""A small offline language guesser for ``language: auto``.

It counts the function words of each candidate language ("the", "le",
"el", "der", ...) and a few letters only some of them use (ñ, ß, ç). That is
enough to route a chat message to the right pipeline and recognizers among a
handful of configured languages, costs microseconds, and needs no model or
dependency. A text with too little to go on (a bare e-mail address, a
number) gets the default language.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Sequence

import regex

_WORDS: Dict[str, FrozenSet[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": """the and is are was were of to in that it you your for with my this have has be on not at from please
                 can will i me we what how an or by our would should been there their which about is it's i'm don't
                 thanks hello hi yes no here where when who why do does did just also could him her his she he they""",
        "fr": """le la les des du de un une et est je vous nous il elle ils pour pas que qui dans sur avec mon ma mes
                 votre vos au aux ce cette sont suis être avoir merci bonjour ne en où très mais ou donc car j'ai
                 c'est n'est je m'appelle s'il plaît voici chez leur notre""",
        "es": """el la los las de del un una y es en que por para con mi mis su sus yo usted no se está están soy
                 tengo hola gracias muy al lo como pero sí también número mí nuestro es esta este esto ser hay
                 llamo favor donde cuando""",
        "de": """der die das und ist ich sie wir nicht mit für auf ein eine einen dem den des zu von bei mein meine
                 ihre ihr sind bin haben hallo danke bitte auch oder wie nach aus ist es im am vom zum zur wird
                 kann ihnen mich mir uns heiße wohne""",
        "it": """il lo la gli le di che e è un una per con non mio mia sono ciao grazie del della nel nella sono
                 questo questa ho hai mi chiamo suo sua anche come""",
        "pt": """o a os as de do da um uma e é em que por para com meu minha não se está são sou tenho olá obrigado
                 muito ao como mas também você""",
        "nl": """de het een en is ik je u wij niet met voor op van in dat die zijn ben heb hallo dank alstublieft
                 mijn uw ook of hoe naar""",
    }.items()
}

_LETTERS: Dict[str, str] = {"es": "ñ¿¡", "de": "ßäöü", "fr": "çèêàùœëîâ", "pt": "ãõç", "it": "ìò"}

_TOKEN = regex.compile(r"[\p{L}']+")


def detect_language(text: str, candidates: Sequence[str], default: str) -> str:
    """The most likely of ``candidates`` for ``text``, or ``default`` when nothing tells them apart."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else default
    tokens = [t.lower() for t in _TOKEN.findall(text[:2000])]
    scores = {}
    for lang in candidates:
        words = _WORDS.get(lang, frozenset())
        score = sum(1.0 for t in tokens if t in words)
        letters = _LETTERS.get(lang, "")
        score += 0.5 * sum(1 for c in text.lower() if c in letters)
        scores[lang] = score
    best = max(scores.values())
    if best <= 0:
        return default
    leaders = [lang for lang, score in scores.items() if score == best]
    return default if default in leaders else leaders[0]
