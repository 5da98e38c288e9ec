"""HTML left in a scrape: lines of markup become the text a browser shows.

Some scrapers save an element's inner HTML instead of its text, so a whole article can
arrive as one line of `<h1>`, `<p class=...>`, `<a href=...>` and `&nbsp;`. Read as it is,
that line is one paragraph: the attributes count as words, the related links and sign-up
prompts inside it cannot be told from the body, and nothing can be removed without
removing the article.

A line is markup when it opens with an HTML element (or closes one at its end: a
paragraph's text wrapped onto a second line). Its block elements and `<br>` become
paragraph and line breaks, its inline elements go (their text stays), and the contents
of `<script>`, `<style>` and comments go with their tags. Entities are left to repair,
which unescapes them on lines without tags (ftfy), as it does elsewhere.

Articles about HTML quote it: "the smoke test parses <p>Hello</p>", a JSX listing of
`<div className=...>` lines, "held together with <br> tags". Those lines do not open
with markup or hold no prose, so a file is converted only when a line of markup holds a
paragraph of prose (`PROSE_WORDS` words between two of its tags), which markup quoted
in prose or code does not.

The converted lines take the place of the markup line, so line numbers in the report
count the lines of the converted text (the same on every run: conversion depends on the
bytes alone).
"""

from __future__ import annotations

import re

BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "tfoot", "thead", "title", "tr", "ul",
))
CELLS = frozenset(("td", "th"))
INLINE = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "big", "button", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "input", "ins", "kbd", "label", "link", "mark", "meta", "picture", "q",
    "s", "samp", "select", "small", "source", "span", "strong", "sub", "sup", "svg", "time",
    "tt", "u", "var", "video", "audio", "iframe", "wbr", "option",
))
KNOWN = BLOCK | CELLS | INLINE | {"br"}
_CLOSING_LINE = BLOCK | CELLS  # elements whose end tag ends a line of markup
PROSE_WORDS = 12  # words between two tags that make a paragraph, not quoted markup

# A start, end or empty tag. The attribute part takes quoted values whole ("a > b" in a
# title); its alternatives start with different characters, so it cannot backtrack, and
# none crosses a "<", so a try from one "<" never reads past the next.
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]{0,15})(?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*>")
# Elements whose contents are not text, and comments: their start and their end.
_HIDDEN_OPEN = re.compile(r"<(script|style|noscript|template)\b[^<>]*>|<!--", re.IGNORECASE)
_CLOSE_HIDDEN = {
    name: re.compile(f"</{name}\\s*>", re.IGNORECASE)
    for name in ("script", "style", "noscript", "template")
} | {"--": re.compile("-->")}
_OPENS = re.compile(r"^[ \t]*<(?:!--|/?[A-Za-z])")
_CLOSES = re.compile(r"</([A-Za-z][A-Za-z0-9]{0,15})\s*>[ \t]*$")
_SPACES = re.compile(r"[ \t]+")
_WORD = re.compile(r"\w+")


def _known(match: re.Match[str]) -> bool:
    return match.group(1).lower() in KNOWN


def _tags(line: str) -> list[re.Match[str]]:
    """The tags of HTML elements in `line`: "<branch name>" in a git command is text."""
    return [match for match in _TAG.finditer(line) if _known(match)]


def _is_markup(line: str) -> bool:
    """Whether `line` is markup rather than text quoting it: it opens with an element
    (or a comment), or ends by closing a block element."""
    if _OPENS.match(line):
        stripped = line.lstrip()
        if stripped.startswith("<!--"):
            return True
        first = _TAG.match(stripped)
        return first is not None and _known(first)
    closing = _CLOSES.search(line)
    return closing is not None and closing.group(1).lower() in _CLOSING_LINE


def _pieces(line: str, tags: list[re.Match[str]]) -> list[str]:
    """`line` as text: paragraphs (a block element's edges) and, within them, lines
    (`<br>`), spaces between table cells; inline tags dropped. `tags`: its `_tags`."""
    out: list[str] = []
    at = 0
    for match in tags:
        name = match.group(1).lower()
        out.append(line[at : match.start()])
        if name in BLOCK:
            out.append("\n\n")
        elif name == "br":
            out.append("\n")
        elif name in CELLS:
            out.append(" ")
        at = match.end()
    out.append(line[at:])
    paragraphs = []
    for paragraph in "".join(out).split("\n\n"):
        rows = [_SPACES.sub(" ", row).strip() for row in paragraph.split("\n")]
        text = "\n".join(row for row in rows if row)
        if text:
            paragraphs.append(text)
    return paragraphs


def _encloses_prose(line: str, tags: list[re.Match[str]]) -> bool:
    """Whether two of `line`'s elements' tags (its `_tags`) hold a paragraph of prose between
    them: what "<title> and <content>: the review's title..." in an article on XML feeds
    does not."""
    last = None
    for match in tags:
        if last is not None and len(_WORD.findall(line, last, match.start())) >= PROSE_WORDS:
            return True
        last = match.end()
    return False


def _without_hidden(text: str, anywhere: bool) -> tuple[str, int]:
    """`text` without its scripts, styles and comments (the newlines inside them kept, so
    that the lines below keep their numbers), and how many went. Unless `anywhere`, only
    those opening a line: inside prose, "<!--" is quoted. Each end is looked for once,
    from its start: a lazy regex would read to the end of the text again from every
    unclosed start."""
    if "<" not in text:
        return text, 0
    out: list[str] = []
    at = 0
    count = 0
    for match in _HIDDEN_OPEN.finditer(text):
        if match.start() < at:
            continue  # inside one already dropped
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not anywhere and text[line_start : match.start()].strip(" \t"):
            continue
        name = match.group(1)
        closing = _CLOSE_HIDDEN[name.lower() if name else "--"].search(text, match.end())
        if closing is None:
            break  # unclosed: keep the rest as it is
        end = closing.end()
        out.append(text[at : match.start()])
        out.append("\n" * text.count("\n", match.start(), end))
        at = end
        count += 1
    if not count:
        return text, 0
    out.append(text[at:])
    return "".join(out), count


def unmarkup(text: str) -> tuple[str, list[str]]:
    """`text` with its lines of markup converted (see the module's docstring), and a
    note for the report; `text` itself and no note when there is none."""
    if "<" not in text:
        return text, []
    original = text
    text, hidden = _without_hidden(text, anywhere=False)
    lines = text.split("\n")
    converted: dict[int, list[str]] = {}
    prose = False
    for k, line in enumerate(lines):
        if "<" in line and _is_markup(line):
            line, inside = _without_hidden(line, anywhere=True)
            hidden += inside
            tags = _tags(line)
            prose = prose or _encloses_prose(line, tags)
            converted[k] = _pieces(line, tags)
    if not prose:
        return original, []  # markup quoted in prose or code: the file is text
    out: list[str] = []
    for k, line in enumerate(lines):
        paragraphs = converted.get(k)
        if paragraphs is None:
            out.append(line)
        else:
            # Blank lines between the paragraphs of one line: each stays its own block.
            out.append("\n\n".join(paragraphs))
    notes = [f"HTML markup converted to text on {len(converted)} line(s)"]
    if hidden:
        notes.append(f"{hidden} script, style or comment element(s) removed")
    return "\n".join(out), notes
