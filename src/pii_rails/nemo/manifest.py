"""pii-rails described to NeMo's IORails engine: one ``RailManifest``, as NeMo's
``library/<rail>/rail.py`` modules describe theirs.

Every name comes from the flows table in :mod:`pii_rails.nemo.rails`: each flow
there (pii-rails' own names and the built-in's, which a configuration that
switched to pii-rails keeps) becomes a surface of this manifest whose action is
one of the two functions of :mod:`pii_rails.nemo.iorails`. The built-in's names
mean this manifest can never sit in the same catalog as NeMo's
``sensitive_data_detection`` manifest (``RailCatalog`` refuses a flow name
claimed twice); :func:`catalog_replacing_builtin` builds the catalog where it
takes the built-in's place, used only for configurations that name pii-rails.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Dict, List, Tuple

from pii_rails.nemo.rails import FLOWS, RailFlow

if TYPE_CHECKING:
    from nemoguardrails.manifests import RailCatalog, RailManifest

NAME = "pii_rails"
# The manifest NeMo ships for the rail pii-rails replaces.
BUILTIN = "sensitive_data_detection"
# Where IORails imports the actions from (``module:function``).
ACTION_MODULE = "pii_rails.nemo.iorails"
# The variable each direction's text comes from in IORails' request context.
_CONTEXT_KEYS = {"input": "user_message", "output": "bot_message", "retrieval": "relevant_chunks"}


@functools.lru_cache(maxsize=None)
def manifest() -> "RailManifest":
    """The manifest of every flow in the flows table, built once per process."""
    from nemoguardrails.manifests import (
        ActionRef,
        Binding,
        RailActions,
        RailDirection,
        RailFlows,
        RailManifest,
        RailMetadata,
        RailPrivacy,
        RailRequirements,
        RailSpec,
        RailSurface,
    )

    from pii_rails.nemo.actions import TARGETS

    refs: Dict[str, ActionRef] = {
        kind: ActionRef(name=f"pii_rails_iorails_{kind}", target=f"{ACTION_MODULE}:{kind}")
        for kind in ("detect", "mask")
    }

    def surface(flow: RailFlow) -> RailSurface:
        return RailSurface(
            name=flow.name,
            direction=RailDirection(flow.rail),
            action=refs[flow.kind],
            bindings=(
                Binding.literal("source", flow.rail),
                Binding.context("text", _CONTEXT_KEYS[flow.rail]),
                # The built-in's names refuse the way the built-in does.
                Binding.literal("naming", flow.naming),
            ),
            # Detect may rewrite too (it restores placeholders the model echoed, and a
            # `flag` policy with `mask: true` masks): declared, so IORails applies the
            # rewrite in order instead of refusing it from rails it runs in parallel.
            transform_target=TARGETS[flow.rail],
        )

    flows: Tuple[RailFlow, ...] = tuple(FLOWS.values())
    return RailManifest(
        name=NAME,
        metadata=RailMetadata(
            display_name="pii-rails",
            description="PII detection and masking with Presidio and spaCy: policies, reversible placeholders, audit.",
            categories=("input", "output", "retrieval"),
            capabilities=("block", "detect_pii", "mask", "transform"),
            tags=("pii", "presidio", "sensitive-data", "pii-rails"),
        ),
        spec=RailSpec(
            flows=RailFlows(flow_names=tuple(f.name for f in flows)),
            actions=RailActions(refs=tuple(refs.values())),
            surfaces=tuple(surface(f) for f in flows),
            requirements=RailRequirements(optional_dependencies=("presidio-analyzer", "spacy")),
            privacy=RailPrivacy(sends_user_text=False, sends_bot_text=False, sends_retrieved_chunks=False),
        ),
        origin=__name__,
    )


# (NeMo's default catalog, the catalog built from it with pii-rails in the built-in's place)
_replacing: List[Tuple["RailCatalog", "RailCatalog"]] = []


def catalog_replacing_builtin(default: "RailCatalog") -> "RailCatalog":
    """``default`` with pii-rails' manifest in place of the built-in's.

    Built once per ``default``: NeMo builds its catalog once per process, and a
    reset of NeMo's cache builds a new one, which gets its own replacement.
    """
    for seen, catalog in _replacing:
        if seen is default:
            return catalog
    from nemoguardrails.manifests import RailCatalog, RailManifestRecord

    records = [r for name, r in default.records.items() if name not in (BUILTIN, NAME)]
    records.append(RailManifestRecord(manifest=manifest(), source=__name__))
    catalog = RailCatalog(records)
    _replacing[:] = [(default, catalog)]
    return catalog
