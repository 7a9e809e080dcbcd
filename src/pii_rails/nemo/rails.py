"""One table of what pii-rails offers NeMo: flow names, the rail each belongs in, the action it runs.

The Colang files in ``pii_rails/flows/v1`` and ``v2``, the load-time flow
check and the actions' registration all read from here, and a test parses the
flow files to prove they say the same (``tests/test_nemo_binding.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Literal, Tuple

from pii_rails.settings import SOURCES

Kind = Literal["detect", "mask"]
Naming = Literal["ours", "builtin"]


@dataclass(frozen=True)
class RailFlow:
    """One flow pii-rails defines."""

    name: str
    rail: str  # input | output | retrieval
    kind: Kind
    naming: Naming  # pii-rails' own name, or the built-in rail's (drop-in)
    action: str  # the action the Colang 1.0 flow executes first
    action_v2: str  # the action the Colang 2.x flow awaits first

    @property
    def masks(self) -> bool:
        """Whether the flow rewrites text (mask) rather than refusing it (detect)."""
        return self.kind == "mask"


# Action name -> what it does. Registered on LLMRails under every name here.
# The built-in's names are registered only where the configuration has not
# registered its own: NeMo documents replacing the rail's detection that way.
ACTIONS: Dict[str, Kind] = {
    "pii_rails_detect": "detect",
    "pii_rails_mask": "mask",
    "detect_sensitive_data": "detect",
    "mask_sensitive_data": "mask",
}
BUILTIN_ACTIONS = frozenset({"detect_sensitive_data", "mask_sensitive_data"})
# Turns whatever a built-in-named action returned (RailOutcome, bool, str) into a rail outcome.
OUTCOME_ACTION = "pii_rails_outcome"
RESTORE_ACTION = "pii_rails_restore"

# The action each flow runs first, by naming and kind; Colang 2.x spells actions
# in CamelCase with an Action suffix.
_FLOW_ACTIONS: Dict[Tuple[Naming, Kind], Tuple[str, str]] = {
    ("ours", "detect"): ("pii_rails_detect", "PiiRailsDetectAction"),
    ("ours", "mask"): ("pii_rails_mask", "PiiRailsMaskAction"),
    ("builtin", "detect"): ("detect_sensitive_data", "DetectSensitiveDataAction"),
    ("builtin", "mask"): ("mask_sensitive_data", "MaskSensitiveDataAction"),
}

_NAMES: Dict[Tuple[Naming, Kind], str] = {
    ("ours", "detect"): "pii rails detect on {}",
    ("ours", "mask"): "pii rails mask on {}",
    ("builtin", "detect"): "detect sensitive data on {}",
    ("builtin", "mask"): "mask sensitive data on {}",
}
FLOWS: Dict[str, RailFlow] = {
    template.format(rail): RailFlow(template.format(rail), rail, kind, naming, *_FLOW_ACTIONS[naming, kind])
    for rail in SOURCES
    for (naming, kind), template in _NAMES.items()
}

# Flow name -> the rail it belongs in.
FLOW_RAILS: Dict[str, str] = {name: flow.rail for name, flow in FLOWS.items()}


def looks_like_ours(flow_name: str) -> bool:
    """Whether a configured flow name is meant for pii-rails (so a misspelling can be caught)."""
    name = flow_name.strip()
    return "sensitive data" in name or name.startswith("pii rails")
