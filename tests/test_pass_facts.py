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
