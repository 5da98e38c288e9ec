"""Decisions from verified pairs: within-file drops, clusters, links, documents, policies."""

import json
from pathlib import Path

from story_paragraphs import P1, P1_EDITED, P2, P3
from typer.testing import CliRunner

from copydesk.cli.app import app

P4 = (
    "Council members will discuss compensation for affected businesses at their next "
    "meeting, which is scheduled for the second Tuesday of next month in the town hall."
)
OTHER = (
    "The library on Bridge Street will stay open late on Wednesdays through the summer, "
    "with reading clubs for children and a quiet room for students preparing exams."
)


def _write(root: Path, files: dict[str, list[str]]) -> None:
    for name, paragraphs in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _run(tmp_path: Path, files: dict[str, list[str]], *flags: str) -> dict:
    src = tmp_path / "in"
    _write(src, files)
    report = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["clean", str(src), "--out", str(tmp_path / "out"), "--report", str(report), *flags]
    )
    assert result.exit_code == 0, result.output
    return json.loads(report.read_text(encoding="utf-8"))


def _entry(report: dict, name: str) -> dict:
    return next(f for f in report["files"] if f["input"].endswith(name))


def test_repeat_inside_a_file_is_dropped_and_points_at_the_kept_paragraph(tmp_path):
    report = _run(tmp_path, {"a.txt": [P1, P2, P1_EDITED, P2]})
    removed = _entry(report, "a.txt")["removed"]
    assert [(r["paragraph"], r["reason"]["duplicate_of"]["paragraph"]) for r in removed] == [
        (3, 1),
        (4, 2),
    ]
    assert 0.5 <= removed[0]["reason"]["duplicate_of"]["jaccard"] < 1.0
    assert removed[1]["reason"]["duplicate_of"]["jaccard"] == 1.0
    out = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert out == f"{P1}\n\n{P2}\n"


def test_inside_a_file_only_a_capture_of_the_same_paragraph_is_a_repeat(tmp_path):
    # Picks written from one pattern, and a paragraph whose figure changed, are items of the
    # article: a near-duplicate inside a file must be long and agree on every fact.
    pick_a = "Best for: commuters who want the lightest folding frame"
    pick_b = "Best for: commuters who want the sturdiest folding frame"
    fare = P1.replace("three more weeks", "3 more weeks on 2 sites for 4 crews")
    fare_b = fare.replace("4 crews", "5 crews")
    report = _run(tmp_path, {"a.txt": [pick_a, P2, pick_b, fare, fare_b]})
    assert _entry(report, "a.txt")["removed"] == []
    out = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert out == "\n\n".join([pick_a, P2, pick_b, fare, fare_b]) + "\n"
    # The same two paragraphs in two files: an edited copy may replace one fact in three.
    across = _run(tmp_path / "across", {"a.txt": [fare], "b.txt": [fare_b]})
    [cluster] = across["clusters"]
    assert [m["file"][-5:] for m in cluster["members"]] == ["a.txt", "b.txt"]


def test_a_near_repeat_alone_amid_other_text_is_the_articles_own_and_stays(tmp_path):
    # A paragraph that resembles an earlier one, with no repeat before or after it, is the
    # article's parallel writing (a point restated, the same sentence about another item).
    article = [P1, P2, P3, P1_EDITED, OTHER]
    report = _run(tmp_path, {"a.txt": article})
    assert _entry(report, "a.txt")["removed"] == []
    out = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert out == "\n\n".join(article) + "\n"
    # The report still says the two are near-duplicates: a link inside the file.
    [link] = report["links"]
    assert link["kind"] == "near"
    assert (link["a"]["file"], link["a"]["paragraph"]) == (link["b"]["file"], 1)
    assert link["b"]["paragraph"] == 4 and link["a"]["file"].endswith("a.txt")
    assert 0 < link["jaccard"] < 1 and link["containment"] >= link["jaccard"]
    lines = CliRunner().invoke(
        app, ["clean", str(tmp_path / "in"), "--format", "jsonl", "--quiet"]
    ).stdout.splitlines()
    [pair] = [json.loads(line) for line in lines]
    assert (pair["kind"], pair["same_file"]) == ("near", True)


def test_a_body_captured_again_goes_even_where_each_copy_was_edited(tmp_path):
    # The second capture is a run of repeats: near copies beside near copies all go.
    p2_edited = P2.replace("complained", "said")
    p3_edited = P3.replace("apologised", "said sorry")
    report = _run(tmp_path, {"a.txt": [P1, P2, P3, OTHER, P1_EDITED, p2_edited, p3_edited]})
    removed = _entry(report, "a.txt")["removed"]
    assert [(r["paragraph"], r["reason"]["duplicate_of"]["paragraph"]) for r in removed] == [
        (5, 1),
        (6, 2),
        (7, 3),
    ]
    out = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert out == "\n\n".join([P1, P2, P3, OTHER]) + "\n"


def test_across_files_near_duplicates_cluster_with_the_first_as_canonical(tmp_path):
    report = _run(tmp_path, {"b.txt": [OTHER, P1_EDITED], "a.txt": [P1, P2]})
    [cluster] = report["clusters"]
    assert cluster["canonical"]["file"].endswith("a.txt")
    assert [m["file"][-5:] for m in cluster["members"]] == ["a.txt", "b.txt"]
    assert 0.5 <= cluster["members"][1]["jaccard"] < 1.0
    # By default, copies in other files are reported, not removed.
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == f"{OTHER}\n\n{P1_EDITED}\n"


def test_syndicated_copy_is_a_document_duplicate_and_can_be_left_out(tmp_path):
    files = {"a.txt": [P1, P2, P3, P4], "b.txt": [P1_EDITED, P2, P3, P4], "c.txt": [OTHER]}
    report = _run(tmp_path, files)
    [doc] = report["documents"]
    assert doc["file"].endswith("b.txt") and doc["duplicate_of"].endswith("a.txt")
    assert doc["score"] == 1.0 and doc["paragraphs"] == 4
    dropped = _run(tmp_path / "again", files, "--drop-duplicate-docs")
    assert _entry(dropped, "b.txt")["status"] == "duplicate"
    assert not (tmp_path / "again" / "out" / "b.txt").exists()
    assert (tmp_path / "again" / "out" / "a.txt").exists()


def test_drop_seen_paragraphs_removes_what_an_earlier_file_already_has(tmp_path):
    files = {"a.txt": [P1, P2], "b.txt": [P1_EDITED, OTHER]}
    report = _run(tmp_path, files, "--drop-seen-paragraphs")
    [removed] = _entry(report, "b.txt")["removed"]
    assert removed["reason"]["rule"] == "seen-paragraph"
    assert removed["reason"]["duplicate_of"]["file"].endswith("a.txt")
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == f"{OTHER}\n"
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == f"{P1}\n\n{P2}\n"


def test_short_paragraph_quoted_inside_a_longer_one_is_linked_not_clustered(tmp_path):
    quote = "Repairs to the main pipeline under the old market square would take three weeks."
    report = _run(tmp_path, {"a.txt": [quote, OTHER], "b.txt": [P1, P2]})
    assert report["clusters"] == []
    [link] = report["links"]
    assert link["kind"] == "contained"
    assert link["a"]["file"].endswith("a.txt") and link["b"]["file"].endswith("b.txt")
    assert link["containment"] >= 0.8


def test_a_line_repeated_in_every_file_is_one_cluster(tmp_path):
    line = "The harbour walk remains the best place to watch the fishing boats come in at dusk."
    stories = [P1, P2, P3, P4, OTHER]
    files = {f"d{k:03d}.txt": [stories[k % 5], line] for k in range(60)}
    report = _run(tmp_path, files)
    repeated = [c for c in report["clusters"] if c["files"] == 60]
    assert len(repeated) == 1
    assert repeated[0]["canonical"] == {
        "file": repeated[0]["members"][0]["file"],
        "paragraph": 2,
        "lines": [3, 3],
    }
    assert repeated[0]["canonical"]["file"].endswith("d000.txt")
    assert len(repeated[0]["members"]) == 60


# --- the resolution's tables, on generated corpora ------------------------------------
def _corpus_files(seed: int, n_files: int) -> dict[str, list[str]]:
    """Files of invented paragraphs: some files copy (and trim) an earlier one, some quote a
    sentence of another; names are not in the files' order."""
    import random

    rng = random.Random(seed)
    vocab = [f"{rng.choice('bcdfgklmnprstvz')}{rng.choice('aeiou')}{rng.choice('lmnrst')}"
             f"{rng.choice('aeiou')}{k}" for k in range(3000)]
    files: dict[str, list[str]] = {}
    for _ in range(n_files):
        name = f"site{rng.randrange(5)}/{rng.randrange(10**6):06d}.txt"
        paragraphs = [" ".join(rng.choice(vocab) for _ in range(rng.randrange(12, 40)))
                      for _ in range(rng.randrange(3, 8))]
        if files and rng.random() < 0.4:  # a copy of an earlier file, trimmed
            paragraphs = list(rng.choice(list(files.values())))[: rng.randrange(2, 8)]
        if files and rng.random() < 0.5:  # a quoted sentence of another file
            words = rng.choice(rng.choice(list(files.values()))).split()
            k = rng.randrange(max(1, len(words) - 9))
            paragraphs.insert(1, " ".join(words[k : k + 9]))
        files[name] = paragraphs
    return files


def _resolved(files: dict[str, list[str]]):
    import numpy as np

    from copydesk.core.config import Config
    from copydesk.core.fingerprint import Fingerprinter
    from copydesk.core.match import find_matches
    from copydesk.core.pipeline import match_params
    from copydesk.core.resolve import ParagraphRefs, Policy, resolve

    config = Config()
    texts, file, para = [], [], []
    for f, paragraphs in enumerate(files.values()):
        for k, text in enumerate(paragraphs):
            texts.append(text)
            file.append(f)
            para.append(k + 1)
    prints = Fingerprinter(config).prints(texts)
    ints = [np.array(v, dtype=np.int64) for v in (file, para, para, para)]
    refs = ParagraphRefs(list(files), *ints)
    matches = find_matches(prints, match_params(config))
    return prints, matches, refs, resolve(prints, matches, refs, Policy())


def test_clusters_and_links_read_the_same_whether_iterated_indexed_or_sliced():
    _, _, _, res = _resolved(_corpus_files(1, 120))
    clusters, links = list(res.clusters), list(res.links)
    assert len(clusters) == len(res.clusters) > 10 and len(links) == len(res.links) > 10
    assert [res.clusters[i] for i in range(len(clusters))] == clusters
    assert res.clusters[-1] == clusters[-1] and res.links[-2] == links[-2]
    assert res.clusters[3:9:2] == clusters[3:9:2] and res.links[::5] == links[::5]
    for cluster in clusters:  # across files, canonical first, scored against it
        assert len({m.file for m in cluster.members}) > 1
        assert cluster.members[0].jaccard == 1.0 and cluster.members[0].containment is None
    import pytest

    with pytest.raises(IndexError):
        res.links[len(links)]


def test_links_are_ordered_by_file_name_not_by_file_number():
    files = _corpus_files(2, 120)
    assert list(files) != sorted(files)
    _, _, _, res = _resolved(files)
    keys = [(p.a.file, p.a.paragraph, p.b.file, p.b.paragraph) for p in res.links]
    assert len(keys) > 10 and keys == sorted(keys)
    assert all(p.a.file != p.b.file for p in res.links)


def test_filtering_the_tables_by_file_keeps_what_touches_those_files():
    import numpy as np

    files = _corpus_files(3, 120)
    _, _, _, res = _resolved(files)
    chosen = np.zeros(len(files), dtype=bool)
    chosen[::3] = True
    names = {name for name, keep in zip(files, chosen, strict=True) if keep}
    assert list(res.clusters.with_member_in(chosen)) == [
        c for c in res.clusters if any(m.file in names for m in c.members)]
    assert list(res.links.touching(chosen)) == [
        p for p in res.links if p.a.file in names or p.b.file in names]
    assert 0 < len(res.links.touching(chosen)) < len(res.links)


def test_documents_scored_in_blocks_of_files_match_scoring_all_at_once(monkeypatch):
    import copydesk.core.resolve as resolve_module

    files = _corpus_files(4, 150)
    prints, matches, refs, whole = _resolved(files)
    monkeypatch.setattr(resolve_module, "DOC_BLOCK_ROWS", 3)
    blocks = resolve_module.resolve(prints, matches, refs, resolve_module.Policy())
    assert len(whole.doc_dups) > 10
    assert blocks.doc_dups == whole.doc_dups


def test_resolution_needs_only_the_shingle_sets():
    prints, matches, refs, whole = _resolved(_corpus_files(5, 120))
    from copydesk.core.resolve import Policy, resolve

    light = resolve(prints.shingles_only(), matches, refs, Policy())
    assert list(light.clusters) == list(whole.clusters)
    assert list(light.links) == list(whole.links)
    assert light.drops == whole.drops and light.doc_dups == whole.doc_dups


# An invented listing of walks: each entry its own description, then the same two
# practical lines that the organisers print under every walk.
WALKS = [
    "The Saturday heron walk follows the lower river path from the old mill to the reed "
    "beds, where the colony nests in the alders every spring.",
    "The Sunday orchard walk climbs through the cider orchards above the village and comes "
    "back along the ridge with views across the whole valley.",
    "The Tuesday evening walk circles the flooded gravel pits at dusk, when the bats come "
    "out over the water and the swifts go up to roost.",
    "The Thursday lichen walk spends two slow hours in the churchyard and along the old "
    "stone walls, with hand lenses lent by the county naturalists.",
]
MEETING = "Meet at the car park by the bridge at nine; walks last about two hours."
BOOTS = "Stout boots are needed as the paths are muddy after rain, and dogs stay on leads."


def test_a_line_every_entry_of_a_listing_repeats_stays_under_each_entry(tmp_path):
    # The same field under three entries or more, between their own descriptions, is part
    # of each entry; a reader of the listing needs every copy.
    listing = [*(part for walk in WALKS for part in (walk, MEETING)), OTHER]
    report = _run(tmp_path, {"a.txt": listing})
    assert _entry(report, "a.txt")["removed"] == []
    # Two fields in a row are still one entry's fields.
    paired = [*(part for walk in WALKS for part in (walk, MEETING, BOOTS)), OTHER]
    report = _run(tmp_path / "paired", {"a.txt": paired})
    assert _entry(report, "a.txt")["removed"] == []


def test_a_line_repeated_once_or_in_a_long_run_or_at_the_end_is_still_a_repeat(tmp_path):
    # Shown twice (a card in a carousel), it goes as before.
    report = _run(tmp_path, {"a.txt": [WALKS[0], MEETING, WALKS[1], MEETING, WALKS[2]]})
    assert [r["paragraph"] for r in _entry(report, "a.txt")["removed"]] == [4]
    # Three paragraphs again in a row are a body captured again, whatever recurs.
    body = [WALKS[0], MEETING, BOOTS, P1]
    again = [*body, WALKS[1], MEETING, BOOTS, P1, WALKS[2], MEETING, BOOTS, P1, WALKS[3]]
    report = _run(tmp_path / "run", {"a.txt": again})
    assert [r["paragraph"] for r in _entry(report, "a.txt")["removed"]] == [6, 7, 8, 10, 11, 12]
    # A copy with nothing after it ends the file as a capture does, and does not count:
    # the one copy left between entries is a card shown twice.
    tail = [WALKS[0], MEETING, WALKS[1], MEETING, WALKS[2], MEETING]
    report = _run(tmp_path / "tail", {"a.txt": tail})
    assert [r["paragraph"] for r in _entry(report, "a.txt")["removed"]] == [4, 6]
    # With one entry more, the two copies between entries stay and the last goes.
    tail = [*tail[:-1], MEETING, WALKS[3], MEETING]
    report = _run(tmp_path / "tail4", {"a.txt": tail})
    assert [r["paragraph"] for r in _entry(report, "a.txt")["removed"]] == [8]


def test_a_text_whose_first_paragraph_goes_as_a_near_repeat_counts_one_copy_fewer(tmp_path):
    # P1_EDITED first comes back with P2 as a capture of the story (both go); its two later
    # copies between walks would be the only ones left, a card shown twice: they go too,
    # as they would when the clean text is cleaned again.
    page = [P1, P2, WALKS[0], P1_EDITED, P2, WALKS[1], P1_EDITED, WALKS[2], P1_EDITED, WALKS[3]]
    report = _run(tmp_path, {"a.txt": page})
    assert [r["paragraph"] for r in _entry(report, "a.txt")["removed"]] == [4, 5, 7, 9]


def test_a_line_shown_twice_in_a_row_is_no_field_of_a_listing(tmp_path):
    # A sign-up box drawn twice (for two screen sizes) under every entry: its text stands
    # next to itself, which a listing's field never does, and its copies go.
    page = [*(part for walk in WALKS for part in (walk, MEETING, MEETING)), OTHER]
    report = _run(tmp_path, {"a.txt": page})
    assert [r["paragraph"] for r in _entry(report, "a.txt")["removed"]] == [3, 5, 6, 8, 9, 11, 12]
