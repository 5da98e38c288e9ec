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
 * A token's value is a function of its text alone (the vocabulary computes it once), so the
 * values of short tokens are kept here too, in a table keyed by the token's characters: a
 * token seen before costs a hash of its characters instead of a new str, its hash and a dict
 * look-up (the larger part of fingerprinting before). The table belongs to one vocabulary
 * object (held, so that its address names it): a call with another one empties it.
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

/* The values of tokens seen before, by their characters (see the header). Keys are the
 * token's code points in the narrowest form that holds them, as Python's own str does: one
 * byte each when every code point is below 256, four otherwise (flag WIDE in the slot), so
 * the same token read from a paragraph of any kind finds the same slot. */
#define CACHE_TOKEN 32           /* longer tokens take the vocabulary alone */
#define CACHE_FIRST (1u << 12)   /* slots at first */
#define CACHE_ENTRIES (1u << 18) /* entries at most (then emptied): 12 MB of slots */
#define WIDE 0x80000000u

typedef struct {
    uint64_t hash;
    uint64_t value;
    uint32_t off;  /* in `keys` */
    uint32_t size; /* bytes of the key, | WIDE; 0: an empty slot */
} Slot;

static struct {
    PyObject *vocab; /* held: its identity names the values */
    Slot *slots;
    size_t mask, used;
    uint8_t *keys;
    size_t keys_len, keys_cap;
} cache;

static void
cache_clear(void)
{
    PyMem_Free(cache.slots);
    PyMem_Free(cache.keys);
    cache.slots = NULL;
    cache.keys = NULL;
    cache.mask = cache.used = cache.keys_len = cache.keys_cap = 0;
}

/* Makes the table the values of `vocab`'s tokens (emptied when it held another's). */
static int
cache_bind(PyObject *vocab)
{
    if (cache.vocab == vocab && cache.slots != NULL)
        return 0;
    if (cache.vocab != vocab) {
        cache_clear();
        Py_INCREF(vocab);
        Py_XSETREF(cache.vocab, vocab);
    }
    cache.slots = PyMem_Calloc(CACHE_FIRST, sizeof(Slot));
    if (cache.slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    cache.mask = CACHE_FIRST - 1;
    return 0;
}

static uint64_t
hash_key(const uint8_t *p, size_t n, uint32_t size)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)size * 0xC2B2AE3D27D4EB4FULL);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    uint64_t w = 0;
    for (size_t k = 0; k < n; k++) /* a loop, not memcpy: n is small and unknown */
        w |= (uint64_t)p[k] << (8 * k);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 29;
    h *= 0x94D049BB133111EBULL;
    h ^= h >> 32;
    return h;
}

static int
same_key(const uint8_t *a, const uint8_t *b, size_t n)
{
    for (; n >= 8; a += 8, b += 8, n -= 8) {
        uint64_t x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y)
            return 0;
    }
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return 0;
    return 1;
}

static Slot *
cache_find(const uint8_t *key, uint32_t size, uint64_t hash)
{
    size_t bytes = size & ~WIDE;
    for (size_t i = (size_t)hash & cache.mask;; i = (i + 1) & cache.mask) {
        Slot *slot = &cache.slots[i];
        if (slot->size == 0
            || (slot->hash == hash && slot->size == size
                && same_key(cache.keys + slot->off, key, bytes)))
            return slot;
    }
}

static int
cache_grow(void)
{
    size_t n = (cache.mask + 1) * 2;
    Slot *slots = PyMem_Calloc(n, sizeof(Slot));
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i <= cache.mask; i++) {
        Slot *old = &cache.slots[i];
        if (old->size == 0)
            continue;
        size_t j = (size_t)old->hash & (n - 1);
        while (slots[j].size != 0)
            j = (j + 1) & (n - 1);
        slots[j] = *old;
    }
    PyMem_Free(cache.slots);
    cache.slots = slots;
    cache.mask = n - 1;
    return 0;
}

/* Keeps `value` for the key; a full table is emptied first. */
static int
cache_put(const uint8_t *key, uint32_t size, uint64_t hash, uint64_t value)
{
    size_t bytes = size & ~WIDE;
    if (cache.used >= CACHE_ENTRIES) {
        cache_clear();
        if (cache_bind(cache.vocab) < 0)
            return -1;
    }
    else if ((cache.used + 1) * 2 > cache.mask + 1 && cache_grow() < 0)
        return -1;
    if (cache.keys_len + bytes > cache.keys_cap) {
        size_t cap = cache.keys_cap ? cache.keys_cap * 2 : 1 << 16;
        uint8_t *keys = PyMem_Realloc(cache.keys, cap);
        if (keys == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        cache.keys = keys;
        cache.keys_cap = cap;
    }
    Slot *slot = cache_find(key, size, hash);
    if (slot->size != 0)
        return 0;
    memcpy(cache.keys + cache.keys_len, key, bytes);
    slot->hash = hash;
    slot->value = value;
    slot->off = (uint32_t)cache.keys_len;
    slot->size = size;
    cache.keys_len += bytes;
    cache.used++;
    return 0;
}

/* vocab[token]; steals the reference to `token` (which may be NULL: an error). */
static int
lookup(PyObject *vocab, PyObject *token, uint64_t *result)
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
    *result = (uint64_t)v;
    return 0;
}

/* Appends vocab[token]; steals the reference to `token` (which may be NULL: an error). */
static int
emit(Out *out, PyObject *vocab, PyObject *token)
{
    uint64_t v;
    if (lookup(vocab, token, &v) < 0)
        return -1;
    return push(out, v);
}

/* Appends the value of text[i:j], from the table when the token was seen before. */
static int
emit_span(Out *out, PyObject *vocab, PyObject *text, int kind, const void *data, Py_ssize_t i,
          Py_ssize_t j)
{
    Py_ssize_t n = j - i;
    if (n > CACHE_TOKEN)
        return emit(out, vocab, PyUnicode_Substring(text, i, j));
    uint8_t narrow[CACHE_TOKEN];
    uint32_t wide[CACHE_TOKEN];
    const uint8_t *key;
    uint32_t size;
    if (kind == PyUnicode_1BYTE_KIND) {
        key = (const uint8_t *)data + i;
        size = (uint32_t)n;
    }
    else {
        Py_UCS4 max = 0;
        for (Py_ssize_t k = 0; k < n; k++) {
            wide[k] = PyUnicode_READ(kind, data, i + k);
            max |= wide[k];
        }
        if (max < 256) {
            for (Py_ssize_t k = 0; k < n; k++)
                narrow[k] = (uint8_t)wide[k];
            key = narrow;
            size = (uint32_t)n;
        }
        else {
            key = (const uint8_t *)wide;
            size = (uint32_t)(n * 4) | WIDE;
        }
    }
    uint64_t hash = hash_key(key, size & ~WIDE, size);
    Slot *slot = cache_find(key, size, hash);
    if (slot->size != 0)
        return push(out, slot->value);
    uint64_t v;
    if (lookup(vocab, PyUnicode_Substring(text, i, j), &v) < 0)
        return -1;
    /* The look-up ran Python code, which may have called here with another vocabulary. */
    if (cache.vocab == vocab && cache.slots != NULL && cache_put(key, size, hash, v) < 0)
        return -1;
    return push(out, v);
}

/* The tokens of one paragraph: 0 done, 1 outside the BMP (nothing emitted), -1 error. */
static int
paragraph(Out *out, PyObject *vocab, PyObject *text, const uint8_t *cls, const uint8_t *ready,
          PyObject *fill, int plain)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    uint8_t start = START, cont = CONT;
    /* As fingerprint.py's `_findall`: one combining mark anywhere gives the whole paragraph
     * the pattern where marks belong to words. A paragraph of one byte a character needs no
     * look when the first block is ready and holds no mark (`plain`). */
    Py_ssize_t scan = kind == PyUnicode_1BYTE_KIND && plain ? 0 : n;
    for (Py_ssize_t i = 0; i < scan; i++) {
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
        if (emit_span(out, vocab, text, kind, data, i, j) < 0)
            return -1;
        i = j;
    }
#undef CLASS
    return 0;
}

/* Whether the first block of the table (ready) holds no combining mark. */
static int
latin1_plain(const uint8_t *cls)
{
    for (int c = 0; c < 0x100; c++)
        if (cls[c] & MARK)
            return 0;
    return 1;
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
    PyObject *result = NULL;
    uint64_t separator = 0;
    int plain = -1; /* unknown until the first block is filled */
    Out out = {NULL, 0, 0};
    if (table.len != 0x10000 || ready.len != 0x100) {
        PyErr_SetString(PyExc_ValueError, "values: tables of 65536 classes and 256 blocks");
        goto done;
    }
    if (cache_bind(vocab) < 0)
        goto done;
    if (PyList_GET_SIZE(texts) > 1 && lookup(vocab, PyUnicode_FromOrdinal('\n'), &separator) < 0)
        goto done;
    for (Py_ssize_t t = 0; t < PyList_GET_SIZE(texts); t++) {
        PyObject *text = PyList_GET_ITEM(texts, t);
        if (PyUnicode_Check(text) && PyUnicode_READY(text) < 0)
            goto done;
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "values: texts must be str");
            goto done;
        }
        if (t > 0 && push(&out, separator) < 0)
            goto done;
        /* Held: a new token runs Python code (__missing__), which could drop the list's. */
        Py_INCREF(text);
        if (plain < 0 && ((const uint8_t *)ready.buf)[0]) /* filled by this batch or before */
            plain = latin1_plain(table.buf);
        int status = paragraph(&out, vocab, text, table.buf, ready.buf, fill, plain > 0);
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
