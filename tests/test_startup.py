"""What a command loads before it answers: `--version`, `--help` and usage errors answer
without the pipeline (numpy, ftfy, the rule packs) or rich, and a quiet one-file run with
nothing to say on stderr without rich. These are the shell's and pre-commit's commands,
where loading is most of the time a command takes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PIPELINE = ("numpy", "ftfy", "regex", "copydesk.core.pipeline", "copydesk.core.classify",
            "copydesk.core.rules")


def _loaded(args: list[str], tmp_path: Path, stdin: str | None = None):
    """Run the `copydesk` entry point with `args`; its exit code, stdout and the modules
    it had loaded when it exited."""
    listing = tmp_path / "modules.txt"
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(listing)!r}, 'w').write('\\n'.join(sys.modules)))\n"
        "from copydesk.cli.entry import main\n"
        f"sys.argv = ['copydesk', *{args!r}]\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          input=stdin)
    modules = set(listing.read_text().split())
    return proc.returncode, proc.stdout, modules


def _heavy(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {m for m in modules if m in names or m.split(".")[0] in names}


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["clean", "--help"],
                                  ["check", "--help"], ["explain", "--help"],
                                  ["index", "update", "--help"]])
def test_version_and_help_load_neither_the_pipeline_nor_rich(args, tmp_path):
    code, out, modules = _loaded(args, tmp_path)
    assert code == 0
    assert out.strip()
    assert not _heavy(modules, (*PIPELINE, "rich"))


def test_a_usage_error_is_reported_before_the_pipeline_loads(tmp_path):
    code, _, modules = _loaded(["clean", "--no-such-option", "x.txt"], tmp_path)
    assert code == 2
    assert not _heavy(modules, PIPELINE)


def test_a_quiet_run_with_nothing_to_say_loads_no_rich(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("The harbour ferry runs again from Monday, the council said today.\n")
    code, out, modules = _loaded(["clean", str(page)], tmp_path)
    assert code == 0
    assert out == page.read_text()
    assert "copydesk.core.pipeline" in modules
    assert not _heavy(modules, ("rich",))
