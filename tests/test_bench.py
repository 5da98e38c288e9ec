"""The benchmark scripts keep working as the library changes (they are how README figures
are measured): a small corpus through the generator and the duplicate-quality benchmark."""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"


def test_generated_corpus_scores_planted_duplicates_and_matches_brute_force(tmp_path):
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(BENCH / "corpus.py"), str(corpus), "--files", "60",
                    "--seed", "3"], check=True, capture_output=True)
    assert (corpus / "truth.json").is_file()
    out = subprocess.run([sys.executable, str(BENCH / "quality.py"), str(corpus)],
                         check=True, capture_output=True, text=True).stdout
    # Exact duplicates and light edits are always found on a corpus this small.
    row = re.search(r"^all 0\.9-1\.0 +(\d+) +(\d+) +([\d.]+)$", out, re.MULTILINE)
    assert row is not None, out
    assert int(row.group(1)) > 0 and float(row.group(3)) >= 0.95
    near = re.search(r'near +\{"pairs": (\d+), "found": (\d+), "precision": ([\d.]+)', out)
    assert near is not None, out
    assert int(near.group(1)) > 0 and float(near.group(3)) == 1.0


def test_sweep_prints_its_usage_instead_of_a_traceback():
    shown = subprocess.run([sys.executable, str(BENCH / "sweep.py"), "--help"],
                           capture_output=True, text=True)
    assert shown.returncode == 0 and "python bench/sweep.py CORPUS" in shown.stdout
    assert shown.stderr == ""
    wrong = subprocess.run([sys.executable, str(BENCH / "sweep.py"), "corpus", "ngram"],
                           capture_output=True, text=True)
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr


def _bench_module(name):
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCH))


def _dedup_module():
    return _bench_module("dedup")


_MEASURE_BOTH = """
import json, sys
sys.path.insert(0, sys.argv[1])
import dedup
large = dedup.measure([sys.executable, "-c", "x = b'1' * (300 * 2**20)"])
small = dedup.measure([sys.executable, "-c", "print('done')"])
print(json.dumps([large, small]))
"""


def test_dedup_benchmark_credits_each_command_with_its_own_peak_memory():
    # Taken from the process's children so far, a small command run after a large one
    # was credited with the large one's peak. Measured from a fresh process: a child's
    # peak starts at its parent's (`dedup._in_child`), and the suite's own process grows
    # past 300 MB on the tests that run before this one.
    done = subprocess.run([sys.executable, "-c", _MEASURE_BOTH, str(BENCH)],
                          capture_output=True, text=True, check=True)
    large, small = json.loads(done.stdout)
    assert large["max_process_rss_mb"] > 300 > small["max_process_rss_mb"]
    assert small["rc"] == 0 and small["stdout"] == "done\n"
    assert small["cpu_seconds"] > 0 and small["cpu_share"] > 0


def test_dedup_benchmark_makes_truth_pairs_for_a_corpus_generated_without(tmp_path, monkeypatch):
    # bench/same_outputs.py generates its corpus with --no-truth: measuring quality on it
    # would score against no pairs at all.
    dedup = _dedup_module()
    monkeypatch.setattr(dedup, "OUT", str(tmp_path))
    path = tmp_path / "corpus-60-3"
    subprocess.run([sys.executable, str(BENCH / "corpus.py"), str(path), "--files", "60",
                    "--seed", "3", "--no-truth"], check=True, capture_output=True)
    assert dedup.corpus(60, 3, truth=False) == str(path)
    assert not json.loads((path / "truth.json").read_text())["dups"]
    dedup.corpus(60, 3, truth=True)
    assert json.loads((path / "truth.json").read_text())["dups"]


def test_naive_benchmark_reports_its_rate_over_the_last_tenth_of_its_run(tmp_path):
    # The naive pipeline slows as its LSH grows: its average over the whole run flatters
    # it, so the benchmark also gives the rate it ended at.
    dedup = _dedup_module()
    for k in range(40):
        lines = [f"paragraph {k} line {i} of the harbour story with a few more words"
                 for i in range(5)]
        (tmp_path / f"{k:03}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    naive = dedup.run_naive(str(tmp_path), 60.0, 0.5, 16)
    assert naive["rc"] == 0
    assert (naive["files"], naive["paragraphs"]) == (40, 200)
    assert naive["last_rate"] > 0


def test_instruction_count_refuses_a_dev_set_it_cannot_find(tmp_path):
    # Run from a checkout where `../shared` is not the dev set, the count used to classify
    # nothing and print a tiny number, which reads as a huge speed-up.
    (tmp_path / "wcxb-0001.full.txt").write_text("A page.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(BENCH / "callgrind.py"), "dev",
                           "--devset", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode != 0
    assert f"{tmp_path}: 1 files, 510 needed" in done.stderr


def _tiny_devset(folder: Path) -> Path:
    for k in range(510):
        (folder / f"wcxb-{k:04}.full.txt").write_text(
            f"Page {k}\n\nThe ferry ran late on the harbour again this morning.\n",
            encoding="utf-8",
        )
    return folder


def test_instruction_count_freezes_the_heap_before_its_window_when_asked(tmp_path):
    # Where the collector's full collection falls depends on every allocation before the
    # counted window; with --frozen-heap the objects made before it are out of its reach.
    command = [sys.executable, str(BENCH / "callgrind.py"), "dev", "--files", "3",
               "--devset", str(_tiny_devset(tmp_path))]
    frozen = subprocess.run([*command, "--frozen-heap"], capture_output=True, text=True)
    assert frozen.returncode == 0, frozen.stderr
    held = re.search(r"frozen heap: (\d+) objects", frozen.stderr)
    assert held is not None and int(held.group(1)) > 10_000  # the classifier, its model
    plain = subprocess.run(command, capture_output=True, text=True)
    assert plain.returncode == 0, plain.stderr
    assert "frozen heap" not in plain.stderr


def test_instruction_count_passes_frozen_heap_to_the_run_it_counts(monkeypatch, tmp_path):
    callgrind = _bench_module("callgrind")
    seen = []

    def fake_run(command, **kwargs):
        seen.append(command)
        return subprocess.CompletedProcess(command, 0, "", "==1== Collected : 1234\n")

    monkeypatch.setattr(callgrind.subprocess, "run", fake_run)
    assert callgrind.count("dev", None, tmp_path, tmp_path, frozen=True) == 1234
    assert callgrind.count("dev", None, tmp_path, tmp_path) == 1234
    assert seen[0][-1] == "--frozen-heap" and "--frozen-heap" not in seen[1]


def _precision_loss_module():
    return _bench_module("precision_loss")


def test_precision_loss_blames_the_words_outside_the_truth_not_the_last_copies(tmp_path):
    # Two invented pages. The first keeps a menu line ahead of the article: its "the" and
    # "of" are the truth's count's excess, and counted against the bag in line order they
    # would land on the article's last sentence, which is all in the truth.
    truth, pred = tmp_path / "truth", tmp_path / "pred"
    truth.mkdir()
    pred.mkdir()
    pages = {
        "a": ("The rain came late in the valley of the river.\nThe mill kept turning.\n",
              "Home of the week and the news\nThe rain came late in the valley of the river.\n"
              "The mill kept turning.\n"),
        "b": ("Der Fluss stieg über Nacht, und die Stadt blieb trocken.\n",
              "Foto: Ana Ruiz / Agencia Der Fluss stieg über Nacht, und die Stadt blieb "
              "trocken.\n"),
    }
    for page, (clean, kept) in pages.items():
        (truth / f"{page}.truth.txt").write_text(clean, encoding="utf-8")
        (pred / f"{page}.region.txt").write_text(kept, encoding="utf-8")
    pl = _precision_loss_module()
    lines, n = pl.run_losses(truth, pred, "region")
    assert n == 2
    # 1 - P as the scorer counts it: a's 7 of 21 kept words and b's 4 of 14 are excess.
    assert abs(sum(x.loss for x in lines) - (7 / 21 + 4 / 14) / 2) < 1e-12
    by_text = {x.text[:4]: x for x in lines}
    assert set(by_text) == {"Home", "Foto"}
    assert by_text["Home"].whole and abs(by_text["Home"].loss - 7 / 21 / 2) < 1e-12
    caption = by_text["Foto"]
    assert not caption.whole
    assert [(s.pos, s.words, s.text) for s in caption.spans] == [
        ("prefix", 4, "Foto: Ana Ruiz / Agencia")
    ]
    kinds = pl.summary(lines)
    assert set(kinds["part"]) == {"prefix, 3-8 words"}
    assert set(kinds["whole"]) == {"first line, 3-8 words"}
    out = tmp_path / "lines.json"
    shown = subprocess.run([sys.executable, str(BENCH / "precision_loss.py"), "--truth",
                            str(truth), "--pred", str(pred), "--json", str(out)],
                           check=True, capture_output=True, text=True).stdout
    assert shown.startswith("2 pages, lost precision 0.30952\n")
    assert len(json.loads(out.read_text())) == 2


def test_precision_audit_groups_outside_lines_into_blocks_by_place(tmp_path):
    # One invented page: a teaser over the article (head), a caption inside it, and a
    # two-line pitch after its last paragraph (tail), which is one block, not two.
    truth, pred = tmp_path / "truth", tmp_path / "pred"
    truth.mkdir()
    pred.mkdir()
    body = ["The ferry left the harbour at dawn with forty passengers aboard.",
            "By noon the wind had turned and the crossing slowed to a crawl.",
            "The captain kept the engines low until the swell eased at dusk."]
    kept = ["Most read this week: ten quiet islands",
            body[0],
            "A grey gull over the stern of a boat",
            body[1],
            body[2],
            "Book your own crossing with our partners today.",
            "Call us for group fares and cabins."]
    (truth / "p.truth.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    (pred / "p.region.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")
    pa = _bench_module("precision_audit")
    blocks = pa.run_blocks(truth, pred, "region")
    assert [(b.place, b.lines, b.text[0][:4]) for b in blocks] == [
        ("head", 1, "Most"), ("inside", 1, "A gr"), ("tail", 2, "Book")
    ]
    assert blocks[2].before == body[2] and blocks[2].after == ""
    # Drawn without replacement and repeatably; all three when asked for more.
    assert pa.draw(blocks, 2, 23) == pa.draw(blocks, 2, 23)
    assert len({id(b) for b in pa.draw(blocks, 5, 23)}) == 3
    # Drawn in full (chance 1 each), the table's shares are the blocks' own.
    every = {id(b): 1.0 for b in blocks}
    labels = {1: "teaser", 2: "caption", 3: "pitch"}
    rows = pa.table(blocks, labels, every)
    words = sum(b.words for b in blocks)
    assert {k: (n, round(w, 6)) for k, n, w, _ in rows} == {
        "teaser": (1, round(blocks[0].words / words, 6)),
        "caption": (1, round(blocks[1].words / words, 6)),
        "pitch": (1, round(blocks[2].words / words, 6)),
    }
    # A block drawn with half the chance stands for twice its words.
    half = dict(every)
    half[id(blocks[2])] = 0.5
    share = {k: w for k, _, w, _ in pa.table(blocks, labels, half)}
    assert abs(share["pitch"] - 2 * blocks[2].words / (words + blocks[2].words)) < 1e-12


def test_precision_mechanism_puts_each_kept_line_down_to_what_kept_it(tmp_path):
    # One invented page, one fold (the shipped model standing in for the fold's). The output
    # holds the page's article and a line the run could not have written (as if from
    # another run): every line but that one is put down to a verdict of the page's own.
    from copydesk.core.model import Label, Verdict

    pm = _bench_module("precision_mechanism")
    devset, cv, pred = tmp_path / "dev", tmp_path / "cv", tmp_path / "pred"
    for d in (devset / "pages", cv, pred):
        d.mkdir(parents=True)
    (devset / "manifest.jsonl").write_text(
        json.dumps({"id": "p-1", "url": "https://example.org/a"}) + "\n", encoding="utf-8")
    shutil.copy(REPO / "core" / "model_weights" / "lines.json", cv / "fold0.json")
    article = (
        "The ferry to the outer islands ran late all week, and the harbour master blamed "
        "the fog that sat over the strait from Monday until Thursday afternoon.\n\n"
        "Passengers waited in the terminal café, where the owner kept the coffee coming "
        "and the radio tuned to the weather station for news of the wind.\n"
    )
    (devset / "pages" / "p-1.region.txt").write_text(article, encoding="utf-8")
    (devset / "pages" / "p-1.truth.txt").write_text(article.split("\n\n")[0] + "\n",
                                                     encoding="utf-8")
    (pred / "p-1.region.txt").write_text(
        article + "\nA line the cleaner never saw on this page at all.\n", encoding="utf-8")
    kept, pages = pm.run_kept(devset, cv, pred, "region")
    assert pages == 1
    assert [x.mechanism for x in kept] == ["model", "model", "unattributed"]
    assert all(0.0 <= x.score <= 1.0 for x in kept[:2]) and kept[2].score is None
    # The second paragraph and the stray line are outside the truth: they carry the loss,
    # the first carries all the recall.
    assert kept[0].loss == 0 and kept[1].loss > 0 and kept[2].loss > 0
    assert abs(kept[0].recall - 1.0) < 1e-12 and kept[1].recall == 0
    lost = pm.tables(kept)["mechanism"]
    assert lost["model"][0] == kept[1].loss and lost["model"][2] == 2
    # A context pass that kept a line the model removed is put down to the pass, with the
    # model's score under the threshold.
    table = Verdict(Label.BOILERPLATE, "line-model", "", score=0.21).overruled(
        Label.BODY, "table", "a cell")
    assert pm.mechanism(table) == "table" and pm.band(table.score) == "0.15-0.30"
    assert pm.mechanism(Verdict(Label.BODY, "line-model", "date-line overruled", score=0.7)) \
        == "model over a soft rule"
    assert pm.band(0.995) == "0.99-1.00" and pm.band(None) == "no score"
    cuts = pm.tables(kept)["model cut under"]
    assert list(cuts) == [f"{b:.2f}" for b in pm.BANDS[1:]]
    # Each cut takes the model's lines under it (the unattributed line is no model's).
    for cut, (loss, recall, n) in cuts.items():
        under = [x for x in kept[:2] if x.score < float(cut)]
        assert n == len(under)
        assert loss == sum(x.loss for x in under if x.outside >= 0.8 * x.words)
        assert recall == sum(x.recall for x in under)
    # Cutting the lines outside the truth leaves the page at F1 1: the change is what the
    # scorer's F1 lacked (P is 1 less the lost precision, R is 1).
    truths = {"p-1": Counter(re.findall(r"\w+", article.split("\n\n")[0].lower()))}
    p = 1 - sum(x.loss for x in kept)
    change = pm.f1_change(kept, truths, 1, lambda x: x.loss > 0)
    assert abs(change - (1 - 2 * p / (p + 1))) < 1e-12
    assert pm.f1_change(kept, truths, 1, lambda x: False) == 0
    assert pm.cut_effects(kept, truths, 1)["unattributed"] > 0


def test_recall_loss_charges_missing_truth_words_to_what_removed_their_paragraph(tmp_path):
    # An invented page: the truth repeats its first sentence (a repeat the duplicate drop
    # took), holds a sentence the line model removed, and ends with one the input lacks.
    rl = _bench_module("recall_loss")
    segments = [
        rl.Segment("Menu Home About", "rule (common): site-chrome", "top tenth"),
        rl.Segment("The river rose at dawn.", None, "middle"),
        rl.Segment("Farmers moved the herd uphill.", "model", "middle"),
        rl.Segment("The river rose at dawn.", "duplicate (same page): duplicate", "last tenth"),
    ]
    truth = ("The river rose at dawn.\nFarmers moved the herd uphill.\n"
             "The river rose at dawn.\nA ferry waited.\n")
    losses = rl.page_losses("a", segments, "The river rose at dawn.\n", truth, 2)
    # 13 of the truth's 18 words are missing from the output: 1 - R as the scorer counts it,
    # over 2 pages. Of the two missing copies of "the", one is the model's line's and one
    # the repeat's (the kept line's copy is written), not both of the first line it meets.
    assert abs(sum(x.loss for x in losses) - 13 / 18 / 2) < 1e-12
    by = {x.mechanism: x.loss * 36 for x in losses}
    assert by.keys() == {"model", "duplicate (same page): duplicate", rl.UNALIGNED}
    assert abs(by["model"] - 5) < 1e-9 and abs(by["duplicate (same page): duplicate"] - 5) < 1e-9
    assert abs(by[rl.UNALIGNED] - 3) < 1e-9
    assert [x.place for x in losses if x.mechanism == "model"] == ["middle"]
    # A page whose truth is empty but whose output is not scores recall 0.
    assert [x.loss for x in rl.page_losses("b", [], "Subscribe now", "", 2)] == [0.5]
    assert rl.page_losses("c", [], "", "", 2) == []


def test_recall_loss_reads_removed_records_into_segments():
    rl = _bench_module("recall_loss")

    class Block:
        def __init__(self, index, text):
            self.index, self.text = index, text

    blocks = [Block(1, "Posted by Ana: The mill kept turning."), Block(2, "Share this"),
              Block(3, "The rain came late."), Block(4, "Old mill [edit]")]
    removed = [
        {"paragraph": 1, "partial": True, "text": "Posted by Ana:",
         "reason": {"label": "metadata", "rule": "byline"}},
        {"paragraph": 2, "text": "Share this",
         "reason": {"label": "boilerplate", "rule": "line-model", "detail": "p=0.1"}},
        {"paragraph": 3, "text": "The rain came late.",
         "reason": {"label": "duplicate", "rule": "duplicate",
                    "duplicate_of": {"file": "other.txt", "paragraph": 9}}},
        {"paragraph": 4, "partial": True, "text": "[edit]",
         "reason": {"label": "boilerplate", "rule": "edit-link"}},
    ]
    segments = rl.page_segments(blocks, removed, {"byline": "common"}, "page.txt")
    assert [(s.text.strip(), s.mechanism) for s in segments] == [
        ("Posted by Ana:", "rule (common): byline"),
        ("The mill kept turning.", None),
        ("Share this", "model"),
        ("The rain came late.", "duplicate (other page): duplicate"),
        ("Old mill", None),
        ("[edit]", "pass: edit-link"),
    ]
    assert [s.place for s in segments] == ["top tenth"] * 2 + ["middle"] * 4
    assert [rl.place(k, 20) for k in (0, 1, 2, 17, 18, 19)] == (
        ["top tenth"] * 2 + ["middle"] * 2 + ["last tenth"] * 2)


def test_train_lines_never_trains_on_rows_cached_by_other_code_or_for_the_other_reading(
    tmp_path,
):
    # The feature cache has one default path for both readings; rows built for the
    # pack-less reading, or by code since changed, must be built again, not trained on.
    tl = _bench_module("train_lines")
    devset = tmp_path / "dev"
    (devset / "pages").mkdir(parents=True)
    (devset / "manifest.jsonl").write_text(
        json.dumps({"id": "p-1", "url": "https://example.org/a"}) + "\n", encoding="utf-8"
    )
    article = (
        "Home | News | Sport\n\nThe ferry to the outer islands ran late all week, and the "
        "harbour master blamed the fog that sat over the strait.\n\nShare this article\n"
    )
    for variant in ("full", "wide", "region"):
        (devset / "pages" / f"p-1.{variant}.txt").write_text(article, encoding="utf-8")
    (devset / "pages" / "p-1.truth.txt").write_text(
        article.split("\n\n")[1] + "\n", encoding="utf-8"
    )
    cache = tmp_path / "rows.npz"
    built = tl.build(devset, cache)
    assert tl.cache_key(devset, True) != tl.cache_key(devset, False)
    again = tl.build(devset, cache)  # same code, same reading: read back
    assert set(again) == set(built) and all((again[k] == built[k]).all() for k in built)
    stale = {k: v[:1] for k, v in built.items()}
    import numpy as np

    np.savez(cache, key=np.array("built by older code"), **stale)
    assert len(tl.build(devset, cache)["y"]) == len(built["y"]) > 1
    np.savez(cache, **stale)  # a cache from before keys were written
    assert len(tl.build(devset, cache)["y"]) == len(built["y"])


def test_cohesion_signal_finds_a_tail_about_another_topic_unlike_the_article_s_core():
    # An invented article whose last two paragraphs, prose in the body like the rest, are
    # about the magazine's newsletter and its publisher (and share a few words).
    cs = _bench_module("cohesion_signal")
    from copydesk.core.features import _content_words

    stopwords = frozenset(["the", "a", "of", "and", "to", "in", "on", "for", "is", "at", "by"])
    article = [
        "Apple growers across the upper valley spent Tuesday night lighting smudge pots "
        "between the rows, hoping to keep a late frost off blossoms that opened early.",
        "The orchard cooperative says a third of the valley's apple trees are in full bloom, "
        "and that a single hard frost can cost growers most of the season's fruit.",
        "Frost fans, the tall propellers that pull warmer air down into the orchards, ran "
        "until dawn, while smaller growers coated the blossoms in a layer of ice.",
        "The county office expects two more cold nights and has asked growers to report "
        "blossom damage so that it can estimate the size of the apple harvest.",
    ]
    tail = [
        "Our weekly newsletter brings the magazine's best recipes, travel guides and "
        "exclusive offers to your inbox every Sunday morning.",
        "The magazine is published by Northgate Media, which also runs travel guides, a "
        "recipe club and three podcasts about family life.",
    ]
    content = [_content_words(t, stopwords) for t in ["Of the and", *article, *tail]]
    core = np.array([False] + [True] * 6)  # every prose line, the tail's too
    cosine = cs.core_cosine(content, core)
    relative = cs.relative(cosine, core)
    body, end = [1, 2, 3, 4], [5, 6]
    assert np.isnan(cosine[0])  # no content words
    assert max(cosine[end]) < min(cosine[body])
    assert max(relative[end]) < 0.75 < min(relative[body])
    # Its own words do not make a line like the core: a core of one line has no other.
    alone = cs.core_cosine(content[1:3], np.array([True, False]))
    assert alone[0] == 0.0 and alone[1] > 0.0


def test_dedup_benchmark_times_a_clean_run_into_a_directory_nothing_was_deleted_from(
        tmp_path, monkeypatch):
    # A create soon after a large delete costs several times more on this kind of
    # filesystem: a run must not empty the last run's outputs before it is timed.
    dedup = _dedup_module()
    monkeypatch.setattr(dedup, "OUT", str(tmp_path))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A first paragraph of an article with enough words in it.\n")
    first = dedup.run_copydesk(str(corpus), 1)
    second = dedup.run_copydesk(str(corpus), 1)
    assert first["out"] != second["out"]
    assert (Path(first["out"]) / "a.txt").is_file()
    assert (Path(second["out"]) / "a.txt").is_file()
    assert first["files"] == second["files"] == 1


def test_devset_benchmark_prints_the_scores_unrounded_and_writes_each_pages_f1(tmp_path):
    # Changes between checkouts are often below the table's third decimal: --pages prints
    # the scorer's own figures to 5 decimals and keeps each page-variant's F1.
    devset = tmp_path / "dev"
    (devset / "pages").mkdir(parents=True)
    for k in (1, 2):
        (devset / "pages" / f"p-{k}.full.txt").write_text(
            "The ferry ran late on the harbour again this morning, its captain said.\n",
            encoding="utf-8")
    # A stand-in for the dev set's scorer: its table on stdout, its results with --json.
    (devset / "score.py").write_text(
        "import json, sys\n"
        "args = sys.argv[1:]\n"
        "print('tool variant F1')\n"
        "if '--json' in args:\n"
        "    out = args[args.index('--json') + 1]\n"
        "    json.dump({'summary': [{'variant': 'full', 'source': 'p', 'n': 2,\n"
        "                            'P': 0.912346, 'R': 0.987654, 'F1': 0.948561}],\n"
        "               'pages': [{'id': 'p-1', 'variant': 'full', 'f1': 0.9},\n"
        "                         {'id': 'p-2', 'variant': 'full', 'f1': 1.0}]},\n"
        "              open(out, 'w'))\n",
        encoding="utf-8")
    pages = tmp_path / "pages.json"
    done = subprocess.run([sys.executable, str(BENCH / "devset.py"), "--devset", str(devset),
                           "--variants", "full", "--pages", str(pages)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "full      p        n=   2 P=0.91235 R=0.98765 F1=0.94856" in done.stdout
    assert json.loads(pages.read_text()) == {"p-1.full": 0.9, "p-2.full": 1.0}
    plain = subprocess.run([sys.executable, str(BENCH / "devset.py"), "--devset",
                            str(devset), "--variants", "full"], capture_output=True, text=True)
    assert plain.returncode == 0 and "F1=0.94856" not in plain.stdout


def test_dedup_benchmark_parses_the_large_json_files_in_children(tmp_path, monkeypatch):
    # A forked command starts with its parent's peak RSS as its own (kept across exec):
    # once the benchmark had parsed the 100,000-file truth or report, copydesk was credited
    # with 1,230 MB and the naive pipeline with 2,568. The parent must not parse them.
    dedup = _dedup_module()
    monkeypatch.setattr(dedup, "OUT", str(tmp_path))

    def refuse(*args, **kwargs):
        raise AssertionError("a large JSON file parsed in the measuring process")

    monkeypatch.setattr(dedup.json, "load", refuse)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    assert not dedup._has_corpus(str(corpus), truth=False)  # no truth file: cut short
    (corpus / "truth.json").write_text('{"dups": [', encoding="utf-8")
    assert not dedup._has_corpus(str(corpus), truth=False)  # a broken one: cut short
    (corpus / "truth.json").write_text('{"dups": [], "templates": []}', encoding="utf-8")
    assert dedup._has_corpus(str(corpus), truth=False)
    assert not dedup._has_corpus(str(corpus), truth=True)
    (corpus / "truth.json").write_text('{"dups": [[1, 2]]}', encoding="utf-8")
    assert dedup._has_corpus(str(corpus), truth=True)
    (corpus / "a.txt").write_text("A first paragraph of an article with enough words in it.\n")
    assert dedup.run_copydesk(str(corpus), 1)["files"] == 1


def test_dedup_benchmark_counts_pages_a_forked_child_shares_once_in_the_tree():
    # A worker forked from a parent holding a buffer shares its pages: summed RSS counted
    # them in each process, twice the memory the machine gave the tree.
    dedup = _dedup_module()
    code = ("import os, time\n"
            "x = b'1' * (300 * 2**20)\n"
            "if os.fork() == 0:\n"
            "    time.sleep(1.5)\n"
            "    os._exit(0)\n"
            "time.sleep(1.5)\n"
            "os.wait()\n")
    result = dedup.measure([sys.executable, "-c", code])
    assert result["rc"] == 0
    assert 300 < result["tree_pss_mb"] < 450  # one buffer (and two interpreters), not two


# A process holding 96 MB of its own that forks two workers, and lets them exit, when told
# ("fork", "exit" on its standard input; it answers each when done). The workers write
# nothing of the 96 MB, so the tree holds it once whatever happens.
_FORKER = """
import os, sys
held = bytearray(96 * 2**20)
for i in range(0, len(held), 4096):
    held[i] = 1
workers, release = [], None
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() == "fork":
        r, release = os.pipe()
        for _ in range(2):
            pid = os.fork()
            if pid == 0:
                os.close(release)  # the read sees the end of the pipe when the parent closes it
                os.read(r, 1)
                os._exit(0)
            workers.append(pid)
        os.close(r)
    else:
        os.close(release)
        for pid in workers:
            os.waitpid(pid, 0)
        workers = []
    print("done", flush=True)
if workers:  # standard input closed with workers still there: they leave with us
    os.close(release)
    for pid in workers:
        os.waitpid(pid, 0)
"""


class _Forker:
    """The process above, and a stand-in for `dedup._pss` that reads the first process
    of a sample as usual, then has the forker fork or let its workers exit (whichever
    `event` says) before the rest of the sample is read, once."""

    def __init__(self, dedup, event: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", _FORKER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline() == "ready\n"
        self.pss, self.event, self.pending = dedup._pss, event, True

    def tell(self, what: str) -> None:
        self.proc.stdin.write(what + "\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline() == "done\n"

    def read(self, pid: int) -> int:
        kb = self.pss(pid)
        if self.pending:
            self.pending = False
            self.tell(self.event)
        return kb

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def test_dedup_benchmark_never_counts_a_parent_forking_during_a_sample_twice(monkeypatch):
    # The tree's processes are read one after another. Read alone just before it forked,
    # then its two new workers with their shares of the same pages, the parent's 96 MB
    # counted 1.7 times (session 30's run at 1,198 MB where the tree held 971).
    dedup = _dedup_module()
    forker = _Forker(dedup, "fork")
    try:
        alone = dedup._tree_pss(forker.proc.pid)
        monkeypatch.setattr(dedup, "_pss", forker.read)
        sampled = dedup._tree_pss(forker.proc.pid)
        monkeypatch.setattr(dedup, "_pss", forker.pss)
        assert not forker.pending  # the workers were forked inside the sample
        after = dedup._tree_pss(forker.proc.pid)
        assert len(dedup._tree_pids(forker.proc.pid)) == 3
    finally:
        forker.close()
    assert abs(sampled - after) < 16 * 1024 and abs(after - alone) < 16 * 1024


def test_dedup_benchmark_never_reads_a_sample_half_before_a_workers_exit(monkeypatch):
    # The other way round: workers read with their share of the parent's pages, then gone
    # (or the parent read with its share, then its workers gone): a sample that mixes the
    # tree before and after an exit is wrong by the workers' share.
    dedup = _dedup_module()
    forker = _Forker(dedup, "exit")
    try:
        forker.tell("fork")
        before = dedup._tree_pss(forker.proc.pid)
        monkeypatch.setattr(dedup, "_pss", forker.read)
        sampled = dedup._tree_pss(forker.proc.pid)
        monkeypatch.setattr(dedup, "_pss", forker.pss)
        assert not forker.pending  # the workers left inside the sample
        after = dedup._tree_pss(forker.proc.pid)
        assert len(dedup._tree_pids(forker.proc.pid)) == 1
    finally:
        forker.close()
    assert abs(sampled - after) < 16 * 1024 and abs(after - before) < 16 * 1024


def test_dedup_benchmark_drops_a_sample_whose_tree_never_holds_still(monkeypatch):
    # A tree that changes during every try gives no figure (the caller keeps its peak so
    # far) rather than a mixed one.
    dedup = _dedup_module()
    lists = iter(range(100))
    monkeypatch.setattr(dedup, "_tree_pids", lambda pid: frozenset({(pid, next(lists))}))
    monkeypatch.setattr(dedup, "_pss", lambda pid: 1)
    assert dedup._tree_pss(1) is None


def test_pss_race_watch_logs_every_sample_of_a_commands_tree(tmp_path):
    # The log that named session 30's 1,198 MB a sampling artefact: each sample with its
    # processes in the order read and whether the tree changed while it was read.
    log = tmp_path / "samples.jsonl"
    code = ("import os, time\n"
            "x = b'1' * (40 * 2**20)\n"
            "pid = os.fork()\n"
            "time.sleep(2.0)\n"
            "os._exit(0) if pid == 0 else os.wait()\n")
    done = subprocess.run([sys.executable, str(BENCH / "pss_race.py"), "watch", "--log",
                           str(log), "--", sys.executable, "-c", code],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.splitlines()[0])
    rows = [json.loads(line) for line in log.read_text().splitlines()]
    assert summary["rc"] == 0 and summary["samples"] == len(rows) > 0
    steady = [r for r in rows if not r["changed"] and len(r["pids"]) == 2]
    assert steady  # the worker was seen beside its parent
    assert all(abs(r["mb"] - sum(mb for _, mb in r["read"])) < 0.2 for r in steady)
    assert 40 < summary["checked_peak_mb"] < 80  # the buffer once, not once a process


def test_train_lines_weighs_only_the_lines_the_classifier_lets_the_model_decide():
    # `--decided-weight` reweighs the rows a rule decided: the model never sets their
    # verdict. Which rows those are must be what the classifier hands the model (a soft
    # rule's and a header list's lines are the model's; a hard rule's, a metadata line's,
    # a block header's and a comment prompt's are not), or the option would take weight
    # off lines the model decides in use.
    from copydesk.core.model import Label, Verdict
    from copydesk.core.rulecodes import rule_code, undecided

    tl = _bench_module("train_lines")
    verdicts = [
        Verdict(Label.BODY),
        Verdict(Label.BOILERPLATE, "date-line", "a soft rule"),
        Verdict(Label.BOILERPLATE, "share-links", "listed under 'Share this'"),
        Verdict(Label.BOILERPLATE, "share-links", "a hard rule"),
        Verdict(Label.METADATA, "byline", "By Ann Lee"),
        Verdict(Label.BOILERPLATE, "related", "a block header rule"),
        Verdict(Label.BOILERPLATE, "comment-prompt", "Leave a reply"),
    ]
    codes = np.array([rule_code(v) for v in verdicts])
    assert len(set(codes.tolist())) == len(verdicts)  # one verdict of each kind
    assert tl.undecided({"code": codes}).tolist() == [undecided(v) for v in verdicts]


def test_train_lines_keeps_a_fixed_body_threshold_where_the_sweep_would_pick_another():
    # `--threshold`: models compared by pipeline CV are written with one body threshold,
    # not the sweep's pick, which moves with the seed and costs the pipeline more than the
    # trees differ (HISTORY session 29). One page per variant: two body lines scored 0.9
    # and a boilerplate line scored 0.5, which any threshold above 0.5 drops.
    tl = _bench_module("train_lines")
    data = {
        "y": np.array([1.0, 1.0, 0.0] * 3),
        "words": np.array([10.0, 10.0, 10.0] * 3),
        "code": np.zeros(9, dtype=np.int64),
        "variant": np.repeat([0, 1, 2], 3),
        "page": np.ones(9, dtype=np.int64),
    }
    groups = tl.page_groups(data)
    p = np.array([0.9, 0.9, 0.5] * 3)
    picked, picked_f1 = tl.body_threshold(data, groups, p)
    fixed, fixed_f1 = tl.body_threshold(data, groups, p, 0.40)
    assert picked > 0.5 and picked_f1["region"] == 1.0
    assert fixed == 0.40 and fixed_f1["region"] == 0.8  # the 0.5 line kept: P 2/3, R 1


def test_shape_table_counts_pages_the_truth_drops_a_shape_on_by_the_outputs_own_place(
        tmp_path):
    # Two invented pages of one site. Each ends with a call to action; the truth drops it on
    # the first page and keeps it on the second, so the shape at the last line is dropped on
    # one page of two. The places are the output's (its last line), not the truth's.
    st = _bench_module("shape_table")

    def line(page, index, text, outside, loss=0.0):
        words = len(re.findall(r"\w+", text))
        return {"page": page, "index": index, "words": words, "outside": outside * words,
                "loss": loss, "text": text}

    prose = ("The harbour master said the ferry would run again once the fog had lifted "
             "from the strait, which the forecasters expected by Thursday afternoon.")
    kept = [
        line("a", 0, prose, 0), line("a", 1, "Subscribe to our newsletter today.", 1, 0.002),
        line("b", 0, prose, 0), line("b", 1, "Subscribe to the harbour's tide alerts.", 0),
        line("b", 2, "", 0),  # a line without words is no line of the table
    ]
    pages = st.by_page(kept)
    assert [len(v) for v in pages.values()] == [2, 2]
    rows = {(place, name): rest for place, name, *rest in st.shape_rows(pages)}
    assert rows["last line", "call-to-action verb first"] == [1, 1, 1, 1, 0.002]
    # Both lines close a run after the page's last paragraph; nothing sits inside.
    assert rows["closing run", "any line"][:4] == [1, 1, 1, 1]
    assert rows["inside", "any line"][:2] == [0, 0]
    # Page a's tail (after its last line in the truth) is the call to action alone.
    assert st.tail_rows(pages) == {"no prose line": (1, 0.002)}
    # The paragraph recurs on both pages of the site: one line each, both in the truth.
    assert st.site_repeats(pages, {"a": "x.org", "b": "x.org"}) == (0, 2, 0.0)
    assert st.site_repeats(pages, {"a": "x.org", "b": "y.org"}) == (0, 0, 0.0)
    path = tmp_path / "kept.json"
    path.write_text(json.dumps(kept), encoding="utf-8")
    shown = subprocess.run([sys.executable, str(BENCH / "shape_table.py"), str(path)],
                           capture_output=True, text=True, check=True).stdout
    assert re.search(r"^last line +call-to-action verb first +2 +1 +50 ", shown, re.MULTILINE)
