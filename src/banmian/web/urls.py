"""The reader's stable URLs, built in one place with every path segment percent-encoded.

``/papers/无锡日报/2022-12-10/2/a3`` is served as ``/papers/%E6%97%A0…/2022-12-10/2/a3``;
browsers show it decoded. Any page is also JSON with ``.json`` after its path (the home page
as ``/index.json``).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

JSON_SUFFIX = ".json"

ENTITY_PATHS = {"person": "people", "organization": "organizations", "place": "places"}
"""The path under which each entity type's pages stand (``/people/朱爱勋``)."""


def _seg(value: str | int) -> str:
    """One path segment, percent-encoded (``/`` included)."""
    return quote(str(value), safe="")


class Links:
    """URL builder for one request (it knows the app's root path when mounted below ``/``)."""

    def __init__(self, root: str = "") -> None:
        self.root = root.rstrip("/")

    def home(self) -> str:
        """The papers list, with the search box."""
        return f"{self.root}/"

    def paper(self, paper: str) -> str:
        """A paper's issues (calendar)."""
        return f"{self.root}/papers/{_seg(paper)}"

    def issue(self, paper: str, date: str) -> str:
        """An issue's pages."""
        return f"{self.paper(paper)}/{_seg(date)}"

    def page(self, paper: str, date: str, number: int) -> str:
        """A page's articles."""
        return f"{self.issue(paper, date)}/{number}"

    def source(self, paper: str, date: str, number: int, item: str | None = None) -> str:
        """The page view: raw text beside the reconstruction (``item``: an anchor in it)."""
        url = f"{self.page(paper, date, number)}/source"
        return f"{url}#{_seg(item)}" if item else url

    def article(self, paper: str, date: str, number: int, article_id: str) -> str:
        """One article."""
        return f"{self.page(paper, date, number)}/{_seg(article_id)}"

    def story(self, paper: str, date: str, number: int, article_id: str) -> str:
        """The whole story a page article is part of, every part one after another."""
        return f"{self.article(paper, date, number, article_id)}/story"

    def report(self, paper: str, date: str, number: int, item: str) -> str:
        """The "report a problem" page for one item of the page view."""
        return f"{self.page(paper, date, number)}/report/{_seg(item)}"

    def entities(self, type_: str, **params: str | int | None) -> str:
        """The index of one type of entity (``/people``), with query parameters."""
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return f"{self.root}/{ENTITY_PATHS[type_]}" + (f"?{query}" if query else "")

    def entity(self, type_: str, key: str, **params: str | int | None) -> str:
        """One entity's page: every article naming it (``/people/朱爱勋``)."""
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return f"{self.root}/{ENTITY_PATHS[type_]}/{_seg(key)}" + (f"?{query}" if query else "")

    def search(self, **params: str | int | None) -> str:
        """The search page with these query parameters (empty ones left out)."""
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return f"{self.root}/search" + (f"?{query}" if query else "")

    def static(self, name: str) -> str:
        """A static file (the style sheet, the page view's script)."""
        return f"{self.root}/static/{name}"

    @staticmethod
    def as_json(url: str) -> str:
        """The JSON form of a page's URL (``.json`` before any query string or anchor)."""
        cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
        path, rest = url[:cut], url[cut:]
        path = path + "index" if path.endswith("/") else path
        return path + JSON_SUFFIX + rest
