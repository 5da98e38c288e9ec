"""Give every block a verdict (body, boilerplate, metadata) and the reason for it.

Layers, each explained in the verdict it leaves:
1. rules: user keep/extra patterns, then the rule packs of the file's language
   (see `rules.py`): metadata, headers, whole-line, prefix and contains rules;
2. blocks: a header ("READ MORE:", "Related", "Lire aussi") takes the run of
   list-like lines after it, up to the first line that reads as prose;
3. the line model (`linemodel.py`): gradient-boosted trees over layout
   features (`features.py`) decide the lines the rules left, with the context
   of their neighbours and of the file's main body region;
4. context (`context.py`): the headline at the top is metadata; a title-like line
   beside an image credit is that image's caption; the cells of a table inside the
   article stay (`tables.py`); a list of dated records after the article (a comment
   thread, teasers of other articles) goes (`records.py`).

How each rule's verdict reads to the model and to those passes (soft rules, rules
inside the body, the code the model sees) is `rulecodes.py`.

Forum and Q&A threads (`threads.py`) and the article's edges (`edges.py`: a closing
sentence, a numbered list's last item, an author's bio, a second capture, a menu on a
page without a pack) have passes of their own, called from layers 2 and 4.

Layers 3 and 4 are repeated on what they keep until nothing more goes, so
that cleaning a clean file changes nothing: the last pass has seen exactly
the text a second run would see.
"""

from __future__ import annotations

import contextlib
import math
import operator
import re
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from itertools import repeat

import numpy as np

from . import (
    apparatus,
    articlemeta,
    buttons,
    capsbox,
    closinglabels,
    closinglists,
    context,
    credits,
    datedentries,
    edges,
    editmarks,
    entryfields,
    feeds,
    fields,
    handles,
    headedlists,
    introlists,
    labels,
    linescan,
    lineups,
    linkmarks,
    markdown,
    offtopic,
    openings,
    placeholders,
    postblocks,
    postheads,
    roleboxes,
    roundups,
    rulecache,
    sandwiched,
    shortpage,
    siblings,
    signatures,
    tails,
    teasers,
    threads,
    transcripts,
    verdictlists,
)
from . import features as feat
from .code import may_hold_blocks, may_number
from .config import Config
from .contents import Lines, lines_of
from .language import (
    UNDETERMINED,
    detect_language,
    has_pack,
    known_languages,
    stopwords_for,
    without_list,
)
from .linemodel import LineModel, default_model, packless_model, sigmoid
from .model import BODY, Block, Label, Verdict, effective_text
from .patterns import UserPatterns
from .prose import word_count
from .recurring import Recurring
from .repeats import Repeats, prepare_all
from .rulecodes import (
    SOFT_RULES,
    header_line,
    overruled_soft_rule,
    rule_code,
    taken_by_header,
    undecided,
)
from .rules import Hit, RuleSet, comment_notes, date_part, lead_length, load_pack, trim
from .tables import RunTable, original_cells, run_tables
from .tables import shapes as table_shapes

try:  # a removed line's summary in C (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

_DATE_HINT = rulecache.compile(
    r"\d|\b(?:today|yesterday|ago|hours?|minutes?|aujourd'hui|hier|il y a|hoy|ayer|hace|hoje|"
    r"ontem|heute|gestern|vor|oggi|ieri|fa|vandaag|gisteren|geleden)\b",
    re.IGNORECASE,
)
_JOINERS = "and & de da das do dos del della di du la le van von der den ter bin al el y e et und"
# "with agencies": a desk's byline over a story it wrote with the wires ("Redação, com
# agências", "Redacción con agencias", "Staff and agencies").
_JOINERS += " with com con avec mit met"
_ROLES = "of en staff writer writers reporter correspondent editor contributor"
_ROLES += " agencies agências agencias agences agenturen agenzie agentschappen"
_NAME_JOINERS = frozenset(_JOINERS.split() + _ROLES.split())
_WORD = re.compile(r"\w+")
_TEXT = operator.attrgetter("text")  # a block's own text, read by `map` in C
_EXTRACTOR_STARTS = feeds.STARTS + linkmarks.STARTS
# Rule verdicts remembered per language (emptied when full). Chrome recurs within a site,
# near in a run's order: on 20,000 corpus files in a worker's order 10,000 lines miss 0.5 %
# more lines than 100,000 did, and a worker's peak is 100 MB lower (HISTORY, session 28).
CACHE_LINES = 10_000
# Model passes until nothing more goes: usually two or three, but a long run of short lines
# (a week's meal plan) can lose one line a pass. Stopping before the fixed point leaves a
# file that a second clean changes; 789 x 3 dev-set pages need at most 25 (wcxb-4115).
MAX_PASSES = 40
# Runs of the passes with entry labels in play before the kept text decides as they did
# (`_passes`): the first decision is read on every line, the second on the kept ones.
SETTLE_TRIES = 2


def _capitalised(word: str) -> bool:
    """A capital letter, or letters of a script without case (a name in Devanagari, Arabic,
    Hangul or Han has no capital to show it by)."""
    if any(c.isupper() for c in word):
        return True
    return any(c.isalpha() for c in word) and not any(c.islower() for c in word)


def _names(value: str) -> bool:
    """Mostly capitalised words: a person or desk, not a sentence starting with "By"."""
    words = [w for w in re.split(r"[\s,|/–—-]+", value) if w]
    if not words or len(words) > 10:
        return False
    named = [w for w in words if w.lower() not in _NAME_JOINERS]
    if not named:  # a desk, not a person: "Staff Reporter", "Staff Writers"
        return any(w[0].isupper() for w in words) and not value.rstrip().endswith(".")
    capitalised = sum(_capitalised(w) for w in named)
    if capitalised < max(1, 0.66 * len(named)):
        return False
    # A sentence ends with a full stop; a name only after an initial ("J. Smith Jr.").
    last = value.rstrip()
    return not last.endswith(("!", "?")) and (not last.endswith(".") or len(last.split()[-1]) <= 3)


def _date(value: str) -> bool:
    return _DATE_HINT.search(value) is not None


# A credit names who made or owns a picture: a person, an agency, a desk ("Paulo Cunha /
# Lusa", "AFP via Getty Images", "courtesy of the family"). A value of this many words or
# more, fewer than a third of them capitalised, is a sentence: a gallery's title or a
# caption after "Fotos:" ("Fotos: o incêndio na Serra da Estrela visto do ar").
CREDIT_PHRASE_WORDS = 6


def _credit(value: str) -> bool:
    words = value.split()
    if len(words) < CREDIT_PHRASE_WORDS:
        return True
    return 3 * sum(_capitalised(w) for w in words) >= len(words)


VALIDATORS: dict[str, Callable[[str], bool]] = {"names": _names, "date": _date, "credit": _credit}


@dataclass(slots=True)
class Classified:
    verdicts: list[Verdict]
    language: str
    metadata: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # What the passes read of the file and last decided of its entry labels, for
    # `Classifier.kept_labels` (None: the passes did not run).
    settled: Settled | None = None


@dataclass(slots=True)
class Scored:
    """What the line model saw and said on its first pass (for `explain` and training)."""

    rows: list[int]  # block indices, in order
    x1: np.ndarray  # stage-1 features
    x2: np.ndarray  # stage-2 features
    p: np.ndarray  # final body probability


@dataclass(slots=True)
class _FileFacts:
    """What the model passes read of a file's text alone (the kept remainders of stripped
    lines, wiki headings without their edit links): the same on every pass and every
    settle try (`Classifier._passes`), so taken once per file. Each is a pure function of
    the text; `tables` and the row features only remember what was read."""

    texts: list[str]
    marks: dict[int, str] | None  # wiki headings' edit links (most files: none)
    repeats: Repeats
    shapes: list[int]  # a line's cell shape, for every pass
    tables: dict  # the tables of each run of cells read so far (`find_tables`)
    has_code: bool  # some line could open a code block
    gutters: bool  # some line opens as a listing's numbers do (`code.may_number`; most: no)
    forms: list[int]  # a list item's form (see `siblings.py`)
    contents: Lines | None  # what a table of contents is found by (`contents.py`)
    field_labels: list[str | None] | None  # an entry's fields (`entryfields.py`)
    outlines: list[list[range]] | None  # entries of one outline (most files: none)
    verdicts_found: list[verdictlists.VerdictLists] | None  # a review's pros and cons
    apparatus_heads: list[int] | None  # footnotes' or sources' headings (most: none)
    caps_titles: list[int] | None  # titles in capitals (most files: none)
    placeholders: list[int] | None  # a template's "Lorem ipsum" lines (most: none)
    buttons: list[list[int]] | None  # a widget's button, copy by copy (most: none)
    closers: frozenset[int] | None  # lines that may close a round-up's entries (most: none)
    announced: tuple[int, ...]  # an announced round-up's links and titles (most: none)
    credited: list[list[int]] | None  # captions sharing one credit (most files: none)
    handles: list[int] | None  # short lines with a social handle (most files: none)
    boxes: edges.BoxFacts  # what the author-box pass reads of each line
    has_codes: bool  # a transcript's time codes
    numbered: dict[int, tuple[int, str]]  # a numbered list's items (most files: none)
    forum_fields: list[str | None] | None  # posts' header fields (most: none)
    role_bios: list[tuple[int, int]]  # bios under a name and a role (most: none)
    has_items: bool  # enough list items of one form to judge as runs
    opening: list[str | None] | None  # items that open alike (see `openings.py`)
    asked: frozenset[int] | None  # lines that read as questions (most files: too few)
    # Passes whose lines must be of a kind no line of most files is: each False where the
    # pass would change nothing on any pass of the file, so it is not run (small files
    # paid them every pass for nothing).
    intros: tuple[int, ...]  # lines that read as a list's intro (`introlists.intro_lines`)
    list_labels: frozenset[int]  # short labels of a list (`introlists.label_lines`)
    list_heads: tuple[int, ...]  # intros and labels, in order (`introlists.list_heads`)
    run_tables: list[RunTable] | None  # checklists, summary tables (most files: none)
    orphans: bool  # a short line ending with a colon (`edges.may_orphan`)
    counters: bool  # a gallery's counters (`edges.may_count`)
    stamps: bool  # a live blog's stamps (`edges.may_stamp`)
    offtopic: tuple[int, ...]  # another story's headline, by text (`offtopic.shaped_lines`)
    lineups: bool  # a match report's line-ups (`lineups.may_hold`)
    post_heads: list[int] | None  # lines that may be numbered post headers (most: none)
    subheadings: tuple[int, ...]  # Markdown subheadings (`markdown.subheading_lines`; most: none)
    recurring: Recurring  # the texts counted (`recurring.py`)
    own: dict[frozenset[str], feat.Rows] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        blocks: Sequence[Block],
        texts: list[str],
        config: Config,
        counted: Recurring | None = None,
    ) -> _FileFacts:
        """`texts`: each line's `effective_text`; reread here in place (edit links).
        `counted`: `Recurring.of(texts)` before that, where the caller took it."""
        marks = editmarks.find(texts)
        editmarks.reread(texts, marks)
        # Each line's first tests for the scans below, one pass in C over the texts the
        # passes read and one over the blocks' own (`linescan`).
        own, raw = linescan.line_flags(texts), linescan.line_flags(blocks)
        forms = siblings.forms(texts)
        opening = openings.openings(texts)
        shapes = table_shapes(texts)
        # The texts counted once, for three scans and the passes' entry labels (the
        # caller's count where no edit link was read away: the same texts).
        recurring = counted if counted is not None and not marks else Recurring.of(texts)
        closers = roundups.find(texts, recurring)
        intros = introlists.intro_lines(texts, own)
        list_labels = introlists.label_lines(texts, own)
        gutters = may_number(texts)
        boxes = edges.box_facts(blocks)
        return cls(
            texts=texts,
            marks=marks,
            repeats=Repeats(texts, config),
            shapes=shapes,
            tables={},
            has_code=may_hold_blocks(texts, gutters),
            gutters=gutters,
            forms=forms,
            contents=lines_of(texts),
            field_labels=entryfields.field_labels(texts, own),
            outlines=entryfields.outlines(texts, recurring),
            verdicts_found=verdictlists.find(texts),
            apparatus_heads=apparatus.find(texts),
            caps_titles=capsbox.find(texts),
            placeholders=placeholders.find(texts, opening),
            buttons=buttons.find(texts, opening),
            closers=closers,
            announced=roundups.announced(texts, closers),
            credited=credits.find(texts),
            handles=handles.find(texts),
            boxes=boxes,
            has_codes=transcripts.may_hold(blocks, raw),
            numbered=edges.numbered_lines(blocks, raw),
            forum_fields=postblocks.field_lines(blocks, raw),
            role_bios=roleboxes.role_openers(blocks, boxes.stripped),
            # Counted in C (`list.count`): a generator's step a line cost 1,000 instructions.
            has_items=sum(map(forms.count, siblings.LIST_FORMS))
            >= siblings.MIN_ITEMS,
            opening=opening,
            asked=context.question_lines(texts, own),
            intros=intros,
            list_labels=list_labels,
            list_heads=introlists.list_heads(intros, list_labels),
            run_tables=run_tables(texts, shapes, recurring),
            orphans=edges.may_orphan(blocks, raw),
            counters=edges.may_count(blocks, raw),
            stamps=edges.may_stamp(blocks, raw),
            offtopic=offtopic.shaped_lines(blocks),
            lineups=lineups.may_hold(blocks),
            post_heads=postblocks.numbered_lines(opening),
            recurring=recurring,
            subheadings=markdown.subheading_lines(list(map(_TEXT, blocks))),
        )

    def row_features(self, stopwords: frozenset[str]) -> feat.Rows:
        """`features.row_features` of the texts, taken when a pass first needs them."""
        rows = self.own.get(stopwords)
        if rows is None:
            rows = self.own[stopwords] = feat.row_features(self.texts, stopwords)
        return rows


@dataclass(slots=True)
class Settled:
    """A file's facts after its passes, and the entry labels its last settle check decided
    on (`Classifier._passes`): the kept lines it read, their texts and the labels found
    among them (positions in `kept`; `kept` None when no check decided the end)."""

    facts: _FileFacts
    kept: list[int] | None = None
    texts: list[str] | None = None
    found: frozenset[int] = frozenset()


@dataclass(slots=True)
class _PassRecord:
    """One model pass of a settle try: what it started from and what it left."""

    rows: list[int]
    start: list[Verdict]  # the verdicts it started from (the very objects)
    pairs: list  # the entry labels' pairs it read (`labels.recurring_pairs`)
    signed: list[list[int]]  # the signatures it read (`signatures.find`)
    end: list[Verdict] | None = None  # the verdicts after its last step
    changed: bool = False
    scored: Scored | None = None  # `Classifier.last_scored` after it


class _Replay:
    """The passes of a settle try (`Classifier._passes`) that start as the previous try's
    did. Every try starts from the same verdicts, and most second tries (the entry labels'
    decision undone) run the first try's passes again before the labels make a difference,
    if at all: a pass is a function of its rows, the verdicts it starts from, the labels'
    pairs and the signatures it reads, with the file's facts (the same in every try). The
    j-th pass of a try that starts from the very verdict objects, the same rows, pairs and
    signatures as the previous try's j-th pass leaves what that pass left, so its verdicts
    are taken from there and its model request and context passes are not run again.

    `previous`: the previous try's passes (None on the first try); `record`: where this
    try's passes go (None when no try follows)."""

    __slots__ = ("_open", "previous", "record")

    def __init__(
        self, previous: list[_PassRecord] | None, record: list[_PassRecord] | None
    ) -> None:
        self.previous, self.record = previous, record
        self._open: _PassRecord | None = None

    def found(
        self, step: int, rows: list[int], verdicts: list[Verdict], pairs: list,
        signed: list[list[int]],
    ) -> _PassRecord | None:
        """The previous try's `step`-th pass, if it started where this one starts."""
        if self.previous is None or step >= len(self.previous):
            return None
        done = self.previous[step]
        if (
            done.end is None
            or done.rows != rows
            or len(done.start) != len(verdicts)
            # The very objects: verdicts are immutable, so no field can differ.
            or not all(map(operator.is_, done.start, verdicts))
            or done.pairs != pairs
            or done.signed != signed
        ):
            return None
        return done

    def keep(self, done: _PassRecord) -> None:
        """Record a replayed pass as this try's own (a later try may replay it too)."""
        if self.record is not None:
            self.record.append(done)

    def begin(
        self, rows: list[int], verdicts: list[Verdict], pairs: list, signed: list[list[int]]
    ) -> None:
        """A pass that runs: remember what it starts from."""
        if self.record is not None:
            self._open = _PassRecord(list(rows), list(verdicts), pairs, signed)
            self.record.append(self._open)

    def end(self, verdicts: list[Verdict], changed: bool, scored: Scored | None) -> None:
        """What the pass begun last left."""
        if self._open is not None:
            self._open.end, self._open.changed, self._open.scored = (
                list(verdicts), changed, scored
            )
            self._open = None


_NO_MODEL = object()

# What a model pass asks for (a file's rows, the subset in play, its rule codes, the lines
# to score) and the answer (`predict`'s stage-1 features, stage-2 features, probabilities).
Request = tuple[feat.Rows, np.ndarray | None, Sequence[int], Sequence[int] | None]
Prediction = tuple[np.ndarray, np.ndarray, np.ndarray]
Passes = Generator[Request, Prediction, "Settled | None"]
# What a file's passes read before the first (`Classifier._set_up`).
_SetUp = tuple[frozenset[int], _FileFacts]


class Classifier:
    """Built once per run (rules compile once); `classify` is called per file."""

    def __init__(self, config: Config, model: LineModel | object | None = _NO_MODEL) -> None:
        self.config = config
        self.user = UserPatterns(config.extra_patterns, config.keep_patterns)
        self._rulesets: dict[str, RuleSet] = {}
        # User patterns may time out (and are then skipped for the file): no caching then.
        self._cacheable = not (config.extra_patterns or config.keep_patterns)
        self._verdicts: dict[str, dict[str, Verdict]] = {}
        self.model: LineModel | None = default_model() if model is _NO_MODEL else model  # type: ignore[assignment]
        # A model given by the caller reads every page; else pages in a listed language
        # without a pack get the reading made for them (`linemodel.packless_model`), if
        # shipped, loaded when the first such page comes (English pages never read it).
        self._packless: LineModel | object | None = model
        self.last_scored: Scored | None = None  # set by classify(..., keep_scores=True)

    def model_for(self, language: str) -> LineModel | None:
        """The line model that reads a page in `language`."""
        if not packless_reading(language):
            return self.model
        if self._packless is _NO_MODEL:
            self._packless = packless_model() or self.model
        return self._packless  # type: ignore[return-value]

    def ruleset(self, language: str) -> RuleSet:
        if language not in self._rulesets:
            languages = ["en", "common"]
            if language != "en" and has_pack(language):
                languages.insert(0, language)
            elif language != UNDETERMINED and language not in known_languages():
                load_pack(language)  # raises PackError naming the language
            # (A language with only a list of function words has no rules of its own.)
            self._rulesets[language] = RuleSet(tuple(languages))
        return self._rulesets[language]

    def language_of(self, blocks: Sequence[Block]) -> str:
        return self.config.language or detect_language(b.text for b in blocks)

    def rule_pass(self, blocks: Sequence[Block], language: str) -> list[Verdict]:
        """Layers 1 and 2: what the rule packs and block headers say."""
        rules = self.ruleset(language)
        self.user.reset()
        texts = [b.text for b in blocks]
        if not self._cacheable:
            verdicts = [self._rule_verdict(text, rules) for text in texts]
        else:
            # A line's rule verdict depends on its text and language only; site chrome
            # recurs across a run's files, so most of it is looked up, not matched: all at
            # once, then the lines missed in order (a line twice in the file is matched
            # once, as when each was looked up in turn).
            cache = self._verdicts.setdefault(language, {})
            if len(cache) > CACHE_LINES:
                cache.clear()
            found: list[Verdict | None] = list(map(cache.get, texts))
            for i, verdict in enumerate(found):
                if verdict is None:
                    text = texts[i]
                    verdict = cache.get(text)
                    if verdict is None:
                        verdict = cache[text] = self._rule_verdict(text, rules)
                    found[i] = verdict
            verdicts = found  # type: ignore[assignment]
        marks = editmarks.find(texts)
        if marks:
            # A wiki heading's rules are those of the heading without its edit link, as a
            # second run reads it ("See also[edit]" is "See also").
            for i, head in marks.items():
                verdicts[i] = self._rule_verdict(head, rules)
        context.header_blocks(blocks, verdicts)
        context.code_lines_unruled(blocks, verdicts, texts)
        datedentries.dated_entries(texts, verdicts)
        # An extractor's syntax: an RSS item's elements, a text browser's link lines. Most
        # files open no line with what those need, which one C call a line tells.
        if any(map(str.startswith, texts, repeat(_EXTRACTOR_STARTS))):
            feeds.feed_elements(texts, verdicts)
            linkmarks.link_lines(texts, verdicts)
        edges.author_bios(blocks, verdicts)
        threads.post_controls(blocks, verdicts)
        rulecache.save()  # what the rules derived for this file, for later processes
        return verdicts

    def classify(self, blocks: Sequence[Block], keep_scores: bool = False) -> Classified:
        language = self.language_of(blocks)
        verdicts = self.rule_pass(blocks, language)
        warnings = self._warnings(blocks, verdicts)  # of the rule pass, as `classify_many`'s
        settled = self._model_passes(blocks, verdicts, language, keep_scores)
        rulecache.save()  # what the passes compiled, as `classify_many` does
        return Classified(verdicts, language, _metadata(blocks, verdicts), warnings, settled)

    def classify_many(self, files: Sequence[Sequence[Block]]) -> list[Classified | Exception]:
        """`classify` of each file, the model scoring every file's pass at once (see
        `predict_many`): the same verdicts, with numpy's cost per call paid once for all
        the files rather than once per file. A file whose classification raises gets the
        exception in its place, and the others are classified all the same."""
        out: list[Classified | Exception] = []
        running: dict[int, tuple[Passes, Request, LineModel]] = {}
        set_up: dict[int, tuple[str, list[Verdict], _SetUp]] = {}
        settled: dict[int, Settled | None] = {}
        for k, blocks in enumerate(files):
            try:
                language = self.language_of(blocks)
                verdicts = self.rule_pass(blocks, language)
                # User patterns run in the rule pass only: its warnings are this file's.
                out.append(
                    Classified(verdicts, language, warnings=self._warnings(blocks, verdicts))
                )
                set_up[k] = (language, verdicts, self._set_up(blocks, verdicts))
            except Exception as exc:  # a bug must cost one file, not the batch
                self.user.reset()
                del out[k:]  # its verdicts, if made, are not its result
                out.append(exc)
        # The chunk's repeat finders prepared together (numpy's cost per call paid once).
        # On a fault none is set: each prepares alone when its file's passes first ask,
        # and a fault there costs that file only (below).
        with contextlib.suppress(Exception):
            prepare_all([facts.repeats for _, _, (_, facts) in set_up.values()])
        for k, (language, verdicts, prepared) in set_up.items():
            try:
                passes = self._passes(files[k], verdicts, language, False, set_up=prepared)
                running[k] = (passes, next(passes), self.model_for(language))  # type: ignore[arg-type]
            except StopIteration as stop:
                settled[k] = stop.value
            except Exception as exc:  # a bug must cost one file, not the batch
                out[k] = exc
        while running:
            # The files each model reads (pages with a pack, pages without), scored together.
            groups: dict[int, list[int]] = {}
            for k, (_, _, model) in running.items():
                groups.setdefault(id(model), []).append(k)
            for order in groups.values():
                model = running[order[0]][2]
                for k, answer in zip(order, _answers(model, order, running, out), strict=True):
                    passes = running.pop(k)[0]
                    if answer is None:
                        continue
                    try:
                        running[k] = (passes, passes.send(answer), model)
                    except StopIteration as stop:
                        settled[k] = stop.value
                    except Exception as exc:
                        out[k] = exc
        for k, (result, blocks) in enumerate(zip(out, files, strict=True)):
            if isinstance(result, Classified):
                result.metadata = _metadata(blocks, result.verdicts)
                result.settled = settled.get(k)
        # What the passes compiled after the rule passes' saves: a process that classifies
        # one batch would otherwise compile it again in every later run.
        rulecache.save()
        return out

    def _warnings(self, blocks: Sequence[Block], verdicts: list[Verdict]) -> list[str]:
        """The file's warnings: user patterns its rule pass set aside, and its shape (read
        with the rule pass's `verdicts`: a page of teasers)."""
        timeouts = [
            f"pattern {p!r} hit the {self.user.timeout}s time limit; skipped for the "
            f"rest of this file"
            for p in self.user.reset()
        ]
        return timeouts + _shape_warnings(blocks) + teasers.warning(blocks, verdicts)

    def refine(self, blocks: Sequence[Block], verdicts: list[Verdict], language: str) -> None:
        """Run layers 3 and 4 again on the lines still kept, after a later stage (site
        templates) removed some: a second run would see the file without them."""
        kept = _kept(verdicts)
        self._model_passes(blocks, verdicts, language, False, start=kept)

    def _model_passes(
        self,
        blocks: Sequence[Block],
        verdicts: list[Verdict],
        language: str,
        keep_scores: bool,
        start: list[int] | None = None,
    ) -> Settled | None:
        """Layers 3 and 4, repeated on the kept lines until they keep everything they see;
        what `_passes` leaves for `kept_labels`."""
        passes = self._passes(blocks, verdicts, language, keep_scores, start)
        model = self.model_for(language)
        try:
            request = next(passes)
            while True:
                request = passes.send(predict(model, *request))  # type: ignore[arg-type]
        except StopIteration as stop:
            return stop.value

    def _passes(
        self,
        blocks: Sequence[Block],
        verdicts: list[Verdict],
        language: str,
        keep_scores: bool,
        start: list[int] | None = None,
        set_up: _SetUp | None = None,
    ) -> Passes:
        """`_model_passes` as a generator that yields what the model must score each pass and
        is sent the model's answer: `classify_many` scores several files' passes at once.
        It returns the file's facts and its last settle check's decision (`Settled`).

        Entry labels that resolution must not drop as repeats (`labels.distinct_labels`)
        stay in play through the passes only when the kept lines decide the same
        (`labels.kept_labels`), as a second run reads only those: otherwise the passes run
        again from the start with the lines the kept text decides on (none: as if no such
        labels were found).

        `set_up`: `_set_up(blocks, verdicts)`, taken by the caller (`classify_many`
        prepares a chunk's repeat finders together)."""
        distinct, facts = self._set_up(blocks, verdicts) if set_up is None else set_up
        before = list(verdicts)
        # Each try's passes, for the next try to replay while it meets the same states (see
        # `_Replay`); recorded only when another try may follow (entry labels in play).
        previous: list[_PassRecord] | None = None
        record: list[_PassRecord] | None = [] if distinct else None
        for _ in range(SETTLE_TRIES):
            yield from self._passes_with(
                blocks, verdicts, language, keep_scores, start, distinct, facts,
                None if previous is None and record is None else _Replay(previous, record),
            )
            if not distinct:
                return Settled(facts)
            kept = _kept(verdicts)
            texts = [effective_text(blocks[i], verdicts[i]) for i in kept]
            found = self._kept_labels(facts, kept, texts)
            settled = frozenset(kept[k] for k in found)
            if settled == distinct & set(kept):
                return Settled(facts, kept, texts, found)
            verdicts[:] = before
            distinct = settled
            previous, record = record, ([] if distinct else None)
        # Out of tries, the verdicts are back at the rules' (above): the passes run once
        # more without entry labels, also when the last try's kept text decided on none
        # (otherwise every line the rules kept would stay, the model never asked).
        yield from self._passes_with(
            blocks, verdicts, language, keep_scores, start, frozenset(), facts,
            _Replay(previous, None),
        )
        return Settled(facts)

    def _set_up(self, blocks: Sequence[Block], verdicts: list[Verdict]) -> _SetUp:
        """What `_passes` reads before its first pass: the lines to keep in play that
        resolution will not drop as repeats (`labels.distinct_lines`) and the file's facts."""
        texts = [effective_text(b, v) for b, v in zip(blocks, verdicts, strict=True)]
        # The texts counted once, for the entry labels here and the facts' scans (those
        # count them again where a wiki heading's edit link is read away: `of`).
        recurring = Recurring.of(texts)
        distinct = labels.entry_labels_of(texts, recurring)
        # Each try starts from the same verdicts (`before`), hence the same texts: what the
        # passes read of the text alone is taken once for all the tries.
        facts = _FileFacts.of(blocks, texts, self.config, recurring)
        # A table's cells, from the cell shapes the passes read too; the tables found are
        # remembered for the first pass, which reads every line.
        return distinct | original_cells(facts.texts, facts.shapes, facts.tables), facts

    def kept_labels(
        self, classified: Classified, body: list[int], texts: list[str]
    ) -> frozenset[int]:
        """`labels.kept_labels_of(texts)` of a classified file's `body` lines (block indices)
        and their `texts`: what analysis leaves out of duplicate detection. The passes'
        last settle check decided on these very lines most often; else the file's facts
        answer part of it (`_kept_labels`)."""
        settled = classified.settled
        if settled is None:
            return labels.kept_labels_of(texts, self.config)
        if settled.kept == body and settled.texts == texts:
            return settled.found
        return self._kept_labels(settled.facts, body, texts)

    def _kept_labels(
        self, facts: _FileFacts, kept: list[int], texts: list[str]
    ) -> frozenset[int]:
        """`labels.kept_labels_of` of the `kept` lines (block indices) and their `texts`
        (positions in `kept`): what analysis decides on the clean text, and a second run
        on its output. Where the texts are those the file's repeat finder holds (a stripped
        prefix changes none on most pages), that finder tells what resolution drops among
        them."""
        own = facts.texts
        same = all(own[i] == text for i, text in zip(kept, texts, strict=True))
        finder = (facts.repeats, kept) if same else None
        return labels.kept_labels_of(texts, self.config, finder)

    def _passes_with(
        self,
        blocks: Sequence[Block],
        verdicts: list[Verdict],
        language: str,
        keep_scores: bool,
        start: list[int] | None,
        distinct: frozenset[int],
        facts: _FileFacts,
        replay: _Replay | None = None,
    ) -> Generator[Request, Prediction, None]:
        """`_passes` with the entry labels `distinct` kept in play; `facts` are what the
        passes read of the file's text alone; `replay`: the previous try's passes, and where
        to record this try's (see `_Replay`)."""
        texts, marks, repeats, shapes = facts.texts, facts.marks, facts.repeats, facts.shapes
        tables = facts.tables
        has_code, forms, contents = facts.has_code, facts.forms, facts.contents
        twins = repeats.twins()
        if distinct:  # every copy of those is in the clean text
            twins = [group for group in twins if group[0] not in distinct]
        # An entry's labels (`labels.py`), of the texts counted once per file.
        pairs = labels.recurring_pairs(texts, twins, facts.recurring)
        field_labels, verdicts_found = facts.field_labels, facts.verdicts_found
        boxes, has_codes, numbered = facts.boxes, facts.has_codes, facts.numbered
        forum_fields, role_bios = facts.forum_fields, facts.role_bios
        has_items, opening = facts.has_items, facts.opening
        rows = (
            list(range(len(blocks))) if start is None
            else _unrepeated(repeats, start, distinct)
        )
        first = 0 if start is None else 1
        # The soft rules' own verdicts: a line the model overrules on one pass and removes
        # on a later one goes out under its rule again, as a second run would see it.
        soft = {i: v for i, v in enumerate(verdicts) if not v.keep and v.rule in SOFT_RULES}
        self.last_scored = None
        own = None
        model = self.model_for(language)
        if model is not None and len(rows) >= 1:
            own = facts.row_features(stopwords_for(language))
        pack, packless = has_pack(language), packless_reading(language)
        if facts.run_tables is not None:
            context.checklist_marks(verdicts, facts.run_tables)
        # What the rules decided, given back to a round-up's line whose list no longer
        # stands on a later pass (most files hold no round-up's links: no copy).
        if facts.closers is not None and facts.announced:
            roundups.premark(verdicts, facts.closers, facts.announced)
        ruled_first = None if facts.closers is None else list(verdicts)
        for npass in range(first, MAX_PASSES):
            # Posts' signatures among the lines in play, as a second run reads them (most
            # files: none): of the texts and rows alone, so taken before the pass.
            signed = signatures.find(texts, rows, distinct)
            if replay is not None:
                done = replay.found(npass - first, rows, verdicts, pairs, signed)
                if done is not None:
                    verdicts[:] = done.end
                    changed = done.changed
                    if keep_scores and npass == 0:
                        self.last_scored = done.scored
                    replay.keep(done)
                    kept = _kept(verdicts)
                    following = _unrepeated(repeats, kept, distinct)
                    if not changed and following == rows:
                        break
                    rows = following
                    continue
                replay.begin(rows, verdicts, pairs, signed)
            changed = False
            if model is not None and own is not None and len(rows) >= 1:
                # Each line's rule code, and the lines whose verdict the model may set (the
                # others are features only).
                codes, todo = _codes_and_todo(verdicts, rows)
                subset = None if npass == 0 else np.asarray(rows, dtype=np.int64)
                scored = None if keep_scores and npass == 0 else todo
                x1, x2, p = yield (own, subset, codes, scored)
                if keep_scores and npass == 0:
                    self.last_scored = Scored(rows, x1, x2, p)
                structured = (
                    None if facts.run_tables is None else _structured(facts.run_tables, rows)
                )
                threshold = _threshold(model, x1, structured)
                lists = _list_scores(verdicts, rows, todo, p)
                items = (
                    _item_scores(rows, todo, forms if has_items else None, p, lists, opening)
                    if has_items or opening is not None
                    else {}
                )
                changed = _model_verdicts(
                    verdicts, rows, todo, p, x1, (threshold, model.threshold), lists, items,
                    soft,
                )
                if has_items and npass == 1:  # the pass after the one that read every line
                    open_rows = [k for k in todo if k not in lists]
                    changed |= siblings.rejoin(
                        texts, forms, verdicts, rows, open_rows, p, threshold
                    )
            if not pack:
                # The model read the page without its stopwords, or through a list of
                # them that no page in the language trained it on (see `menu_runs`).
                changed |= edges.menu_runs(blocks, verdicts, rows, packless)
                changed |= edges.header_lists(blocks, verdicts, rows)
                changed |= edges.related_lists(blocks, verdicts, rows)
            changed |= shortpage.sentences_of_empty_page(blocks, verdicts, rows)
            if facts.asked is not None:
                changed |= context.questions(blocks, verdicts, rows, facts.asked)
            changed |= context.headline_and_captions(blocks, verdicts, rows, packless)
            changed |= context.repeated_titles(blocks, verdicts, rows, repeats)
            changed |= context.table_cells(texts, verdicts, rows, shapes, tables)
            if facts.run_tables is not None:
                changed |= context.run_table_rows(texts, verdicts, facts.run_tables)
            changed |= context.code_blocks(texts, verdicts, rows, has_code, facts.gutters)
            if facts.subheadings:
                changed |= markdown.headings(blocks, verdicts, facts.subheadings)
            changed |= labels.entry_labels(verdicts, rows, pairs)
            changed |= entryfields.entry_fields(field_labels, verdicts, rows)
            changed |= entryfields.entry_items(blocks, field_labels, verdicts, rows)
            if facts.outlines is not None:
                changed |= entryfields.entry_outlines(
                    facts.outlines, texts, verdicts, rows, repeats
                )
            changed |= verdictlists.verdict_lists(verdicts_found, verdicts, rows)
            changed |= sandwiched.between_prose(texts, verdicts, rows)
            if facts.intros or facts.list_labels:
                changed |= introlists.introduced_lists(
                    texts, verdicts, rows, facts.list_labels, facts.list_heads
                )
            if facts.intros:
                changed |= introlists.kept_list_intros(facts.intros, verdicts, rows)
                changed |= headedlists.headed_lists(
                    texts, facts.intros, stopwords_for(language), verdicts, rows
                )
            if facts.closers is not None and ruled_first is not None:
                changed |= roundups.roundup_entries(
                    facts.closers, ruled_first, texts, verdicts, rows
                )
            changed |= context.record_lists(texts, verdicts, rows)
            changed |= context.after_article(texts, verdicts, rows)
            changed |= closinglists.closing_lists(texts, verdicts, rows)
            changed |= apparatus.closing_apparatus(facts.apparatus_heads, verdicts, rows)
            if facts.caps_titles is not None:
                changed |= capsbox.closing_box(facts.caps_titles, texts, verdicts, rows)
            if facts.placeholders is not None:
                changed |= placeholders.template_placeholders(
                    texts, facts.placeholders, verdicts, rows
                )
            if facts.buttons is not None:
                changed |= buttons.repeated_buttons(facts.buttons, texts, verdicts, rows)
            if facts.credited is not None:
                changed |= credits.credited_captions(facts.credited, verdicts, rows)
            if facts.handles is not None:
                changed |= handles.handle_lines(
                    facts.handles, texts, field_labels, verdicts, rows
                )
            if contents is not None:
                changed |= context.contents(contents, verdicts, rows)
            if numbered:
                changed |= edges.numbered_items(blocks, verdicts, rows, numbered)
            changed |= threads.thread_posts(blocks, verdicts, rows)
            changed |= threads.posts_between_controls(blocks, verdicts, rows)
            changed |= postheads.comment_threads(blocks, verdicts, rows)
            if forum_fields is not None:
                changed |= postblocks.forum_posts(
                    blocks, verdicts, rows, forum_fields,
                    frozenset(i for group in signed for i in group),
                )
            if facts.post_heads is not None:
                changed |= postblocks.headed_posts(blocks, verdicts, rows, facts.post_heads)
            # After the forum's posts: their header blocks ("Joined:", "Posts:" under a
            # handle) are fields in records too, and `postblocks` removes them first.
            if entryfields.entry_records(texts, field_labels, verdicts, rows):
                # The records' other fields kept, the last entry runs on to its sentences
                # (`edges.marked_items` ends the last item at its first removed field).
                entryfields.entry_items(blocks, field_labels, verdicts, rows)
                changed = True
            if facts.offtopic:
                changed |= offtopic.headlines_between(blocks, verdicts, rows, facts.offtopic)
            if facts.lineups:
                changed |= lineups.line_ups(blocks, verdicts, rows)
            changed |= edges.closing_line(blocks, verdicts, rows)
            changed |= tails.article_tail(blocks, verdicts, rows)
            changed |= closinglabels.closing_labels(texts, verdicts, rows)
            changed |= edges.author_boxes(blocks, verdicts, rows, boxes)
            if role_bios:
                changed |= roleboxes.role_boxes(blocks, verdicts, rows, role_bios)
            if signed:
                changed |= signatures.post_signatures(signed, verdicts)
            if facts.counters:
                changed |= edges.position_counters(blocks, verdicts, rows)
            if facts.orphans:
                changed |= edges.orphan_intros(blocks, verdicts, rows)
            if facts.stamps:
                changed |= edges.post_stamps(blocks, verdicts, rows)
            if has_codes:
                changed |= transcripts.transcripts(blocks, verdicts, rows)
            changed |= edges.between_captures(blocks, verdicts, rows, repeats)
            if replay is not None:
                replay.end(verdicts, changed, self.last_scored)
            # The next pass sees what a second run would: every line still kept, less those
            # duplicate resolution will drop (which depends on what else is kept).
            kept = _kept(verdicts)
            following = _unrepeated(repeats, kept, distinct)
            if not changed and following == rows:
                break
            rows = following
        editmarks.strip_kept(verdicts, marks)

    def _rule_verdict(self, text: str, rules: RuleSet) -> Verdict:
        if self.user.keep(text):
            return Verdict(Label.BODY, "keep-pattern", "matched a keep pattern")
        pattern = self.user.extra(text)
        if pattern is not None:
            return Verdict(Label.BOILERPLATE, "user-pattern", f"matched {pattern!r}")
        trimmed = trim(text)
        if not trimmed or not _WORD.search(trimmed):
            return Verdict(Label.BOILERPLATE, "symbol-line", "no words")
        # Rules read a Markdown link as the words it shows ("By [Tom Ellery](https://...)"
        # is a byline); the line written stays as it was.
        linked = "](" in trimmed
        if linked:
            trimmed = trim(markdown.link_text(trimmed))
        words = word_count(trimmed)
        hit = rules.match(trimmed, words, VALIDATORS)
        for kind, found in hit:
            if linked and kind == "strip":
                continue  # its cut is measured in the text without the links' targets
            verdict = _verdict(kind, found, trimmed, text)
            if verdict is None:
                continue
            if verdict.keep_text is not None:
                # What a stripped prefix leaves is judged again, as a second run would.
                rest = self._rule_verdict(verdict.keep_text, rules)
                if not rest.keep:
                    return Verdict(
                        rest.label,
                        rest.rule,
                        f"{verdict.detail}; then {rest.detail}",
                        meta=rest.meta or verdict.meta,
                    )
                if rest.keep_text is not None:
                    return Verdict(
                        Label.BODY,
                        verdict.rule,
                        f"{verdict.detail}; then {rest.detail}",
                        keep_text=rest.keep_text,
                        meta=verdict.meta,
                    )
            return verdict
        parts = fields.split(trimmed) if words <= fields.MAX_WORDS else None
        if parts is not None:
            return self._fields_verdict(parts, rules)
        return BODY

    def _fields_verdict(self, parts: list[str], rules: RuleSet) -> Verdict:
        """A line of fields (see `fields.py`) whose every field a rule removes, one at least
        as metadata (a byline, a date), is that metadata; otherwise the line is left."""
        found = [self._rule_verdict(part, rules) for part in parts]
        if any(v.keep for v in found):
            return BODY
        meta = next((v for v in found if v.label is Label.METADATA and v.meta), None)
        if meta is None:
            return BODY
        detail = "fields: " + ", ".join(str(v.rule) for v in found)
        return Verdict(Label.METADATA, meta.rule, detail, meta=meta.meta)


def _model_verdicts(
    verdicts: list[Verdict],
    rows: list[int],
    todo: list[int],
    p: np.ndarray,
    x1: np.ndarray,
    thresholds: tuple[float, float],
    lists: dict[int, float],
    items: dict[int, float],
    soft: dict[int, Verdict],
) -> bool:
    """Set the verdict of each line of `todo` (positions in `rows`) from its body
    probability `p` (stage-1 features `x1`; `thresholds`: the file's bar and the model's);
    True if a line changed sides. Lines whose verdict is plain body, most of them, and
    those a rule decided (a header's list's lines among them) are set in C where it was
    built (`_filefacts.model_verdicts`, as `_model_verdict_of` sets them), the others here
    (an item kept by its list, a soft rule's line removed again): each line's verdict
    depends on its own alone."""
    scores = np.round(p, 3).tolist()
    # Each line's probability as a float: the same comparisons, without a numpy scalar
    # made per line read.
    probabilities = p.tolist()
    threshold = thresholds[0]
    rest, changed = todo, False
    listed = max(thresholds[1], LISTED_THRESHOLD)
    if _VERDICT_KIT:
        x = np.asarray(x1, dtype=np.float64)
        changed, rest = _filefacts.model_verdicts(
            verdicts, rows, todo, scores, probabilities, threshold, lists, items, x,
            _Summaries._PICK, _SCORED_BODY, float(listed),
        )
    summary = _Summaries(x1)
    for k in rest:
        changed |= _model_verdict_of(
            verdicts, rows[k], k, scores[k], probabilities[k], threshold, listed, lists, items,
            summary, soft,
        )
    return changed


def _model_verdict_of(
    verdicts: list[Verdict],
    i: int,
    k: int,
    score: float,
    pk: float,
    threshold: float,
    listed: float,
    lists: dict[int, float],
    items: dict[int, float],
    summary: _Summaries,
    soft: dict[int, Verdict],
) -> bool:
    """`_model_verdicts` of line `i`, position `k` of the pass's rows (score rounded,
    probability `pk`); True if it changed sides."""
    verdict = verdicts[i]
    # A header rule's list is evidence of its own: the lenient bar of a file that is all
    # body does not apply to the lines it took, and they stay or go together.
    if k in lists:
        body = lists[k] >= listed
    elif k in items:
        body = max(pk, items[k]) >= threshold
    else:
        body = pk >= threshold
    if verdict.keep and verdict.rule is None:
        if body and k in items and pk < threshold:
            detail = f"an item of a list whose items' mean body probability is {items[k]:.2f}"
            verdicts[i] = Verdict(Label.BODY, detail=detail, score=score)
        elif body:
            verdicts[i] = _scored_body(score)
        else:
            detail = summary(k, score)
            verdicts[i] = Verdict(Label.BOILERPLATE, "line-model", detail, score=score)
            return True
        return False
    if verdict.keep:  # a soft rule the model overruled on an earlier pass
        if not body:
            verdicts[i] = _soft_again(soft.get(i), verdict, summary(k, score), score)
            return True
        return False
    if body:
        verdicts[i] = Verdict(
            Label.BODY,
            "line-model",
            f"{verdict.rule} ({verdict.detail}) overruled: {summary(k, score)}",
            score=score,
        )
        return True
    verdicts[i] = Verdict(
        verdict.label,
        verdict.rule,
        f"{verdict.detail}; {summary(k, score)}",
        meta=verdict.meta,
        score=score,
    )
    return False


# The category of prefix rules that keep their line: an editor's note or a correction is
# the article's, though it sits where the model expects the tail ("editor-note").
NOTE = "note"
COMMENT_PROMPT = "comment-prompt"  # (rule_code: boilerplate that opens a comment section)


def _soft_again(rule: Verdict | None, overruled: Verdict, summary: str, score: float) -> Verdict:
    """A soft rule's line that the model kept on an earlier pass and now removes: the rule's
    verdict with the model's summary, as on a line the model never overruled. Were it a
    plain "line-model" removal, its neighbours would see boilerplate (and a table keeping
    it, no rule at all) where a second run sees the soft rule match."""
    if rule is not None:
        detail = f"{rule.detail}; {summary}"
        return Verdict(rule.label, rule.rule, detail, meta=rule.meta, score=score)
    # Classified from verdicts already overruled: only the rule's id is known.
    again = overruled_soft_rule(overruled)
    if again is None:
        return Verdict(Label.BOILERPLATE, "line-model", summary, score=score)
    return Verdict(Label.BOILERPLATE, again, f"{again} (soft rule); {summary}", score=score)


def packless_reading(language: str) -> bool:
    """Pages in `language` are read by the pack-less reading (`linemodel.packless_model`):
    a listed language without a pack, read through the common rules and its own function
    words, as its trees were trained. An undetermined page keeps the main model: it is
    read through every pack's stopwords, and an English page whose clean text has too
    little prose to tell its language by comes back "und": cleaned again by another model
    than the first clean's, it changed (one dev page of 789, in each of its scrapes).
    Chinese and Japanese, told by their script and with no function words listed, are read
    as an undetermined page is: the pack-less trees learnt a language's function words."""
    return not has_pack(language) and language != UNDETERMINED and not without_list(language)


def _answers(
    model: LineModel,
    order: list[int],
    running: dict[int, tuple[Passes, Request, LineModel]],
    out: list[Classified | Exception],
) -> list[Prediction | None]:
    """`model`'s answers to the requests of the files `order`, scored at once; if that
    raises, file by file, and a file that trips it gets the exception in `out`."""
    try:
        return predict_many(model, [running[k][1] for k in order])
    except Exception:
        answers: list[Prediction | None] = []
        for k in order:
            try:
                answers.append(predict(model, *running[k][1]))
            except Exception as exc:
                out[k] = exc
                answers.append(None)
        return answers


# A file of one line this long was flattened (its line breaks lost on the way).
FLAT_WORDS = 150


def _shape_warnings(blocks: Sequence[Block]) -> list[str]:
    """A page flattened onto one line is kept whole: without line breaks there is nothing
    to tell its menus from its text by (a sentence split would join a menu to the
    headline and cut the body at every "kl. 10.32"), and removing a guess at them could
    lose the article. The report says so, so that the user can fix the scrape."""
    if len(blocks) != 1 or blocks[0].start != blocks[0].end:
        return []  # (a paragraph hard-wrapped over several lines is no flattened page)
    words = word_count(blocks[0].text)
    if words < FLAT_WORDS:
        return []
    return [
        f"the text is one line of {words} words (line breaks lost?): kept whole, as "
        f"nothing tells its page chrome from its article"
    ]


# When the body region holds nearly all of a file's words, the file is an article already
# (a region scrape, or clean text): only confident verdicts remove lines from it.
WHOLE_BODY_COVERAGE = 0.99
WHOLE_BODY_THRESHOLD = 0.15
_WORDS = feat.FEATURES.index("words")
_IN_REGION = feat.FEATURES.index("in_region")


def _threshold(model: LineModel, x: np.ndarray, structured: np.ndarray | None = None) -> float:
    """`structured`: the rows (positions in `x`) a pass keeps as a structure of the article
    (`_structured`), read as inside the body region."""
    words = np.expm1(x[:, _WORDS])
    inside = x[:, _IN_REGION]
    if structured is not None:
        inside = inside.copy()
        inside[structured] = 1.0
    coverage = float((words * inside).sum() / max(1.0, words.sum()))
    if coverage >= WHOLE_BODY_COVERAGE:
        return min(model.threshold, WHOLE_BODY_THRESHOLD)
    return model.threshold


def _structured(tables: Sequence[RunTable], rows: list[int]) -> np.ndarray:
    """The positions in `rows` of the lines of `tables` (checklists, summary tables: see
    `tables.run_tables`). Their rows of short lines sit
    outside the body region the features find (that region is where the prose is dense),
    and counted as outside, a checklist under a region scrape's article moved the file off
    the lenient threshold of a whole body: the article's own short tips above it went,
    which a run without the checklist kept. Counted from the first pass on, before the
    checklist pass has kept anything, so that a second run, whose first pass scores the
    tips lower with the chrome around them gone, reads the file as this one did."""
    lines = np.concatenate([np.arange(t.start, t.end) for t in tables])
    return np.flatnonzero(np.isin(np.asarray(rows, dtype=np.int64), lines))


# Verdicts are immutable and most lines are body with one of a thousand rounded scores: one
# object per score, rather than one per line and pass.
_SCORED_BODY: dict[float, Verdict] = {}


# The fields `_filefacts.model_verdicts` stores in a verdict, all of them: a verdict class
# with other fields is left to Python (a field C did not store would be missing).
_KIT_FIELDS = ("label", "rule", "detail", "keep_text", "meta", "dup", "score", "keep")


def _verdict_kit() -> bool:
    """Bind the C verdicts of plain body lines (`_filefacts.model_verdicts`) to the
    verdict class: False where the extension was not built, or cannot read the class."""
    if _filefacts is None or tuple(f.name for f in dataclass_fields(Verdict)) != _KIT_FIELDS:
        return False
    try:
        _filefacts.verdict_kit(Verdict, Label.BODY, Label.BOILERPLATE, "line-model")
    except (AttributeError, TypeError):
        return False
    return True


_VERDICT_KIT = _verdict_kit()


def _scored_body(score: float) -> Verdict:
    verdict = _SCORED_BODY.get(score)
    if verdict is None:
        verdict = _SCORED_BODY[score] = Verdict(Label.BODY, score=score)
    return verdict


# The body probability a header's list needs to stay: the header is evidence against it, and
# on the dev set's whole pages, of the listed lines the model put at 0.40 to 0.45, 18 were
# not in the article and 11 were (above 0.45, 2 in 3 were).
LISTED_THRESHOLD = 0.45


def _list_scores(
    verdicts: list[Verdict], rows: list[int], todo: list[int], p: np.ndarray
) -> dict[int, float]:
    """The lines a block header took (of `todo`, by position in `rows`) -> the mean body
    probability of that header's lines. A list under "Lire aussi :" is one thing: with each
    headline judged alone, one in three stayed in the body at a probability a hair over
    the bar, between two that went."""
    groups: dict[int, list[int]] = {}
    # Plain body lines are told apart in C where it was built (most lines in play, every
    # pass): the loop reads the others only (tests: test_feature_walks).
    for k in _filefacts.unplain(verdicts, rows, todo) if _VERDICT_KIT else todo:
        verdict = verdicts[rows[k]]
        plain = verdict.keep and verdict.rule is None
        if not plain and taken_by_header(verdict):
            line = header_line(verdict)
            if line is not None:
                groups.setdefault(line, []).append(k)
    means: dict[int, float] = {}
    for members in groups.values():
        mean = _mean(p, members)
        means.update((k, mean) for k in members)
    return means


def _mean(p: np.ndarray, members: list[int]) -> float:
    """`float(np.mean(p[members]))` of a group of one line or more: numpy's own sum of the
    items over their count, as np.mean divides it, without np.mean's Python wrapper (whose
    checks cost more than the sum of a list's few items, thousands of lists a run)."""
    return float(np.add.reduce(p[members])) / len(members)


def _item_scores(
    rows: list[int],
    todo: list[int],
    forms: list[int] | None,
    p: np.ndarray,
    lists: dict[int, float],
    opening: list[str | None] | None = None,
) -> dict[int, float]:
    """The items of runs of lines of one list form (see `siblings.py`), or that open alike
    (`opening`, see `openings.py`), whose verdicts the model sets this pass (of `todo`, by
    position in `rows`, not taken by a header) -> the mean body probability of their run:
    an item stays if it or its list clears the bar. An item of both kinds of run is judged
    with its list form's."""
    if _filefacts is not None:  # the runs found in C (tests: test_feature_walks)
        form_runs, opening_runs = _filefacts.item_runs(rows, todo, lists, forms, opening)
    else:
        form_runs, opening_runs = _item_runs_of(rows, todo, lists, forms, opening)
    means: dict[int, float] = {}
    for members in form_runs:
        mean = _mean(p, members)
        means.update((k, mean) for k in members)
    for members in opening_runs:
        mean = _mean(p, members)
        means.update((k, mean) for k in members if k not in means)
    return means


def _item_runs_of(
    rows: list[int],
    todo: list[int],
    lists: dict[int, float],
    forms: list[int] | None,
    opening: list[str | None] | None,
) -> tuple[list[list[int]], list[list[int]]]:
    """`_item_scores`' runs of list forms and of openings ([] for a None), in Python: what
    `_filefacts.item_runs` finds in one C walk of the rows (a Python step a row, and each
    row's form and opening listed, on every pass of a page with items)."""
    open_ = [False] * len(rows)
    for k in todo:
        open_[k] = k not in lists
    return (
        [] if forms is None else siblings.runs([forms[i] for i in rows], open_),
        [] if opening is None else openings.runs([opening[i] for i in rows], open_),
    )


def _unrepeated(repeats: Repeats, rows: list[int], distinct: frozenset[int]) -> list[int]:
    """`rows` less the lines resolution will drop as repeats. Analysis leaves the
    `distinct` lines (`labels.distinct_lines`) out of duplicate detection: they stay, and
    a line that repeats one of them is no repeat of it."""
    if not distinct:
        return repeats.unrepeated(rows)
    held = set(repeats.unrepeated([i for i in rows if i not in distinct]))
    return [i for i in rows if i in held or i in distinct]


def _kept(verdicts: list[Verdict]) -> list[int]:
    """The lines whose verdict keeps them (read from the verdicts' slots in C where it was
    built: every pass of every file asks it of every line)."""
    if _VERDICT_KIT:
        return _filefacts.kept_lines(verdicts)
    return [i for i, v in enumerate(verdicts) if v.keep]


def _codes_and_todo(verdicts: list[Verdict], rows: list[int]) -> tuple[list[int], list[int]]:
    """`rule_code` of each line of `rows`, and the positions in `rows` of the lines the
    model decides (`_model_decides`): plain body lines told in C where it was built, as
    `_codes_and_todo_of` tells them."""
    if _VERDICT_KIT:
        return _filefacts.codes_and_todo(verdicts, rows, rule_code, _model_decides)
    return _codes_and_todo_of(verdicts, rows)


def _codes_and_todo_of(
    verdicts: list[Verdict], rows: list[int]
) -> tuple[list[int], list[int]]:
    """`_codes_and_todo` in Python. Most lines are plain body, which no rule decided: code 0,
    decided by the model, told without a call."""
    codes: list[int] = []
    todo: list[int] = []
    for k, i in enumerate(rows):
        verdict = verdicts[i]
        if verdict.keep and verdict.rule is None:
            codes.append(0)
            todo.append(k)
            continue
        codes.append(rule_code(verdict))
        if _model_decides(verdict):
            todo.append(k)
    return codes, todo


def _model_decides(verdict: Verdict) -> bool:
    """The model sets this line's verdict: no rule decided it (or only a soft one, or the
    model itself on an earlier pass), and the model has not already removed it."""
    if verdict.score is not None and not verdict.keep:
        return False  # the model already removed it
    # Otherwise a rule decided (or a keep pattern, or a kept remainder).
    return undecided(verdict) or verdict.rule == "line-model"


def predict(
    model: LineModel,
    own: feat.Rows,
    subset: np.ndarray | None,
    codes: Sequence[int],
    scored: Sequence[int] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stage-1 features, stage-2 features and the final body probability of each line
    of `subset` (None: all), as if the file held only those lines.

    With `scored` (positions in the subset), only those lines get a probability (NaN for
    the others): lines a rule decided need no walk through the trees. Each line's margin
    is its own (a sum over its own row), so the others' are the same either way."""
    x1 = feat.features_of(own, subset, codes)
    if model.stage2 is None and scored is not None:
        margin = np.full(len(x1), np.nan)
        if len(scored):
            index = np.asarray(scored, dtype=np.intp)
            margin[index] = model.stage1.margin(x1[index])
        return x1, x1, sigmoid(margin)
    p1 = sigmoid(model.stage1.margin(x1))
    if model.stage2 is None:
        return x1, x1, p1
    words = np.expm1(x1[:, 0])
    x2 = np.hstack([x1, feat.stage2_features(words, p1)])
    return x1, x2, sigmoid(model.stage2.margin(x2))


def predict_many(model: LineModel, requests: Sequence[Request]) -> list[Prediction]:
    """`predict(model, *request)` for each request (one pass over one file each), with
    the features of all the files computed together and all their lines walked through the
    trees at once. Each line's margin is a sum over its own row, and `features_many` gives
    each file the features `features_of` would: the answers are the same, bit for bit."""
    if model.stage2 is not None or any(r[3] is None for r in requests):
        return [predict(model, *r) for r in requests]
    features = feat.features_many([r[:3] for r in requests])
    index = [np.asarray(r[3], dtype=np.intp) for r in requests]
    sizes = [len(x) for x in features]
    offsets = np.cumsum(sizes) - sizes
    rows = np.concatenate([i + o for i, o in zip(index, offsets.tolist(), strict=True)])
    margin = np.full(int(sum(sizes)), np.nan)
    if len(rows):
        stacked = np.concatenate(features) if len(features) > 1 else features[0]
        margin[rows] = model.stage1.margin(stacked[rows])
    p = sigmoid(margin)
    return [(x, x, p[o : o + n]) for x, o, n in zip(features, offsets.tolist(), sizes, strict=True)]


def _metadata(blocks: Sequence[Block], verdicts: list[Verdict]) -> dict[str, list[str]]:
    return articlemeta.collect(blocks, verdicts, _names)


class _Summaries:
    """The features a reader checks first, in words, for any line of one pass (the full
    account is `copydesk explain`); columns are pulled out once per pass at most, not per
    line."""

    _PICK = tuple(
        feat.FEATURES.index(name)
        for name in ("words", "ends_sentence", "in_region", "region_distance", "short_run",
                     "repeated")
    )

    def __init__(self, x: np.ndarray) -> None:
        self.x = x
        # Pulled out on the first call: most passes remove nothing and need no summary.
        self.rows: list[list[float]] | None = None
        self.picked: np.ndarray | None = None

    def __call__(self, k: int, score: float) -> str:
        if _filefacts is not None:  # (a line the model removes: thousands a run)
            # Read in place: a list of every row's floats cost more than the summaries.
            if self.picked is None:
                self.picked = np.ascontiguousarray(self.x[:, list(self._PICK)], np.float64)
            return _filefacts.summary_at(self.picked, k, score)
        if self.rows is None:
            self.rows = self.x[:, list(self._PICK)].tolist()
        return _summary(self.rows[k], score)


def _summary(row: list[float], score: float) -> str:
    """`_Summaries`'s account of a line, from its row of the features it names (the C one
    where it was built)."""
    logw, end, inside, distance, run, repeated = row
    words = round(math.expm1(logw))
    parts = [f"{words} word{'s' if words != 1 else ''}"]
    parts.append("ends a sentence" if end else "no sentence end")
    if inside:
        parts.append("inside the body region")
    else:
        parts.append(f"{round(math.expm1(distance))} lines from the body region")
    short = round(math.expm1(run))
    if short >= 3:
        parts.append(f"in a run of {short} short lines")
    if repeated:
        parts.append("repeated in the file")
    return f"line model: body probability {score:.2f} ({', '.join(parts)})"


def _verdict(kind: str, hit: Hit, trimmed: str, text: str) -> Verdict | None:
    rule = hit.rule
    detail = f"{rule.language} {kind} rule"
    if kind in ("contains", "prefix"):
        detail += f": {trimmed[hit.start : hit.end].strip()!r}"
    if kind == "meta":
        value = markdown.unemphasized((hit.value or trimmed).strip(" ()[]"))
        if rule.field == "date":
            value = date_part(value)
        return Verdict(Label.METADATA, rule.id, detail, meta=(rule.field or rule.id, value))
    if kind == "strip":
        # Cut the original text (trimming dropped its final punctuation), not the trimmed one.
        rest = text[lead_length(text) + hit.end :].strip()
        if not rest:
            return None
        value = (hit.value or trimmed[: hit.end]).strip()
        return Verdict(
            Label.BODY,
            rule.id,
            f"{detail}: leading {rule.field} removed",
            keep_text=rest,
            meta=(rule.field or rule.id, value),
        )
    if kind == "prefix" and hit.end >= len(trimmed):
        return None  # nothing after the prefix: not this rule's case
    if rule.category == NOTE:
        notes = comment_notes()
        if notes is not None and notes.search(trimmed, hit.end):
            # A note about the comment section (closed, moderated) is the page's, as the
            # comment prompts under it are; a correction is the article's.
            return Verdict(Label.BOILERPLATE, COMMENT_PROMPT, f"{detail}, about the comments")
        return Verdict(Label.BODY, rule.id, detail)
    return Verdict(Label.BOILERPLATE, rule.id, detail)
