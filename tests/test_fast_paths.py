"""Fast paths that replace a slower formulation must give the same answers.

The classifier's speed work swaps regexes for string methods and adds cheap
pre-tests; each swap is only valid if it answers exactly as the original did,
so each is checked here against the original formulation on awkward text.
"""

import re
import sys

import numpy as np

from copydesk.core.features import _ASCII_ALPHA, _median
from copydesk.core.rules import WHITESPACE, lead_length, trim
from copydesk.core.words import _count_by_runs, count_words, letter_run

# The formulations the fast paths replaced.
_LEAD = re.compile(r"^[\s•·*►▸▶▪■□●○◦‣⁃»›>|~=#+\-–—_]+")
_TRAIL = re.compile(r"[\s.:;!?…|»›>~=#*\-–—_]+$")


AWKWARD = [
    "",
    "   ",
    "• Home",
    "—— Read more: Storm closes road ——",
    "\u00a0\u2003Menu\u3000",
    "_underscored_",
    "Ends with an ellipsis…",
    "«Quoted» › Next ›",
    "x\x1c",
    "\x85Share this story\u2029",
    "Über uns | Kontakt",
    "東京の天気は晴れです。",
    "ภาษาไทยไม่มีช่องว่าง and English words",
    "Café “curly” ‘quotes’ — dash",
    "1,234 • 56 • 7",
]


def test_the_whitespace_list_is_what_the_regex_calls_whitespace():
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert set(WHITESPACE) == set(re.findall(r"\s", every))


def test_trimming_with_character_sets_matches_the_regexes():
    for line in AWKWARD:
        assert trim(line) == _TRAIL.sub("", _LEAD.sub("", line)), line
        m = _LEAD.match(line)
        assert lead_length(line) == (m.end() if m else 0), line


def test_counting_words_with_a_pre_test_matches_counting_runs():
    # The original: scan for runs of the no-space scripts, then count tokens.
    for text in AWKWARD:
        assert count_words(text) == _count_by_runs(text), text


def test_ascii_letters_are_the_letters_of_ascii_text():
    every_ascii = "".join(map(chr, range(128))).lower()
    assert _ASCII_ALPHA.findall(every_ascii) == letter_run().findall(every_ascii)


def test_the_median_is_numpys():
    rng = np.random.default_rng(3)
    for n in (1, 2, 3, 4, 7, 10, 101):
        for values in (rng.random(n), rng.integers(0, 5, n).astype(float), np.log1p(rng.random(n))):
            assert _median(values) == float(np.median(values))
    assert np.isnan(_median(np.array([1.0, np.nan, 2.0])))


def test_the_repair_scanners_find_what_the_plain_alternations_found():
    import random

    import ftfy.bad_codecs  # noqa: F401
    from ftfy.chardata import CHARMAP_ENCODINGS

    from copydesk.core.repair import _FTFY_TRIGGER, _SCAN

    trigger = re.compile(
        r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
        "|\x1b|[\u0080-\u009f\ufb00-\ufb06\ud800-\udfff]"
    )
    leads, conts = set(), set()
    for encoding in CHARMAP_ENCODINGS:
        leads.update(bytes(range(0xC2, 0xF5)).decode(encoding, errors="ignore"))
        conts.update(bytes(range(0x80, 0xC0)).decode(encoding, errors="ignore"))
    lead_class, cont_class = (re.escape("".join(sorted(chars))) for chars in (leads, conts))
    scan = re.compile(f"[\u00c2\u00c3] |[{lead_class}][{cont_class}]")
    rng = random.Random(7)
    alphabet = [*"&#x;aZ09 \x1b\u0085\ufb01\u00c2\u00c3", *sorted(leads)[:30], *sorted(conts)[:30]]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(3000)]
    for text in [*AWKWARD, "caf\u00c3\u00a9 &amp; &#233; &bogus \u00c2 x", *texts]:
        assert [m.span() for m in _FTFY_TRIGGER.finditer(text)] == [
            m.span() for m in trigger.finditer(text)
        ], text
        assert [m.span() for m in _SCAN.finditer(text)] == [
            m.span() for m in scan.finditer(text)
        ], text


def test_reading_an_input_again_skips_repair_only_for_the_same_bytes_that_needed_none():
    from copydesk.core.analyze import load
    from copydesk.core.config import Config
    from copydesk.core.model import Source

    config = Config()
    inputs = [
        b"Plain headline\n\nA clean paragraph that needs nothing at all.\n",
        b"Windows line ends\r\nstay lines\r\n",  # changed silently: CRLF becomes LF
        b"double  spaces and a trailing one \nnext line\n",
        "caf\u00c3\u00a9 au lait &amp; more\n".encode(),  # mojibake and an entity
        "zero\u200bwidth and a soft\u00adhyphen\n".encode(),
        "Déjà vu, in NFD: cafe\u0301\n".encode(),
        b"caf\xe9 in cp1252\n",
    ]
    for data in inputs:
        source = Source(display="x", relpath="x", data=data)
        first = load(source, config)
        plain = load(source, config, "0" * 32)  # another input's hash: repaired as usual
        assert plain.blocks == first.blocks and plain.repaired == first.repaired
        again = load(source, config, first.content_hash if not first.repaired else None)
        assert again.blocks == first.blocks, data
        assert again.lines == first.lines
    # The flag says whether repair changed the decoded text, silent changes included.
    flags = [load(Source(display="x", relpath="x", data=d), config).repaired for d in inputs]
    assert flags == [False, True, True, True, True, True, False]


def test_the_ascii_word_pattern_of_language_detection_matches_the_general_one():
    import random

    from copydesk.core.language import _ASCII_WORD, tokens_of, word_pattern

    rng = random.Random(11)
    alphabet = "abcxyzABC'’09_ -.,;:!?\t"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    every_ascii = "".join(map(chr, range(128))) * 2
    for text in [*AWKWARD, "don't rock'n'roll o'clock 'quoted' it's''s 90s x'1", *texts,
                 every_ascii, every_ascii.replace("'", ""), "Tabs\tand\x1cseparators\x1f_x"]:
        lowered = text.lower()
        if lowered.isascii():
            assert _ASCII_WORD.findall(lowered) == word_pattern().findall(lowered), text
        # What detection reads, by whichever path the line takes.
        assert tokens_of(lowered) == word_pattern().findall(lowered), text


def test_lower_casing_for_the_rules_translates_only_lines_that_need_it():
    from copydesk.core.rules import _CASE_ODDITIES, _lower

    lines = [*AWKWARD, "İstanbul’da ılık", "Maſs ſtrasse", "KELVIN \u212a", "ıİſ", "straße"]
    for line in lines:
        assert _lower(line) == line.translate(_CASE_ODDITIES).lower()


# Lines in scripts with and without combining marks, and text holding none but non-ASCII.
MARKED = [
    "मार्च में बारिश हुई",  # Devanagari vowel signs and virama are marks
    "ภาษาไทยไม่มีช่องว่าง",
    "Cafe\u0301 decomposed, cafe\u0301’s menu",  # a combining acute after a Latin letter
    "\u0301leading mark then words",
    "שָׁלוֹם עֲלֵיכֶם",
    "Ελληνικά και кириллица",
    "l’été dernier — «citation» “curly” ‘quotes’ Çami Íutano 29.45",
    "x\u20d7 vector arrow (a mark for symbols)",
    "\U0001d167 astral mark",
]


def test_no_combining_mark_lies_outside_the_range_that_may_hold_one():
    import unicodedata

    from copydesk.core.words import may_hold_marks

    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp))[0] == "M":
            assert may_hold_marks(chr(cp)), hex(cp)
    assert not may_hold_marks("l’été — «citation» “curly” Çami naïve\u00a0x")


def test_letter_runs_without_the_marks_class_are_the_general_runs():
    import random

    from copydesk.core.words import letter_runs

    rng = random.Random(5)
    alphabet = "abcÉéçß’'_09 -“”«»—\u00a0Жж"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in [*AWKWARD, *MARKED, *texts]:
        for form in (text, text.lower()):
            assert letter_runs(form) == letter_run().findall(form), form


def test_the_markless_word_pattern_of_language_detection_matches_the_general_one():
    import random

    from copydesk.core.language import tokens_of, word_pattern

    rng = random.Random(7)
    alphabet = "abcéçß’'_09 -“”«»—жд\u0301"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in [*AWKWARD, *MARKED, *texts]:
        lowered = text.lower()
        assert tokens_of(lowered) == word_pattern().findall(lowered), text


def test_the_cp1252_words_of_language_detection_match_the_general_pattern():
    """Lines that encode in cp1252 are cut into words by a byte table: the same words as
    `word_pattern`, for every character of the code page (letters, digits of other kinds,
    signs, spaces) beside others that send the line back to the regex."""
    import random
    import unicodedata

    from copydesk.core.language import (
        _CP1252_ELIDED,
        _CP1252_LETTERS,
        tokens_of,
        word_pattern,
    )

    page = bytes(range(256)).decode("cp1252", "ignore")
    # The table may keep only letters, and no character of the page is a combining mark.
    assert not any(unicodedata.category(ch)[0] == "M" for ch in page)
    kept = {bytes([b]).decode("cp1252") for b in range(256) if _CP1252_LETTERS[b] != 32}
    assert kept == {ch for ch in page if word_pattern().fullmatch(ch)}
    elided = {bytes([b]).decode("cp1252") for b in range(256) if _CP1252_ELIDED[b] != 32}
    assert elided == kept | {"'", "’"}
    rng = random.Random(17)
    for alphabet in (page, page + "’'", "ab éÀ²½µªº“”—€™ŠœŸ\u00a0\u2009ž’'\u0301жő1_"):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
                 for _ in range(3000)]
        for text in texts:
            lowered = text.lower()
            assert tokens_of(lowered) == word_pattern().findall(lowered), text
    lines = [
        "Der Bürgermeister äußerte sich „überrascht“ über die Entscheidung – endgültig.",
        "L’année dernière, le musée a accueilli « plus de 20 000 visiteurs » œuvres.",
        "El niño comió jamón ibérico en la peña de Señor Muñoz… ¿verdad?",
        "Näin ollen yhtiö päätti jatkaa tuotantoa Šiauliaissa ja Žilinassa™ 2½ vuotta.",
        "Þetta er íslensk setning með ð og þ, og æ.",
        "Il perché della città: caffè, però già finito (vedi § 3º).",
        "The children’s café wasn't open — rock'n'roll o’clock ’tis ‘quoted’ l’été''s x'’y",
        "Ελληνικά κείμενα δεν είναι cp1252 — Русский текст тоже нет.",
    ]
    for line in [*lines, *AWKWARD, *MARKED]:
        lowered = line.lower()
        assert tokens_of(lowered) == word_pattern().findall(lowered), line


def test_rules_tried_without_those_that_need_a_digit_hit_as_all_of_them_on_lines_without_one(
    monkeypatch,
):
    """On a line without a digit, `RuleSet.match` tries the regex of the rules that need
    none (`_digitless`): every hit is the one the regex of all the rules gives."""
    import re

    from test_shortcuts import DATED_LINES, RULE_LINES

    from copydesk.core.classify import VALIDATORS
    from copydesk.core.rules import KINDS, RuleSet, trim

    undated = [re.sub(r"\d", "", line) for line in DATED_LINES]
    lines = [*RULE_LINES, *DATED_LINES, *undated, *AWKWARD, "By Maria Okonjo", "Photo: AP"]
    for languages in (("en", "common"), ("fr", "en", "common"), ("de", "en", "common")):
        fast, whole = RuleSet(languages), RuleSet(languages)
        monkeypatch.setattr(whole, "_digitless", lambda kind: None)
        reduced = [kind for kind in KINDS if kind != "contains" and fast._digitless(kind)]
        assert "meta" in reduced  # the date rules need a digit; bylines do not
        for line in lines:
            key = trim(line)
            for count in (1, 3, 5, 8, 13, 40):
                got = [(k, h.rule, h.value, h.end, h.start)
                       for k, h in fast.match(key, count, VALIDATORS)]
                want = [(k, h.rule, h.value, h.end, h.start)
                        for k, h in whole.match(key, count, VALIDATORS)]
                assert got == want, (languages, line, count)


def test_rule_codes_and_the_model_s_lines_told_at_once_are_those_of_each_test():
    from copydesk.core.classify import _codes_and_todo, _model_decides
    from copydesk.core.model import BODY, Label, Verdict
    from copydesk.core.rulecodes import rule_code

    verdicts = [
        BODY,
        Verdict(Label.BODY, score=0.8),
        Verdict(Label.BODY, "line-model", "date-line (x) overruled: line model", score=0.7),
        Verdict(Label.BODY, "table", "counter overruled: cell of a table", score=0.2),
        Verdict(Label.BODY, "keep-pattern", "matched a keep pattern"),
        Verdict(Label.BODY, "byline-strip", "en strip rule", keep_text="rest"),
        Verdict(Label.BOILERPLATE, "line-model", "line model: body probability 0.10", score=0.1),
        Verdict(Label.BOILERPLATE, "date-line", "en meta rule"),
        Verdict(Label.BOILERPLATE, "related-block", "listed under 'Related' (line 4)"),
        Verdict(Label.BOILERPLATE, "related-block", "en header rule"),
        Verdict(Label.BOILERPLATE, "comment-prompt", "en line rule"),
        Verdict(Label.BOILERPLATE, "buy-button", "en line rule"),
        Verdict(Label.BOILERPLATE, "share-prompt", "en line rule"),
        Verdict(Label.METADATA, "byline", "en meta rule", meta=("author", "A. Writer")),
        Verdict(Label.METADATA, "headline", "title-like first line", meta=("headline", "H")),
    ]
    rows = [0, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 1, 4]
    codes, todo = _codes_and_todo(verdicts, rows)
    assert codes == [rule_code(verdicts[i]) for i in rows]
    assert todo == [k for k, i in enumerate(rows) if _model_decides(verdicts[i])]
    assert set(codes) == {0, 1, 2, 3, 4, 5, 6}  # every code is among them


def test_capitals_and_words_with_digits_of_ascii_lines_are_the_regex_matches():
    import random

    from copydesk.core.features import (
        _ASCII_CAPITAL_MARKS,
        _ASCII_DIGIT_MARKS,
        _ASCII_OTHERS,
        _ASCII_SPACE,
        _CAPITAL,
        _DIGIT_WORD,
    )

    every_ascii = "".join(map(chr, range(128)))
    assert set(_ASCII_SPACE.decode()) == set(re.findall(r"\s", every_ascii))
    rng = random.Random(3)
    alphabet = "aZ09 (\"'\t\x1c\x1f-.,:Qq7"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in [*texts, every_ascii, every_ascii[::-1], " A (B \"C 'D x1 2y z3z 44 -5- ", ""]:
        raw = text.encode()
        assert raw.translate(_ASCII_CAPITAL_MARKS).count(b"sC") == len(_CAPITAL.findall(text))
        words = raw.translate(_ASCII_DIGIT_MARKS, _ASCII_OTHERS).split()
        assert len(words) == len(_DIGIT_WORD.findall(text)), text


def test_repair_skips_its_separator_and_final_a_scans_only_where_they_could_not_match():
    """The pre-tests of `repair` (a character looked for before the regex runs) leave every
    repaired text, and every line sent to ftfy, as the unguarded scans made them."""
    import random

    from copydesk.core import repair as repair_module
    from copydesk.core.repair import _FINAL_A, _FTFY_TRIGGER, _SEPARATOR_RE, repair

    def touched(text: str) -> list[int]:  # the unguarded original
        spans = [m.span() for m in _FTFY_TRIGGER.finditer(text)]
        if not text.isascii():
            spans += [m.span() for m in repair_module._SCAN.finditer(text)
                      if repair_module._SIGNATURE.fullmatch(m.group())]
            spans += [m.span() for m in _FINAL_A.finditer(text)]
        ends = [k for k, c in enumerate(text) if c == "\n"]
        lines: set[int] = set()
        for start, end in spans:
            first = sum(e < start for e in ends)
            last = sum(e < max(start, end - 1) for e in ends)
            lines.update(range(first, last + 1))
        return sorted(lines)

    rng = random.Random(11)
    alphabet = [*"aZ é\n.&", "\u00c2", "\u00c3", "\u00a9", "\u20ac", *"\x0b\x0c\x1c\x1d\x1e\x1f\t"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in [*AWKWARD, "cost $62.\u00c2\nvoil\u00c3\npage\x0cbreak", *texts]:
        assert repair_module._touched_lines(text) == touched(text), repr(text)
        crlf = re.sub("\r\n?", "\n", text)
        fixed = repair_module._repair_pass(_SEPARATOR_RE.sub(" ", crlf), None, [])
        if fixed == _SEPARATOR_RE.sub(" ", crlf):
            assert repair(text).text == fixed, repr(text)
    assert repair("page\x0cbreak\x1fhere").text == "page break here"


def test_segment_groups_unquoted_lines_without_reading_their_markers():
    """`_groups` takes a line not starting with ">" as depth 0 without `_quote`, and
    `_looks_wrapped` rejects a group with a line over 120 characters before measuring
    widths: the same groups and answers as the original loop and the width test."""
    import random

    from copydesk.core.segment import _groups, _looks_wrapped, _quote, _width

    def groups(lines: list[str]) -> list:  # the original loop
        out: list = []
        depth, alone = -1, False
        for number, line in enumerate(lines, 1):
            if not line:
                depth = -1
                continue
            marks = _quote(line)
            bare = line[len(marks):] if marks else line
            level = marks.count(">") if marks else 0
            blank_quote = bool(marks) and not bare.strip()
            if level != depth or blank_quote or alone:
                out.append((marks, []))
            out[-1][1].append((number, bare))
            depth, alone = level, blank_quote
        return out

    rng = random.Random(13)
    pieces = ["", ">", "> ", ">>", ">> x", "> quoted", ">>> prompt", "plain line", " > not a quote",
              "wide 東京" * 9, "w" * 121, "w" * 119, "a lower case line that goes on", "End."]
    for _ in range(4000):
        lines = [rng.choice(pieces) for _ in range(rng.randint(0, 12))]
        assert _groups(lines) == groups(lines), lines
        texts = [line for line in lines if line]
        if len(texts) >= 3 and max(map(_width, texts)) > 120:
            assert not _looks_wrapped(texts)


def test_edit_marks_pre_tests_pass_every_line_the_regex_matches():
    """`editmarks._marked` asks the regex only of lines that pass cheap tests: the same
    match (span and groups) or the same None, on lines built of the characters the tests
    read (brackets, spaces of several kinds, figures of other scripts, newlines)."""
    import random

    from copydesk.core.editmarks import _MARKED, _marked

    rng = random.Random(23)
    alphabet = "ab é[[]] \u2003\n1٣².|x"

    def some(most: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, most)))

    # Half of them shaped as a marked heading, with any of the characters anywhere.
    texts = [some(14) for _ in range(20000)]
    ends = ["", " ", "\n", " x"]
    texts += [f"{some(10)}[{some(4)}]{rng.choice(ends)}" for _ in range(20000)]
    lines = [
        "History[edit]", "Geschichte[Bearbeiten | Quelltext bearbeiten]", "History[]",
        "History [edit]", "Note[1]", "Demo[20 min]", "[edit]", "a[edit]", "ab[edit]",
        "Ab[edit]  ", "Ab[edit]\n", "Ab[x]\n ", "Ab[x] y", "A[b]c[edit]", "A[b[edit]",
        "Lines\nbreak[edit]", "12[edit]", "١٢x[edit]", "Nemo Switchback [$49.95]",
        "Neuroinflamm. 2015;2:127. [Google Scholar]", "Cite[Google Scholar] [PubMed]",
    ]
    matched = 0
    for text in [*lines, *AWKWARD, *texts]:
        want, got = _MARKED.match(text), _marked(text)
        assert (want is None) == (got is None), repr(text)
        if want is not None:
            matched += 1
            assert (want.span(), want.groupdict()) == (got.span(), got.groupdict()), repr(text)
    assert matched > 1000  # the generated lines hold matches enough to catch a wrong test


def test_the_words_of_a_line_cut_with_latin1_tables_are_those_of_its_lower_case():
    """`language.line_tokens(line)` lower-cases Latin-1 lines by its byte table, after the
    signs of prose beyond Latin-1 became spaces: the words of `word_pattern` on the line's
    lower case all the same, for every character below 256, those signs, an apostrophe's
    two forms, and lines that go back to the general path (Greek capital sigma, whose
    lower case depends on its neighbours; a combining mark; Cyrillic)."""
    import random

    from copydesk.core.language import _PROSE_SIGNS, line_tokens, word_pattern

    latin1 = "".join(map(chr, range(256)))
    signs = "".join(_PROSE_SIGNS)
    rng = random.Random(29)
    alphabets = (
        latin1,
        latin1 + signs * 8,
        "aB éÀÿßµ" + signs + "'’ 1_\x85\x9f",
        "ΑΣσς ΟΔΟΣ" + signs + "'’ a\u0301Ж",
    )
    texts = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for alphabet in alphabets
        for _ in range(4000)
    ]
    lines = [
        "Der Bürgermeister äußerte sich „überrascht“ über die Entscheidung – endgültig.",
        "ÉLÈVES “ÇA” — L'ÉTÉ DERNIER… O'CLOCK rock'n'roll ’tis",
        "ΟΔΥΣΣΕΥΣ—ΚΑΙ “ΣΑΣ” Σ… ΑΣ’ x",
        latin1, latin1.upper(), signs,
    ]
    for text in [*lines, *AWKWARD, *MARKED, *texts]:
        assert line_tokens(text) == word_pattern().findall(text.lower()), repr(text)


def test_lines_with_a_digit_for_the_rules_are_those_the_regex_finds_one_in():
    """`rules._has_digit` reads Latin-1 lines by their bytes: the same answer as `\\d` on
    every character (figures of other scripts, superscripts, which are no `\\d`) alone and
    inside lines."""
    import random

    from copydesk.core.rules import _DIGIT, _has_digit

    every = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
    for char in every:
        assert _has_digit(char) == (_DIGIT.search(char) is not None), hex(ord(char))
    rng = random.Random(31)
    alphabet = "ab é²½¹0 9٣৪\u00a0xЖ"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for text in [*AWKWARD, *MARKED, *texts]:
        assert _has_digit(text) == (_DIGIT.search(text) is not None), repr(text)


def test_folding_quotes_with_a_test_per_quote_is_the_translation():
    """`rules._fold_quotes` replaces each quote it finds: the line translated by the
    apostrophes' table, and an ASCII line (its backtick included) as it was."""
    import random

    from copydesk.core.rules import _APOSTROPHES, _fold_quotes

    rng = random.Random(37)
    alphabet = "a é’‘´`“”'\" ж"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for text in [*AWKWARD, *MARKED, *texts, "`ascii` 'only'"]:
        want = text if text.isascii() else text.translate(_APOSTROPHES)
        assert _fold_quotes(text) == want, repr(text)


def test_a_header_inside_the_list_of_another_is_part_of_that_list():
    """`context.header_blocks` finds the headers first and skips those inside an earlier
    header's run, as the scan line by line did: the lines after the second header are
    listed under the first, and the run ends at prose."""
    from copydesk.core import context
    from copydesk.core.model import Block, Label, Verdict

    texts = ["Related stories", "Storm closes the coast road", "More from the desk",
             "Council votes on the budget", "The rest of the article goes on here, in "
             "sentences that read as prose to anyone.", "Trending now", "Ferry times change"]
    blocks = [Block(k + 1, k + 1, k + 1, t) for k, t in enumerate(texts)]
    header = Verdict(Label.BOILERPLATE, "related", "en header rule")
    verdicts = [Verdict(Label.BODY) for _ in texts]
    verdicts[0] = verdicts[2] = verdicts[5] = header
    context.header_blocks(blocks, verdicts)
    details = [v.detail for v in verdicts]
    assert details[1] == details[3] == "listed under 'Related stories' (line 1)"
    assert details[2] == "en header rule" and verdicts[4].label is Label.BODY
    assert details[6] == "listed under 'Trending now' (line 6)"
    # A run stops after 60 lines; a header inside it does not start another run there.
    items = [f"Headline number {k} of the list" for k in range(80)]
    items[0], items[30] = "Related stories", "More from the desk"
    blocks = [Block(k + 1, k + 1, k + 1, t) for k, t in enumerate(items)]
    verdicts = [Verdict(Label.BODY) for _ in items]
    verdicts[0] = verdicts[30] = header
    context.header_blocks(blocks, verdicts)
    assert [v.label for v in verdicts[59:63]] == [Label.BOILERPLATE] * 2 + [Label.BODY] * 2


def test_reading_an_input_again_puts_back_the_lines_repair_changed_without_repairing(
        monkeypatch):
    from copydesk.core import analyze, repair
    from copydesk.core.analyze import load
    from copydesk.core.config import Config
    from copydesk.core.model import Source

    config = Config()
    inputs = [
        "caf\u00c3\u00a9 au lait &amp; more\r\nsecond line\r\n\r\n"
        "third \u00e2\u20ac\u0153q\u00e2\u20ac\n",
        "Headline\n\nDon\u00e2\u20ac\u2122t stop.\n\nPeriod X \u00e2\u201e\u00a2\n\n"
        "&amp;amp; twice\n",
        "zero\u200bwidth and a soft\u00adhyphen\rold Mac line\n",
        "Déjà vu, in NFD: cafe\u0301\n",
        b"caf\xe9 in cp1252  and  runs \n".decode("latin-1"),
    ]
    sources = [Source(display="x", relpath="x", data=text.encode()) for text in inputs]
    firsts = [load(source, config) for source in sources]
    assert all(first.repaired and first.fixes for first in firsts)
    calls = []
    monkeypatch.setattr(analyze, "repair", lambda text: calls.append(text))
    for source, first in zip(sources, firsts, strict=True):
        again = load(source, config, None, None, (first.content_hash, first.fixes))
        assert again.blocks == first.blocks and again.lines == first.lines
        assert again.repaired
        # Another input's hash: the fixes are not this input's, and repair runs as usual.
        monkeypatch.setattr(analyze, "repair", repair.repair)
        other = load(source, config, None, None, ("0" * 32, ((0, "wrong"),)))
        assert other.blocks == first.blocks
        monkeypatch.setattr(analyze, "repair", lambda text: calls.append(text))
    assert calls == []
    monkeypatch.setattr(analyze, "repair", repair.repair)
    # Too many lines changed (a trailing space on each): nothing is carried.
    many = "".join(f"line {k} with a trailing space \n" for k in range(400))
    assert load(Source(display="x", relpath="x", data=many.encode()), config).fixes is None


def test_a_run_repairs_each_input_once(tmp_path, monkeypatch):
    from copydesk.core import analyze, pipeline
    from copydesk.core.config import Config
    from copydesk.core.discover import discover

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Headline\n\nThe caf\u00c3\u00a9 said it would open on Monday, the owner said.\n")
    (tmp_path / "in" / "b.txt").write_text("Headline\n\nA clean paragraph, nothing to do.\n")
    calls = []

    def counted(text):
        calls.append(text)
        return repair_of(text)

    repair_of = analyze.repair
    monkeypatch.setattr(analyze, "repair", counted)
    found = discover([str(tmp_path / "in")])
    result = pipeline.run(found.sources, Config(), pipeline.Destination(str(tmp_path / "out")),
                          found.problems)
    assert len(calls) == 2  # at analysis; writing puts the café line back without repair
    assert "café" in (tmp_path / "out" / "a.txt").read_text()
    assert result.exit_code == 0


def test_lower_case_letter_runs_of_latin1_lines_are_the_regex_runs_of_the_lower_case():
    """`words.lower_letter_runs` cuts a Latin-1 line by a byte table: the runs of
    `letter_runs(text.lower())` all the same, for every character below 256 (letters,
    figures, the underscore, superscripts and fractions that `\\w` takes, odd spaces), and
    on lines that take the general path (a combining mark, Greek, Cyrillic, CJK)."""
    import random

    from copydesk.core.words import letter_runs, lower_letter_runs

    latin1 = "".join(map(chr, range(256)))
    rng = random.Random(23)
    alphabets = (latin1, "aB éÀÿßµªº²½ 1_\x85\xa0-'", "ΑΣσς ΟΔΟΣ a\u0301Ж 東京 x1")
    texts = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for alphabet in alphabets
        for _ in range(4000)
    ]
    lines = [
        "Der Bürgermeister äußerte sich „überrascht“ über die Entscheidung.",
        "ÉLÈVES ÇA L'ÉTÉ DERNIER O'CLOCK rock'n'roll naïve Œuvre",
        latin1, latin1.upper(), *AWKWARD, *MARKED,
    ]
    for text in [*lines, *texts]:
        assert lower_letter_runs(text) == letter_runs(text.lower()), repr(text)


def test_stopword_counts_in_c_are_the_python_counts():
    """`_keywords.stopword_counts` counts each language's stopwords among a file's words as
    `language._python_stopword_counts` (filter, map, Counter) does: on random words drawn
    from both tables' stopwords and other words, and on the words of the sample files."""
    import random
    from pathlib import Path

    import pytest

    from copydesk.core import language

    if language._keywords is None:
        pytest.skip("the C extension is not built")
    rng = random.Random(23)
    samples = Path(__file__).resolve().parent.parent / "samples"
    prose = [
        line for path in sorted(samples.rglob("*.txt"))
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    ]
    assert len(prose) > 100
    for table in (language._stopword_table(), language._listed_table()):
        vocabulary = [*sorted(table), "zzq", "über", "東京", "", "the", "de"]
        files = [
            [[rng.choice(vocabulary) for _ in range(rng.randint(0, 30))] for _ in range(8)]
            for _ in range(300)
        ]
        files += [[language.line_tokens(line) for line in prose[k : k + 40]]
                  for k in range(0, len(prose), 40)]
        files += [[], [[]]]
        for tokens in files:
            want = language._python_stopword_counts(tokens, table)
            assert language._keywords.stopword_counts(tokens, table) == dict(want)


def _known_words_lines() -> list[str]:
    """Lines for language detection's C reading: every character below 256, the signs of
    prose beyond Latin-1, both apostrophes (alone, doubled, at the ends, between words),
    the C1 control 0x92 and characters beyond Latin-1 (lines `line_tokens` reads its own
    way), the stopwords themselves, the samples' lines and the awkward ones."""
    import random
    from pathlib import Path

    from copydesk.core import language

    rng = random.Random(31)
    latin1 = "".join(map(chr, range(256)))
    signs = "".join(language._PROSE_SIGNS)
    stopwords = sorted(language._stopword_table())
    alphabets = (
        latin1,
        latin1 + signs * 8 + "'’" * 12,
        "aB éÀÿßµ" + signs + "'’ 1_\x85\x9f",
        "aB '’ \x92",
        "ΑΣσς a\u0301Ж '’ x",
    )
    lines = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for alphabet in alphabets
        for _ in range(3000)
    ]
    lines += [
        rng.choice([" ", "'", "’", "''", "’ ", " '", "-"]).join(
            rng.choice(stopwords) for _ in range(rng.randint(0, 12))
        )
        for _ in range(3000)
    ]
    samples = Path(__file__).resolve().parent.parent / "samples"
    lines += [
        line for path in sorted(samples.rglob("*.txt"))
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    ]
    return [*lines, *AWKWARD, *MARKED, "rock'n'roll ’tis l’été O'CLOCK", "'a' ’b’ c''d e’’f"]


def test_known_words_in_c_are_the_stopwords_line_tokens_cuts():
    """`_keywords.known_words` (language detection's reading of a line in C) counts the
    words `line_tokens` cuts and gives those of them that are keys of the table, in order,
    for both tables; where it gives None, the line is one of those `line_tokens` reads
    another way (a character beyond Latin-1 other than its signs and "’", or 0x92)."""
    import pytest

    from copydesk.core import language

    if language._keywords is None:
        pytest.skip("the C extension is not built")
    read = 0
    for table in (language._stopword_table(), language._listed_table()):
        known = language._known(table)
        assert known is not None
        for line in _known_words_lines():
            got = known(line)
            if got is None:
                assert "\x92" in line or any(
                    ord(ch) > 255 and ch not in language._PROSE_SIGNS and ch != "’"
                    for ch in line
                ), repr(line)
                continue
            read += 1
            want = language.line_tokens(line)
            assert got == (len(want), [w for w in want if w in table]), repr(line)
    assert read > 20000


def test_language_detection_reads_lines_in_c_and_decides_alike(monkeypatch):
    """`detect_language` with the C reading of lines decides as with the words of
    `line_tokens` (the reading it replaces), on pack pages, pages of listed languages (whose
    table the C reading did not read) and the awkward lines; and it does read lines in C."""
    import pytest

    from copydesk.core import language

    if language._keywords is None:
        pytest.skip("the C extension is not built")
    pages = [
        ["The council said on Monday that the new road would be built by the end of the year."] * 3,
        ["Der Bürgermeister äußerte sich „überrascht“ über die Entscheidung, die er nicht "
         "kannte."] * 4,
        ["L’été dernier, la ville a décidé qu’elle ne construirait pas la route près du port."] * 4,
        ["Rada miasta zdecydowała w poniedziałek, że nowa droga zostanie zbudowana do końca "
         "roku."] * 4,
        ["Міська рада вирішила в понеділок, що нова дорога буде збудована до кінця року."] * 4,
        ["Belediye meclisi pazartesi günü yeni yolun yıl sonuna kadar yapılacağını açıkladı."] * 4,
        # Listed languages written in Latin-1: their lines read in C, then again for the list.
        ["Pemerintah kota mengatakan pada hari Senin bahwa jalan baru itu akan dibangun pada "
         "akhir tahun ini dan tidak akan ditunda lagi."] * 4,
        ["Kommunen sa på måndagen att den nya vägen skulle byggas före årets slut och att det "
         "inte fanns några planer på att skjuta upp den."] * 4,
        [line for line in _known_words_lines() if len(line.split()) >= 8][:400],
    ]
    calls = []
    real = language._keywords.known_words

    def counted(*args):
        calls.append(args[-1])
        return real(*args)

    monkeypatch.setattr(language._keywords, "known_words", counted)
    got = [language.detect_language(page) for page in pages]
    assert calls
    monkeypatch.setattr(language, "_known", lambda table: None)
    assert got == [language.detect_language(page) for page in pages]
    assert got[:8] == ["en", "de", "fr", "pl", "uk", "tr", "id", "sv"]
