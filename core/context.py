"""Layer 4 of the classification (see `classify.py`): passes that judge a line by the
lines around it, on the lines still in play. The headline and captions, titles repeated
in the file, a header whose list went, table cells and code blocks inside the article,
dated record lists and what follows the article, tables of contents, the name of a
person over a headline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice
from operator import sub

from . import code, leadtitles, linescan, titles, trailers
from .contents import Lines, contents_lines
from .islands import MIN_GAP_LINES, stray_islands
from .model import BODY, Block, Label, Verdict, keep_removed, model_removal
from .prose import NUMBERED, is_prose, is_title_like, prose_of, word_count
from .records import MIN_RECORDS, close_enough, find_record_lists
from .records import shape as record_shape
from .repeats import Repeats
from .rulecodes import (
    IN_BODY_RULES,
    OVERRULING_RULES,
    SOFT_RULES,
    listed_detail,
    overruled_soft_rule,
    rule_code,
    ruled,
    taken_by_header,
)
from .tables import MIN_ROWS, RunTable, find_tables

# How far above the body the headline is looked for: up to HEADLINE_WINDOW lines the model
# removed (a menu, a date line, a byline no rule knows), and lines rules removed between
# them (share bars, credits), HEADLINE_REACH lines in all.
HEADLINE_WINDOW, HEADLINE_REACH = 6, 16
# A title of three words ("Senior Data Engineer", "Margaret Ellen Harper", "Harbourside 2-1
# Millbrook": a job's, a person's, a match's) is the headline only for its vocabulary, when
# the body's start holds this share of it: a menu item or a section's name of three words
# may share some of it too.
SHORT_HEADLINE_WORDS, SHORT_SHARED = 3, 0.6
# A headline over its deck shares this much of the body's vocabulary at least, and at most
# DECK_MARGIN less than the deck does (see `_above_its_deck`).
DECK_SHARED, DECK_MARGIN = titles.MIN_SHARED / 3, 0.2


def header_blocks(blocks: Sequence[Block], verdicts: list[Verdict]) -> None:
    """A header takes the run of list-like lines after it, up to the first prose line."""
    # The headers, found first (a few lines of a file, if any): the run a header takes
    # gets verdicts of its own rule with other details, and lines in it are not headers.
    boilerplate = Label.BOILERPLATE
    heads = [
        i for i, v in enumerate(verdicts)
        if v.label is boilerplate and v.detail.endswith("header rule")
    ]
    end = 0
    labelled: list[tuple[int, str]] | None = None  # (`_labelled`, on first need)
    closers = trailers.named_closers(blocks, heads)
    for i in heads:
        if i < end:
            continue  # inside the run of an earlier header
        end = i + 1
        verdict = verdicts[i]
        if i in closers:
            # It closes the entry above: it goes, takes no list, and reads to the model
            # as a link inside the body (`rulecodes.IN_BODY_RULES`), not as a header.
            detail = f"names the entry above it, as other lines opening alike do; {verdict.detail}"
            verdicts[i] = Verdict(Label.BOILERPLATE, trailers.CLOSER_RULE, detail)
        elif not trailers.is_trailer(blocks, verdicts, i):
            j = i + 1
            turns: set[str] | None = None
            while j < len(blocks) and j - i <= 60:
                if verdicts[j].label is not Label.BODY:
                    j += 1  # other boilerplate inside the list does not end it
                    continue
                if is_prose(blocks[j].text) or verdicts[j].rule == "keep-pattern":
                    break
                if turns is None:
                    if labelled is None:
                        labelled = _labelled(blocks)
                    turns = _turn_labels(labelled, verdicts, i)
                if turns and _turn_label(blocks[j].text) in turns:
                    break  # the interview goes on under the list: a question is no headline
                verdicts[j] = Verdict(
                    Label.BOILERPLATE, verdict.rule, listed_detail(blocks[i].text, blocks[i].start)
                )
                j += 1
            end = j


# A speaker's label before a colon ("Domanda:", "Q:", "Klausimas:", "Bernasconi:"): a word
# or three, no digit (a time "10:30" or a score is none), within LABEL_CHARS characters.
_TURN = re.compile(r"([^\W\d_][^\W\d_.'’-]*+(?:[ .'’-]{1,2}+[^\W\d_]++){0,2}+)\s?:\s")
LABEL_CHARS = 40
# An interview's turns: this many lines above a header open with the same label.
MIN_TURNS = 2


def _turn_label(text: str) -> str | None:
    if text.find(":", 0, LABEL_CHARS) < 0:
        return None  # most lines: told without the regex (and without a slice)
    found = _TURN.match(text.lstrip())
    return None if found is None else found[1].casefold()


def _labelled(blocks: Sequence[Block]) -> list[tuple[int, str]]:
    """The lines of the file that open with a speaker's label, and the label: read once a
    file, for all its headers."""
    out = []
    # A label holds a colon: the lines with one told in C (`linescan.COLON`), a call of
    # `_turn_label` a line cost more than the rest of the header pass on most files.
    for k in linescan.lines_with(linescan.line_flags(blocks), linescan.COLON):
        label = _turn_label(blocks[k].text)
        if label is not None:
            out.append((k, label))
    return out


def _turn_labels(labelled: list[tuple[int, str]], verdicts: list[Verdict], header: int) -> set[str]:
    """The labels that open MIN_TURNS or more lines not ruled out above a header: an
    interview's "Domanda:" and "Risposta:" (or its speakers' names), whose next turn a
    related list dropped into the interview must not take as one of its headlines."""
    seen: dict[str, int] = {}
    for k, label in labelled:
        if k >= header:
            break
        if verdicts[k].label is Label.BODY:
            seen[label] = seen.get(label, 0) + 1
    return {label for label, count in seen.items() if count >= MIN_TURNS}


def headline_and_captions(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], packless: bool = False
) -> bool:
    """Headline and captions, judged on the lines in play (`rows`); True if any changed.
    `packless`: the pack-less reading reads the page (see `_dangling_header`)."""
    changed = False
    _name_headline(blocks, verdicts, rows)
    kept = [i for i in rows if verdicts[i].keep and verdicts[i].rule is None]
    # The headline: the first undecided line, title-like, with prose after it, and some sign
    # that it heads an article rather than opens a clean body (something removed above it,
    # a byline or date below it, or its text repeated further down).
    if kept and not ruled(verdicts, rows, _HEADLINE):
        first = kept[0]
        text = blocks[first].text
        pos = rows.index(first)
        evidence = (
            any(not verdicts[i].keep for i in rows[:pos])
            or any(verdicts[i].label is Label.METADATA for i in rows[pos + 1 : pos + 4])
            or any(blocks[i].text == text for i in rows[pos + 1 :])
        )
        if (
            evidence
            and is_title_like(text)
            and not NUMBERED.match(text)  # "3. Prioritize..." is a subheading of a list
            and titles.POSITION.fullmatch(text) is None  # a gallery's "Foto 1 de 6"
            and titles.headline_words(text)  # not a date line: "2026年3月14日 10:32"
            and not titles.runs_on(text)  # the first paragraph, its final stop lost
            and word_count(text) >= 4
            and any(is_prose(blocks[k].text) for k in kept[1:])
        ):
            verdicts[first] = Verdict(
                Label.METADATA,
                "headline",
                "title-like first line",
                meta=("headline", titles.headline_value(text)),
            )
            changed = True
    # A title-like line right after an image credit is that image's caption, unless prose
    # follows it: then it is the subheading of the next section. The line right before a
    # credit is not judged: above a picture sits as often the heading of the section the
    # picture opens (a product's name in a review, a step's title), and removing it as a
    # caption took more article than caption (dev set, region: 648 of the 758 words such
    # removals took were the article's; see bench/recall_loss.py).
    for pos in ruled(verdicts, rows[:-1], _CREDIT):  # (a caption is no credit)
        i = rows[pos]
        j = rows[pos + 1]
        if pos + 2 < len(rows) and is_prose(blocks[rows[pos + 2]].text):
            continue
        if (
            verdicts[j].keep
            and verdicts[j].rule is None
            and is_title_like(blocks[j].text)
            and not is_prose(blocks[j].text)
        ):
            verdicts[j] = Verdict(
                Label.BOILERPLATE,
                "image-caption",
                f"title-like line after the image credit on line {blocks[i].start}",
            )
            changed = True
    return _dangling_header(blocks, verdicts, rows, packless) or changed


# Questions in a row, each over its answer, that make a page of questions and answers.
MIN_QUESTIONS = 3
MAX_QUESTION_WORDS = 20
_QUESTION_ENDS = ("?", "？", "؟")


def question_lines(texts: Sequence[str], flags: bytes | None = None) -> frozenset[int] | None:
    """The lines that read as questions (a line of MAX_QUESTION_WORDS words at most ending
    in a question mark), or None when fewer than MIN_QUESTIONS do (most files): read once
    per file, so that `questions` runs only where a run may be. `flags`: the texts'
    `linescan.line_flags`, where the caller has them."""
    if flags is None:
        flags = linescan.line_flags(texts)
    # The lines ending in a question mark told in C (`QUESTION`), their words counted here.
    found = frozenset(
        i
        for i in linescan.lines_with(flags, linescan.QUESTION)
        if word_count(texts[i]) <= MAX_QUESTION_WORDS
    )
    return found if len(found) >= MIN_QUESTIONS else None


def questions(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], asked: frozenset[int]
) -> bool:
    """Keep the questions the model removed from a run of MIN_QUESTIONS questions or more,
    each a short line right over a kept paragraph of prose (its answer), when it kept most
    of the run's questions: a page of questions and answers. The first question, under
    the page's title, reads to the model as a headline would (p 0.26), and went with its
    answer left alone. In any language: the question mark and the layout are the signs.
    `asked`: the file's `question_lines`. True if any verdict changed."""
    changed = False
    for run in _question_runs(blocks, verdicts, rows, asked):
        # Questions this pass kept itself do not count: held up by them, the others
        # would stay for good, where a second cleaning, which never saw this pass, drops
        # them.
        kept = sum(verdicts[i].keep and verdicts[i].rule != "question" for i in run)
        if 2 * kept <= len(run):
            continue
        changed |= keep_removed(
            verdicts,
            run,
            "question",
            f"one of {len(run)} questions, each over its answer, {kept} of them kept",
        )
    return changed


def _question_runs(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], asked: frozenset[int]
) -> list[list[int]]:
    """Runs of MIN_QUESTIONS or more (question, answer) pairs in a row among `rows`: the
    question a line of MAX_QUESTION_WORDS words at most ending in a question mark that the
    model decided (or no rule did), the answer a kept paragraph of prose that asks
    nothing. Most files hold no such pair."""
    # Only the questions in play are walked, not every line: a pair is a question whose
    # next line in play answers it, and a run is pairs one after another.
    runs: list[list[int]] = []
    run: list[int] = []
    after = -1  # the position in `rows` right after the run's last answer
    last = len(rows) - 1
    for pos in [pos for pos, i in enumerate(rows) if i in asked]:
        i = rows[pos]
        if pos >= last or verdicts[i].rule not in (None, "line-model", "question"):
            continue
        j = rows[pos + 1]
        if not _answer(blocks[j].text, verdicts[j]):
            continue
        if pos != after:
            if len(run) >= MIN_QUESTIONS:
                runs.append(run)
            run = []
        run.append(i)
        after = pos + 2
    if len(run) >= MIN_QUESTIONS:
        runs.append(run)
    return runs


def _answer(text: str, verdict: Verdict) -> bool:
    return verdict.keep and is_prose(text) and not text.rstrip().endswith(_QUESTION_ENDS)


def repeated_titles(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], repeats: Repeats
) -> bool:
    """A kept title-like line whose text (in matching form) is that of a headline listed
    under a "Related" header elsewhere in the file is a link to that article dropped into
    the body; one that is the file's own headline, at the top of a second capture of the
    body (the line after it repeats an earlier one), is that capture's headline. Either
    goes (`related-headline`). Judged on the lines in play; the other line of the pair is
    read wherever it is: a second run sees neither. True if any verdict changed."""
    changed = False
    in_play: dict[int, int] | None = None  # line -> its position in `rows`
    for group in repeats.twins():  # most files have no lines of equal text: no work
        listed = [j for j in group if not verdicts[j].keep and taken_by_header(verdicts[j])]
        headline = next((j for j in group if verdicts[j].rule == "headline"), None)
        if not listed and headline is None:
            continue
        if in_play is None:
            in_play = {i: pos for pos, i in enumerate(rows)}
        for i in group:
            verdict = verdicts[i]
            text = blocks[i].text
            if (
                i not in in_play
                or not verdict.keep
                or verdict.rule not in (None, "line-model")
                or not is_title_like(text)
                or is_prose(text)
            ):
                continue
            # Listed after it (a table of contents lists the subheadings before them), and
            # dropped between paragraphs (a table's cells repeat among short lines).
            if any(j > i for j in listed) and _between_prose(in_play[i], blocks, rows):
                at = next(j for j in listed if j > i)
                detail = f"a headline listed under a header, again on line {blocks[at].start}"
            elif (
                headline is not None
                and i > headline
                and _recaptured(i, blocks, verdicts, rows, repeats)
            ):
                detail = (
                    f"the headline of line {blocks[headline].start}, heading a second "
                    f"capture of the body"
                )
            else:
                continue
            verdicts[i] = verdict.overruled(Label.BOILERPLATE, "related-headline", detail)
            changed = True
    return changed


def _between_prose(pos: int, blocks: Sequence[Block], rows: list[int]) -> bool:
    """The lines in play before and after position `pos` of `rows` read as prose."""
    return (
        0 < pos < len(rows) - 1
        and is_prose(blocks[rows[pos - 1]].text)
        and is_prose(blocks[rows[pos + 1]].text)
    )


def _recaptured(
    i: int, blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], repeats: Repeats
) -> bool:
    """The first kept line after line `i` is a paragraph that repeats an earlier one
    (resolution drops it): the body starts again. A repeated subheading after a repeated
    title ("Our favourite presses" in a table of contents, then in the body) is no sign."""
    kept = [j for j in rows if verdicts[j].keep]
    after = next((j for j in kept if j > i), None)
    return (
        after is not None and is_prose(blocks[after].text) and after not in repeats.unrepeated(kept)
    )


def _dangling_header(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], packless: bool = False
) -> bool:
    """A short line ending in a colon that the clean text would end with introduces
    nothing: what it headed ("Related reads:", "Czytaj także:", "X says:") was removed.
    In any language, since the colon is the sign. True if any verdict changed.

    On a page the pack-less reading reads (`packless`), such a line after the last kept one
    that the model removed is named for what it is too: that reading's model is a blend
    whose verdict on a short header sits near its bar (`linemodel.blend`), and the colon,
    not its score, is why the line goes. (Its removal stands either way; only the reason
    is set.)"""
    changed = False
    for i in reversed(rows):
        verdict = verdicts[i]
        if not verdict.keep:
            if packless and verdict.rule == "line-model" and _introduces(blocks[i].text):
                detail = f"ends the text with a colon: it introduces nothing; {verdict.detail}"
                verdicts[i] = Verdict(Label.BOILERPLATE, "dangling-header", detail)
            continue
        # Whatever kept it (the model, or the model overruling a rule), except the user.
        if verdict.rule == "keep-pattern" or not _introduces(blocks[i].text):
            break
        detail = "ends the text with a colon: it introduces nothing"
        verdicts[i] = Verdict(Label.BOILERPLATE, "dangling-header", detail)
        changed = True
    return changed


def _introduces(text: str) -> bool:
    """A short line ending in a colon (see `_dangling_header`)."""
    text = text.rstrip()
    return text.endswith(":") and word_count(text) <= 6


def table_cells(
    texts: Sequence[str],
    verdicts: list[Verdict],
    rows: list[int],
    shapes: list[int],
    memo: dict | None = None,
) -> bool:
    """Keep the cells of a table (see `tables.py`) inside the article that the model or a
    soft rule removed; True if any verdict changed. Judged afresh on every pass, on the
    lines in play, so the last pass keeps exactly the cells a second run would find.
    `memo`: the file's runs of cells read on earlier passes (see `find_tables`)."""
    changed = False
    cells: dict[int, str] = {}
    # Only a table after some of the article's prose: a market ticker above the headline
    # is a table too, but not the article's. Judged on the texts in play alone, as a second
    # run would judge them (not on prose after it, which the model may remove later).
    prose = next((pos for pos, i in enumerate(rows) if is_prose(texts[i])), None)
    for table in find_tables([texts[i] for i in rows], [shapes[i] for i in rows], rows, memo):
        if prose is None or prose > table.start:
            continue
        detail = f"cell of a table of {table.columns} columns and {table.rows} rows"
        for pos in range(table.start, table.end):
            cells[rows[pos]] = detail
    if not cells and not ruled(verdicts, rows, _TABLE):
        return False  # no cell to keep nor to let go (most pages, most passes)
    for i in rows:
        verdict = verdicts[i]
        if i in cells:
            if not verdict.keep and (verdict.rule == "line-model" or verdict.rule in SOFT_RULES):
                # A soft rule still matches the cell on a second run: the detail says so, and
                # the model's features see it (`rule_code`).
                soft = verdict.rule in SOFT_RULES
                detail = f"{verdict.rule} overruled: {cells[i]}" if soft else cells[i]
                verdicts[i] = verdict.overruled(Label.BODY, "table", detail)
                changed = True
        elif verdict.rule == "table":
            # No longer in a table: the model decides again, knowing what the rules said.
            soft = overruled_soft_rule(verdict)
            if soft is not None:
                detail = f"{soft} overruled: no longer in a table"
                verdicts[i] = verdict.overruled(Label.BODY, "line-model", detail)
            else:
                verdicts[i] = Verdict(Label.BODY, score=verdict.score)
            changed = True
    return changed


CHECKLIST = "checklist"
SUMMARY_TABLE = "summary-table"
_RUN_TABLE_RULES = (CHECKLIST, SUMMARY_TABLE)
# A heading of the article: a kept line with kept prose within this many lines under it.
_HEADING_REACH = 3


# What a run table's rows overrule: the model's removal, the wordless-line rule's (a
# checklist's marks), and on a page without a pack the menu-run rule's, which reads a
# table's short cells after the article as a footer's links once the table is kept (a
# second run sees them below the article's last prose): the rows the article's headings
# lead are no menu.
_TABLE_OVERRULES = ("line-model", "symbol-line", "menu-run")


def run_table_rows(
    texts: Sequence[str], verdicts: list[Verdict], tables: Sequence[RunTable] | None
) -> bool:
    """Keep the lines of a table whose cells are runs of lines (`tables.run_tables`) that
    the line model removed, which reads each cell alone as a menu's link: a checklist
    under some of the article's kept prose, with its marks, which the rule for wordless
    lines took (without them a second run would see rows of nothing but short lines); a
    summary table whose rows MIN_ROWS of the article's kept headings lead. Judged afresh
    on every pass on the kept lines, as `table_cells` is; a line kept so whose table no
    longer qualifies goes back to the verdict it had. `tables`: None where the file has
    none (most)."""
    keep: dict[int, tuple[str, str]] = {}
    for table in tables or ():
        end = table.end
        if table.leaders:
            rule = SUMMARY_TABLE
            end, rows, led, named = _led_rows(texts, verdicts, table)
            if rows < MIN_ROWS or led < MIN_ROWS:
                continue
            detail = f"row of a summary table of {rows} rows, {led} led by headings"
            for j in named:
                keep[j] = (rule, f"a heading that a row of a summary table of {rows} rows names")
        else:
            rule = CHECKLIST
            if not any(verdicts[i].keep and is_prose(texts[i]) for i in range(table.start)):
                continue
            detail = f"row of a checklist of {table.rows} rows"
        for i in range(table.start, end):
            keep[i] = (rule, detail)
    changed = False
    for i, verdict in enumerate(verdicts):
        if i in keep:
            if not verdict.keep and verdict.rule in _TABLE_OVERRULES:
                rule, detail = keep[i]
                if verdict.rule == "line-model":
                    detail = f"{detail}; {verdict.detail}"
                elif verdict.rule == "menu-run":
                    detail = f"{detail}; menu-run overruled: {verdict.detail}"
                else:
                    detail = f"symbol-line overruled: {detail}"
                verdicts[i] = verdict.overruled(Label.BODY, rule, detail)
                changed = True
        elif verdict.rule in _RUN_TABLE_RULES:
            if verdict.detail.startswith("symbol-line overruled"):
                verdicts[i] = Verdict(Label.BOILERPLATE, "symbol-line", "no words")
            else:
                verdicts[i] = model_removal(verdict)
            changed = True
    return changed


def checklist_marks(verdicts: list[Verdict], tables: Sequence[RunTable]) -> None:
    """Keep a checklist's marks before the model's first pass, which reads the lines a
    rule removed as the page's chrome: a second run sees the marks the first kept, and read
    at first as chrome by the first, they made the article's paragraphs after a long
    checklist look like the page's end to the second (`run_table_rows` gives the rule's
    verdict back where the checklist does not stand under the article)."""
    for table in tables:
        if table.leaders:
            continue
        for i in range(table.start, table.end):
            if verdicts[i].rule == "symbol-line":
                detail = f"symbol-line overruled: row of a checklist of {table.rows} rows"
                verdicts[i] = verdicts[i].overruled(Label.BODY, CHECKLIST, detail)


def _led_rows(
    texts: Sequence[str], verdicts: list[Verdict], table: RunTable
) -> tuple[int, int, int, list[int]]:
    """A summary table's end as the kept text leads it: its rows up to the first whose name
    has no kept copy above, or none after the kept copy of the row before's name (a second
    run would see no leader there, and read that row as more of the row before it), how
    many rows that is, how many of them a kept heading of the article names, and the
    headings the model alone removed that lead rows all the same (`_named_heading`)."""
    rows = led = 0
    last = -1
    named: list[int] = []
    for above, start in zip(table.leaders, table.starts, strict=True):
        kept = [j for j in above if verdicts[j].keep]
        if _named_heading(verdicts, above, last):
            # Kept with its row, the heading leads that row on a second run too.
            named.append(above[-1])
            last = above[-1]
        elif not kept or kept[-1] <= last:
            return start, rows, led, named
        else:
            last = kept[-1]
        rows += 1
        led += any(_heading(texts, verdicts, j) for j in kept)
    return table.end, rows, led, named


def _named_heading(verdicts: list[Verdict], above: tuple[int, ...], last: int) -> bool:
    """The last copy of a row's name above the table stands after the row before's kept
    name, in the article's order, and only the model removed it: a section whose heading
    the model read alone as a menu's link (a section the scraper left empty, whose heading
    has no prose under it). The table names it as it names the others."""
    j = above[-1]
    if j <= last:
        return False
    verdict = verdicts[j]
    # Held on an earlier pass, it is judged again as it was then.
    return verdict.rule == SUMMARY_TABLE if verdict.keep else verdict.rule == "line-model"


def _heading(texts: Sequence[str], verdicts: list[Verdict], j: int) -> bool:
    """Line `j` is kept with kept prose right under it: a heading of the article."""
    if not verdicts[j].keep:
        return False
    under = range(j + 1, min(j + 1 + _HEADING_REACH, len(texts)))
    return any(verdicts[x].keep and is_prose(texts[x]) for x in under)


def code_lines_unruled(
    blocks: Sequence[Block], verdicts: list[Verdict], texts: Sequence[str] | None = None
) -> None:
    """A code block's wordless lines (a closing brace, a fence) are not the model's sign of
    chrome: lines rules remove are, and the lines of the sample and the text next to them
    went too (and on a second run, other lines than on the first). A closing brace is left
    to the model and `code_blocks`; a fence goes as a fence ("code-fence"), which the
    model sees as a line no rule decided, as it sees a shop button (IN_BODY_RULES), and
    `code_blocks` keeps inside the article. `texts`: the blocks' texts, where the caller
    has them."""
    if texts is None:
        texts = [b.text for b in blocks]
    # Only a wordless line's or a listing's numbers' verdict changes: on a file without
    # one (most), no block is looked for. A listing's numbers open a line with "1 2": one
    # search of the joined text in C, not a step a line.
    gutters = code.may_number(texts)
    if not gutters and not any(v.rule == "symbol-line" for v in verdicts):
        return
    for block in code.find_blocks(texts, gutters):
        if block.what == "numbered listing":
            # The listing's line numbers ("1 2 3 4"), which a rule reads as a pager: they
            # go as a listing's numbers, which the model sees as no rule's line, and
            # `code_blocks` keeps inside the article, with the listing.
            i = block.start
            if not verdicts[i].keep and verdicts[i].meta is None:
                verdicts[i] = _GUTTER
            continue
        for i in range(block.start, block.end):
            if verdicts[i].rule != "symbol-line":
                continue
            if block.marked and code.is_fence(blocks[i].text):
                verdicts[i] = Verdict(Label.BOILERPLATE, "code-fence", "a Markdown code fence")
            elif not block.marked:
                verdicts[i] = BODY


# Rules a code block's lines may meet: a closing brace or a fence has no words, and a
# tutorial on analytics shows the tag vendors' calls a script's leftovers hold, and one on an
# API the JSON a widget's settings are written in.
_CODE_OVERRULES = SOFT_RULES | {
    "symbol-line", "code-fence", "code-gutter", "script-text", "script-data"
}
_GUTTER = Verdict(Label.BOILERPLATE, "code-gutter", "a code listing's line numbers")


def code_blocks(
    texts: Sequence[str],
    verdicts: list[Verdict],
    rows: list[int],
    possible: bool = True,
    numbered: bool = True,
) -> bool:
    """Keep the lines of a code block (see `code.py`) inside the article that the model or
    a rule for wordless lines removed, and a line ending in a colon that the model removed
    right above or below such a block between kept lines ("Then check the syntax:"): it
    introduces what follows. Inside the article: a block Markdown marks (fences, a table's
    pipes) under some kept prose, with a kept line right after it or half its lines kept,
    an unmarked one under its kept introducing line. Judged
    afresh on every pass, on the lines in play, as `table_cells` is. `possible`: False
    when no line of the file could open a block (`code.may_hold_blocks`); `numbered`:
    False when no line of `texts` opens as a listing's numbers do (`code.may_number`), so
    that no subset of them does either (each pass's join of the lines in play, gone)."""
    keep: dict[int, str] = {}
    in_play = [texts[i] for i in rows] if possible else []
    blocks = code.find_blocks(in_play, None if numbered else False) if possible else []
    prose = None
    if blocks:
        prose = next(
            (pos for pos, i in enumerate(rows) if verdicts[i].keep and is_prose(texts[i])), None
        )
    for block in blocks:
        if prose is None or prose >= block.start:
            continue
        before, after = block.start - 1, block.end
        kept_after = after < len(rows) and verdicts[rows[after]].keep
        half = 2 * sum(verdicts[rows[p]].keep for p in range(block.start, block.end)) >= (
            block.end - block.start
        )
        if block.marked and not (kept_after or half):
            continue
        if not block.marked and not verdicts[rows[before]].keep:
            continue
        detail = f"line of a {block.what} ({block.end - block.start} lines)"
        for pos in range(block.start, block.end):
            keep[rows[pos]] = detail
        # A sentence ending in a colon right above the block, or right below it above a kept
        # line ("Then check the syntax:"), that the model removed: it announces what follows.
        first, last = rows[block.start], rows[block.end - 1]
        for j, beyond in ((first - 1, None), (last + 1, last + 2)):
            if not 0 <= j < len(texts):
                continue
            removed = verdicts[j].rule == "line-model" and not verdicts[j].keep
            if not (removed or verdicts[j].rule == "code-block"):
                continue
            if beyond is not None and not (beyond < len(texts) and verdicts[beyond].keep):
                continue
            if code.introduces(texts[j]):
                keep[j] = "introduces a code block next to it"
    if not keep and not ruled(verdicts, rows, _CODE_BLOCK):
        return False  # no line to keep nor to let go (most pages, most passes)
    changed = False
    for i in sorted(set(rows) | keep.keys()):
        verdict = verdicts[i]
        if i in keep:
            if not verdict.keep and (
                verdict.rule == "line-model" or verdict.rule in _CODE_OVERRULES
            ):
                detail = (
                    keep[i]
                    if verdict.rule == "line-model"
                    else f"{verdict.rule} overruled: {keep[i]}"
                )
                verdicts[i] = verdict.overruled(Label.BODY, "code-block", detail)
                changed = True
        elif verdict.rule == "code-block":
            # No longer in a block: the rule that matched it, or the model, decides again.
            rule = verdict.detail.split(" ", 1)[0]
            if rule == "symbol-line":
                verdicts[i] = Verdict(Label.BOILERPLATE, "symbol-line", "no words")
            elif rule == "code-fence":
                verdicts[i] = Verdict(Label.BOILERPLATE, "code-fence", "a Markdown code fence")
            elif rule == "code-gutter":
                verdicts[i] = _GUTTER
            elif rule in SOFT_RULES:
                verdicts[i] = Verdict(
                    Label.BODY,
                    "line-model",
                    f"{rule} overruled: no longer in a code block",
                    score=verdict.score,
                )
            else:
                verdicts[i] = Verdict(Label.BODY, score=verdict.score)
            changed = True
    return changed


_DATE_RULE = "date-line"
_DATE_RULES = frozenset([_DATE_RULE, "date-time"])  # date-time: a date with a time, not soft
# The rules of a line `_dated` may hold: a date rule's, or one that overrules a soft rule
# (`overruled_soft_rule`).
_MAY_BE_DATED = _DATE_RULES | OVERRULING_RULES


def _dated(verdict: Verdict) -> bool:
    """The rules' date rules matched the line, whatever the model or a table then made of it."""
    return verdict.rule in _DATE_RULES or overruled_soft_rule(verdict) == _DATE_RULE


def record_lists(texts: Sequence[str], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Remove the kept lines of lists of dated records after the article (see
    `records.py`), judged on the lines in play; True if any verdict changed."""
    # Most files have no date lines close enough together to chain: they cost no more. (A
    # line whose rule can make it `_dated` is found in C first, `ruled`, in order: a
    # Python step a line in play cost more than the rest of the pass on most files.)
    anchors = [pos for pos in ruled(verdicts, rows, _MAY_BE_DATED) if _dated(verdicts[rows[pos]])]
    if len(anchors) < MIN_RECORDS or not close_enough(anchors):
        return False
    in_play = [verdicts[i] for i in rows]
    dated = [_dated(v) for v in in_play]
    words = [word_count(texts[i]) for i in rows]
    shapes = [record_shape(w, prose_of(texts[i], w)) for w, i in zip(words, rows, strict=True)]
    separator = [not v.keep and rule_code(v) in (1, 3, 6) for v in in_play]
    changed = False
    for found in find_record_lists(shapes, words, dated, separator):
        n = len(found.starts)
        opening = "a short line, a date line" if found.header else "a date line"
        record = 0
        for pos in range(found.start, found.end):
            while record + 1 < n and found.starts[record + 1] <= pos:
                record += 1
            verdict = verdicts[rows[pos]]
            if not verdict.keep or verdict.rule == "keep-pattern":
                continue
            verdicts[rows[pos]] = Verdict(
                Label.BOILERPLATE,
                "record-list",
                f"record {record + 1} of {n} after the article, each {opening} and prose: "
                f"a comment thread or a list of other articles",
                score=verdict.score,
            )
            changed = True
    return changed


def after_article(texts: Sequence[str], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Remove the small islands of kept text that a long run of removed lines cuts off
    after the article (see `islands.py`); True if any verdict changed. The gaps are read
    in the whole file, lines out of play included: on a second run they are gone, the
    kept text is one island and nothing more goes."""
    kept = [i for i in rows if verdicts[i].keep]
    # Most files have no long run of removed lines between kept ones: they cost no more.
    # (The longest step between kept lines: `map` of a builtin runs in C.)
    if len(kept) < 2 or max(map(sub, islice(kept, 1, None), kept)) <= MIN_GAP_LINES:
        return False
    # Lines in-body rules removed (shop buttons) are not the page around the article.
    by_rule = [
        not v.keep and v.rule != "line-model" and v.rule not in IN_BODY_RULES for v in verdicts
    ]
    words = [word_count(texts[i]) for i in kept]
    changed = False
    for island in stray_islands(kept, words, by_rule):
        if any(verdicts[i].rule == "keep-pattern" for i in island.lines):
            continue  # the user said this text stays
        detail = (
            f"{len(island.lines)} line(s) after the article, set off from it by "
            f"{island.gap} removed lines ({island.rule_lines} removed by rules): "
            f"more of the page around the article"
        )
        for i in island.lines:
            verdicts[i] = verdicts[i].overruled(Label.BOILERPLATE, "after-article", detail)
        changed = True
    return changed


def contents(lines: Lines, verdicts: list[Verdict], rows: list[int]) -> bool:
    """Remove a table of contents whose items come back later as the article's headings
    (see `contents.py`); True if any verdict changed. The headings are looked for in the
    whole file: they are out of play while they repeat the list's lines, and in play
    again once it goes."""
    kept = [v.keep for v in verdicts]
    # Items the model removed on its own stand in the list too: once a rule names the
    # list's title ("Contents"), the model takes most items and leaves one or two, which
    # alone are no list, and would stay as repeats of the headings below.
    visible = [i for i in rows if kept[i] or verdicts[i].rule == "line-model"]
    changed = False
    for i in contents_lines(lines, kept, visible):
        if verdicts[i].rule == "keep-pattern":
            continue  # the user said this text stays
        verdicts[i] = Verdict(
            Label.BOILERPLATE,
            "contents",
            "a table of contents: its items come back below as the article's headings",
            score=verdicts[i].score,
        )
        changed = True
    return changed


def _name_headline(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> None:
    """A title-like line the model removed just above the body is the article's headline:
    keep it as metadata. Only a removed line is relabelled, so the text written is the same.

    Of several such lines (a menu, a date line, a share bar in a language no pack knows),
    the one that shares most of its vocabulary with the body's start is chosen, if one
    shares enough (see `titles.py`); else the nearest, as long as no kept title-like line
    above the body shares more (the first-line rule of `headline_and_captions` takes that
    one). A line that runs on as a paragraph (`titles.runs_on`) is never a candidate."""
    first_body = next(
        (
            pos
            for pos, i in enumerate(rows)
            if verdicts[i].keep and verdicts[i].rule is None and is_prose(blocks[i].text)
        ),
        None,
    )
    if first_body is None or ruled(verdicts, rows, _HEADLINE):
        return
    # A title the lead sentence opens with ("Edda Marlowe" over "Edda Marlowe (1901-1987)
    # was ..."): over an infobox, whose rows share the lead's words more than any title.
    opened = leadtitles.lead_title(blocks, verdicts, rows, first_body)
    if opened is not None:
        _make_headline(blocks, verdicts, opened, "the line the lead paragraph opens with")
        return
    candidates: list[int] = []  # nearest first
    kept: list[int] = []
    short: list[int] = []  # three-word titles the model removed (see SHORT_SHARED)
    # Lines a header's list took (a menu item read as "Video" or "Most read" above the
    # headline takes it along): candidates only for sharing the body's vocabulary, since
    # a list above the body is more often one of other articles.
    listed: list[int] = []
    removed_by_model = 0
    for pos in range(first_body - 1, max(-1, first_body - HEADLINE_REACH), -1):
        i = rows[pos]
        verdict = verdicts[i]
        by_model = verdict.rule == "line-model" and not verdict.keep
        by_list = not verdict.keep and taken_by_header(verdict)
        if by_model:
            removed_by_model += 1
            if removed_by_model > HEADLINE_WINDOW:
                break
        if not (by_model or by_list or (verdict.keep and verdict.rule is None)):
            continue  # decided by a rule: a byline, a share bar, a credit
        text = blocks[i].text
        if (
            is_title_like(text)
            and not NUMBERED.match(text)
            and titles.headline_words(text)
            and not titles.runs_on(text)
            and not titles.is_menu(text)
            and titles.fields_in_words(text)
            and not titles.opens_as_item(text)
            and titles.POSITION.fullmatch(text) is None  # a gallery's "Foto 1 de 6"
        ):
            if word_count(text) > SHORT_HEADLINE_WORDS:
                (candidates if by_model else listed if by_list else kept).append(i)
            elif by_model and not _among_short_lines(blocks, rows, pos):
                short.append(i)
    if not candidates and not listed and not short:
        return
    body = titles.Lead(
        titles.lead_texts(blocks[i].text for i in rows[first_body:] if verdicts[i].keep)
    )
    score = {i: body.shared(blocks[i].text) for i in candidates + listed + kept}
    if not any(value >= titles.MIN_SHARED for value in score.values()):
        # No longer line is about the article: a title of three words may be.
        shares = {i: body.shared(blocks[i].text) for i in short}
        if short and max(shares.values()) >= SHORT_SHARED:
            best_short = max(short, key=lambda i: shares[i])  # the nearest of equals
            candidates = [best_short]
            score[best_short] = shares[best_short]
    if not candidates and not listed:
        return
    best = max(candidates + listed + kept, key=lambda i: score[i])  # the nearest of equals
    if score[best] >= titles.MIN_SHARED:
        if best in kept:
            return
        if best in listed and is_title_like(blocks[rows[first_body]].text):
            return  # the body's first line may be the headline (`headline_and_captions` judges it)
        chosen = best
    elif not candidates or any(score[i] > score[candidates[0]] for i in kept):
        return
    else:
        chosen = candidates[0]
    chosen = _above_its_deck(blocks, rows, chosen, candidates, score)
    _make_headline(blocks, verdicts, chosen, "title-like line above the body")


# The rules passes look for among the lines in play (`ruled`).
_HEADLINE = frozenset({"headline"})
_CREDIT = frozenset({"image-credit"})
_TABLE = frozenset({"table"})
_CODE_BLOCK = frozenset({"code-block"})


def _make_headline(
    blocks: Sequence[Block], verdicts: list[Verdict], i: int, reason: str
) -> None:
    """Line `i` becomes the headline's metadata, saying why and what removed it."""
    verdicts[i] = titles.headline_verdict(verdicts[i], blocks[i].text, reason)


def _among_short_lines(blocks: Sequence[Block], rows: list[int], pos: int) -> bool:
    """Both lines around `pos` (in `rows`) are of three words or fewer, in words: the line
    is an item of a menu or of a table of contents ("Foods to eat", "Foods to avoid",
    "Meal plan"), which shares the body's words as a title would."""
    if not 0 < pos < len(rows) - 1:
        return False
    return all(
        word_count(text) <= SHORT_HEADLINE_WORDS and titles.written_in_words(text)
        for text in (blocks[rows[pos - 1]].text, blocks[rows[pos + 1]].text)
    )


def _above_its_deck(
    blocks: Sequence[Block],
    rows: list[int],
    chosen: int,
    candidates: list[int],
    score: dict[int, float],
) -> int:
    """The headline, when the line chosen is its deck (a standfirst: "Maria Okonjo on
    riding night buses for four winters to write her novel" under "'I nearly gave up'"):
    a long title-like line right under a shorter one the model also removed. A deck sums
    up the article, so it shares more of the body's words than the headline, which may be
    a quote; the headline is the line above it, if it shares some of the body's words
    too (a section's name above a long headline, "Politics and Government News", hardly
    any), and nearly as many as the deck does: a line above a long headline that shares
    far fewer is a call to action or a list of categories ("Get in touch with the team",
    "Best Of, Japan, Travel Guides"), not a headline over its deck."""
    pos = rows.index(chosen)
    if pos == 0 or rows[pos - 1] not in candidates:
        return chosen
    above = rows[pos - 1]
    words = word_count(blocks[chosen].text)
    if (
        words >= titles.PARAGRAPH_WORDS
        and word_count(blocks[above].text) < words
        and score[above] >= max(DECK_SHARED, score[chosen] - DECK_MARGIN)
    ):
        return above
    return chosen
