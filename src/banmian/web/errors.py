"""One error shape for the reader: ``{"error": {"status", "code", "message"}}`` in JSON, an
error page in HTML. Not-found, bad requests, bad queries, wrong methods and the reader's own
bugs all come out through here.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from banmian.web.negotiate import respond
from banmian.web.urls import JSON_SUFFIX

log = logging.getLogger("banmian.web")

CODES = {
    400: "bad-request",
    404: "not-found",
    405: "method-not-allowed",
    500: "internal-error",
}
"""The ``code`` of an error by HTTP status, unless the error names its own."""

TITLES = {
    400: "请求有误 Bad request",
    404: "未找到 Not found",
    405: "不允许的方法 Method not allowed",
    500: "内部错误 Internal error",
}
"""Headings of the HTML error pages."""


class WebError(Exception):
    """An error the reader answers with a status, a code and a message meant for the user."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message


class NotFound(WebError):
    """Nothing is held at this URL (no such paper, issue, page, article or item)."""

    def __init__(self, message: str) -> None:
        super().__init__(404, message)


class BadRequest(WebError):
    """A query parameter cannot be used (a date that is no date, a page that is no number)."""

    def __init__(self, message: str, code: str = "bad-request") -> None:
        super().__init__(400, message, code)


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The JSON error shape."""
    return {"error": {"status": status, "code": code, "message": message}}


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    """The error as JSON or as an HTML page, as the request prefers."""
    context = {"status": status, "title": TITLES.get(status, str(status)), "message": message}
    response = respond(
        request, "error.html", context, error_body(status, code, message), status=status
    )
    if status == 405:
        response.headers["Allow"] = "GET, HEAD"
    return response


async def web_error_handler(request: Request, exc: Exception) -> Response:
    """A ``WebError`` raised by a view."""
    assert isinstance(exc, WebError)
    return error_response(request, exc.status, exc.code, exc.message)


async def http_error_handler(request: Request, exc: Exception) -> Response:
    """Starlette's own errors: no route (404), a method other than GET or HEAD (405)."""
    assert isinstance(exc, HTTPException)
    if request.scope["path"].endswith(JSON_SUFFIX):
        request.state.json = True  # no view ran to say so
    status = exc.status_code
    messages = {
        404: f"nothing is held at {request.url.path}",
        405: f"the reader is read-only: {request.method} is not allowed, only GET and HEAD",
    }
    message = messages.get(status, str(exc.detail))
    return error_response(request, status, CODES.get(status, "error"), message)


async def server_error_handler(request: Request, exc: Exception) -> Response:
    """Any other exception is the reader's bug: logged with its traceback, shown briefly."""
    log.exception("error while serving %s", request.url.path, exc_info=exc)
    message = f"the reader failed on this page ({type(exc).__name__}); the error is logged"
    return error_response(request, 500, CODES[500], message)
