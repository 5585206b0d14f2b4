"""HTML or JSON from one view: the ``.json`` suffix or the ``Accept`` header decides.

A view builds its data once and hands it here with the template that shows it; browsers
get the page, clients asking for JSON (``/papers.json``, ``Accept: application/json``) get
the data.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

JSON_MEDIA_TYPE = "application/json"
HTML_MEDIA_TYPE = "text/html"


class JSONResponse(Response):
    """JSON with Chinese characters kept as they are (UTF-8), compact."""

    media_type = JSON_MEDIA_TYPE

    def render(self, content: Any) -> bytes:
        """Serialize the content."""
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _quality(accept: str, media_type: str) -> float:
    """The q-value the ``Accept`` header gives a media type (exact or ``type/*`` match)."""
    best = -1.0
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        kind = fields[0].lower()
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if kind == media_type or kind == media_type.split("/")[0] + "/*":
            best = max(best, q)
    return best


def wants_json(request: Request) -> bool:
    """Whether to answer in JSON: a ``.json`` URL, or ``Accept`` preferring JSON to HTML."""
    if getattr(request.state, "json", False):
        return True
    accept = request.headers.get("accept", "")
    json_q = _quality(accept, JSON_MEDIA_TYPE)
    return json_q > 0 and json_q > _quality(accept, HTML_MEDIA_TYPE)


def respond(
    request: Request,
    template: str,
    context: dict[str, Any],
    data: dict[str, Any],
    *,
    status: int = 200,
) -> Response:
    """The page as HTML (``template`` with ``context``) or as JSON (``data``)."""
    headers = {"Vary": "Accept"}
    if wants_json(request):
        return JSONResponse(data, status_code=status, headers=headers)
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(
        request,
        template,
        {**context, "json_url": _json_url(request)},
        status_code=status,
        headers=headers,
    )
    return response


def _json_url(request: Request) -> str:
    """This page's JSON URL, query string kept."""
    path = quote(request.scope["path"], safe="/")
    path = path + "index" if path.endswith("/") else path
    query = request.url.query
    return path + ".json" + (f"?{query}" if query else "")
