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
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
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
        uint32_t *m = out + k * perms;
        uint32_t h = fmix32(v[i]);
        for (Py_ssize_t p = 0; p < perms; p++)
            m[p] = h * pa[p] + pb[p];
        for (i++; i < ie; i++) {
            h = fmix32(v[i]);
            for (Py_ssize_t p = 0; p < perms; p++) {
                uint32_t x = h * pa[p] + pb[p];
                m[p] = x < m[p] ? x : m[p];
            }
        }
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

static PyMethodDef methods[] = {
    {"shared", (PyCFunction)(void (*)(void))shared, METH_FASTCALL,
     "shared(off, values, a, b): (counts, odd counts) of the pairs' shared values."},
    {"minhash", (PyCFunction)(void (*)(void))minhash, METH_FASTCALL,
     "minhash(off, values, rows, a, b): the rows' MinHash values, uint32 (rows, perms)."},
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
