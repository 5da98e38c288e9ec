"""Facts of a file's text that the classifier's passes take once per file rather than on
every pass give each pass what it found for itself: the author box's bios under their
name lines, each line's prose and stripped text (`edges.box_facts`)."""

from copydesk.core import edges, prose
from copydesk.core.model import Block, Label, Verdict

ARTICLE = (
    "The council voted on Tuesday to build a new footbridge over the river, after years of "
    "complaints from parents whose children cross the road bridge on their way to school."
)
LINES = [
    ARTICLE,
    "Lena Ward",
    "Lena Ward is a transport planner and writes about towns and their streets every week.",
    "  Tom Ellery  ",
    "Tom Ellery, a former teacher, reports on schools and the families who depend on them.",
    "",
    "Power BI",
    "Power BI is a tool.",  # too short for a bio
    "the council",
    "the council is a body of elected members who meet every month in the town hall here.",
    "Ana Ruiz",
    "Ana Ruiz, from Madrid, covers housing, rents and the people who build and sell the homes.",
    "Ana Ruiz",
    "Ana Ruizová píše o bydlení a o lidech, kteří domy stavějí a prodávají za vysoké ceny.",
    "Иван Петров",
    "Иван Петров — журналист, пишет о городах и их улицах каждую неделю уже много лет подряд.",
    ARTICLE,
]


def _blocks(lines: list[str]) -> list[Block]:
    return [Block(n + 1, n + 1, n + 1, text) for n, text in enumerate(lines)]


def test_box_openers_are_the_lines_each_pass_would_find():
    blocks = _blocks(LINES)
    expected = {i for i in range(len(blocks)) if edges._opens_box(blocks, i)}
    assert edges.box_openers(blocks) == expected
    facts = edges.box_facts(blocks)
    assert facts.openers == expected
    assert facts.prose == [prose.is_prose(line) for line in LINES]
    assert facts.stripped == [line.strip() for line in LINES]
    # Lines of a few words over a bio: not the short bio's ("Power BI").
    assert facts.name_lines == [1, 3, 8, 10, 12, 14]
    assert expected == {2, 4, 11, 15}  # not the short one, the lower-case one, "Ruizová"


def test_the_author_box_pass_judges_alike_with_its_facts_given_or_not():
    lines = [ARTICLE] * 4 + LINES[1:5] + [ARTICLE] + ["Lena Ward", LINES[2]]
    blocks = _blocks(lines)
    for rows in (list(range(len(lines))), list(range(0, len(lines) - 2)), [0, 1, 2, 3, 9, 10]):
        found = []
        for facts in (None, edges.box_facts(blocks)):
            verdicts = [Verdict(Label.BODY, "line-model", "") for _ in lines]
            changed = edges.author_boxes(blocks, verdicts, rows, facts)
            found.append((changed, verdicts))
        assert found[0] == found[1]
    # One box after the article: it goes, as without the openers.
    boxed = _blocks([ARTICLE] * 4 + LINES[1:3])
    verdicts = [Verdict(Label.BODY, "line-model", "") for _ in boxed]
    assert edges.author_boxes(boxed, verdicts, list(range(6)), edges.box_facts(boxed))
    assert [v.rule == "author-box" for v in verdicts] == [False] * 4 + [True, True]


def test_tables_found_with_a_memo_across_passes_are_the_tables_found_afresh():
    """`tables.find_tables` with the file's memo of runs read on earlier passes finds, on
    any subset of the file's lines, what it finds without one."""
    import random

    from copydesk.core import tables

    league = ["Team", "Played", "Points"]
    for k, team in enumerate(["Rovers", "Harbour", "Castle", "Wanderers", "Mill", "Quay"]):
        league += [team, str(10 + k), str(31 - 3 * k)]
    plan = ["Mon", "Rest", "Tue", "6 miles", "Wed", "4 miles", "Thu", "Rest", "Fri", "8 miles"]
    texts = [ARTICLE, *league, ARTICLE, *plan, *league[3:], ARTICLE]
    shapes = tables.shapes(texts)
    rng = random.Random(5)
    memo: dict = {}
    found_some = 0
    for _ in range(200):
        rows = sorted(rng.sample(range(len(texts)), rng.randint(1, len(texts))))
        sub_texts, sub_shapes = [texts[i] for i in rows], [shapes[i] for i in rows]
        afresh = tables.find_tables(sub_texts, sub_shapes)
        assert tables.find_tables(sub_texts, sub_shapes, rows, memo) == afresh
        found_some += bool(afresh)
    everything = list(range(len(texts)))
    assert tables.find_tables(texts, shapes, everything, memo) == tables.find_tables(texts)
    assert found_some > 20 and tables.find_tables(texts)


def test_a_file_that_may_hold_no_code_block_holds_none_in_any_subset():
    """`code.may_hold_blocks` is False only for files none of whose subsets `find_blocks`
    finds a block in, and the pass skips the search alike."""
    import random

    from copydesk.core import code, context

    pool = [
        ARTICLE,
        "Then edit the file as follows:",
        "server {",
        "listen 80;",
        "}",
        "```bash",
        "```",
        "| Team | Points |",
        "| --- | --- |",
        "| Rovers | 30 |",
        "Subheading without a stop",
        "Share this",
    ]
    rng = random.Random(3)
    plain = [line for line in pool if line[-1:] not in "{;},)]" and line[:1] not in "`|"]
    assert not code.may_hold_blocks(plain)
    # Code lines with no line ending in a colon above them open no block.
    assert not code.may_hold_blocks(["server {", "listen 80;", "}", "Then edit it:"])
    assert code.may_hold_blocks(["Then edit it:", ARTICLE, "server {", "listen 80;", "}"])
    found = 0
    for _ in range(300):
        texts = [rng.choice(pool) for _ in range(rng.randint(1, 14))]
        possible = code.may_hold_blocks(texts)
        for _ in range(5):
            rows = sorted(rng.sample(range(len(texts)), rng.randint(1, len(texts))))
            blocks = code.find_blocks([texts[i] for i in rows])
            assert possible or not blocks
            found += bool(blocks)
            verdicts = [Verdict(Label.BOILERPLATE, "line-model", "") for _ in texts]
            again = list(verdicts)
            assert context.code_blocks(texts, verdicts, rows) == context.code_blocks(
                texts, again, rows, possible
            )
            assert verdicts == again
    assert found > 50


def test_a_file_with_fewer_time_codes_than_a_transcript_needs_has_no_transcript():
    # `transcripts.may_hold` lets the pass skip such files: on them the pass never
    # changes a verdict, whatever the model made of each line.
    from copydesk.core import transcripts

    turn = "We talked about the harbour, the ferries and the night the tanker lost power."
    for codes in (0, 1, 2, 3):
        lines = [ARTICLE]
        for n in range(codes):
            lines += [f"00:0{n}:15", turn]
        lines += [turn, "Share this episode"]
        blocks = _blocks(lines)
        assert transcripts.may_hold(blocks) == (codes >= transcripts.MIN_CODES)
        for keep in (True, False):
            label = Label.BODY if keep else Label.BOILERPLATE
            verdicts = [Verdict(label, None if keep else "line-model", "") for _ in lines]
            changed = transcripts.transcripts(blocks, verdicts, list(range(len(lines))))
            if not transcripts.may_hold(blocks):
                assert not changed
        if codes >= transcripts.MIN_CODES:
            verdicts = [Verdict(Label.BODY, None, "") for _ in lines]
            verdicts[-3] = Verdict(Label.BOILERPLATE, "line-model", "")  # the last turn
            assert transcripts.transcripts(blocks, verdicts, list(range(len(lines))))


# Lines that the passes skipped by a file's facts act on (and near misses), for random
# files: an intro and its items, short intros ending with a colon (both colons), a
# gallery's counters, a live blog's stamps, another story's headline, prose around them.
LONG = " ".join([ARTICLE] * 3)  # prose enough around another story's headline
_SKIP_POOL = [
    ARTICLE,
    LONG,
    "We spoke to parents, teachers and the engineers who drew the plans for the crossing.",
    "Here are the projects my friends shared with me this month:",
    "The plan covers four kinds of session, each an hour long：",  # a fullwidth colon
    "Here Are The Projects My Friends Shared With Me:",  # title case: a label
    "Watch:",
    "Смотрите видео：",
    "Read the full report: council minutes, plans and the budget for the bridge work",
    "A garden shed",
    "A reading nook",
    "A bird table",
    "1 / 8",
    "2 / 8",
    "3 / 8",
    "14:31",
    "2:05 pm",
    "10:20 Uhr",
    " 9:05 am",  # a space before it: `\s*`
    "\u0967\u0966:\u0969\u0966",  # Devanagari digits: `\d`
    "90+3'",  # a match's minutes: a live ticker's stamps
    "78'",
    "12’",
    "Mali finalises takeover of gold mines in lengthy dispute with operators",
    "Storm hits coast",
]
_SKIP_VERDICTS = [
    Verdict(Label.BODY),
    Verdict(Label.BODY, "line-model", "date-line (14:31); kept"),
    Verdict(Label.BOILERPLATE, "line-model", "line model"),
    Verdict(Label.BOILERPLATE, "date-line", "14:31"),
    Verdict(Label.BOILERPLATE, "symbol-line", "no words"),
    # (No verdict of "introduced-list": only its pass gives that rule, after an intro.)
]


def _may_introduce(texts):
    """The classifier's gate on `introlists.introduced_lists` (`_FileFacts.intros`)."""
    from copydesk.core import introlists

    return bool(introlists.intro_lines(texts))


class _Open(tuple):
    """A file's intro lines, true even when there are none: the gate on them forced open."""

    def __bool__(self) -> bool:
        return True


def test_a_pass_skipped_by_a_file_fact_would_have_changed_nothing():
    """`_FileFacts` skips `introduced_lists`, `orphan_intros`, `position_counters`,
    `post_stamps` and `offtopic.headlines_between` where a fact of the file's text says
    they can find nothing: on such files each, run on any lines in play with any verdicts,
    changes none; and on the files where the fact holds, each changes some."""
    import random

    from copydesk.core import introlists, offtopic

    passes = [
        (_may_introduce, True,
         lambda b, t, v, r: introlists.introduced_lists(t, v, r)),
        (edges.may_orphan, False, lambda b, t, v, r: edges.orphan_intros(b, v, r)),
        (edges.may_count, False, lambda b, t, v, r: edges.position_counters(b, v, r)),
        (edges.may_stamp, False, lambda b, t, v, r: edges.post_stamps(b, v, r)),
        (offtopic.may_hold, False, lambda b, t, v, r: offtopic.headlines_between(b, v, r)),
    ]
    rng = random.Random(26)
    changed_where_possible = [0] * len(passes)
    for _ in range(3000):
        lines = []
        for _ in range(rng.randint(1, 6)):  # small files: the lines at their edges matter
            # A line, or one under another, as a stamp or a headline sits over prose.
            lines += [rng.choice(_SKIP_POOL)] + [LONG] * (rng.random() < 0.4)
        blocks = _blocks(lines)
        for n, (fact, on_texts, run) in enumerate(passes):
            possible = fact(lines) if on_texts else fact(blocks)
            for _ in range(3):
                rows = sorted(rng.sample(range(len(lines)), rng.randint(1, len(lines))))
                # Prose mostly kept, as it is (the passes read kept prose around a line).
                verdicts = [
                    _SKIP_VERDICTS[0] if line in (ARTICLE, LONG) and rng.random() < 0.8
                    else rng.choice(_SKIP_VERDICTS)
                    for line in lines
                ]
                before = list(verdicts)
                changed = run(blocks, lines, verdicts, rows)
                if not possible:
                    assert not changed and verdicts == before, (fact.__name__, lines, rows)
                changed_where_possible[n] += changed
    stamps = 3  # (a live blog's stamps, rare in random files, are checked below)
    assert min(changed_where_possible[:stamps] + changed_where_possible[stamps + 1 :]) > 0
    # Three stamps over posts, one with a space before it, one in Devanagari digits.
    blocks = _blocks(["14:31", LONG, " 9:05 am", LONG, "\u0967\u0966:\u0969\u0966", LONG])
    assert edges.may_stamp(blocks)
    verdicts = [
        Verdict(Label.BODY, "line-model", "date-line (a time); kept") if k % 2 == 0
        else Verdict(Label.BODY)
        for k in range(6)
    ]
    assert edges.post_stamps(blocks, verdicts, list(range(6)))
    # Three minutes of a match over posts, the first kept.
    blocks = _blocks(["90+3'", ARTICLE, "78'", ARTICLE, "12’", ARTICLE])
    assert edges.may_stamp(blocks)
    verdicts = [Verdict(Label.BODY)] + [_SKIP_VERDICTS[2]] * 5
    assert edges.post_stamps(blocks, verdicts, list(range(6)))
    # A list announced by a sentence ending with a fullwidth colon.
    lines = [_SKIP_POOL[4], "A garden shed", "A reading nook", "A bird table"]
    assert introlists.intro_lines(lines)
    verdicts = [Verdict(Label.BODY)] + [_SKIP_VERDICTS[2]] * 3
    assert introlists.introduced_lists(lines, verdicts, [0, 1, 2, 3])
    # Another story's headline as the second line of three, where the first can be.
    blocks = _blocks([LONG, _SKIP_POOL[-2], LONG])
    assert offtopic.may_hold(blocks)
    assert offtopic.headlines_between(blocks, [Verdict(Label.BODY)] * 3, [0, 1, 2])


def test_the_passes_a_file_fact_skips_leave_the_verdicts_of_whole_pages_alike(monkeypatch):
    """Classified with every such fact forced true (each pass run on every pass), the pages
    of the samples and fixtures get the verdicts they get with the passes skipped."""
    from pathlib import Path

    from copydesk.core import classify, introlists, offtopic, postblocks
    from copydesk.core.analyze import load
    from copydesk.core.config import Config
    from copydesk.core.model import Source

    root = Path(__file__).resolve().parent
    pages = sorted((root.parent / "samples").glob("*.txt"))
    pages += sorted((root / "fixtures" / "kinds").glob("*.txt"))[:20]
    pages.append(root / "fixtures" / "kinds11" / "is-spjall.txt")  # numbered post headers
    assert len(pages) >= 10
    config = Config()
    files = [
        load(Source(display=p.name, relpath=p.name, path=str(p)), config).blocks
        for p in pages
    ]
    skipped = [r.verdicts for r in classify.Classifier(config).classify_many(files)]
    for module, name in [(edges, "may_orphan"), (edges, "may_count"), (edges, "may_stamp")]:
        monkeypatch.setattr(module, name, lambda *_: True)  # (blocks[, flags])
    # Another story's headlines: the pass on every pass, walking every kept line rather
    # than the file's headline-shaped lines.
    headlines_between = offtopic.headlines_between
    monkeypatch.setattr(offtopic, "shaped_lines", lambda blocks: _Open())
    monkeypatch.setattr(
        offtopic, "headlines_between", lambda b, v, r, shaped=None: headlines_between(b, v, r)
    )
    # The file's intro lines are what `kept_list_intros` reads; only the gate they are
    # (`if facts.intros`) is forced open, so `introduced_lists` runs on every pass.
    intro_lines = introlists.intro_lines
    monkeypatch.setattr(
        introlists, "intro_lines", lambda texts, *flags: _Open(intro_lines(texts, *flags))
    )
    # Every line a post header's candidate (without keys shared by three lines, fewer than
    # three can open with a number, and none is asked).
    monkeypatch.setattr(
        postblocks, "numbered_lines", lambda keys: None if keys is None else list(range(len(keys)))
    )
    every = [r.verdicts for r in classify.Classifier(config).classify_many(files)]
    assert skipped == every


def test_the_tables_set_up_reads_are_those_the_first_pass_reads():
    """`tables.original_cells` with the file's memo finds the cells it finds without one and
    leaves in the memo what a first pass over every line would put there, so that pass (and
    the classifier's, `Classifier._set_up`) reads no run of cells a second time."""
    from pathlib import Path

    from copydesk.core import tables
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.segment import segment

    folder = Path(__file__).parent / "fixtures" / "tables"
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text().splitlines()
        for texts in (lines, [ARTICLE, *lines, ARTICLE, *lines[3:]]):
            shapes = tables.shapes(texts)
            memo: dict = {}
            assert tables.original_cells(texts, shapes, memo) == tables.original_cells(texts)
            first_pass: dict = {}
            everything = list(range(len(texts)))
            found = tables.find_tables(texts, shapes, everything, first_pass)
            assert memo == first_pass and found
            assert tables.find_tables(texts, shapes, everything, memo) == found
    # The classifier's set-up leaves them in the file's memo for its passes.
    text = "\n".join([ARTICLE, *(folder / "league-table.txt").read_text().splitlines()])
    classifier = Classifier(Config())
    blocks = segment(text + "\n")[0]
    verdicts = classifier.rule_pass(blocks, "en")
    _, facts = classifier._set_up(blocks, verdicts)
    first_pass = {}
    everything = list(range(len(blocks)))
    assert tables.find_tables(facts.texts, facts.shapes, everything, first_pass)
    assert facts.tables == first_pass
