"""Whole issues: the pages of one issue, with articles linked across pages by their jumps.

``link_issue(pages)`` links each article ending with 下转第N版 to the one on page N that
opens with 上接, confirmed by the repeated title (``banmian.issue.link``); the result is an
``Issue`` (``banmian.issue.model``), serialized by ``ISSUE_SERIALIZERS`` as JSON (schema
``banmian.issue`` v1), Markdown or text. ``issue_files(folder)`` lists an issue folder's
pages.
"""

from __future__ import annotations

from banmian.issue.files import issue_files
from banmian.issue.link import link_issue, linked_article
from banmian.issue.model import (
    ISSUE_SCHEMA_NAME,
    ISSUE_SCHEMA_VERSION,
    ArticlePart,
    ArticleRef,
    ContinuationLink,
    Issue,
    IssueArticle,
    IssueWarning,
    LinkBasis,
)
from banmian.issue.serialize import ISSUE_SERIALIZERS, issue_to_dict, issue_to_json

__all__ = [
    "ISSUE_SCHEMA_NAME",
    "ISSUE_SCHEMA_VERSION",
    "ISSUE_SERIALIZERS",
    "ArticlePart",
    "ArticleRef",
    "ContinuationLink",
    "Issue",
    "IssueArticle",
    "IssueWarning",
    "LinkBasis",
    "issue_files",
    "issue_to_dict",
    "issue_to_json",
    "link_issue",
    "linked_article",
]
