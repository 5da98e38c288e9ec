"""A short line that names a social account by its handle and is no sentence: an embedded
post's credit ("A post shared by Patagonia (@patagonia)"), a picture's caption that credits
a member ("@pat's free CodeSignal certificate"), a follow line ("Join me on TikTok:
@The House Maven"), a post's header ("@nawazdhandala • Jan 26, 2026 •").

Read one line at a time, such a line is a short title or caption between paragraphs, which
the line model keeps (0.83-0.98 on the dev pages that have one), and its words are any
site's and any language's. The handle's form is the same everywhere (an "@" not inside a
word, an e-mail address or a path, then the account's Latin letters, figures, "_" and
"."), and it names where the text came from, not what the article says. Screened on the
dev set's kept region lines before it was built (lines of two to MAX_WORDS words with such
a handle, no sentence end, no code's brackets, no entry's recurring field): 5 pages of 5
sites better, none worse, 39 lines outside the truth and none in it; over every region
and full input, the lines of that form are outside the truth 140 times and in it 3 times.

What stays: a writer's sentence that mentions an account ("The agency's @nasa account
posted the video on Tuesday."), which ends as a sentence does; a line of code (a
decorator "@app.route(...)", a package "@scope/name", a CSS rule's "{"); an entry's field
that recurs with its own values ("Details: 801 N. 3rd St. @cafe on Instagram" under each
café, whose address the truth keeps); a lone handle (one word: as often a code
annotation, "@Override", as an account); and whatever a pass other than the line model
kept (a table's cell, a code block's line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, count, repeat
from operator import contains

from .model import Label, Verdict, play_position
from .prose import word_count

RULE = "social-handle"
MIN_WORDS = 2  # a handle alone may be a code annotation ("@Override", "@Test")
MAX_WORDS = 12  # a caption, a credit, a follow line; longer is the article's sentence
# "@" not after a letter, figure, "." or "/" (an e-mail address, a path, "x@y"), then the
# account's name, not followed by a path, a call, a hyphenated package name or a
# domain's next part ("@scope/name", "@import(", "@qwen-code", "@app.route").
_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?(?!\.?[\w@/(-])")
_CODE = re.compile(r"[{}\[\]=;<>]")  # a decorator's, a rule's or a tag's brackets
# A sentence's end, closing quotes and brackets aside.
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*\s*$""")


def is_handle_line(text: str) -> bool:
    """A line of MIN_WORDS to MAX_WORDS words holding a social handle, with no sentence
    end and none of code's brackets."""
    return (
        _HANDLE.search(text) is not None
        and MIN_WORDS <= word_count(text) <= MAX_WORDS
        and _SENTENCE_END.search(text) is None
        and _CODE.search(text) is None
    )


def find(texts: Sequence[str]) -> list[int] | None:
    """The lines that are a handle's line (`is_handle_line`), or None (most files): read
    once per file. Most files hold no "@" at all: one search of the joined text tells
    (a fifth of the cost of asking each line, 0.3 against 1.5 µs on a corpus file of 15
    lines); where there is one, the lines holding it are picked in C (`str.__contains__`
    over the lines) and only they are read further."""
    if "@" not in "\n".join(texts):
        return None
    found = [
        i
        for i in compress(count(), map(contains, texts, repeat("@")))
        if is_handle_line(texts[i])
    ]
    return found or None


def handle_lines(
    found: list[int] | None,
    texts: Sequence[str],
    field_labels: Sequence[str | None] | None,
    verdicts: list[Verdict],
    rows: Sequence[int],
) -> bool:
    """Remove the lines of `found` that the line model kept and that are in play (the
    lines a second run sees), unless they open with an entry's recurring field label
    (`entryfields.field_labels`). True if any verdict changed."""
    if found is None:
        return False
    changed = False
    for i in found:
        verdict = verdicts[i]
        if not verdict.keep or verdict.rule not in (None, "line-model"):
            continue
        if field_labels is not None and field_labels[i] is not None:
            continue  # a field of each entry's own ("Details: ... @cafe on Instagram")
        if play_position(rows, i) is None:
            continue
        handle = _HANDLE.search(texts[i])  # `find` read it: never None here
        name = handle[0] if handle is not None else "@"
        verdicts[i] = verdict.overruled(
            Label.BOILERPLATE, RULE,
            f"a short line naming a social account by its handle ({name}), "
            "no sentence: an embed's credit, a caption's or a follow line, not the article's",
        )
        changed = True
    return changed
