/* Which of a set of key words a text holds, in one pass over it (Aho-Corasick): the gate of
 * the `contains` rules (rules.py). A regex alternation of the key words is tried at every
 * position of the line, several times over on a long paragraph; here each character costs
 * one table look-up. The automaton (its states, transitions and outputs as flat int32
 * buffers) is built here too (`automaton`), value for value as keywords.py's Python twin
 * builds it. Optional: without a compiler, keywords.py finds the same words with the
 * regexes (tests/test_keywords.py holds the two together).
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

/* automaton(words) -> (low, extra, delta, width, starts, words, count): the tables `scan`
 * reads, each int32 buffer as bytes (keywords.py makes them arrays), built as keywords.py's
 * `_automaton` builds them, value for value (tests/test_keywords.py holds the two together).
 * `words` is a tuple of distinct non-empty str, sorted. Built in Python, the automata of a
 * rule set's buckets (up to 500,000 transitions each, a dozen a language) were some 60 ms
 * of every process's start: a one-file run, each worker of a --jobs run (HISTORY, session
 * 31, gate35).
 *
 * States are numbered as the trie makes them (words in order, characters in order); the
 * transitions of each are completed through its failure link breadth first (a failure link
 * is shallower, so its row is complete first); a state's output is its own word, if any,
 * and its failure link's output, sorted. */
static int
cmp_ucs4(const void *a, const void *b)
{
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return x < y ? -1 : x > y;
}

static PyObject *
automaton(PyObject *self, PyObject *arg)
{
    if (!PyTuple_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "automaton(words: tuple of str)");
        return NULL;
    }
    Py_ssize_t nwords = PyTuple_GET_SIZE(arg), total = 0;
    for (Py_ssize_t w = 0; w < nwords; w++) {
        PyObject *word = PyTuple_GET_ITEM(arg, w);
        if (!PyUnicode_Check(word) || PyUnicode_READY(word) < 0) {
            PyErr_SetString(PyExc_TypeError, "automaton: words must be str");
            return NULL;
        }
        if (PyUnicode_GET_LENGTH(word) == 0) {
            PyErr_SetString(PyExc_ValueError, "automaton: empty word");
            return NULL;
        }
        total += PyUnicode_GET_LENGTH(word);
    }
    if (nwords == 0 || total >= INT32_MAX / 2) {
        PyErr_SetString(PyExc_ValueError, "automaton: no words, or too many characters");
        return NULL;
    }
    PyObject *result = NULL;
    Py_UCS4 *alphabet = PyMem_Malloc(total * sizeof(Py_UCS4));
    int32_t *go = NULL, *delta = NULL, *fail = NULL, *ends = NULL, *queue = NULL;
    int32_t *out_at = NULL, *out_len = NULL, *pool = NULL, *starts = NULL, *flat = NULL;
    int32_t low[256];
    if (alphabet == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    /* The alphabet: every character of the words, sorted; symbol k + 1 (0: in no word). */
    Py_ssize_t n = 0;
    for (Py_ssize_t w = 0; w < nwords; w++) {
        PyObject *word = PyTuple_GET_ITEM(arg, w);
        int kind = PyUnicode_KIND(word);
        const void *data = PyUnicode_DATA(word);
        for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(word); i++)
            alphabet[n++] = PyUnicode_READ(kind, data, i);
    }
    qsort(alphabet, n, sizeof(Py_UCS4), cmp_ucs4);
    Py_ssize_t letters = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (letters == 0 || alphabet[letters - 1] != alphabet[i])
            alphabet[letters++] = alphabet[i];
    Py_ssize_t width = letters + 1, room = total + 1; /* at most one state a character */
    if (room > PY_SSIZE_T_MAX / width / (Py_ssize_t)sizeof(int32_t)) {
        PyErr_NoMemory();
        goto done;
    }
    go = PyMem_Calloc(room * width, sizeof(int32_t)); /* the trie's own edges (0: none) */
    ends = PyMem_Malloc(room * sizeof(int32_t));       /* the word a state ends, or -1 */
    if (go == NULL || ends == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    ends[0] = -1;
    Py_ssize_t states = 1;
    for (Py_ssize_t w = 0; w < nwords; w++) {
        PyObject *word = PyTuple_GET_ITEM(arg, w);
        int kind = PyUnicode_KIND(word);
        const void *data = PyUnicode_DATA(word);
        int32_t state = 0;
        for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(word); i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            Py_UCS4 *at = bsearch(&c, alphabet, letters, sizeof(Py_UCS4), cmp_ucs4);
            Py_ssize_t sym = at - alphabet + 1;
            int32_t next = go[(Py_ssize_t)state * width + sym];
            if (next == 0) {
                next = go[(Py_ssize_t)state * width + sym] = (int32_t)states;
                ends[states++] = -1;
            }
            state = next;
        }
        if (ends[state] != -1) {
            PyErr_SetString(PyExc_ValueError, "automaton: words must be distinct");
            goto done;
        }
        ends[state] = (int32_t)w;
    }
    delta = PyMem_Calloc(states * width, sizeof(int32_t));
    fail = PyMem_Calloc(states, sizeof(int32_t));
    queue = PyMem_Malloc(states * sizeof(int32_t));
    out_at = PyMem_Malloc(states * sizeof(int32_t));
    out_len = PyMem_Malloc(states * sizeof(int32_t));
    starts = PyMem_Malloc((states + 1) * sizeof(int32_t));
    if (delta == NULL || fail == NULL || queue == NULL || out_at == NULL || out_len == NULL
        || starts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* Outputs, breadth first: a state's is at most its own word and its failure link's. */
    Py_ssize_t pool_size = 0, pool_room = states + 16;
    pool = PyMem_Malloc(pool_room * sizeof(int32_t));
    if (pool == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    out_at[0] = 0;
    out_len[0] = 0; /* no empty word */
    Py_ssize_t head = 0, tail = 0;
    for (Py_ssize_t sym = 1; sym < width; sym++) {
        int32_t next = go[sym];
        delta[sym] = next;
        if (next)
            queue[tail++] = next;
    }
    while (head < tail) {
        int32_t state = queue[head++];
        int32_t f = fail[state];
        Py_ssize_t own = ends[state] >= 0, len = out_len[f] + own;
        if (pool_size + len > pool_room) {
            Py_ssize_t grown = (pool_room + len) * 2;
            int32_t *bigger = PyMem_Realloc(pool, grown * sizeof(int32_t));
            if (bigger == NULL) {
                PyErr_NoMemory();
                goto done;
            }
            pool = bigger;
            pool_room = grown;
        }
        /* The failure link's output is sorted and cannot hold this state's word (a longer
         * string than any of its suffixes): insert the word in its place. */
        int32_t *dst = pool + pool_size, *src = pool + out_at[f];
        Py_ssize_t k = 0, j = 0;
        for (; j < out_len[f] && (!own || src[j] < ends[state]); j++)
            dst[k++] = src[j];
        if (own)
            dst[k++] = ends[state];
        for (; j < out_len[f]; j++)
            dst[k++] = src[j];
        out_at[state] = (int32_t)pool_size;
        out_len[state] = (int32_t)len;
        pool_size += len;
        int32_t *row = delta + (Py_ssize_t)state * width;
        const int32_t *frow = delta + (Py_ssize_t)f * width, *edges = go + (Py_ssize_t)state * width;
        memcpy(row, frow, width * sizeof(int32_t));
        for (Py_ssize_t sym = 1; sym < width; sym++) {
            int32_t next = edges[sym];
            if (next) {
                fail[next] = frow[sym];
                row[sym] = next;
                queue[tail++] = next;
            }
        }
    }
    starts[0] = 0;
    for (Py_ssize_t s = 0; s < states; s++)
        starts[s + 1] = starts[s] + out_len[s];
    flat = PyMem_Malloc((starts[states] ? starts[states] : 1) * sizeof(int32_t));
    if (flat == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t s = 0; s < states; s++)
        memcpy(flat + starts[s], pool + out_at[s], out_len[s] * sizeof(int32_t));
    /* Symbols: of code points below 256 in a table, of the others in sorted pairs. */
    memset(low, 0, sizeof(low));
    Py_ssize_t wide = 0;
    for (Py_ssize_t k = 0; k < letters; k++) {
        if (alphabet[k] < 256)
            low[alphabet[k]] = (int32_t)(k + 1);
        else
            wide++;
    }
    int32_t *extra = PyMem_Malloc((2 * wide + 1) * sizeof(int32_t));
    if (extra == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0, j = 0; k < letters; k++) {
        if (alphabet[k] >= 256) {
            extra[j] = (int32_t)alphabet[k];
            extra[wide + j] = (int32_t)(k + 1);
            j++;
        }
    }
    result = Py_BuildValue(
        "(y#y#y#ny#y#n)", (const char *)low, (Py_ssize_t)sizeof(low), (const char *)extra,
        (Py_ssize_t)(2 * wide * sizeof(int32_t)), (const char *)delta,
        (Py_ssize_t)(states * width * sizeof(int32_t)), width, (const char *)starts,
        (Py_ssize_t)((states + 1) * sizeof(int32_t)), (const char *)flat,
        (Py_ssize_t)(starts[states] * sizeof(int32_t)), nwords);
    PyMem_Free(extra);
done:
    PyMem_Free(alphabet);
    PyMem_Free(go);
    PyMem_Free(ends);
    PyMem_Free(delta);
    PyMem_Free(fail);
    PyMem_Free(queue);
    PyMem_Free(out_at);
    PyMem_Free(out_len);
    PyMem_Free(pool);
    PyMem_Free(starts);
    PyMem_Free(flat);
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

/* Language detection's words of a line (`language.line_tokens`), read without a str made
 * for each: the words of a line of Latin-1 characters, the signs of prose beyond it
 * (`language._PROSE_SIGNS`) and the apostrophe "’" are cut here, lower-cased by
 * `letters` (`language._LATIN1_LETTERS`: a letter byte to its lower case, anything else a
 * space), and only those that are keys of the detection's `table` are made objects: the
 * table's own keys. A word is a run of letters, and another run after one apostrophe ("'"
 * or "’") right after it, as `line_tokens` reads them. The count of the other words is all
 * detection reads of them: its counts and its distinct stopwords look at the table's words
 * alone. A table's keys are kept as bytes ("’" as 0x92, where cp1252 writes it; a key with
 * another character beyond Latin-1 no line read here can hold) in a hash table of the last
 * few dicts asked about, each held by a strong reference and rebuilt if its size changed. */
#define KNOWN_TABLES 4
#define CURLY 0x92 /* "’" among a line's bytes */

typedef struct {
    PyObject *dict; /* NULL: a free slot */
    Py_ssize_t size;
    Py_ssize_t mask;
    PyObject **key; /* per slot: the dict's key (a strong reference), NULL: empty */
    uint64_t *hash;
    Py_ssize_t *start, *length;
    unsigned char *pool;
} Known;

static Known known_tables[KNOWN_TABLES];
static int next_known = 0;

static uint64_t
known_hash(const unsigned char *s, Py_ssize_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (Py_ssize_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

static void
known_free(Known *t)
{
    if (t->key != NULL)
        for (Py_ssize_t k = 0; k <= t->mask; k++)
            Py_XDECREF(t->key[k]);
    Py_CLEAR(t->dict);
    PyMem_Free(t->key);
    PyMem_Free(t->hash);
    PyMem_Free(t->start);
    PyMem_Free(t->length);
    PyMem_Free(t->pool);
    memset(t, 0, sizeof *t);
}

/* The bytes a line read here would hold for `key`, written to `out` (room for its length):
 * its length, or -1 when no such line holds it. */
static Py_ssize_t
key_bytes(PyObject *key, unsigned char *out)
{
    if (!PyUnicode_Check(key))
        return -1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(key);
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch == 0x2019)
            out[i] = CURLY;
        else if (ch < 256 && ch != CURLY)
            out[i] = (unsigned char)ch;
        else
            return -1;
    }
    return n;
}

static int
known_build(Known *t, PyObject *dict)
{
    Py_ssize_t size = PyDict_GET_SIZE(dict), slots = 8, used = 0, pos = 0;
    while (slots < 2 * size + 2)
        slots *= 2;
    t->mask = slots - 1;
    t->key = PyMem_Calloc(slots, sizeof *t->key);
    t->hash = PyMem_Calloc(slots, sizeof *t->hash);
    t->start = PyMem_Calloc(slots, sizeof *t->start);
    t->length = PyMem_Calloc(slots, sizeof *t->length);
    Py_ssize_t room = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &pos, &key, &value))
        if (PyUnicode_Check(key))
            room += PyUnicode_GET_LENGTH(key);
    t->pool = PyMem_Malloc(room + 1);
    if (t->key == NULL || t->hash == NULL || t->start == NULL || t->length == NULL
        || t->pool == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    pos = 0;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        Py_ssize_t n = key_bytes(key, t->pool + used);
        if (n < 0)
            continue;
        uint64_t h = known_hash(t->pool + used, n);
        Py_ssize_t k = (Py_ssize_t)(h & (uint64_t)t->mask);
        while (t->key[k] != NULL)
            k = (k + 1) & t->mask;
        t->key[k] = Py_NewRef(key);
        t->hash[k] = h;
        t->start[k] = used;
        t->length[k] = n;
        used += n;
    }
    t->dict = Py_NewRef(dict);
    t->size = size;
    return 0;
}

static const Known *
known_of(PyObject *dict)
{
    for (int i = 0; i < KNOWN_TABLES; i++)
        if (known_tables[i].dict == dict) {
            if (known_tables[i].size == PyDict_GET_SIZE(dict))
                return &known_tables[i];
            known_free(&known_tables[i]);
        }
    Known *t = &known_tables[next_known];
    next_known = (next_known + 1) % KNOWN_TABLES;
    known_free(t);
    if (known_build(t, dict) < 0) {
        known_free(t);
        return NULL;
    }
    return t;
}

static PyObject *
known_key(const Known *t, const unsigned char *s, Py_ssize_t n)
{
    uint64_t h = known_hash(s, n);
    for (Py_ssize_t k = (Py_ssize_t)(h & (uint64_t)t->mask); t->key[k] != NULL;
         k = (k + 1) & t->mask)
        if (t->hash[k] == h && t->length[k] == n && memcmp(t->pool + t->start[k], s, n) == 0)
            return t->key[k];
    return NULL;
}

#define IS_APOSTROPHE(b) ((b) == '\'' || (b) == CURLY)

/* known_words(table, letters, signs, line) -> (words, [the words that are keys of table])
 * or None for a line this does not read (a character beyond Latin-1 that is neither one of
 * `signs` nor "’", or the C1 control 0x92, which `line_tokens` reads another way). */
static PyObject *
known_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyDict_Check(args[0]) || !PyBytes_Check(args[1])
        || PyBytes_GET_SIZE(args[1]) != 256 || !PyUnicode_Check(args[2])
        || !PyUnicode_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "known_words(table: dict, letters: bytes[256], signs: str, line: str)");
        return NULL;
    }
    PyObject *line = args[3], *signs = args[2];
    const unsigned char *letters = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    int kind = PyUnicode_KIND(line), signs_kind = PyUnicode_KIND(signs);
    const void *data = PyUnicode_DATA(line), *signs_data = PyUnicode_DATA(signs);
    Py_ssize_t nsigns = PyUnicode_GET_LENGTH(signs);
    unsigned char small[1024];
    unsigned char *m = n <= (Py_ssize_t)sizeof small ? small : PyMem_Malloc(n);
    if (m == NULL)
        return PyErr_NoMemory();
    PyObject *out = NULL, *found = NULL;
    /* Each character as a lower-case letter's byte, an apostrophe or a space. */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch == '\'')
            m[i] = '\'';
        else if (ch == 0x2019)
            m[i] = CURLY;
        else if (ch < 256 && ch != CURLY)
            m[i] = letters[ch];
        else {
            int sign = 0;
            for (Py_ssize_t k = 0; k < nsigns && !sign; k++)
                sign = PyUnicode_READ(signs_kind, signs_data, k) == ch;
            if (!sign) {
                out = Py_NewRef(Py_None);
                goto done;
            }
            m[i] = ' ';
        }
    }
    const Known *t = known_of(args[0]);
    if (t == NULL)
        goto done;
    found = PyList_New(0);
    if (found == NULL)
        goto done;
    Py_ssize_t words = 0;
    for (Py_ssize_t i = 0; i < n;) {
        if (m[i] == ' ' || IS_APOSTROPHE(m[i])) {
            i++;
            continue;
        }
        Py_ssize_t j = i;
        while (j < n && m[j] != ' ' && !IS_APOSTROPHE(m[j]))
            j++;
        if (j + 1 < n && IS_APOSTROPHE(m[j]) && m[j + 1] != ' ' && !IS_APOSTROPHE(m[j + 1])) {
            j++;
            while (j < n && m[j] != ' ' && !IS_APOSTROPHE(m[j]))
                j++;
        }
        words++;
        PyObject *key = known_key(t, m + i, j - i);
        if (key != NULL && PyList_Append(found, key) < 0)
            goto done;
        i = j;
    }
    out = Py_BuildValue("(nO)", words, found);
done:
    Py_XDECREF(found);
    if (m != small)
        PyMem_Free(m);
    return out;
}

static PyMethodDef methods[] = {
    {"scan", (PyCFunction)(void (*)(void))scan, METH_FASTCALL,
     "scan(text, low, extra, delta, width, starts, words, count): the words found."},
    {"automaton", (PyCFunction)automaton, METH_O,
     "automaton(words): the tables scan reads, as keywords._automaton builds them."},
    {"stopword_counts", (PyCFunction)(void (*)(void))stopword_counts, METH_FASTCALL,
     "stopword_counts(lines, table): each language of table and its stopwords' count."},
    {"known_words", (PyCFunction)(void (*)(void))known_words, METH_FASTCALL,
     "known_words(table, letters, signs, line): a line's word count and its words in table."},
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
