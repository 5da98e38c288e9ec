/* The line model's tree walk in C: `Trees._margin` (linemodel.py) without numpy's cost per
 * gather. numpy walks all trees level by level, with four gathers a level over a (rows x
 * trees) array; here each row goes down each tree in a plain loop. Only the walk is done
 * here: the leaf values come back as a (rows x trees) array, and numpy adds them up as
 * before, so the margins are the same bit for bit (tests/test_treewalk.py holds the two
 * paths to that). Optional: without a compiler, linemodel.py walks the trees in numpy.
 *
 * Buffers only (no numpy headers): x float64 (rows, width), feature int64 and threshold
 * float64 (trees, 2**depth - 1), leaf float64 (trees, 2**depth), out float64 (rows, trees),
 * all C-contiguous. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* The leaf value `row` reaches in tree t: the walk of a row, or of a tree, left over after
 * the groups of four that both ways below walk together. */
static inline double
tree_leaf(const double *row, const int64_t *f, const double *th, const double *lv,
          Py_ssize_t t, Py_ssize_t inner, int depth)
{
    const int64_t *tf = f + t * inner;
    const double *tt = th + t * inner;
    Py_ssize_t node = 0;
    for (int level = 0; level < depth; level++)
        node = 2 * node + 1 + (row[tf[node]] > tt[node]);
    return lv[t * (inner + 1) + node - inner];
}

/* Four trees of one row at a time with AVX2's gathers, where the CPU has them: a level of
 * four walks is about eight instructions instead of some twenty-eight, and each lane
 * reaches the leaf the plain loop reaches (the same `x > threshold`, false for a NaN, as
 * _CMP_GT_OQ is), so every value is the same. `leaves(..., out, False)` takes the plain
 * loop (tests/test_treewalk.py holds the two together). */
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
#define HAVE_AVX2_WALK 1
static int avx2 = 0; /* the CPU has AVX2 (set at import) */

/* Rows of four trees' walks; `depth` a constant where the caller names one, so that the
 * levels unroll. A node is kept 1-based (`m`, the root 1): its children are 2m and 2m + 1,
 * and the lane's arrays are read at its tree's start - 1 + m. */
__attribute__((target("avx2"), always_inline)) static inline void
walk_avx2_rows(const double *xs, Py_ssize_t rows, Py_ssize_t width, const int64_t *f,
               const double *th, const double *lv, Py_ssize_t trees, Py_ssize_t inner,
               int depth, double *o)
{
    const Py_ssize_t wide = trees - trees % 4;
    /* lanes' trees t..t+3: their nodes from t * inner, their leaves from t * (inner + 1) */
    const __m256i node_step = _mm256_set1_epi64x(4 * inner);
    const __m256i leaf_step = _mm256_set1_epi64x(4 * (inner + 1));
    const __m256i node_first = _mm256_set_epi64x(3 * inner - 1, 2 * inner - 1, inner - 1, -1);
    /* leaf of node m - 1 (inner <= m - 1 <= 2 * inner): t * (inner + 1) + m - 1 - inner */
    const __m256i leaf_first = _mm256_set_epi64x(3 * (inner + 1) - inner - 1,
                                                 2 * (inner + 1) - inner - 1, 0, -inner - 1);
    const __m256i all = _mm256_set1_epi64x(-1);
    const __m256i root = _mm256_set1_epi64x(1);
    for (Py_ssize_t r = 0; r < rows; r++) {
        const double *row = xs + r * width;
        double *dest = o + r * trees;
        __m256i nodes = node_first, leaves_at = leaf_first;
        for (Py_ssize_t t = 0; t < wide; t += 4) {
            __m256i m = root;
            for (int level = 0; level < depth; level++) {
                __m256i at = _mm256_add_epi64(nodes, m);
                __m256i feature = _mm256_mask_i64gather_epi64(
                    all, (const long long *)f, at, all, 8);
                __m256d value = _mm256_mask_i64gather_pd(
                    _mm256_castsi256_pd(all), row, feature, _mm256_castsi256_pd(all), 8);
                __m256d bar = _mm256_mask_i64gather_pd(
                    _mm256_castsi256_pd(all), th, at, _mm256_castsi256_pd(all), 8);
                /* 2m + (value > bar): the mask is -1 where it is */
                __m256i right = _mm256_castpd_si256(_mm256_cmp_pd(value, bar, _CMP_GT_OQ));
                m = _mm256_sub_epi64(_mm256_add_epi64(m, m), right);
            }
            __m256d leaf = _mm256_mask_i64gather_pd(
                _mm256_castsi256_pd(all), lv, _mm256_add_epi64(leaves_at, m),
                _mm256_castsi256_pd(all), 8);
            _mm256_storeu_pd(dest + t, leaf);
            nodes = _mm256_add_epi64(nodes, node_step);
            leaves_at = _mm256_add_epi64(leaves_at, leaf_step);
        }
        for (Py_ssize_t t = wide; t < trees; t++)
            dest[t] = tree_leaf(row, f, th, lv, t, inner, depth);
    }
}

__attribute__((target("avx2"))) static void
walk_avx2(const double *xs, Py_ssize_t rows, Py_ssize_t width, const int64_t *f,
          const double *th, const double *lv, Py_ssize_t trees, Py_ssize_t inner, int depth,
          double *o)
{
    switch (depth) {  /* the depths a model is trained to, unrolled */
    case 4:
        walk_avx2_rows(xs, rows, width, f, th, lv, trees, inner, 4, o);
        break;
    case 5:
        walk_avx2_rows(xs, rows, width, f, th, lv, trees, inner, 5, o);
        break;
    case 6:
        walk_avx2_rows(xs, rows, width, f, th, lv, trees, inner, 6, o);
        break;
    default:
        walk_avx2_rows(xs, rows, width, f, th, lv, trees, inner, depth, o);
    }
}
#endif

static int
get(PyObject *obj, Py_buffer *view, const char *format, int writable, Py_ssize_t ndim)
{
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0)
        return -1;
    /* int64 is "l" where long has 64 bits, "q" elsewhere */
    int integer = format[0] == 'l';
    int same = integer ? view->itemsize == 8 && (strcmp(view->format, "l") == 0
                                                || strcmp(view->format, "q") == 0)
                       : strcmp(view->format, format) == 0;
    if (view->ndim != ndim || !same) {
        PyErr_Format(PyExc_TypeError, "expected a %zd-d array of format %s", ndim, format);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static PyObject *
leaves(PyObject *self, PyObject *args)
{
    PyObject *ox, *ofeature, *othreshold, *oleaf, *oout;
    int depth, simd = 1;
    if (!PyArg_ParseTuple(args, "OOOOiO|p", &ox, &ofeature, &othreshold, &oleaf, &depth, &oout,
                          &simd))
        return NULL;
    Py_buffer x, feature, threshold, leaf, out;
    if (get(ox, &x, "d", 0, 2) < 0)
        return NULL;
    if (get(ofeature, &feature, "l", 0, 2) < 0)
        goto fail_x;
    if (get(othreshold, &threshold, "d", 0, 2) < 0)
        goto fail_feature;
    if (get(oleaf, &leaf, "d", 0, 2) < 0)
        goto fail_threshold;
    if (get(oout, &out, "d", 1, 2) < 0)
        goto fail_leaf;

    Py_ssize_t rows = x.shape[0], width = x.shape[1];
    Py_ssize_t trees = feature.shape[0], inner = feature.shape[1];
    if (depth < 1 || depth > 30 || inner != ((Py_ssize_t)1 << depth) - 1
        || threshold.shape[0] != trees || threshold.shape[1] != inner
        || leaf.shape[0] != trees || leaf.shape[1] != inner + 1
        || out.shape[0] != rows || out.shape[1] != trees) {
        PyErr_SetString(PyExc_ValueError, "tree walk: arrays of inconsistent shapes");
        goto fail_out;
    }
    const int64_t *f = (const int64_t *)feature.buf;
    for (Py_ssize_t k = 0; k < trees * inner; k++) {
        if (f[k] < 0 || f[k] >= width) {
            PyErr_SetString(PyExc_IndexError, "tree walk: feature index out of range");
            goto fail_out;
        }
    }
    const double *xs = (const double *)x.buf;
    const double *th = (const double *)threshold.buf;
    const double *lv = (const double *)leaf.buf;
    double *o = (double *)out.buf;

    Py_BEGIN_ALLOW_THREADS
    Py_ssize_t r = 0;
#ifdef HAVE_AVX2_WALK
    if (simd && avx2) {
        walk_avx2(xs, rows, width, f, th, lv, trees, inner, depth, o);
        r = rows;
    }
#endif
    /* Four rows at a time: a row's walk down a tree is a chain of loads, each waiting for
     * the one before, and four independent chains keep the core busy while each waits
     * (each row still reaches its own leaf: the same values). */
    for (; r + 4 <= rows; r += 4) {
        const double *x0 = xs + r * width, *x1 = x0 + width, *x2 = x1 + width;
        const double *x3 = x2 + width;
        double *dest = o + r * trees;
        for (Py_ssize_t t = 0; t < trees; t++) {
            const int64_t *tf = f + t * inner;
            const double *tt = th + t * inner;
            Py_ssize_t n0 = 0, n1 = 0, n2 = 0, n3 = 0;
            for (int level = 0; level < depth; level++) {
                n0 = 2 * n0 + 1 + (x0[tf[n0]] > tt[n0]);
                n1 = 2 * n1 + 1 + (x1[tf[n1]] > tt[n1]);
                n2 = 2 * n2 + 1 + (x2[tf[n2]] > tt[n2]);
                n3 = 2 * n3 + 1 + (x3[tf[n3]] > tt[n3]);
            }
            const double *tl = lv + t * (inner + 1) - inner;
            dest[t] = tl[n0];
            dest[trees + t] = tl[n1];
            dest[2 * trees + t] = tl[n2];
            dest[3 * trees + t] = tl[n3];
        }
    }
    for (; r < rows; r++) {
        const double *row = xs + r * width;
        double *dest = o + r * trees;
        for (Py_ssize_t t = 0; t < trees; t++)
            dest[t] = tree_leaf(row, f, th, lv, t, inner, depth);
    }
    Py_END_ALLOW_THREADS

    PyBuffer_Release(&out);
    PyBuffer_Release(&leaf);
    PyBuffer_Release(&threshold);
    PyBuffer_Release(&feature);
    PyBuffer_Release(&x);
    Py_RETURN_NONE;

fail_out:
    PyBuffer_Release(&out);
fail_leaf:
    PyBuffer_Release(&leaf);
fail_threshold:
    PyBuffer_Release(&threshold);
fail_feature:
    PyBuffer_Release(&feature);
fail_x:
    PyBuffer_Release(&x);
    return NULL;
}

static PyMethodDef methods[] = {
    {"leaves", leaves, METH_VARARGS,
     "leaves(x, feature, threshold, leaf, depth, out[, simd]): the leaf value each row of "
     "x reaches in each tree, into out (rows x trees); simd false: the plain loop."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_treewalk", "The line model's tree walk in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__treewalk(void)
{
#ifdef HAVE_AVX2_WALK
    __builtin_cpu_init();
    avx2 = __builtin_cpu_supports("avx2") != 0;
#endif
    PyObject *m = PyModule_Create(&module);
    /* whether `leaves` walks four trees at a time (for the tests) */
#ifdef HAVE_AVX2_WALK
    if (m != NULL && PyModule_AddIntConstant(m, "SIMD", avx2) < 0) {
#else
    if (m != NULL && PyModule_AddIntConstant(m, "SIMD", 0) < 0) {
#endif
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
