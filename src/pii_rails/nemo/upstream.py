"""A model's base URL from the environment, the same on NeMo's two engines.

NeMo 0.24.1 reads a model's address only from ``parameters.base_url`` in
``config.yml`` (its YAML has no environment interpolation); without one, an
``openai`` model goes to OpenAI's public address. A deployment that takes the
address from its environment used to set it in a ``config.py`` ``init()``, which
IORails never runs. ``custom_data.pii_rails.base_url_env`` names, per model type,
the variable that holds the URL; pii-rails writes it into that model's
``parameters.base_url`` while the rails are built, before either engine makes
its model clients (``LLMRails``: from pii-rails' ``config.py`` ``init``, which
NeMo runs before ``_init_llms``; IORails: before ``IORails.__init__`` builds its
engine registry). A variable that is unset or not an http(s) URL fails the build
with the key and the fix: the masked request never goes to a default address.
"""

from __future__ import annotations

import os
from typing import Any, Mapping
from urllib.parse import urlsplit

from pii_rails.errors import ConfigError
from pii_rails.settings import PLUGIN_PATH

KEY = "base_url_env"


def apply_base_urls(rails_config: Any, base_url_env: Mapping[str, str]) -> None:
    """Set ``parameters.base_url`` of each model type named in ``base_url_env`` from its variable.

    The variable wins over a ``base_url`` written in ``config.yml`` for the same model,
    so one configuration serves every environment it is deployed to.

    Raises:
        ConfigError: a named model type is not configured, or its variable is unset
            or holds no http(s) URL.
    """
    models = list(getattr(rails_config, "models", None) or [])
    for model_type, variable in base_url_env.items():
        path = f"{PLUGIN_PATH}.{KEY}.{model_type}"
        targets = [m for m in models if m.type == model_type]
        if not targets:
            known = ", ".join(sorted({m.type for m in models})) or "none"
            raise ConfigError(path, variable, f"no model of type {model_type!r} in models (configured: {known})")
        if not variable or not variable.strip():
            raise ConfigError(path, variable, "name the environment variable that holds the model's base URL")
        url = os.environ.get(variable, "").strip()
        if not url:
            raise ConfigError(
                path,
                variable,
                f"set {variable} to the base URL of the {model_type} model's OpenAI-compatible upstream, "
                f"e.g. {variable}=http://127.0.0.1:8001/v1 (nothing is sent to a default address)",
            )
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            # The value is an address, not a secret: naming it helps fix a typo.
            raise ConfigError(path, variable, f"{variable}={url!r} is not an http(s) URL such as http://127.0.0.1:8001/v1")
        for model in targets:
            model.parameters["base_url"] = url
