from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from copydesk.cli.app import app
from copydesk.core.rules import MAX_BUCKET, RuleSet, available_languages, trim

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"

# The property tests search the same examples on every run, on every machine (hypothesis'
# "ci" profile: derandomized, no example database). A random search can find a new failing
# input on any day, and CI must not go red on a day's luck: explore on purpose with
# `pytest --hypothesis-profile=default` (random examples, the local database), and keep an
# input it finds as an `@example` of its test.
settings.load_profile("ci")


@pytest.fixture(autouse=True, scope="session")
def _rule_cache(tmp_path_factory):
    """The suite's processes (and the copydesk processes it starts) keep the rule cache
    (core/rulecache.py) in a directory of their own, not the user's."""
    os.environ["COPYDESK_CACHE_DIR"] = str(tmp_path_factory.mktemp("rule-cache"))


@pytest.fixture
def cli():
    """Invoke the typer app in-process: cli(args, input=None) -> Result."""
    runner = CliRunner()

    def invoke(args: list[str], input: str | bytes | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def copydesk_exe() -> list[str]:
    """The installed console script next to this interpreter, else `python -m copydesk`."""
    script = Path(sys.executable).with_name("copydesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "copydesk"]


def run_copydesk(args: list[str], *, input: bytes | None = None, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*copydesk_exe(), *[str(a) for a in args]], input=input,
                          capture_output=True, cwd=cwd, env={**os.environ, **(env or {})},
                          timeout=600)


def tree_digest(root: Path) -> dict[str, str]:
    """relative path -> sha256 of every file under root."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
    return root


def rule_verdict(line: str):
    """The rule pass's verdict on one line alone (no model), in the language detected for it."""
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block

    classifier = Classifier(Config(), model=None)
    blocks = [Block(1, 1, 1, line)]
    return classifier.rule_pass(blocks, classifier.language_of(blocks))[0]



def rule_verdict_in(line: str, language: str):
    """The rule pass's verdict on one line read as `language` (a short line alone is
    detected as no language)."""
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block

    classifier = Classifier(Config(), model=None)
    return classifier.rule_pass([Block(1, 1, 1, line)], language)[0]


def clean_page(cli, folder: Path, name: str) -> str:
    """The clean text `copydesk clean` writes to stdout for the page `folder / name`."""
    result = cli(["clean", folder / name])
    assert result.exit_code == 0
    return result.stdout


def page_report(cli, folder: Path, *names: str) -> dict:
    """The JSON report of one run over the pages `names` of `folder`."""
    result = cli(["clean", *(folder / n for n in names), "--format", "json"])
    assert result.exit_code == 0
    return json.loads(result.stdout)


def page_metadata(cli, folder: Path, name: str) -> dict:
    """The metadata the report gives the page `folder / name`, cleaned alone."""
    files = page_report(cli, folder, name)["files"]
    return {Path(f["input"]).name: f["metadata"] for f in files}[name]

# Every pack's rule set as the classifier builds it: English alone, or a language over English.
EVERY_PACK = [("en", "common")] + [
    (lang, "en", "common") for lang in available_languages() if lang != "en"
]


def assert_same_rule_hits(gated: RuleSet, ungated: RuleSet, lines: list[str]) -> int:
    """Each line's hits in `gated` (its Python walk, and its C walk where built) are those of
    `ungated`'s Python walk, which tries every regex; returns how many lines hit a rule, for
    the caller to check that its lines reach the rules at all."""
    from copydesk.core.classify import VALIDATORS

    def hits(rules: RuleSet, text: str, python: bool) -> list:
        trimmed = trim(text)
        walk = rules._match_python if python else rules.match
        return list(walk(trimmed, len(trimmed.split()), VALIDATORS))

    try:
        from copydesk.core import _rules  # noqa: F401
        walks = (True, False)
    except ImportError:  # not built here: the Python walk alone
        walks = (True,)
    hit = 0
    for text in lines:
        want = hits(ungated, text, True)
        for python in walks:
            assert hits(gated, text, python) == want, repr(text)
        hit += bool(want)
    return hit


def page_lines(page: Path) -> list[str]:
    """A fixture page's lines, as its expected clean text numbers them (1-based)."""
    return page.read_text(encoding="utf-8").splitlines()


def page_span(page: Path, first: str, last: str) -> list[str]:
    """A fixture page's lines from the one starting with `first` to the one starting with
    `last`: the part a test expects cleaning to keep."""
    lines = page_lines(page)
    start = next(k for k, line in enumerate(lines) if line.startswith(first))
    end = next(k for k, line in enumerate(lines) if line.startswith(last))
    return lines[start : end + 1]


def cleaned_lines(cli, page: Path) -> list[str]:
    """The non-blank lines `copydesk clean PAGE` writes."""
    result = cli(["clean", page])
    assert result.exit_code == 0
    return [line for line in result.stdout.splitlines() if line]


def assert_cleans_to_lines(cli, page: Path, numbers: list[int]) -> None:
    """`copydesk clean PAGE` writes the page's lines `numbers` (1-based), in order, and no
    other: the article a test names by its line numbers."""
    lines = page_lines(page)
    assert cleaned_lines(cli, page) == [lines[n - 1] for n in numbers]


def assert_cleaned_lines_are_stable(cli, tmp_path: Path, page: Path) -> None:
    """The page's clean lines, written to a file and cleaned again, are the same lines: a
    pass that erodes its own output shows here."""
    once = tmp_path / page.name
    first = cleaned_lines(cli, page)
    once.write_text("\n".join(first) + "\n", encoding="utf-8")
    assert cleaned_lines(cli, once) == first


def article_page_tests(pages: Path, articles: dict[str, list[int]]):
    """The two tests of a folder of invented pages whose articles are known by line
    number: each page cleans to exactly its article's lines, and its clean text cleaned
    again is the same. A module binds them to its own names so pytest collects them there:
    `test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing =
    article_page_tests(PAGES, ARTICLES)`."""

    @pytest.mark.parametrize("name", sorted(articles))
    def test_the_clean_text_is_the_article(cli, name):
        assert_cleans_to_lines(cli, pages / name, articles[name])

    @pytest.mark.parametrize("name", sorted(articles))
    def test_cleaning_the_clean_text_changes_nothing(cli, tmp_path, name):
        assert_cleaned_lines_are_stable(cli, tmp_path, pages / name)

    return test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing

def verdicts_with_scores(monkeypatch, lines: list[str], scores: dict[str, float]):
    """The classifier's verdicts on one line per block, with the model's body probability
    of the lines named in `scores` set by hand (so a test does not hang on the shipped
    model's score of an invented line)."""
    import copydesk.core.classify as classify_module
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block

    real = classify_module.predict

    def predict(model, own, subset, codes, scored=None):
        x1, x2, p = real(model, own, subset, codes, scored)
        p = p.copy()
        rows = range(len(lines)) if subset is None else subset.tolist()
        for k, i in enumerate(rows):
            if lines[i] in scores:
                p[k] = scores[lines[i]]
        return x1, x2, p

    monkeypatch.setattr(classify_module, "predict", predict)
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(lines)]
    return Classifier(Config()).classify(blocks).verdicts


def golden_pages(folder: Path) -> list[str]:
    """The pages of a golden-file folder: `NAME.txt` beside its clean text `NAME.clean.txt`."""
    return sorted(p.stem for p in folder.glob("*.txt") if not p.stem.endswith(".clean"))


def assert_cleans_to_golden(cli, folder: Path, name: str) -> None:
    """`copydesk clean` writes the page's golden clean text, byte for byte."""
    result = cli(["clean", folder / f"{name}.txt"])
    assert result.exit_code == 0
    assert result.stdout == (folder / f"{name}.clean.txt").read_text(encoding="utf-8")


def assert_golden_is_stable(cli, folder: Path, name: str) -> None:
    """The page's golden clean text, cleaned again, is the same byte for byte: a rule or
    pass that erodes clean text shows here."""
    clean = (folder / f"{name}.clean.txt").read_bytes()
    result = cli(["clean", "-"], input=clean)
    assert result.exit_code == 0
    assert result.stdout.encode("utf-8") == clean


def assert_kept_lines_stay(monkeypatch, lines: list[str], scores: dict[str, float]) -> None:
    """What the classifier keeps of `lines` is all kept when classified again, as a second
    run of `clean` sees only the kept lines (the same hand-set scores both times)."""
    verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    once = [t for t, v in zip(lines, verdicts, strict=True) if v.keep]
    monkeypatch.undo()
    again = verdicts_with_scores(monkeypatch, once, scores)
    assert all(v.keep for v in again)


def pack_word_sets():
    """The key words of every language's rule set, in every bucket where they differ (the
    word sets the key-word automata are built for)."""
    for language in available_languages():
        rules = RuleSet((language, "en", "common") if language != "en" else ("en", "common"))
        seen = set()
        for bucket in range(MAX_BUCKET + 1):
            gate = rules._gate(bucket)
            if gate is not None and gate[0].words not in seen:
                seen.add(gate[0].words)
                yield gate[0].words


def between_prose_every_line(texts, verdicts, rows) -> bool:
    """`sandwiched.between_prose` as it stepped through every line in play (before session
    26), reading a line's neighbours before its words: the lines it judges, found by their
    rule first and counted first (session 32), must be judged alike (test_sandwiched,
    test_pass_costs)."""
    from copydesk.core.model import Label, model_removal
    from copydesk.core.prose import word_count
    from copydesk.core.sandwiched import MIN_WORDS, RULE, _kept_paragraph, _neighbour

    changed = False
    for k in range(len(rows)):
        i = rows[k]
        verdict = verdicts[i]
        held = verdict.keep and verdict.rule == RULE
        if not held and (verdict.keep or verdict.rule != "line-model"):
            continue
        before = _neighbour(texts, verdicts, rows, k, -1)
        after = _neighbour(texts, verdicts, rows, k, 1)
        between = before is not None and _kept_paragraph(texts, verdicts, before)
        between = between and after is not None and _kept_paragraph(texts, verdicts, after)
        if held:
            if not between:
                verdicts[i] = model_removal(verdict)
                changed = True
            continue
        words = word_count(texts[i])
        if not between or words < MIN_WORDS:
            continue
        verdicts[i] = verdict.overruled(
            Label.BODY,
            RULE,
            f"a line of {words} words between two kept paragraphs; {verdict.detail}",
        )
        changed = True
    return changed
