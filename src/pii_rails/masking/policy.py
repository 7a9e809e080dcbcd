"""Policy: what a rail does with each detected span, and the text that results.

Spans come in; each gets a :class:`Decision` from the rail's per-entity policy
(its action, threshold and placeholder style); :func:`rewrite` then writes the
text with the masked spans replaced. Block wins: if any decision blocks, the
whole text is blocked, whatever else would have been masked.
"""

from __future__ import annotations

from typing import List, Literal, Optional, Sequence, Tuple

from pii_rails.masking.placeholders import Keyer, render
from pii_rails.settings import RESTORABLE_STYLES, RailSettings, withholds
from pii_rails.masking.vault import Vault
from pii_rails.spans import Decision


# Which flow asked: Detect refuses what Mask would rewrite.
Flow = Literal["detect", "mask"]



def decide(spans: Sequence, rail: RailSettings, flow: Flow = "mask") -> List[Decision]:
    """A decision for every span, from the rail's policy for its entity type and score."""
    decisions = []
    for span in spans:
        own = rail.policies.get(span.entity_type)
        if own is None:
            continue
        below = span.score < own.score_threshold
        action = rail.below_threshold_action if below else own.action
        if flow == "detect" and action == "mask":
            action = "block"
        masked = withholds(action, own.mask)
        decisions.append(Decision(span, action, masked, own.placeholder, below))
    return decisions


def blocked(decisions: Sequence[Decision]) -> bool:
    return any(d.action == "block" for d in decisions)


def placeholder_for(
    decision: Decision,
    value: str,
    vault: Optional[Vault],
    *,
    restorable: bool,
    withheld: bool = False,
    keyer: Optional[Keyer] = None,
) -> str:
    """The text that replaces one value.

    ``restorable``: the value came from the user, so the vault may give it back.
    ``withheld``: new PII in the LLM's answer; it gets a placeholder of its own
    that is never restored, even if it equals a value the user gave (keyed:
    the value's own token, restored only if the user typed that value).
    ``keyer``: the engine's key, for the keyed style.
    """
    spec = decision.placeholder
    entity_type = decision.span.entity_type
    if spec.style not in RESTORABLE_STYLES:
        if vault is not None and not withheld:
            vault.remember(entity_type, value, restorable=restorable)
        return render(spec, entity_type, 0, value)
    vault = vault if vault is not None else Vault()
    if withheld:
        return vault.withheld(entity_type, spec, value, keyer=keyer)
    return vault.placeholder(entity_type, value, spec, restorable=restorable, keyer=keyer)


def rewrite(
    text: str,
    decisions: Sequence[Decision],
    vault: Optional[Vault],
    *,
    restorable: bool,
    withheld: bool = False,
    keyer: Optional[Keyer] = None,
) -> Tuple[str, List[Optional[str]]]:
    """``text`` with every masked span replaced, and the placeholder of each decision.

    Spans are non-overlapping (the engine settles overlaps first), so
    placeholders are never spliced into each other.
    """
    parts: List[str] = []
    tokens: List[Optional[str]] = []
    cursor = 0
    for decision in decisions:
        span = decision.span
        if not decision.masked:
            tokens.append(None)
            continue
        token = placeholder_for(
            decision, text[span.start : span.end], vault, restorable=restorable, withheld=withheld, keyer=keyer
        )
        parts.append(text[cursor : span.start])
        parts.append(token)
        cursor = span.end
        tokens.append(token)
    parts.append(text[cursor:])
    return "".join(parts), tokens
