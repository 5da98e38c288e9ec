/* Shared values of pairs of paragraphs' sorted value sets (match.py `_intersections`: the
 * shingles and facts candidate pairs share, in verification and resolution). In numpy each
 * batch of pairs is gathered, keyed, concatenated and merge-sorted; here each pair is one
 * linear merge of its two runs, with no array per pair. Optional: without a compiler, the
 * numpy batches give the same counts (tests/test_setops.py holds the two together).
 *
 * shared(off, values, a, b) -> (counts, odd) as bytearrays of native int64, or None when a
 *   paragraph's values are not in non-decreasing order (the numpy path then answers).
 *   off:    int64 (n + 1,)  paragraph i's values are values[off[i]:off[i + 1]]
 *   values: uint32
 *   a, b:   int64 (pairs,)  the pairs' paragraphs
 *   counts[k]: the numpy path's count, len(A) + len(B) - distinct values of A and B together
 *              (|A & B| for sets: each shared value is counted once)
 *   odd[k]:    the same over the values whose lowest bit is set
 *
 * minhash(off, values, rows, a, b) -> bytearray of native uint32 (len(rows), len(a)), or None
 *   when a row has no values (the numpy path then answers). fingerprint.py `signatures`:
 *   entry [k, p] is the least (uint32)(fmix32(v) * a[p] + b[p]) over row rows[k]'s values v.
 *   numpy makes a (values, permutations) array and reduces it per row; here each value's
 *   hash is taken once and folded into the row's minima as it is read, in one pass.
 *
 * shingles(units, off, k, mult) -> (sh_off, sh, sh_pos) as bytearrays of native int64, uint32
 *   and uint16. fingerprint.py `_shingle_sets`: paragraph i's units are units[off[i]:off[i + 1]]
 *   (uint64); its k-grams hashed (`gram_hashes`), then its distinct gram hashes sorted, each
 *   with the position where it first occurs (capped at 65535). numpy keys, argsorts and
 *   masks the whole batch in several temporaries; here each paragraph is sorted on its own.
 *
 * anchors(units, off, k, window, mult) -> (an_off, an) as bytearrays of native int64 and
 *   uint32. fingerprint.py `_anchor_sets`: per paragraph, the distinct minima of every
 *   `window` consecutive k-gram hashes, sorted (a paragraph with fewer grams than the window
 *   gives the minimum of all it has).
 *
 *   A k-gram's hash is the top 32 bits of fmix64(sum of units[p + j] * mult[j], j < k,
 *   modulo 2**64); a paragraph shorter than k has one gram of all its units. Both return
 *   None when k or the window is out of range (the numpy path then answers).
 *
 * columns(values, n, separator, special, number, capital) -> (hashes, starts, exact,
 *   fact_off, fact) as bytearrays of native uint64, int64, uint64, int64 and uint32.
 *   fingerprint.py `_word_columns`: a batch's token values (separator tokens between its n
 *   paragraphs) read once, where numpy masks, gathers and sums the batch a dozen times:
 *   each word's hash (fmix64 of the value's top 32 bits), where each paragraph's words
 *   start, each paragraph's exact key, and its facts (numbers, and capitalised words not
 *   after a boundary token) sorted and distinct. None when the batch holds more than n
 *   paragraphs (the numpy path then answers).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int
get(PyObject *obj, Py_buffer *view, Py_ssize_t itemsize, const char *what)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *f = view->format ? view->format : "B";
    if (*f == '=' || *f == '<' || *f == '@')
        f++;
    int ok = view->itemsize == itemsize
             && (itemsize == 8 ? (strcmp(f, "q") == 0 || strcmp(f, "l") == 0)
                               : (strcmp(f, "I") == 0 || strcmp(f, "L") == 0));
    if (!ok) {
        PyErr_Format(PyExc_TypeError, "shared: %s must be a contiguous %s buffer", what,
                     itemsize == 8 ? "int64" : "uint32");
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static PyObject *
shared(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "shared(off, values, a, b)");
        return NULL;
    }
    Py_buffer off, values, a, b;
    PyObject *result = NULL, *counts = NULL, *odds = NULL;
    if (get(args[0], &off, 8, "off") < 0)
        return NULL;
    if (get(args[1], &values, 4, "values") < 0)
        goto fail_off;
    if (get(args[2], &a, 8, "a") < 0)
        goto fail_values;
    if (get(args[3], &b, 8, "b") < 0)
        goto fail_a;

    const int64_t *o = off.buf, *pa = a.buf, *pb = b.buf;
    const uint32_t *v = values.buf;
    Py_ssize_t n = off.len / 8 - 1, nv = values.len / 4, pairs = a.len / 8;
    if (n < 0 || b.len != a.len) {
        PyErr_SetString(PyExc_ValueError, "shared: offsets missing, or pairs of unequal sides");
        goto done;
    }
    counts = PyByteArray_FromStringAndSize(NULL, pairs * 8);
    odds = PyByteArray_FromStringAndSize(NULL, pairs * 8);
    if (counts == NULL || odds == NULL)
        goto done;
    int64_t *out = (int64_t *)PyByteArray_AS_STRING(counts);
    int64_t *out_odd = (int64_t *)PyByteArray_AS_STRING(odds);
    int sorted = 1;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t k = 0; k < pairs && sorted >= 0; k++) {
        int64_t x = pa[k], y = pb[k];
        if (x < 0 || x >= n || y < 0 || y >= n) {
            sorted = -1;
            break;
        }
        int64_t i = o[x], ie = o[x + 1], j = o[y], je = o[y + 1];
        if (i < 0 || i > ie || ie > nv || j < 0 || j > je || je > nv) {
            sorted = -1;
            break;
        }
        int64_t total = (ie - i) + (je - j), distinct = 0, odd = 0, odd_distinct = 0;
        int have = 0;
        uint32_t prev = 0, last_a = 0, last_b = 0;
        while (i < ie || j < je) {
            uint32_t value;
            if (j >= je || (i < ie && v[i] <= v[j])) {
                value = v[i++];
                if (value < last_a)
                    sorted = 0;
                last_a = value;
            }
            else {
                value = v[j++];
                if (value < last_b)
                    sorted = 0;
                last_b = value;
            }
            if (!have || value != prev) {
                distinct++;
                odd_distinct += value & 1;
                prev = value;
                have = 1;
            }
            odd += value & 1;
        }
        if (!sorted)
            break;
        out[k] = total - distinct;
        out_odd[k] = odd - odd_distinct;
    }
    Py_END_ALLOW_THREADS
    if (sorted < 0) {
        PyErr_SetString(PyExc_IndexError, "shared: a paragraph or an offset out of range");
        goto done;
    }
    if (!sorted) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    result = PyTuple_Pack(2, counts, odds);
done:
    Py_XDECREF(counts);
    Py_XDECREF(odds);
    PyBuffer_Release(&b);
fail_a:
    PyBuffer_Release(&a);
fail_values:
    PyBuffer_Release(&values);
fail_off:
    PyBuffer_Release(&off);
    return result;
}

static uint32_t
fmix32(uint32_t h)
{
    /* MurmurHash3's finalizer, as datasketch's affine32 scheme applies it. */
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    return h ^ (h >> 16);
}

/* x86-64 glibc builds carry a second copy of the MinHash loop for CPUs with AVX2, chosen
 * when the module loads (an ifunc): eight 32-bit lanes multiply and compare at once, where
 * the baseline (SSE2) has neither a 32-bit multiply nor an unsigned minimum and emulates
 * both. The same integer arithmetic, so the same values on any CPU. */
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef VECTOR_CLONES
#define VECTOR_CLONES
#endif

/* m[p]: the least (uint32)(fmix32(v) * a[p] + b[p]) over the row's count (> 0) values. */
VECTOR_CLONES static void
row_minima(const uint32_t *v, int64_t count, const uint32_t *pa, const uint32_t *pb,
           Py_ssize_t perms, uint32_t *m)
{
    uint32_t h = fmix32(v[0]);
    for (Py_ssize_t p = 0; p < perms; p++)
        m[p] = h * pa[p] + pb[p];
    for (int64_t i = 1; i < count; i++) {
        h = fmix32(v[i]);
        for (Py_ssize_t p = 0; p < perms; p++) {
            uint32_t x = h * pa[p] + pb[p];
            m[p] = x < m[p] ? x : m[p];
        }
    }
}

static PyObject *
minhash(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "minhash(off, values, rows, a, b)");
        return NULL;
    }
    Py_buffer off, values, rows, a, b;
    PyObject *result = NULL, *sig = NULL;
    if (get(args[0], &off, 8, "off") < 0)
        return NULL;
    if (get(args[1], &values, 4, "values") < 0)
        goto fail_off;
    if (get(args[2], &rows, 8, "rows") < 0)
        goto fail_values;
    if (get(args[3], &a, 4, "a") < 0)
        goto fail_rows;
    if (get(args[4], &b, 4, "b") < 0)
        goto fail_a;

    const int64_t *o = off.buf, *r = rows.buf;
    const uint32_t *v = values.buf, *pa = a.buf, *pb = b.buf;
    Py_ssize_t n = off.len / 8 - 1, nv = values.len / 4, nrows = rows.len / 8;
    Py_ssize_t perms = a.len / 4;
    if (n < 0 || b.len != a.len || perms == 0) {
        PyErr_SetString(PyExc_ValueError,
                        "minhash: offsets missing, or permutations empty or of unequal sizes");
        goto done;
    }
    sig = PyByteArray_FromStringAndSize(NULL, nrows * perms * 4);
    if (sig == NULL)
        goto done;
    uint32_t *out = (uint32_t *)PyByteArray_AS_STRING(sig);
    int status = 0; /* -1: out of range, 1: an empty row */
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t k = 0; k < nrows; k++) {
        int64_t row = r[k];
        if (row < 0 || row >= n) {
            status = -1;
            break;
        }
        int64_t i = o[row], ie = o[row + 1];
        if (i < 0 || i > ie || ie > nv) {
            status = -1;
            break;
        }
        if (i == ie) {
            status = 1;
            break;
        }
        row_minima(v + i, ie - i, pa, pb, perms, out + k * perms);
    }
    Py_END_ALLOW_THREADS
    if (status < 0) {
        PyErr_SetString(PyExc_IndexError, "minhash: a row or an offset out of range");
        goto done;
    }
    result = status ? Py_NewRef(Py_None) : Py_NewRef(sig);
done:
    Py_XDECREF(sig);
    PyBuffer_Release(&b);
fail_a:
    PyBuffer_Release(&a);
fail_rows:
    PyBuffer_Release(&rows);
fail_values:
    PyBuffer_Release(&values);
fail_off:
    PyBuffer_Release(&off);
    return result;
}

static int
get_u64(PyObject *obj, Py_buffer *view, const char *what)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *f = view->format ? view->format : "B";
    if (*f == '=' || *f == '<' || *f == '@')
        f++;
    if (view->itemsize != 8 || (strcmp(f, "Q") != 0 && strcmp(f, "L") != 0)) {
        PyErr_Format(PyExc_TypeError, "%s must be a contiguous uint64 buffer", what);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static uint64_t
fmix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 33);
}

/* A paragraph's k-gram hashes in text order into out; returns how many (len >= k: len - k + 1,
 * a shorter paragraph: one, an empty one: none). */
static int64_t
gram_hashes(const uint64_t *u, int64_t len, long k, const uint64_t *mult, uint32_t *out)
{
    if (len == 0)
        return 0;
    int64_t m = len >= k ? len - k + 1 : 1;
    for (int64_t p = 0; p < m; p++) {
        int64_t stop = p + k < len ? p + k : len;
        uint64_t sum = 0;
        for (int64_t q = p; q < stop; q++)
            sum += u[q] * mult[q - p];
        out[p] = (uint32_t)(fmix64(sum) >> 32);
    }
    return m;
}

static void
sort_u64(uint64_t *a, int64_t n)
{
    /* Quicksort (median of three, the smaller side first) down to runs of 16, then one
     * insertion sort: paragraphs hold tens of values, rarely thousands. */
    while (n > 16) {
        uint64_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint64_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        int64_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            uint64_t t = a[i];
            a[i++] = a[j];
            a[j--] = t;
        }
        int64_t left = j + 1;
        if (left < n - left) {
            sort_u64(a, left);
            a += left;
            n -= left;
        }
        else {
            sort_u64(a + left, n - left);
            n = left;
        }
    }
    for (int64_t i = 1; i < n; i++) {
        uint64_t v = a[i];
        int64_t j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

typedef struct {
    Py_buffer units, off, mult;
    const uint64_t *u, *mul;
    const int64_t *o;
    Py_ssize_t n;
    int64_t longest;
} Batch;

/* The buffers of (units, off, mult), checked: offsets within units and non-decreasing, at
 * least k multipliers. Returns 1 when usable, 0 when k is out of range (the buffers still
 * held: close_batch), -1 on an error (released). */
static int
open_batch(Batch *b, PyObject *units, PyObject *off, PyObject *mult, long k, const char *name)
{
    if (get_u64(units, &b->units, "units") < 0)
        return -1;
    if (get(off, &b->off, 8, "off") < 0) {
        PyBuffer_Release(&b->units);
        return -1;
    }
    if (get_u64(mult, &b->mult, "mult") < 0) {
        PyBuffer_Release(&b->off);
        PyBuffer_Release(&b->units);
        return -1;
    }
    b->u = b->units.buf;
    b->o = b->off.buf;
    b->mul = b->mult.buf;
    b->n = b->off.len / 8 - 1;
    b->longest = 0;
    Py_ssize_t nu = b->units.len / 8;
    if (b->n < 0 || b->o[0] != 0 || b->o[b->n] != nu) {
        PyErr_Format(PyExc_ValueError, "%s: offsets must run from 0 to len(units)", name);
        goto fail;
    }
    for (Py_ssize_t i = 0; i < b->n; i++) {
        int64_t len = b->o[i + 1] - b->o[i];
        if (len < 0) {
            PyErr_Format(PyExc_ValueError, "%s: offsets must not decrease", name);
            goto fail;
        }
        if (len > b->longest)
            b->longest = len;
    }
    if (k < 1 || k > b->mult.len / 8 || b->longest > 0xFFFFFFFFll)
        return 0;
    return 1;
fail:
    PyBuffer_Release(&b->mult);
    PyBuffer_Release(&b->off);
    PyBuffer_Release(&b->units);
    return -1;
}

static void
close_batch(Batch *b)
{
    PyBuffer_Release(&b->mult);
    PyBuffer_Release(&b->off);
    PyBuffer_Release(&b->units);
}

static PyObject *
shingles(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "shingles(units, off, k, mult)");
        return NULL;
    }
    long k = PyLong_AsLong(args[2]);
    if (k == -1 && PyErr_Occurred())
        return NULL;
    Batch b;
    int ok = open_batch(&b, args[0], args[1], args[3], k, "shingles");
    if (ok <= 0) {
        if (ok == 0)
            close_batch(&b);
        return ok < 0 ? NULL : Py_NewRef(Py_None);
    }
    PyObject *result = NULL, *offs = NULL, *values = NULL, *firsts = NULL;
    Py_ssize_t nu = b.units.len / 8;
    uint32_t *grams = PyMem_Malloc((b.longest + 1) * sizeof(uint32_t));
    uint64_t *keys = PyMem_Malloc((b.longest + 1) * sizeof(uint64_t));
    offs = PyByteArray_FromStringAndSize(NULL, (b.n + 1) * 8);
    values = PyByteArray_FromStringAndSize(NULL, nu * 4);
    firsts = PyByteArray_FromStringAndSize(NULL, nu * 2);
    if (grams == NULL || keys == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (offs == NULL || values == NULL || firsts == NULL)
        goto done;
    int64_t *so = (int64_t *)PyByteArray_AS_STRING(offs);
    uint32_t *sh = (uint32_t *)PyByteArray_AS_STRING(values);
    uint16_t *pos = (uint16_t *)PyByteArray_AS_STRING(firsts);
    int64_t at = 0;
    Py_BEGIN_ALLOW_THREADS
    so[0] = 0;
    for (Py_ssize_t i = 0; i < b.n; i++) {
        int64_t m = gram_hashes(b.u + b.o[i], b.o[i + 1] - b.o[i], k, b.mul, grams);
        /* Value above, position below: sorted, a value's first key holds its first place. */
        for (int64_t p = 0; p < m; p++)
            keys[p] = ((uint64_t)grams[p] << 32) | (uint64_t)p;
        sort_u64(keys, m);
        for (int64_t p = 0; p < m; p++) {
            uint32_t value = (uint32_t)(keys[p] >> 32);
            if (p && value == (uint32_t)(keys[p - 1] >> 32))
                continue;
            uint32_t first = (uint32_t)keys[p];
            sh[at] = value;
            pos[at++] = first < 0xFFFF ? (uint16_t)first : 0xFFFF;
        }
        so[i + 1] = at;
    }
    Py_END_ALLOW_THREADS
    if (PyByteArray_Resize(values, at * 4) < 0 || PyByteArray_Resize(firsts, at * 2) < 0)
        goto done;
    result = PyTuple_Pack(3, offs, values, firsts);
done:
    PyMem_Free(grams);
    PyMem_Free(keys);
    Py_XDECREF(offs);
    Py_XDECREF(values);
    Py_XDECREF(firsts);
    close_batch(&b);
    return result;
}

static PyObject *
anchors(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "anchors(units, off, k, window, mult)");
        return NULL;
    }
    long k = PyLong_AsLong(args[2]);
    if (k == -1 && PyErr_Occurred())
        return NULL;
    long window = PyLong_AsLong(args[3]);
    if (window == -1 && PyErr_Occurred())
        return NULL;
    Batch b;
    int ok = open_batch(&b, args[0], args[1], args[4], k, "anchors");
    if (ok <= 0 || window < 1 || window > 0xFFFF) {
        if (ok >= 0)
            close_batch(&b);
        return ok < 0 ? NULL : Py_NewRef(Py_None);
    }
    PyObject *result = NULL, *offs = NULL, *values = NULL;
    Py_ssize_t nu = b.units.len / 8;
    uint32_t *grams = PyMem_Malloc((b.longest + 1) * sizeof(uint32_t));
    uint64_t *mins = PyMem_Malloc((b.longest + 1) * sizeof(uint64_t));
    offs = PyByteArray_FromStringAndSize(NULL, (b.n + 1) * 8);
    values = PyByteArray_FromStringAndSize(NULL, nu * 4);
    if (grams == NULL || mins == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (offs == NULL || values == NULL)
        goto done;
    int64_t *ao = (int64_t *)PyByteArray_AS_STRING(offs);
    uint32_t *an = (uint32_t *)PyByteArray_AS_STRING(values);
    int64_t at = 0;
    Py_BEGIN_ALLOW_THREADS
    ao[0] = 0;
    for (Py_ssize_t i = 0; i < b.n; i++) {
        int64_t m = gram_hashes(b.u + b.o[i], b.o[i + 1] - b.o[i], k, b.mul, grams);
        int64_t starts = m >= window ? m - window + 1 : (m > 0);
        for (int64_t p = 0; p < starts; p++) {
            int64_t stop = p + window < m ? p + window : m;
            uint32_t least = grams[p];
            for (int64_t q = p + 1; q < stop; q++)
                least = grams[q] < least ? grams[q] : least;
            mins[p] = least;
        }
        sort_u64(mins, starts);
        for (int64_t p = 0; p < starts; p++)
            if (p == 0 || mins[p] != mins[p - 1])
                an[at++] = (uint32_t)mins[p];
        ao[i + 1] = at;
    }
    Py_END_ALLOW_THREADS
    if (PyByteArray_Resize(values, at * 4) < 0)
        goto done;
    result = PyTuple_Pack(2, offs, values);
done:
    PyMem_Free(grams);
    PyMem_Free(mins);
    Py_XDECREF(offs);
    Py_XDECREF(values);
    close_batch(&b);
    return result;
}

static PyObject *
columns(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError,
                        "columns(values, n, separator, special, number, capital)");
        return NULL;
    }
    Py_ssize_t n = PyLong_AsSsize_t(args[1]);
    long bits[4];
    for (int k = 0; k < 4; k++) {
        bits[k] = PyLong_AsLong(args[2 + k]);
        if (bits[k] == -1 && PyErr_Occurred())
            return NULL;
    }
    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < 1)
        return Py_NewRef(Py_None);
    uint64_t separator = (uint64_t)bits[0], special = (uint64_t)bits[1];
    uint64_t number = (uint64_t)bits[2], capital = (uint64_t)bits[3];
    Py_buffer values;
    if (get_u64(args[0], &values, "values") < 0)
        return NULL;
    const uint64_t *v = values.buf;
    Py_ssize_t total = values.len / 8;
    PyObject *result = NULL, *hashes = NULL, *starts = NULL, *exacts = NULL, *fact_offs = NULL,
             *facts = NULL;
    uint64_t *pending = PyMem_Malloc((total + 1) * sizeof(uint64_t));
    if (pending == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    hashes = PyByteArray_FromStringAndSize(NULL, total * 8);
    starts = PyByteArray_FromStringAndSize(NULL, (n + 1) * 8);
    exacts = PyByteArray_FromStringAndSize(NULL, n * 8);
    fact_offs = PyByteArray_FromStringAndSize(NULL, (n + 1) * 8);
    facts = PyByteArray_FromStringAndSize(NULL, total * 4);
    if (hashes == NULL || starts == NULL || exacts == NULL || fact_offs == NULL || facts == NULL)
        goto done;
    uint64_t *th = (uint64_t *)PyByteArray_AS_STRING(hashes);
    int64_t *so = (int64_t *)PyByteArray_AS_STRING(starts);
    uint64_t *ex = (uint64_t *)PyByteArray_AS_STRING(exacts);
    int64_t *fo = (int64_t *)PyByteArray_AS_STRING(fact_offs);
    uint32_t *fv = (uint32_t *)PyByteArray_AS_STRING(facts);
    int overflow = 0;
    Py_BEGIN_ALLOW_THREADS
    Py_ssize_t p = 0, words = 0, nfacts = 0, at = 0;
    uint64_t sum = 0;
    int after_boundary = 1;
    so[0] = fo[0] = 0;
    for (Py_ssize_t i = 0; i <= total; i++) {
        uint64_t kind = i < total ? v[i] & 7 : separator;
        if (i == total || kind == separator) {
            /* The paragraph ends: its exact key, its facts sorted and distinct. */
            int64_t count = words - so[p];
            ex[p] = fmix64(sum ^ (uint64_t)(int32_t)count);
            sort_u64(pending, nfacts);
            for (Py_ssize_t q = 0; q < nfacts; q++)
                if (q == 0 || pending[q] != pending[q - 1])
                    fv[at++] = (uint32_t)pending[q];
            so[p + 1] = words;
            fo[p + 1] = at;
            nfacts = 0;
            sum = 0;
            if (++p == n && i < total) {
                overflow = 1; /* more paragraphs than n */
                break;
            }
            after_boundary = 1;
            continue;
        }
        if (kind & special) {
            after_boundary = 1;
            continue;
        }
        uint64_t h = fmix64(v[i] >> 32);
        th[words] = h;
        sum += fmix64(h + (uint64_t)(words - so[p]) * 0x9E3779B97F4A7C15ull);
        if ((kind & number) || ((kind & capital) && !after_boundary))
            pending[nfacts++] = v[i] & 0xFFFFFFF9u;
        words++;
        after_boundary = 0;
    }
    for (; p < n; p++) { /* paragraphs without a token */
        so[p + 1] = words;
        fo[p + 1] = at;
        ex[p] = fmix64(0);
    }
    if (!overflow)
        total = words;
    Py_END_ALLOW_THREADS
    if (overflow) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    if (PyByteArray_Resize(hashes, total * 8) < 0 || PyByteArray_Resize(facts, fo[n] * 4) < 0)
        goto done;
    result = PyTuple_Pack(5, hashes, starts, exacts, fact_offs, facts);
done:
    PyMem_Free(pending);
    Py_XDECREF(hashes);
    Py_XDECREF(starts);
    Py_XDECREF(exacts);
    Py_XDECREF(fact_offs);
    Py_XDECREF(facts);
    PyBuffer_Release(&values);
    return result;
}

static PyMethodDef methods[] = {
    {"shared", (PyCFunction)(void (*)(void))shared, METH_FASTCALL,
     "shared(off, values, a, b): (counts, odd counts) of the pairs' shared values."},
    {"minhash", (PyCFunction)(void (*)(void))minhash, METH_FASTCALL,
     "minhash(off, values, rows, a, b): the rows' MinHash values, uint32 (rows, perms)."},
    {"shingles", (PyCFunction)(void (*)(void))shingles, METH_FASTCALL,
     "shingles(units, off, k, mult): (offsets, distinct k-gram hashes, first positions)."},
    {"anchors", (PyCFunction)(void (*)(void))anchors, METH_FASTCALL,
     "anchors(units, off, k, window, mult): (offsets, distinct window minima of k-grams)."},
    {"columns", (PyCFunction)(void (*)(void))columns, METH_FASTCALL,
     "columns(values, n, separator, special, number, capital): a batch's word columns."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_setops", "Shared values of sorted sets, in C.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__setops(void)
{
    return PyModule_Create(&module);
}
