/* Facts of a line's text alone, in C, for the lines written in a known alphabet.
 *
 * The classifier reads every line of a file several ways before its passes start: the line
 * model's own columns (`features._own`), the line's content words (`features._content_words`),
 * its words as duplicate resolution compares them (`repeats.words_of`), its word count
 * (`words.count_words`), its shape as a table cell (`tables.shape`), as a list item
 * (`siblings.form`) and as an item of a table of contents (`contents._line`). In Python each
 * is a handful of regex scans, translations and splits per line; here each is a loop or two
 * over the line's characters.
 *
 * Exact by construction: a function reads a line only when every character of it is in the
 * alphabet below (ASCII, the letters of Latin-1, the no-break space, and the punctuation and
 * symbols scraped English and Western European text is full of: curly quotes, dashes, the
 * ellipsis, bullets, currency signs). For each of those characters what Python's
 * `str.split`, `str.lower`, `str.isupper`, `str.isalnum`, `\s`, `\d`, `\w`, `[^\W\d_]` and
 * every character class of the Python twins say is a fixed set of flags (`init_alphabet`);
 * for any other line a function returns None (or -1) and the caller takes the Python path.
 * tests/test_linefacts.py holds each function to its Python twin on many lines, and each
 * character's flags to what Python says of it. Optional, like _treewalk.c: without a
 * compiler every line takes the Python path.
 *
 * A line is read into one byte per character (`read_line`): ASCII and Latin-1 characters
 * as themselves, the punctuation above U+00FF into the C1 control range (0x80-0x9f), which
 * is not in the alphabet itself. Tokens are made of letters, digits and underscores only,
 * all at or below U+00FF, so a token's bytes are its characters.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

typedef unsigned char u8;

/* Character classes, as Python reads them in a str. */
#define C_SPACE (1u << 0) /* str.split(), str.strip(), re's \s */
#define C_DIGIT (1u << 1) /* \d, str.isdigit() */
#define C_UPPER (1u << 2) /* cased, upper: A-Z, À-Þ but × */
#define C_LOWER (1u << 3) /* cased, lower: a-z, ß-ÿ but ÷ */
#define C_WORD (1u << 4) /* \w: letters, digits, underscore */
#define C_NUMBER_LINE (1u << 5) /* features._NUMBER_LINE's class */
#define C_CLOSER (1u << 6) /* features._CLOSERS_SPACE: closing quotes and brackets, space */
#define C_TERMINAL (1u << 7) /* features._TERMINAL, tables._SENTENCE_END: . ! ? … */
#define C_OTHER_END (1u << 8) /* features._OTHER_END: , ; | / - – — · • > › » + & */
#define C_CAP_BEFORE (1u << 9) /* what features._CAPITAL takes before a capital */
#define C_SEPARATOR (1u << 10) /* features._SEPARATORS' single characters: | • · › » / */
#define C_BULLET (1u << 11) /* features._BULLET's and siblings._MARKED's list marks */
#define C_MARKER (1u << 12) /* contents._MARKER's list marks */
#define C_PROSE_END (1u << 13) /* prose.TERMINAL */
#define C_FIGURE_BEFORE (1u << 14) /* tables._FIGURE: what may stand before a figure's digit */
#define C_GAP_MARK (1u << 15) /* tables._placeholder: / . - – — */
#define C_KNOWN (1u << 16) /* in the alphabet */
#define C_LETTER (C_UPPER | C_LOWER) /* [^\W\d_] */

static uint32_t cls[256];
/* 1 for the bytes of spaces (C_SPACE), 0 for the others: a word starts at each non-space
 * after a space, counted without a branch (most lines are long paragraphs, read whole). */
static u8 space_byte[256];
/* The bytes of spaces told by arithmetic alone (\t-\r, \x1c-" ", the no-break space), which
 * the compiler turns into vector code; used only where it agrees with `space_byte` on all
 * 256 bytes (`init_alphabet` checks: `spaces_by_sum`). */
#define SPACE_SUM(c) (((u8)((c) - 9) < 5) | ((u8)((c) - 28) < 5) | ((c) == 0xa0))
static int spaces_by_sum;
static int16_t code_below_256[256]; /* a character up to U+00FF -> its byte (-1: unknown) */
static int16_t code_ucs2[65536]; /* `byte_of` each character up to U+FFFF, looked up */
#define HIGH_FIRST 0x2000
#define HIGH_LAST 0x27ff
static u8 code_high[HIGH_LAST - HIGH_FIRST + 1]; /* U+2000-U+27FF -> its byte (0: unknown) */

/* Punctuation and symbols above U+00FF, given bytes 0x80, 0x81, ... in this order. */
static const Py_UCS4 high_chars[] = {
    0x2019, 0x2018, 0x201C, 0x201D, /* ’ ‘ “ ” */
    0x2013, 0x2014, 0x2026, 0x2022, /* – — … • */
    0x203A, 0x2039, 0x20AC, 0x2122, /* › ‹ € ™ */
    0x2011, 0x2192, 0x2605, 0x25AA, /* ‑ → ★ ▪ */
    0x25A0, 0x25BA, 0x25B8, 0x2023, /* ■ ► ▸ ‣ */
    0x2043, 0x2212, 0x2248, 0x2264, /* ⁃ − ≈ ≤ */
    0x2265, 0x20B9, 0x2020, 0x2021, /* ≥ ₹ † ‡ */
    0x2032, 0x2033,                 /* ′ ″ */
};
#define HIGH_CHARS ((int)(sizeof(high_chars) / sizeof(high_chars[0])))
/* Latin-1 punctuation and symbols in the alphabet (its letters À-ÿ but × ÷ are too). */
static const char latin1_others[] = "\xa0\xa1\xa2\xa3\xa5\xa6\xa7\xa8\xa9\xab\xac\xae\xaf\xb0"
                                    "\xb1\xb4\xb6\xb7\xb8\xbb\xbf\xd7\xf7";

/* The byte of character `ch` (0 if it is not in the alphabet or is NUL... NUL is ASCII). */
static int
byte_of(Py_UCS4 ch)
{
    if (ch < 256)
        return code_below_256[ch];
    if (ch >= HIGH_FIRST && ch <= HIGH_LAST && code_high[ch - HIGH_FIRST])
        return code_high[ch - HIGH_FIRST];
    return -1;
}

static void
mark(Py_UCS4 ch, uint32_t flags)
{
    int b = byte_of(ch);
    if (b >= 0)
        cls[b] |= flags;
}

static void
mark_all(const Py_UCS4 *chars, uint32_t flags)
{
    for (; *chars; chars++)
        mark(*chars, flags);
}

static void
init_alphabet(void)
{
    for (int c = 0; c < 256; c++)
        code_below_256[c] = c < 128 ? c : -1;
    for (const char *c = latin1_others; *c; c++)
        code_below_256[(u8)*c] = (u8)*c;
    for (int c = 0xc0; c < 0x100; c++)
        if (c != 0xd7 && c != 0xf7)
            code_below_256[c] = c;
    for (int k = 0; k < HIGH_CHARS; k++)
        code_high[high_chars[k] - HIGH_FIRST] = (u8)(0x80 + k);
    for (int c = 0; c < 256; c++)
        if (code_below_256[c] >= 0)
            cls[c] |= C_KNOWN;
    for (int k = 0; k < HIGH_CHARS; k++)
        cls[0x80 + k] |= C_KNOWN;

    for (int c = 0; c < 256; c++) {
        if (!(cls[c] & C_KNOWN) || (c >= 0x80 && c < 0xa0))
            continue; /* the bytes of characters above U+00FF: flagged below */
        if ((c >= 9 && c <= 13) || (c >= 28 && c <= 32) || c == 0xa0)
            cls[c] |= C_SPACE;
        if (c >= '0' && c <= '9')
            cls[c] |= C_DIGIT | C_WORD;
        if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde))
            cls[c] |= C_UPPER | C_WORD;
        if ((c >= 'a' && c <= 'z') || c >= 0xdf)
            cls[c] |= C_LOWER | C_WORD;
        if (c == '_')
            cls[c] |= C_WORD;
    }
    cls[0xd7] &= ~(C_UPPER | C_WORD); /* × and ÷ are symbols */
    cls[0xf7] &= ~(C_LOWER | C_WORD);
    for (int c = 0; c < 256; c++) {
        if (cls[c] & (C_SPACE | C_DIGIT))
            cls[c] |= C_NUMBER_LINE | (cls[c] & C_SPACE ? C_CAP_BEFORE | C_FIGURE_BEFORE : 0);
    }
    static const Py_UCS4 number_line[] = {'.', ',', ':', '/', '%', '+', '-', 0x2013, '(', ')',
                                          '#', '$', 0x20ac, 0xa3, 0xa5, 'k', 'K', 'm', 'M', 0};
    static const Py_UCS4 closers[] = {'"', '\'', 0x201d, 0x2019, 0xbb, ')', ']', '*', ' ', 0};
    static const Py_UCS4 terminal[] = {'.', '!', '?', 0x2026, 0};
    static const Py_UCS4 other_end[] = {',', ';', '|', '/', '-', 0x2013, 0x2014, 0xb7, 0x2022,
                                        '>', 0x203a, 0xbb, '+', '&', 0};
    static const Py_UCS4 cap_before[] = {'(', '"', '\'', 0x201c, 0x2018, 0xab, 0};
    static const Py_UCS4 separator[] = {'|', 0x2022, 0xb7, 0x203a, 0xbb, '/', 0};
    static const Py_UCS4 bullet[] = {'-', '*', 0x2022, 0xb7, 0x25aa, 0x25a0, 0x25ba, 0x25b8,
                                     0x2023, 0x2043, 0x2013, 0x2014, 0};
    static const Py_UCS4 marker[] = {'-', 0x2022, '*', 0xb7, 0x25aa, 0x2013, 0x2014, 0};
    static const Py_UCS4 prose_end[] = {'.', '!', '?', 0x2026, '"', 0x201d, 0x2019, '\'', ')',
                                        0xbb, ';', 0};
    static const Py_UCS4 figure_before[] = {'$', 0x20ac, 0xa3, 0xa5, 0x20b9, '+', '-', 0x2013,
                                            0x2212, '~', 0x2248, '<', '>', 0x2264, 0x2265,
                                            '#', '(', 0};
    static const Py_UCS4 gap_mark[] = {'/', '.', '-', 0x2013, 0x2014, 0};
    mark_all(number_line, C_NUMBER_LINE);
    mark_all(closers, C_CLOSER);
    mark_all(terminal, C_TERMINAL);
    mark_all(other_end, C_OTHER_END);
    mark_all(cap_before, C_CAP_BEFORE);
    mark_all(separator, C_SEPARATOR);
    mark_all(bullet, C_BULLET);
    mark_all(marker, C_MARKER);
    mark_all(prose_end, C_PROSE_END);
    mark_all(figure_before, C_FIGURE_BEFORE);
    mark_all(gap_mark, C_GAP_MARK);
    for (int ch = 0; ch < 65536; ch++)
        code_ucs2[ch] = (int16_t)byte_of((Py_UCS4)ch);
    spaces_by_sum = 1;
    for (int c = 0; c < 256; c++) {
        space_byte[c] = (cls[c] & C_SPACE) != 0;
        spaces_by_sum &= space_byte[c] == SPACE_SUM(c);
    }
}

#define IS(c, f) (cls[(u8)(c)] & (f))

static inline u8
LOWER(u8 c)
{
    return IS(c, C_UPPER) ? (u8)(c + 32) : c; /* A-Z and À-Þ (but ×): 32 below */
}

/* A line read into one byte per character (see the top). `s[n]` is 0, as in a str's data. */
#define SMALL_LINE 512
typedef struct Line_ {
    const u8 *s;
    Py_ssize_t n;
    u8 *heap;
    u8 small[SMALL_LINE + 1];
} Line;

/* 1: `line` holds the text; 0: a character is not in the alphabet; -1: an error (not a
 * str, or no memory). Release with `line_done`. */
static int
read_line(PyObject *text, Line *line)
{
    line->heap = NULL;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "expected a str");
        return -1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    line->n = n;
    if (PyUnicode_IS_ASCII(text)) {
        line->s = (const u8 *)PyUnicode_DATA(text);
        return 1;
    }
    int kind = PyUnicode_KIND(text);
    if (kind == PyUnicode_4BYTE_KIND)
        return 0;
    u8 *out = line->small;
    if (n > SMALL_LINE) {
        out = line->heap = PyMem_Malloc(n + 1);
        if (out == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    const void *data = PyUnicode_DATA(text);
    /* Each character's byte by one look-up and no branch; a character outside the alphabet
     * (-1) leaves the sign bit in `outside`, asked once at the end. */
    int outside = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = data;
        for (Py_ssize_t i = 0; i < n; i++) {
            int b = code_below_256[d[i]];
            outside |= b;
            out[i] = (u8)b;
        }
    }
    else {
        const Py_UCS2 *d = data;
        for (Py_ssize_t i = 0; i < n; i++) {
            int b = code_ucs2[d[i]];
            outside |= b;
            out[i] = (u8)b;
        }
    }
    if (outside < 0)
        goto unknown;
    out[n] = 0;
    line->s = out;
    return 1;
unknown:
    PyMem_Free(line->heap);
    line->heap = NULL;
    return 0;
}

static void
line_done(Line *line)
{
    PyMem_Free(line->heap);
    line->heap = NULL;
}

/* A str of the letters, digits and underscores s[0:len], lower-cased. */
static PyObject *
lowered(const u8 *s, Py_ssize_t len)
{
    u8 small[SMALL_LINE] = {0};
    u8 *buf = len <= SMALL_LINE ? small : PyMem_Malloc(len);
    if (buf == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t k = 0; k < len; k++)
        buf[k] = LOWER(s[k]);
    PyObject *out = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, buf, len);
    if (buf != small)
        PyMem_Free(buf);
    return out;
}

/* `len(text.split())`: the non-spaces that follow a space or open the line. */
static Py_ssize_t
split_count(const u8 *s, Py_ssize_t n)
{
    if (n == 0)
        return 0;
    Py_ssize_t words = 0;
    if (spaces_by_sum) {
        words = !SPACE_SUM(s[0]);
        for (Py_ssize_t i = 1; i < n; i++)
            words += SPACE_SUM(s[i - 1]) & !SPACE_SUM(s[i]);
        return words;
    }
    unsigned after_space = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned space = space_byte[s[i]];
        words += after_space & (space ^ 1);
        after_space = space;
    }
    return words;
}

/* A stopword list as a hash table of its words' bytes, so that a line's tokens are looked
 * up without making a str of each. Bytes stand for characters one to one (see the top), so
 * two strings are equal exactly when their bytes are; a stopword not in the alphabet is
 * never a token, and is left out. Tables are kept for the last few frozensets asked about
 * (a run reads one or two lists), each holding a reference to its set: a set's identity
 * is its table's key, and a frozenset does not change. */
typedef struct {
    PyObject *set; /* the frozenset (a strong reference), NULL: a free slot */
    Py_ssize_t mask; /* slots - 1 */
    Py_ssize_t *start; /* each slot's word: its start in `pool` (-1: empty) and length */
    Py_ssize_t *length;
    uint64_t *hash;
    u8 *pool;
} Stoplist;

#define STOPLISTS 8
static Stoplist stoplists[STOPLISTS];
static int next_stoplist = 0;

static uint64_t
hash_bytes(const u8 *s, Py_ssize_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (Py_ssize_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

static void
stoplist_free(Stoplist *t)
{
    Py_CLEAR(t->set);
    PyMem_Free(t->start);
    PyMem_Free(t->length);
    PyMem_Free(t->hash);
    PyMem_Free(t->pool);
    t->start = t->length = NULL;
    t->hash = NULL;
    t->pool = NULL;
}

static int
stoplist_has(const Stoplist *t, const u8 *s, Py_ssize_t n)
{
    uint64_t h = hash_bytes(s, n);
    for (Py_ssize_t k = (Py_ssize_t)(h & (uint64_t)t->mask);; k = (k + 1) & t->mask) {
        if (t->start[k] < 0)
            return 0;
        if (t->hash[k] == h && t->length[k] == n && memcmp(t->pool + t->start[k], s, n) == 0)
            return 1;
    }
}

/* The table of `set` (a frozenset of str), built on first use; NULL with an error set. */
static const Stoplist *
stoplist_of(PyObject *set)
{
    for (int k = 0; k < STOPLISTS; k++)
        if (stoplists[k].set == set)
            return &stoplists[k];
    Stoplist *t = &stoplists[next_stoplist];
    next_stoplist = (next_stoplist + 1) % STOPLISTS;
    stoplist_free(t);
    Py_ssize_t words = PySet_GET_SIZE(set), slots = 8;
    while (slots < 2 * words + 2)
        slots *= 2;
    Py_ssize_t pool_size = 0, used = 0;
    PyObject *item, *iter = PyObject_GetIter(set);
    if (iter == NULL)
        return NULL;
    while ((item = PyIter_Next(iter)) != NULL) {
        if (PyUnicode_Check(item))
            pool_size += PyUnicode_GET_LENGTH(item);
        Py_DECREF(item);
    }
    Py_DECREF(iter);
    if (PyErr_Occurred())
        return NULL;
    t->start = PyMem_Malloc(slots * sizeof(Py_ssize_t));
    t->length = PyMem_Malloc(slots * sizeof(Py_ssize_t));
    t->hash = PyMem_Malloc(slots * sizeof(uint64_t));
    t->pool = PyMem_Malloc(pool_size + 1);
    if (t->start == NULL || t->length == NULL || t->hash == NULL || t->pool == NULL) {
        stoplist_free(t);
        PyErr_NoMemory();
        return NULL;
    }
    t->mask = slots - 1;
    for (Py_ssize_t k = 0; k < slots; k++)
        t->start[k] = -1;
    iter = PyObject_GetIter(set);
    if (iter == NULL) {
        stoplist_free(t);
        return NULL;
    }
    while ((item = PyIter_Next(iter)) != NULL) {
        struct Line_ line;
        int read = PyUnicode_Check(item) ? read_line(item, &line) : 0;
        Py_DECREF(item);
        if (read < 0) {
            Py_DECREF(iter);
            stoplist_free(t);
            return NULL;
        }
        if (read == 0 || used + line.n > pool_size) {
            if (read)
                line_done(&line);
            continue;
        }
        if (!stoplist_has(t, line.s, line.n)) {
            uint64_t h = hash_bytes(line.s, line.n);
            Py_ssize_t k = (Py_ssize_t)(h & (uint64_t)t->mask);
            while (t->start[k] >= 0)
                k = (k + 1) & t->mask;
            memcpy(t->pool + used, line.s, line.n);
            t->start[k] = used;
            t->length[k] = line.n;
            t->hash[k] = h;
            used += line.n;
        }
        line_done(&line);
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        stoplist_free(t);
        return NULL;
    }
    Py_INCREF(set);
    t->set = set;
    return t;
}

/* Whether the lower-cased token `low[0:n]` is a stopword: by the table of a frozenset, else
 * (another kind of set) by asking the set. -1 on an error. */
static int
is_stopword(PyObject *stopwords, const Stoplist *table, const u8 *low, Py_ssize_t n)
{
    if (table != NULL)
        return stoplist_has(table, low, n);
    PyObject *token = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, low, n);
    if (token == NULL)
        return -1;
    int found = PySet_Contains(stopwords, token);
    Py_DECREF(token);
    return found;
}

/* The table to read `stopwords` by (NULL: ask the set itself); *error set on a failure. */
static const Stoplist *
table_for(PyObject *stopwords, int *error)
{
    *error = 0;
    if (!PyFrozenSet_CheckExact(stopwords))
        return NULL;
    const Stoplist *t = stoplist_of(stopwords);
    *error = t == NULL;
    return t;
}

/* Reads `text` into `line`, or returns from the calling function: NULL on an error, None for
 * a line not in the alphabet. */
#define READ_OR_RETURN(text, line)                                                          \
    do {                                                                                    \
        int read_ = read_line((text), (line));                                              \
        if (read_ < 0)                                                                      \
            return NULL;                                                                    \
        if (read_ == 0)                                                                     \
            Py_RETURN_NONE;                                                                 \
    } while (0)

#define MAX_CHARS 160 /* features.MAX_CHARS */
#define OWN_VALUES 15

static int
own_values(const u8 *s, Py_ssize_t n, PyObject *stopwords, double *values)
{
    /* What is read of the whole line, in one pass: its words (`split_count`), its commas
     * and semicolons, whether it holds a capital and a small letter, whether every
     * character may stand in a line of figures. */
    Py_ssize_t nw = 0, commas = 0;
    unsigned after_space = 1;
    uint32_t any = 0, every = C_NUMBER_LINE;
    for (Py_ssize_t i = 0; i < n; i++) {
        u8 c = s[i];
        uint32_t f = cls[c];
        unsigned space = space_byte[c];
        nw += after_space & (space ^ 1);
        after_space = space;
        commas += c == ',' || c == ';';
        any |= f;
        every &= f;
    }
    double per_word = nw ? (double)nw : 1.0;
    Py_ssize_t hn = n < MAX_CHARS ? n : MAX_CHARS;

    /* The head's runs of letters (lower-cased) and how many are stopwords. */
    int error;
    const Stoplist *table = table_for(stopwords, &error);
    if (error)
        return -1;
    u8 low[MAX_CHARS];
    for (Py_ssize_t i = 0; i < hn; i++)
        low[i] = LOWER(s[i]);
    Py_ssize_t tokens = 0, stop = 0;
    for (Py_ssize_t i = 0; i < hn;) {
        if (!IS(s[i], C_LETTER)) {
            i++;
            continue;
        }
        Py_ssize_t j = i;
        while (j < hn && IS(s[j], C_LETTER))
            j++;
        tokens++;
        int found = is_stopword(stopwords, table, low + i, j - i);
        if (found < 0)
            return -1;
        stop += found;
        i = j;
    }
    double nt = tokens ? (double)tokens : 1.0;

    /* Capitals starting a word after a space, a bracket or a quote (`_CAPITAL`). */
    Py_ssize_t capitals = 0;
    for (Py_ssize_t i = 1; i < hn; i++)
        capitals += IS(s[i], C_UPPER) && IS(s[i - 1], C_CAP_BEFORE);
    /* Words of the head holding a digit (`_DIGIT_WORD`): runs of non-spaces with a digit. */
    Py_ssize_t digit_words = 0;
    int run_has_digit = 0;
    for (Py_ssize_t i = 0; i < hn; i++) {
        if (IS(s[i], C_SPACE)) {
            digit_words += run_has_digit;
            run_has_digit = 0;
        }
        else if (IS(s[i], C_DIGIT))
            run_has_digit = 1;
    }
    digit_words += run_has_digit;
    /* `_separators(head)`: single characters, and " - " as str.count counts it (no overlaps). */
    Py_ssize_t separators = 0;
    for (Py_ssize_t i = 0; i < hn; i++) {
        if (IS(s[i], C_SEPARATOR))
            separators++;
        else if (s[i] == ' ' && i + 2 < hn && s[i + 1] == '-' && s[i + 2] == ' ') {
            separators++;
            i += 2;
        }
    }

    /* The last character before closing quotes, brackets and spaces (`_CLOSERS_SPACE`). */
    Py_ssize_t end = n;
    while (end > 0 && IS(s[end - 1], C_CLOSER))
        end--;
    int has_last = end > 0;
    u8 last = has_last ? s[end - 1] : 0;

    int upper = (any & C_UPPER) != 0, lower = (any & C_LOWER) != 0;
    int number_line = n > 0 && (every & C_NUMBER_LINE) != 0;

    /* `_BULLET.match(text)`: a list mark, a number (1 to 3 digits) and . or ), a letter a-z
     * and . or ), or a number in brackets; then a space. `s[n]` is 0, which no test takes. */
    int bullet = 0;
    if (IS(s[0], C_BULLET) && IS(s[1], C_SPACE))
        bullet = 1;
    else if (s[0] >= 'a' && s[0] <= 'z' && (s[1] == '.' || s[1] == ')') && IS(s[2], C_SPACE))
        bullet = 1;
    else if (n > 0) {
        Py_ssize_t at = s[0] == '(' ? 1 : 0, d = at;
        while (d < n && IS(s[d], C_DIGIT))
            d++;
        if (d - at >= 1 && d - at <= 3 && d + 1 < n && IS(s[d + 1], C_SPACE))
            bullet = at ? s[d] == ')' : (s[d] == '.' || s[d] == ')');
    }

    /* `_has_url(head)`: https?://, www., or an @ between two non-spaces. */
    int url = 0;
    for (Py_ssize_t i = 0; i < hn && !url; i++) {
        u8 c = s[i];
        if (c == 'h' && i + 7 <= hn && memcmp(s + i, "http", 4) == 0)
            url = memcmp(s + i + 4, "://", 3) == 0
                  || (i + 8 <= hn && memcmp(s + i + 4, "s://", 4) == 0);
        else if (c == 'w' && i + 4 <= hn && memcmp(s + i, "www.", 4) == 0)
            url = 1;
        else if (c == '@' && i > 0 && i + 1 < hn)
            url = !IS(s[i - 1], C_SPACE) && !IS(s[i + 1], C_SPACE);
    }
    Py_ssize_t capped = nw < MAX_CHARS ? nw : MAX_CHARS;

    values[0] = log1p((double)nw);
    values[1] = (double)n / per_word;
    values[2] = has_last && IS(last, C_TERMINAL);
    values[3] = has_last && last == ':';
    values[4] = has_last && IS(last, C_OTHER_END);
    values[5] = (double)stop / nt;
    values[6] = (double)capitals / nt;
    values[7] = n > 3 && upper > 0 && lower == 0;
    values[8] = (double)digit_words / (capped ? (double)capped : 1.0);
    values[9] = number_line;
    values[10] = (double)commas / per_word;
    values[11] = (double)separators / per_word;
    values[12] = bullet;
    values[13] = url;
    values[14] = (has_last && last == '?') + 2 * (n > 0 && IS(s[0], C_LOWER) != 0);
    return 0;
}

static PyObject *own_tuple(const u8 *s, Py_ssize_t n, PyObject *stopwords);

/* `features._own(text, stopwords)`: the first 14 line features and the packed flags. */
static PyObject *
own(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "own(text, stopwords)");
        return NULL;
    }
    Line line;
    READ_OR_RETURN(args[0], &line);
    PyObject *out = own_tuple(line.s, line.n, args[1]);
    line_done(&line);
    return out;
}

#define COHESION_CHARS 600 /* features.COHESION_CHARS */
#define MIN_CONTENT_LETTERS 3 /* features.MIN_CONTENT_LETTERS */

typedef struct {
    const u8 *s;
    Py_ssize_t n;
} Span;

/* Python's order of two strings of characters up to U+00FF, given as their bytes: compared
 * one by one, inline (words are short: a call to memcmp, and qsort's call per comparison,
 * were most of the sorting). */
static inline int
span_less(const Span *x, const Span *y)
{
    Py_ssize_t m = x->n < y->n ? x->n : y->n;
    for (Py_ssize_t i = 0; i < m; i++)
        if (x->s[i] != y->s[i])
            return x->s[i] < y->s[i];
    return x->n < y->n;
}

/* Sorts `a` (n spans) by `span_less`, with room for n more in `tmp`: insertion sort of runs
 * of 8, then merges of runs side by side. Equal spans hold equal words, so the order
 * among them does not matter. */
static void
span_sort(Span *a, Span *tmp, Py_ssize_t n)
{
    for (Py_ssize_t lo = 0; lo < n; lo += 8) {
        Py_ssize_t hi = lo + 8 < n ? lo + 8 : n;
        for (Py_ssize_t i = lo + 1; i < hi; i++) {
            Span v = a[i];
            Py_ssize_t j = i;
            while (j > lo && span_less(&v, &a[j - 1])) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
    }
    Span *from = a, *to = tmp;
    for (Py_ssize_t width = 8; width < n; width *= 2) {
        for (Py_ssize_t lo = 0; lo < n; lo += 2 * width) {
            Py_ssize_t mid = lo + width < n ? lo + width : n;
            Py_ssize_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            Py_ssize_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                to[k++] = span_less(&from[j], &from[i]) ? from[j++] : from[i++];
            while (i < mid)
                to[k++] = from[i++];
            while (j < hi)
                to[k++] = from[j++];
        }
        Span *t = from;
        from = to;
        to = t;
    }
    if (from != a)
        memcpy(a, from, n * sizeof *a);
}

/* Content words made once: the same words come back in line after line of a run (most of a
 * language's vocabulary is met in its first few thousand lines), and making a str of each
 * word of each new line, then freeing it, was a fifth of `content_tuple`. The table holds
 * the words made last (a reference each), at most INTERNED_WORDS; when full it is emptied
 * and fills again. The words are equal either way: only their objects are shared. */
#define INTERNED_WORDS (1 << 15)
static struct {
    PyObject **word; /* 2 * INTERNED_WORDS slots, NULL: empty */
    uint64_t *hash;
    Py_ssize_t count;
} interned;

static void
interned_clear(void)
{
    for (Py_ssize_t k = 0; k < 2 * INTERNED_WORDS; k++)
        Py_CLEAR(interned.word[k]);
    interned.count = 0;
}

/* The str of the lower-case word s[0:n] (characters up to U+00FF, one byte each). */
static PyObject *
content_word(const u8 *s, Py_ssize_t n)
{
    const Py_ssize_t mask = 2 * INTERNED_WORDS - 1;
    if (interned.word == NULL) {
        interned.word = PyMem_Calloc(mask + 1, sizeof *interned.word);
        interned.hash = PyMem_Malloc((mask + 1) * sizeof *interned.hash);
        if (interned.word == NULL || interned.hash == NULL) {
            PyMem_Free(interned.word);
            PyMem_Free(interned.hash);
            interned.word = NULL;
            interned.hash = NULL;
            return PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, s, n);
        }
    }
    uint64_t h = 1469598103934665603ull;
    for (Py_ssize_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    Py_ssize_t k = (Py_ssize_t)(h & (uint64_t)mask);
    for (; interned.word[k] != NULL; k = (k + 1) & mask) {
        PyObject *word = interned.word[k];
        if (interned.hash[k] == h && PyUnicode_GET_LENGTH(word) == n
            && memcmp(PyUnicode_DATA(word), s, n) == 0)
            return Py_NewRef(word);
    }
    PyObject *word = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, s, n);
    if (word == NULL)
        return NULL;
    if (interned.count >= INTERNED_WORDS) {
        interned_clear();
        k = (Py_ssize_t)(h & (uint64_t)mask);
    }
    interned.word[k] = Py_NewRef(word);
    interned.hash[k] = h;
    interned.count++;
    return word;
}

/* `features._content_words(text, stopwords)`: the distinct runs of three letters or more
 * of the head, lower-cased, less the stopwords, sorted (as Python sorts str), a tuple. */
static PyObject *
content_tuple(const u8 *s, Py_ssize_t n, PyObject *stopwords)
{
    int error;
    const Stoplist *table = table_for(stopwords, &error);
    if (error)
        return NULL;
    Py_ssize_t hn = n < COHESION_CHARS ? n : COHESION_CHARS;
    u8 low[COHESION_CHARS];
    Span spans[COHESION_CHARS / (MIN_CONTENT_LETTERS + 1) + 1];
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < hn; i++)
        low[i] = LOWER(s[i]);
    for (Py_ssize_t i = 0; i < hn;) {
        if (!IS(s[i], C_LETTER)) {
            i++;
            continue;
        }
        Py_ssize_t j = i;
        while (j < hn && IS(s[j], C_LETTER))
            j++;
        if (j - i >= MIN_CONTENT_LETTERS) {
            int stop = is_stopword(stopwords, table, low + i, j - i);
            if (stop < 0)
                return NULL;
            if (!stop) {
                spans[count].s = low + i;
                spans[count].n = j - i;
                count++;
            }
        }
        i = j;
    }
    Span scratch[COHESION_CHARS / (MIN_CONTENT_LETTERS + 1) + 1];
    span_sort(spans, scratch, count);
    Py_ssize_t distinct = 0;
    for (Py_ssize_t k = 0; k < count; k++)
        if (k == 0 || span_less(&spans[k - 1], &spans[k]))
            spans[distinct++] = spans[k];
    PyObject *out = PyTuple_New(distinct);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < distinct; k++) {
        PyObject *word = content_word(spans[k].s, spans[k].n);
        if (word == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, k, word);
    }
    return out;
}

static PyObject *
content_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "content_words(text, stopwords)");
        return NULL;
    }
    Line line;
    READ_OR_RETURN(args[0], &line);
    PyObject *out = content_tuple(line.s, line.n, args[1]);
    line_done(&line);
    return out;
}

/* A list (or tuple) of str, or NULL with a TypeError. */
static PyObject *
str_list(PyObject *texts, const char *name)
{
    PyObject *seq = PySequence_Fast(texts, name);
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyUnicode_Check(items[i])) {
            PyErr_Format(PyExc_TypeError, "%s: expected a list of str", name);
            Py_DECREF(seq);
            return NULL;
        }
    }
    return seq;
}

/* One line's fact, remembered in `cache` (a dict by text): looked up, else computed by `fact`
 * in C, else (a line not in the alphabet) by the Python twin `twin(text, stopwords)`, whose
 * answer `convert` (if given) makes the C form of the fact. */
static PyObject *
remembered(PyObject *cache, PyObject *text, PyObject *stopwords, PyObject *twin,
           PyObject *(*fact)(const u8 *, Py_ssize_t, PyObject *),
           PyObject *(*convert)(PyObject *))
{
    PyObject *value = PyDict_GetItemWithError(cache, text);
    if (value != NULL)
        return Py_NewRef(value);
    if (PyErr_Occurred())
        return NULL;
    Line line;
    int read = read_line(text, &line);
    if (read < 0)
        return NULL;
    if (read) {
        value = fact(line.s, line.n, stopwords);
        line_done(&line);
    }
    else {
        value = PyObject_CallFunctionObjArgs(twin, text, stopwords, NULL);
        if (value != NULL && convert != NULL)
            value = convert(value); /* (steals the twin's answer) */
    }
    if (value == NULL || PyDict_SetItem(cache, text, value) < 0) {
        Py_XDECREF(value);
        return NULL;
    }
    return value;
}

static PyObject *
own_tuple(const u8 *s, Py_ssize_t n, PyObject *stopwords)
{
    double values[OWN_VALUES];
    if (own_values(s, n, stopwords, values))
        return NULL;
    PyObject *out = PyTuple_New(OWN_VALUES);
    if (out == NULL)
        return NULL;
    for (int k = 0; k < OWN_VALUES; k++) {
        PyObject *v = PyFloat_FromDouble(values[k]);
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, k, v);
    }
    return out;
}

/* A line's `own_values` as the bytes of its float64 numbers: what `rows` remembers. One
 * object of 120 bytes, not a tuple of 15 floats (16 objects, some 540 bytes, the tuple
 * tracked by the garbage collector): a run remembers 100,000 lines, and reading the cache
 * of a file's rows walked memory that large. */
static PyObject *
own_packed(const u8 *s, Py_ssize_t n, PyObject *stopwords)
{
    double values[OWN_VALUES];
    if (own_values(s, n, stopwords, values))
        return NULL;
    return PyBytes_FromStringAndSize((const char *)values, sizeof values);
}

/* `features._own`'s tuple (floats, or the bools and ints it holds) as `own_packed` bytes:
 * each number as float() makes it, as numpy reads the tuple. Steals `row`'s reference. */
static PyObject *
packed_row(PyObject *row)
{
    double values[OWN_VALUES];
    if (!PyTuple_Check(row) || PyTuple_GET_SIZE(row) != OWN_VALUES) {
        Py_DECREF(row);
        PyErr_SetString(PyExc_TypeError, "rows: each own row a tuple of 15");
        return NULL;
    }
    for (int k = 0; k < OWN_VALUES; k++) {
        values[k] = PyFloat_AsDouble(PyTuple_GET_ITEM(row, k));
        if (values[k] == -1.0 && PyErr_Occurred()) {
            Py_DECREF(row);
            return NULL;
        }
    }
    Py_DECREF(row);
    return PyBytes_FromStringAndSize((const char *)values, sizeof values);
}

/* rows(texts, stopwords, own_cache, content_cache, own, content_words): for each line, its
 * `features._own` and `features._content_words`, each remembered in its dict (the first as
 * the bytes of its numbers, see `own_packed`); lines not in the alphabet by the Python
 * functions given. Returns (block, contents): the lines' numbers as float64 bytes, row
 * after row (the block numpy reads of a file), and a list of content-word tuples. */
static PyObject *
rows(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6 || !PyDict_Check(args[2]) || !PyDict_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "rows(texts, stopwords, own_cache: dict, content_cache: dict, own, "
                        "content_words)");
        return NULL;
    }
    PyObject *seq = str_list(args[0], "rows");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    const Py_ssize_t width = OWN_VALUES * (Py_ssize_t)sizeof(double);
    PyObject *block = PyBytes_FromStringAndSize(NULL, n * width), *contents = PyList_New(n);
    if (block == NULL || contents == NULL)
        goto fail;
    char *at = PyBytes_AS_STRING(block);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *row = remembered(args[2], items[i], args[1], args[4], own_packed, packed_row);
        if (row == NULL)
            goto fail;
        if (!PyBytes_Check(row) || PyBytes_GET_SIZE(row) != width) {
            Py_DECREF(row);
            PyErr_SetString(PyExc_TypeError, "rows: own_cache holds a row that is not packed");
            goto fail;
        }
        memcpy(at + i * width, PyBytes_AS_STRING(row), (size_t)width);
        Py_DECREF(row);
        PyObject *words = remembered(args[3], items[i], args[1], args[5], content_tuple, NULL);
        if (words == NULL)
            goto fail;
        PyList_SET_ITEM(contents, i, words);
    }
    Py_DECREF(seq);
    return Py_BuildValue("(NN)", block, contents);
fail:
    Py_DECREF(seq);
    Py_XDECREF(block);
    Py_XDECREF(contents);
    return NULL;
}

/* `repeats.words_of(text)`: `re.findall(r"\w+", text.lower())`, a list of str. */
static PyObject *
words_of(PyObject *self, PyObject *text)
{
    Line line;
    READ_OR_RETURN(text, &line);
    const u8 *s = line.s;
    Py_ssize_t n = line.n;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < n;) {
        if (!IS(s[i], C_WORD)) {
            i++;
            continue;
        }
        Py_ssize_t j = i;
        while (j < n && IS(s[j], C_WORD))
            j++;
        PyObject *token = lowered(s + i, j - i);
        if (token == NULL || PyList_Append(out, token) < 0) {
            Py_XDECREF(token);
            Py_CLEAR(out);
            goto done;
        }
        Py_DECREF(token);
        i = j;
    }
done:
    line_done(&line);
    return out;
}

/* A file's words numbered in order of first use (`repeats.word_ids`): a table of the words
 * seen, each as a tag and its characters' bytes. A word of a line in the alphabet is its
 * Latin-1 bytes (see the top) under tag 1; a word the Python path found (a str) is its
 * PEP 393 data under its kind (1, 2 or 4), which is Latin-1 bytes under tag 1 for a word
 * of characters up to U+00FF: two words are equal exactly when their tags and bytes are. */
typedef struct {
    Py_ssize_t mask; /* slots - 1 */
    Py_ssize_t *slot; /* a word's number + 1, 0: empty */
    Py_ssize_t count, room; /* words numbered, and room for them */
    uint64_t *hash;
    Py_ssize_t *start, *length; /* each word's bytes in `pool`, the tag first */
    u8 *pool;
    Py_ssize_t used, size;
} Vocab;

static void
vocab_free(Vocab *v)
{
    PyMem_Free(v->slot);
    PyMem_Free(v->hash);
    PyMem_Free(v->start);
    PyMem_Free(v->length);
    PyMem_Free(v->pool);
}

static int
vocab_init(Vocab *v)
{
    memset(v, 0, sizeof(*v));
    v->mask = 1023;
    v->room = 512;
    v->size = 8192;
    v->slot = PyMem_Calloc(v->mask + 1, sizeof(Py_ssize_t));
    v->hash = PyMem_Malloc(v->room * sizeof(uint64_t));
    v->start = PyMem_Malloc(v->room * sizeof(Py_ssize_t));
    v->length = PyMem_Malloc(v->room * sizeof(Py_ssize_t));
    v->pool = PyMem_Malloc(v->size);
    if (!v->slot || !v->hash || !v->start || !v->length || !v->pool) {
        vocab_free(v);
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* Twice the slots, the words placed again (the table is kept at most half full). */
static int
vocab_grow(Vocab *v)
{
    Py_ssize_t mask = v->mask * 2 + 1;
    Py_ssize_t *slot = PyMem_Calloc(mask + 1, sizeof(Py_ssize_t));
    if (slot == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t w = 0; w < v->count; w++) {
        Py_ssize_t k = (Py_ssize_t)(v->hash[w] & (uint64_t)mask);
        while (slot[k])
            k = (k + 1) & mask;
        slot[k] = w + 1;
    }
    PyMem_Free(v->slot);
    v->slot = slot;
    v->mask = mask;
    return 0;
}

/* The number of the word `tag` + s[0:n], numbering it if new; -1 on an error. */
static Py_ssize_t
vocab_id(Vocab *v, u8 tag, const u8 *s, Py_ssize_t n)
{
    uint64_t h = (1469598103934665603ull ^ tag) * 1099511628211ull;
    for (Py_ssize_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    Py_ssize_t k = (Py_ssize_t)(h & (uint64_t)v->mask);
    for (; v->slot[k]; k = (k + 1) & v->mask) {
        Py_ssize_t w = v->slot[k] - 1;
        const u8 *at = v->pool + v->start[w];
        if (v->hash[w] == h && v->length[w] == n + 1 && at[0] == tag && memcmp(at + 1, s, n) == 0)
            return w;
    }
    if (v->count == v->room) {
        Py_ssize_t room = v->room * 2;
        uint64_t *hash = PyMem_Realloc(v->hash, room * sizeof(uint64_t));
        if (hash != NULL)
            v->hash = hash;
        Py_ssize_t *start = PyMem_Realloc(v->start, room * sizeof(Py_ssize_t));
        if (start != NULL)
            v->start = start;
        Py_ssize_t *length = PyMem_Realloc(v->length, room * sizeof(Py_ssize_t));
        if (length != NULL)
            v->length = length;
        if (hash == NULL || start == NULL || length == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        v->room = room;
    }
    if (v->used + n + 1 > v->size) {
        Py_ssize_t size = 2 * (v->size + n + 1);
        u8 *pool = PyMem_Realloc(v->pool, size);
        if (pool == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        v->pool = pool;
        v->size = size;
    }
    Py_ssize_t w = v->count++;
    v->hash[w] = h;
    v->start[w] = v->used;
    v->length[w] = n + 1;
    v->pool[v->used] = tag;
    memcpy(v->pool + v->used + 1, s, n);
    v->used += n + 1;
    v->slot[k] = w + 1;
    if (2 * v->count > v->mask && vocab_grow(v) < 0)
        return -1;
    return w;
}

/* A growing array of int64. */
typedef struct {
    int64_t *at;
    Py_ssize_t n, room;
} Numbers;

static int
numbers_add(Numbers *a, int64_t value)
{
    if (a->n == a->room) {
        Py_ssize_t room = a->room ? 2 * a->room : 1024;
        int64_t *at = PyMem_Realloc(a->at, room * sizeof(int64_t));
        if (at == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        a->at = at;
        a->room = room;
    }
    a->at[a->n++] = value;
    return 0;
}

/* The words of one line, numbered into `ids`: in C for a line in the alphabet, else those
 * `python_words(text)` gives. -1 on an error. */
static int
line_ids(Vocab *v, Numbers *ids, PyObject *text, PyObject *python_words)
{
    Line line;
    int read = read_line(text, &line);
    if (read < 0)
        return -1;
    if (read == 1) {
        u8 small[SMALL_LINE];
        const u8 *s = line.s;
        Py_ssize_t n = line.n;
        int status = 0;
        for (Py_ssize_t i = 0; i < n && status == 0;) {
            if (!IS(s[i], C_WORD)) {
                i++;
                continue;
            }
            Py_ssize_t j = i;
            while (j < n && IS(s[j], C_WORD))
                j++;
            u8 *buf = j - i <= SMALL_LINE ? small : PyMem_Malloc(j - i);
            if (buf == NULL) {
                PyErr_NoMemory();
                status = -1;
                break;
            }
            for (Py_ssize_t k = i; k < j; k++)
                buf[k - i] = LOWER(s[k]);
            Py_ssize_t w = vocab_id(v, 1, buf, j - i);
            if (buf != small)
                PyMem_Free(buf);
            if (w < 0 || numbers_add(ids, w) < 0)
                status = -1;
            i = j;
        }
        line_done(&line);
        return status;
    }
    PyObject *words = PyObject_CallOneArg(python_words, text);
    if (words == NULL)
        return -1;
    if (!PyList_Check(words)) {
        Py_DECREF(words);
        PyErr_SetString(PyExc_TypeError, "python_words must return a list of str");
        return -1;
    }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(words); k++) {
        PyObject *word = PyList_GET_ITEM(words, k);
        if (!PyUnicode_Check(word)) {
            Py_DECREF(words);
            PyErr_SetString(PyExc_TypeError, "python_words must return a list of str");
            return -1;
        }
        int kind = PyUnicode_KIND(word);
        Py_ssize_t w = vocab_id(v, (u8)kind, (const u8 *)PyUnicode_DATA(word),
                                PyUnicode_GET_LENGTH(word) * kind);
        if (w < 0 || numbers_add(ids, w) < 0) {
            Py_DECREF(words);
            return -1;
        }
    }
    Py_DECREF(words);
    return 0;
}

/* `repeats.word_ids(texts)`: (ids, sizes, keys). */
static PyObject *
word_ids(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "word_ids(texts, python_words, floor)");
        return NULL;
    }
    PyObject *texts = PySequence_Fast(args[0], "texts must be a sequence");
    if (texts == NULL)
        return NULL;
    PyObject *python_words = args[1];
    Py_ssize_t floor = PyLong_AsSsize_t(args[2]);
    if (floor == -1 && PyErr_Occurred()) {
        Py_DECREF(texts);
        return NULL;
    }
    Py_ssize_t lines = PySequence_Fast_GET_SIZE(texts);
    PyObject **items = PySequence_Fast_ITEMS(texts);
    Vocab v;
    Numbers ids = {NULL, 0, 0};
    PyObject *keys = NULL, *sizes = NULL, *out = NULL;
    if (vocab_init(&v) < 0) {
        Py_DECREF(texts);
        return NULL;
    }
    keys = PyList_New(lines);
    sizes = PyBytes_FromStringAndSize(NULL, lines * (Py_ssize_t)sizeof(int64_t));
    if (keys == NULL || sizes == NULL)
        goto done;
    int64_t *size_of = (int64_t *)PyBytes_AS_STRING(sizes);
    for (Py_ssize_t i = 0; i < lines; i++) {
        Py_ssize_t first = ids.n;
        if (line_ids(&v, &ids, items[i], python_words) < 0)
            goto done;
        Py_ssize_t count = ids.n - first;
        size_of[i] = count;
        PyObject *key = Py_None;
        if (count >= floor && count > 0) {
            key = PyBytes_FromStringAndSize((const char *)(ids.at + first),
                                            count * (Py_ssize_t)sizeof(int64_t));
            if (key == NULL)
                goto done;
        }
        else
            Py_INCREF(key);
        PyList_SET_ITEM(keys, i, key);
    }
    PyObject *numbers = PyBytes_FromStringAndSize(ids.n ? (const char *)ids.at : "",
                                                  ids.n * (Py_ssize_t)sizeof(int64_t));
    if (numbers != NULL)
        out = Py_BuildValue("(NOO)", numbers, sizes, keys);
done:
    vocab_free(&v);
    PyMem_Free(ids.at);
    Py_XDECREF(keys);
    Py_XDECREF(sizes);
    Py_DECREF(texts);
    return out;
}

/* `features.row_features`' numbers of a file's content words: each word of each line's
 * tuple (`founds`), numbered in order of first use; int64 bytes. The words are str (those
 * of `content_tuple` or `features._content_words`), told apart by their characters in a
 * table of their own: a dict would hash each new str with SipHash, make an int for each
 * new word and grow, twice the numbering's own work. Two str are equal exactly when
 * their kinds, lengths and data are (a str is stored in the narrowest kind that holds it). */
typedef struct {
    PyObject **word; /* per slot: a word of `founds` (borrowed: `founds` holds it), NULL: empty */
    uint64_t *hash;
    int64_t *number;
    Py_ssize_t mask;
} WordNumbers;

static uint64_t
str_hash(PyObject *word)
{
    const u8 *s = PyUnicode_DATA(word);
    Py_ssize_t n = PyUnicode_GET_LENGTH(word) * PyUnicode_KIND(word);
    uint64_t h = 1469598103934665603ull ^ (uint64_t)PyUnicode_KIND(word);
    for (Py_ssize_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

static int
same_str(PyObject *a, PyObject *b)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    return PyUnicode_KIND(a) == PyUnicode_KIND(b) && PyUnicode_GET_LENGTH(b) == n
           && memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), n * PyUnicode_KIND(a)) == 0;
}

/* The number of `word`, a new one (`*next`, then counted up) if it is not in the table. */
static int64_t
word_number(WordNumbers *t, PyObject *word, int64_t *next)
{
    uint64_t h = str_hash(word);
    Py_ssize_t k = (Py_ssize_t)(h & (uint64_t)t->mask);
    for (; t->word[k] != NULL; k = (k + 1) & t->mask)
        if (t->hash[k] == h && same_str(t->word[k], word))
            return t->number[k];
    t->word[k] = word;
    t->hash[k] = h;
    return t->number[k] = (*next)++;
}

static PyObject *
number_words(PyObject *self, PyObject *founds)
{
    PyObject *lines = PySequence_Fast(founds, "founds must be a sequence");
    if (lines == NULL)
        return NULL;
    Py_ssize_t nlines = PySequence_Fast_GET_SIZE(lines), total = 0, done = 0;
    PyObject **each = PyMem_Calloc(nlines ? nlines : 1, sizeof *each);
    WordNumbers t = {NULL, NULL, NULL, 0};
    int64_t *out = NULL, next = 0;
    PyObject *result = NULL;
    if (each == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (; done < nlines; done++) {
        each[done] = PySequence_Fast(PySequence_Fast_GET_ITEM(lines, done),
                                     "each line's words must be a sequence");
        if (each[done] == NULL)
            goto done;
        PyObject **words = PySequence_Fast_ITEMS(each[done]);
        for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(each[done]); k++)
            if (!PyUnicode_Check(words[k])) {
                PyErr_SetString(PyExc_TypeError, "number_words: words must be str");
                goto done;
            }
        total += PySequence_Fast_GET_SIZE(each[done]);
    }
    Py_ssize_t slots = 16;
    while (slots < 2 * total + 2)
        slots *= 2;
    t.mask = slots - 1;
    t.word = PyMem_Calloc(slots, sizeof *t.word);
    t.hash = PyMem_Malloc(slots * sizeof *t.hash);
    t.number = PyMem_Malloc(slots * sizeof *t.number);
    out = PyMem_Malloc((total ? total : 1) * sizeof *out);
    if (t.word == NULL || t.hash == NULL || t.number == NULL || out == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < nlines; i++) {
        PyObject **words = PySequence_Fast_ITEMS(each[i]);
        for (Py_ssize_t k = 0; k < PySequence_Fast_GET_SIZE(each[i]); k++)
            out[at++] = word_number(&t, words[k], &next);
    }
    result = PyBytes_FromStringAndSize((const char *)out, total * (Py_ssize_t)sizeof(int64_t));
done:
    for (Py_ssize_t i = 0; each != NULL && i < nlines; i++)
        Py_XDECREF(each[i]);
    PyMem_Free(each);
    PyMem_Free(t.word);
    PyMem_Free(t.hash);
    PyMem_Free(t.number);
    PyMem_Free(out);
    Py_DECREF(lines);
    return result;
}

/* `tables.shape(text)`: BREAK 0, NUMBER 1, TEXT 2, EMPTY 3. */
#define MAX_CELL_CHARS 200
#define PLACEHOLDER_CHARS 4
#define MAX_CELL_WORDS 12
#define MAX_NUMBER_WORDS 3
#define MAX_FIGURED_CELL_WORDS 20
#define FIGURED_SHARE 7

/* `tables._figured`: a long cell with a digit in one word of FIGURED_SHARE or more. */
static int
figured_cell(const u8 *s, Py_ssize_t n, Py_ssize_t words)
{
    if (words > MAX_FIGURED_CELL_WORDS)
        return 0;
    Py_ssize_t figures = 0;
    int in_word = 0, digit = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (IS(s[i], C_SPACE)) {
            figures += digit;
            in_word = digit = 0;
            continue;
        }
        in_word = 1;
        digit |= IS(s[i], C_DIGIT) != 0;
    }
    figures += in_word && digit;
    return figures * FIGURED_SHARE >= words;
}

/* `tables._NUMBERED`: one to three digits, a stop or bracket, spaces, then a letter. */
static int
numbered_item(const u8 *cell, Py_ssize_t len)
{
    Py_ssize_t i = 0;
    while (i < len && i < 4 && IS(cell[i], C_DIGIT))
        i++;
    if (i == 0 || i > 3 || i >= len || (cell[i] != '.' && cell[i] != ')'))
        return 0;
    Py_ssize_t j = ++i;
    while (i < len && IS(cell[i], C_SPACE))
        i++;
    return i > j && i < len && IS(cell[i], C_LETTER);
}

static int
table_shape(const u8 *s, Py_ssize_t n)
{
    Py_ssize_t a = 0, b = n;
    while (a < b && IS(s[a], C_SPACE))
        a++;
    while (b > a && IS(s[b - 1], C_SPACE))
        b--;
    Py_ssize_t len = b - a;
    if (len == 0 || len > MAX_CELL_CHARS)
        return 0;
    const u8 *cell = s + a;
    if (len <= PLACEHOLDER_CHARS) {
        /* `_placeholder`: no digit, at most two letters, a gap's mark or two capitals. */
        int digit = 0, letters = 0, marked = 0, upper = 0, lower = 0;
        for (Py_ssize_t i = 0; i < len; i++) {
            u8 c = cell[i];
            digit |= IS(c, C_DIGIT) != 0;
            letters += IS(c, C_LETTER) != 0;
            upper |= IS(c, C_UPPER) != 0;
            lower |= IS(c, C_LOWER) != 0;
            marked |= IS(c, C_GAP_MARK) != 0;
        }
        if (!digit && letters <= 2 && (marked || (letters == 2 && upper && !lower)))
            return 3;
    }
    Py_ssize_t words = split_count(cell, len);
    /* A sentence first: most long lines are, and need no count of their figures. */
    if (words >= 6 && IS(cell[len - 1], C_TERMINAL))
        return 0;
    if (words > MAX_CELL_WORDS && !figured_cell(cell, len, words))
        return 0;
    if (words <= MAX_NUMBER_WORDS) {
        /* `_FIGURE`: signs, currencies, brackets and spaces, then a digit. */
        Py_ssize_t i = 0;
        while (i < len && IS(cell[i], C_FIGURE_BEFORE))
            i++;
        if (i < len && IS(cell[i], C_DIGIT) && !numbered_item(cell, len))
            return 1;
    }
    return 2;
}

/* `siblings.form(text)`: NONE 0, LABELLED 1, MARKED 2, BLANK 3, FIGURE 4. */
#define MAX_LABEL 60
#define MAX_LABEL_WORDS 6
#define MAX_FIGURE_WORDS 6

/* `siblings._figure_row`: at most MAX_FIGURE_WORDS words, the first holding a letter, and
 * the end, less spaces and closing brackets, a digit, spaces maybe, and a percent sign. */
static int
figure_row(const u8 *s, Py_ssize_t n)
{
    Py_ssize_t e = n;
    while (e > 0 && IS(s[e - 1], C_SPACE))
        e--;
    while (e > 0 && (s[e - 1] == ')' || s[e - 1] == ']'))
        e--;
    while (e > 0 && IS(s[e - 1], C_SPACE))
        e--;
    if (e == 0 || s[e - 1] != '%')
        return 0;
    e--;
    while (e > 0 && IS(s[e - 1], C_SPACE))
        e--;
    if (e == 0 || s[e - 1] < '0' || s[e - 1] > '9' || split_count(s, e) > MAX_FIGURE_WORDS)
        return 0;
    Py_ssize_t p = 0;
    while (p < e && IS(s[p], C_SPACE))
        p++;
    for (; p < e && !IS(s[p], C_SPACE); p++)
        if (IS(s[p], C_LETTER))
            return 1;
    return 0;
}

static int
item_form(const u8 *s, Py_ssize_t n)
{
    Py_ssize_t p = 0;
    while (p < n && IS(s[p], C_SPACE))
        p++;
    /* `_MARKED`: after the spaces, a list mark, \d{1,3}[.)] or (\d{1,3}), then a space. */
    if (IS(s[p], C_BULLET) && IS(s[p + 1], C_SPACE))
        return 2;
    Py_ssize_t at = p + (s[p] == '('), d = at;
    while (d < n && IS(s[d], C_DIGIT))
        d++;
    if (d - at >= 1 && d - at <= 3 && d + 1 < n && IS(s[d + 1], C_SPACE)
        && (at > p ? s[d] == ')' : (s[d] == '.' || s[d] == ')')))
        return 2;
    /* ... or a lower-case letter and ')', bracketed or not: "a) ", "(b) " (the Greek and
     * Cyrillic letters `_MARKED` also takes are not in a line read here). */
    if (at + 2 < n && s[at] >= 'a' && s[at] <= 'z' && s[at + 1] == ')'
        && IS(s[at + 2], C_SPACE))
        return 2;
    /* `_LABELLED`: 1 to 60 characters without : . ! ? then a colon, then a non-space; the
     * label starts after the spaces (or is the last of them, right before the colon). */
    Py_ssize_t q = p;
    while (q < n && s[q] != ':' && s[q] != '.' && s[q] != '!' && s[q] != '?')
        q++;
    if (q < n && s[q] == ':') {
        Py_ssize_t start = q > p ? p : p - 1;
        Py_ssize_t rest = q + 1;
        while (rest < n && IS(s[rest], C_SPACE))
            rest++;
        if (start >= 0 && q - start <= MAX_LABEL && rest < n
            && split_count(s + start, q - start) <= MAX_LABEL_WORDS)
            return 1;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        if (IS(s[i], C_LETTER | C_DIGIT))
            return figure_row(s, n) ? 4 : 0;
    return 3;
}

/* shapes(texts) / forms(texts): `tables.shape` / `siblings.form` of each line, -1 for a
 * line not in the alphabet. */
static PyObject *
each_line(PyObject *texts, const char *name, int (*fact)(const u8 *, Py_ssize_t))
{
    PyObject *seq = str_list(texts, name);
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *out = PyList_New(n);
    if (out == NULL) {
        Py_DECREF(seq);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Line line;
        int read = read_line(items[i], &line);
        if (read < 0) {
            Py_DECREF(out);
            Py_DECREF(seq);
            return NULL;
        }
        long value = read ? fact(line.s, line.n) : -1;
        if (read)
            line_done(&line);
        PyList_SET_ITEM(out, i, PyLong_FromLong(value)); /* small ints: cached, never NULL */
    }
    Py_DECREF(seq);
    return out;
}

static PyObject *
shapes(PyObject *self, PyObject *texts)
{
    return each_line(texts, "shapes", table_shape);
}

static PyObject *
forms(PyObject *self, PyObject *texts)
{
    return each_line(texts, "forms", item_form);
}

/* `contents._line(text)`: its key as a list item ("" if it cannot be one), whether it is
 * prose, whether it can be a list's title. */
#define MAX_ITEM_WORDS 14
#define MAX_HEADER_WORDS 4

static PyObject *
contents_key(const u8 *s, Py_ssize_t n)
{
    /* `_MARKER`: spaces, a number (1.2.3, then . or )) or a list mark, spaces. */
    Py_ssize_t p = 0, m = 0;
    while (p < n && IS(s[p], C_SPACE))
        p++;
    if (IS(s[p], C_DIGIT)) {
        Py_ssize_t x = p;
        for (int k = 0; k < 3 && IS(s[x], C_DIGIT); k++)
            x++;
        while (s[x] == '.' && IS(s[x + 1], C_DIGIT)) {
            x++;
            for (int k = 0; k < 3 && IS(s[x], C_DIGIT); k++)
                x++;
        }
        if (s[x] == '.' || s[x] == ')')
            x++;
        m = x;
    }
    else if (IS(s[p], C_MARKER))
        m = p + 1;
    /* (The spaces after the marker hold no word.) The words (\w runs) of the rest,
     * lower-cased, one space between each two. */
    Py_ssize_t size = 0;
    for (Py_ssize_t i = m; i < n;) {
        if (!IS(s[i], C_WORD)) {
            i++;
            continue;
        }
        Py_ssize_t j = i;
        while (j < n && IS(s[j], C_WORD))
            j++;
        size += (size > 0) + (j - i);
        i = j;
    }
    u8 small[SMALL_LINE] = {0};
    u8 *d = size <= SMALL_LINE ? small : PyMem_Malloc(size);
    if (d == NULL)
        return PyErr_NoMemory();
    Py_ssize_t w = 0;
    for (Py_ssize_t i = m; i < n;) {
        if (!IS(s[i], C_WORD)) {
            i++;
            continue;
        }
        if (w > 0)
            d[w++] = ' ';
        while (i < n && IS(s[i], C_WORD))
            d[w++] = LOWER(s[i++]);
    }
    PyObject *key = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, d, size);
    if (d != small)
        PyMem_Free(d);
    return key;
}

static PyObject *
contents_lines(PyObject *self, PyObject *texts)
{
    PyObject *seq = str_list(texts, "contents_lines");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *keys = PyList_New(n), *prose = PyList_New(n), *titles = PyList_New(n);
    PyObject *empty = PyUnicode_New(0, 127);
    if (keys == NULL || prose == NULL || titles == NULL || empty == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        Line line;
        int read = read_line(items[i], &line);
        if (read < 0)
            goto fail;
        if (read == 0) {
            PyList_SET_ITEM(keys, i, Py_NewRef(Py_None));
            PyList_SET_ITEM(prose, i, Py_NewRef(Py_False));
            PyList_SET_ITEM(titles, i, Py_NewRef(Py_False));
            continue;
        }
        const u8 *s = line.s;
        Py_ssize_t len = line.n;
        Py_ssize_t words = split_count(s, len);
        Py_ssize_t end = len; /* `text_end`: without the spaces after the last character */
        while (end > 0 && IS(s[end - 1], C_SPACE))
            end--;
        int has_last = end > 0;
        u8 last = has_last ? s[end - 1] : 0;
        int stop = has_last && (last == '.' || last == '!' || last == '?');
        /* `prose_of`: long, or a sentence (prose.TERMINAL) of some length. */
        int running = words >= 25 || (words >= 8 && has_last && IS(last, C_PROSE_END));
        int item = 0;
        if (words > 0 && words <= MAX_ITEM_WORDS && !running) {
            Py_ssize_t run = 0; /* `_LETTERS`: three letters in a row */
            for (Py_ssize_t k = 0; k < len && run < 3; k++)
                run = IS(s[k], C_LETTER) ? run + 1 : 0;
            item = run >= 3;
        }
        PyObject *key = item ? contents_key(s, len) : Py_NewRef(empty);
        line_done(&line);
        if (key == NULL)
            goto fail;
        PyList_SET_ITEM(keys, i, key);
        PyList_SET_ITEM(prose, i, PyBool_FromLong(running));
        PyList_SET_ITEM(titles, i, PyBool_FromLong(words > 0 && words <= MAX_HEADER_WORDS
                                                   && !stop));
    }
    Py_DECREF(seq);
    Py_DECREF(empty);
    return Py_BuildValue("(NNN)", keys, prose, titles);
fail:
    Py_DECREF(seq);
    Py_XDECREF(keys);
    Py_XDECREF(prose);
    Py_XDECREF(titles);
    Py_XDECREF(empty);
    return NULL;
}

/* `words.count_words`: a line's words, remembered. The table of counts, its size limit and
 * the Python count for lines not in the alphabet are read from the `words` module's globals
 * on each call (`_COUNTED`, `COUNTED_LINES`, `_count`), so that what the module holds (or a
 * test sets there) is what is used. */
static PyObject *word_globals = NULL;
static PyObject *s_counted, *s_limit, *s_count;

static PyObject *
global(const char *name, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(word_globals, key); /* borrowed */
    if (value == NULL && !PyErr_Occurred())
        PyErr_Format(PyExc_NameError, "words.%s is not defined", name);
    return value;
}

static PyObject *
count_words(PyObject *self, PyObject *text)
{
    if (word_globals == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "count_words: word_counter(globals) not called");
        return NULL;
    }
    PyObject *table = global("_COUNTED", s_counted);
    if (table == NULL)
        return NULL;
    if (!PyDict_CheckExact(table)) {
        PyErr_SetString(PyExc_TypeError, "words._COUNTED is not a dict");
        return NULL;
    }
    PyObject *words = PyDict_GetItemWithError(table, text);
    if (words != NULL) {
        Py_INCREF(words);
        return words;
    }
    if (PyErr_Occurred())
        return NULL;
    PyObject *limit = global("COUNTED_LINES", s_limit);
    if (limit == NULL)
        return NULL;
    Py_ssize_t most = PyLong_AsSsize_t(limit);
    if (most == -1 && PyErr_Occurred())
        return NULL;
    if (PyDict_GET_SIZE(table) >= most)
        PyDict_Clear(table);
    Line line;
    int read = PyUnicode_Check(text) ? read_line(text, &line) : 0;
    if (read < 0)
        return NULL;
    if (read) {
        words = PyLong_FromSsize_t(split_count(line.s, line.n));
        line_done(&line);
    }
    else {
        PyObject *count = global("_count", s_count);
        if (count == NULL)
            return NULL;
        words = PyObject_CallOneArg(count, text);
    }
    if (words == NULL)
        return NULL;
    if (PyDict_SetItem(table, text, words) < 0) {
        Py_DECREF(words);
        return NULL;
    }
    return words;
}

static PyMethodDef count_words_def = {
    "count_words", count_words, METH_O,
    "count_words(text): words.count_words, remembered in words._COUNTED; lines in the "
    "alphabet counted in C, others by words._count."};

/* word_counter(globals): `count_words` reading the `words` module's globals. */
static PyObject *
word_counter(PyObject *self, PyObject *globals)
{
    if (!PyDict_Check(globals)) {
        PyErr_SetString(PyExc_TypeError, "word_counter(globals): a dict");
        return NULL;
    }
    Py_INCREF(globals);
    Py_XSETREF(word_globals, globals);
    return PyCFunction_New(&count_words_def, NULL);
}

/* alphabet(): the characters the functions read, as a str (for the tests). */
static PyObject *
alphabet(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_UCS4 ch = 0; ch <= HIGH_LAST; ch++) {
        if (byte_of(ch) < 0)
            continue;
        PyObject *c = PyUnicode_FromOrdinal(ch);
        if (c == NULL || PyList_Append(out, c) < 0) {
            Py_XDECREF(c);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(c);
    }
    PyObject *empty = PyUnicode_New(0, 127);
    if (empty == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    PyObject *joined = PyUnicode_Join(empty, out);
    Py_DECREF(empty);
    Py_DECREF(out);
    return joined;
}

/* Repair's scans of a whole text (`repair._scanned`), in one pass instead of three regex
 * scans, each of which tests every character against a class, and four searches for
 * spaces. `marks` (bytes, one per BMP
 * character) holds each character's classes as repair's own compiled patterns read it
 * (`repair._MARKS`, made from the patterns): the table cannot drift from them. A character
 * above U+FFFF is in none of them. Returns (triggers, pairs, invisible, doubled, edged):
 *   triggers: where `_FTFY_TRIGGER` matches start (a single trigger character, or "&" that
 *     opens an entity: "#" and a digit, "#x" and a hex digit, or two ASCII letters and
 *     digits, the first a letter; no match holds a trigger after its start, so every such
 *     start is a match of `finditer`);
 *   pairs: where `_SCAN` matches start, scanned as `finditer` does (a match takes two
 *     characters: the next scan starts after them);
 *   invisible: whether `_INVISIBLE` matches anywhere;
 *   doubled: whether two spaces follow each other;
 *   edged: whether a line starts or ends with a space. */
#define MARK_TRIGGER 1u /* a trigger character other than "&" */
#define MARK_AMP 2u /* "&" */
#define MARK_FIRST 4u /* _SCAN's first class */
#define MARK_LOST 8u /* Â, Ã: the first alternative's look-behind */
#define MARK_LEAD 16u /* the second alternative's look-behind */
#define MARK_CONT 32u /* the second alternative's continuation */
#define MARK_INVISIBLE 64u
#define MARK_SPACE 128u /* " " */

static inline int
ascii_letter(Py_UCS4 c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
ascii_digit(Py_UCS4 c)
{
    return c >= '0' && c <= '9';
}

static inline int
ascii_hex(Py_UCS4 c)
{
    return ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
opens_entity(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    Py_UCS4 a = i + 1 < n ? PyUnicode_READ(kind, data, i + 1) : 0;
    Py_UCS4 b = i + 2 < n ? PyUnicode_READ(kind, data, i + 2) : 0;
    Py_UCS4 c = i + 3 < n ? PyUnicode_READ(kind, data, i + 3) : 0;
    if (a == '#')
        return ascii_digit(b) || ((b == 'x' || b == 'X') && ascii_hex(c));
    return ascii_letter(a) && (ascii_letter(b) || ascii_digit(b));
}

static int
append_index(PyObject *list, Py_ssize_t i)
{
    PyObject *value = PyLong_FromSsize_t(i);
    if (value == NULL)
        return -1;
    int failed = PyList_Append(list, value);
    Py_DECREF(value);
    return failed;
}

static PyObject *
repair_marks(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1])
        || PyBytes_GET_SIZE(args[1]) != 65536) {
        PyErr_SetString(PyExc_TypeError, "repair_marks(text, marks): a str and 65536 bytes");
        return NULL;
    }
    PyObject *text = args[0];
    const u8 *marks = (const u8 *)PyBytes_AS_STRING(args[1]);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *triggers = PyList_New(0), *pairs = PyList_New(0);
    if (triggers == NULL || pairs == NULL)
        goto fail;
    int invisible = 0, doubled = 0, edged = 0;
    Py_ssize_t scan_from = 0; /* where _SCAN's finditer looks next */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        unsigned m = ch <= 0xFFFF ? marks[ch] : 0;
        if (m == 0)
            continue;
        if (m & MARK_SPACE) {
            Py_UCS4 next = i + 1 < n ? PyUnicode_READ(kind, data, i + 1) : '\n';
            if (next == ' ')
                doubled = 1;
            if (next == '\n' || i == 0 || PyUnicode_READ(kind, data, i - 1) == '\n')
                edged = 1;
        }
        if (m & MARK_INVISIBLE)
            invisible = 1;
        if (((m & MARK_TRIGGER) || ((m & MARK_AMP) && opens_entity(kind, data, n, i)))
            && append_index(triggers, i) < 0)
            goto fail;
        if ((m & MARK_FIRST) && i >= scan_from && i + 1 < n) {
            Py_UCS4 next = PyUnicode_READ(kind, data, i + 1);
            unsigned after = next <= 0xFFFF ? marks[next] : 0;
            if (((m & MARK_LOST) && next == ' ') || ((m & MARK_LEAD) && (after & MARK_CONT))) {
                if (append_index(pairs, i) < 0)
                    goto fail;
                scan_from = i + 2;
            }
        }
    }
    return Py_BuildValue("(NNOOO)", triggers, pairs, invisible ? Py_True : Py_False,
                         doubled ? Py_True : Py_False, edged ? Py_True : Py_False);
fail:
    Py_XDECREF(triggers);
    Py_XDECREF(pairs);
    return NULL;
}

static PyMethodDef methods[] = {
    {"own", (PyCFunction)(void (*)(void))own, METH_FASTCALL,
     "own(text, stopwords): features._own of a line (a tuple of 15 floats), else None."},
    {"content_words", (PyCFunction)(void (*)(void))content_words, METH_FASTCALL,
     "content_words(text, stopwords): features._content_words of a line, else None."},
    {"rows", (PyCFunction)(void (*)(void))rows, METH_FASTCALL,
     "rows(texts, stopwords, own_cache, content_cache, own, content_words): (block, contents) "
     "of features.row_features, remembered in the caches."},
    {"words_of", words_of, METH_O, "words_of(text): repeats.words_of of a line, else None."},
    {"word_ids", (PyCFunction)(void (*)(void))word_ids, METH_FASTCALL,
     "word_ids(texts, python_words, floor): repeats.word_ids, the words of a line not in "
     "the alphabet given by python_words(text); (ids, sizes) as int64 bytes, and keys."},
    {"number_words", number_words, METH_O,
     "number_words(founds): the content words of features.row_features numbered in order "
     "of first use, as int64 bytes."},
    {"shapes", shapes, METH_O,
     "shapes(texts): tables.shape of each line, -1 for a line not in the alphabet."},
    {"forms", forms, METH_O,
     "forms(texts): siblings.form of each line, -1 for a line not in the alphabet."},
    {"contents_lines", contents_lines, METH_O,
     "contents_lines(texts): (keys, prose, titles) as contents.lines_of reads each line; "
     "a line not in the alphabet has the key None (and False, False)."},
    {"word_counter", word_counter, METH_O,
     "word_counter(globals): words.count_words in C, reading _COUNTED, COUNTED_LINES and "
     "_count from the words module's globals."},
    {"alphabet", alphabet, METH_NOARGS, "alphabet(): the characters the functions read."},
    {"repair_marks", (PyCFunction)(void (*)(void))repair_marks, METH_FASTCALL,
     "repair_marks(text, marks): (triggers, pairs, invisible, doubled, edged), repair's "
     "scans of a text (see repair._scanned)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_linefacts", "Facts of a line's text, in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__linefacts(void)
{
    init_alphabet();
    s_counted = PyUnicode_InternFromString("_COUNTED");
    s_limit = PyUnicode_InternFromString("COUNTED_LINES");
    s_count = PyUnicode_InternFromString("_count");
    if (s_counted == NULL || s_limit == NULL || s_count == NULL)
        return NULL;
    return PyModule_Create(&module);
}
