"""An RSS item as a feed reader or a script dumps it: its elements as "name: value" lines.

A scraper that reads a site's feed instead of its pages writes each item's elements one a
line, named as the feed names them: "title: ...", "link: https://...", "pubDate: Tue, 24
Nov 2026 ...", "dc:creator: ...", "category: ...", "description: <the lead>",
"content:encoded:" and the article under it, "slash:comments: 7". Read as a page, those
lines are short lines and sentences like any other: the model keeps the description (the
lead, which the article repeats under it) and "content:encoded:", and the headline read
is "title: ..." with its element's name.

The names are the feed's, the same on every site and in every language (RSS 2.0's item
elements and the namespaces WordPress and most publishers add). Some of them no writer puts
at a line's start ("pubDate:", "guid:", "dc:creator:", "content:encoded:",
"slash:comments:"): a file holding MIN_OWN of those, different ones, is a feed's dump, and
only there are the common names ("title:", "link:", "description:") read as elements.

In a dump: "title:" is the headline and "dc:creator:" or "author:" the byline (metadata,
their values only); a text element
("description:", "content:encoded:", "summary:") keeps its value as the article's and
loses its name, unless its value is another line of the file (the lead the article
repeats: the element goes whole); every other element goes. And the line WordPress closes
each item's content with ("The post <title> appeared first on <site>.", in the site's
language) goes: a line, other than the title's, that holds the title whole in a few more
words than it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import repeat

from .model import Label, Verdict

RULE = "feed-element"
FOOTER_RULE = "feed-footer"
MIN_OWN = 2  # different feed-only names: one "guid:" may be a page's own label
FOOTER_WORDS = 12  # words a footer adds to the title ("O post ... apareceu primeiro em ...")

# Names of RSS 2.0's item elements and its common namespaces' that no writer opens a line
# with: a file holding MIN_OWN of them is a dump of its feed.
_OWN = ("pubDate", "guid", "dc:creator", "dc:date", "content:encoded", "slash:comments",
        "wfw:commentRss", "media:content", "media:thumbnail", "atom:link")
# Every element an item dump writes, as "name:" at a line's start; `_TEXTS` hold the text.
_ELEMENT = re.compile(
    r"(title|link|description|author|category|comments|enclosure|source|summary|"
    + "|".join(re.escape(name) for name in _OWN)
    + r"|media:credit|media:description|media:title|dc:subject):(?:\s+|$)"
)
_TEXTS = frozenset({"description", "content:encoded", "summary"})
_BYLINES = frozenset({"dc:creator", "author"})
_OWN_PREFIXES = tuple(f"{name}:" for name in _OWN)
# What a dump's lines open with, one at least (every feed's item has a date or an id, and
# WordPress's its creator and content): the rule pass's one look at each line of a file
# (`classify`), shared with a text browser's dump's (`linkmarks.STARTS`), is for these.
STARTS = ("pubDate:", "guid:", "dc:", "content:encoded:")
_OWN_LINE = re.compile(r"(?:" + "|".join(re.escape(name) for name in _OWN) + r"):(?=\s|$)")


def find(texts: Sequence[str]) -> list[int] | None:
    """The lines that are a feed item's elements in a dump, or None (most files: no line
    opens with a feed's own name, which one C call per line tells)."""
    if not any(map(str.startswith, texts, repeat(_OWN_PREFIXES))):
        return None
    own = {m.group(0) for t in texts if (m := _OWN_LINE.match(t)) is not None}
    if len(own) < MIN_OWN:
        return None
    return [i for i, t in enumerate(texts) if _ELEMENT.match(t) is not None]


def feed_elements(texts: Sequence[str], verdicts: list[Verdict]) -> None:
    """Judge a feed dump's element lines (see the module's docstring); changes `verdicts`
    in place. Run in the rule pass: a line a rule took as metadata (a date) stays so."""
    found = find(texts)
    if found is None:
        return
    elements = set(found)
    others = {t.strip() for k, t in enumerate(texts) if k not in elements}
    title = None
    for i in found:
        match = _ELEMENT.match(texts[i])
        assert match is not None  # `find` matched it
        name, value = match.group(1), texts[i][match.end():].strip()
        if name == "title" and value:
            title = value
            verdicts[i] = Verdict(Label.METADATA, RULE, "a feed item's title element",
                                  meta=("headline", value))
        elif name in _BYLINES and value and verdicts[i].meta is None:
            verdicts[i] = Verdict(Label.METADATA, RULE, f"a feed item's {name} element",
                                  meta=("byline", value))
        elif name in _TEXTS and value and value not in others:
            verdicts[i] = Verdict(Label.BODY, RULE, f"a feed item's {name} element: its "
                                  "name removed", keep_text=value)
        elif verdicts[i].meta is None:
            verdicts[i] = Verdict(Label.BOILERPLATE, RULE, f"a feed item's {name} element")
    if title is None:
        return
    extra = FOOTER_WORDS + len(title.split())
    for i, text in enumerate(texts):
        if title in text and text.strip() != title and verdicts[i].keep \
                and len(text.split()) <= extra and i not in elements:
            verdicts[i] = Verdict(Label.BOILERPLATE, FOOTER_RULE,
                                  "the line a feed closes an item's content with: the "
                                  "item's title in a few more words")
