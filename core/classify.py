"""Give every block a verdict (body, boilerplate, metadata) and the reason for it.

Layers, each explained in the verdict it leaves:
1. rules: user keep/extra patterns, then the rule packs of the file's language
   (see `rules.py`): metadata, headers, whole-line, prefix and contains rules;
2. blocks: a header ("READ MORE:", "Related", "Lire aussi") takes the run of
   list-like lines after it, up to the first line that reads as prose;
3. the line model (`linemodel.py`): gradient-boosted trees over layout
   features (`features.py`) decide the lines the rules left, with the context
   of their neighbours and of the file's main body region;
4. context: the headline at the top is metadata; a title-like line beside an
   image credit is that image's caption; the cells of a table inside the article
   stay (`tables.py`); a list of dated records after the article (a comment
   thread, teasers of other articles) goes (`records.py`).

Forum and Q&A threads (`threads.py`) and the article's edges (`edges.py`: a closing
sentence, a numbered list's last item, an author's bio, a second capture, a menu on a
page without a pack) have passes of their own, called from layers 2 and 4.

Layers 3 and 4 are repeated on what they keep until nothing more goes, so
that cleaning a clean file changes nothing: the last pass has seen exactly
the text a second run would see.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from . import code, edges, markdown, rulecache, siblings, threads, titles
from . import features as feat
from .config import Config
from .contents import Lines, contents_lines, lines_of
from .islands import MIN_GAP_LINES, stray_islands
from .language import UNDETERMINED, detect_language, has_pack, known_languages, stopwords_for
from .linemodel import LineModel, default_model, packless_model, sigmoid
from .model import BODY, Block, Label, Verdict
from .patterns import UserPatterns
from .prose import NUMBERED, is_prose, is_title_like, prose_of, word_count
from .records import MIN_RECORDS, close_enough, find_record_lists
from .records import shape as record_shape
from .repeats import Repeats
from .rules import Hit, RuleSet, date_part, lead_length, load_pack, trim
from .tables import find_tables
from .tables import shape as table_shape

_DATE_HINT = re.compile(
    r"\d|\b(?:today|yesterday|ago|hours?|minutes?|aujourd'hui|hier|il y a|hoy|ayer|hace|hoje|"
    r"ontem|heute|gestern|vor|oggi|ieri|fa|vandaag|gisteren|geleden)\b",
    re.IGNORECASE,
)
_JOINERS = "and & de da das do dos del della di du la le van von der den ter bin al el y e et und"
_ROLES = "of en staff writer writers reporter correspondent editor contributor"
_NAME_JOINERS = frozenset(_JOINERS.split() + _ROLES.split())
_WORD = re.compile(r"\w+")
# How far above the body the headline is looked for: up to HEADLINE_WINDOW lines the model
# removed (a menu, a date line, a byline no rule knows), and lines rules removed between
# them (share bars, credits), HEADLINE_REACH lines in all.
HEADLINE_WINDOW, HEADLINE_REACH = 6, 16
# A headline over its deck shares this much of the body's vocabulary at least, and at most
# DECK_MARGIN less than the deck does (see `_above_its_deck`).
DECK_SHARED, DECK_MARGIN = titles.MIN_SHARED / 3, 0.2
CACHE_LINES = 100_000  # rule verdicts remembered per language
# Model passes until nothing more goes: usually two or three, but a long run of short lines
# (a week's meal plan) can lose one line a pass. Stopping before the fixed point leaves a
# file that a second clean changes; 789 x 3 dev-set pages need at most 14.
MAX_PASSES = 40


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


VALIDATORS: dict[str, Callable[[str], bool]] = {"names": _names, "date": _date}


@dataclass(slots=True)
class Classified:
    verdicts: list[Verdict]
    language: str
    metadata: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Scored:
    """What the line model saw and said on its first pass (for `explain` and training)."""

    rows: list[int]  # block indices, in order
    x1: np.ndarray  # stage-1 features
    x2: np.ndarray  # stage-2 features
    p: np.ndarray  # final body probability


_NO_MODEL = object()

# What a model pass asks for (a file's rows, the subset in play, its rule codes, the lines
# to score) and the answer (`predict`'s stage-1 features, stage-2 features, probabilities).
Request = tuple[feat.Rows, np.ndarray | None, Sequence[int], Sequence[int] | None]
Prediction = tuple[np.ndarray, np.ndarray, np.ndarray]


# Rules whose verdict the line model may overrule: they match lines that also occur in
# bodies (a bare number in a table, a date in a timeline, a URL in a reference list, a
# subheading under a "Videos" header), so the line's context decides.
SOFT_RULES = frozenset(["counter", "date-line", "url-line", "nav-crumb"])
# Rules whose lines sit inside the body (a shop button under each item of a list of
# products): they go, but the model sees them as lines no rule decided. Lines that rules
# remove are otherwise the model's sign of chrome around the body, and a button under each
# of 70 restaurants turned a whole guide into "chrome".
IN_BODY_RULES = frozenset(["buy-button", "cta-button", "code-fence"])
# The category of prefix rules that keep their line: an editor's note or a correction is
# the article's, though it sits where the model expects the tail ("editor-note").
NOTE = "note"


def _overruled(verdict: Verdict) -> str | None:
    """The soft rule that matched a line the model or a table kept anyway, or None: such a
    verdict's detail starts with the rule's id ("date-line (...) overruled: ...")."""
    if not verdict.keep or verdict.rule not in ("line-model", "table"):
        return None
    soft = verdict.detail.split(" ", 1)[0]
    return soft if soft in SOFT_RULES else None


def _soft_again(rule: Verdict | None, overruled: Verdict, summary: str, score: float) -> Verdict:
    """A soft rule's line that the model kept on an earlier pass and now removes: the rule's
    verdict with the model's summary, as on a line the model never overruled. Were it a
    plain "line-model" removal, its neighbours would see boilerplate (and a table keeping
    it, no rule at all) where a second run sees the soft rule match."""
    if rule is not None:
        detail = f"{rule.detail}; {summary}"
        return Verdict(rule.label, rule.rule, detail, meta=rule.meta, score=score)
    # Classified from verdicts already overruled: only the rule's id is known.
    again = _overruled(overruled)
    if again is None:
        return Verdict(Label.BOILERPLATE, "line-model", summary, score=score)
    return Verdict(Label.BOILERPLATE, again, f"{again} (soft rule); {summary}", score=score)


def rule_code(verdict: Verdict) -> int:
    """How the model sees a rule's verdict: 0 none, 1 boilerplate, 2 metadata, 3 block
    header, 4 listed under a block header, 5 a soft rule (see SOFT_RULES), 6 a comment
    prompt (boilerplate that opens a comment section)."""
    if verdict.keep:
        # A soft rule the model overruled still matches on a second run: say so again.
        return 5 if _overruled(verdict) is not None else 0
    if verdict.rule in SOFT_RULES:
        return 5
    if verdict.rule in IN_BODY_RULES:
        return 0
    if verdict.detail.startswith("listed under"):
        return 4
    if verdict.label is Label.METADATA:
        return 2
    if verdict.detail.endswith("header rule"):
        return 3
    if verdict.rule == "comment-prompt":
        return 6
    return 1


def packless_reading(language: str) -> bool:
    """Pages in `language` are read by the pack-less reading (`linemodel.packless_model`):
    a listed language without a pack, read through the common rules and its own function
    words, as its trees were trained. An undetermined page keeps the main model: it is
    read through every pack's stopwords, and an English page whose clean text has too
    little prose to tell its language by comes back "und": cleaned again by another model
    than the first clean's, it changed (one dev page of 789, in each of its scrapes)."""
    return not has_pack(language) and language != UNDETERMINED


def undecided(verdict: Verdict) -> bool:
    """Left to the line model: no rule decided, or only a soft one."""
    if verdict.keep:
        return verdict.rule is None
    return rule_code(verdict) in (4, 5)


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
        if not self._cacheable:
            verdicts = [self._rule_verdict(b.text, rules) for b in blocks]
        else:
            # A line's rule verdict depends on its text and language only; site chrome
            # recurs across a run's files, so most of it is looked up, not matched.
            cache = self._verdicts.setdefault(language, {})
            if len(cache) > CACHE_LINES:
                cache.clear()
            verdicts = []
            for b in blocks:
                verdict = cache.get(b.text)
                if verdict is None:
                    verdict = cache[b.text] = self._rule_verdict(b.text, rules)
                verdicts.append(verdict)
        _header_blocks(blocks, verdicts)
        _code_lines_unruled(blocks, verdicts)
        edges.author_bios(blocks, verdicts)
        threads.post_controls(blocks, verdicts)
        rulecache.save()  # what the rules derived for this file, for later processes
        return verdicts

    def classify(self, blocks: Sequence[Block], keep_scores: bool = False) -> Classified:
        language = self.language_of(blocks)
        verdicts = self.rule_pass(blocks, language)
        self._model_passes(blocks, verdicts, language, keep_scores)
        return Classified(verdicts, language, _metadata(verdicts), self._warnings(blocks))

    def classify_many(self, files: Sequence[Sequence[Block]]) -> list[Classified | Exception]:
        """`classify` of each file, the model scoring every file's pass at once (see
        `predict_many`): the same verdicts, with numpy's cost per call paid once for all
        the files rather than once per file. A file whose classification raises gets the
        exception in its place, and the others are classified all the same."""
        out: list[Classified | Exception] = []
        running: dict[int, tuple[Generator[Request, Prediction, None], Request, LineModel]] = {}
        for k, blocks in enumerate(files):
            try:
                language = self.language_of(blocks)
                verdicts = self.rule_pass(blocks, language)
                # User patterns run in the rule pass only: its warnings are this file's.
                out.append(Classified(verdicts, language, warnings=self._warnings(blocks)))
                passes = self._passes(blocks, verdicts, language, False)
                running[k] = (passes, next(passes), self.model_for(language))  # type: ignore[arg-type]
            except StopIteration:
                pass
            except Exception as exc:  # a bug must cost one file, not the batch
                self.user.reset()
                del out[k:]  # its verdicts, if made, are not its result
                out.append(exc)
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
                    except StopIteration:
                        pass
                    except Exception as exc:
                        out[k] = exc
        for result in out:
            if isinstance(result, Classified):
                result.metadata = _metadata(result.verdicts)
        return out

    def _warnings(self, blocks: Sequence[Block]) -> list[str]:
        """The file's warnings: user patterns its rule pass set aside, and its shape."""
        timeouts = [
            f"pattern {p!r} hit the {self.user.timeout}s time limit; skipped for the "
            f"rest of this file"
            for p in self.user.reset()
        ]
        return timeouts + _shape_warnings(blocks)

    def refine(self, blocks: Sequence[Block], verdicts: list[Verdict], language: str) -> None:
        """Run layers 3 and 4 again on the lines still kept, after a later stage (site
        templates) removed some: a second run would see the file without them."""
        kept = [i for i, v in enumerate(verdicts) if v.keep]
        self._model_passes(blocks, verdicts, language, False, start=kept)

    def _model_passes(
        self,
        blocks: Sequence[Block],
        verdicts: list[Verdict],
        language: str,
        keep_scores: bool,
        start: list[int] | None = None,
    ) -> None:
        """Layers 3 and 4, repeated on the kept lines until they keep everything they see."""
        passes = self._passes(blocks, verdicts, language, keep_scores, start)
        model = self.model_for(language)
        try:
            request = next(passes)
            while True:
                request = passes.send(predict(model, *request))  # type: ignore[arg-type]
        except StopIteration:
            pass

    def _passes(
        self,
        blocks: Sequence[Block],
        verdicts: list[Verdict],
        language: str,
        keep_scores: bool,
        start: list[int] | None = None,
    ) -> Generator[Request, Prediction, None]:
        """`_model_passes` as a generator that yields what the model must score each pass and
        is sent the model's answer: `classify_many` scores several files' passes at once."""
        texts = [_effective(b, v) for b, v in zip(blocks, verdicts, strict=True)]
        repeats = Repeats(texts, self.config)
        shapes = [table_shape(t) for t in texts]  # a line's cell shape, for every pass
        forms = [siblings.form(t) for t in texts]  # a list item's form (see `siblings.py`)
        contents = lines_of(texts)  # what a table of contents is found by (`contents.py`)
        has_items = sum(f in (siblings.LABELLED, siblings.MARKED) for f in forms) >= (
            siblings.MIN_ITEMS
        )
        rows = list(range(len(blocks))) if start is None else repeats.unrepeated(start)
        first = 0 if start is None else 1
        # The soft rules' own verdicts: a line the model overrules on one pass and removes
        # on a later one goes out under its rule again, as a second run would see it.
        soft = {i: v for i, v in enumerate(verdicts) if not v.keep and v.rule in SOFT_RULES}
        self.last_scored = None
        own = None
        model = self.model_for(language)
        if model is not None and len(rows) >= 1:
            own = feat.row_features(texts, stopwords_for(language))
        pack, packless = has_pack(language), packless_reading(language)
        for npass in range(first, MAX_PASSES):
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
                summary = _Summaries(x1)
                threshold = _threshold(model, x1)
                scores = np.round(p, 3).tolist()
                lists = _list_scores(verdicts, rows, todo, p)
                items = _item_scores(rows, todo, forms, p, lists) if has_items else {}
                for k in todo:
                    i = rows[k]
                    verdict = verdicts[i]
                    score = scores[k]
                    # A header rule's list is evidence of its own: the lenient bar of a
                    # file that is all body does not apply to the lines it took, and they
                    # stay or go together.
                    if k in lists:
                        body = lists[k] >= max(model.threshold, LISTED_THRESHOLD)
                    elif k in items:
                        body = max(p[k], items[k]) >= threshold
                    else:
                        body = p[k] >= threshold
                    if verdict.keep and verdict.rule is None:
                        if body and k in items and p[k] < threshold:
                            detail = (
                                f"an item of a list whose items' mean body probability is "
                                f"{items[k]:.2f}"
                            )
                            verdicts[i] = Verdict(Label.BODY, detail=detail, score=score)
                        elif body:
                            verdicts[i] = _scored_body(score)
                        else:
                            detail = summary(k, score)
                            verdicts[i] = Verdict(
                                Label.BOILERPLATE, "line-model", detail, score=score
                            )
                            changed = True
                    elif verdict.keep:  # a soft rule the model overruled on an earlier pass
                        if not body:
                            verdicts[i] = _soft_again(
                                soft.get(i), verdict, summary(k, score), score
                            )
                            changed = True
                    elif body:
                        verdicts[i] = Verdict(
                            Label.BODY,
                            "line-model",
                            f"{verdict.rule} ({verdict.detail}) overruled: {summary(k, score)}",
                            score=score,
                        )
                        changed = True
                    else:
                        verdicts[i] = Verdict(
                            verdict.label,
                            verdict.rule,
                            f"{verdict.detail}; {summary(k, score)}",
                            meta=verdict.meta,
                            score=score,
                        )
            if not pack:
                # The model read the page without its stopwords, or through a list of
                # them that no page in the language trained it on (see `menu_runs`).
                changed |= edges.menu_runs(blocks, verdicts, rows, packless)
            changed |= _context(blocks, verdicts, rows, packless)
            changed |= _repeated_titles(blocks, verdicts, rows, repeats)
            changed |= _table_cells(texts, verdicts, rows, shapes)
            changed |= _code_blocks(texts, verdicts, rows)
            changed |= markdown.headings(blocks, verdicts)
            changed |= _record_lists(texts, verdicts, rows)
            changed |= _after_article(texts, verdicts, rows)
            if contents is not None:
                changed |= _contents(contents, verdicts, rows)
            changed |= edges.numbered_items(blocks, verdicts, rows)
            changed |= threads.thread_posts(blocks, verdicts, rows)
            changed |= threads.posts_between_controls(blocks, verdicts, rows)
            changed |= edges.closing_line(blocks, verdicts, rows)
            changed |= edges.author_boxes(blocks, verdicts, rows)
            changed |= edges.position_counters(blocks, verdicts, rows)
            changed |= edges.orphan_intros(blocks, verdicts, rows)
            changed |= edges.post_stamps(blocks, verdicts, rows)
            changed |= edges.between_captures(blocks, verdicts, rows, repeats)
            # The next pass sees what a second run would: every line still kept, less those
            # duplicate resolution will drop (which depends on what else is kept).
            kept = [i for i, v in enumerate(verdicts) if v.keep]
            following = repeats.unrepeated(kept)
            if not changed and following == rows:
                break
            rows = following

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
        hit = rules.match(trimmed, word_count(trimmed), VALIDATORS)
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
        return BODY


def _answers(
    model: LineModel,
    order: list[int],
    running: dict[int, tuple[Generator[Request, Prediction, None], Request, LineModel]],
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


def _threshold(model: LineModel, x: np.ndarray) -> float:
    words = np.expm1(x[:, _WORDS])
    coverage = float((words * x[:, _IN_REGION]).sum() / max(1.0, words.sum()))
    if coverage >= WHOLE_BODY_COVERAGE:
        return min(model.threshold, WHOLE_BODY_THRESHOLD)
    return model.threshold


# Verdicts are immutable and most lines are body with one of a thousand rounded scores: one
# object per score, rather than one per line and pass.
_SCORED_BODY: dict[float, Verdict] = {}


def _scored_body(score: float) -> Verdict:
    verdict = _SCORED_BODY.get(score)
    if verdict is None:
        verdict = _SCORED_BODY[score] = Verdict(Label.BODY, score=score)
    return verdict


def _listed(verdict: Verdict) -> bool:
    """Taken by a block header's list: still, or kept by the model over it."""
    if verdict.keep:
        return verdict.rule == "line-model" and " (listed under " in verdict.detail
    return rule_code(verdict) == 4


# The body probability a header's list needs to stay: the header is evidence against it, and
# on the dev set's whole pages, of the listed lines the model put at 0.40 to 0.45, 18 were
# not in the article and 11 were (above 0.45, 2 in 3 were).
LISTED_THRESHOLD = 0.45
_LISTED_UNDER = re.compile(r"listed under .*? \(line (\d+)\)")


def _list_scores(
    verdicts: list[Verdict], rows: list[int], todo: list[int], p: np.ndarray
) -> dict[int, float]:
    """The lines a block header took (of `todo`, by position in `rows`) -> the mean body
    probability of that header's lines. A list under "Lire aussi :" is one thing: with each
    headline judged alone, one in three stayed in the body at a probability a hair over
    the bar, between two that went."""
    groups: dict[str, list[int]] = {}
    for k in todo:
        verdict = verdicts[rows[k]]
        if not (verdict.keep and verdict.rule is None) and _listed(verdict):  # (plain body: not)
            found = _LISTED_UNDER.search(verdict.detail)
            if found is not None:
                groups.setdefault(found.group(1), []).append(k)
    means: dict[int, float] = {}
    for members in groups.values():
        mean = float(np.mean(p[members]))
        means.update((k, mean) for k in members)
    return means


def _item_scores(
    rows: list[int], todo: list[int], forms: list[int], p: np.ndarray, lists: dict[int, float]
) -> dict[int, float]:
    """The items of runs of lines of one list form (see `siblings.py`) whose verdicts the
    model sets this pass (of `todo`, by position in `rows`, not taken by a header) -> the
    mean body probability of their run: an item stays if it or its list clears the bar."""
    open_ = [False] * len(rows)
    for k in todo:
        open_[k] = k not in lists
    means: dict[int, float] = {}
    for members in siblings.runs([forms[i] for i in rows], open_):
        mean = float(np.mean(p[members]))
        means.update((k, mean) for k in members)
    return means


def _effective(block: Block, verdict: Verdict) -> str:
    return verdict.keep_text if verdict.keep_text is not None else block.text


def _codes_and_todo(verdicts: list[Verdict], rows: list[int]) -> tuple[list[int], list[int]]:
    """`rule_code` of each line of `rows`, and the positions in `rows` of the lines the
    model decides (`_model_decides`). Most lines are plain body, which no rule decided:
    code 0, decided by the model, told without a call."""
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


def _metadata(verdicts: Sequence[Verdict]) -> dict[str, list[str]]:
    metadata: dict[str, list[str]] = {}
    for verdict in verdicts:
        if verdict.meta is not None:
            name, value = verdict.meta
            values = metadata.setdefault(name, [])
            if value not in values:
                values.append(value)
    return metadata


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
        self.cols: list[list[float]] | None = None

    def __call__(self, k: int, score: float) -> str:
        if self.cols is None:
            self.cols = self.x[:, list(self._PICK)].T.tolist()
        logw, end, inside, distance, run, repeated = (c[k] for c in self.cols)
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
        value = (hit.value or trimmed).strip(" ()[]")
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
        return Verdict(Label.BODY, rule.id, detail)
    return Verdict(Label.BOILERPLATE, rule.id, detail)


def _header_blocks(blocks: Sequence[Block], verdicts: list[Verdict]) -> None:
    """A header takes the run of list-like lines after it, up to the first prose line."""
    i = 0
    while i < len(blocks):
        verdict = verdicts[i]
        if verdict.label is Label.BOILERPLATE and verdict.detail.endswith("header rule"):
            j = i + 1
            while j < len(blocks) and j - i <= 60:
                if verdicts[j].label is not Label.BODY:
                    j += 1  # other boilerplate inside the list does not end it
                    continue
                if is_prose(blocks[j].text) or verdicts[j].rule == "keep-pattern":
                    break
                verdicts[j] = Verdict(
                    Label.BOILERPLATE,
                    verdict.rule,
                    f"listed under {blocks[i].text!r} (line {blocks[i].start})",
                )
                j += 1
            i = j
        else:
            i += 1


def _context(
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
    if kept and not any(verdicts[i].rule == "headline" for i in rows):
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
            and titles.written_in_words(text)  # not a date line: "2026年3月14日 10:32"
            and not titles.runs_on(text)  # the first paragraph, its final stop lost
            and word_count(text) >= 4
            and any(is_prose(blocks[k].text) for k in kept[1:])
        ):
            verdicts[first] = Verdict(
                Label.METADATA,
                "headline",
                "title-like first line",
                meta=("headline", markdown.heading_text(text)),
            )
            changed = True
    # A title-like line right before or after an image credit is that image's caption,
    # unless prose follows it: then it is the subheading of the next section.
    for pos, i in enumerate(rows):
        if verdicts[i].rule != "image-credit":
            continue
        for q in (pos - 1, pos + 1):
            if not 0 <= q < len(rows):
                continue
            j = rows[q]
            if q > pos and q + 1 < len(rows) and is_prose(blocks[rows[q + 1]].text):
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
                    f"title-like line beside the image credit on line {blocks[i].start}",
                )
                changed = True
    return _dangling_header(blocks, verdicts, rows, packless) or changed


def _repeated_titles(
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
        listed = [j for j in group if not verdicts[j].keep and _listed(verdicts[j])]
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
            verdicts[i] = Verdict(
                Label.BOILERPLATE, "related-headline", detail, score=verdict.score
            )
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


def _table_cells(
    texts: Sequence[str], verdicts: list[Verdict], rows: list[int], shapes: list[int]
) -> bool:
    """Keep the cells of a table (see `tables.py`) inside the article that the model or a
    soft rule removed; True if any verdict changed. Judged afresh on every pass, on the
    lines in play, so the last pass keeps exactly the cells a second run would find."""
    changed = False
    cells: dict[int, str] = {}
    # Only a table after some of the article's prose: a market ticker above the headline
    # is a table too, but not the article's. Judged on the texts in play alone, as a second
    # run would judge them (not on prose after it, which the model may remove later).
    prose = next((pos for pos, i in enumerate(rows) if is_prose(texts[i])), None)
    for table in find_tables([texts[i] for i in rows], [shapes[i] for i in rows]):
        if prose is None or prose > table.start:
            continue
        detail = f"cell of a table of {table.columns} columns and {table.rows} rows"
        for pos in range(table.start, table.end):
            cells[rows[pos]] = detail
    for i in rows:
        verdict = verdicts[i]
        if i in cells:
            if not verdict.keep and (verdict.rule == "line-model" or verdict.rule in SOFT_RULES):
                # A soft rule still matches the cell on a second run: the detail says so, and
                # the model's features see it (`rule_code`).
                soft = verdict.rule in SOFT_RULES
                detail = f"{verdict.rule} overruled: {cells[i]}" if soft else cells[i]
                verdicts[i] = Verdict(Label.BODY, "table", detail, score=verdict.score)
                changed = True
        elif verdict.rule == "table":
            # No longer in a table: the model decides again, knowing what the rules said.
            soft = _overruled(verdict)
            if soft is not None:
                detail = f"{soft} overruled: no longer in a table"
                verdicts[i] = Verdict(Label.BODY, "line-model", detail, score=verdict.score)
            else:
                verdicts[i] = Verdict(Label.BODY, score=verdict.score)
            changed = True
    return changed


def _code_lines_unruled(blocks: Sequence[Block], verdicts: list[Verdict]) -> None:
    """A code block's wordless lines (a closing brace, a fence) are not the model's sign of
    chrome: lines rules remove are, and the lines of the sample and the text next to them
    went too (and on a second run, other lines than on the first). A closing brace is left
    to the model and `_code_blocks`; a fence goes as a fence ("code-fence"), which the
    model sees as a line no rule decided, as it sees a shop button (IN_BODY_RULES), and
    `_code_blocks` keeps inside the article."""
    for block in code.find_blocks([b.text for b in blocks]):
        for i in range(block.start, block.end):
            if verdicts[i].rule != "symbol-line":
                continue
            if block.marked and code.is_fence(blocks[i].text):
                verdicts[i] = Verdict(Label.BOILERPLATE, "code-fence", "a Markdown code fence")
            elif not block.marked:
                verdicts[i] = BODY


# Rules a code block's lines may meet: a closing brace or a fence has no words, and a
# tutorial on analytics shows the tag vendors' calls a script's leftovers hold.
_CODE_OVERRULES = SOFT_RULES | {"symbol-line", "code-fence", "script-text"}


def _code_blocks(texts: Sequence[str], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Keep the lines of a code block (see `code.py`) inside the article that the model or
    a rule for wordless lines removed, and a line ending in a colon that the model removed
    right above or below such a block between kept lines ("Then check the syntax:"): it
    introduces what follows. Inside the article: a block Markdown marks (fences, a table's
    pipes) under some kept prose, with a kept line right after it or half its lines kept,
    an unmarked one under its kept introducing line. Judged
    afresh on every pass, on the lines in play, as `_table_cells` is."""
    in_play = [texts[i] for i in rows]
    keep: dict[int, str] = {}
    prose = next(
        (pos for pos, i in enumerate(rows) if verdicts[i].keep and is_prose(texts[i])), None
    )
    for block in code.find_blocks(in_play):
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
                verdicts[i] = Verdict(Label.BODY, "code-block", detail, score=verdict.score)
                changed = True
        elif verdict.rule == "code-block":
            # No longer in a block: the rule that matched it, or the model, decides again.
            rule = verdict.detail.split(" ", 1)[0]
            if rule == "symbol-line":
                verdicts[i] = Verdict(Label.BOILERPLATE, "symbol-line", "no words")
            elif rule == "code-fence":
                verdicts[i] = Verdict(Label.BOILERPLATE, "code-fence", "a Markdown code fence")
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


def _dated(verdict: Verdict) -> bool:
    """The rules' date rules matched the line, whatever the model or a table then made of it."""
    return verdict.rule in _DATE_RULES or _overruled(verdict) == _DATE_RULE


def _record_lists(texts: Sequence[str], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Remove the kept lines of lists of dated records after the article (see
    `records.py`), judged on the lines in play; True if any verdict changed."""
    # Most files have no date lines close enough together to chain: they cost no more. (A
    # line no rule decided is not dated: told without a call.)
    anchors = [
        pos for pos, i in enumerate(rows) if verdicts[i].rule is not None and _dated(verdicts[i])
    ]
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


def _after_article(texts: Sequence[str], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Remove the small islands of kept text that a long run of removed lines cuts off
    after the article (see `islands.py`); True if any verdict changed. The gaps are read
    in the whole file, lines out of play included: on a second run they are gone, the
    kept text is one island and nothing more goes."""
    kept = [i for i in rows if verdicts[i].keep]
    # Most files have no long run of removed lines between kept ones: they cost no more.
    if not any(b - a > MIN_GAP_LINES for a, b in pairwise(kept)):
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
            verdicts[i] = Verdict(
                Label.BOILERPLATE, "after-article", detail, score=verdicts[i].score
            )
        changed = True
    return changed


def _contents(lines: Lines, verdicts: list[Verdict], rows: list[int]) -> bool:
    """Remove a table of contents whose items come back later as the article's headings
    (see `contents.py`); True if any verdict changed. The headings are looked for in the
    whole file: they are out of play while they repeat the list's lines, and in play
    again once it goes."""
    kept = [v.keep for v in verdicts]
    visible = [i for i in rows if kept[i]]
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
    above the body shares more (the first-line rule of `_context` takes that one). A line
    that runs on as a paragraph (`titles.runs_on`) is never a candidate."""
    first_body = next(
        (
            pos
            for pos, i in enumerate(rows)
            if verdicts[i].keep and verdicts[i].rule is None and is_prose(blocks[i].text)
        ),
        None,
    )
    if first_body is None or any(verdicts[i].rule == "headline" for i in rows):
        return
    candidates: list[int] = []  # nearest first
    kept: list[int] = []
    # Lines a header's list took (a menu item read as "Video" or "Most read" above the
    # headline takes it along): candidates only for sharing the body's vocabulary, since
    # a list above the body is more often one of other articles.
    listed: list[int] = []
    removed_by_model = 0
    for pos in range(first_body - 1, max(-1, first_body - HEADLINE_REACH), -1):
        i = rows[pos]
        verdict = verdicts[i]
        by_model = verdict.rule == "line-model" and not verdict.keep
        by_list = not verdict.keep and _listed(verdict)
        if by_model:
            removed_by_model += 1
            if removed_by_model > HEADLINE_WINDOW:
                break
        if not (by_model or by_list or (verdict.keep and verdict.rule is None)):
            continue  # decided by a rule: a byline, a share bar, a credit
        text = blocks[i].text
        if (
            is_title_like(text)
            and word_count(text) >= 4
            and not NUMBERED.match(text)
            and titles.written_in_words(text)
            and not titles.runs_on(text)
            and not titles.is_menu(text)
        ):
            (candidates if by_model else listed if by_list else kept).append(i)
    if not candidates and not listed:
        return
    lead: list[str] = []
    words = 0
    for i in rows[first_body:]:
        if verdicts[i].keep and words < titles.LEAD_WORDS:
            lead.append(blocks[i].text)
            words += word_count(blocks[i].text)
    body = titles.Lead(lead)
    score = {i: body.shared(blocks[i].text) for i in candidates + listed + kept}
    best = max(candidates + listed + kept, key=lambda i: score[i])  # the nearest of equals
    if score[best] >= titles.MIN_SHARED:
        if best in kept:
            return
        if best in listed and is_title_like(blocks[rows[first_body]].text):
            return  # the body's first line may be the headline (`_context` judges it)
        chosen = best
    elif not candidates or any(score[i] > score[candidates[0]] for i in kept):
        return
    else:
        chosen = candidates[0]
    chosen = _above_its_deck(blocks, rows, chosen, candidates, score)
    verdicts[chosen] = Verdict(
        Label.METADATA,
        "headline",
        f"title-like line above the body; {verdicts[chosen].detail}",
        meta=("headline", markdown.heading_text(blocks[chosen].text)),
        score=verdicts[chosen].score,
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
