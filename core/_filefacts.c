/* Per-line scans of a whole file that `classify._FileFacts.of` takes once per file, in one
 * call each: run in Python, each is a loop of a few string methods per line over every line
 * of every file. The characters are read with the predicates of Python's own str methods
 * (Py_UNICODE_ISSPACE for str.split(), Py_UNICODE_ISALPHA for str.isalpha(),
 * Py_UNICODE_ISUPPER for a one-character str.isupper(), Py_UNICODE_ISDECIMAL for the `\d`
 * of a str regex), on any text, so the answers are the Python functions', exactly.
 * Optional: without a compiler the Python functions run (tests/test_filefacts.py holds the
 * two together).
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
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* openings.MAX_WORDS and MIN_ITEMS (the module passes neither: tests compare the two). */
#define MAX_WORDS 15
#define MIN_ITEMS 3

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
        PyObject *index = PyLong_FromSsize_t(i);
        if (index == NULL || PyList_Append(out, index) < 0) {
            Py_XDECREF(index);
            goto fail;
        }
        Py_DECREF(index);
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
        PyObject *index = PyLong_FromSsize_t(i);
        if (index == NULL || PyList_Append(lines, index) < 0) {
            Py_XDECREF(index);
            goto fail;
        }
        Py_DECREF(index);
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

static PyObject *
limits(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("(iiii)", MAX_WORDS, MIN_ITEMS, PROSE_WORDS, SENTENCE_WORDS);
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
