"""The web reader: browse and search an archive in a browser, every page also as JSON.

``create_app(reader)`` makes the application (Starlette, Jinja2 templates rendered on the
server, no script needed but a small one on the page view); ``banmian serve`` runs it with
uvicorn over an archive opened read-only. Only this package and the CLI import the web
framework.
"""

from __future__ import annotations

from banmian.web.app import create_app

__all__ = ["create_app"]
