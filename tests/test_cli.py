"""The ``banmian`` command: formats, stdin, -o, file-name metadata, one-line errors, docs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

import banmian.cli
from banmian import __version__
from banmian.cli import cli
from banmian.names import PageName, parse_page_name

NAMED = "无锡日报_2022-12-10_02.txt"


def run(*args: str | Path, input: bytes | str | None = None) -> Result:
    """Run ``banmian ARGS`` in-process."""
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def one_error_line(result: Result) -> str:
    """The single line of stderr, checked to be a banmian error without a traceback."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("banmian: error: "), lines[0]
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def named_page(tmp_path: Path, sample_path: Path) -> Path:
    """The sample page under a name that follows the file-name pattern."""
    path = tmp_path / NAMED
    shutil.copyfile(sample_path, path)
    return path


# parse: formats and inputs --------------------------------------------------------------


def test_parse_json_is_one_page_object(sample_path: Path) -> None:
    result = run("parse", sample_path)
    assert result.exit_code == 0, result.output
    page = json.loads(result.stdout)
    assert page["schema"] == "banmian.page"
    assert page["version"] == 1
    assert page["articles"]
    assert {"unassigned", "warnings", "paper", "date", "page"} <= set(page)
    assert result.stderr == ""


def test_parse_markdown(named_page: Path) -> None:
    result = run("parse", "--format", "markdown", named_page)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# 无锡日报 2022-12-10 第2版")
    assert "\n## " in result.stdout


def test_parse_text(sample_path: Path, sample_text: str) -> None:
    result = run("parse", "-f", "text", sample_path)
    assert result.exit_code == 0, result.output
    assert "锡引力" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_parse_stdin(encoding: str, sample_text: str) -> None:
    result = run("parse", "-", input=sample_text.encode(encoding))
    assert result.exit_code == 0, result.output
    page = json.loads(result.stdout)
    assert page["articles"]
    assert page["paper"] is None


def test_parse_forced_encoding(tmp_path: Path, sample_text: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(sample_text.encode("gbk"))
    assert run("parse", "--encoding", "gbk", path).exit_code == 0
    result = run("parse", "--encoding", "utf-8", path)
    assert result.exit_code == 1
    line = one_error_line(result)
    assert "utf-8" in line
    assert "offset" in line


def test_parse_output_file(tmp_path: Path, sample_path: Path) -> None:
    out = tmp_path / "page.md"
    result = run("parse", "-f", "markdown", "-o", out, sample_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "## " in out.read_text(encoding="utf-8")


def test_no_output_file_when_every_page_fails(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("parse", "-o", out, tmp_path / "missing.txt")
    assert result.exit_code == 1
    assert not out.exists()


def test_unwritable_output_is_one_line(tmp_path: Path, sample_path: Path) -> None:
    result = run("parse", "-o", tmp_path / "no" / "such" / "dir.json", sample_path)
    assert result.exit_code == 1
    assert "No such file or directory" in one_error_line(result)


# parse: file-name metadata --------------------------------------------------------------


def test_metadata_from_file_name(named_page: Path) -> None:
    page = json.loads(run("parse", named_page).stdout)
    assert (page["paper"], page["date"], page["page"]) == ("无锡日报", "2022-12-10", 2)


def test_options_override_file_name(named_page: Path) -> None:
    result = run("parse", "--paper", "人民日报", "--page", "5", named_page)
    page = json.loads(result.stdout)
    assert (page["paper"], page["date"], page["page"]) == ("人民日报", "2022-12-10", 5)


def test_metadata_options_without_pattern(sample_path: Path) -> None:
    result = run("parse", "--paper", "光明日报", "--date", "2023-01-02", "--page", "1", sample_path)
    page = json.loads(result.stdout)
    assert (page["paper"], page["date"], page["page"]) == ("光明日报", "2023-01-02", 1)


def test_no_metadata_from_other_names(sample_path: Path) -> None:
    page = json.loads(run("parse", sample_path).stdout)
    assert (page["paper"], page["date"], page["page"]) == (None, None, None)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("无锡日报_2022-12-10_02.txt", PageName("无锡日报", "2022-12-10", 2)),
        ("/some/dir/人民日报_2023-02-28_1.txt", PageName("人民日报", "2023-02-28", 1)),
        ("china_daily_2021-01-05_12.txt", PageName("china_daily", "2021-01-05", 12)),
        ("无锡日报_2022-12-10_02", PageName("无锡日报", "2022-12-10", 2)),
        ("000_288ad13e0e775b4e.txt", None),
        ("无锡日报_2022-13-10_02.txt", None),  # no 13th month
        ("无锡日报_2022-12-10_00.txt", None),  # no page 0
        ("无锡日报_20221210_02.txt", None),
        ("_2022-12-10_02.txt", None),
    ],
)
def test_parse_page_name(name: str, expected: PageName | None) -> None:
    assert parse_page_name(name) == expected


@pytest.mark.parametrize(
    "args", [["--date", "2022-12-32"], ["--date", "10/12/2022"], ["--page", "0"]]
)
def test_bad_metadata_options_are_usage_errors(args: list[str], sample_path: Path) -> None:
    result = run("parse", *args, sample_path)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# parse: several pages, bad pages --------------------------------------------------------


def test_several_pages_give_a_json_array(named_page: Path, sample_path: Path) -> None:
    result = run("parse", named_page, sample_path)
    assert result.exit_code == 0, result.output
    pages = json.loads(result.stdout)
    assert isinstance(pages, list)
    assert [p["paper"] for p in pages] == ["无锡日报", None]


def test_several_pages_as_text_are_separated_by_form_feeds(sample_path: Path) -> None:
    result = run("parse", "-f", "text", sample_path, sample_path)
    assert result.stdout.count("\f\n") == 1


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b" \n\n  \n", "whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
        (b"%PDF-1.4\n", "PDF"),
        (bytes(range(256)) * 8, "binary"),
        (bytes(range(0x80, 0x100)) * 4, "--encoding"),
    ],
)
def test_bad_file_is_one_line_and_exit_1(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run("parse", path)
    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(path) in line
    assert words in line
    assert result.stdout == ""


def test_fold_width(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "本报讯 ２０２３年，全县新建智慧\n农业应用基地２００个，带动农户增\n"
        "收超过１．２亿元。 （高明）\n\n智慧农业让种地更聪明\n",
        "utf-8",
    )
    kept = json.loads(run("parse", page).stdout)["articles"][0]["paragraphs"][0]["text"]
    folded = json.loads(run("parse", "--fold-width", page).stdout)["articles"][0]
    assert kept.startswith("２０２３年") and "１．２亿元" in kept
    assert (
        folded["paragraphs"][0]["text"]
        == "2023年，全县新建智慧农业应用基地200个，带动农户增收超过1.2亿元。"
    )
    assert folded["byline"] == "高明"


def test_prose_gives_a_page_and_one_warning_line(tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text("我们今天去公园散步，天气很好。\n风很轻，云很淡，人们在湖边走着。\n", "utf-8")
    result = run("parse", prose)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["articles"]
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("banmian: warning: ")
    assert "prose.txt: " in lines[0] and "newspaper" in lines[0]
    assert "Traceback" not in result.output


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for path, words in ((tmp_path / "nope.txt", "No such file"), (tmp_path, "directory")):
        result = run("parse", path)
        assert result.exit_code == 1
        assert words in one_error_line(result)


def test_one_bad_among_several(tmp_path: Path, sample_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.4")
    result = run("parse", sample_path, bad, sample_path)
    assert result.exit_code == 1
    assert "bad.txt" in one_error_line(result)
    assert len(json.loads(result.stdout)) == 2


def test_unknown_encoding_is_a_usage_error(sample_path: Path) -> None:
    result = run("parse", "--encoding", "klingon", sample_path)
    assert result.exit_code == 2
    assert "unknown encoding" in one_error_line(result)


def test_unexpected_error_is_one_line(monkeypatch: pytest.MonkeyPatch, sample_path: Path) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug\nover two lines")

    monkeypatch.setattr(banmian.cli, "parse_bytes", broken)
    result = run("parse", sample_path)
    assert result.exit_code == 1
    line = one_error_line(result)
    assert "RuntimeError: a bug over two lines" in line
    assert "--debug" in line

    result = run("--debug", "parse", sample_path)
    assert result.exit_code == 1
    assert "Traceback" in result.stderr


def test_unexpected_error_outside_parse_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    @cli.command("explode", hidden=True)
    def explode() -> None:
        raise ValueError("boom")

    try:
        result = run("explode")
        assert result.exit_code == 1
        assert one_error_line(result) == (
            "banmian: error: unexpected ValueError: boom"
            " (run 'banmian --debug …' for the traceback)"
        )
        result = run("--debug", "explode")
        assert "Traceback" in result.stderr
        assert result.stderr.rstrip().endswith("banmian: error: unexpected ValueError: boom")
    finally:
        cli.commands.pop("explode")


def test_fifty_megabyte_file_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    chunk = ("本报讯 近日，市政协组织视察。\n" * 4096).encode()
    with path.open("wb") as f:
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = run("parse", path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 5 * 1024 * 1024  # refused before reading, not after
    assert result.exit_code == 1
    line = one_error_line(result)
    assert "over the limit" in line
    assert "one page per file" in line


def test_too_large_stdin() -> None:
    result = run("parse", "-", input=b"x" * (20 * 1024 * 1024 + 1))
    assert result.exit_code == 1
    assert "<stdin>" in one_error_line(result)


# other commands -------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_help_lists_every_command() -> None:
    result = run("--help")
    for name in ("parse", "eval", "bench"):
        assert name in result.stdout


def _needs(module: str, attribute: str) -> None:
    mod = pytest.importorskip(module, reason=f"{module} is not written yet")
    if not hasattr(mod, attribute):
        pytest.skip(f"{module}.{attribute} is not written yet")


def test_eval(repo_root: Path) -> None:
    _needs("banmian.evaluate", "evaluate_paths")
    result = run("eval", repo_root / "samples")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    result = run("eval", "--format", "json", repo_root / "samples")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), dict)


def test_eval_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run("eval", tmp_path / "nothing.gold.json")
    assert result.exit_code == 2


def test_bench() -> None:
    _needs("banmian.bench", "run_benchmark")
    result = run("bench", "--generated", "2", "--repeat", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), dict)


# the installed script -------------------------------------------------------------------


def _script() -> Path:
    script = Path(sys.executable).parent / "banmian"
    if not script.exists():
        found = shutil.which("banmian")
        if found is None:
            pytest.skip("the banmian script is not installed (pip install -e .)")
        script = Path(found)
    return script


def test_installed_script(named_page: Path, tmp_path: Path) -> None:
    script = _script()
    done = subprocess.run(
        [script, "parse", "-f", "markdown", named_page],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8").startswith("# 无锡日报 2022-12-10 第2版")

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = subprocess.run([script, "parse", empty], capture_output=True, timeout=120, check=False)
    assert done.returncode == 1
    stderr = done.stderr.decode("utf-8")
    assert stderr.count("\n") == 1
    assert stderr.startswith(f"banmian: error: {empty}: the input is empty")
    assert b"Traceback" not in done.stderr

    done = subprocess.run([script, "--version"], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0
    assert __version__ in done.stdout.decode()


# documentation --------------------------------------------------------------------------


def _readme(repo_root: Path) -> str:
    return (repo_root / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented(repo_root: Path) -> None:
    readme = _readme(repo_root)
    for name, command in cli.commands.items():
        if command.hidden:
            continue
        assert re.search(rf"banmian {re.escape(name)}\b", readme), f"banmian {name} not in README"


def test_every_option_is_documented(repo_root: Path) -> None:
    readme = _readme(repo_root)
    commands: list[tuple[str, click.Command]] = [("banmian", cli)]
    commands += [(f"banmian {n}", c) for n, c in cli.commands.items() if not c.hidden]
    for where, command in commands:
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts + param.secondary_opts:
                    assert re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", readme), (
                        f"{where} {opt} is not in README"
                    )


def test_readme_opens_with_the_two_setup_commands(repo_root: Path) -> None:
    readme = _readme(repo_root)
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    assert block is not None
    commands = [ln for ln in block.group(1).splitlines() if ln.strip() and not ln.startswith("#")]
    assert [c.split("#")[0].strip() for c in commands] == ["make demo", "make test"]
