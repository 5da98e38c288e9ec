/* The vocabulary values of the tokens of a batch of paragraphs, in one pass (fingerprint.py,
 * `Fingerprinter._tokens`): what a regex `findall` per paragraph and a dict look-up per
 * token (from Python) cost most of fingerprinting. The tokens are those of fingerprint.py's
 * patterns, exactly: which characters start a word, continue one, are digits, number
 * separators or tokens of their own is read from a table of the Basic Multilingual Plane
 * that fingerprint.py computes *with those patterns* (`_classes`), so the character classes
 * cannot drift apart; here are only the patterns' shapes (a word, a number with its
 * separators, a single character). A paragraph holding a character beyond the BMP is
 * handed to the Python tokenizer (`fallback`). Optional: without a compiler, every
 * paragraph takes the Python path (tests/test_tokens.py holds the two together).
 *
 * values(texts, vocab, table, ready, fill, fallback) -> bytearray of native uint64, the
 *   vocabulary value of each token in text order, vocab["\n"] between paragraphs (not after
 *   the last).
 *   texts:    list of str
 *   vocab:    dict (or subclass: a missing token is looked up with vocab[token], which
 *             runs the subclass's __missing__)
 *   table:    bytearray (65536,): the classes of each BMP code point (flags below), valid
 *             in the blocks of 256 code points where `ready` is non-zero
 *   ready:    bytearray (256,)
 *   fill:     callable(block): fills the table's block and marks it ready
 *   fallback: callable(text) -> list of str, the tokens of a paragraph outside the BMP
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Flags of `table`, as fingerprint.py's `_classes` sets them. */
enum {
    START = 1,    /* starts a word, in a paragraph without combining marks */
    CONT = 2,     /* continues a word, in a paragraph without combining marks */
    DIGIT = 4,    /* a digit (numbers) */
    SINGLE = 8,   /* a token of its own (sentence boundaries, characters of no-space scripts) */
    SEP = 16,     /* separates the digit groups of a number */
    MARK = 32,    /* a combining mark: the paragraph takes the word classes below */
    START_M = 64, /* starts a word, in a paragraph with a combining mark */
    CONT_M = 128, /* continues a word, in a paragraph with a combining mark */
};

typedef struct {
    uint64_t *data;
    Py_ssize_t len, cap;
} Out;

static int
push(Out *out, uint64_t value)
{
    if (out->len == out->cap) {
        Py_ssize_t cap = out->cap ? out->cap * 2 : 1024;
        uint64_t *data = PyMem_Realloc(out->data, (size_t)cap * sizeof(uint64_t));
        if (data == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        out->data = data;
        out->cap = cap;
    }
    out->data[out->len++] = value;
    return 0;
}

/* Appends vocab[token]; steals the reference to `token` (which may be NULL: an error). */
static int
emit(Out *out, PyObject *vocab, PyObject *token)
{
    if (token == NULL)
        return -1;
    PyObject *value = PyDict_GetItemWithError(vocab, token);
    if (value != NULL)
        Py_INCREF(value);
    else if (!PyErr_Occurred())
        value = PyObject_GetItem(vocab, token); /* a new token: the vocabulary computes it */
    Py_DECREF(token);
    if (value == NULL)
        return -1;
    unsigned long long v = PyLong_AsUnsignedLongLong(value);
    Py_DECREF(value);
    if (v == (unsigned long long)-1 && PyErr_Occurred())
        return -1;
    return push(out, (uint64_t)v);
}

/* The tokens of one paragraph: 0 done, 1 outside the BMP (nothing emitted), -1 error. */
static int
paragraph(Out *out, PyObject *vocab, PyObject *text, const uint8_t *cls, const uint8_t *ready,
          PyObject *fill)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    uint8_t start = START, cont = CONT;
    /* As fingerprint.py's `_findall`: one combining mark anywhere gives the whole paragraph
     * the pattern where marks belong to words. */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c > 0xFFFF)
            return 1;
        if (!ready[c >> 8]) {
            PyObject *done = PyObject_CallFunction(fill, "i", (int)(c >> 8));
            if (done == NULL)
                return -1;
            Py_DECREF(done);
            if (!ready[c >> 8]) {
                PyErr_SetString(PyExc_ValueError, "values: fill left its block unready");
                return -1;
            }
        }
        if (cls[c] & MARK) {
            start = START_M;
            cont = CONT_M;
        }
    }
#define CLASS(k) cls[PyUnicode_READ(kind, data, (k))]
    Py_ssize_t i = 0;
    while (i < n) {
        uint8_t k = CLASS(i);
        Py_ssize_t j = i + 1;
        if (k & start) {
            while (j < n && (CLASS(j) & cont))
                j++;
        }
        else if (k & DIGIT) {
            /* \d+(?:[.,'’]\d+)* */
            while (j < n && (CLASS(j) & DIGIT))
                j++;
            while (j + 1 < n && (CLASS(j) & SEP) && (CLASS(j + 1) & DIGIT)) {
                j += 2;
                while (j < n && (CLASS(j) & DIGIT))
                    j++;
            }
        }
        else if (!(k & SINGLE)) {
            i = j;
            continue;
        }
        if (emit(out, vocab, PyUnicode_Substring(text, i, j)) < 0)
            return -1;
        i = j;
    }
#undef CLASS
    return 0;
}

static PyObject *
values(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "values(texts, vocab, table, ready, fill, fallback)");
        return NULL;
    }
    PyObject *texts = args[0], *vocab = args[1], *fill = args[4], *fallback = args[5];
    if (!PyList_Check(texts) || !PyDict_Check(vocab) || !PyCallable_Check(fill)
        || !PyCallable_Check(fallback)) {
        PyErr_SetString(PyExc_TypeError, "values: a list, a dict, two tables, two callables");
        return NULL;
    }
    Py_buffer table, ready;
    if (PyObject_GetBuffer(args[2], &table, PyBUF_SIMPLE) < 0)
        return NULL;
    if (PyObject_GetBuffer(args[3], &ready, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&table);
        return NULL;
    }
    PyObject *result = NULL, *newline = NULL;
    Out out = {NULL, 0, 0};
    if (table.len != 0x10000 || ready.len != 0x100) {
        PyErr_SetString(PyExc_ValueError, "values: tables of 65536 classes and 256 blocks");
        goto done;
    }
    newline = PyUnicode_FromOrdinal('\n');
    if (newline == NULL)
        goto done;
    for (Py_ssize_t t = 0; t < PyList_GET_SIZE(texts); t++) {
        PyObject *text = PyList_GET_ITEM(texts, t);
        if (PyUnicode_Check(text) && PyUnicode_READY(text) < 0)
            goto done;
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "values: texts must be str");
            goto done;
        }
        if (t > 0) {
            Py_INCREF(newline);
            if (emit(&out, vocab, newline) < 0)
                goto done;
        }
        /* Held: a new token runs Python code (__missing__), which could drop the list's. */
        Py_INCREF(text);
        int status = paragraph(&out, vocab, text, table.buf, ready.buf, fill);
        PyObject *tokens = status == 1 ? PyObject_CallOneArg(fallback, text) : NULL;
        Py_DECREF(text);
        if (status < 0)
            goto done;
        if (status == 1) {
            if (tokens == NULL)
                goto done;
            if (!PyList_Check(tokens)) {
                Py_DECREF(tokens);
                PyErr_SetString(PyExc_TypeError, "values: fallback must return a list");
                goto done;
            }
            for (Py_ssize_t k = 0; k < PyList_GET_SIZE(tokens); k++) {
                PyObject *token = PyList_GET_ITEM(tokens, k);
                Py_INCREF(token);
                if (emit(&out, vocab, token) < 0) {
                    Py_DECREF(tokens);
                    goto done;
                }
            }
            Py_DECREF(tokens);
        }
    }
    result = PyByteArray_FromStringAndSize((const char *)out.data,
                                           out.len * (Py_ssize_t)sizeof(uint64_t));
done:
    Py_XDECREF(newline);
    PyMem_Free(out.data);
    PyBuffer_Release(&ready);
    PyBuffer_Release(&table);
    return result;
}

static PyMethodDef methods[] = {
    {"values", (PyCFunction)(void (*)(void))values, METH_FASTCALL,
     "values(texts, vocab, table, ready, fill, fallback): the batch's tokens' values."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_tokens", "The tokens of fingerprinting, in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__tokens(void)
{
    return PyModule_Create(&module);
}
