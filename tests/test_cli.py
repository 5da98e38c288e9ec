"""The `clean` command as users run it: CliRunner in-process and real subprocesses."""

from __future__ import annotations

import json

from conftest import run_copydesk, tree_digest, write_tree

BODY_1 = (
    "The harbour authority said on Monday that the northern pier will close for repairs "
    "until the end of the summer season."
)
BODY_2 = (
    "Fishing crews who moor at the pier will be moved to the eastern basin, where twelve "
    "temporary berths have been built."
)
BODY_3 = (
    "Local traders fear a drop in visitors, but the council promised a free shuttle bus "
    "between the station and the old town."
)
SCRAPE_A = "\n".join([
    "Harbour pier to close for summer repairs",
    "By Tom Fielding",
    "0",
    "194",
    BODY_1,
    BODY_2,
    "Image: Coastline Photo Agency",
    BODY_3,
    "READ MORE:",
    "Council votes to extend parking fees to Sundays",
    "New ferry timetable starts next month",
    "Leave a comment",
    "Sign up for our newsletter in your inbox",
]) + "\n"
# The same story republished elsewhere, with the first paragraph edited.
SCRAPE_B = "\n\n".join([
    BODY_1.replace("on Monday", "on Monday afternoon"),
    BODY_2,
    "Share",
    "Would you like to comment on this article?",
]) + "\n"
CORPUS = {"coast/a.txt": SCRAPE_A, "coast/nested/b.txt": SCRAPE_B}


def test_single_file_to_stdout(cli, tmp_path):
    write_tree(tmp_path, CORPUS)
    result = cli(["clean", tmp_path / "coast/a.txt"])
    assert result.exit_code == 0
    assert result.stdout == f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}\n"


def test_directory_needs_out(cli, tmp_path):
    write_tree(tmp_path, CORPUS)
    result = cli(["clean", tmp_path / "coast"])
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_out_mirrors_relative_paths_and_never_touches_inputs(cli, tmp_path):
    src = write_tree(tmp_path / "in", CORPUS)
    before = tree_digest(src)
    out = tmp_path / "out"
    result = cli(["clean", src / "coast", "--out", out, "--report", tmp_path / "r.json"])
    assert result.exit_code == 0
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.txt")) == ["a.txt", "nested/b.txt"]
    assert tree_digest(src) == before
    assert (out / "nested/b.txt").read_text() == (
        BODY_1.replace("on Monday", "on Monday afternoon") + "\n\n" + BODY_2 + "\n")


def test_report_explains_every_removed_line(cli, tmp_path):
    src = write_tree(tmp_path, CORPUS)
    report_path = tmp_path / "r.json"
    cli(["clean", src / "coast", "--out", tmp_path / "out", "--report", report_path])
    report = json.loads(report_path.read_text())
    assert report["format"] == "copydesk-report" and report["version"] == 2
    a = next(f for f in report["files"] if f["input"].endswith("a.txt"))
    assert a["status"] == "ok" and a["output"].endswith("a.txt")
    removed = {r["lines"][0]: r for r in a["removed"]}
    # every input line that is not in the output is listed, with its text and a reason
    assert sorted(removed) == [1, 2, 3, 4, 7, 9, 10, 11, 12, 13]
    assert removed[3]["reason"]["rule"] == "counter"
    assert removed[7]["reason"]["rule"] == "image-credit"
    assert removed[9]["reason"]["rule"] == removed[10]["reason"]["rule"] == "related-block"
    assert removed[12]["text"] == "Leave a comment"
    assert removed[12]["reason"]["rule"] == "comment-prompt"
    assert a["metadata"]["byline"] == ["Tom Fielding"]
    assert a["metadata"]["headline"] == ["Harbour pier to close for summer repairs"]
    assert a["counts"] == {"lines": 13, "paragraphs": 13, "kept": 3, "removed": 10,
                           "boilerplate": 7, "metadata": 3, "duplicates": 0}
    # the two paragraphs both outlets carry (one edited) make two cross-file clusters
    clusters = [[(m["file"].rsplit("/", 1)[-1], m["paragraph"], m.get("jaccard"))
                 for m in c["members"]] for c in report["clusters"]]
    assert [[(f, p) for f, p, _ in c] for c in clusters] == [
        [("a.txt", 5), ("b.txt", 1)], [("a.txt", 6), ("b.txt", 2)]]
    assert 0.5 <= clusters[0][1][2] < 1.0 and clusters[1][1][2] == 1.0
    assert report["summary"]["clusters"] == 2


def test_edited_copy_is_linked_with_verified_score(cli, tmp_path):
    src = write_tree(tmp_path, CORPUS)
    result = cli(["clean", src / "coast", "--out", tmp_path / "out", "--format", "jsonl"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    pairs = {(r["a"]["paragraph"], r["b"]["paragraph"]): r for r in records
             if r["kind"] != "document"}
    # BODY_1 and its edited copy: near-duplicates, linked with their exact Jaccard
    edited = pairs[(5, 1)]
    assert edited["kind"] == "cluster" and 0.5 <= edited["jaccard"] < 1.0
    assert pairs[(6, 2)]["jaccard"] == 1.0


def test_repeated_body_inside_a_file_is_written_once(cli, tmp_path):
    twice = "\n".join([BODY_1, BODY_2, BODY_3, "Image: Coastline Photo Agency", BODY_1, BODY_2,
                       BODY_3])
    write_tree(tmp_path, {"twice.txt": twice})
    result = cli(["clean", tmp_path / "twice.txt", "--report", tmp_path / "r.json"])
    assert result.stdout == f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}\n"
    report = json.loads((tmp_path / "r.json").read_text())
    dups = [r for r in report["files"][0]["removed"] if r["reason"]["label"] == "duplicate"]
    assert [(d["lines"], d["reason"]["duplicate_of"]["lines"]) for d in dups] == [
        ([5, 5], [1, 1]), ([6, 6], [2, 2]), ([7, 7], [3, 3])]


def test_unreadable_input_is_named_and_run_goes_on(cli, tmp_path):
    src = write_tree(tmp_path / "in", CORPUS)
    result = cli(["clean", src / "coast", src / "missing.txt", "--out", tmp_path / "out"])
    assert result.exit_code == 3
    assert "missing.txt: no such file or directory" in result.stderr
    assert (tmp_path / "out/a.txt").exists()


def test_report_to_stdout_pipes_into_json_tools(cli, tmp_path):
    write_tree(tmp_path, CORPUS)
    result = cli(["clean", tmp_path / "coast", "--out", tmp_path / "o", "--report", "-"])
    assert json.loads(result.stdout)["summary"]["files"] == 2


def test_subprocess_console_script_is_quiet_when_piped(tmp_path):
    write_tree(tmp_path, CORPUS)
    proc = run_copydesk(["clean", tmp_path / "coast", "--out", tmp_path / "o"])
    assert proc.returncode == 0
    assert proc.stdout == b"" and proc.stderr == b""
    verbose = run_copydesk(["clean", tmp_path / "coast", "--out", tmp_path / "o2", "-v"])
    assert b"paragraphs" in verbose.stderr


def test_subprocess_stdin_to_stdout_with_python_dash_m(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "copydesk", "clean", "-"],
                          input=SCRAPE_A.encode(), capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}\n"


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli(["clean", "-", "--format", "xml"], input="x").exit_code == 2
    assert cli(["clean", "-", "-"], input="x").exit_code == 2
    assert cli(["clean", tmp_path, "--out", tmp_path, "--in-place"]).exit_code == 2


def test_unknown_language_is_a_usage_error_before_any_work(cli, tmp_path):
    # Not an internal error per file (exit 3) once the run has started: nothing is written.
    write_tree(tmp_path, CORPUS)
    out = tmp_path / "out"
    result = cli(["clean", tmp_path / "coast", "--out", out, "--lang", "xx"])
    assert result.exit_code == 2
    assert "no rule pack for language 'xx'" in result.stderr and "en" in result.stderr
    assert not out.exists()
    explained = cli(["explain", tmp_path / "coast/a.txt", "--lang", "xx"])
    assert explained.exit_code == 2 and "'xx'" in explained.stderr
    assert cli(["clean", tmp_path / "coast/a.txt", "--lang", "fr"]).exit_code == 0


def test_report_names_outputs_as_the_user_named_the_paths(tmp_path):
    # As in the README's report: "input": "scrapes/004.txt", "output": "clean/004.txt". An
    # absolute output would make the same command's report differ between two checkouts.
    reports = []
    for name in ("one", "two"):
        write_tree(tmp_path / name, CORPUS)
        proc = run_copydesk(["clean", "coast/", "--out", "clean/", "-r", "r.json"],
                            cwd=tmp_path / name)
        assert proc.returncode == 0, proc.stderr
        report = json.loads((tmp_path / name / "r.json").read_text())
        assert [(f["input"], f["output"]) for f in report["files"]] == [
            ("coast/a.txt", "clean/a.txt"), ("coast/nested/b.txt", "clean/nested/b.txt")]
        reports.append((tmp_path / name / "r.json").read_bytes())
    assert reports[0] == reports[1]
    proc = run_copydesk(["clean", "coast", "--in-place", "-r", "r.json"], cwd=tmp_path / "one")
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "one/r.json").read_text())
    assert [f["output"] for f in report["files"]] == ["coast/a.txt", "coast/nested/b.txt"]


def test_help_names_option_values_as_the_readme_does(cli):
    # `--out DIR`, `--format text|json|jsonl`..., not the Python types (`<str>`, `<int>`).
    shown = cli(["clean", "--help"]).stdout
    for option in ("--out DIR", "--report FILE", "--format text|json|jsonl", "--glob PATTERN",
                   "--jobs N", "--threshold F", "--lang CODE", "--extra-pattern RE",
                   "--max-bytes N", "--index DIR", "--config FILE"):
        assert option in shown, option
    options = shown.split("Options:", 1)[1]
    assert "<str>" not in options and "<int>" not in options and "{paths}" not in shown
    for command in (["check"], ["explain"], ["index", "update"]):
        options = cli([*command, "--help"]).stdout.split("Options:", 1)[1]
        assert "<str>" not in options and "<int>" not in options, command


def test_version():
    proc = run_copydesk(["--version"])
    assert proc.returncode == 0 and proc.stdout.startswith(b"copydesk ")


def test_subprocess_pairs_of_a_directory_pipe_into_json_tools(tmp_path):
    write_tree(tmp_path, CORPUS)
    proc = run_copydesk(["clean", tmp_path / "coast", "--format", "jsonl"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert all({"kind", "a", "b", "jaccard"} <= set(r) for r in records)
    assert [r["b"]["file"] for r in records if r["kind"] == "document"] == [
        str(tmp_path / "coast/nested/b.txt")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coast"]
