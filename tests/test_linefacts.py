"""The facts of a line computed in C (core/_linefacts.c) are the Python ones, exactly, on
lines written in its alphabet (ASCII, Latin-1 letters, common punctuation), and the C
functions hand every other line back (None) to the Python path, which is also what runs
where the extension could not be built."""

import random
import string

import pytest

from copydesk.core import features, repeats

try:
    from copydesk.core import _linefacts
except ImportError:  # not built here: every line takes the Python path
    _linefacts = None

needs_c = pytest.mark.skipif(_linefacts is None, reason="the C line facts are not built")
# What the C functions read (None: not built; the tests that need it are skipped).
ALPHABET = frozenset(_linefacts.alphabet()) if _linefacts is not None else frozenset()
# Characters beside the alphabet that must be handed back: other scripts, marks, spaces and
# digits Python reads differently (superscripts, Arabic-Indic digits, the ideographic
# space), cased symbols, the fullwidth colon, direction marks, emoji.
OUTSIDE = "ªº²¹¼µ\u0085\u2009\u200b\u200f\u3000：٣Ωж東ภ\u0301ſİ🙂Ⓐ‐"


def _readable(text: str) -> bool:
    return set(text) <= ALPHABET

STOPWORDS = frozenset(["the", "a", "and", "of", "to", "in", "is", "it", "über", "été"])

EDGES = [
    "",
    " ",
    "\t\x0b\x0c\r\n\x1c\x1d\x1e\x1f ",
    "x",
    "A",
    "ABCD",
    "ABC",
    "AB1D",
    "ABC:",
    "a",
    "?",
    "The council met on Tuesday, and the vote was close.",
    "The council met on Tuesday; the vote was close?\"')] *",
    "Home | News | Sport / Weather - Travel - - Jobs",
    " - - - ",
    "a - b",
    " -",
    "- item",
    "-item",
    "* item",
    "*\x1citem",
    "1. First",
    "12) Second",
    "123. Third",
    "1234. Fourth",
    "1.First",
    "12.",
    "a. an item",
    "b) an item",
    "B) not an item",
    "ab) not one",
    "(1) item",
    "(123) item",
    "(1234) item",
    "(12 item",
    "()  x",
    "1\x1f",
    "12,345",
    "12 345 kM / 3% (+4) #5 $6:7",
    "12 345 kg",
    "k",
    "\n",
    "12\n",
    "Visit www.example.com",
    "www",
    "http://",
    "http:/",
    "https://a",
    "httpss://",
    "HTTP://X",
    "mail me: jane@example.com",
    "@home",
    "home@",
    "a @ b",
    "a@b",
    "\x1c@\x1f",
    "It's 9AM: NASA_x2 said-so, (Really) \"Quoted\" 'Single' [Bracket]",
    "under_score and_more 3rd 4th x2y 2x",
    "__init__ ___ _a a_",
    "O'Neil's don't l'ete",
    "Read more:",
    "Filed under: News,",
    "News;",
    "A|B",
    "and/or",
    "a+",
    "a&",
    "a>",
    "a-",
    "...",
    "Wait!)",
    "Title Case Words Here And There",
    "x" * 159 + "A",
    "y " * 200,
    "The " * 300,
    "word " * 700 + "TAIL.",
    "1" * 400,
    "".join(map(chr, range(128))) * 3,
    "\x00 nul \x00",
]


def _random_lines(seed: int, count: int) -> list[str]:
    """Lines built from the pieces the facts look at: letters of both cases, digits, every
    ASCII space, brackets, quotes, sentence ends, separators, list markers, URL parts."""
    rng = random.Random(seed)
    pieces = [
        *string.ascii_letters,
        *string.digits,
        *"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f",
        *string.punctuation,
        " ", " ", " ", " - ", "http://", "https://", "www.", "@", "the", "The", "of",
        "and", "NEWS", "Café", "12.", "(3)", "a)", "- ", "* ", "über", "ÉTÉ", "été",
    ]
    alphabet = sorted(ALPHABET - set(map(chr, range(128)))) or ["é"]
    outside = list(OUTSIDE)
    lines = []
    for _ in range(count):
        size = rng.choice([0, 1, 2, 3, 5, 10, 40, 120, 170, 650])
        kind = rng.random()
        # Mostly ASCII pieces, often with characters of the rest of the alphabet, now and
        # then one from outside it.
        pool = pieces if kind < 0.3 else pieces + alphabet * 2 if kind < 0.95 else (
            pieces + outside
        )
        lines.append("".join(rng.choice(pool) for _ in range(size)))
    return lines


def _single_characters() -> list[str]:
    """Each character of the alphabet (and around it) in the places the facts look at."""
    lines = []
    for ch in sorted(ALPHABET | set(OUTSIDE)):
        lines += [ch, ch * 3, f"A{ch}", f"{ch}A", f"x {ch}Yes", f"{ch} item", f"1{ch} 2",
                  f"{ch}12", f"Label{ch}: value", f"word word{ch}", f"{ch}x\u00e9 {ch}",
                  f"The end.{ch}", f"{ch}@{ch}", f"x{ch}-{ch}y", f"  {ch}  ", f"a{ch}b{ch}c"]
    return lines


LATIN = [
    "Café au lait, s'il vous plaît.",
    "“Quoted” — dashed… ‘and’ «so» on",
    "Home › News » Sport • Weather · Jobs",
    "ÉCOLE",
    "ÉCOLE NORMALE SUPÉRIEURE",
    "Straße über Äpfel: ßÿ",
    "– item", "— item", "• item", "· item", "▪ item", "■ item", "► item", "▸ item",
    "‣ item", "⁃ item", "1. – Intro", "€12", "£ 3", "¥4", "₹5", "−6", "≈7", "≤8", "≥ 9",
    "N/A", "n.a.", "–", "—", "12 – 14", "© 2024 Example Ltd. All rights reserved.",
    "Price:\u00a0€ 12,50", "\u00a0\u00a0", "x\u00a0y", "×÷", "The end…", "He said “Hi.”",
    "Joe’s", "The end.’", "A sentence of eight words that ends here…",
    "A sentence of eight words that ends «here»", "x" * 700 + "é",
]
OTHER_SCRIPTS = [
    "東京の天気は晴れです。",
    "Ωmega",
    "naïve\u0301",
    "a\u2009b",
    "x" * 700 + "東",  # beyond every head: still handed back
    "Ⓐ",
    "🙂 smile",
]
NOT_ASCII = LATIN + OTHER_SCRIPTS
LINES = EDGES + LATIN + _single_characters() + _random_lines(11, 6000)


@needs_c
def test_the_c_own_columns_are_the_python_ones_on_lines_of_the_alphabet():
    for text in LINES:
        if not _readable(text):
            assert _linefacts.own(text, STOPWORDS) is None
            continue
        got = _linefacts.own(text, STOPWORDS)
        want = features._own(text, STOPWORDS)
        assert len(got) == len(want)
        assert all(type(v) is float for v in got)
        # Equal as floats, bit for bit (a bool and its 0.0 / 1.0 make the same float64).
        assert [float(v).hex() for v in got] == [float(v).hex() for v in want], repr(text)


@needs_c
def test_the_c_content_words_are_the_python_ones_on_lines_of_the_alphabet():
    for text in LINES:
        if not _readable(text):
            assert _linefacts.content_words(text, STOPWORDS) is None
            continue
        assert _linefacts.content_words(text, STOPWORDS) == features._content_words(
            text, STOPWORDS
        ), repr(text)


@needs_c
def test_the_c_words_for_repeats_are_the_regex_words_on_lines_of_the_alphabet():
    for text in LINES:
        if not _readable(text):
            assert _linefacts.words_of(text) is None
            continue
        assert _linefacts.words_of(text) == repeats._WORD.findall(text.lower()), repr(text)


@needs_c
def test_lines_outside_the_alphabet_are_handed_back_to_python():
    for text in OTHER_SCRIPTS:
        assert _linefacts.own(text, STOPWORDS) is None
        assert _linefacts.content_words(text, STOPWORDS) is None
        assert _linefacts.words_of(text) is None


@needs_c
def test_the_c_functions_refuse_what_is_not_a_str():
    with pytest.raises(TypeError):
        _linefacts.own(b"bytes", STOPWORDS)
    with pytest.raises(TypeError):
        _linefacts.words_of(None)
    with pytest.raises(TypeError):
        _linefacts.own("a line", STOPWORDS, 3)


def test_row_features_are_the_same_with_and_without_the_c_facts(monkeypatch):
    """What the classifier reads: the rows of a file mixing ASCII lines and others, computed
    with the C facts and without them (as where the extension is not built)."""
    texts = [*LINES[:400], *NOT_ASCII, *LINES[:50]]
    import numpy as np

    features._PACKED_CACHE.clear()
    features._CONTENT_CACHE.clear()
    with_c = features.row_features(texts, STOPWORDS)
    remembered = (
        dict(features._PACKED_CACHE[STOPWORDS]), dict(features._CONTENT_CACHE[STOPWORDS])
    )
    again = features.row_features(texts, STOPWORDS)  # now looked up
    monkeypatch.setattr(features, "_linefacts", None)
    features._ROW_CACHE.clear()
    features._CONTENT_CACHE.clear()
    without = features.row_features(texts, STOPWORDS)
    # The same lines remembered, with the same facts (the C path's as their float64 bytes).
    python_rows = {
        text: np.array(row, dtype=np.float64).tobytes()
        for text, row in features._ROW_CACHE[STOPWORDS].items()
    }
    assert remembered == (python_rows, features._CONTENT_CACHE[STOPWORDS])
    assert len(remembered[0]) == len(set(texts))
    for name in ("own", "ids", "chars", "vocab", "owner"):
        assert getattr(again, name).tobytes() == getattr(with_c, name).tobytes(), name
    features._ROW_CACHE.clear()
    features._PACKED_CACHE.clear()
    features._CONTENT_CACHE.clear()
    for name in ("own", "ids", "chars", "vocab", "owner"):
        assert getattr(with_c, name).tobytes() == getattr(without, name).tobytes(), name


def test_words_for_repeats_are_the_same_with_and_without_the_c_facts(monkeypatch):
    texts = [*LINES[:400], *NOT_ASCII]
    with_c = [repeats.words_of(t) for t in texts]
    monkeypatch.setattr(repeats, "_linefacts", None)
    assert [repeats.words_of(t) for t in texts] == with_c
    assert with_c == [repeats._WORD.findall(t.lower()) for t in texts]


def test_the_word_count_in_c_is_the_python_count_and_remembers_it(monkeypatch):
    """`words.count_words` (in C where built) gives `_count` of every line, ASCII or not,
    remembers it in the module's table, and empties the table when full."""
    from copydesk.core import words

    texts = [*LINES[:300], *NOT_ASCII, "ภาษาไทยไม่มีช่องว่าง and English words"]
    monkeypatch.setattr(words, "_COUNTED", {})
    assert [words.count_words(t) for t in texts] == [words._count(t) for t in texts]
    assert {t: words._count(t) for t in texts} == words._COUNTED
    assert [words.count_words(t) for t in texts] == [words._count(t) for t in texts]
    monkeypatch.setattr(words, "_COUNTED", {})
    monkeypatch.setattr(words, "COUNTED_LINES", 5)
    for text in texts:
        assert words.count_words(text) == words._count(text)
        assert len(words._COUNTED) <= 5


@needs_c
def test_the_word_count_in_c_is_what_every_stage_calls():
    from copydesk.core import prose, siblings, tables, words

    assert words.count_words is not words._count_words
    assert prose.word_count is words.count_words
    assert siblings.count_words is tables.count_words is words.count_words


CELLS = [
    "7. Mesa, AZ", "7.  Mesa", "7.Mesa", "7) Mesa", "123. Mesa", "1234. Mesa", "7. 5 kg",
    "7.\tMesa", "#7. Mesa", "7. _x", "7. ", "7.", "(7) Mesa", "12. Mai 2026", "7. é",
    "N/A", "n.a.", "NA", "Na", "k.A.", "-", "—", "--", "A1", "1", "  12  ", "$1,099.00",
    "+3", "~4", "<5", "#6", "(7)", "(x) 8", "12 miles", "3 (tie)", "1 2 3 4", "a b c d e f.",
    "a b c d e f g", "Week", "Rest", "a b c d e f g h i j k l m", "x" * 201, " ", "\t12\x1c",
    # long cells of figures (`tables._figured`): one word in seven with a digit, at most 20
    "a 1 c d e f g h i j k l 2", "a 1 c d e f g h i j k l m", "1 b c d e f g h i j k l m n 2",
    "a 1 c d e f g h i j k l m 2", "a 1 c d e f g h i j k 2 m n",
    "a b c d e f g h i j k l m n o p 1 r s 2", "a b 3 d e f g h i j k l m n o p 1 r s 2",
    "a b 3 d e f g h i j k l m n o p 1 r s 2 u", "x1 b c d e f g h i j k l m 2x.",
    "15 min easy + 4 x 5 min hard + 15 min easy", " 1  2 3 4\t5 6 7 8 9 10 11 12 13 ",
    "1 b 2 d e f g h i j k l 3", "1 b 2 d e f g h i j k 3 m 4",
    "a1 b c d e 2 g h i j 3k l m n o p 4 r s",
    "a1 b c d e 2 g h i j 3k l m n o p 4 r s t", "a1 b c d e 2 g h i j 3k l m n o p 4 r s 5",
    "Storage: 2 TB", "Pros: quiet and light", "  : x", ": x", " :x", "a:", "a: ", "a.b: c",
    "one two three four five six: x", "one two three four five six seven: x",
    "x" * 60 + ": y", "x" * 61 + ": y", " " + "x" * 60 + ": y", "- item", "  * item",
    "3. item", "12) item", "1234. item", "(12) item", "(1234) item", "(1)x", "12", "1.",
    "1. ", "...", "  ", "Contents", "In this article", "1.2.3) Heading three",
    "1..2 Heading", "1.2345 Heading", "12345 Heading", "- Heading", "* Heading", "x: Heading",
    "A sentence of eight words that ends here.", "A sentence of eight words that ends here",
    "Eight words and a closing bracket here (really)", "Title.", "Title!", "Title?",
    "Go: Home", "Section 2: The Method", "__init__ of_the module",
    # rows of a list of figures (`siblings._figure_row`) and lines that are none
    "Isamaa 18,2%", "Genmab +1,5 %", "MDAX 26.811,2 Punkte (-0,2 %)", "DAX 18.204,5 (+0,4 %)]",
    "a b c d e 5%", "a b c d e f 5%", "a b c d e f g 5%", "12 34%", "50%", " x 5 % ) ",
    "Growth 5%.", "Up 5 percent", "x5%", "5x 5%", "(x) 5%", "x %", "x 5%%", "The Best Gyms of 2024",
    # lettered clauses (`siblings._MARKED`'s "a) ", "(b) ") and lines that are none
    "a) a clause", "(b) a clause", "z) x", "  c)\tx", "a)x", "(a)x", "ab) x", "A) Paris", "(A) x",
    "a. x", "(a x", "a) ", "a)", "(a)", "é) x", "(é) x", "a]) x",
]


@needs_c
def test_the_c_cell_shapes_item_forms_and_contents_facts_are_the_python_ones():
    from copydesk.core import contents, siblings, tables

    texts = [*CELLS, *LINES]
    readable = [t for t in texts if _readable(t)]
    assert _linefacts.shapes(readable) == [tables.shape(t) for t in readable]
    assert _linefacts.forms(readable) == [siblings.form(t) for t in readable]
    keys, prose, titles = _linefacts.contents_lines(readable)
    assert list(zip(keys, prose, titles, strict=True)) == [
        contents._line(t) for t in readable
    ]
    assert all(type(v) is bool for v in prose + titles)
    others = OTHER_SCRIPTS
    assert _linefacts.shapes(others) == _linefacts.forms(others) == [-1] * len(others)
    assert _linefacts.contents_lines(others)[0] == [None] * len(others)
    with pytest.raises(TypeError):
        _linefacts.shapes(["a", 1])


def test_shapes_forms_and_contents_lines_are_the_same_with_and_without_the_c_facts(
    monkeypatch,
):
    from copydesk.core import contents, siblings, tables

    texts = [*CELLS, *NOT_ASCII, *LINES[:600], "Contents", "- Intro", "- Method", "- Intro"]
    with_c = (tables.shapes(texts), siblings.forms(texts), contents.lines_of(texts))
    for module in (tables, siblings, contents):
        monkeypatch.setattr(module, "_linefacts", None)
    without = (tables.shapes(texts), siblings.forms(texts), contents.lines_of(texts))
    assert with_c == without
    assert with_c[0] == [tables.shape(t) for t in texts]
    assert with_c[1] == [siblings.form(t) for t in texts]
    assert with_c[2] is not None
    assert contents.lines_of([]) is None


@needs_c
def test_stopwords_are_read_alike_from_any_set_and_many_lists():
    """The C functions read a frozenset of stopwords through a table of their own (a few
    kept at once) and any other set by asking it: the same answers either way, for more
    lists than the tables kept, and for words beyond the alphabet in the list."""
    lines = [t for t in LINES[:1500] if _readable(t)] + LATIN
    lists = [frozenset(), frozenset(["x"]), STOPWORDS, frozenset(["été", "über", "straße"])]
    lists += [frozenset(string.ascii_lowercase[k:k + 3]) | {"the", "東京"} for k in range(10)]
    for words in [*lists, *lists]:
        for text in lines:
            want = features._own(text, words), features._content_words(text, words)
            for given in (words, set(words)):  # (the Python twins take frozensets only)
                got = _linefacts.own(text, given), _linefacts.content_words(text, given)
                assert got == want, (text, words)


def test_word_ids_are_the_same_with_and_without_the_c_facts(monkeypatch):
    """`repeats.word_ids` of a file mixing lines of the alphabet and others (whose words the
    C path takes from Python): the same numbers, counts and keys both ways, numbered in
    order of first use, and equal keys exactly for lines of equal words."""
    texts = [*LINES[:300], *NOT_ASCII, *OTHER_SCRIPTS, "Café CAFÉ café", *LINES[:40]]
    ids, sizes, keys = repeats.word_ids(texts)
    monkeypatch.setattr(repeats, "_linefacts", None)
    py_ids, py_sizes, py_keys = repeats.word_ids(texts)
    assert ids.tobytes() == py_ids.tobytes() and sizes.tobytes() == py_sizes.tobytes()
    assert keys == py_keys
    words = [repeats._WORD.findall(t.lower()) for t in texts]
    assert sizes.tolist() == [len(w) for w in words]
    numbers: dict[str, int] = {}
    expected = [numbers.setdefault(w, len(numbers)) for line in words for w in line]
    assert ids.tolist() == expected
    for a in range(len(texts)):
        assert (keys[a] is None) == (len(words[a]) < repeats.REPEAT_FLOOR)
        for b in range(a):
            if keys[a] is not None and keys[b] is not None:
                assert (keys[a] == keys[b]) == (words[a] == words[b])


@needs_c
def test_word_ids_in_c_refuse_what_is_not_a_str():
    with pytest.raises(TypeError):
        _linefacts.word_ids([b"bytes"], repeats._python_words, 4)
    with pytest.raises(TypeError):
        _linefacts.word_ids(["ж ж"], lambda text: [1, 2], 4)
    assert _linefacts.word_ids([], repeats._python_words, 4) == (b"", b"", [])


@needs_c
def test_packed_rows_are_the_floats_numpy_reads_of_the_tuples():
    # `row_features` reads the rows' numbers as the bytes `rows` packs: floats of the C
    # facts, bools and ints of the Python ones (`features._own`, for lines outside the
    # alphabet), each as float64 would hold it, and remembered so.
    import itertools

    import numpy as np

    rng = random.Random(4)
    texts = [f"{OTHER_SCRIPTS[k % len(OTHER_SCRIPTS)]} {k}" for k in range(200)]
    rows = {
        text: tuple(
            rng.choice([rng.random() * 1e6, rng.randint(0, 9), rng.random() < 0.5, -0.0, 1e-300])
            for _ in range(15)
        )
        for text in texts
    }
    cache: dict = {}
    packed, _ = _linefacts.rows(
        texts, STOPWORDS, cache, {}, lambda text, _: rows[text], features._content_words
    )
    flat = np.fromiter(itertools.chain.from_iterable(rows.values()), np.float64, 200 * 15)
    assert packed == flat.tobytes()
    assert b"".join(cache[text] for text in texts) == packed  # remembered as packed
    again, _ = _linefacts.rows(texts, STOPWORDS, cache, {}, None, features._content_words)
    assert again == packed  # looked up: the Python facts are not asked again
    assert _linefacts.rows([], STOPWORDS, {}, {}, None, None) == (b"", [])
    for bad in [(1.0,) * 14, (1.0,) * 14 + ("x",), [1.0] * 15]:
        with pytest.raises(TypeError):
            _linefacts.rows(texts[:1], STOPWORDS, {}, {}, lambda text, _, b=bad: b, None)
    with pytest.raises(TypeError):  # a cache of rows not packed (the Python path's tuples)
        _linefacts.rows(texts[:1], STOPWORDS, {texts[0]: rows[texts[0]]}, {}, None, None)


@needs_c
def test_words_are_numbered_in_c_in_order_of_first_use_as_a_dict_numbers_them():
    """`_linefacts.number_words` numbers each word of each line by its first use, telling
    words apart by their characters (not their objects) in every kind of str: equal words
    made apart, words that differ only in their kind's width, the empty word, tuples and
    lists, a file of no line and lines of no word; what is not a str is refused."""
    import itertools

    import numpy as np

    rng = random.Random(8)
    # "a\x01" and "\u0161" hold the same bytes in str of two kinds.
    pieces = ["a", "ab", "é", "\u0101", "\U0001f600", "東", "", "x" * 40, "ÿ", "\u00ff\u0100",
              "\x01", "\u0161"]
    files = []
    for _ in range(400):
        lines = []
        for _ in range(rng.randint(0, 12)):
            words = [
                "".join(rng.choice(pieces) for _ in range(rng.randint(0, 3)))
                for _ in range(rng.randint(0, 15))
            ]
            # Equal words as distinct objects, as lines' tuples hold them.
            words = ["".join(list(w)) for w in words]
            lines.append(tuple(words) if rng.random() < 0.5 else words)
        files.append(lines)
    files += [[], [()], [(), ("a",), []]]
    for lines in files:
        numbers: dict[str, int] = {}
        want = [numbers.setdefault(w, len(numbers)) for w in itertools.chain.from_iterable(lines)]
        got = np.frombuffer(_linefacts.number_words(lines), dtype=np.int64).tolist()
        assert got == want, lines
    with pytest.raises(TypeError):
        _linefacts.number_words([("a", 3)])
    with pytest.raises(TypeError):
        _linefacts.number_words([3])


@needs_c
def test_content_words_are_made_once_and_stay_the_python_ones_past_the_table():
    """A content word met again is the str made the first time (`content_word`'s table),
    and the words stay those of `features._content_words` while the table fills, empties
    and fills again (more distinct words than it holds, each met twice)."""
    import itertools

    first = _linefacts.content_words("Harbour councils approve harbour plans", STOPWORDS)
    again = _linefacts.content_words("The plans for the HARBOUR", STOPWORDS)
    assert first[first.index("harbour")] is again[again.index("harbour")]
    rng = random.Random(15)
    words = ["".join(w) for w in itertools.product("abcdefghijé", repeat=5)][:90000]
    rng.shuffle(words)
    for k in range(0, 2 * len(words), 30):
        picked = [words[(k + j) % len(words)] for j in range(30)]
        text = " ".join(w.capitalize() if j % 3 == 0 else w for j, w in enumerate(picked))
        assert _linefacts.content_words(text, STOPWORDS) == features._content_words(
            text, STOPWORDS
        ), text
