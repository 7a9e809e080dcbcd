"""Point the main model at the upstream named by ``PII_RAILS_UPSTREAM_URL``."""

import os

from pii_rails.errors import ConfigError

ENV = "PII_RAILS_UPSTREAM_URL"


def init(app):
    url = os.environ.get(ENV)
    if not url:
        raise ConfigError("models[type=main].parameters.base_url", None, f"set {ENV} to the upstream's base URL, e.g. http://127.0.0.1:8001/v1")
    for model in app.config.models:
        if model.type == "main":
            model.parameters["base_url"] = url
