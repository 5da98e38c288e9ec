"""Languages without a rule pack are read through their own function words.

The line model's stopword share tells running text from menus and headlines. A page in a
language no pack covers used to be read through every pack's stopwords, which its prose
barely touches: its report said "und" and its prose looked like a run of headlines.
`core/stopwords/stopwords.json` (bench/stoplists.py) lists the function words of 63 more
languages; the packs' languages are still found first, as before.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from copydesk.core import features, language
from copydesk.core.language import detect_language, listed_stopwords, stopwords_for, tokens_of
from copydesk.core.rules import available_languages

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
LANGUAGES = ROOT / "tests" / "fixtures" / "languages"


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    ("page", "code"),
    [
        (UNSEEN / "pl.txt", "pl"),
        (UNSEEN / "cs.txt", "cs"),
        (UNSEEN / "sv.txt", "sv"),
        (UNSEEN / "tr.txt", "tr"),
        (UNSEEN / "id.txt", "id"),
        (UNSEEN / "vi.txt", "vi"),
        (UNSEEN / "uk.txt", "uk"),
        (UNSEEN / "ar.txt", "ar"),
        (UNSEEN / "he.txt", "he"),
        (UNSEEN / "fa.txt", "fa"),
        (UNSEEN / "hi.txt", "hi"),
        (UNSEEN / "el.txt", "el"),
        (UNSEEN / "hu.txt", "hu"),
        (UNSEEN / "fi.txt", "fi"),
    ],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_the_report_names_the_language_of_a_page_without_a_pack(cli, page, code):
    report = json.loads(cli(["clean", page, "--format", "json"]).stdout)
    assert report["files"][0]["language"] == code


@pytest.mark.parametrize(("page", "code"), [("ja.txt", "ja"), ("zh.txt", "zh"), ("th.txt", "und")])
def test_scripts_without_spaces_are_told_by_their_script_or_stay_undetermined(page, code):
    # No list can be matched word by word there: Chinese and Japanese are told by their
    # script (and read as before, `language.without_list`); Thai stays undetermined.
    assert detect_language(_lines(LANGUAGES / page)) == code


def test_pack_languages_are_found_as_before():
    assert detect_language(_lines(LANGUAGES / "ru.txt")) == "ru"
    for pack in available_languages():
        assert pack not in listed_stopwords()  # a pack's own stopwords win


def test_english_prose_never_passes_for_a_list_that_quotes_english():
    # Some lists' heads hold English words (Wikipedias quote titles). A short English page,
    # too short for the English pack's bar, must not be taken for one of those languages.
    short = ["The council said the new bus line would open in the spring of next year."]
    assert detect_language(short) in (language.UNDETERMINED, "en")


def test_a_polish_line_reads_as_prose_through_polish_function_words():
    line = "Prezydent miasta podkreślił, że most jest częścią większego planu dla całej dzielnicy."
    share = 5  # the stopword-share column of `features._own`
    polish = features._own(line, stopwords_for("pl"))[share]
    packs = features._own(line, stopwords_for(language.UNDETERMINED))[share]
    assert polish >= 0.25 > 0.1 >= packs


def test_devanagari_words_keep_their_vowel_signs():
    # "है" (is) and "के" (of) end in vowel signs, which `\w` does not take: the words were
    # cut to "ह" and "क", and no list of whole words could match them.
    line = "शहर के नए पुल का काम मार्च में पूरा हो गया है और यातायात शुरू होगा।"
    assert "है" in tokens_of(line) and "के" in tokens_of(line)
    assert features._own(line, stopwords_for("hi"))[5] >= 0.3


def test_every_listed_word_is_one_word_as_the_reader_splits_text():
    # A listed word that the tokenizer would cut in two could never be matched.
    raw = json.loads((ROOT / "core" / "stopwords" / "stopwords.json").read_text("utf-8"))
    assert "jusText" in raw["notice"] and "BSD" in raw["notice"]  # the licence's notice
    for code, words in raw["stopwords"].items():
        assert 5 <= len(words) <= 100, code
        for word in words:
            assert tokens_of(word) == [word] == [word.lower()], (code, word)


def test_lang_accepts_a_listed_language(cli, tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("\n".join(_lines(UNSEEN / "pl.txt")) + "\n", encoding="utf-8")
    result = cli(["clean", page, "--lang", "pl", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["files"][0]["language"] == "pl"
    unknown = cli(["clean", page, "--lang", "xx"])
    assert unknown.exit_code == 2 and "function words: af," in unknown.stderr


def _blocks(path):
    from copydesk.core.analyze import load
    from copydesk.core.config import Config
    from copydesk.core.model import Source

    return load(Source(display=path.name, relpath=path.name, path=str(path)), Config()).blocks


def test_pages_with_and_without_a_pack_classified_together_get_their_own_verdicts():
    # `classify_many` scores many files' passes at once; each keeps its language's reading.
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config

    pages = [ROOT / "tests/fixtures/pages/en_full.txt", UNSEEN / "pl.txt",
             ROOT / "tests/fixtures/pages/de_full.txt", UNSEEN / "ar.txt", LANGUAGES / "ja.txt"]
    loaded = [_blocks(p) for p in pages]
    together = Classifier(Config()).classify_many(loaded)
    alone = [Classifier(Config()).classify(blocks) for blocks in loaded]
    assert [c.language for c in together] == ["en", "pl", "de", "ar", "ja"]
    assert [c.verdicts for c in together] == [c.verdicts for c in alone]
