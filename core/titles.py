"""Which line above an article is its headline, in any language.

Above the body of a scraped page sit several short lines without a sentence end: the
headline, but also a menu, a date line, a byline, a share bar ("Udostępnij na Facebooku",
"Paylaş: Facebook Twitter"). Packs name some of these in some languages; in the others,
two signs that need no word list tell the headline apart:

- it is written in words, not figures: a line with fewer than three letters for every two
  digits is a date or time ("14 marca 2026, 10:32", "2026年3月14日 10時30分",
  "Sabtu, 14 Maret 2026 | 09:15 WIB"), not a headline ("Top 10 films of 2025" is one);
- it is about what the article says: a headline shares much of its vocabulary with the
  article's first paragraphs, a menu, a byline or a share bar hardly any. Vocabulary is
  compared as letter trigrams of words (so "remont" finds "remontu", "lávka" finds
  "lávky" despite the inflection) and as character pairs in scripts written without
  spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import fields, markdown, rulecache
from .model import Label, Verdict
from .prose import word_count
from .words import NO_SPACE_SCRIPTS, letter_runs

try:  # `Lead.shared`'s count of trigrams in C (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

# Through the rule cache, as the large classes of words.py: compiled once for all processes.
_NO_SPACE_RUN = rulecache.compile(f"[{NO_SPACE_SCRIPTS}]+")
# Share of a candidate's trigrams the body must hold for the candidate to be chosen for
# its vocabulary: a share bar or byline reaches a tenth or so by chance, a headline half.
MIN_SHARED = 0.3
LEAD_WORDS = 200  # how much of the body's start a headline is compared with


# "3 / 12": which photo of a gallery (or page of an article) is shown; or in words, with
# the picture's name before it and a short word for "of" ("Foto 2 de 6", "Photo 3 of 12",
# "Bild 2 von 8", "Фото 2 из 6", "Kuva 2/6").
POSITION = re.compile(
    r"\s*(?:[^\W\d_]{1,12}\.?\s{1,2})?(\d{1,3})(?:\s*/\s*|\s[^\W\d_]{1,4}\s)(\d{1,3})\s*"
)


def lead_texts(texts: Iterable[str]) -> list[str]:
    """The first of `texts` (an article's kept lines, from its start) up to LEAD_WORDS
    words: what a headline candidate is compared with."""
    lead: list[str] = []
    words = 0
    for text in texts:
        if words >= LEAD_WORDS:
            break
        lead.append(text)
        words += word_count(text)
    return lead


# The page an article split over several pages shows, after its headline: "(page 2)",
# "- Page 2 of 3", "(Seite 2)", "– página 2 de 4", "(страница 2)". The headline is the
# article's on every page; the mark is the page's, and the report names the article.
_PAGE_MARK = re.compile(
    r"\s*(?:[(\[]\s*|[-–—|:]\s*)?(?:page|seite|página|pagina|strona|sida|side|sivu|"
    r"strana|stranica|stran|sayfa|oldal|страница|сторінка|стр\.)\s*\d{1,3}"
    r"(?:\s*(?:of|von|de|di|van|z|av|af|из|з|/)\s*\d{1,3})?\s*[)\]]?\s*$",
    re.IGNORECASE,
)


def headline_value(text: str) -> str:
    """The headline a line gives the report: its heading's text, less a page's mark after
    it (`_PAGE_MARK`; a headline that is nothing else keeps it)."""
    heading = markdown.heading_text(text)
    # The mark ends in its number (then a bracket): most headlines do not, and the search,
    # tried at every position of the line, cost more than the rest of naming the headline.
    end = heading.rstrip()
    if end[-1:] in (")", "]"):
        end = end[:-1].rstrip()
    if not end[-1:].isdigit():
        return heading
    found = _PAGE_MARK.search(heading)
    if found is None or found.start() == 0:
        return heading
    return heading[: found.start()].rstrip()


def headline_verdict(verdict: Verdict, text: str, reason: str) -> Verdict:
    """The verdict of a line (`text`, judged `verdict`) named the article's headline: its
    metadata, saying why and what had judged it before."""
    return Verdict(
        Label.METADATA,
        "headline",
        f"{reason}; {verdict.detail}" if verdict.detail else reason,
        meta=("headline", headline_value(text)),
        score=verdict.score,
    )


def written_in_words(text: str) -> bool:
    """Three letters or more for every two digits, and no more figures than words: not a
    date, time or score line. A match report's scorers ("Smith 23', 67'; Okafor 81'") have
    letters enough, in long names, but more figures than words."""
    # map over the str methods: no generator frame per character.
    digits = sum(map(str.isdigit, text))
    if not digits:
        return True
    letters = sum(map(str.isalpha, text))
    if 3 * digits > 2 * letters:
        return False
    figures = words = 0
    for token in text.split():
        held = sum(map(str.isdigit, token))
        if held and held >= sum(map(str.isalpha, token)):
            figures += 1  # "81'", "7.30pm", "2-1", "F1"
        elif any(map(str.isalpha, token)):
            words += 1
    return figures <= words


# A market quote: a name, its price and the day's change as a signed percentage ("DAX
# 18.204,5 +0,4 %", "Novo Nordisk 742,10 +1,8 %", "Brent 78,64 $ -1,2%", "C25 1.812,4
# (+0,6 %)"). A site's ticker bar sits above the article as a row of such lines, and a
# name in it shares the lead's words ("Novo Nordisk trækker C25 op ..."), but the line is
# a price, not a title: a headline gives a change in words ("rose 5 pct") or unsigned.
_SIGNED_CHANGE = re.compile(r"(?:^|\s)\(?[+\-−±▲▼]\s?\d[\d.,]*\s?%\)?\s*$")


def quote_line(text: str) -> bool:
    """The line ends in a signed percentage after another figure: a market quote. (Most
    lines hold no "%" near their end: one look at the last characters turns them away.)"""
    if "%" not in text[-3:]:
        return False
    found = _SIGNED_CHANGE.search(text)
    return found is not None and any(map(str.isdigit, text[: found.start()]))


def headline_words(text: str) -> bool:
    """Written in words (`written_in_words`) and no market quote (`quote_line`): what a
    headline's line must be."""
    return written_in_words(text) and not quote_line(text)


# A time of day opening a line: a schedule's or a timeline's item ("22:00 Kabaret na
# żywo", "18:40 Prezența la vot..."), not a title.
_OPENING_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?![\d.,:])\s")


# A note's mark opening a line: a paper's affiliations ("² Львівський національний
# університет ..."), a footnote ("* Names changed"), not a title.
_NOTE_MARKS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§")


def opens_as_item(text: str) -> bool:
    """The line opens with a time of day and goes on in words (an item of a TV schedule,
    an agenda or a timeline), or with a note's mark (an affiliation, a footnote), or is a
    table's header row of abbreviations (`column_heads`): a headline never is."""
    return text[:1] in _NOTE_MARKS or _OPENING_TIME.match(text) is not None or column_heads(text)


# A table's header row: six words or more, half of them or more a single letter or sign,
# three such at least ("# Клуб Н Д Р П Г Б", "Pos Team P W D L GD Pts": a league table's
# columns). A headline's one-letter words are few ("A", "I", "&").
_COLUMN_WORDS = 6
_SINGLE_HEADS = 3


def column_heads(text: str) -> bool:
    """The line is a table's header row of one-letter column heads."""
    words = text.split()
    if len(words) < _COLUMN_WORDS:
        return False
    single = sum(len(word) == 1 for word in words)
    return single >= _SINGLE_HEADS and 2 * single >= len(words)


def fields_in_words(text: str) -> bool:
    """Every field of a line of fields (see `fields.py`) is written in words: a venue and
    a date ("The Pier Pavilion, Eastbourne · Friday 17 April 2026, 7.30pm"), a salary and
    a contract ("£65,000 – £78,000 a year · Full-time") are an event's or a job's details,
    not its title."""
    parts = fields.split(text)
    return parts is None or all(map(written_in_words, parts))


# A sentence ending inside the line, after a word of two letters or more ("U.S. troops" and
# "Dr. Li" do not end one).
_INNER_STOP = re.compile(r"[^\W\d_]{3}[.!?]\s+\w")
# Chinese and Japanese put no space after a sentence's stop.
_INNER_STOP_CJK = re.compile(r"[。！？]\s*\w")
PARAGRAPH_WORDS = 12


def runs_on(text: str) -> bool:
    """A line of a dozen words or more with a sentence ending inside it is a paragraph whose
    final stop was lost ("... said on Tuesday. The council"), not a headline: a headline
    of two sentences is short ("Storm hits coast. Thousands without power")."""
    if len(text.split()) >= PARAGRAPH_WORDS and _INNER_STOP.search(text) is not None:
        return True
    # Words of the scripts written without spaces are counted as `word_count` does.
    return (
        _INNER_STOP_CJK.search(text) is not None and word_count(text) >= PARAGRAPH_WORDS
    )


# A menu flattened into one line: three items or more between the same separator.
_MENU_SEPARATORS = (" | ", " • ", " · ", " / ", " › ", " » ", " > ")


def is_menu(text: str) -> bool:
    """A line of three items or more with the same separator between them ("Home | News |
    Sport"), not a headline: a headline holds one at most ("Storm hits coast | Live")."""
    return any(text.count(sep) >= 2 for sep in _MENU_SEPARATORS)


def vocabulary(text: str) -> set[str]:
    """Letter trigrams of the words of `text` (pairs in scripts without spaces)."""
    lowered = text.lower()
    words = letter_runs(lowered)
    if lowered.isascii() or _NO_SPACE_RUN.search(lowered) is None:
        # No word holds a run of those scripts (the words are parts of `lowered`): each
        # word is one part to take trigrams of, and there are no pairs.
        return {word[k : k + 3] for word in words for k in range(len(word) - 2)}
    return _vocabulary_by_runs(words)


def _vocabulary_by_runs(words: list[str]) -> set[str]:
    """`vocabulary` of the words of any text, those of the no-space scripts by runs."""
    grams: set[str] = set()
    for word in words:
        for part in _NO_SPACE_RUN.split(word):
            grams.update(part[k : k + 3] for k in range(len(part) - 2))
        for run in _NO_SPACE_RUN.findall(word):
            grams.update(run[k : k + 2] for k in range(max(1, len(run) - 1)))
    return grams


def shared(candidate: str, body: set[str]) -> float:
    """Share of the candidate's vocabulary found in the body's (0 when it has none)."""
    own = vocabulary(candidate)
    return len(own & body) / len(own) if own else 0.0


class Lead:
    """The vocabulary of a body's first lines (the union of their `vocabulary`), asked
    only about the grams of a few candidate headlines. A trigram is three letters or
    combining marks (of `letter_run`), so it occurs in a lower-cased line only inside a run
    of them, as a trigram of that word (a run that opens with a mark, which only broken text
    holds, counts too): it is looked for in the lines themselves, lower-cased and joined
    by newlines, and the union, a thousand trigrams, is never built. The few lines in
    scripts without spaces keep their grams as a set."""

    def __init__(self, texts: list[str]) -> None:
        plain: list[str] = []
        self._grams: set[str] = set()  # of lines with runs of the no-space scripts
        for text in texts:
            lowered = text.lower()
            # (An ASCII line holds no character of those scripts: no search of it.)
            if lowered.isascii() or _NO_SPACE_RUN.search(lowered) is None:
                plain.append(lowered)
            else:
                self._grams |= _vocabulary_by_runs(letter_runs(lowered))
        self._text = "\n".join(plain)

    def holds(self, gram: str) -> bool:
        """`gram` is in the union of the lines' vocabularies."""
        # Pairs (and single characters) come only from runs of the no-space scripts.
        return gram in self._grams or (len(gram) == 3 and gram in self._text)

    def shared(self, candidate: str) -> float:
        """`shared(candidate, union of the lines' vocabularies)`."""
        own = vocabulary(candidate)
        if not own:
            return 0.0
        if _filefacts is not None and not self._grams:
            # `holds` of each gram, counted in C: with no lines of the no-space scripts a
            # gram is held when it is a trigram of the text. Each gram the text lacks cost
            # a search through the whole lead (a thousand characters), most of this.
            return _filefacts.held_trigrams(self._text, own) / len(own)
        return sum(map(self.holds, own)) / len(own)
