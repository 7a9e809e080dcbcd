"""The configuration reference cannot fall behind the settings model.

docs/hooks/config_reference.py generates the tables from the pydantic models in
pii_rails.settings; these tests fail when a field has no written meaning, when a
meaning names a field that is gone, or when the committed page is not what the
generator makes of the current model.
"""

from __future__ import annotations

import importlib.util

import pytest
from pydantic import Field, create_model

from conftest import REPO

PAGE = REPO / "docs" / "reference" / "configuration.md"


def _generator():
    spec = importlib.util.spec_from_file_location("config_reference", REPO / "docs/hooks/config_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


def test_every_setting_has_a_meaning_and_every_meaning_a_setting():
    fields = set(GEN.documented_fields())
    written = set(GEN.MEANINGS)
    assert not fields - written, (
        f"settings without a meaning in docs/hooks/config_reference.py: {sorted(fields - written)}"
    )
    assert not written - fields, f"meanings of settings that no longer exist: {sorted(written - fields)}"


def test_the_committed_page_is_current():
    committed = PAGE.read_text()
    assert GEN.render(committed) == committed, (
        "docs/reference/configuration.md is stale: run `python docs/hooks/config_reference.py`"
    )


def test_every_plugin_key_is_in_the_page():
    from pii_rails.settings import AuditOptions, KeyedOptions, PluginOptions, RailOptions, VaultOptions

    page = PAGE.read_text()
    for name in PluginOptions.model_fields:
        if name in ("audit", "vault", "keyed"):
            continue
        assert f"| `{name}` |" in page, name
    groups = (("audit.", AuditOptions), ("vault.", VaultOptions), ("keyed.", KeyedOptions), ("<rail>.", RailOptions))
    for prefix, model in groups:
        for name in model.model_fields:
            assert f"| `{prefix}{name}` |" in page, prefix + name


def test_defaults_and_bounds_come_from_the_model():
    from pii_rails.settings import DEFAULT_SCORE_THRESHOLD, VaultOptions

    page = PAGE.read_text()
    ttl = VaultOptions.model_fields["ttl_seconds"]
    assert f"| `vault.ttl_seconds` | number (> 0) | `{ttl.default:g}` |" in page
    assert f"`{DEFAULT_SCORE_THRESHOLD:g}`" in page


def test_a_new_field_without_a_meaning_is_caught():
    Extended = create_model("PluginOptions", __base__=GEN._settings().PluginOptions, shiny=(bool, Field(default=False)))
    with pytest.raises(KeyError, match="shiny"):
        list(GEN._rows(Extended))


def test_the_table_tracks_a_changed_default(monkeypatch):
    settings = GEN._settings()
    changed = create_model(
        "VaultOptions", __base__=settings.VaultOptions, ttl_seconds=(float, Field(default=60.0, gt=0))
    )
    plugin = create_model(
        "PluginOptions", __base__=settings.PluginOptions, vault=(changed, Field(default_factory=changed))
    )
    monkeypatch.setattr(settings, "VaultOptions", changed)
    monkeypatch.setattr(settings, "PluginOptions", plugin)
    assert "| `vault.ttl_seconds` | number (> 0) | `60` |" in GEN.generate()


def test_mkdocs_runs_the_generator_as_a_hook():
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    assert "docs/hooks/config_reference.py" in config["hooks"]
