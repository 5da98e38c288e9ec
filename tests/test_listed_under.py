"""Two things the passes read from shared data rather than from code of their own:

- the header a block header's list hangs under, written into each listed line's detail by
  one writer (`rulecodes.listed_detail`) and read back by one reader
  (`rulecodes.header_line`), whatever the header's own words hold;
- the verbs of a round-up's read-on link and of a widget's button, which the rule packs
  name per language ("read_on_verbs", "button_verbs")."""

from __future__ import annotations

import pytest

from copydesk.core import buttons, context, roundups
from copydesk.core.model import Block, Label, Verdict
from copydesk.core.rulecodes import header_line, listed, listed_detail, taken_by_header
from copydesk.core.rules import available_languages, pack_word_list

# Headers whose own words look like the line that follows them in a detail, in both of
# the quotes `repr` may choose, with the escapes it writes.
AWKWARD_HEADERS = [
    "Related",
    "Page 2 (line 3) picks",
    "Editor's picks (line 2)",
    'She said "yes" (line 9) and it\'s done',
    "C:\\temp (line 4)",
]


@pytest.mark.parametrize("header", AWKWARD_HEADERS)
def test_the_header_line_is_read_back_whatever_the_header_says(header):
    texts = ["Intro line", "Intro line two", "Intro line three", header,
             "Storm closes the coast road", "Council votes on the budget"]
    blocks = [Block(k + 1, k + 1, k + 1, t) for k, t in enumerate(texts)]
    verdicts = [Verdict(Label.BODY) for _ in texts]
    verdicts[3] = Verdict(Label.BOILERPLATE, "related", "en header rule")
    context.header_blocks(blocks, verdicts)
    for verdict in verdicts[4:]:
        assert listed(verdict) and taken_by_header(verdict)
        assert header_line(verdict) == 4
        # Kept by the model over the header: the rule's detail inside the model's.
        kept = Verdict(Label.BODY, "line-model",
                       f"{verdict.rule} ({verdict.detail}) overruled: p=0.61")
        assert taken_by_header(kept) and header_line(kept) == 4


def test_what_follows_the_header_in_a_detail_is_not_its_line():
    detail = listed_detail("Top stories", 12, " after the article (line 40)")
    assert header_line(Verdict(Label.BOILERPLATE, "header-list", detail)) == 12


def test_other_details_name_no_header():
    for detail in ["en header rule", "a headline listed under a header, again on line 3",
                   "p=0.12 words=3"]:
        verdict = Verdict(Label.BOILERPLATE, "related", detail)
        assert header_line(verdict) is None and not listed(verdict)


# A read-on link and a shop's button in each pack language: the pack's own verbs.
READ_ON = {
    "en": "Read more", "de": "Weiterlesen", "fr": "Lire la suite", "es": "Leer más",
    "pt": "Leia mais", "it": "Leggi tutto", "nl": "Lees meer", "ru": "Читать далее",
}
BUTTONS = {
    "en": "Buy it now", "de": "Jetzt kaufen", "fr": "Acheter maintenant",
    "es": "Comprar ahora", "pt": "Compre agora", "it": "Acquista ora", "nl": "Koop nu",
    "ru": "Купить сейчас",
}


def test_every_pack_names_its_read_on_and_button_verbs():
    assert sorted(READ_ON) == sorted(BUTTONS) == available_languages()
    for key in ("read_on_verbs", "button_verbs"):
        assert pack_word_list(key), key


@pytest.mark.parametrize("language", sorted(READ_ON))
def test_a_round_ups_link_in_each_pack_language(language):
    link = READ_ON[language]
    assert link.split()[0].casefold() in pack_word_list("read_on_verbs")
    # Three entries closed by the link: the file's round-up links.
    texts = ["Title one", link, "Title two", link, "Title three", link]
    assert roundups.find(texts) == frozenset({1, 3, 5})
    # A shop's button is not a link to the rest of a piece.
    assert roundups.find(["Card", BUTTONS[language]] * 3) is None


@pytest.mark.parametrize("language", sorted(BUTTONS))
def test_a_shops_button_in_each_pack_language(language):
    assert buttons.is_button(BUTTONS[language])
    assert not buttons.is_button(f"{BUTTONS[language]}:")  # a label over a list
