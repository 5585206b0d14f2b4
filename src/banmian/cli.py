"""The ``banmian`` command: a thin click layer over the library.

Commands do nothing but read their arguments, call the library and write its result.
Errors are turned into messages in one place, ``BanmianGroup.invoke``: a ``BanmianError``
becomes one line ``banmian: error: …`` on stderr and the error's exit code; any other
exception becomes one such line and exit code 1, with the traceback only under ``--debug``.
``banmian parse`` reports a bad page the same way and goes on with the next one.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from banmian import __version__
from banmian.errors import BanmianError, UsageError
from banmian.model import Page

if TYPE_CHECKING:
    from banmian.archive import Archive
    from banmian.archive.records import SearchResult
from banmian.names import parse_page_name
from banmian.pipeline import parse_bytes
from banmian.read import check_encoding, is_pdf, read_path, read_stream
from banmian.serialize import SERIALIZERS

F = TypeVar("F", bound=Callable[..., Any])

STDIN = "-"
"""The PAGE argument that stands for standard input."""

PAGE_SEPARATORS = {"json": ",\n", "markdown": "\n---\n\n", "text": "\f\n"}
"""What stands between two pages in each output format (JSON: inside an array)."""


def describe_error(err: Exception, *, debug: bool = False) -> tuple[str, int]:
    """One line saying what went wrong, and the exit code that goes with it."""
    if isinstance(err, BanmianError):
        message, code = str(err), err.exit_code
    elif isinstance(err, OSError) and err.strerror:
        where = f"{err.filename}: " if err.filename else ""
        message, code = f"{where}{err.strerror}", 1
    else:
        hint = "" if debug else " (run 'banmian --debug …' for the traceback)"
        message, code = f"unexpected {type(err).__name__}: {err}{hint}", 1
    return " ".join(message.split()), code


def is_debug() -> bool:
    """Whether ``--debug`` was given to the ``banmian`` group."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug"))


class BanmianGroup(click.Group):
    """The command group; the one place where errors become messages."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, turning library errors into one-line messages."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise  # click prints these itself (and leaves quietly on a closed pipe)
        except Exception as err:
            debug = bool(ctx.params.get("debug"))
            if debug:
                traceback.print_exc()
            message, code = describe_error(err, debug=debug)
            click.echo(f"banmian: error: {message}", err=True)
            raise click.exceptions.Exit(code) from err


# Shared options -------------------------------------------------------------------------


def format_option(*choices: str, default: str) -> Callable[[F], F]:
    """``--format``/``-f``, one of ``choices``."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def encoding_option(func: F) -> F:
    """``--encoding``: force the input's encoding instead of detecting it."""
    return click.option(
        "--encoding",
        metavar="ENC",
        callback=_check_encoding,
        help="Read the input in this encoding (e.g. gb18030, utf-16) instead of detecting it.",
    )(func)


def output_option(func: F) -> F:
    """``--output``/``-o``: where to write (stdout by default)."""
    return click.option(
        "-o",
        "--output",
        metavar="OUT",
        default=STDIN,
        type=click.Path(dir_okay=False, allow_dash=True),
        help="Write to this file instead of stdout.",
    )(func)


def page_options(page_help: str) -> Callable[[F], F]:
    """``--paper``, ``--date``, ``--page``: what paper, issue and page the input is."""

    def decorate(func: F) -> F:
        func = click.option(
            "--page", "page_number", metavar="N", type=click.IntRange(min=1), help=page_help
        )(func)
        func = click.option(
            "--date",
            metavar="YYYY-MM-DD",
            callback=_check_date,
            help="Issue date (default: from the file name).",
        )(func)
        return click.option(
            "--paper", metavar="NAME", help="Newspaper name (default: from the file name)."
        )(func)

    return decorate


def filter_options(paper_help: str, *, page: bool = True) -> Callable[[F], F]:
    """``--paper``, ``--from``, ``--to`` (and ``--page``): which articles of the archive."""

    def decorate(func: F) -> F:
        if page:
            func = click.option(
                "--page",
                "page_number",
                metavar="N",
                type=click.IntRange(min=1),
                help="Only page N.",
            )(func)
        for name, dest, help_text in (
            ("--to", "date_to", "Issues up to this date."),
            ("--from", "date_from", "Issues from this date."),
        ):
            func = click.option(
                name, dest, metavar="YYYY-MM-DD", callback=_check_date, help=help_text
            )(func)
        return click.option("--paper", metavar="NAME", help=paper_help)(func)

    return decorate


DEFAULT_DB = "banmian.db"
"""The archive used when neither ``--db`` nor ``$BANMIAN_DB`` names one."""


def db_option(func: F) -> F:
    """``--db``: the archive, an SQLite file or a PostgreSQL URL (``$BANMIAN_DB``, else
    ``./banmian.db``)."""
    return click.option(
        "--db",
        metavar="PATH|URL",
        envvar="BANMIAN_DB",
        default=DEFAULT_DB,
        show_default=True,
        help="The archive: an SQLite file or a postgresql://user:password@host/db URL; "
        "default $BANMIAN_DB, else ./banmian.db.",
    )(func)


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse an unknown encoding once, before any page is read (exit code 2)."""
    return None if value is None else check_encoding(value)


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Accept an ISO calendar date only."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


# Commands -------------------------------------------------------------------------------


@click.group(cls=BanmianGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="banmian")
@click.option(
    "--debug",
    is_flag=True,
    envvar="BANMIAN_DEBUG",
    help="Show the traceback of unexpected errors.",
)
def cli(debug: bool) -> None:
    """banmian (版面): reconstruct the articles of Chinese newspaper pages from their text."""


@cli.command()
@click.argument("pages", nargs=-1, metavar="PAGE...")
@format_option(*SERIALIZERS, default="json")
@page_options("Page number (default: from the file name).")
@encoding_option
@click.option(
    "--fold-width",
    is_flag=True,
    help="Fold full-width digits and letters (１２月 → 12月) in the output text.",
)
@click.option(
    "--enrich",
    is_flag=True,
    help="Also find people (with titles), organizations, places, dates, sums and quantities.",
)
@click.option(
    "--issue",
    "issue_dir",
    metavar="DIR",
    help="Parse every page (*.txt, *.pdf) in DIR as one issue, linking continued articles "
    "across pages (instead of PAGE...).",
)
@output_option
def parse(
    pages: tuple[str, ...],
    fmt: str,
    paper: str | None,
    date: str | None,
    page_number: int | None,
    encoding: str | None,
    fold_width: bool,
    enrich: bool,
    issue_dir: str | None,
    output: str,
) -> None:
    """Parse newspaper pages (text or PDF files; - for stdin) into articles.

    One PAGE gives one page object (JSON) or document; several, or a PDF of several
    pages, give a JSON array of page objects, or documents one after another. A PDF is
    read from its text layer by layout (columns, reading order, type sizes). Paper, date
    and page come from file names following the pattern {paper}_{YYYY-MM-DD}_{page}.txt
    unless given as options; a PDF's pages count on from its page number.
    A page that cannot be read is reported on stderr and skipped; the exit code is then 1.
    With --enrich, each article lists its mentions; relative dates (昨天, 今年) resolve
    against the issue date, so give --date or a dated file name.
    With --issue DIR, the pages of one issue are parsed together and an article that
    jumps (下转第3版 … 上接第1版) is one article of several parts: one issue object
    (JSON schema banmian.issue) or document; markers left unmatched are warnings.
    """
    if issue_dir is not None:
        if pages or page_number is not None or enrich:
            raise UsageError("--issue DIR reads the pages of DIR: no PAGE, --page or --enrich")
        failed = _parse_issue(
            issue_dir,
            fmt=fmt,
            paper=paper,
            date=date,
            encoding=encoding,
            fold_width=fold_width,
            output=output,
        )
        if failed:
            raise click.exceptions.Exit(failed)
        return
    if not pages:
        raise UsageError("give the pages to parse (PAGE...), or --issue DIR")
    failed = 0
    with PageWriter(output, fmt, as_array=len(pages) > 1) as writer:
        for source in pages:
            try:
                results = _parse_one(
                    source,
                    paper=paper,
                    date=date,
                    page=page_number,
                    encoding=encoding,
                    fold_width=fold_width,
                )
            except Exception as err:
                failed = max(failed, _report_page_error(source, err))
                continue
            if len(results) > 1 and writer.count == 0:
                writer.as_array = True  # a PDF of several pages: one page object each
            for label, page in results:
                if isinstance(page, BanmianError):
                    failed = max(failed, _report_page_error(label, page))
                    continue
                if enrich:
                    from banmian.enrich import enrich as enrich_page

                    enrich_page(page)
                for warning in page.warnings:
                    if warning.code in LOUD_WARNINGS:
                        click.echo(f"banmian: warning: {label}: {warning.message}", err=True)
                writer.write(page)
    if failed:
        raise click.exceptions.Exit(failed)


LOUD_WARNINGS = frozenset({"no-newspaper-structure", "no-issue-date"})
"""Page warnings worth a line on stderr; the others stay in the output's ``warnings``."""


def _parse_issue(
    folder: str,
    *,
    fmt: str,
    paper: str | None,
    date: str | None,
    encoding: str | None,
    fold_width: bool,
    output: str,
) -> int:
    """Parse an issue folder's pages, link them and write the issue; return the exit code.

    A page that fails is reported and left out; the others are still linked and written.
    """
    from banmian.issue import ISSUE_SERIALIZERS, issue_files, link_issue

    failed = 0
    parsed: list[Page] = []
    for path in issue_files(folder):
        try:
            results = _parse_one(
                str(path),
                paper=paper,
                date=date,
                page=None,
                encoding=encoding,
                fold_width=fold_width,
            )
        except Exception as err:
            failed = max(failed, _report_page_error(str(path), err))
            continue
        for label, page in results:
            if isinstance(page, BanmianError):
                failed = max(failed, _report_page_error(label, page))
            else:
                parsed.append(page)
    if not parsed:
        return failed or 1
    issue = link_issue(parsed)
    for warning in issue.warnings:
        click.echo(f"banmian: warning: {folder}: {warning.message}", err=True)
    text = ISSUE_SERIALIZERS[fmt](issue)
    if output == STDIN:
        _emit(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
    return failed


def _report_page_error(source: str, err: Exception) -> int:
    """Print one line about a page that failed; return the exit code it calls for."""
    debug = is_debug()
    if debug and not isinstance(err, BanmianError):
        traceback.print_exc()
    if isinstance(err, OSError) and err.strerror:
        message, code = err.strerror, 1  # the file is named in front already
    else:
        message, code = describe_error(err, debug=debug)
    click.echo(f"banmian: error: {_display(source)}: {message}", err=True)
    return code


def _parse_one(
    source: str,
    *,
    paper: str | None,
    date: str | None,
    page: int | None,
    encoding: str | None,
    fold_width: bool = False,
) -> list[tuple[str, Page | BanmianError]]:
    """Read one PAGE argument and parse it, the file name filling in missing metadata.

    A text file gives one page; a PDF one per page, each named ``FILE page N`` in
    messages when there are several, a page that failed (a scanned one) as its error.
    """
    if source == STDIN:
        data = read_stream(sys.stdin.buffer)
    else:
        data = read_path(source)
        named = parse_page_name(source)
        if named is not None:
            paper = paper if paper is not None else named.paper
            date = date if date is not None else named.date
            page = page if page is not None else named.page
    if is_pdf(data):
        from banmian.pdf import parse_pdf

        results = list(parse_pdf(data, paper=paper, date=date, page=page, fold_width=fold_width))
        several = len(results) > 1
        return [
            (
                f"{_display(source)} page {r.number}" if several else _display(source),
                r.page if r.page is not None else r.error or BanmianError("no page"),
            )
            for r in results
        ]
    parsed = parse_bytes(
        data, encoding=encoding, paper=paper, date=date, page=page, fold_width=fold_width
    )
    return [(_display(source), parsed)]


def _display(source: str) -> str:
    """How a PAGE argument is named in messages."""
    return "<stdin>" if source == STDIN else source


@cli.command("pdf2text")
@click.argument("pdf", metavar="PDF")
@output_option
def pdf2text(pdf: str, output: str) -> None:
    """Dump a PDF's text in drawing order, as text extraction tools do.

    One line per printed line in the order the PDF draws them, a blank line where a line
    does not continue the one before, spaces at wide gaps, a form feed between pages:
    the input the text path was made for (banmian pdf2text page.pdf | banmian parse -).
    """
    from banmian.pdf import pdf_to_text

    data = read_stream(sys.stdin.buffer) if pdf == STDIN else Path(pdf).read_bytes()
    if not is_pdf(data):
        raise UsageError(f"{_display(pdf)} is not a PDF file")
    text = pdf_to_text(data)
    if output == STDIN:
        _emit(text)
    else:
        Path(output).write_text(text, encoding="utf-8")


class PageWriter:
    """Writes serialized pages as they come: one document, or several in sequence.

    Nothing is opened until the first page arrives, so a run in which every page fails
    leaves no empty output file behind.
    """

    def __init__(self, output: str, fmt: str, *, as_array: bool) -> None:
        self.output = output
        self.fmt = fmt
        self.as_array = as_array
        self.serialize = SERIALIZERS[fmt]
        self.count = 0
        self._stream: IO[bytes] | None = None

    def __enter__(self) -> PageWriter:
        """Use as a context manager, closing the output at the end."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the output (and a JSON array)."""
        self.close()

    def _put(self, text: str) -> None:
        """Write text, opening the output on first use."""
        if self._stream is None:
            self._stream = self._open()
        self._stream.write(text.encode("utf-8"))

    def _open(self) -> IO[bytes]:
        """The output stream: stdout's bytes, or the file, created now."""
        if self.output == STDIN:
            return sys.stdout.buffer
        return Path(self.output).open("wb")  # closed in close()

    def write(self, page: Page) -> None:
        """Serialize one page and write it."""
        text = self.serialize(page)
        if self.fmt == "json" and self.as_array:
            # JSON strings escape their newlines, so indenting every line is safe.
            text = "  " + text.rstrip("\n").replace("\n", "\n  ")
            text = ("[\n" if self.count == 0 else PAGE_SEPARATORS["json"]) + text
        elif self.count:
            text = PAGE_SEPARATORS[self.fmt] + text
        self._put(text)
        self.count += 1

    def close(self) -> None:
        """Close a JSON array if one was opened, then the output."""
        if self._stream is None:
            return
        if self.fmt == "json" and self.as_array:
            self._stream.write(b"\n]\n")
        self._stream.flush()
        if self.output != STDIN:
            self._stream.close()
        self._stream = None


@cli.command("eval")
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    metavar="GOLD_OR_DIR...",
    type=click.Path(exists=True, path_type=Path),
)
@format_option("text", "json", default="text")
@click.option(
    "-v", "--verbose", is_flag=True, help="With text output, list the articles not found exactly."
)
def eval_command(paths: tuple[Path, ...], fmt: str, verbose: bool) -> None:
    """Score the parser against gold annotations (*.gold.json files, or folders of them).

    Each gold file names its page's text; the page is parsed and its articles are matched
    with the gold ones. Prints micro-averaged metrics over all gold articles, then one row
    per page.
    """
    from banmian.evaluate import evaluate_paths

    report = evaluate_paths(list(paths))
    _emit(_as_json(report.to_dict()) if fmt == "json" else report.to_text(verbose=verbose))


@cli.command()
@click.option(
    "--generated",
    metavar="N",
    type=click.IntRange(min=0),
    help="How many synthetic pages to generate and time (default: the benchmark's own).",
)
@click.option(
    "--repeat",
    metavar="R",
    type=click.IntRange(min=1),
    help="How many times to time each page (default: the benchmark's own).",
)
@click.option(
    "--archive",
    "archive_bench",
    is_flag=True,
    help="Time ingest and search on an archive of generated pages instead.",
)
@click.option(
    "--pdf",
    "pdf_bench",
    is_flag=True,
    help="Time reading generated PDF pages end to end instead: extraction, layout, parsing.",
)
@click.option(
    "--pages",
    metavar="N",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="With --archive: how many generated pages to ingest.",
)
@click.option(
    "--queries",
    metavar="Q",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="With --archive: how many searches to time.",
)
@click.option(
    "--keep",
    metavar="PATH",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --archive: build the archive in this new file and keep it (default: a "
    "temporary file).",
)
@format_option("text", "json", default="text")
def bench(
    generated: int | None,
    repeat: int | None,
    archive_bench: bool,
    pdf_bench: bool,
    pages: int,
    queries: int,
    keep: Path | None,
    fmt: str,
) -> None:
    """Time the parser on the bundled pages and on generated ones.

    With --archive, time instead ingest (pages per second) and search (median and 95th
    percentile latency) on an archive of generated pages. With --pdf, time reading
    generated PDF pages (--generated of them): text-layer extraction, layout, parsing.
    """
    if pdf_bench:
        from banmian.pdfgen.bench import run_pdf_benchmark

        pdf_report = run_pdf_benchmark(
            pages=20 if generated is None else generated, repeat=3 if repeat is None else repeat
        )
        _emit(_as_json(pdf_report.to_dict()) if fmt == "json" else pdf_report.to_text())
        return
    if archive_bench:
        from banmian.archive.bench import run_archive_benchmark

        report = run_archive_benchmark(pages=pages, queries=queries, db=keep)
        _emit(_as_json(report.to_dict()) if fmt == "json" else report.to_text())
        return
    from banmian.bench import run_benchmark

    result = run_benchmark(
        generated=300 if generated is None else generated,
        repeat=5 if repeat is None else repeat,
    )
    _emit(_as_json(result.to_dict()) if fmt == "json" else result.to_text())


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PAGE_OR_DIR...")
@db_option
@page_options("Page number (default: from the file name); with one page only.")
@encoding_option
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr (default: when stderr is a terminal).",
)
@click.option(
    "--optimize",
    is_flag=True,
    help="Then merge the search index for faster searches (after a large batch).",
)
@click.option(
    "--enrich/--no-enrich",
    default=True,
    show_default=True,
    help="Find people, organizations, places, dates and sums in the articles and store them.",
)
def ingest(
    paths: tuple[str, ...],
    db: str,
    paper: str | None,
    date: str | None,
    page_number: int | None,
    encoding: str | None,
    progress: bool | None,
    optimize: bool,
    enrich: bool,
) -> None:
    """Parse and enrich pages and store them in the archive (folders: every *.txt under them).

    Paper, date and page come from file names following the pattern
    {paper}_{YYYY-MM-DD}_{page}.txt unless given as options. A page already held with the
    same text is left alone (unless it was stored with --no-enrich: it is enriched now);
    with other text it is replaced. A page that cannot be stored is reported on stderr and
    the others go on; the exit code is then 1. The last line counts what became of the
    pages.
    """
    from banmian.archive import open_archive
    from banmian.archive.ingest import Summary, find_pages, ingest_one

    sources = find_pages(paths)
    if page_number is not None and len(sources) > 1:
        raise UsageError(f"--page names one page, but {len(sources)} pages were given")
    if sources.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    show = sys.stderr.isatty() if progress is None else progress
    summary = Summary.of([])
    failed = 0
    with (
        open_archive(db) as archive,
        click.progressbar(
            sources, label="ingesting", file=sys.stderr, show_pos=True, hidden=not show
        ) as bar,
    ):
        for source in bar:
            outcome = ingest_one(
                archive,
                source,
                paper=paper,
                date=date,
                page=page_number,
                encoding=encoding,
                enrich=enrich,
            )
            summary.add(outcome)
            if outcome.error is not None:
                failed = max(failed, _report_page_error(source, outcome.error))
        if optimize:
            archive.optimize()
    click.echo(summary.line())
    if failed:
        raise click.exceptions.Exit(failed)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--out",
    metavar="DIR",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder; an earlier run's folder is resumed.",
)
@click.option(
    "--workers",
    metavar="N",
    type=click.IntRange(min=1),
    help="Worker processes of the local cluster (default: one per core).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Run on this Dask scheduler's workers instead of a local cluster.",
)
@click.option(
    "--enrich",
    is_flag=True,
    help="Also find people, organizations, places, dates, sums and quantities (mentions).",
)
@click.option(
    "--format",
    "formats",
    metavar="parquet,jsonl",
    default="parquet,jsonl",
    show_default=True,
    help="Output formats, separated by commas.",
)
@click.option(
    "--partition-size",
    metavar="N",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Pages per partition (one file in each format).",
)
@click.option(
    "--progress/--no-progress",
    default=True,
    help="Show pages done, rate and time left on stderr (default: shown).",
)
def batch(
    inputs: tuple[str, ...],
    out: Path,
    workers: int | None,
    scheduler: str | None,
    enrich: bool,
    formats: str,
    partition_size: int,
    progress: bool,
) -> None:
    """Parse any number of pages on a Dask cluster into Parquet and JSONL, an article a row.

    INPUT: folders (every *.txt under them), page files, or glob patterns in quotes
    ('pages/**/*.txt'). Paper, date and page come from file names. Run again with the
    same --out to resume: pages already written (by content hash) are skipped. A page that
    fails is listed in DIR/quarantine.jsonl and the others go on; the exit code is then 1.
    """
    from banmian.batch import parse_formats, run_batch

    report = run_batch(
        inputs,
        out,
        workers=workers,
        scheduler=scheduler,
        enrich=enrich,
        formats=parse_formats(formats),
        partition_size=partition_size,
        progress=progress,
    )
    click.echo(report.line())
    if report.failed or report.lost:
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("query", nargs=-1, required=True, metavar="QUERY...")
@db_option
@filter_options("Only this newspaper.")
@click.option(
    "--limit",
    metavar="N",
    type=click.IntRange(1, 1000),
    default=20,
    show_default=True,
    help="How many hits to show.",
)
@click.option(
    "--offset",
    metavar="N",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Skip this many hits first (for paging).",
)
@format_option("text", "json", default="text")
def search(
    query: tuple[str, ...],
    db: str,
    paper: str | None,
    date_from: str | None,
    date_to: str | None,
    page_number: int | None,
    limit: int,
    offset: int,
    fmt: str,
) -> None:
    """Search the archive's articles; Chinese words of any length are found.

    QUERY: words (all must be there), "quoted phrases", OR, NOT or a leading - to exclude,
    parentheses; the words given are joined by spaces. Put -- before a query that starts
    with -. Hits come best first, with a snippet around the first match.
    """
    from banmian.archive import SearchQuery, open_archive

    request = SearchQuery(
        text=" ".join(query),
        paper=paper,
        date_from=date_from,
        date_to=date_to,
        page=page_number,
        limit=limit,
        offset=offset,
    )
    with open_archive(db, readonly=True) as archive:
        result = archive.search(request)
    if fmt == "json":
        _emit(_as_json(_search_json(result)))
    else:
        _emit(_search_text(result, color=sys.stdout.isatty()))


def _search_json(result: SearchResult) -> dict[str, Any]:
    """A search result as JSON-ready data."""
    q = result.query
    return {
        "query": q.text,
        "filters": {"paper": q.paper, "from": q.date_from, "to": q.date_to, "page": q.page},
        "total": result.total,
        "offset": q.offset,
        "limit": q.limit,
        "hits": [
            {
                "paper": h.paper,
                "date": h.date,
                "page": h.page,
                "article_id": h.article_id,
                "title": h.title,
                "score": h.score,
                "snippet": [{"text": text, "highlight": hot} for text, hot in h.snippet],
                "story": [{"page": p, "article": a} for p, a in h.story] or None,
            }
            for h in result.hits
        ],
    }


def _search_text(result: SearchResult, *, color: bool) -> str:
    """A search result for people: a count, then each hit with its snippet (and, for a part
    of an article continued across pages, all its parts).

    Matches are bold on a terminal and in [brackets] elsewhere.
    """
    q = result.query
    first, last = q.offset + 1, q.offset + len(result.hits)
    shown = f", {first}-{last} shown" if result.hits else ""
    noun = "article" if result.total == 1 else "articles"
    lines = [f"{result.total} {noun} match {q.text}{shown}"]
    for n, hit in enumerate(result.hits, start=first):
        title = hit.title or "(untitled)"
        lines.append(f"{n}. {hit.paper} {hit.date} p{hit.page} {hit.article_id}  {title}")
        pieces = [
            (click.style(text, bold=True, fg="red") if color else f"[{text}]") if hot else text
            for text, hot in hit.snippet
        ]
        if pieces:
            lines.append("   " + "".join(pieces))
        if hit.story:
            parts = " → ".join(f"p{p} {a}" for p, a in hit.story)
            lines.append(f"   continued across pages, the whole story: {parts}")
    return "\n".join(lines)


ENTITY_TYPE_CHOICES = ("person", "organization", "place")
"""What ``banmian entities --type`` takes (``banmian.archive.records.ENTITY_TYPES``)."""


@cli.command()
@db_option
@click.option(
    "--type",
    "types",
    type=click.Choice(ENTITY_TYPE_CHOICES),
    multiple=True,
    help="Only entities of this type (repeatable; default: all three).",
)
@click.option(
    "--name",
    metavar="TEXT",
    help="List every appearance of this entity: a person's name, a place's full name "
    "(江苏省无锡市锡山区, or the end of it: 锡山区), an organization as printed.",
)
@filter_options("Only articles of this newspaper.", page=False)
@click.option(
    "--limit",
    metavar="N",
    type=click.IntRange(min=1),
    help="At most N rows (per type without --name; default: all).",
)
@format_option("text", "csv", "json", default="text")
def entities(
    db: str,
    types: tuple[str, ...],
    name: str | None,
    paper: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Export the people, organizations and places found in the archive's articles.

    Without --name: each entity with the number of articles naming it, the first and last
    issue date and, for people, the titles printed with them (most articles first). With
    --name: every article naming that entity, latest first, with the title a person held
    then and whether they spoke or attended. Pages are enriched when ingested (unless
    --no-enrich was given).
    """
    from banmian.archive import open_archive
    from banmian.entity_export import APPEARANCE_FORMATS, ENTITY_FORMATS

    chosen = list(types) or list(ENTITY_TYPE_CHOICES)
    scope: dict[str, Any] = {"paper": paper, "date_from": date_from, "date_to": date_to}
    with open_archive(db, readonly=True) as archive:
        if name is None:
            found = [e for t in chosen for e in archive.entities(t, limit=limit, **scope)]
            _emit(ENTITY_FORMATS[fmt](found))
            return
        name = name.strip()
        seen = []
        for t in chosen:
            for key in _entity_keys(archive, t, name):
                seen += archive.appearances(t, key, limit=limit, **scope)
        seen.sort(key=lambda a: a.date, reverse=True)  # stable: each type's order kept
        _emit(APPEARANCE_FORMATS[fmt](seen[:limit] if limit else seen))


def _entity_keys(archive: Archive, type_: str, name: str) -> list[str]:
    """The keys ``--name`` stands for: itself when some article names it so; for places,
    else every full name ending in it (锡山区 → 江苏省无锡市锡山区)."""
    if archive.entity(type_, name) is not None or type_ != "place":
        return [name]
    return [e.key for e in archive.entities("place", limit=None) if e.key.endswith(name)]


@cli.command()
@db_option
@click.option(
    "--host",
    metavar="HOST",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (0.0.0.0: every one; the reader is read-only either way).",
)
@click.option(
    "--port",
    metavar="PORT",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
def serve(db: str, host: str, port: int) -> None:
    """Browse and search the archive in a web browser (read-only).

    Serves papers, issues (a calendar), pages, articles, search, and each page's raw text
    beside its reconstruction; every page also as JSON (its URL plus .json). Stop with
    Ctrl+C.
    """
    import uvicorn

    from banmian.archive import open_archive
    from banmian.archive.postgres import display_url
    from banmian.web import create_app

    with open_archive(db, readonly=True) as archive:
        papers = archive.papers()
        pages = sum(p.pages for p in papers)
        where = f"[{host}]" if ":" in host else host
        click.echo(
            f"banmian: serving {display_url(db)} ({len(papers)} papers, {pages} pages) "
            f"at http://{where}:{port}/ (Ctrl+C stops)",
            err=True,
        )
        uvicorn.run(create_app(archive), host=host, port=port, log_level="warning")


@cli.command()
@db_option
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "parquet", "csv", "markdown", "jsonld", "nitf"]),
    default="jsonl",
    show_default=True,
    help="jsonl, parquet, csv, markdown, jsonld (schema.org NewsArticle) or nitf (IPTC NITF).",
)
@filter_options("Only this newspaper.")
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    default="-",
    help="Write to this file (a folder for nitf) instead of stdout (parquet and nitf need one).",
)
@click.option(
    "--mentions/--no-mentions",
    default=True,
    show_default=True,
    help="Include what enrichment found in each article (people with titles, organizations, "
    "places, dates, sums), as ingest stored it.",
)
def export(
    db: str,
    fmt: str,
    paper: str | None,
    date_from: str | None,
    date_to: str | None,
    page_number: int | None,
    output: str,
    mentions: bool,
) -> None:
    """Export the archive's articles, one per row or record, page by page.

    Each article with its ids, paper, date, page, title group, dateline, byline, authors,
    text, paragraphs (with source spans), continuation pages and the mentions enrichment
    found (null for pages ingested with --no-enrich). The last line, on stderr, counts them.
    """
    import time

    from banmian.archive import open_archive
    from banmian.export import ExportFilters, export_archive

    filters = ExportFilters(paper, date_from, date_to, page_number)
    start = time.perf_counter()
    with open_archive(db, readonly=True) as archive:
        count = export_archive(archive, fmt, output, filters, mentions=mentions)
    seconds = time.perf_counter() - start
    where = "stdout" if output == "-" else output
    click.echo(f"exported {count} articles as {fmt} to {where} in {seconds:.1f} s", err=True)


def _as_json(data: Any) -> str:
    """A report's data as indented JSON, Chinese characters kept as they are."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def _emit(text: str) -> None:
    """Write a report to stdout in UTF-8, whatever the locale, ending in one newline."""
    sys.stdout.buffer.write((text.rstrip("\n") + "\n").encode("utf-8"))
    sys.stdout.buffer.flush()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``banmian`` script."""
    cli.main(args=argv, prog_name="banmian")


__all__ = ["BanmianGroup", "cli", "main"]
