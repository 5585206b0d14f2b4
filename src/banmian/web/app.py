"""The reader's application: routes, templates, static files and error handlers.

``create_app(reader)`` serves any ``ArchiveReader``. Every route answers GET (and HEAD) only,
so the reader cannot change the archive; every route also answers with JSON at its path
plus ``.json`` (``/`` at ``/index.json``) or when asked with ``Accept: application/json``.
"""

from __future__ import annotations

from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from banmian import __version__
from banmian.archive.records import ArchiveReader
from banmian.web import entity_views, views
from banmian.web.errors import (
    WebError,
    http_error_handler,
    server_error_handler,
    web_error_handler,
)
from banmian.web.layout import KINDS
from banmian.web.urls import ENTITY_PATHS, JSON_SUFFIX, Links
from banmian.web.views import Endpoint

PAGE = "/papers/{paper}/{date}/{number:int}"
"""The path of one page; its views hang below it."""

ENTITY_ROUTES: list[tuple[str, Endpoint, str]] = [
    route
    for type_, path in ENTITY_PATHS.items()
    for route in (
        (f"/{path}", entity_views.entity_index(type_), path),
        (f"/{path}/{{key:path}}", entity_views.entity_page(type_), type_),
    )
]
"""Each entity type's index (``/people``) and pages (``/people/{key}``)."""

ROUTES: list[tuple[str, Endpoint, str]] = [
    ("/search", views.search, "search"),
    *ENTITY_ROUTES,
    ("/papers", views.home, "papers"),
    ("/papers/{paper}", views.paper, "paper"),
    ("/papers/{paper}/{date}", views.issue, "issue"),
    (PAGE, views.page, "page"),
    (PAGE + "/source", views.source, "source"),
    (PAGE + "/report/{item}", views.report, "report"),
    (PAGE + "/{article_id}/story", views.story, "story"),
    (PAGE + "/{article_id}", views.article, "article"),
]
"""Path, view and name of every page but the home page, in matching order."""


def _as_json(endpoint: Endpoint) -> Endpoint:
    """The view answering in JSON whatever the ``Accept`` header says."""

    async def json_endpoint(request: Request) -> Response:
        request.state.json = True
        return await endpoint(request)

    json_endpoint.__doc__ = endpoint.__doc__
    return json_endpoint


def routes() -> list[BaseRoute]:
    """Each page at its path and, matched first, at its path plus ``.json``."""
    out: list[BaseRoute] = [
        Route("/", views.home, name="home"),
        Route("/index" + JSON_SUFFIX, _as_json(views.home), name="home-json"),
    ]
    for path, view, name in ROUTES:
        out.append(Route(path + JSON_SUFFIX, _as_json(view), name=f"{name}-json"))
        out.append(Route(path, view, name=name))
    out.append(Mount("/static", StaticFiles(packages=[("banmian.web", "static")]), name="static"))
    return out


def _environment() -> jinja2.Environment:
    """Templates from the package, every value escaped unless a template says otherwise."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("banmian.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["kinds"] = KINDS
    env.globals["version"] = __version__
    return env


def _common(request: Request) -> dict[str, Any]:
    """What every template sees: the URL builder."""
    return {"links": Links(request.scope.get("root_path", ""))}


def create_app(reader: ArchiveReader, *, debug: bool = False) -> Starlette:
    """The reader over an archive. The caller owns ``reader`` and closes it."""
    app = Starlette(
        debug=debug,
        routes=routes(),
        middleware=[Middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)],
        exception_handlers={
            WebError: web_error_handler,
            HTTPException: http_error_handler,
            Exception: server_error_handler,
        },
    )
    app.state.reader = reader
    app.state.templates = Jinja2Templates(env=_environment(), context_processors=[_common])
    return app
