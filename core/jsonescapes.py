"""A JSON string's escapes left in a scrape, read as the characters they stand for.

A scraper that takes an article's text out of a page's JSON (a news app's API, the
`articleBody` of its JSON-LD, a framework's hydration data) and writes the string as the
JSON holds it leaves its escapes in: "\\u201eОва е\\u201c" for „Ова е“, "don\\u2019t" for
"don’t", a paragraph break as the two characters "\\n" inside a line
("...во вторникот.\\nАвтобусите ..."), "\\"" for a quote. That is mojibake of another kind:
the characters are there, written in the notation of the format they came from, and a
reader wants them back as repair gives back "â€™" as "’".

The escapes are JSON's, the same for every site and language. Code quotes them too
("print('a\\nb')", a regex's "\\u00e9" in a tutorial), so a text is read as escaped only
when it shows the habit in its prose: MIN_ESCAPES escapes or more of a character beyond
ASCII ("\\u2019"; JSON's encoders write only those, and controls, so), or of a line break
after a sentence's end, before a word that does not open in lower case ("anunció.\\nEl";
a path's "C:\\new\\Notes" has no sentence end before its "\\n").
In such a text every escape is read: "\\uXXXX" (a pair of surrogates as the one character
they encode), "\\n" as a line break (two as a paragraph break: the report's line numbers
then count the lines of the text after it, as they do after `markup.unmarkup`), "\\t" and
"\\r" as a space, "\\"", "\\/" and "\\\\" as the character. Its output has no escape left to
read, so cleaning it again changes nothing.
"""

from __future__ import annotations

import re
from itertools import islice

MIN_ESCAPES = 2  # one "\\u00e9" is as often a quoted escape as a scraper's habit
NOTE = "JSON string escapes decoded"  # how the report's note opens

# A character beyond ASCII as JSON writes it, or a line break: found by the backslash they
# open with (a pattern that opens with a literal character is searched for in C from one to
# the next). A break counts after a sentence's end (and its closing quote) before a word
# that does not open in lower case, a quote or a second break (a paragraph's end).
_HABIT = re.compile(r"\\(?:u(?!00[0-7])[0-9a-fA-F]{4}|n)")
_CLOSING = "\"'”’»)"
_STOPS = ".!?…"
_OPENING = "„“«\"'(\\"


def _habit(text: str, match: re.Match[str]) -> bool:
    """The escape `match` found is the scraper's: a character beyond ASCII, or a break
    between a sentence's end and the next word."""
    if match.group(0)[1] == "u":
        return True
    start, end = match.start(), match.end()
    before = text[start - 1 : start]
    if before and before in _CLOSING:
        before = text[start - 2 : start - 1]
    if not before or before not in _STOPS:
        return False
    after = text[end : end + 1]
    return bool(after) and (after in _OPENING or (after.isalnum() and not after.islower()))


# Every escape JSON writes in a string, read left to right ("\\\\n" is a backslash, then n).
_ESCAPE = re.compile(r"\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
                     r"|u([0-9a-fA-F]{4})|([nrt\"/\\]))")
_SIMPLE = {"n": "\n", "r": " ", "t": " ", '"': '"', "/": "/", "\\": "\\"}


def _read(match: re.Match[str]) -> str:
    high, low, code, simple = match.groups()
    if high is not None:
        return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + int(low, 16) - 0xDC00)
    if code is not None:
        char = chr(int(code, 16))
        # A lone surrogate or a control is no character to write: a space keeps words apart.
        return " " if (0xD800 <= ord(char) <= 0xDFFF or ord(char) < 0x20) else char
    return _SIMPLE[simple]


def unescape(text: str) -> tuple[str, list[str]]:
    """`text` with its JSON string escapes read (see the module's docstring), and the
    report's note; `text` itself and no note when it does not show the habit."""
    if "\\" not in text:  # most texts: one scan in C
        return text, []
    habits = (m for m in _HABIT.finditer(text) if _habit(text, m))
    if next(islice(habits, MIN_ESCAPES - 1, None), None) is None:
        return text, []  # fewer than MIN_ESCAPES: the search stops at the one that makes it
    read, count = _ESCAPE.subn(_read, text)
    return read, [f"{NOTE} ({count})"]
