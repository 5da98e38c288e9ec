/* Which of a set of key words a text holds, in one pass over it (Aho-Corasick): the gate of
 * the `contains` rules (rules.py). A regex alternation of the key words is tried at every
 * position of the line, several times over on a long paragraph; here each character costs
 * one table look-up. The automaton is built in Python (`keywords.py`: its states,
 * transitions and outputs as flat int32 buffers); only the scan is here. Optional: without
 * a compiler, keywords.py finds the same words with the regexes (tests/test_keywords.py
 * holds the two together).
 *
 * scan(text, low, extra, delta, width, starts, words, count) -> a tuple of the indices (sorted)
 * of the words found, or None when there are none.
 *   low:    int32 (256,)             the symbol of each code point below 256 (0: in no word)
 *   extra:  int32 (2 k,)             k sorted code points of 256 and above, then their symbols
 *   delta:  int32 (states * width,)  the next state of each state and symbol
 *   starts: int32 (states + 1,)      where each state's output begins in `words`
 *   words:  int32                    the words each state ends (its own and its suffixes')
 *   count:  the number of words
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

static int
get(PyObject *obj, Py_buffer *view)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    if (view->itemsize != 4 || view->format == NULL
        || (strcmp(view->format, "i") != 0 && strcmp(view->format, "=i") != 0
            && strcmp(view->format, "<i") != 0)) {
        PyErr_SetString(PyExc_TypeError, "expected int32 buffers");
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static inline int32_t
symbol_of(Py_UCS4 c, const int32_t *low, const int32_t *extra, Py_ssize_t nextra)
{
    if (c < 256)
        return low[c];
    Py_ssize_t a = 0, b = nextra;
    while (a < b) {
        Py_ssize_t m = (a + b) / 2;
        if ((Py_UCS4)extra[m] < c)
            a = m + 1;
        else
            b = m;
    }
    return a < nextra && (Py_UCS4)extra[a] == c ? extra[nextra + a] : 0;
}

static PyObject *
scan(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 8) {
        PyErr_SetString(PyExc_TypeError,
                        "scan(text, low, extra, delta, width, starts, words, count)");
        return NULL;
    }
    PyObject *text = args[0];
    if (!PyUnicode_Check(text) || PyUnicode_READY(text) < 0) {
        PyErr_SetString(PyExc_TypeError, "scan: text must be a str");
        return NULL;
    }
    Py_ssize_t width = PyLong_AsSsize_t(args[4]);
    if (width == -1 && PyErr_Occurred())
        return NULL;
    Py_ssize_t nwords = PyLong_AsSsize_t(args[7]);
    if (nwords == -1 && PyErr_Occurred())
        return NULL;
    Py_buffer low, extra, delta, starts, words;
    if (get(args[1], &low) < 0)
        return NULL;
    if (get(args[2], &extra) < 0)
        goto fail_low;
    if (get(args[3], &delta) < 0)
        goto fail_extra;
    if (get(args[5], &starts) < 0)
        goto fail_delta;
    if (get(args[6], &words) < 0)
        goto fail_starts;

    PyObject *result = NULL;
    unsigned char *seen = NULL;
    Py_ssize_t found = 0;
    int32_t state = 0;
    Py_ssize_t states = starts.len / 4 - 1, nextra = extra.len / 8;
    const int32_t *lo = low.buf, *ex = extra.buf, *dl = delta.buf, *st = starts.buf,
                  *wd = words.buf;
    if (low.len != 256 * 4 || width < 1 || states < 1 || delta.len / 4 != states * width
        || nwords < 0 || st[0] != 0 || st[states] != words.len / 4) {
        PyErr_SetString(PyExc_ValueError, "scan: tables of inconsistent sizes");
        goto done;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        int32_t sym = symbol_of(PyUnicode_READ(kind, data, i), lo, ex, nextra);
        if (sym < 0 || sym >= width) {
            PyErr_SetString(PyExc_ValueError, "scan: symbol out of range");
            goto done;
        }
        state = dl[(Py_ssize_t)state * width + sym];
        if (state < 0 || state >= states) {
            PyErr_SetString(PyExc_ValueError, "scan: state out of range");
            goto done;
        }
        for (int32_t k = st[state]; k < st[state + 1]; k++) {
            if (seen == NULL) {
                seen = PyMem_Calloc(nwords ? nwords : 1, 1);
                if (seen == NULL) {
                    PyErr_NoMemory();
                    goto done;
                }
            }
            if (wd[k] < 0 || wd[k] >= nwords) {
                PyErr_SetString(PyExc_ValueError, "scan: word out of range");
                goto done;
            }
            if (!seen[wd[k]]) {
                seen[wd[k]] = 1;
                found++;
            }
        }
    }
    if (found == 0) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    result = PyTuple_New(found);
    if (result == NULL)
        goto done;
    for (Py_ssize_t w = 0, j = 0; w < nwords; w++) {
        if (seen[w]) {
            PyObject *index = PyLong_FromSsize_t(w);
            if (index == NULL) {
                Py_CLEAR(result);
                goto done;
            }
            PyTuple_SET_ITEM(result, j++, index);
        }
    }
done:
    PyMem_Free(seen);
    PyBuffer_Release(&words);
fail_starts:
    PyBuffer_Release(&starts);
fail_delta:
    PyBuffer_Release(&delta);
fail_extra:
    PyBuffer_Release(&extra);
fail_low:
    PyBuffer_Release(&low);
    return result;
}

/* Language detection's count (language.py, `_best`): each language of `table` (a dict of
 * word -> tuple of languages) and how many of the words of `lines` (a list of lists of str)
 * are its stopwords, as a dict holding the languages counted at least once; the count of
 * Counter(chain.from_iterable(map(table.__getitem__, filter(table.__contains__, words)))).
 * Python's filter, map and Counter cost a call and an iterator step per word and per
 * language; here each is a dict look-up. The counts are kept in a C array, a language's
 * place in it found through a dict (languages are few). */
static PyObject *
stopword_counts(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyList_Check(args[0]) || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "stopword_counts(lines: list, table: dict)");
        return NULL;
    }
    PyObject *lines = args[0], *table = args[1], *result = NULL;
    PyObject *places = PyDict_New(); /* language -> its index in `counts` */
    PyObject *order = PyList_New(0); /* the languages, by index */
    Py_ssize_t *counts = NULL, room = 0;
    if (places == NULL || order == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        if (!PyList_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "stopword_counts: lines of words in lists");
            goto done;
        }
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(line); j++) {
            PyObject *langs = PyDict_GetItemWithError(table, PyList_GET_ITEM(line, j));
            if (langs == NULL) {
                if (PyErr_Occurred())
                    goto done;
                continue;
            }
            if (!PyTuple_Check(langs)) {
                PyErr_SetString(PyExc_TypeError, "stopword_counts: languages in tuples");
                goto done;
            }
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(langs); k++) {
                PyObject *lang = PyTuple_GET_ITEM(langs, k);
                PyObject *place = PyDict_GetItemWithError(places, lang);
                Py_ssize_t at;
                if (place != NULL) {
                    at = PyLong_AsSsize_t(place);
                    if (at < 0 || at >= PyList_GET_SIZE(order)) {
                        if (!PyErr_Occurred())
                            PyErr_SetString(PyExc_ValueError, "stopword_counts: bad place");
                        goto done;
                    }
                }
                else {
                    if (PyErr_Occurred())
                        goto done;
                    at = PyList_GET_SIZE(order);
                    if (at == room) {
                        Py_ssize_t *more = PyMem_Realloc(counts, (room * 2 + 16) * sizeof *counts);
                        if (more == NULL) {
                            PyErr_NoMemory();
                            goto done;
                        }
                        counts = more;
                        room = room * 2 + 16;
                    }
                    PyObject *index = PyLong_FromSsize_t(at);
                    if (index == NULL)
                        goto done;
                    int failed = PyDict_SetItem(places, lang, index) < 0
                                 || PyList_Append(order, lang) < 0;
                    Py_DECREF(index);
                    if (failed)
                        goto done;
                    counts[at] = 0;
                }
                counts[at]++;
            }
        }
    }
    result = PyDict_New();
    if (result == NULL)
        goto done;
    for (Py_ssize_t at = 0; at < PyList_GET_SIZE(order); at++) {
        PyObject *count = PyLong_FromSsize_t(counts[at]);
        if (count == NULL || PyDict_SetItem(result, PyList_GET_ITEM(order, at), count) < 0) {
            Py_XDECREF(count);
            Py_CLEAR(result);
            goto done;
        }
        Py_DECREF(count);
    }
done:
    PyMem_Free(counts);
    Py_XDECREF(places);
    Py_XDECREF(order);
    return result;
}

static PyMethodDef methods[] = {
    {"scan", (PyCFunction)(void (*)(void))scan, METH_FASTCALL,
     "scan(text, low, extra, delta, width, starts, words, count): the words found."},
    {"stopword_counts", (PyCFunction)(void (*)(void))stopword_counts, METH_FASTCALL,
     "stopword_counts(lines, table): each language of table and its stopwords' count."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_keywords", "Key words found in a text, in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__keywords(void)
{
    return PyModule_Create(&module);
}
