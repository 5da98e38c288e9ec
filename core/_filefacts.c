/* Per-line work of the classifier that Python did with a few string methods or integer
 * steps per line, over every line of every file, on every pass: the file facts of
 * `classify._FileFacts.of`, the signatures' and the entry labels' scans, `prose.is_prose`
 * and `text_end`, a removed line's summary. The characters are read with the predicates of
 * Python's own str methods (Py_UNICODE_ISSPACE for str.split() and strip(),
 * Py_UNICODE_ISALPHA for str.isalpha(), Py_UNICODE_ISUPPER for a one-character
 * str.isupper(), Py_UNICODE_ISDECIMAL for the `\d` of a str regex), on any text, so the
 * answers are the Python functions', exactly. Optional: without a compiler the Python
 * functions run (tests/test_filefacts.py holds the two together).
 *
 * openings(texts) -> list | None: openings.openings(texts).
 * name_openers(stripped) -> list of int: the i >= 1 whose line opens with a capital, and
 *   whose text after its first space does too (roleboxes._may_open_with_name's first two
 *   questions).
 * under_prose(texts, max_chars, min_prose, min_copies) -> list of (key, [i, ...]): the lines
 *   (from the second) of at most max_chars characters under a line of at least min_prose,
 *   by their stripped text (not empty), for the texts that min_copies such lines or more
 *   have, in order of their first line; [] when no two lines of at most max_chars are the
 *   same (signatures.find's scan).
 * prose_test(count_words, stops, marks) -> (is_prose, text_end): prose.is_prose and
 *   prose.text_end as C functions: `count_words` counts a line's words, `stops` are the
 *   characters of prose.TERMINAL, `marks` are words.DIRECTION_MARKS (each a str of single
 *   characters).
 * summary_at(matrix, k, score) -> str: classify._Summaries's account of one line, from
 *   row k of `matrix` (a C-contiguous buffer of doubles, read in place) of the six
 *   features it names (words, ends_sentence, in_region, region_distance, short_run,
 *   repeated) and its rounded score.
 * verdict_kit(Verdict, BODY, BOILERPLATE, rule) -> None: bind the verdict class (its
 *   fields as __slots__), its two labels and the model's rule id for model_verdicts.
 * model_verdicts(verdicts, rows, todo, scores, probabilities, threshold, lists, items, x,
 *   columns, scored_body) -> (changed, rest): classify._model_verdicts of the lines whose
 *   verdict is plain body or a rule's, set in `verdicts`; the positions of the others in
 *   `rest`.
 * kept_lines(verdicts) -> list of int: the positions of the verdicts that keep their line.
 * unplain(verdicts, rows, todo) -> list of int: the positions of `todo` (in `rows`) whose
 *   verdict is not plain body (kept, no rule), in order.
 * ruled_rows(verdicts, rows, wanted) -> list of int: the positions in `rows` (None: every
 *   line) of the verdicts whose rule is in `wanted` (a frozenset of rule ids).
 * codes_and_todo(verdicts, rows, rule_code, decides) -> (codes, todo):
 *   classify._codes_and_todo, plain body verdicts told without a call, and the others too
 *   once rule_kit is bound (`decides` is then classify._model_decides as written here).
 * rule_kit(Verdict, METADATA, soft, in_body, overruling, listed, kept_listed,
 *   header_suffix, comment_prompt, model_rule, rule_code_of, taken_by_header_of,
 *   undecided_of) -> None: bind rulecodes' constants (and its Python twins, for any
 *   verdict not read here).
 * rule_code(v), undecided(v), taken_by_header(v): rulecodes' functions of a verdict.
 * held_trigrams(text, grams) -> int: how many of `grams` (an iterable of str) are three
 *   characters long and occur in `text`, `sum(len(g) == 3 and g in text for g in grams)`
 *   (titles.Lead.shared): every trigram of the text is put in a hash set once, instead of
 *   a search through the whole text for each gram it does not hold.
 * label_pairs(recurring, lines, partners, miss_turns) -> list of (k, m): labels.py's search
 *   for labels that take turns, over `recurring` (each a label's lines, in file order, two
 *   at least; no line in two) in a file of `lines` lines: the pairs of group indices
 *   `recurring_pairs` returns, in its order.
 * credit_candidates(texts, tail, minimum, window) -> list of int | None: the lines whose
 *   last `tail` characters `minimum` lines or more end with, and whose last `window`
 *   characters hold a credit's mark (credits._candidates), in order; None for none.
 * repeat_pairs(ids, sizes, starts, n, min_tokens, share, threshold, containment,
 *   near_tokens, floor, limit) -> (later, earlier) | None: repeats._find_pairs's pairs of
 *   lines before the facts check, for the chunk of files whose lines start at `starts`
 *   (their word numbers `ids` and counts `sizes`, int64 buffers), as bytes of int64 sorted
 *   by later then earlier line; None when more than `limit` pairs would be made through
 *   shared n-grams (numpy's batches then), or when an n-gram's code would not fit 64 bits.
 *   Numpy's twenty-odd calls cost more than their work on a page's few hundred lines.
 * max_segment(score) -> (start, end): features._kadane of a buffer of float64 (a Python
 *   loop over a page's rows on every model pass).
 * region_into(out, inside, offset, logs, distance, lo, hi) -> None: features._region of a
 *   file's lines 0..n-1 (n: out's rows) and its region [lo, hi), written into out's columns
 *   `inside` and `offset` and logs' row `distance` (float64 arrays, C order), as
 *   context_features assigns them: some fifteen numpy calls a model pass.
 * prose_distances_into(logs, above, below, prose_flags, cap) -> None: context_features'
 *   lines above the last prose line and below the next (at most `cap`), written into two
 *   rows of `logs` (float64, C order) from a bool array: a dozen numpy calls a pass.
 * runs_into(dest, flags) -> None: features._runs of a bool array (k by n), each run's
 *   length at each of its positions, written into `dest` (float64, k by n, C order).
 * context_into(out, logs, line, words, prose, prose_words, total) -> None:
 *   features.context_features of one file, written into `out` and `logs` (its rows to
 *   take the logarithms of), but for numpy's log1p, the line count's column and the
 *   stopword median: some fifty numpy calls a pass in one walk of the lines.
 * context_many_into(out, logs, line, words, prose, prose_words, totals, lengths) -> None:
 *   context_into of each file of a stack (features_many's batches: the files' rows one
 *   after another, `lengths` rows each, `totals` each file's sum of prose words), in turn.
 * line_into(out, ids, chars, codes, logs, repeated, rule_first, position, char_position)
 *   -> None: features._line_features' columns that count lines (repeats, rule columns,
 *   positions), written into the lines' own rows `out`.
 * comments_into(out, column, codes, prose) -> None: features.comment_columns of one
 *   file's rule codes and prose flags, written into a column of `out`.
 * item_runs(rows, todo, lists, forms, opening) -> (runs, runs): classify._item_scores'
 *   runs: siblings.runs of the rows' forms and openings.runs of their openings (a list or
 *   None: then []), over the positions of `todo` that `lists` (a dict) does not hold.
 * cohesion_into(out, vocab, owner, lines, where, prose, logs) -> None: features' cohesion
 *   columns (shared words, shared weight) of one file's lines in play, written into `out`
 *   (`_cohesion_many`'s twenty numpy calls a pass, in one walk of the file's words).
 * code_candidates(texts, numbered, sticky) -> list of int: code.py's lines where a block
 *   may start, in order (code._candidates): a stripped text that opens with three
 *   backticks or tildes or a pipe, or with "1 " where `numbered`, or that ends with one of
 *   code._CODE_ENDS (or is empty) under a line whose rstripped text ends with a colon (any
 *   line above where `sticky`). * line_flags(lines) -> bytes: a byte a line (a str, or an object with a str `text`, a
 *   Block) of linescan's flags, the first tests of the file facts' scans (see
 *   core/linescan.py, whose Python twin gives the same bytes).
 * lines_with(flags, mask) -> list of int: the positions of the bytes of `flags` that hold a
 *   bit of `mask`, in order.
 * opened_lines(texts) -> list of int: the i >= 1 whose text starts with the text above it,
 *   that one not empty (`texts[i - 1] and texts[i].startswith(texts[i - 1])`).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h> /* T_OBJECT_EX, READONLY: how a __slots__ member is kept */
#include <math.h>
#include <stdint.h>
#include <string.h>

/* openings.MAX_WORDS and MIN_ITEMS (the module passes neither: tests compare the two). */
#define MAX_WORDS 15
#define MIN_ITEMS 3

/* `list.append(i)` of an index: 0, or -1 with an exception set. */
static int
append_index(PyObject *list, Py_ssize_t i)
{
    PyObject *index = PyLong_FromSsize_t(i);
    if (index == NULL)
        return -1;
    const int rc = PyList_Append(list, index);
    Py_DECREF(index);
    return rc;
}

/* `openings.opening(text)`: a new reference to the key, Py_None (new reference) for no
 * item, NULL on error. */
static PyObject *
opening(PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "openings: texts must be str");
        return NULL;
    }
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    /* text.split(None, MAX_WORDS) has 2 to MAX_WORDS items: as many words. */
    Py_ssize_t p = 0, first_start = -1, first_end = -1;
    int words = 0;
    while (p < n && words <= MAX_WORDS) {
        while (p < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, p)))
            p++;
        if (p == n)
            break;
        Py_ssize_t start = p;
        while (p < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, p)))
            p++;
        if (words == 0) {
            first_start = start;
            first_end = p;
        }
        words++;
    }
    if (words < 2 || words > MAX_WORDS)
        Py_RETURN_NONE;
    int alpha = 1, digits = 0;
    for (Py_ssize_t k = first_start; k < first_end; k++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, k);
        if (!Py_UNICODE_ISALPHA(ch))
            alpha = 0;
        if (Py_UNICODE_ISDECIMAL(ch))
            digits = 1;
    }
    if (alpha || !digits)
        return PyUnicode_Substring(text, first_start, first_end);
    /* _DIGITS.sub("0", first): each run of digits read as one "0". */
    Py_UCS4 *out = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(first_end - first_start));
    if (out == NULL)
        return PyErr_NoMemory();
    Py_ssize_t m = 0;
    for (Py_ssize_t k = first_start; k < first_end; k++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, k);
        if (!Py_UNICODE_ISDECIMAL(ch))
            out[m++] = ch;
        else if (k == first_start || !Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, k - 1)))
            out[m++] = '0';
    }
    PyObject *key = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, m);
    PyMem_Free(out);
    return key;
}

static PyObject *
openings(PyObject *self, PyObject *texts)
{
    PyObject *seq = PySequence_Fast(texts, "openings(texts): a sequence of str");
    if (seq == NULL)
        return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *keys = PyList_New(n);
    PyObject *counts = PyDict_New(); /* key -> count, as a Py_ssize_t in a PyLong */
    PyObject *out = NULL;
    if (keys == NULL || counts == NULL)
        goto done;
    int shared = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key = opening(PySequence_Fast_GET_ITEM(seq, i));
        if (key == NULL)
            goto done;
        PyList_SET_ITEM(keys, i, key);
        if (key == Py_None)
            continue;
        PyObject *found = PyDict_GetItemWithError(counts, key); /* borrowed */
        if (found == NULL && PyErr_Occurred())
            goto done;
        Py_ssize_t count = found == NULL ? 1 : PyLong_AsSsize_t(found) + 1;
        shared |= count >= MIN_ITEMS;
        PyObject *value = PyLong_FromSsize_t(count);
        if (value == NULL || PyDict_SetItem(counts, key, value) < 0) {
            Py_XDECREF(value);
            goto done;
        }
        Py_DECREF(value);
    }
    if (!shared) {
        out = Py_NewRef(Py_None);
        goto done;
    }
    /* Keys fewer than MIN_ITEMS lines share become None, in place. */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        if (key == Py_None)
            continue;
        PyObject *found = PyDict_GetItemWithError(counts, key);
        if (found == NULL)
            goto done; /* every key was counted: only an error gets here */
        if (PyLong_AsSsize_t(found) < MIN_ITEMS) {
            PyList_SET_ITEM(keys, i, Py_NewRef(Py_None));
            Py_DECREF(key);
        }
    }
    out = Py_NewRef(keys);
done:
    Py_DECREF(seq);
    Py_XDECREF(keys);
    Py_XDECREF(counts);
    return out;
}

static PyObject *
name_openers(PyObject *self, PyObject *stripped)
{
    PyObject *seq = PySequence_Fast(stripped, "name_openers(stripped): a sequence of str");
    if (seq == NULL)
        return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto fail;
    for (Py_ssize_t i = 1; i < n; i++) {
        PyObject *text = PySequence_Fast_GET_ITEM(seq, i);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "name_openers: lines must be str");
            goto fail;
        }
        const int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
        if (size == 0 || !Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, 0)))
            continue;
        /* bio.partition(" ")[2][:1].isupper() */
        Py_ssize_t space = PyUnicode_FindChar(text, ' ', 0, size, 1);
        if (space == -2)
            goto fail;
        if (space < 0 || space + 1 >= size
            || !Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, space + 1)))
            continue;
        if (append_index(out, i) < 0)
            goto fail;
    }
    Py_DECREF(seq);
    return out;
fail:
    Py_DECREF(seq);
    Py_XDECREF(out);
    return NULL;
}

/* `text.strip()`: a new reference. */
static PyObject *
stripped_text(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t start = 0, end = PyUnicode_GET_LENGTH(text);
    while (start < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start)))
        start++;
    while (end > start && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)))
        end--;
    return PyUnicode_Substring(text, start, end);
}

/* Whether two of the lines of at most `most` characters are the same text: 1, 0, -1. */
static int
short_twice(PyObject *seq, Py_ssize_t most)
{
    PyObject *seen = PySet_New(NULL);
    if (seen == NULL)
        return -1;
    int twice = 0;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t i = 0; i < n && !twice; i++) {
        PyObject *text = PySequence_Fast_GET_ITEM(seq, i);
        if (PyUnicode_GET_LENGTH(text) > most)
            continue;
        Py_ssize_t before = PySet_GET_SIZE(seen);
        if (PySet_Add(seen, text) < 0) {
            Py_DECREF(seen);
            return -1;
        }
        twice = PySet_GET_SIZE(seen) == before;
    }
    Py_DECREF(seen);
    return twice;
}

static PyObject *
under_prose(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError,
                        "under_prose(texts, max_chars, min_prose, min_copies): 4 arguments");
        return NULL;
    }
    Py_ssize_t most = PyLong_AsSsize_t(args[1]);
    Py_ssize_t prose = PyLong_AsSsize_t(args[2]);
    Py_ssize_t copies = PyLong_AsSsize_t(args[3]);
    if (PyErr_Occurred())
        return NULL;
    PyObject *seq = PySequence_Fast(args[0], "under_prose(texts, ...): a sequence of str");
    if (seq == NULL)
        return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *under = NULL, *out = NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyUnicode_Check(PySequence_Fast_GET_ITEM(seq, i))) {
            PyErr_SetString(PyExc_TypeError, "under_prose: texts must be str");
            goto done;
        }
    }
    int twice = short_twice(seq, most);
    if (twice < 0)
        goto done;
    out = PyList_New(0);
    if (out == NULL || !twice)
        goto done;
    under = PyDict_New(); /* key -> its lines, in order of first line (dicts keep it) */
    if (under == NULL)
        goto fail;
    for (Py_ssize_t i = 1; i < n; i++) {
        PyObject *text = PySequence_Fast_GET_ITEM(seq, i);
        if (PyUnicode_GET_LENGTH(text) > most
            || PyUnicode_GET_LENGTH(PySequence_Fast_GET_ITEM(seq, i - 1)) < prose)
            continue;
        PyObject *key = stripped_text(text);
        if (key == NULL)
            goto fail;
        if (PyUnicode_GET_LENGTH(key) == 0) {
            Py_DECREF(key);
            continue;
        }
        PyObject *lines = PyDict_GetItemWithError(under, key); /* borrowed */
        if (lines == NULL) {
            if (PyErr_Occurred() || (lines = PyList_New(0)) == NULL
                || PyDict_SetItem(under, key, lines) < 0) {
                Py_XDECREF(lines);
                Py_DECREF(key);
                goto fail;
            }
            Py_DECREF(lines); /* the dict holds it */
        }
        Py_DECREF(key);
        if (append_index(lines, i) < 0)
            goto fail;
    }
    PyObject *key, *lines;
    Py_ssize_t pos = 0;
    while (PyDict_Next(under, &pos, &key, &lines)) {
        if (PyList_GET_SIZE(lines) < copies)
            continue;
        PyObject *pair = PyTuple_Pack(2, key, lines);
        if (pair == NULL || PyList_Append(out, pair) < 0) {
            Py_XDECREF(pair);
            goto fail;
        }
        Py_DECREF(pair);
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    Py_DECREF(seq);
    Py_XDECREF(under);
    return out;
}

/* What `prose_test` was given: the word counter and the characters (kept as str). */
static PyObject *prose_words = NULL, *prose_stops = NULL, *prose_marks = NULL;
#define PROSE_WORDS 25    /* prose.prose_of: this many words are prose whatever their end */
#define SENTENCE_WORDS 8  /* and this many, when they end a sentence */

static int
one_of(PyObject *chars, Py_UCS4 ch)
{
    const int kind = PyUnicode_KIND(chars);
    const void *data = PyUnicode_DATA(chars);
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(chars); k++)
        if (PyUnicode_READ(kind, data, k) == ch)
            return 1;
    return 0;
}

/* The length of `text.rstrip().rstrip(DIRECTION_MARKS).rstrip()` (prose.text_end). */
static Py_ssize_t
end_of(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t end = PyUnicode_GET_LENGTH(text);
    while (end > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)))
        end--;
    while (end > 0 && one_of(prose_marks, PyUnicode_READ(kind, data, end - 1)))
        end--;
    while (end > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)))
        end--;
    return end;
}

/* prose.is_prose(text): prose_of(text, count_words(text)), text_end read in place. */
static PyObject *
is_prose(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "is_prose(text): a str");
        return NULL;
    }
    PyObject *counted = PyObject_CallOneArg(prose_words, text);
    if (counted == NULL)
        return NULL;
    Py_ssize_t words = PyLong_AsSsize_t(counted);
    Py_DECREF(counted);
    if (words == -1 && PyErr_Occurred())
        return NULL;
    if (words >= PROSE_WORDS)
        Py_RETURN_TRUE;
    if (words < SENTENCE_WORDS)
        Py_RETURN_FALSE;
    Py_ssize_t end = end_of(text);
    return PyBool_FromLong(
        end > 0 && one_of(prose_stops, PyUnicode_READ_CHAR(text, end - 1)));
}

/* prose.text_end(text): text[:end_of(text)]. */
static PyObject *
text_end(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text_end(text): a str");
        return NULL;
    }
    return PyUnicode_Substring(text, 0, end_of(text));
}

static PyMethodDef text_end_def = {
    "text_end", text_end, METH_O, "text_end(text): prose.text_end, in C."};

static PyMethodDef is_prose_def = {
    "is_prose", is_prose, METH_O,
    "is_prose(text): prose.is_prose, in C (words counted by the count_words given)."};

static PyObject *
prose_test(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyCallable_Check(args[0]) || !PyUnicode_Check(args[1])
        || !PyUnicode_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "prose_test(count_words, stops, marks)");
        return NULL;
    }
    Py_XSETREF(prose_words, Py_NewRef(args[0]));
    Py_XSETREF(prose_stops, Py_NewRef(args[1]));
    Py_XSETREF(prose_marks, Py_NewRef(args[2]));
    PyObject *prose = PyCFunction_New(&is_prose_def, NULL);
    PyObject *end = PyCFunction_New(&text_end_def, NULL);
    PyObject *out = prose != NULL && end != NULL ? PyTuple_Pack(2, prose, end) : NULL;
    Py_XDECREF(prose);
    Py_XDECREF(end);
    return out;
}

/* round(expm1(x)) as Python's round() of a float gives it (half to even), as a long long;
 * -1 with an exception set where Python's round() raises (NaN, infinity) or the count is
 * beyond a long long (no line has that many words). */
static int
rounded_expm1(double x, long long *out)
{
    double y = expm1(x);
    double r = round(y);
    if (fabs(y - r) == 0.5)
        r = 2.0 * round(y / 2.0);
    if (!isfinite(r) || fabs(r) > 9.0e15) {
        PyObject *n = PyLong_FromDouble(r); /* Python's error for NaN and infinity */
        if (n == NULL)
            return -1;
        Py_DECREF(n);
        PyErr_SetString(PyExc_OverflowError, "summary: a count beyond a long long");
        return -1;
    }
    *out = (long long)r;
    return 0;
}

/* `text` copied to `at`; the end of the copy. */
static char *
put_text(char *at, const char *text)
{
    size_t n = strlen(text);
    memcpy(at, text, n);
    return at + n;
}

/* `value` in decimal, as str(int) writes it, copied to `at`; the end of the copy. */
static char *
put_count(char *at, long long value)
{
    char digits[24];
    int n = 0;
    unsigned long long u = value < 0 ? 0ULL - (unsigned long long)value
                                     : (unsigned long long)value;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (value < 0)
        *at++ = '-';
    while (n)
        *at++ = digits[--n];
    return at;
}

/* The account of one line from its six features (see `summary_at`). Written into one
 * buffer of ASCII and copied into a str once: a removed line's summary is made for every
 * line the model removes, and printf's and PyUnicode_FromFormat's parsing cost more than
 * the text. */
static PyObject *
summary_of(const double *v, double score)
{
    const double logw = v[0], end = v[1], inside = v[2], distance = v[3], run = v[4];
    const double repeated = v[5];
    long long words, lines = 0, shortrun;
    if (rounded_expm1(logw, &words) < 0)
        return NULL;
    if (!inside && rounded_expm1(distance, &lines) < 0)
        return NULL;
    if (rounded_expm1(run, &shortrun) < 0)
        return NULL;
    char *probability = PyOS_double_to_string(score, 'f', 2, 0, NULL);
    if (probability == NULL)
        return NULL;
    /* The parts: four counts of 20 characters at most and 130 of words. */
    char parts[256];
    char *at = put_count(parts, words);
    at = put_text(at, words != 1 ? " words, " : " word, ");
    at = put_text(at, end ? "ends a sentence" : "no sentence end");
    if (inside)
        at = put_text(at, ", inside the body region");
    else {
        at = put_text(at, ", ");
        at = put_count(at, lines);
        at = put_text(at, " lines from the body region");
    }
    if (shortrun >= 3) {
        at = put_text(at, ", in a run of ");
        at = put_count(at, shortrun);
        at = put_text(at, " short lines");
    }
    if (repeated)
        at = put_text(at, ", repeated in the file");
    static const char head[] = "line model: body probability ";
    const Py_ssize_t nhead = (Py_ssize_t)sizeof head - 1;
    const Py_ssize_t nprob = (Py_ssize_t)strlen(probability), nparts = at - parts;
    PyObject *out = PyUnicode_New(nhead + nprob + 2 + nparts + 1, 127);
    if (out != NULL) {
        char *text = (char *)PyUnicode_1BYTE_DATA(out);
        memcpy(text, head, (size_t)nhead);
        text += nhead;
        memcpy(text, probability, (size_t)nprob);
        text += nprob;
        *text++ = ' ';
        *text++ = '(';
        memcpy(text, parts, (size_t)nparts);
        text[nparts] = ')';
    }
    PyMem_Free(probability);
    return out;
}

/* summary_at(matrix, k, score): the account of row k of `matrix`, a C-contiguous buffer of
 * doubles with six columns (the features `summary_of` reads), read in place: a pass's
 * features need not become a list of rows of floats for the few lines it removes. */
static PyObject *
summary_at(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "summary_at(matrix, k, score): 3 arguments");
        return NULL;
    }
    Py_ssize_t k = PyLong_AsSsize_t(args[1]);
    if (k == -1 && PyErr_Occurred())
        return NULL;
    double score = PyFloat_AsDouble(args[2]);
    if (score == -1.0 && PyErr_Occurred())
        return NULL;
    Py_buffer view;
    if (PyObject_GetBuffer(args[0], &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return NULL;
    if (view.ndim != 2 || view.shape[1] != 6 || view.itemsize != sizeof(double)
        || view.format == NULL || strcmp(view.format, "d") != 0) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "summary_at: a matrix of doubles, six columns");
        return NULL;
    }
    if (k < 0 || k >= view.shape[0]) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_IndexError, "summary_at: no such row");
        return NULL;
    }
    double v[6];
    memcpy(v, (const char *)view.buf + k * 6 * sizeof(double), sizeof v);
    PyBuffer_Release(&view);
    return summary_of(v, score);
}

/* The account of row k of a pass's features `view` (2-D doubles, any strides), its six
 * columns where `columns` says: model_verdicts' removals and its rule lines kept over
 * their rule both write it. */
static PyObject *
row_summary(const Py_buffer *view, const Py_ssize_t *columns, Py_ssize_t k, PyObject *score)
{
    if (k >= view->shape[0]) {
        PyErr_SetString(PyExc_IndexError, "model_verdicts: no such row of x");
        return NULL;
    }
    double v[6];
    const char *row = (const char *)view->buf + k * view->strides[0];
    for (int c = 0; c < 6; c++)
        v[c] = *(const double *)(row + columns[c] * view->strides[1]);
    double s = PyFloat_AsDouble(score);
    if (s == -1.0 && PyErr_Occurred())
        return NULL;
    return summary_of(v, s);
}

/* A group of label lines, read out of its list once. */
typedef struct {
    Py_ssize_t *at;
    Py_ssize_t n;
} Group;

/* labels._take_turns(a, b, free). */
static int
take_turns(const Group *a, const Group *b, const Py_ssize_t *free_before, long miss_turns)
{
    Py_ssize_t ia = 0, ib = 0, count = a->n + b->n;
    Py_ssize_t missed = 0, crowded = 0, last = -1;
    int last_tag = -1;
    for (Py_ssize_t step = 0; step < count; step++) {
        int tag = ib == b->n || (ia < a->n && a->at[ia] < b->at[ib]) ? 0 : 1;
        Py_ssize_t line = tag == 0 ? a->at[ia++] : b->at[ib++];
        if (last_tag >= 0) {
            if (line - last < 2)
                return 0;
            missed += tag == last_tag;
            crowded += free_before[line] == free_before[last + 1];
        }
        last = line;
        last_tag = tag;
    }
    return missed * miss_turns <= count - 1 && 2 * crowded < count - 1;
}

typedef struct {
    Py_ssize_t line, group;
} Labelled;

static int
by_line(const void *x, const void *y)
{
    Py_ssize_t a = ((const Labelled *)x)->line, b = ((const Labelled *)y)->line;
    return (a > b) - (a < b);
}

static PyObject *
label_pairs(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError,
                        "label_pairs(recurring, lines, partners, miss_turns): a list and 3 ints");
        return NULL;
    }
    PyObject *recurring = args[0];
    Py_ssize_t lines = PyLong_AsSsize_t(args[1]);
    Py_ssize_t partners = PyLong_AsSsize_t(args[2]);
    long miss_turns = PyLong_AsLong(args[3]);
    if (PyErr_Occurred())
        return NULL;
    const Py_ssize_t groups = PyList_GET_SIZE(recurring);
    Py_ssize_t total = 0;
    for (Py_ssize_t k = 0; k < groups; k++) {
        PyObject *g = PyList_GET_ITEM(recurring, k);
        if (!PyList_Check(g) || PyList_GET_SIZE(g) < 2) {
            PyErr_SetString(PyExc_ValueError, "label_pairs: each group a list of 2 lines or more");
            return NULL;
        }
        total += PyList_GET_SIZE(g);
    }
    PyObject *out = NULL;
    Group *group = PyMem_Calloc(groups ? groups : 1, sizeof(Group));
    Py_ssize_t *at = PyMem_Malloc(sizeof(Py_ssize_t) * (total ? total : 1));
    Labelled *order = PyMem_Malloc(sizeof(Labelled) * (total ? total : 1));
    Py_ssize_t *first = PyMem_Malloc(sizeof(Py_ssize_t) * (groups ? groups : 1));
    Py_ssize_t *partner = PyMem_Malloc(sizeof(Py_ssize_t) * (groups ? groups : 1));
    Py_ssize_t *free_before = PyMem_Calloc(lines + 1, sizeof(Py_ssize_t));
    if (!group || !at || !order || !first || !partner || !free_before) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t used = 0;
    for (Py_ssize_t k = 0; k < groups; k++) {
        PyObject *g = PyList_GET_ITEM(recurring, k);
        group[k].at = at + used;
        group[k].n = PyList_GET_SIZE(g);
        for (Py_ssize_t j = 0; j < group[k].n; j++) {
            Py_ssize_t line = PyLong_AsSsize_t(PyList_GET_ITEM(g, j));
            if (line == -1 && PyErr_Occurred())
                goto done;
            if (line < 0 || line >= lines || (j > 0 && line <= group[k].at[j - 1])) {
                PyErr_SetString(PyExc_ValueError,
                                "label_pairs: lines in order, each within the file");
                goto done;
            }
            group[k].at[j] = line;
            order[used + j].line = line;
            order[used + j].group = k;
        }
        used += group[k].n;
        partner[k] = -1;
    }
    qsort(order, total, sizeof(Labelled), by_line);
    for (Py_ssize_t pos = 0; pos < total; pos++) {
        if (pos > 0 && order[pos].line == order[pos - 1].line) {
            PyErr_SetString(PyExc_ValueError, "label_pairs: a line in two groups");
            goto done;
        }
    }
    for (Py_ssize_t pos = total - 1; pos >= 0; pos--)
        first[order[pos].group] = pos;
    /* free_before[j]: the lines before line j that are no recurring label */
    {
        Py_ssize_t pos = 0, count = 0;
        for (Py_ssize_t j = 0; j < lines; j++) {
            free_before[j] = count;
            if (pos < total && order[pos].line == j)
                pos++;
            else
                count++;
        }
        free_before[lines] = count;
    }
    out = PyList_New(0);
    if (out == NULL)
        goto done;
    Py_ssize_t tried[64];
    if (partners < 1 || partners > 64) {
        PyErr_SetString(PyExc_ValueError, "label_pairs: 1 to 64 partners");
        Py_CLEAR(out);
        goto done;
    }
    for (Py_ssize_t k = 0; k < groups; k++) {
        const Group *a = &group[k];
        Py_ssize_t ntried = 0;
        for (Py_ssize_t pos = first[k] + 1; pos < total; pos++) {
            Py_ssize_t i = order[pos].line, m = order[pos].group;
            if (i > a->at[1])
                break; /* A, A: the first entry has no second label */
            if (m == k)
                continue;
            int seen = 0;
            for (Py_ssize_t t = 0; t < ntried && !seen; t++)
                seen = tried[t] == m;
            if (seen)
                continue;
            tried[ntried++] = m;
            const Group *b = &group[m];
            Py_ssize_t gap = a->n > b->n ? a->n - b->n : b->n - a->n;
            if (i > a->at[0] + 1 && gap * miss_turns <= a->n + b->n - 1
                && take_turns(a, b, free_before, miss_turns)) {
                if (partner[m] != k) {
                    partner[k] = m;
                    PyObject *pair = Py_BuildValue("(nn)", k, m);
                    if (pair == NULL || PyList_Append(out, pair) < 0) {
                        Py_XDECREF(pair);
                        Py_CLEAR(out);
                        goto done;
                    }
                    Py_DECREF(pair);
                }
                break;
            }
            if (ntried == partners)
                break;
        }
    }
done:
    PyMem_Free(group);
    PyMem_Free(at);
    PyMem_Free(order);
    PyMem_Free(first);
    PyMem_Free(partner);
    PyMem_Free(free_before);
    return out;
}

/* A trigram as one key: three code points (21 bits each), plus one so that no key is 0,
 * the mark of an empty slot. */
static inline uint64_t
trigram_key(int kind, const void *data, Py_ssize_t k)
{
    return (((uint64_t)PyUnicode_READ(kind, data, k) << 42)
            | ((uint64_t)PyUnicode_READ(kind, data, k + 1) << 21)
            | (uint64_t)PyUnicode_READ(kind, data, k + 2)) + 1;
}

/* The slot of `key` in a table of 2**bits slots (linear probing): where it is, or the
 * empty slot where it would go. The table is never full (at least twice the keys). */
static inline uint64_t *
trigram_slot(uint64_t *slots, int bits, uint64_t key)
{
    size_t mask = ((size_t)1 << bits) - 1;
    size_t at = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
    while (slots[at] != 0 && slots[at] != key)
        at = (at + 1) & mask;
    return &slots[at];
}

static PyObject *
held_trigrams(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "held_trigrams(text: str, grams)");
        return NULL;
    }
    PyObject *text = args[0];
    /* The grams listed first: whatever Python code their iterator runs, none runs while
     * the set below is read. */
    PyObject *grams = PySequence_Fast(args[1], "held_trigrams: an iterable of grams");
    if (grams == NULL)
        return NULL;
    /* The set of the last text asked about is kept: a lead is asked about each of a few
     * candidates in turn (titles.Lead.shared), and its set cost more than their grams. A
     * str does not change, and the text is held while its set is. */
    static PyObject *held_text = NULL;
    static uint64_t *held_slots = NULL;
    static int held_bits = 0;
    if (text != held_text) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        int bits = 6;
        while (((Py_ssize_t)1 << bits) < 2 * n)
            bits++;
        uint64_t *made = PyMem_Calloc((size_t)1 << bits, sizeof(uint64_t));
        if (made == NULL) {
            Py_DECREF(grams);
            return PyErr_NoMemory();
        }
        for (Py_ssize_t k = 0; k + 2 < n; k++) {
            uint64_t key = trigram_key(kind, data, k);
            *trigram_slot(made, bits, key) = key;
        }
        PyMem_Free(held_slots);
        Py_XSETREF(held_text, Py_NewRef(text));
        held_slots = made;
        held_bits = bits;
    }
    Py_ssize_t held = 0;
    for (Py_ssize_t g = 0; g < PySequence_Fast_GET_SIZE(grams); g++) {
        PyObject *gram = PySequence_Fast_GET_ITEM(grams, g);
        if (!PyUnicode_Check(gram)) {
            Py_DECREF(grams);
            PyErr_SetString(PyExc_TypeError, "held_trigrams: a gram that is not a str");
            return NULL;
        }
        if (PyUnicode_GET_LENGTH(gram) == 3) {
            uint64_t key = trigram_key(PyUnicode_KIND(gram), PyUnicode_DATA(gram), 0);
            held += *trigram_slot(held_slots, held_bits, key) == key;
        }
    }
    Py_DECREF(grams);
    return PyLong_FromSsize_t(held);
}

static PyObject *
limits(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("(iiii)", MAX_WORDS, MIN_ITEMS, PROSE_WORDS, SENTENCE_WORDS);
}

/* A model pass's verdicts (classify._model_verdicts): the verdict type and the constants it
 * is made of, bound once by `verdict_kit`. A verdict is made here as the dataclass's
 * __init__ and __post_init__ make it (each field stored in its slot, `keep` from the
 * label), without their eight object.__setattr__ calls: thousands of removed lines a run. */
enum { V_LABEL, V_RULE, V_DETAIL, V_KEEP_TEXT, V_META, V_DUP, V_SCORE, V_KEEP, V_FIELDS };
static const char *const verdict_fields[V_FIELDS] = {
    "label", "rule", "detail", "keep_text", "meta", "dup", "score", "keep"};
static PyTypeObject *verdict_type = NULL;
static Py_ssize_t verdict_offsets[V_FIELDS];
static PyObject *label_body = NULL, *label_boilerplate = NULL, *model_rule = NULL;
static PyObject *empty_text = NULL;  /* the default detail, "" */

#define VERDICT_SLOT(v, f) (*(PyObject **)((char *)(v) + verdict_offsets[f]))

/* verdict_kit(Verdict, BODY, BOILERPLATE, rule): bind the verdict type (a class with
 * __slots__ for exactly the fields above, read as member descriptors), its two labels and
 * the model's rule id. */
static PyObject *
verdict_kit(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyType_Check(args[0]) || !PyUnicode_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "verdict_kit(Verdict, BODY, BOILERPLATE, rule)");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)args[0];
    Py_ssize_t offsets[V_FIELDS];
    if (type->tp_dictoffset != 0 || type->tp_itemsize != 0) {
        PyErr_SetString(PyExc_TypeError, "verdict_kit: a class with __slots__ only");
        return NULL;
    }
    for (int f = 0; f < V_FIELDS; f++) {
        PyObject *descr = PyObject_GetAttrString(args[0], verdict_fields[f]);
        if (descr == NULL)
            return NULL;
        int ok = Py_IS_TYPE(descr, &PyMemberDescr_Type)
                 && ((PyMemberDescrObject *)descr)->d_common.d_type == type;
        if (ok) {
            PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
            ok = member->type == T_OBJECT_EX && !(member->flags & READONLY)
                 && member->offset >= (Py_ssize_t)sizeof(PyObject)
                 && member->offset + (Py_ssize_t)sizeof(PyObject *) <= type->tp_basicsize;
            offsets[f] = member->offset;
        }
        Py_DECREF(descr);
        if (!ok) {
            PyErr_Format(PyExc_TypeError, "verdict_kit: %s is no slot of the class",
                         verdict_fields[f]);
            return NULL;
        }
    }
    memcpy(verdict_offsets, offsets, sizeof offsets);
    Py_XSETREF(verdict_type, (PyTypeObject *)Py_NewRef(args[0]));
    Py_XSETREF(label_body, Py_NewRef(args[1]));
    Py_XSETREF(label_boilerplate, Py_NewRef(args[2]));
    Py_XSETREF(model_rule, Py_NewRef(args[3]));
    if (empty_text == NULL && (empty_text = PyUnicode_New(0, 0)) == NULL)
        return NULL;
    Py_RETURN_NONE;
}

/* Verdict(label, rule, detail, score=score): a new reference, NULL on error. */
static PyObject *
new_verdict(PyObject *label, PyObject *rule, PyObject *detail, PyObject *score)
{
    PyObject *v = verdict_type->tp_alloc(verdict_type, 0);
    if (v == NULL)
        return NULL;
    PyObject *values[V_FIELDS] = {label, rule, detail, Py_None, Py_None, Py_None, score,
                                  label == label_body ? Py_True : Py_False};
    for (int f = 0; f < V_FIELDS; f++)
        VERDICT_SLOT(v, f) = Py_NewRef(values[f]);
    return v;
}

/* Verdict(label, rule, detail, meta=meta, score=score): a new reference, NULL on error. */
static PyObject *
new_verdict_meta(PyObject *label, PyObject *rule, PyObject *detail, PyObject *meta,
                 PyObject *score)
{
    PyObject *v = new_verdict(label, rule, detail, score);
    if (v != NULL)
        Py_SETREF(VERDICT_SLOT(v, V_META), Py_NewRef(meta));
    return v;
}

/* Whether model_verdicts sets a rule's verdict itself (`_model_verdict_of`'s cases of a
 * line some rule decided): of the bound class, its rule and detail str, its label and meta
 * set; kept (a soft rule the model overruled on an earlier pass) or removed. */
static int
ruled_verdict(PyObject *v)
{
    if (!Py_IS_TYPE(v, verdict_type))
        return 0;
    PyObject *keep = VERDICT_SLOT(v, V_KEEP), *rule = VERDICT_SLOT(v, V_RULE);
    PyObject *detail = VERDICT_SLOT(v, V_DETAIL);
    return (keep == Py_True || keep == Py_False) && rule != NULL && PyUnicode_CheckExact(rule)
           && detail != NULL && PyUnicode_CheckExact(detail)
           && VERDICT_SLOT(v, V_LABEL) != NULL && VERDICT_SLOT(v, V_META) != NULL;
}

/* Item `k` of list `list` as a double (a Python float); -1 with an exception set. */
static int
float_at(PyObject *list, Py_ssize_t k, double *out)
{
    if (k < 0 || k >= PyList_GET_SIZE(list)) {
        PyErr_SetString(PyExc_IndexError, "model_verdicts: no such position");
        return -1;
    }
    *out = PyFloat_AsDouble(PyList_GET_ITEM(list, k));
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

/* model_verdicts(verdicts, rows, todo, scores, probabilities, threshold, lists, items,
 *                x, columns, scored_body) -> (changed, rest)
 * classify._model_verdicts for the lines of `todo` (positions in `rows`) whose verdict is
 * plain body (kept, no rule): body -> the shared verdict of its score in `scored_body`
 * (made and put there if missing), else removed by the model with the summary of row k of
 * `x` (the six `columns` of `_Summaries`); and for the lines a rule decided (a removal
 * the model may overrule, a soft rule's line it kept before), as `_model_verdict_of` sets
 * them: kept over the rule with "rule (detail) overruled: summary", or the rule's verdict
 * with "detail; summary" (its meta kept), or left as it is (kept again). `rest`: the
 * positions left to Python, in order (any other verdict, a line of a header's list, an
 * item kept by its list's mean, a soft rule's line removed again). */
static PyObject *
model_verdicts(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if ((nargs != 11 && nargs != 12) || !PyList_Check(args[0]) || !PyList_Check(args[1])
        || !PyList_Check(args[2]) || !PyList_Check(args[3]) || !PyList_Check(args[4])
        || !PyDict_Check(args[6]) || !PyDict_Check(args[7]) || !PyTuple_Check(args[9])
        || PyTuple_GET_SIZE(args[9]) != 6 || !PyDict_Check(args[10])) {
        PyErr_SetString(PyExc_TypeError,
                        "model_verdicts(verdicts, rows, todo, scores, probabilities, "
                        "threshold, lists, items, x, columns, scored_body[, listed])");
        return NULL;
    }
    if (verdict_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "model_verdicts: verdict_kit first");
        return NULL;
    }
    /* The bar of a header's list's lines (`lists`' mean), where given: else they are left
     * to Python. */
    int has_listed = nargs == 12;
    double listed_bar = has_listed ? PyFloat_AsDouble(args[11]) : 0.0;
    if (listed_bar == -1.0 && PyErr_Occurred())
        return NULL;
    PyObject *verdicts = args[0], *rows = args[1], *todo = args[2], *scores = args[3];
    PyObject *probabilities = args[4], *lists = args[6], *items = args[7];
    PyObject *scored_body = args[10];
    double threshold = PyFloat_AsDouble(args[5]);
    if (threshold == -1.0 && PyErr_Occurred())
        return NULL;
    Py_ssize_t columns[6];
    for (int c = 0; c < 6; c++) {
        columns[c] = PyLong_AsSsize_t(PyTuple_GET_ITEM(args[9], c));
        if (columns[c] == -1 && PyErr_Occurred())
            return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(args[8], &view, PyBUF_STRIDES | PyBUF_FORMAT) < 0)
        return NULL;
    PyObject *rest = NULL, *out = NULL;
    if (view.ndim != 2 || view.itemsize != sizeof(double) || view.format == NULL
        || strcmp(view.format, "d") != 0) {
        PyErr_SetString(PyExc_ValueError, "model_verdicts: x, a matrix of doubles");
        goto done;
    }
    for (int c = 0; c < 6; c++) {
        if (columns[c] < 0 || columns[c] >= view.shape[1]) {
            PyErr_SetString(PyExc_IndexError, "model_verdicts: no such column");
            goto done;
        }
    }
    rest = PyList_New(0);
    if (rest == NULL)
        goto done;
    int changed = 0;
    const Py_ssize_t n = PyList_GET_SIZE(todo);
    for (Py_ssize_t t = 0; t < n; t++) {
        PyObject *key = PyList_GET_ITEM(todo, t);
        Py_ssize_t k = PyLong_AsSsize_t(key);
        if (k == -1 && PyErr_Occurred())
            goto done;
        if (k < 0 || k >= PyList_GET_SIZE(rows)) {
            PyErr_SetString(PyExc_IndexError, "model_verdicts: no such row");
            goto done;
        }
        Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(rows, k));
        if (i == -1 && PyErr_Occurred())
            goto done;
        if (i < 0 || i >= PyList_GET_SIZE(verdicts)) {
            PyErr_SetString(PyExc_IndexError, "model_verdicts: no such line");
            goto done;
        }
        PyObject *verdict = PyList_GET_ITEM(verdicts, i);
        int plain = Py_IS_TYPE(verdict, verdict_type)
                    && VERDICT_SLOT(verdict, V_KEEP) == Py_True
                    && VERDICT_SLOT(verdict, V_RULE) == Py_None;
        /* A line a rule decided: set here too (`_model_verdict_of`), but for the lines of
         * a header's list (their own bar) and a soft rule's line the model removes again
         * (`_soft_again`). */
        int ruled = !plain && ruled_verdict(verdict);
        PyObject *mean_of_list = NULL;
        if (plain || ruled) {
            mean_of_list = PyDict_GetItemWithError(lists, key);
            if (mean_of_list == NULL && PyErr_Occurred())
                goto done;
        }
        if ((!plain && !ruled) || (mean_of_list != NULL && !has_listed)) {
            if (PyList_Append(rest, key) < 0)
                goto done;
            continue;
        }
        double pk;
        if (float_at(probabilities, k, &pk) < 0)
            goto done;
        PyObject *item = PyDict_GetItemWithError(items, key);
        if (item == NULL && PyErr_Occurred())
            goto done;
        int body;
        if (mean_of_list != NULL) {
            /* `lists[k] >= listed`: a float, or any number Python compares so */
            if (!PyFloat_CheckExact(mean_of_list)) {
                if (PyList_Append(rest, key) < 0)
                    goto done;
                continue;
            }
            body = PyFloat_AS_DOUBLE(mean_of_list) >= listed_bar;
            if (plain && item != NULL && body && pk < threshold) {
                if (PyList_Append(rest, key) < 0)  /* Python's item account */
                    goto done;
                continue;
            }
        }
        else if (item != NULL) {
            double mean = PyFloat_AsDouble(item);
            if (mean == -1.0 && PyErr_Occurred())
                goto done;
            body = (mean > pk ? mean : pk) >= threshold;  /* max(pk, mean) */
            if (plain && body && pk < threshold) {  /* kept by its list: Python says so */
                if (PyList_Append(rest, key) < 0)
                    goto done;
                continue;
            }
        }
        else
            body = pk >= threshold;
        if (ruled && VERDICT_SLOT(verdict, V_KEEP) == Py_True) {
            if (body)
                continue;  /* kept over its soft rule again: unchanged */
            if (PyList_Append(rest, key) < 0)  /* removed again: `_soft_again` */
                goto done;
            continue;
        }
        if (k >= PyList_GET_SIZE(scores)) {
            PyErr_SetString(PyExc_IndexError, "model_verdicts: no such score");
            goto done;
        }
        PyObject *score = PyList_GET_ITEM(scores, k);
        PyObject *made;
        if (ruled) {
            /* f"{rule} ({detail}) overruled: {summary}" kept, or the rule's verdict with
             * f"{detail}; {summary}" and its meta */
            PyObject *summary = row_summary(&view, columns, k, score);
            if (summary == NULL)
                goto done;
            PyObject *rule = VERDICT_SLOT(verdict, V_RULE);
            PyObject *detail = VERDICT_SLOT(verdict, V_DETAIL);
            PyObject *text = body
                ? PyUnicode_FromFormat("%U (%U) overruled: %U", rule, detail, summary)
                : PyUnicode_FromFormat("%U; %U", detail, summary);
            Py_DECREF(summary);
            if (text == NULL)
                goto done;
            made = body ? new_verdict(label_body, model_rule, text, score)
                        : new_verdict_meta(VERDICT_SLOT(verdict, V_LABEL), rule, text,
                                           VERDICT_SLOT(verdict, V_META), score);
            Py_DECREF(text);
            if (made == NULL)
                goto done;
            changed |= body;
        }
        else if (body) {
            made = PyDict_GetItemWithError(scored_body, score);
            if (made != NULL)
                Py_INCREF(made);
            else if (PyErr_Occurred())
                goto done;
            else {
                made = new_verdict(label_body, Py_None, empty_text, score);
                if (made == NULL || PyDict_SetItem(scored_body, score, made) < 0) {
                    Py_XDECREF(made);
                    goto done;
                }
            }
        }
        else {
            PyObject *detail = row_summary(&view, columns, k, score);
            if (detail == NULL)
                goto done;
            made = new_verdict(label_boilerplate, model_rule, detail, score);
            Py_DECREF(detail);
            if (made == NULL)
                goto done;
            changed = 1;
        }
        PyList_SetItem(verdicts, i, made);  /* steals `made`, drops the old verdict */
    }
    out = Py_BuildValue("(OO)", changed ? Py_True : Py_False, rest);
done:
    Py_XDECREF(rest);
    PyBuffer_Release(&view);
    return out;
}

/* Whether verdict `v` is kept: 1, 0, or -1 with an exception set. A verdict of the bound
 * class is read from its slot, anything else as Python reads `v.keep`. */
static int
keeps(PyObject *v)
{
    if (verdict_type != NULL && Py_IS_TYPE(v, verdict_type)) {
        PyObject *keep = VERDICT_SLOT(v, V_KEEP);
        if (keep == Py_True)
            return 1;
        if (keep == Py_False)
            return 0;
    }
    PyObject *keep = PyObject_GetAttrString(v, "keep");
    if (keep == NULL)
        return -1;
    int out = PyObject_IsTrue(keep);
    Py_DECREF(keep);
    return out;
}

/* kept_lines(verdicts) -> [i for i, v in enumerate(verdicts) if v.keep] */
static PyObject *
kept_lines(PyObject *self, PyObject *verdicts)
{
    if (!PyList_Check(verdicts)) {
        PyErr_SetString(PyExc_TypeError, "kept_lines(verdicts): a list");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(verdicts); i++) {
        PyObject *v = Py_NewRef(PyList_GET_ITEM(verdicts, i));
        int kept = keeps(v);
        Py_DECREF(v);
        if (kept < 0)
            goto fail;
        if (kept) {
            if (append_index(out, i) < 0)
                goto fail;
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* A position (an int) read as Python reads a list index (a negative one from the end) of a
 * list of `n`, or -1 with IndexError. */
static Py_ssize_t
index_in(PyObject *obj, Py_ssize_t n)
{
    Py_ssize_t i = PyLong_AsSsize_t(obj);
    if (i == -1 && PyErr_Occurred())
        return -1;
    if (i < 0)
        i += n;
    if (i < 0 || i >= n) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    return i;
}

/* unplain(verdicts, rows, todo) -> [k for k in todo if not (v.keep and v.rule is None)],
 * v = verdicts[rows[k]]: the lines of a pass's `todo` that are not plain body, the only
 * ones `classify._list_scores` looks at (a Python step for every line in play, every
 * pass, found a header's list on few pages). Indices read as a list reads them. */
static PyObject *
unplain(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyList_Check(args[0]) || !PyList_Check(args[1])
        || !PyList_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "unplain(verdicts, rows, todo): three lists");
        return NULL;
    }
    PyObject *verdicts = args[0], *rows = args[1], *todo = args[2];
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t t = 0; t < PyList_GET_SIZE(todo); t++) {
        PyObject *k = PyList_GET_ITEM(todo, t);
        const Py_ssize_t at = index_in(k, PyList_GET_SIZE(rows));
        if (at < 0)
            goto fail;
        const Py_ssize_t i = index_in(PyList_GET_ITEM(rows, at), PyList_GET_SIZE(verdicts));
        if (i < 0)
            goto fail;
        PyObject *v = Py_NewRef(PyList_GET_ITEM(verdicts, i));
        int plain = keeps(v);
        if (plain > 0) {
            PyObject *rule;
            if (verdict_type != NULL && Py_IS_TYPE(v, verdict_type)
                && VERDICT_SLOT(v, V_RULE) != NULL)
                rule = Py_NewRef(VERDICT_SLOT(v, V_RULE));
            else
                rule = PyObject_GetAttrString(v, "rule");
            if (rule == NULL)
                plain = -1;
            else {
                plain = rule == Py_None;
                Py_DECREF(rule);
            }
        }
        Py_DECREF(v);
        if (plain < 0)
            goto fail;
        if (!plain && PyList_Append(out, k) < 0)
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* A pass's `wanted` rules (ruled_rows): one rule or two, so a verdict's rule is told by
 * comparing it with each, not by a set look-up a line. A set finds a str only among its
 * members of the same hash: a rule (an exact str) none of whose hashes match is not in
 * it, one that is a member itself is; any other case asks the set. */
#define FEW_WANTED 8
typedef struct {
    PyObject *set;
    Py_ssize_t n; /* members held below, or -1: ask the set every time */
    int none_in;  /* whether None is in the set */
    PyObject *members[FEW_WANTED];
    Py_hash_t hashes[FEW_WANTED];
} Wanted;

static int
wanted_of(PyObject *set, Wanted *few)
{
    few->set = set;
    few->n = -1;
    few->none_in = PySet_Contains(set, Py_None);
    if (few->none_in < 0)
        return -1;
    if (PySet_GET_SIZE(set) > FEW_WANTED)
        return 0;
    PyObject *it = PyObject_GetIter(set), *item;
    if (it == NULL)
        return -1;
    Py_ssize_t n = 0;
    while ((item = PyIter_Next(it)) != NULL) {
        Py_hash_t h = PyObject_Hash(item);
        if (h == -1 || n == FEW_WANTED) {
            Py_DECREF(item);
            for (Py_ssize_t j = 0; j < n; j++)
                Py_DECREF(few->members[j]);
            Py_DECREF(it);
            if (h == -1)
                return -1;
            return 0;
        }
        few->members[n] = item; /* held until wanted_done */
        few->hashes[n++] = h;
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        for (Py_ssize_t j = 0; j < n; j++)
            Py_DECREF(few->members[j]);
        return -1;
    }
    few->n = n;
    return 0;
}

static void
wanted_done(Wanted *few)
{
    for (Py_ssize_t j = 0; j < few->n; j++)
        Py_DECREF(few->members[j]);
    few->n = -1;
}

/* `rule in wanted`: 1, 0, or -1 with an error set. */
static int
wanted_holds(Wanted *few, PyObject *rule)
{
    if (rule == Py_None)
        return few->none_in;
    if (few->n < 0 || !PyUnicode_CheckExact(rule))
        return PySet_Contains(few->set, rule);
    for (Py_ssize_t j = 0; j < few->n; j++) {
        if (few->members[j] == rule)
            return 1;
    }
    Py_hash_t h = PyObject_Hash(rule);
    if (h == -1)
        return -1;
    for (Py_ssize_t j = 0; j < few->n; j++) {
        if (few->hashes[j] == h)
            return PySet_Contains(few->set, rule);
    }
    return 0;
}

/* ruled_rows(verdicts, rows, wanted) -> [k for k, i in enumerate(rows) if verdicts[i].rule in
 * wanted]: the positions in `rows` (a list of int, or None for every line) of the lines
 * whose verdict's rule is in `wanted` (a frozenset). A verdict of the bound class is read
 * from its slot, anything else as Python reads `v.rule`; an index is read as a list reads
 * it (a negative one from the end). Most passes look for one rule or two that few lines
 * hold: a Python step for every line in play, every pass, found none on most pages. */
static PyObject *
ruled_rows(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyList_Check(args[0]) || (args[1] != Py_None && !PyList_Check(args[1]))
        || !PyFrozenSet_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "ruled_rows(verdicts, rows, wanted): a list, a list "
                                         "or None, a frozenset");
        return NULL;
    }
    PyObject *verdicts = args[0], *rows = args[1], *wanted = args[2];
    Wanted few;
    if (wanted_of(wanted, &few) < 0)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        wanted_done(&few);
        return NULL;
    }
    Py_ssize_t count = rows == Py_None ? PyList_GET_SIZE(verdicts) : PyList_GET_SIZE(rows);
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t n = PyList_GET_SIZE(verdicts), i = k;
        if (rows != Py_None) {
            i = PyLong_AsSsize_t(PyList_GET_ITEM(rows, k));
            if (i == -1 && PyErr_Occurred())
                goto fail;
            if (i < 0)
                i += n;
            if (i < 0 || i >= n) {
                PyErr_SetString(PyExc_IndexError, "list index out of range");
                goto fail;
            }
        }
        PyObject *v = Py_NewRef(PyList_GET_ITEM(verdicts, i)), *rule;
        if (verdict_type != NULL && Py_IS_TYPE(v, verdict_type)
            && VERDICT_SLOT(v, V_RULE) != NULL)
            rule = Py_NewRef(VERDICT_SLOT(v, V_RULE));
        else
            rule = PyObject_GetAttrString(v, "rule");
        Py_DECREF(v);
        if (rule == NULL)
            goto fail;
        int in = wanted_holds(&few, rule);
        Py_DECREF(rule);
        if (in < 0)
            goto fail;
        if (in) {
            if (append_index(out, k) < 0)
                goto fail;
        }
    }
    wanted_done(&few);
    return out;
fail:
    wanted_done(&few);
    Py_DECREF(out);
    return NULL;
}

/* How a rule's verdict reads to the model and the passes (rulecodes.py): the constants
 * its functions read, bound once by `rule_kit`, and their Python twins, asked of any verdict
 * not read here (not of the bound class, a rule neither None nor a str, a detail not a
 * str). rule_code, undecided and taken_by_header are called for most removed lines on
 * every pass, by `codes_and_todo` and by context passes: a Python call each. */
static PyObject *rk_metadata = NULL, *rk_soft = NULL, *rk_in_body = NULL,
                *rk_overruling = NULL, *rk_listed = NULL, *rk_kept_listed = NULL,
                *rk_header_suffix = NULL, *rk_comment_prompt = NULL, *rk_model_rule = NULL,
                *rk_code_of = NULL, *rk_taken_of = NULL, *rk_undecided_of = NULL;

/* rule_kit(Verdict, METADATA, soft, in_body, overruling, listed, kept_listed,
 *          header_suffix, comment_prompt, model_rule, rule_code_of, taken_by_header_of,
 *          undecided_of): after verdict_kit of the same class. */
static PyObject *
rule_kit(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 13 || !PyFrozenSet_Check(args[2]) || !PyFrozenSet_Check(args[3])
        || !PyFrozenSet_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "rule_kit(Verdict, METADATA, soft, in_body, overruling, listed, "
                        "kept_listed, header_suffix, comment_prompt, model_rule, "
                        "rule_code_of, taken_by_header_of, undecided_of)");
        return NULL;
    }
    for (int k = 5; k < 10; k++) {
        if (!PyUnicode_CheckExact(args[k])) {
            PyErr_SetString(PyExc_TypeError, "rule_kit: the texts are str");
            return NULL;
        }
    }
    for (int k = 10; k < 13; k++) {
        if (!PyCallable_Check(args[k])) {
            PyErr_SetString(PyExc_TypeError, "rule_kit: the twins are callable");
            return NULL;
        }
    }
    if (verdict_type == NULL || args[0] != (PyObject *)verdict_type) {
        PyErr_SetString(PyExc_TypeError, "rule_kit: verdict_kit of this class first");
        return NULL;
    }
    PyObject **slots[12] = {&rk_metadata, &rk_soft, &rk_in_body, &rk_overruling, &rk_listed,
                            &rk_kept_listed, &rk_header_suffix, &rk_comment_prompt,
                            &rk_model_rule, &rk_code_of, &rk_taken_of, &rk_undecided_of};
    for (int k = 0; k < 12; k++)
        Py_XSETREF(*slots[k], Py_NewRef(args[k + 1]));
    Py_RETURN_NONE;
}

/* Whether `v` is read here: of the bound class, kept True or False, its rule None or a
 * str, its detail a str, its label and score set. */
static int
rk_native(PyObject *v)
{
    if (rk_code_of == NULL || verdict_type == NULL || !Py_IS_TYPE(v, verdict_type))
        return 0;
    PyObject *keep = VERDICT_SLOT(v, V_KEEP), *rule = VERDICT_SLOT(v, V_RULE);
    PyObject *detail = VERDICT_SLOT(v, V_DETAIL);
    return (keep == Py_True || keep == Py_False) && rule != NULL
           && (rule == Py_None || PyUnicode_CheckExact(rule)) && detail != NULL
           && PyUnicode_CheckExact(detail) && VERDICT_SLOT(v, V_LABEL) != NULL
           && VERDICT_SLOT(v, V_SCORE) != NULL;
}

/* `rule == text` for a rule None or a str. */
static int
rk_is(PyObject *rule, PyObject *text)
{
    return rule == text || (rule != Py_None && PyUnicode_Compare(rule, text) == 0);
}

/* rulecodes.rule_code_of of a verdict read here: 0 to 6, or -1 with an error set. */
static int
rk_code(PyObject *v)
{
    PyObject *rule = VERDICT_SLOT(v, V_RULE), *detail = VERDICT_SLOT(v, V_DETAIL);
    int in;
    if (VERDICT_SLOT(v, V_KEEP) == Py_True) {
        /* overruled_soft_rule: the detail's first word (split(" ", 1)[0]) a soft rule */
        in = PySet_Contains(rk_overruling, rule);
        if (in <= 0)
            return in;
        Py_ssize_t n = PyUnicode_GET_LENGTH(detail);
        Py_ssize_t cut = PyUnicode_FindChar(detail, ' ', 0, n, 1);
        if (cut == -2)
            return -1;
        PyObject *soft = cut < 0 ? Py_NewRef(detail) : PyUnicode_Substring(detail, 0, cut);
        if (soft == NULL)
            return -1;
        in = PySet_Contains(rk_soft, soft);
        Py_DECREF(soft);
        return in < 0 ? -1 : in ? 5 : 0;
    }
    if ((in = PySet_Contains(rk_soft, rule)) != 0)
        return in < 0 ? -1 : 5;
    if ((in = PySet_Contains(rk_in_body, rule)) != 0)
        return in < 0 ? -1 : 0;
    if ((in = (int)PyUnicode_Tailmatch(detail, rk_listed, 0, PY_SSIZE_T_MAX, -1)) != 0)
        return in < 0 ? -1 : 4;
    if (VERDICT_SLOT(v, V_LABEL) == rk_metadata)
        return 2;
    if ((in = (int)PyUnicode_Tailmatch(detail, rk_header_suffix, 0, PY_SSIZE_T_MAX, 1)) != 0)
        return in < 0 ? -1 : 3;
    if (rk_is(rule, rk_comment_prompt))
        return 6;
    return 1;
}

/* rulecodes.undecided_of of a verdict read here whose rule code is `code`. */
static int
rk_undecided(PyObject *v, int code)
{
    if (VERDICT_SLOT(v, V_KEEP) == Py_True)
        return VERDICT_SLOT(v, V_RULE) == Py_None;
    return code == 4 || code == 5;
}

/* classify._model_decides of a verdict read here whose rule code is `code`. */
static int
rk_decides(PyObject *v, int code)
{
    if (VERDICT_SLOT(v, V_SCORE) != Py_None && VERDICT_SLOT(v, V_KEEP) == Py_False)
        return 0;
    return rk_undecided(v, code) || rk_is(VERDICT_SLOT(v, V_RULE), rk_model_rule);
}

/* rule_code(v) -> int: rulecodes.rule_code. */
static PyObject *
rule_code(PyObject *self, PyObject *v)
{
    if (!rk_native(v)) {
        if (rk_code_of == NULL) {
            PyErr_SetString(PyExc_RuntimeError, "rule_code: rule_kit first");
            return NULL;
        }
        return PyObject_CallOneArg(rk_code_of, v);
    }
    int code = rk_code(v);
    return code < 0 ? NULL : PyLong_FromLong(code);
}

/* undecided(v) -> bool: rulecodes.undecided. */
static PyObject *
undecided(PyObject *self, PyObject *v)
{
    if (!rk_native(v)) {
        if (rk_undecided_of == NULL) {
            PyErr_SetString(PyExc_RuntimeError, "undecided: rule_kit first");
            return NULL;
        }
        return PyObject_CallOneArg(rk_undecided_of, v);
    }
    if (VERDICT_SLOT(v, V_KEEP) == Py_True)
        return PyBool_FromLong(VERDICT_SLOT(v, V_RULE) == Py_None);
    int code = rk_code(v);
    return code < 0 ? NULL : PyBool_FromLong(code == 4 || code == 5);
}

/* taken_by_header(v) -> bool: rulecodes.taken_by_header. */
static PyObject *
taken_by_header(PyObject *self, PyObject *v)
{
    if (!rk_native(v)) {
        if (rk_taken_of == NULL) {
            PyErr_SetString(PyExc_RuntimeError, "taken_by_header: rule_kit first");
            return NULL;
        }
        return PyObject_CallOneArg(rk_taken_of, v);
    }
    if (VERDICT_SLOT(v, V_KEEP) == Py_True) {
        if (!rk_is(VERDICT_SLOT(v, V_RULE), rk_model_rule))
            Py_RETURN_FALSE;
        int in = PyUnicode_Contains(VERDICT_SLOT(v, V_DETAIL), rk_kept_listed);
        return in < 0 ? NULL : PyBool_FromLong(in);
    }
    int code = rk_code(v);
    return code < 0 ? NULL : PyBool_FromLong(code == 4);
}

/* codes_and_todo(verdicts, rows, rule_code, decides) -> (codes, todo):
 * classify._codes_and_todo: each line of `rows`' rule code, and the positions in `rows` of
 * the lines the model decides. A plain body verdict (of the bound class, kept, no rule) is
 * code 0 and decided by the model, told here; any other is asked of `rule_code(v)` and
 * `decides(v)`. */
static PyObject *
codes_and_todo(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyList_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "codes_and_todo(verdicts, rows, rule_code, decides)");
        return NULL;
    }
    PyObject *verdicts = args[0], *rows = args[1], *code_of = args[2], *decides = args[3];
    PyObject *codes = PyList_New(0), *todo = PyList_New(0), *zero = PyLong_FromLong(0);
    PyObject *out = NULL;
    if (codes == NULL || todo == NULL || zero == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(rows); k++) {
        Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(rows, k));
        if (i == -1 && PyErr_Occurred())
            goto done;
        if (i < 0 || i >= PyList_GET_SIZE(verdicts)) {
            PyErr_SetString(PyExc_IndexError, "codes_and_todo: no such line");
            goto done;
        }
        PyObject *v = Py_NewRef(PyList_GET_ITEM(verdicts, i));
        int plain = verdict_type != NULL && Py_IS_TYPE(v, verdict_type)
                    && VERDICT_SLOT(v, V_KEEP) == Py_True
                    && VERDICT_SLOT(v, V_RULE) == Py_None;
        PyObject *code;
        int decided = 1;
        if (plain)
            code = Py_NewRef(zero);
        else if (rk_native(v)) {
            /* rule_code and _model_decides read here (rule_kit): no call a line */
            int c = rk_code(v);
            code = c < 0 ? NULL : PyLong_FromLong(c);
            if (code != NULL)
                decided = rk_decides(v, c);
        }
        else {
            code = PyObject_CallOneArg(code_of, v);
            if (code != NULL) {
                PyObject *answer = PyObject_CallOneArg(decides, v);
                decided = answer == NULL ? -1 : PyObject_IsTrue(answer);
                Py_XDECREF(answer);
            }
        }
        Py_DECREF(v);
        if (code == NULL || decided < 0 || PyList_Append(codes, code) < 0) {
            Py_XDECREF(code);
            goto done;
        }
        Py_DECREF(code);
        if (decided) {
            if (append_index(todo, k) < 0)
                goto done;
        }
    }
    out = PyTuple_Pack(2, codes, todo);
done:
    Py_XDECREF(codes);
    Py_XDECREF(todo);
    Py_XDECREF(zero);
    return out;
}

/* One line's end, for credit_candidates: its last `tail` characters and their hash. */
typedef struct {
    uint64_t hash;
    int kind;
    const void *data;
    Py_ssize_t start, len; /* the end's characters: data[start : start + len] */
} LineEnd;

static int
same_end(const LineEnd *x, const LineEnd *y)
{
    if (x->hash != y->hash || x->len != y->len)
        return 0;
    for (Py_ssize_t k = 0; k < x->len; k++)
        if (PyUnicode_READ(x->kind, x->data, x->start + k) !=
            PyUnicode_READ(y->kind, y->data, y->start + k))
            return 0;
    return 1;
}

static int
word_char(Py_UCS4 ch)
{
    return Py_UNICODE_ISALNUM(ch) || ch == '_';
}

/* Whether `word` (lower-case ASCII) starts at position k of the text, in either case, with
 * no word character before it from position `lo` on (a regex's \b in text[lo:]). */
static int
word_at(int kind, const void *data, Py_ssize_t lo, Py_ssize_t len, Py_ssize_t k,
        const char *word)
{
    if (k > lo && word_char(PyUnicode_READ(kind, data, k - 1)))
        return 0;
    for (Py_ssize_t m = 0; word[m]; m++) {
        if (k + m >= len)
            return 0;
        Py_UCS4 ch = PyUnicode_READ(kind, data, k + m);
        if (ch >= 'A' && ch <= 'Z')
            ch += 'a' - 'A';
        if (ch != (Py_UCS4)word[m])
            return 0;
    }
    return 1;
}

/* Whether the character at k opens a credit's mark (see credit_mark). */
static int
mark_at(int kind, const void *data, Py_ssize_t lo, Py_ssize_t len, Py_ssize_t k, Py_UCS4 ch)
{
    switch (ch) {
    case ':':
    case 0xA9:
        return 1;
    case 'b':
    case 'B':
        return word_at(kind, data, lo, len, k, "by");
    case 'v':
    case 'V':
        return word_at(kind, data, lo, len, k, "via");
    case 'c':
    case 'C':
        return word_at(kind, data, lo, len, k, "courtesy");
    default:
        return 0;
    }
}

/* credits._MARK: a colon, "©", or "by", "via", "courtesy" (in either case) opening a word,
 * in the last `window` characters. Latin-1 text (most) is read as bytes. */
static int
credit_mark(int kind, const void *data, Py_ssize_t len, Py_ssize_t window)
{
    const Py_ssize_t lo = len > window ? len - window : 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        /* The characters a mark opens with, looked up: most of a line is none of them. */
        static char opens[256];
        if (!opens[':']) {
            const char *first = ":BbVvCc";
            for (int m = 0; first[m]; m++)
                opens[(unsigned char)first[m]] = 1;
            opens[0xA9] = 1;
        }
        const Py_UCS1 *bytes = data;
        for (Py_ssize_t k = lo; k < len; k++)
            if (opens[bytes[k]] && mark_at(kind, data, lo, len, k, bytes[k]))
                return 1;
        return 0;
    }
    for (Py_ssize_t k = lo; k < len; k++)
        if (mark_at(kind, data, lo, len, k, PyUnicode_READ(kind, data, k)))
            return 1;
    return 0;
}

static PyObject *
credit_candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError,
                        "credit_candidates(texts, tail, minimum, window): four arguments");
        return NULL;
    }
    const Py_ssize_t tail = PyLong_AsSsize_t(args[1]);
    const Py_ssize_t minimum = PyLong_AsSsize_t(args[2]);
    const Py_ssize_t window = PyLong_AsSsize_t(args[3]);
    if ((tail == -1 || minimum == -1 || window == -1) && PyErr_Occurred())
        return NULL;
    PyObject *seq = PySequence_Fast(args[0], "credit_candidates(texts, ...): a sequence");
    if (seq == NULL)
        return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *out = NULL;
    /* Ends counted in an open-addressed table of twice as many slots as lines or more:
     * `first` holds the first line of each end (-1: empty), `count` its lines, and
     * `slot_of` each line's slot. */
    Py_ssize_t size = 8;
    while (size < 2 * n)
        size *= 2;
    LineEnd *ends = PyMem_Malloc((n > 0 ? n : 1) * sizeof(LineEnd));
    Py_ssize_t *first = PyMem_Malloc(size * sizeof(Py_ssize_t));
    Py_ssize_t *count = PyMem_Calloc(size, sizeof(Py_ssize_t));
    Py_ssize_t *slot_of = PyMem_Malloc((n > 0 ? n : 1) * sizeof(Py_ssize_t));
    if (ends == NULL || first == NULL || count == NULL || slot_of == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < size; k++)
        first[k] = -1;
    int shared = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = PySequence_Fast_GET_ITEM(seq, i);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "credit_candidates: texts must be str");
            goto done;
        }
        LineEnd *end = &ends[i];
        const Py_ssize_t len = PyUnicode_GET_LENGTH(text);
        end->kind = PyUnicode_KIND(text);
        end->data = PyUnicode_DATA(text);
        end->len = len < tail ? len : tail;
        end->start = len - end->len;
        uint64_t hash = 1469598103934665603ULL; /* FNV-1a over the end's characters */
        for (Py_ssize_t k = 0; k < end->len; k++) {
            hash ^= PyUnicode_READ(end->kind, end->data, end->start + k);
            hash *= 1099511628211ULL;
        }
        end->hash = hash ^ (uint64_t)end->len;
        Py_ssize_t slot = (Py_ssize_t)(end->hash & (uint64_t)(size - 1));
        while (first[slot] >= 0 && !same_end(&ends[first[slot]], end))
            slot = (slot + 1) & (size - 1);
        if (first[slot] < 0)
            first[slot] = i;
        shared |= ++count[slot] >= minimum;
        slot_of[i] = slot;
    }
    PyObject *lines = NULL;
    if (shared) {
        lines = PyList_New(0);
        if (lines == NULL)
            goto done;
        for (Py_ssize_t i = 0; i < n; i++) {
            if (count[slot_of[i]] < minimum)
                continue;
            PyObject *text = PySequence_Fast_GET_ITEM(seq, i);
            if (!credit_mark(ends[i].kind, ends[i].data, PyUnicode_GET_LENGTH(text), window))
                continue;
            if (append_index(lines, i) < 0) {
                Py_DECREF(lines);
                goto done;
            }
        }
    }
    if (lines == NULL || PyList_GET_SIZE(lines) == 0) {
        Py_XDECREF(lines);
        out = Py_NewRef(Py_None);
    }
    else
        out = lines;
done:
    Py_DECREF(seq);
    PyMem_Free(ends);
    PyMem_Free(first);
    PyMem_Free(count);
    PyMem_Free(slot_of);
    return out;
}

/* ---- repeat_pairs: repeats._find_pairs's pairs of a chunk of files, in one call ---- */

/* A slot of the table of a file's distinct n-grams: its code (the n word numbers read as
 * digits of base `vocab`), its number in order of first use (0: an empty slot, else the
 * number + 1) and the last line that held it. */
typedef struct {
    uint64_t code;
    int64_t number;
    int64_t last;
} gram_slot;

/* Scratch of `file_pairs`, grown as files need and kept for the chunk's next file. */
typedef struct {
    gram_slot *slots;
    Py_ssize_t slots_cap;
    int64_t *occ_gram, *occ_line; /* each (n-gram, line) once, in line order */
    int64_t *holders, *first, *by_gram;
    Py_ssize_t occ_cap;
    uint64_t *keys; /* the pairs made, `i * count + j` */
    Py_ssize_t nkeys, keys_cap;
} pair_scratch;

static void
pair_scratch_free(pair_scratch *s)
{
    PyMem_Free(s->slots);
    PyMem_Free(s->occ_gram);
    PyMem_Free(s->occ_line);
    PyMem_Free(s->holders);
    PyMem_Free(s->first);
    PyMem_Free(s->by_gram);
    PyMem_Free(s->keys);
}

static int
grow(void **buffer, Py_ssize_t items, size_t item_size)
{
    void *grown = PyMem_Realloc(*buffer, (size_t)(items ? items : 1) * item_size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *buffer = grown;
    return 0;
}

static int
key_order(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The int64 items of a buffer (a C-contiguous array of 8-byte integers), or -1 with an
 * error set. */
static Py_ssize_t
int64_items(PyObject *obj, Py_buffer *view)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *f = view->format;
    if (f != NULL && (*f == '<' || *f == '=' || *f == '@'))
        f++;
    if (view->itemsize != 8 || f == NULL || (strcmp(f, "q") != 0 && strcmp(f, "l") != 0)) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_TypeError, "repeat_pairs: word numbers and sizes are int64");
        return -1;
    }
    return view->len / 8;
}

/* `_find_pairs`'s `least`: max(1, ceil(share * size - 1e-6)), each step a double as numpy
 * takes it (the product stored first: no fused multiply-add may skip its rounding). */
static int64_t
least_shared(double share, int64_t size)
{
    volatile double product = share * (double)size;
    double bound = ceil(product - 1e-6);
    return bound < 1.0 ? 1 : (int64_t)bound;
}

/* The pairs of the lines [lo, hi) of one file, added to s->keys: 0, 1 when more than
 * `limit` pairs would be made in all (*every counts them, as `_candidates` does), -1 on an
 * error. `size` and `shareable` are indexed by line (zeroed): each line's distinct n-grams
 * and those of them another line holds too. The n-grams are numbered through a hash table
 * rather than sorted (numpy sorts their codes): a pair's count of n-grams is the same in
 * either order, and the pairs are sorted at the end. */
static int
file_pairs(const int64_t *ids, const int64_t *sizes, const int64_t *offset, Py_ssize_t lo,
           Py_ssize_t hi, Py_ssize_t count, int n, int64_t min_tokens, double share,
           int64_t keyed_words, uint64_t vocab, long long limit, int64_t *size,
           int64_t *shareable, pair_scratch *s, long long *every)
{
    Py_ssize_t total = 0;
    for (Py_ssize_t i = lo; i < hi; i++)
        if (sizes[i] >= min_tokens && sizes[i] >= n)
            total += sizes[i] - n + 1;
    if (total < 2)
        return 0;
    Py_ssize_t cap = 16;
    while (cap < 2 * total)
        cap <<= 1;
    if (cap > s->slots_cap) {
        if (grow((void **)&s->slots, cap, sizeof *s->slots) < 0)
            return -1;
        s->slots_cap = cap;
    }
    if (total > s->occ_cap) {
        if (grow((void **)&s->occ_gram, total, sizeof(int64_t)) < 0
            || grow((void **)&s->occ_line, total, sizeof(int64_t)) < 0
            || grow((void **)&s->holders, total, sizeof(int64_t)) < 0
            || grow((void **)&s->first, total + 1, sizeof(int64_t)) < 0
            || grow((void **)&s->by_gram, total, sizeof(int64_t)) < 0)
            return -1;
        s->occ_cap = total;
    }
    memset(s->slots, 0, (size_t)cap * sizeof *s->slots);
    const uint64_t mask = (uint64_t)cap - 1;
    int64_t grams = 0, occ = 0;
    for (Py_ssize_t i = lo; i < hi; i++) {
        if (!(sizes[i] >= min_tokens && sizes[i] >= n))
            continue;
        const int64_t *w = ids + offset[i];
        for (int64_t p = 0; p + n <= sizes[i]; p++) {
            uint64_t code = 0;
            for (int k = 0; k < n; k++)
                code = code * vocab + (uint64_t)w[p + k];
            uint64_t at = (code * 0x9E3779B97F4A7C15ULL) >> 20 & mask;
            while (s->slots[at].number != 0 && s->slots[at].code != code)
                at = (at + 1) & mask;
            gram_slot *slot = &s->slots[at];
            if (slot->number == 0) {
                slot->code = code;
                slot->number = ++grams;
                s->holders[grams - 1] = 0;
            }
            else if (slot->last == i)
                continue; /* the line holds it already */
            slot->last = i;
            s->holders[slot->number - 1]++;
            s->occ_gram[occ] = slot->number - 1;
            s->occ_line[occ] = i;
            occ++;
            size[i]++;
        }
    }
    /* The holders of each n-gram, in line order (a counting sort, stable). */
    s->first[0] = 0;
    int any = 0;
    for (int64_t g = 0; g < grams; g++) {
        s->first[g + 1] = s->first[g] + s->holders[g];
        any |= s->holders[g] > 1;
    }
    if (!any)
        return 0;
    for (int64_t k = 0; k < occ; k++) {
        int64_t g = s->occ_gram[k];
        if (s->first[g + 1] - s->first[g] > 1)
            shareable[s->occ_line[k]]++;
        s->by_gram[s->first[g + 1] - s->holders[g]] = s->occ_line[k];
        s->holders[g]--; /* (counted down as its lines are placed; restored below) */
    }
    for (int64_t g = 0; g < grams; g++)
        s->holders[g] = s->first[g + 1] - s->first[g];
    /* A later line asks when it is keyed and shares `least` of its n-grams; each of its
     * shared n-grams pairs it with every earlier holder. */
#define ASKS(line)                                                                        \
    (sizes[line] >= keyed_words && shareable[line] > 0                                    \
     && shareable[line] >= least_shared(share, size[line]))
    long long made = 0;
    for (int64_t g = 0; g < grams; g++) {
        if (s->holders[g] < 2)
            continue;
        const int64_t *held = s->by_gram + s->first[g];
        for (int64_t r = 1; r < s->holders[g]; r++)
            if (ASKS(held[r]))
                made += r;
    }
    *every += made;
    if (*every > limit)
        return 1;
    if (s->nkeys + made > s->keys_cap) {
        if (grow((void **)&s->keys, s->nkeys + (Py_ssize_t)made, sizeof *s->keys) < 0)
            return -1;
        s->keys_cap = s->nkeys + (Py_ssize_t)made;
    }
    for (int64_t g = 0; g < grams; g++) {
        if (s->holders[g] < 2)
            continue;
        const int64_t *held = s->by_gram + s->first[g];
        for (int64_t r = 1; r < s->holders[g]; r++) {
            if (!ASKS(held[r]))
                continue;
            for (int64_t q = 0; q < r; q++)
                if (sizes[held[q]] >= keyed_words)
                    s->keys[s->nkeys++] = (uint64_t)held[r] * (uint64_t)count + (uint64_t)held[q];
        }
    }
#undef ASKS
    return 0;
}

static PyObject *
repeat_pairs(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 11) {
        PyErr_SetString(PyExc_TypeError,
                        "repeat_pairs(ids, sizes, starts, n, min_tokens, share, threshold, "
                        "containment, near_tokens, keyed_words, limit)");
        return NULL;
    }
    long n_long = PyLong_AsLong(args[3]);
    long long min_tokens = PyLong_AsLongLong(args[4]);
    double share = PyFloat_AsDouble(args[5]);
    double threshold = PyFloat_AsDouble(args[6]);
    double containment = PyFloat_AsDouble(args[7]);
    long long near_tokens = PyLong_AsLongLong(args[8]);
    long long keyed_words = PyLong_AsLongLong(args[9]);
    long long limit = PyLong_AsLongLong(args[10]);
    if (PyErr_Occurred())
        return NULL;
    if (n_long < 1 || n_long > 64) {
        PyErr_SetString(PyExc_ValueError, "repeat_pairs: n-grams of 1 to 64 words");
        return NULL;
    }
    int n = (int)n_long;
    PyObject *starts = PySequence_Fast(args[2], "repeat_pairs: file starts in a sequence");
    if (starts == NULL)
        return NULL;
    Py_buffer idv, sizev;
    Py_ssize_t nids = int64_items(args[0], &idv);
    if (nids < 0) {
        Py_DECREF(starts);
        return NULL;
    }
    Py_ssize_t count = int64_items(args[1], &sizev);
    if (count < 0) {
        PyBuffer_Release(&idv);
        Py_DECREF(starts);
        return NULL;
    }
    const int64_t *ids = idv.buf, *sizes = sizev.buf;
    PyObject *out = NULL;
    int64_t *offset = NULL, *size = NULL, *shareable = NULL;
    pair_scratch scratch = {0};
    long long every = 0;
    int64_t *i_of = NULL, *j_of = NULL;
    /* Where each line's numbers start, and the base the n-grams' codes are written in: a
     * code that could overflow (a vocabulary of billions, long n-grams) is left to numpy. */
    offset = PyMem_Malloc((size_t)(count + 1) * sizeof *offset);
    size = PyMem_Calloc((size_t)(count + 1), sizeof *size);
    shareable = PyMem_Calloc((size_t)(count + 1), sizeof *shareable);
    if (offset == NULL || size == NULL || shareable == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    offset[0] = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (sizes[i] < 0) {
            PyErr_SetString(PyExc_ValueError, "repeat_pairs: a negative size");
            goto done;
        }
        offset[i + 1] = offset[i] + sizes[i];
    }
    if (offset[count] != nids) {
        PyErr_SetString(PyExc_ValueError, "repeat_pairs: sizes do not add up to the ids");
        goto done;
    }
    uint64_t vocab = 1;
    for (Py_ssize_t k = 0; k < nids; k++) {
        if (ids[k] < 0) {
            PyErr_SetString(PyExc_ValueError, "repeat_pairs: a negative word number");
            goto done;
        }
        if ((uint64_t)ids[k] + 1 > vocab)
            vocab = (uint64_t)ids[k] + 1;
    }
    uint64_t span = 1;
    for (int k = 0; k < n; k++) {
        if (span > ((uint64_t)1 << 62) / vocab) {
            out = Py_NewRef(Py_None);
            goto done;
        }
        span *= vocab;
    }
    if ((uint64_t)count > ((uint64_t)1 << 31)) {
        out = Py_NewRef(Py_None);
        goto done;
    }
    Py_ssize_t files = PySequence_Fast_GET_SIZE(starts) - 1;
    for (Py_ssize_t f = 0; f < files; f++) {
        Py_ssize_t lo = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(starts, f));
        Py_ssize_t hi = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(starts, f + 1));
        if (PyErr_Occurred())
            goto done;
        if (lo < 0 || hi < lo || hi > count) {
            PyErr_SetString(PyExc_ValueError, "repeat_pairs: file starts out of order");
            goto done;
        }
        int got = file_pairs(ids, sizes, offset, lo, hi, count, n, min_tokens, share,
                             keyed_words, vocab, limit, size, shareable, &scratch, &every);
        if (got < 0)
            goto done;
        if (got > 0) {
            out = Py_NewRef(Py_None); /* too many pairs at once: numpy's batches */
            goto done;
        }
    }
    /* Each pair once, with how many n-grams it shares; then resolution's tests. */
    uint64_t *keys = scratch.keys;
    Py_ssize_t nkeys = scratch.nkeys;
    if (nkeys > 1)
        qsort(keys, (size_t)nkeys, sizeof *keys, key_order);
    i_of = PyMem_Malloc((size_t)(nkeys ? nkeys : 1) * sizeof *i_of);
    j_of = PyMem_Malloc((size_t)(nkeys ? nkeys : 1) * sizeof *j_of);
    if (i_of == NULL || j_of == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t kept = 0;
    for (Py_ssize_t s = 0, e; s < nkeys; s = e) {
        for (e = s + 1; e < nkeys && keys[e] == keys[s]; e++)
            ;
        int64_t i = (int64_t)(keys[s] / (uint64_t)count), j = (int64_t)(keys[s] % (uint64_t)count);
        int64_t common = e - s, a = size[i], b = size[j];
        int repeat;
        if ((double)common / (double)(a + b - common) >= threshold)
            repeat = (sizes[i] < sizes[j] ? sizes[i] : sizes[j]) >= near_tokens;
        else
            repeat = (double)common / (double)a >= containment && sizes[i] >= near_tokens;
        if (repeat) {
            i_of[kept] = i;
            j_of[kept] = j;
            kept++;
        }
    }
    PyObject *is = PyBytes_FromStringAndSize((const char *)i_of, kept * 8);
    PyObject *js = PyBytes_FromStringAndSize((const char *)j_of, kept * 8);
    if (is != NULL && js != NULL)
        out = PyTuple_Pack(2, is, js);
    Py_XDECREF(is);
    Py_XDECREF(js);
done:
    PyBuffer_Release(&idv);
    PyBuffer_Release(&sizev);
    Py_DECREF(starts);
    PyMem_Free(offset);
    PyMem_Free(size);
    PyMem_Free(shareable);
    pair_scratch_free(&scratch);
    PyMem_Free(i_of);
    PyMem_Free(j_of);
    return out;
}

/* features.max_segment: Kadane's walk over a buffer of doubles, each step the Python
 * loop's (`features._kadane`): the same float additions and comparisons, in order. */
static PyObject *
max_segment(PyObject *self, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return NULL;
    const char *f = view.format;
    if (f != NULL && (*f == '<' || *f == '=' || *f == '@'))
        f++;
    if (view.itemsize != 8 || f == NULL || strcmp(f, "d") != 0) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_TypeError, "max_segment: a buffer of float64");
        return NULL;
    }
    const double *score = view.buf;
    Py_ssize_t n = view.len / 8, lo = 0, best_lo = 0, best_hi = 0;
    double best = -Py_HUGE_VAL, run = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (run <= 0) {
            run = score[i];
            lo = i;
        }
        else
            run += score[i];
        if (run > best) {
            best = run;
            best_lo = lo;
            best_hi = i + 1;
        }
    }
    PyBuffer_Release(&view);
    return Py_BuildValue("(nn)", best_lo, best_hi);
}

/* A writable C-contiguous buffer of float64 with `ndim` dimensions, or -1 with an error. */
static int
doubles(PyObject *obj, Py_buffer *view, int ndim)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | PyBUF_WRITABLE) < 0)
        return -1;
    const char *f = view->format;
    if (f != NULL && (*f == '<' || *f == '=' || *f == '@'))
        f++;
    if (view->itemsize != 8 || f == NULL || strcmp(f, "d") != 0 || view->ndim != ndim) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_TypeError, "region_into: float64 arrays of the right shape");
        return -1;
    }
    return 0;
}

/* features._region of one file's lines 0..n-1 and its region [lo, hi), written where
 * context_features puts it: out[:, inside], logs[distance], out[:, offset]. Each value is
 * numpy's: the flags as 1.0 / 0.0, the integer distances as doubles, the offset an int64
 * quotient taken in doubles. */
static PyObject *
region_into(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError,
                        "region_into(out, inside, offset, logs, distance, lo, hi)");
        return NULL;
    }
    Py_ssize_t inside = PyLong_AsSsize_t(args[1]), offset = PyLong_AsSsize_t(args[2]);
    Py_ssize_t distance = PyLong_AsSsize_t(args[4]);
    long long lo = PyLong_AsLongLong(args[5]), hi = PyLong_AsLongLong(args[6]);
    if (PyErr_Occurred())
        return NULL;
    Py_buffer out, logs;
    if (doubles(args[0], &out, 2) < 0)
        return NULL;
    if (doubles(args[3], &logs, 2) < 0) {
        PyBuffer_Release(&out);
        return NULL;
    }
    Py_ssize_t n = out.shape[0], m = out.shape[1];
    if (inside < 0 || inside >= m || offset < 0 || offset >= m || distance < 0
        || distance >= logs.shape[0] || logs.shape[1] != n) {
        PyBuffer_Release(&out);
        PyBuffer_Release(&logs);
        PyErr_SetString(PyExc_ValueError, "region_into: a column or row out of range");
        return NULL;
    }
    double *o = out.buf, *l = (double *)logs.buf + distance * n;
    long long span = hi - lo - 1 > 1 ? hi - lo - 1 : 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        int in = i >= lo && i < hi;
        o[i * m + inside] = in ? 1.0 : 0.0;
        l[i] = (double)(i < lo ? lo - i : i >= hi ? i - hi + 1 : 0);
        o[i * m + offset] = in ? (double)(i - lo) / (double)span : i < lo ? -0.5 : 1.5;
    }
    PyBuffer_Release(&out);
    PyBuffer_Release(&logs);
    Py_RETURN_NONE;
}

/* context_features' distances to the nearest prose line: for each line i, i minus the
 * last prose line at or before it and the next one at or after it minus i, each at most
 * `cap` (`cap` too when there is none), as doubles into rows `above` and `below` of `logs`
 * (the searchsorted and where steps, integers all the way). */
static PyObject *
prose_distances_into(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError,
                        "prose_distances_into(logs, above, below, prose_flags, cap)");
        return NULL;
    }
    Py_ssize_t above = PyLong_AsSsize_t(args[1]), below = PyLong_AsSsize_t(args[2]);
    Py_ssize_t cap = PyLong_AsSsize_t(args[4]);
    if (PyErr_Occurred())
        return NULL;
    Py_buffer logs, flags;
    if (doubles(args[0], &logs, 2) < 0)
        return NULL;
    if (PyObject_GetBuffer(args[3], &flags, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        PyBuffer_Release(&logs);
        return NULL;
    }
    Py_ssize_t n = logs.shape[1];
    if (flags.itemsize != 1 || flags.format == NULL || strcmp(flags.format, "?") != 0
        || flags.len != n || above < 0 || above >= logs.shape[0] || below < 0
        || below >= logs.shape[0]) {
        PyBuffer_Release(&logs);
        PyBuffer_Release(&flags);
        PyErr_SetString(PyExc_ValueError, "prose_distances_into: a bool flag per line, rows in range");
        return NULL;
    }
    const unsigned char *prose = flags.buf;
    double *up = (double *)logs.buf + above * n, *down = (double *)logs.buf + below * n;
    Py_ssize_t last = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (prose[i])
            last = i;
        up[i] = (double)(last < 0 || i - last > cap ? cap : i - last);
    }
    last = -1;
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        if (prose[i])
            last = i;
        down[i] = (double)(last < 0 || last - i > cap ? cap : last - i);
    }
    PyBuffer_Release(&logs);
    PyBuffer_Release(&flags);
    Py_RETURN_NONE;
}

/* features._runs: for each row of `flags` (bool, k by n) and position, the length of the
 * run of Trues holding it (0.0 where False), as doubles into `dest` (k by n). */
static PyObject *
runs_into(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "runs_into(dest, flags)");
        return NULL;
    }
    Py_buffer dest, flags;
    if (doubles(args[0], &dest, 2) < 0)
        return NULL;
    if (PyObject_GetBuffer(args[1], &flags, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        PyBuffer_Release(&dest);
        return NULL;
    }
    if (flags.itemsize != 1 || flags.format == NULL || strcmp(flags.format, "?") != 0
        || flags.ndim != 2 || flags.shape[0] != dest.shape[0]
        || flags.shape[1] != dest.shape[1]) {
        PyBuffer_Release(&dest);
        PyBuffer_Release(&flags);
        PyErr_SetString(PyExc_ValueError, "runs_into: bool flags of dest's shape");
        return NULL;
    }
    Py_ssize_t k = dest.shape[0], n = dest.shape[1];
    const unsigned char *on = flags.buf;
    double *out = dest.buf;
    for (Py_ssize_t r = 0; r < k; r++) {
        const unsigned char *row = on + r * n;
        double *to = out + r * n;
        for (Py_ssize_t i = 0; i < n;) {
            if (!row[i]) {
                to[i++] = 0.0;
                continue;
            }
            Py_ssize_t end = i;
            while (end < n && row[end])
                end++;
            for (Py_ssize_t j = i; j < end; j++)
                to[j] = (double)(end - i);
            i = end;
        }
    }
    PyBuffer_Release(&dest);
    PyBuffer_Release(&flags);
    Py_RETURN_NONE;
}

/* features' layout as context_into reads and writes it (tests/test_feature_walks.py holds
 * context_into to features' numpy steps bit for bit, so a change there shows). Line
 * columns: log words 0, ends a sentence 2, stopwords 5, title case 6, the rule columns
 * 15-19 (boilerplate 15, metadata 16, header 17, listed 18). Context columns: _WINDOWS
 * (source, radius, column; sources prose, log words, boilerplate, metadata), the
 * neighbours' columns, and the plain ones. */
static const int ctx_windows[8][3] = {
    {0, 2, 0}, {0, 5, 1}, {0, 12, 2}, {1, 2, 3}, {1, 5, 4}, {2, 3, 19}, {3, 3, 26}, {2, 8, 27},
};
static const int ctx_near[3] = {0, 2, 5}, ctx_prev[3] = {5, 7, 9}, ctx_next[3] = {6, 8, 10};
#define CTX_BEFORE 14
#define CTX_AFTER 15
#define CTX_INSIDE 16
#define CTX_OFFSET 18
#define CTX_PROSE_SHARE 21
#define CTX_RULE_SHARE 22
#define CTX_SEGMENT_SHARE 24
#define CTX_SEGMENT_GAP 3 /* features.SEGMENT_GAP */
#define CTX_PROSE_CAP 30
/* logs' rows: short, open and title runs, prose above and below, region distance,
 * segment words (features._LOG_COLUMNS' order). */

/* The length of each run of nonzero bytes of `on` at each of its positions (features._runs
 * of one row), as doubles into `to`. */
static void
run_lengths(const unsigned char *on, double *to, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n;) {
        if (!on[i]) {
            to[i++] = 0.0;
            continue;
        }
        Py_ssize_t end = i;
        while (end < n && on[end])
            end++;
        for (Py_ssize_t j = i; j < end; j++)
            to[j] = (double)(end - i);
        i = end;
    }
}

/* features.context_features of one file, all but its logarithms, its line count's and its
 * stopword median's columns (numpy's log1p and sort, left to numpy): `ln` its line
 * features (n rows of `lw`, C order), `wd` and `isp` each line's words and prose flag
 * (`_prose_rows`), `pws` words * prose and `total` their numpy sum (or 1.0). Writes the
 * rows of `o` (n rows of `m`) and logs' seven rows (`lg`, each row `ls` apart) with numpy's
 * float steps, in its order: the running sums of cumsum (the first value, then one addition
 * a line), bincount's sums from 0.0, Kadane's walk (features._kadane), int64 quotients taken
 * in doubles. Scratch: `sums` 4 * (n + 1) doubles, `seg` and `gap` n, `flags` 4 * n bytes.
 * context_into walks one file, context_many_into each file of a stack in turn. */
static void
context_walk(double *o, Py_ssize_t m, double *lg, Py_ssize_t ls, const double *ln,
             Py_ssize_t lw, const double *wd, const unsigned char *isp, const double *pws,
             double total, Py_ssize_t n, double *sums, double *seg, unsigned char *flags,
             double *gap)
{
    /* Window means: one running sum per source, read at every window's ends. */
    for (int src = 0; src < 4; src++) {
        double *sum = sums + src * (n + 1);
        sum[0] = 0.0;
        for (Py_ssize_t i = 0; i < n; i++) {
            const double *row = ln + i * lw;
            double x;
            switch (src) {
            case 0: x = isp[i] ? 1.0 : 0.0; break;
            case 1: x = row[0]; break;
            case 2: x = row[15] + row[17] + row[18] > 0 ? 1.0 : 0.0; break;
            default: x = row[16];
            }
            sum[i + 1] = i == 0 ? x : sum[i] + x;
        }
    }
    for (int w = 0; w < 8; w++) {
        const double *sum = sums + ctx_windows[w][0] * (n + 1);
        const Py_ssize_t radius = ctx_windows[w][1], col = ctx_windows[w][2];
        for (Py_ssize_t i = 0; i < n; i++) {
            const Py_ssize_t lo = i - radius > 0 ? i - radius : 0;
            const Py_ssize_t hi = i + radius + 1 < n ? i + radius + 1 : n;
            o[i * m + col] = (sum[hi] - sum[lo]) / (double)(hi - lo);
        }
    }
    /* Neighbours' words, sentence ends and stopwords. */
    for (Py_ssize_t i = 0; i < n; i++)
        for (int j = 0; j < 3; j++) {
            if (i > 0)
                o[i * m + ctx_prev[j]] = ln[(i - 1) * lw + ctx_near[j]];
            if (i < n - 1)
                o[i * m + ctx_next[j]] = ln[(i + 1) * lw + ctx_near[j]];
        }
    /* Runs: short fragments, open run, title run, gaps between stretches of prose. */
    Py_ssize_t prose_lines = 0, decided = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const double *row = ln + i * lw;
        const int no_end = row[2] == 0;
        flags[i] = wd[i] <= 6 && no_end;
        flags[n + i] = no_end;
        flags[2 * n + i] = no_end && row[6] >= 0.5 && wd[i] <= 12;
        flags[3 * n + i] = !isp[i];
        prose_lines += isp[i] != 0;
        decided += row[15] + row[16] + row[17] + row[18] + row[19] > 0;
    }
    for (int r = 0; r < 3; r++)
        run_lengths(flags + r * n, lg + r * ls, n);
    run_lengths(flags + 3 * n, gap, n);
    /* Distances to the nearest prose line above and below, at most CTX_PROSE_CAP. */
    Py_ssize_t last = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (isp[i])
            last = i;
        lg[3 * ls + i] = (double)(last < 0 || i - last > CTX_PROSE_CAP ? CTX_PROSE_CAP : i - last);
    }
    last = -1;
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        if (isp[i])
            last = i;
        lg[4 * ls + i] = (double)(last < 0 || last - i > CTX_PROSE_CAP ? CTX_PROSE_CAP : last - i);
    }
    /* The prose words before and after each line, over the file's. */
    double csum = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        csum = i == 0 ? pws[0] : csum + pws[i];
        const double before = csum - pws[i];
        o[i * m + CTX_BEFORE] = before / total;
        o[i * m + CTX_AFTER] = (total - before - pws[i]) / total;
    }
    /* The body region: Kadane's walk over region_score, then features._region. */
    Py_ssize_t lo = 0, best_lo = 0, best_hi = 0;
    double best = -Py_HUGE_VAL, run = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        /* np.where(prose > 0, words, -np.maximum(2.0, 0.5 * words)) (a NaN propagates) */
        const double half = 0.5 * wd[i];
        const double floor_ = isnan(half) ? half : 2.0 >= half ? 2.0 : half;
        const double score = isp[i] ? wd[i] : -floor_;
        if (run <= 0) {
            run = score;
            lo = i;
        }
        else
            run += score;
        if (run > best) {
            best = run;
            best_lo = lo;
            best_hi = i + 1;
        }
    }
    const Py_ssize_t span = best_hi - best_lo - 1 > 1 ? best_hi - best_lo - 1 : 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        const int in = i >= best_lo && i < best_hi;
        o[i * m + CTX_INSIDE] = in ? 1.0 : 0.0;
        lg[5 * ls + i] = (double)(i < best_lo ? best_lo - i : i >= best_hi ? i - best_hi + 1 : 0);
        o[i * m + CTX_OFFSET] = in ? (double)(i - best_lo) / (double)span
                                   : i < best_lo ? -0.5 : 1.5;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        o[i * m + CTX_PROSE_SHARE] = (double)prose_lines / (double)n;
        o[i * m + CTX_RULE_SHARE] = (double)decided / (double)n;
    }
    /* Prose words of the stretch each line belongs to (0 in long gaps): bincount's sums. */
    Py_ssize_t segments = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const int in_gap = gap[i] >= CTX_SEGMENT_GAP;
        if (i == 0 || (gap[i - 1] >= CTX_SEGMENT_GAP && !in_gap))
            seg[segments++] = 0.0;
        seg[segments - 1] += pws[i];
    }
    segments = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const int in_gap = gap[i] >= CTX_SEGMENT_GAP;
        if (i == 0 || (gap[i - 1] >= CTX_SEGMENT_GAP && !in_gap))
            segments++;
        const double words_of = in_gap ? 0.0 : seg[segments - 1];
        lg[6 * ls + i] = words_of;
        o[i * m + CTX_SEGMENT_SHARE] = words_of / total;
    }
}

/* The scratch of context_walk for files of up to n lines, or -1 with an error set. */
static int
context_scratch(Py_ssize_t n, double **sums, double **seg, unsigned char **flags, double **gap)
{
    *sums = PyMem_Malloc(sizeof(double) * 4 * (n + 1));
    *seg = PyMem_Malloc(sizeof(double) * (n ? n : 1));
    *flags = PyMem_Malloc(4 * (n ? n : 1));
    *gap = PyMem_Malloc(sizeof(double) * (n ? n : 1));
    if (*sums == NULL || *seg == NULL || *flags == NULL || *gap == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* The six buffers both ways of context_walk read: out (n by the context columns), logs (7 by
 * n), line (n by the line columns) of float64, and words, prose flags and prose words, one
 * a line. Taken and checked together; on failure nothing is held (`usage` names the
 * caller's arguments in its ValueError). */
typedef struct {
    Py_buffer out, logs, line, words, prose, pw;
} ContextViews;

static int
context_views(PyObject *const *args, ContextViews *v, const char *usage)
{
    if (doubles(args[0], &v->out, 2) < 0)
        return -1;
    if (doubles(args[1], &v->logs, 2) < 0)
        goto fail_out;
    if (PyObject_GetBuffer(args[2], &v->line, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        goto fail_logs;
    if (PyObject_GetBuffer(args[3], &v->words, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        goto fail_line;
    if (PyObject_GetBuffer(args[4], &v->prose, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        goto fail_words;
    if (PyObject_GetBuffer(args[5], &v->pw, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        goto fail_prose;
    const Py_buffer *line = &v->line, *words = &v->words, *prose = &v->prose, *pw = &v->pw;
    const Py_ssize_t n = v->out.shape[0], m = v->out.shape[1];
    if (m <= 27 || v->logs.shape[0] != 7 || v->logs.shape[1] != n || line->ndim != 2
        || line->itemsize != 8 || line->format == NULL || strcmp(line->format, "d") != 0
        || line->shape[0] != n || line->shape[1] < 20 || words->itemsize != 8
        || words->format == NULL || strcmp(words->format, "d") != 0 || words->len != 8 * n
        || prose->itemsize != 1 || prose->format == NULL || strcmp(prose->format, "?") != 0
        || prose->len != n || pw->itemsize != 8 || pw->format == NULL
        || strcmp(pw->format, "d") != 0 || pw->len != 8 * n) {
        PyErr_SetString(PyExc_ValueError, usage);
        goto fail_pw;
    }
    return 0;
fail_pw:
    PyBuffer_Release(&v->pw);
fail_prose:
    PyBuffer_Release(&v->prose);
fail_words:
    PyBuffer_Release(&v->words);
fail_line:
    PyBuffer_Release(&v->line);
fail_logs:
    PyBuffer_Release(&v->logs);
fail_out:
    PyBuffer_Release(&v->out);
    return -1;
}

static void
context_release(ContextViews *v)
{
    PyBuffer_Release(&v->pw);
    PyBuffer_Release(&v->prose);
    PyBuffer_Release(&v->words);
    PyBuffer_Release(&v->line);
    PyBuffer_Release(&v->logs);
    PyBuffer_Release(&v->out);
}

/* context_walk of one file (see above): out (n by the context columns), logs (7 by n). */
static PyObject *
context_into(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError,
                        "context_into(out, logs, line, words, prose, prose_words, total)");
        return NULL;
    }
    const double total = PyFloat_AsDouble(args[6]);
    if (total == -1.0 && PyErr_Occurred())
        return NULL;
    ContextViews v;
    if (context_views(args, &v,
                      "context_into: out (n, context columns), logs (7, n), line (n, line "
                      "columns) of float64, words, prose flags and prose words per line") < 0)
        return NULL;
    PyObject *result = NULL;
    const Py_ssize_t n = v.out.shape[0];
    double *sums = NULL, *seg = NULL, *gap = NULL;
    unsigned char *flags = NULL;
    if (context_scratch(n, &sums, &seg, &flags, &gap) == 0) {
        context_walk(v.out.buf, v.out.shape[1], v.logs.buf, n, v.line.buf, v.line.shape[1],
                     v.words.buf, v.prose.buf, v.pw.buf, total, n, sums, seg, flags, gap);
        result = Py_NewRef(Py_None);
    }
    PyMem_Free(sums);
    PyMem_Free(seg);
    PyMem_Free(flags);
    PyMem_Free(gap);
    context_release(&v);
    return result;
}

static int int64s(PyObject *obj, Py_buffer *view);

/* context_walk of each file of a stack (features_many's batches), in turn: `out` (N by the
 * context columns) and `logs` (7 by N) stacked as the files' rows are in `line` (N by the
 * line columns), `words`, `prose` and `prose_words` (N each), file k's `lengths[k]` rows
 * after the files before it, with `totals[k]` its numpy sum of prose words (or 1.0). Each
 * file's rows get what context_into gives the file alone: its sums start from its own
 * first row, its neighbours and runs end at its own edges. */
static PyObject *
context_many_into(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8) {
        PyErr_SetString(PyExc_TypeError, "context_many_into(out, logs, line, words, prose, "
                                         "prose_words, totals, lengths)");
        return NULL;
    }
    static const char usage[] =
        "context_many_into: out (n, context columns), logs (7, n), line (n, line columns) of "
        "float64, words, prose flags and prose words per line, a float64 total and an int64 "
        "length per file";
    ContextViews v;
    if (context_views(args, &v, usage) < 0)
        return NULL;
    Py_buffer totals, lengths;
    PyObject *result = NULL;
    if (PyObject_GetBuffer(args[6], &totals, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        goto fail_views;
    if (int64s(args[7], &lengths) < 0)
        goto fail_totals;
    const Py_ssize_t n = v.out.shape[0], m = v.out.shape[1], files = lengths.len / 8;
    if (totals.itemsize != 8 || totals.format == NULL || strcmp(totals.format, "d") != 0
        || totals.len != 8 * files) {
        PyErr_SetString(PyExc_ValueError, usage);
        goto done;
    }
    /* The files' lengths cover the rows exactly; the scratch is sized for the longest. */
    const int64_t *len = lengths.buf;
    Py_ssize_t rows = 0, longest = 0;
    for (Py_ssize_t k = 0; k < files; k++) {
        if (len[k] < 0 || len[k] > n - rows) {
            rows = -1;
            break;
        }
        rows += len[k];
        longest = len[k] > longest ? len[k] : longest;
    }
    if (rows != n) {
        PyErr_SetString(PyExc_ValueError, "context_many_into: the files' lengths must add up "
                                          "to the rows");
        goto done;
    }
    const Py_ssize_t lw = v.line.shape[1];
    const double *ln = v.line.buf, *wd = v.words.buf, *pws = v.pw.buf, *tot = totals.buf;
    const unsigned char *isp = v.prose.buf;
    double *o = v.out.buf, *lg = v.logs.buf;
    double *sums = NULL, *seg = NULL, *gap = NULL;
    unsigned char *flags = NULL;
    if (context_scratch(longest, &sums, &seg, &flags, &gap) == 0) {
        for (Py_ssize_t k = 0, a = 0; k < files; a += len[k], k++)
            context_walk(o + a * m, m, lg + a, n, ln + a * lw, lw, wd + a, isp + a, pws + a,
                         tot[k], len[k], sums, seg, flags, gap);
        result = Py_NewRef(Py_None);
    }
    PyMem_Free(sums);
    PyMem_Free(seg);
    PyMem_Free(flags);
    PyMem_Free(gap);
done:
    PyBuffer_Release(&lengths);
fail_totals:
    PyBuffer_Release(&totals);
fail_views:
    context_release(&v);
    return result;
}

/* features.comment_columns written into column `column` of `out` (float64, a row a line):
 * 1.0 under a comment prompt (rule code 6) that opens a comment section, that is all
 * prompts but one above the file's first prose line no rule decided whose next line is
 * such prose (`_opening_prompts`); `codes` a sequence of ints, `prose` a bool a line.
 * Integers and flags all the way: numpy's cumsums and masks, a dozen calls a pass. */
static PyObject *
comments_into(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "comments_into(out, column, codes, prose)");
        return NULL;
    }
    const Py_ssize_t column = PyLong_AsSsize_t(args[1]);
    if (column == -1 && PyErr_Occurred())
        return NULL;
    PyObject *codes = PySequence_Fast(args[2], "comments_into: a sequence of rule codes");
    if (codes == NULL)
        return NULL;
    Py_buffer out, prose;
    PyObject *result = NULL;
    long *code = NULL;
    if (doubles(args[0], &out, 2) < 0)
        goto fail_codes;
    if (PyObject_GetBuffer(args[3], &prose, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        goto fail_out;
    const Py_ssize_t n = out.shape[0], m = out.shape[1];
    if (column < 0 || column >= m || PySequence_Fast_GET_SIZE(codes) != n
        || prose.itemsize != 1 || prose.format == NULL || strcmp(prose.format, "?") != 0
        || prose.len != n) {
        PyErr_SetString(PyExc_ValueError,
                        "comments_into: a column of out, a code and a prose flag a line");
        goto done;
    }
    code = PyMem_Malloc(sizeof(long) * (n ? n : 1));
    if (code == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        code[i] = PyLong_AsLong(PySequence_Fast_GET_ITEM(codes, i));
        if (code[i] == -1 && PyErr_Occurred())
            goto done;
    }
    const unsigned char *isp = prose.buf;
    double *o = out.buf;
    int body_before = 0, opened = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        o[i * m + column] = opened ? 1.0 : 0.0;
        const int next_body = i + 1 < n && isp[i + 1] && code[i + 1] == 0;
        const int header = !body_before && next_body;
        if (code[i] == 6 && !header)
            opened = 1;
        if (isp[i] && code[i] == 0)
            body_before = 1;
    }
    result = Py_None;
    Py_INCREF(result);
done:
    PyMem_Free(code);
    PyBuffer_Release(&prose);
fail_out:
    PyBuffer_Release(&out);
fail_codes:
    Py_DECREF(codes);
    return result;
}

/* siblings' forms (siblings.NONE, LABELLED, MARKED, BLANK, FIGURE) and its MIN_ITEMS (the
 * module passes neither: tests compare `item_runs` with siblings.runs on every form). */
#define FORM_BLANK 3
#define IS_LIST_FORM(f) ((f) == 1 || (f) == 2 || (f) == 4)

/* Append `run` (a list of positions) to `found` when it holds MIN_ITEMS or more: 0, or -1
 * with an error. */
static int
keep_run(PyObject *found, PyObject *run)
{
    return PyList_GET_SIZE(run) >= MIN_ITEMS ? PyList_Append(found, run) : 0;
}

/* siblings.runs([forms[i] for i in rows], open_): see the header. `open_` is a byte a
 * position. */
static PyObject *
form_runs(PyObject *rows, PyObject *forms, const unsigned char *open_)
{
    PyObject *found = PyList_New(0), *current = PyList_New(0);
    if (found == NULL || current == NULL)
        goto fail;
    long kind = 0; /* siblings.NONE */
    for (Py_ssize_t pos = 0; pos < PyList_GET_SIZE(rows); pos++) {
        Py_ssize_t i = index_in(PyList_GET_ITEM(rows, pos), PyList_GET_SIZE(forms));
        if (i < 0)
            goto fail;
        long f = PyLong_AsLong(PyList_GET_ITEM(forms, i));
        if (f == -1 && PyErr_Occurred())
            goto fail;
        const Py_ssize_t held = PyList_GET_SIZE(current);
        if (f == FORM_BLANK && held)
            continue;
        if (IS_LIST_FORM(f) && open_[pos] && (f == kind || !held)) {
            if (append_index(current, pos) < 0)
                goto fail;
            kind = f;
            continue;
        }
        if (keep_run(found, current) < 0)
            goto fail;
        Py_SETREF(current, PyList_New(0));
        if (current == NULL)
            goto fail;
        kind = 0;
        if (IS_LIST_FORM(f) && open_[pos]) {
            if (append_index(current, pos) < 0)
                goto fail;
            kind = f;
        }
    }
    if (keep_run(found, current) < 0)
        goto fail;
    Py_DECREF(current);
    return found;
fail:
    Py_XDECREF(found);
    Py_XDECREF(current);
    return NULL;
}

/* openings.runs([opening[i] for i in rows], open_): see the header. */
static PyObject *
opening_runs(PyObject *rows, PyObject *opening, const unsigned char *open_)
{
    PyObject *found = PyList_New(0), *current = PyList_New(0);
    PyObject *last = NULL; /* the key of current's last position (borrowed from `opening`) */
    if (found == NULL || current == NULL)
        goto fail;
    for (Py_ssize_t pos = 0; pos < PyList_GET_SIZE(rows); pos++) {
        if (!open_[pos])
            continue;
        Py_ssize_t i = index_in(PyList_GET_ITEM(rows, pos), PyList_GET_SIZE(opening));
        if (i < 0)
            goto fail;
        PyObject *key = PyList_GET_ITEM(opening, i);
        if (key != Py_None && PyList_GET_SIZE(current)) {
            const int same = PyObject_RichCompareBool(last, key, Py_EQ);
            if (same < 0)
                goto fail;
            if (same) {
                if (append_index(current, pos) < 0)
                    goto fail;
                last = key;
                continue;
            }
        }
        if (keep_run(found, current) < 0)
            goto fail;
        Py_SETREF(current, PyList_New(0));
        if (current == NULL)
            goto fail;
        if (key != Py_None) {
            if (append_index(current, pos) < 0)
                goto fail;
            last = key;
        }
    }
    if (keep_run(found, current) < 0)
        goto fail;
    Py_DECREF(current);
    return found;
fail:
    Py_XDECREF(found);
    Py_XDECREF(current);
    return NULL;
}

/* classify._item_scores' runs: `open_` of the positions of `rows` (each position of `todo`
 * whose int is not a key of `lists`), then siblings.runs of the rows' forms and
 * openings.runs of their openings (each None when its list is None: then []). A Python
 * step a row and a list of the rows' forms a pass, on every pass of a page with items. */
static PyObject *
item_runs(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "item_runs(rows, todo, lists, forms, opening)");
        return NULL;
    }
    PyObject *rows = args[0], *todo = args[1], *lists = args[2];
    PyObject *forms = args[3], *opening = args[4];
    if (!PyList_Check(rows) || !PyList_Check(todo) || !PyDict_Check(lists)
        || (forms != Py_None && !PyList_Check(forms))
        || (opening != Py_None && !PyList_Check(opening))) {
        PyErr_SetString(PyExc_TypeError,
                        "item_runs: lists of rows and todo, a dict, lists or None");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(rows);
    unsigned char *open_ = PyMem_Calloc(n ? n : 1, 1);
    PyObject *by_form = NULL, *by_opening = NULL, *result = NULL;
    if (open_ == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t t = 0; t < PyList_GET_SIZE(todo); t++) {
        PyObject *k = PyList_GET_ITEM(todo, t);
        Py_ssize_t at = index_in(k, n);
        if (at < 0)
            goto done;
        const int listed = PyDict_Contains(lists, k);
        if (listed < 0)
            goto done;
        open_[at] = !listed;
    }
    by_form = forms == Py_None ? PyList_New(0) : form_runs(rows, forms, open_);
    if (by_form == NULL)
        goto done;
    by_opening = opening == Py_None ? PyList_New(0) : opening_runs(rows, opening, open_);
    if (by_opening == NULL)
        goto done;
    result = PyTuple_Pack(2, by_form, by_opening);
done:
    PyMem_Free(open_);
    Py_XDECREF(by_form);
    Py_XDECREF(by_opening);
    return result;
}

/* A 1-D C-contiguous buffer of int64 (numpy's "l" or "q"), or -1 with an error. */
static int
int64s(PyObject *obj, Py_buffer *view)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *f = view->format;
    if (f != NULL && (*f == '<' || *f == '=' || *f == '@'))
        f++;
    if (view->itemsize != 8 || f == NULL || (strcmp(f, "l") != 0 && strcmp(f, "q") != 0)
        || view->ndim != 1) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_TypeError, "cohesion_into: 1-D int64 arrays");
        return -1;
    }
    return 0;
}

/* features._line_features' columns that count lines (`out`: the lines' own rows, float64,
 * C order, changed in place): `repeated` the log of the other lines in play with the line's
 * id (`ids`, int64), read from `logs` (numpy's log1p of 0, 1, 2, ...), the five rule
 * columns from `rule_first` by each line's rule code (0 to 6, `codes`; features._RULE_TABLE),
 * `position` its index over the last's, `char_position` the characters before it (`chars`,
 * int64) over the lines'. Integer counts and quotients of integers taken in doubles, as
 * numpy's bincount, cumsum and true division give them: some fifteen calls a pass. */
static PyObject *
line_into(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 9) {
        PyErr_SetString(PyExc_TypeError,
                        "line_into(out, ids, chars, codes, logs, repeated, rule_first, "
                        "position, char_position)");
        return NULL;
    }
    Py_ssize_t cols[4];
    for (int k = 0; k < 4; k++) {
        cols[k] = PyLong_AsSsize_t(args[5 + k]);
        if (cols[k] == -1 && PyErr_Occurred())
            return NULL;
    }
    PyObject *codes = PySequence_Fast(args[3], "line_into: a sequence of rule codes");
    if (codes == NULL)
        return NULL;
    Py_buffer out, ids, chars, logs;
    PyObject *result = NULL;
    Py_ssize_t *seen = NULL;
    if (doubles(args[0], &out, 2) < 0)
        goto fail_codes;
    if (int64s(args[1], &ids) < 0)
        goto fail_out;
    if (int64s(args[2], &chars) < 0)
        goto fail_ids;
    if (PyObject_GetBuffer(args[4], &logs, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        goto fail_chars;
    const Py_ssize_t n = out.shape[0], m = out.shape[1];
    int bad = ids.len != 8 * n || chars.len != 8 * n || PySequence_Fast_GET_SIZE(codes) != n
              || logs.itemsize != 8 || logs.format == NULL || strcmp(logs.format, "d") != 0
              || logs.len / 8 <= n || cols[1] + 5 > m;
    for (int k = 0; k < 4; k++)
        bad |= cols[k] < 0 || cols[k] >= m;
    if (bad) {
        PyErr_SetString(PyExc_ValueError,
                        "line_into: an id, a length and a code a line, columns of out, a "
                        "log1p table of more than the lines");
        goto done;
    }
    const int64_t *id = ids.buf, *len = chars.buf;
    int64_t top = 0, total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (id[i] < 0) {
            PyErr_SetString(PyExc_ValueError, "line_into: a negative id");
            goto done;
        }
        if (id[i] >= top)
            top = id[i] + 1;
        total += len[i];
    }
    seen = PyMem_Calloc(top ? top : 1, sizeof(Py_ssize_t));
    if (seen == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        seen[id[i]]++;
    const double *log1ps = logs.buf;
    double *o = out.buf;
    const double last = (double)(n - 1 > 1 ? n - 1 : 1);
    const double all = (double)(total > 1 ? total : 1);
    int64_t before = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        double *row = o + i * m;
        const long code = PyLong_AsLong(PySequence_Fast_GET_ITEM(codes, i));
        if (code == -1 && PyErr_Occurred())
            goto done;
        if (code < 0 || code > 6) {
            PyErr_SetString(PyExc_ValueError, "line_into: a rule code outside 0-6");
            goto done;
        }
        row[cols[0]] = log1ps[seen[id[i]] - 1];
        for (int j = 0; j < 5; j++)
            row[cols[1] + j] = 0.0;
        if (code > 0) /* boilerplate, metadata, header, listed, soft; a prompt is boilerplate */
            row[cols[1] + (code == 6 ? 0 : code - 1)] = 1.0;
        row[cols[2]] = (double)i / last;
        row[cols[3]] = (double)before / all;
        before += len[i];
    }
    result = Py_None;
    Py_INCREF(result);
done:
    PyMem_Free(seen);
    PyBuffer_Release(&logs);
fail_chars:
    PyBuffer_Release(&chars);
fail_ids:
    PyBuffer_Release(&ids);
fail_out:
    PyBuffer_Release(&out);
fail_codes:
    Py_DECREF(codes);
    return result;
}

/* features._cohesion_many of one file, its numpy steps done in one walk of the file's
 * words (`vocab[e]` is in line `owner[e]`, each line's words together, in order): the lines
 * in play are `where` (None: all `lines`), `prose` their prose flags. A word's `others` is
 * how many prose lines in play hold it, less the line itself where that is prose; each
 * line's weight adds `logs[others]` (numpy's own log1p of the integers, handed in, so that
 * every value is the one `np.log1p` gives) in the order of its words, from 0.0, as
 * np.bincount adds its weights: every sum is the same, bit for bit. Written into `out`
 * (float64, rows of `where` by 2): the shared fraction and the mean weight, -1 for a line
 * without content words. */
static PyObject *
cohesion_into(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError,
                        "cohesion_into(out, vocab, owner, lines, where, prose, logs)");
        return NULL;
    }
    const Py_ssize_t n = PyLong_AsSsize_t(args[3]);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    Py_buffer out, vocab, owner, where, prose, logs;
    PyObject *result = NULL;
    int have_where = args[4] != Py_None;
    if (doubles(args[0], &out, 2) < 0)
        return NULL;
    if (int64s(args[1], &vocab) < 0)
        goto fail_out;
    if (int64s(args[2], &owner) < 0)
        goto fail_vocab;
    if (have_where && int64s(args[4], &where) < 0)
        goto fail_owner;
    if (PyObject_GetBuffer(args[5], &prose, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        goto fail_where;
    if (PyObject_GetBuffer(args[6], &logs, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        goto fail_prose;
    const Py_ssize_t m = have_where ? where.len / 8 : n, e = vocab.len / 8;
    const int64_t *w = have_where ? (const int64_t *)where.buf : NULL;
    const int64_t *voc = vocab.buf, *own = owner.buf;
    if (n < 0 || out.shape[0] != m || out.shape[1] != 2 || owner.len != vocab.len
        || prose.itemsize != 1 || prose.format == NULL || strcmp(prose.format, "?") != 0
        || prose.len != m || logs.itemsize != 8 || logs.format == NULL
        || strcmp(logs.format, "d") != 0 || logs.ndim != 1 || logs.len / 8 <= n) {
        PyErr_SetString(PyExc_ValueError,
                        "cohesion_into: out of (lines in play, 2), a word's line for each word, "
                        "a prose flag per line in play, a log1p table of more than `lines`");
        goto done;
    }
    int64_t words = 0;
    for (Py_ssize_t k = 0; k < e; k++) {
        if (voc[k] < 0 || own[k] < 0 || own[k] >= n) {
            PyErr_SetString(PyExc_ValueError, "cohesion_into: a word or line out of range");
            goto done;
        }
        if (voc[k] >= words)
            words = voc[k] + 1;
    }
    for (Py_ssize_t k = 0; k < m; k++)
        if (w != NULL && (w[k] < 0 || w[k] >= n)) {
            PyErr_SetString(PyExc_ValueError, "cohesion_into: a line in play out of range");
            goto done;
        }
    /* A line's state: 0 not in play, 1 in play, 2 in play and prose (numpy's in_play and
     * is_prose, written in `where`'s order: the last flag a repeated line gets wins). */
    unsigned char *state = PyMem_Calloc(n ? n : 1, 1);
    Py_ssize_t *held = PyMem_Calloc(words ? words : 1, sizeof(Py_ssize_t));
    Py_ssize_t *count = PyMem_Calloc(n ? n : 1, sizeof(Py_ssize_t));
    double *shared = PyMem_Calloc(n ? n : 1, sizeof(double));
    double *weight = PyMem_Calloc(n ? n : 1, sizeof(double));
    if (state == NULL || held == NULL || count == NULL || shared == NULL || weight == NULL) {
        PyErr_NoMemory();
        goto free_all;
    }
    const unsigned char *flag = prose.buf;
    const double *log1ps = logs.buf;
    for (Py_ssize_t k = 0; k < m; k++)
        state[w != NULL ? w[k] : k] = flag[k] ? 2 : 1;
    for (Py_ssize_t k = 0; k < e; k++)
        if (state[own[k]] == 2)
            held[voc[k]]++;
    for (Py_ssize_t k = 0; k < e; k++) {
        const Py_ssize_t line = own[k];
        if (state[line] == 0)
            continue;
        const Py_ssize_t others = held[voc[k]] - (state[line] == 2);
        count[line]++;
        shared[line] += others > 0 ? 1.0 : 0.0;
        weight[line] += log1ps[others];
    }
    double *to = out.buf;
    for (Py_ssize_t k = 0; k < m; k++) {
        const Py_ssize_t line = w != NULL ? w[k] : k, c = count[line];
        to[2 * k] = c > 0 ? shared[line] / (double)c : -1.0;
        to[2 * k + 1] = c > 0 ? weight[line] / (double)c : -1.0;
    }
    result = Py_None;
    Py_INCREF(result);
free_all:
    PyMem_Free(state);
    PyMem_Free(held);
    PyMem_Free(count);
    PyMem_Free(shared);
    PyMem_Free(weight);
done:
    PyBuffer_Release(&logs);
fail_prose:
    PyBuffer_Release(&prose);
fail_where:
    if (have_where)
        PyBuffer_Release(&where);
fail_owner:
    PyBuffer_Release(&owner);
fail_vocab:
    PyBuffer_Release(&vocab);
fail_out:
    PyBuffer_Release(&out);
    return result;
}

/* `code._candidates(texts, numbered, sticky)`: see the header. A step a line in Python
 * (a strip, three slices and their tests) on every file with a wordless line, for the
 * few lines of a page that can open a block. */
static PyObject *
code_candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "code_candidates(texts, numbered, sticky)");
        return NULL;
    }
    int numbered = PyObject_IsTrue(args[1]), sticky = PyObject_IsTrue(args[2]);
    if (numbered < 0 || sticky < 0)
        return NULL;
    PyObject *seq = PySequence_Fast(args[0], "code_candidates: texts must be a sequence");
    if (seq == NULL)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto fail;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    int introduced = 0; /* the line above (any line above, `sticky`) ends with a colon */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = PySequence_Fast_GET_ITEM(seq, i);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "code_candidates: texts must be str");
            goto fail;
        }
        const int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        Py_ssize_t start = 0, end = PyUnicode_GET_LENGTH(text);
        while (end > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)))
            end--;
        const Py_UCS4 last_raw = end > 0 ? PyUnicode_READ(kind, data, end - 1) : 0;
        while (start < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start)))
            start++;
        const Py_ssize_t len = end - start;
        int found = 0;
        if (len >= 3) {
            Py_UCS4 a = PyUnicode_READ(kind, data, start);
            if ((a == '`' || a == '~') && PyUnicode_READ(kind, data, start + 1) == a
                && PyUnicode_READ(kind, data, start + 2) == a)
                found = 1;
        }
        if (!found && len >= 1 && PyUnicode_READ(kind, data, start) == '|')
            found = 1;
        if (!found && numbered && len >= 2 && PyUnicode_READ(kind, data, start) == '1'
            && PyUnicode_READ(kind, data, start + 1) == ' ')
            found = 1;
        if (!found && introduced) {
            /* `text[-1:] in "{;},)]"`: the empty text too */
            Py_UCS4 z = len ? PyUnicode_READ(kind, data, end - 1) : 0;
            if (!len || z == '{' || z == ';' || z == '}' || z == ',' || z == ')' || z == ']')
                found = 1;
        }
        if (found) {
            if (append_index(out, i) < 0)
                goto fail;
        }
        /* `line.rstrip().endswith((":", "："))` */
        int colon = end > 0 && (last_raw == ':' || last_raw == 0xFF1A);
        introduced = sticky ? (introduced || colon) : colon;
    }
    Py_DECREF(seq);
    return out;
fail:
    Py_DECREF(seq);
    Py_XDECREF(out);
    return NULL;
}

/* linescan's flags (core/linescan.py holds the same values and the Python twin). */
#define LF_COLON 1     /* ":" in text */
#define LF_TIME 4      /* text[:1] in "0123456789[( \t" */
#define LF_STAMP 8     /* text[:1].isdigit() or text[:1].isspace() */
#define LF_COUNTER 16  /* len(text) <= 24 and (text[-1:].isdigit() or "/" in text) */
#define LF_DECIMAL 32  /* text[:1] is a decimal digit (a str regex's \d) */
#define LF_QUESTION 64 /* text.rstrip() ends with "?", "？" or "؟" */
#define LF_ENDS_COLON 128 /* prose.text_end(text) ends with ":" or "：" */
#define LF_COUNTER_CHARS 24

static int
line_flag(PyObject *text)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int flags = 0;
    if (n == 0)
        return 0;
    const Py_UCS4 first = PyUnicode_READ(kind, data, 0);
    if ((first >= '0' && first <= '9') || first == '[' || first == '(' || first == ' '
        || first == '\t')
        flags |= LF_TIME;
    if (Py_UNICODE_ISDIGIT(first) || Py_UNICODE_ISSPACE(first))
        flags |= LF_STAMP;
    if (Py_UNICODE_ISDECIMAL(first))
        flags |= LF_DECIMAL;
    int colon = 0, slash = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        colon = memchr(data, ':', (size_t)n) != NULL;
        slash = n <= LF_COUNTER_CHARS && memchr(data, '/', (size_t)n) != NULL;
    }
    else {
        /* A loop for each width: PyUnicode_READ's switch on every character cost more. */
#define LF_SCAN(type)                                                                     \
    do {                                                                                   \
        const type *chars = (const type *)data;                                            \
        for (Py_ssize_t k = 0; k < n; k++) {                                               \
            const Py_UCS4 ch = chars[k];                                                   \
            colon |= ch == ':';                                                            \
            slash |= ch == '/';                                                            \
        }                                                                                  \
    } while (0)
        if (kind == PyUnicode_2BYTE_KIND)
            LF_SCAN(Py_UCS2);
        else
            LF_SCAN(Py_UCS4);
#undef LF_SCAN
    }
    if (colon)
        flags |= LF_COLON;
    if (n <= LF_COUNTER_CHARS && (slash || Py_UNICODE_ISDIGIT(PyUnicode_READ(kind, data, n - 1))))
        flags |= LF_COUNTER;
    Py_ssize_t end = n;
    while (end > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)))
        end--;
    if (end > 0) {
        Py_UCS4 last = PyUnicode_READ(kind, data, end - 1);
        if (last == '?' || last == 0xFF1F || last == 0x061F)
            flags |= LF_QUESTION;
    }
    /* text_end: text.rstrip().rstrip(DIRECTION_MARKS).rstrip(), in that order. */
    while (end > 0) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, end - 1);
        if (ch != 0x200E && ch != 0x200F && ch != 0x061C)
            break;
        end--;
    }
    while (end > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)))
        end--;
    if (end > 0) {
        Py_UCS4 last = PyUnicode_READ(kind, data, end - 1);
        if (last == ':' || last == 0xFF1A)
            flags |= LF_ENDS_COLON;
    }
    return flags;
}

/* `linescan.line_flags(lines)`: see the header. A scan's first test of every line in
 * Python (a call, a slice, a method) cost some 1,000 instructions a line; here one pass
 * answers them all. */
static PyObject *
line_flags(PyObject *self, PyObject *lines)
{
    PyObject *seq = PySequence_Fast(lines, "line_flags(lines): a sequence");
    if (seq == NULL)
        return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *out = PyBytes_FromStringAndSize(NULL, n);
    if (out == NULL)
        goto fail;
    unsigned char *flags = (unsigned char *)PyBytes_AS_STRING(out);
    /* The attribute's name made once: PyObject_GetAttrString makes a str a call. */
    static PyObject *name = NULL;
    if (name == NULL && (name = PyUnicode_InternFromString("text")) == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        if (PyUnicode_Check(item)) {
            flags[i] = (unsigned char)line_flag(item);
            continue;
        }
        PyObject *text = PyObject_GetAttr(item, name);
        if (text == NULL)
            goto fail;
        if (!PyUnicode_Check(text)) {
            Py_DECREF(text);
            PyErr_SetString(PyExc_TypeError, "line_flags: a line's text must be str");
            goto fail;
        }
        flags[i] = (unsigned char)line_flag(text);
        Py_DECREF(text);
    }
    Py_DECREF(seq);
    return out;
fail:
    Py_DECREF(seq);
    Py_XDECREF(out);
    return NULL;
}

/* `linescan.lines_with(flags, mask)`: see the header. */
static PyObject *
lines_with(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyBytes_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "lines_with(flags: bytes, mask: int)");
        return NULL;
    }
    const long mask = PyLong_AsLong(args[1]);
    if (mask == -1 && PyErr_Occurred())
        return NULL;
    const unsigned char *flags = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    const Py_ssize_t n = PyBytes_GET_SIZE(args[0]);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (flags[i] & mask) {
            if (append_index(out, i) < 0) {
                Py_DECREF(out);
                return NULL;
            }
        }
    }
    return out;
}

/* `opened_lines(texts)`: see the header. str.startswith is a call with its arguments
 * parsed from a tuple, some 1,000 instructions a line in Python. */
static PyObject *
opened_lines(PyObject *self, PyObject *texts)
{
    PyObject *seq = PySequence_Fast(texts, "opened_lines(texts): a sequence of str");
    if (seq == NULL)
        return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyUnicode_Check(PySequence_Fast_GET_ITEM(seq, i))) {
            PyErr_SetString(PyExc_TypeError, "opened_lines: texts must be str");
            goto fail;
        }
    }
    for (Py_ssize_t i = 1; i < n; i++) {
        PyObject *above = PySequence_Fast_GET_ITEM(seq, i - 1);
        if (PyUnicode_GET_LENGTH(above) == 0)
            continue;
        Py_ssize_t match = PyUnicode_Tailmatch(PySequence_Fast_GET_ITEM(seq, i), above, 0,
                                               PY_SSIZE_T_MAX, -1);
        if (match < 0)
            goto fail;
        if (match) {
            if (append_index(out, i) < 0)
                goto fail;
        }
    }
    Py_DECREF(seq);
    return out;
fail:
    Py_DECREF(seq);
    Py_XDECREF(out);
    return NULL;
}

static PyMethodDef all_methods[] = {
    {"openings", openings, METH_O, "openings(texts): openings.openings(texts)."},
    {"name_openers", name_openers, METH_O,
     "name_openers(stripped): the indices i >= 1 of lines that open with a capital, and whose "
     "text after the first space does too."},
    {"under_prose", (PyCFunction)(void (*)(void))under_prose, METH_FASTCALL,
     "under_prose(texts, max_chars, min_prose, min_copies): signatures.find's short lines "
     "under prose, by stripped text, as (key, lines) in order of first line."},
    {"prose_test", (PyCFunction)(void (*)(void))prose_test, METH_FASTCALL,
     "prose_test(count_words, stops, marks): (prose.is_prose, prose.text_end) in C."},
    {"summary_at", (PyCFunction)(void (*)(void))summary_at, METH_FASTCALL,
     "summary_at(matrix, k, score): summary of row k of a matrix of six columns."},
    {"verdict_kit", (PyCFunction)(void (*)(void))verdict_kit, METH_FASTCALL,
     "verdict_kit(Verdict, BODY, BOILERPLATE, rule): bind what model_verdicts makes verdicts "
     "of."},
    {"model_verdicts", (PyCFunction)(void (*)(void))model_verdicts, METH_FASTCALL,
     "model_verdicts(verdicts, rows, todo, scores, probabilities, threshold, lists, items, x, "
     "columns, scored_body): a model pass's verdicts of plain body lines, as (changed, rest)."},
    {"kept_lines", kept_lines, METH_O,
     "kept_lines(verdicts): the positions of the verdicts that keep their line."},
    {"unplain", (PyCFunction)(void (*)(void))unplain, METH_FASTCALL,
     "unplain(verdicts, rows, todo): the positions of todo whose verdict is not plain "
     "body (kept, no rule)."},
    {"ruled_rows", (PyCFunction)(void (*)(void))ruled_rows, METH_FASTCALL,
     "ruled_rows(verdicts, rows, wanted): the positions in rows (None: every line) of the "
     "verdicts whose rule is in wanted."},
    {"rule_kit", (PyCFunction)(void (*)(void))rule_kit, METH_FASTCALL,
     "rule_kit(Verdict, METADATA, soft, in_body, overruling, listed, kept_listed, "
     "header_suffix, comment_prompt, model_rule, rule_code_of, taken_by_header_of, "
     "undecided_of): bind what rule_code, undecided and taken_by_header read."},
    {"rule_code", rule_code, METH_O, "rule_code(verdict): rulecodes.rule_code."},
    {"undecided", undecided, METH_O, "undecided(verdict): rulecodes.undecided."},
    {"taken_by_header", taken_by_header, METH_O,
     "taken_by_header(verdict): rulecodes.taken_by_header."},
    {"codes_and_todo", (PyCFunction)(void (*)(void))codes_and_todo, METH_FASTCALL,
     "codes_and_todo(verdicts, rows, rule_code, decides): classify._codes_and_todo, plain "
     "body verdicts told in C."},
    {"held_trigrams", (PyCFunction)(void (*)(void))held_trigrams, METH_FASTCALL,
     "held_trigrams(text, grams): how many of grams are three characters long and occur in "
     "text."},
    {"label_pairs", (PyCFunction)(void (*)(void))label_pairs, METH_FASTCALL,
     "label_pairs(recurring, lines, partners, miss_turns): labels.recurring_pairs's search, "
     "as pairs of group indices."},
    {"credit_candidates", (PyCFunction)(void (*)(void))credit_candidates, METH_FASTCALL,
     "credit_candidates(texts, tail, minimum, window): credits._candidates in C."},
    {"repeat_pairs", (PyCFunction)(void (*)(void))repeat_pairs, METH_FASTCALL,
     "repeat_pairs(ids, sizes, starts, n, min_tokens, share, threshold, containment, "
     "near_tokens, floor, limit): repeats._find_pairs's pairs before the facts check, as "
     "bytes of int64 (later lines, earlier lines), or None when left to numpy."},
    {"max_segment", max_segment, METH_O,
     "max_segment(score): features._kadane of a buffer of float64, as (start, end)."},
    {"region_into", (PyCFunction)(void (*)(void))region_into, METH_FASTCALL,
     "region_into(out, inside, offset, logs, distance, lo, hi): features._region of one "
     "file's lines, written into its columns."},
    {"prose_distances_into", (PyCFunction)(void (*)(void))prose_distances_into, METH_FASTCALL,
     "prose_distances_into(logs, above, below, prose_flags, cap): context_features' "
     "distances to the nearest prose line, written into two rows of logs."},
    {"runs_into", (PyCFunction)(void (*)(void))runs_into, METH_FASTCALL,
     "runs_into(dest, flags): features._runs of a bool array, written into dest."},
    {"context_into", (PyCFunction)(void (*)(void))context_into, METH_FASTCALL,
     "context_into(out, logs, line, words, prose, prose_words, total): features."
     "context_features of one file but its logarithms, line count and stopword median."},
    {"context_many_into", (PyCFunction)(void (*)(void))context_many_into, METH_FASTCALL,
     "context_many_into(out, logs, line, words, prose, prose_words, totals, lengths): "
     "context_into of each file of a stack, in turn."},
    {"line_into", (PyCFunction)(void (*)(void))line_into, METH_FASTCALL,
     "line_into(out, ids, chars, codes, logs, repeated, rule_first, position, "
     "char_position): features._line_features' counted columns, written into out."},
    {"comments_into", (PyCFunction)(void (*)(void))comments_into, METH_FASTCALL,
     "comments_into(out, column, codes, prose): features.comment_columns written into a "
     "column of out."},
    {"item_runs", (PyCFunction)(void (*)(void))item_runs, METH_FASTCALL,
     "item_runs(rows, todo, lists, forms, opening): classify._item_scores' runs of list "
     "forms and of openings, as (runs, runs)."},
    {"cohesion_into", (PyCFunction)(void (*)(void))cohesion_into, METH_FASTCALL,
     "cohesion_into(out, vocab, owner, lines, where, prose, logs): features' cohesion "
     "columns of one file's lines in play, written into out."},
    {"code_candidates", (PyCFunction)(void (*)(void))code_candidates, METH_FASTCALL,
     "code_candidates(texts, numbered, sticky): code._candidates in C, the lines where a "
     "code block may start."},
    {"line_flags", line_flags, METH_O,
     "line_flags(lines): a byte of linescan's flags for each line (a str or a Block)."},
    {"lines_with", (PyCFunction)(void (*)(void))lines_with, METH_FASTCALL,
     "lines_with(flags, mask): the positions of the bytes of flags holding a bit of mask."},
    {"opened_lines", opened_lines, METH_O,
     "opened_lines(texts): the i >= 1 whose text starts with the text above it, not empty."},
    {"limits", limits, METH_NOARGS,
     "limits(): (openings.MAX_WORDS, openings.MIN_ITEMS, prose's 25 and 8 words) as "
     "compiled here."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_filefacts", "Per-line scans of a whole file, in C.", -1,
    all_methods,
};

PyMODINIT_FUNC
PyInit__filefacts(void)
{
    return PyModule_Create(&module);
}
