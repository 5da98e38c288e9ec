"""An article's closing apparatus: the footnotes, the list of sources, the works cited that
close an article under a heading of their own ("Footnotes", "Sources", "Article Sources").

They are the article's notes, not its text, and a reader's extract leaves them out (the
dev truth does on every region page that shows one under such a heading). To the line
model they read as the article goes on: a footnote is a sentence, a source a title, and it
keeps them at 0.8-0.95. The heading is what tells them apart, and every site of a language
heads them with the same few words (the packs' "apparatus_headers"); where it stands says
it closes the article: in the second half of what is kept. The section runs to the end:
nothing of the article follows its notes.

"References" and "Notes" are not such headings: an article's own reading list and its
side notes stand under them as often as its apparatus (the dev truth keeps about half of
what follows "References"), and a subheading "Sources" in the middle of an article sits in
the first half of what is kept, or has the rest of the article after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from .model import Label, Verdict
from .rules import pack_word_list


@cache
def _written_forms() -> frozenset[str]:
    """The packs' headings as pages write them alone on a line: lower case, upper case,
    sentence case, title case, with or without a colon. Looked up whole, each line costs
    one hash look-up, so that the files without such a heading (most) cost nearly nothing."""
    forms = set()
    for word in pack_word_list("apparatus_headers"):
        for cased in (word, word.upper(), word.capitalize(), word.title()):
            forms.update((cased, f"{cased}:", f"{cased} :"))
    return frozenset(forms)


def find(texts: Sequence[str]) -> list[int] | None:
    """The lines that are an apparatus heading alone, read on the text once per file;
    None when there are none (most files)."""
    forms = _written_forms()
    if forms.isdisjoint(texts):
        return None
    return [i for i, t in enumerate(texts) if t in forms]


def closing_apparatus(
    heads: list[int] | None, verdicts: list[Verdict], rows: list[int]
) -> bool:
    """Remove the kept lines from the first apparatus heading (`find`) in `rows` that has
    at least as many kept lines before it as from it on, to the end, where the line
    model kept them. True if any verdict changed."""
    if heads is None:
        return False
    kept = [i for i in rows if verdicts[i].keep]
    for head in heads:
        before = sum(1 for i in kept if i < head)
        after = len(kept) - before
        if before == 0 or before < after:
            continue
        changed = False
        detail = f"under an apparatus heading (paragraph {head + 1}) closing the article"
        for i in rows:
            verdict = verdicts[i]
            if i >= head and verdict.keep and verdict.rule in (None, "line-model"):
                verdicts[i] = verdict.overruled(Label.BOILERPLATE, "apparatus", detail)
                changed = True
        return changed
    return False
