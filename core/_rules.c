/* The rule pass's per-line walk over a line's kinds (rules.py, `RuleSet.match`), in C.
 *
 * Most lines match no rule: for them the Python driver spent about half the line verdicts'
 * instructions stepping through its own loop (a tuple unpacked per kind, a length test, a
 * loop over the kind's regexes, a table look-up, the contains gate), the other half in the
 * regex engine. Here the loop is C and the regexes are still `re`'s, called through their
 * bound `match` / `search` methods, so every match is the one Python would get. Which
 * regexes a line tries, in what order, and what a hit means (validators, rule order, the
 * bucket's own regex) stay in rules.py: this walks to the first kind with a candidate and
 * hands it back. Optional: without it rules.py walks the same steps in Python
 * (`RuleSet._match_python`, which tests/test_rules_walk.py holds this to).
 *
 * line(text, words, canon, cache) -> (key, low, size, bucket, steps, first, digitless, found):
 * what `RuleSet._prepare` reads of a trimmed line (its reference): `key` the text with its
 * curly quotes straight (`_fold_quotes`), `low` the key lower-cased (`_lower`), `size` its
 * length, `bucket` canon[min(words, len(canon) - 1)], `first` its first character (or ""),
 * `digitless` whether it holds no `\d` (a decimal digit of any script), `steps`
 * cache[bucket, first, digitless] or None; when found, `found` is walk(steps[1], key, low,
 * size, 0), else None. The Python steps cost four calls and as many objects a line.
 *
 * walk(steps, key, low, size, start) -> None, or (i, a, b) for the first step i >= start
 * with a candidate. `steps` is a tuple of per-kind tuples, in the order the kinds are tried:
 *   (tries, widest, table)    a kind matched at the line's start: `tries` a tuple of
 *                             triples (a bound `Pattern.match` method, the decimal digits
 *                             every match of it holds, and `starts`, a set of
 *                             `rules.start_code`s or None) tried in turn on `key` when
 *                             widest >= size, each skipped when `key` holds fewer decimal
 *                             digits (counted once, when a try first needs some) or when
 *                             its `starts` do not hold the key's start code (made once,
 *                             when a try first needs it) nor, where `starts` holds -1
 *                             (`rules._HAS_ANY`), its first character with any second
 *                             (the code | 0x1FFFFF, `rules._ANY`); `table` a dict of whole lines
 *                             (`low`) or None.
 *                             A candidate: a = the first match (or None), b = table[low]
 *                             (or None), not both None.
 *   (search, needs, scan, args, words)  the contains kind: `search` a bound
 *                             `Pattern.search` (or None), tried when `needs` is None or `key`
 *                             holds one of its strings, and `words` is None or `low` holds
 *                             one of its strings; `scan(low, *args)` the key-word gate (or
 *                             None), whose None or empty tuple means no key word. A
 *                             candidate: a = the search's match (or None), b = the gate's
 *                             answer (or None).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The decimal digits of `key` (what `\d` matches: below 256 only the ASCII figures). */
static Py_ssize_t
count_digits(PyObject *key)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(key), found = 0;
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *bytes = data;
        for (Py_ssize_t i = 0; i < n; i++)
            found += bytes[i] >= '0' && bytes[i] <= '9';
        return found;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        found += c < 256 ? c >= '0' && c <= '9' : Py_UNICODE_ISDECIMAL(c) != 0;
    }
    return found;
}

/* `rules.start_code(key)`: its first two characters lowered as `re` lowers a character
 * under IGNORECASE (`sre_lower_unicode`, the simple lower case), in one int; NULL with an
 * error set, or None (new) for a key of fewer than two characters. */
static PyObject *
start_code(PyObject *key)
{
    if (PyUnicode_GET_LENGTH(key) < 2)
        Py_RETURN_NONE;
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    unsigned long long a = _PyUnicode_ToLowercase(PyUnicode_READ(kind, data, 0));
    unsigned long long b = _PyUnicode_ToLowercase(PyUnicode_READ(kind, data, 1));
    return PyLong_FromUnsignedLongLong(a << 21 | b);
}

/* `rules._HAS_ANY` and `rules._ANY` (made at import) */
static PyObject *has_any = NULL, *any_second = NULL;

/* Whether a try's `starts` (a set, or None for any line) may let `key` match: 1, 0, or -1
 * on an error. `*code` is the key's start code, made on first need (NULL before). */
static int
may_start(PyObject *starts, PyObject *key, PyObject **code)
{
    if (starts == Py_None)
        return 1;
    if (!PyAnySet_Check(starts)) {
        PyErr_SetString(PyExc_TypeError, "walk: a try's starts are a set or None");
        return -1;
    }
    if (*code == NULL) {
        *code = start_code(key);
        if (*code == NULL)
            return -1;
    }
    if (*code == Py_None)
        return 0; /* every match of the try is two characters long at least */
    int found = PySet_Contains(starts, *code);
    if (found != 0)
        return found;
    /* Some of the try's matches take any second character after their first (a network's
     * name, then a case ending of any letters): the key's first character with any. */
    found = PySet_Contains(starts, has_any);
    if (found <= 0)
        return found;
    PyObject *first = PyNumber_Or(*code, any_second);
    if (first == NULL)
        return -1;
    found = PySet_Contains(starts, first);
    Py_DECREF(first);
    return found;
}

/* The first of `tries` that matches `key` (a new reference), None (new) when none does; a
 * try that needs more decimal digits than `key` holds, or whose matches cannot start as
 * `key` does, cannot match and is not made. */
static PyObject *
first_match(PyObject *tries, PyObject *key)
{
    Py_ssize_t digits = -1; /* counted when a try first needs some */
    PyObject *code = NULL;  /* the key's start code, made when a try first needs it */
    PyObject *m = NULL;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(tries); k++) {
        PyObject *try_ = PyTuple_GET_ITEM(tries, k);
        if (!PyTuple_Check(try_) || PyTuple_GET_SIZE(try_) != 3) {
            PyErr_SetString(PyExc_TypeError, "walk: a try is (match, digits, starts)");
            goto done;
        }
        Py_ssize_t need = PyLong_AsSsize_t(PyTuple_GET_ITEM(try_, 1));
        if (need == -1 && PyErr_Occurred())
            goto done;
        if (need > 0) {
            if (digits < 0)
                digits = count_digits(key);
            if (digits < need)
                continue;
        }
        int may = may_start(PyTuple_GET_ITEM(try_, 2), key, &code);
        if (may < 0)
            goto done;
        if (!may)
            continue;
        m = PyObject_CallOneArg(PyTuple_GET_ITEM(try_, 0), key);
        if (m == NULL || m != Py_None)
            goto done;
        Py_CLEAR(m);
    }
    m = Py_NewRef(Py_None);
done:
    Py_XDECREF(code);
    return m;
}

/* A kind matched at the line's start: 1 and a candidate in *a, *b; 0 none; -1 error. */
static int
at_start(PyObject *step, PyObject *key, PyObject *low, Py_ssize_t size, PyObject **a,
         PyObject **b)
{
    PyObject *tries = PyTuple_GET_ITEM(step, 0), *table = PyTuple_GET_ITEM(step, 2);
    if (!PyTuple_Check(tries)) {
        PyErr_SetString(PyExc_TypeError, "walk: a kind's regexes in a tuple");
        return -1;
    }
    PyObject *m = NULL;
    if (PyTuple_GET_SIZE(tries) > 0) {
        Py_ssize_t widest = PyLong_AsSsize_t(PyTuple_GET_ITEM(step, 1));
        if (widest == -1 && PyErr_Occurred())
            return -1;
        if (widest >= size) {
            m = first_match(tries, key);
            if (m == NULL)
                return -1;
            if (m == Py_None)
                Py_CLEAR(m);
        }
    }
    PyObject *rule = NULL;
    if (table != Py_None) {
        if (!PyDict_Check(table)) {
            Py_XDECREF(m);
            PyErr_SetString(PyExc_TypeError, "walk: a kind's table in a dict");
            return -1;
        }
        rule = PyDict_GetItemWithError(table, low); /* borrowed */
        if (rule == NULL && PyErr_Occurred()) {
            Py_XDECREF(m);
            return -1;
        }
        Py_XINCREF(rule);
    }
    if (m == NULL && rule == NULL)
        return 0;
    *a = m != NULL ? m : Py_NewRef(Py_None);
    *b = rule != NULL ? rule : Py_NewRef(Py_None);
    return 1;
}

/* Whether `key` holds one of the strings of `needs` (None: no such strings, always). */
static int
may_hold(PyObject *key, PyObject *needs)
{
    if (needs == Py_None)
        return 1;
    if (!PyTuple_Check(needs)) {
        PyErr_SetString(PyExc_TypeError, "walk: the contains kind's symbols and words in tuples");
        return -1;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(needs); k++) {
        int found = PyUnicode_Contains(key, PyTuple_GET_ITEM(needs, k));
        if (found != 0)
            return found;
    }
    return 0;
}

/* The key-word gate's answer on `low` (new reference), NULL with no error when it is none. */
static PyObject *
gate(PyObject *scan, PyObject *args, PyObject *low)
{
    if (!PyTuple_Check(args)) {
        PyErr_SetString(PyExc_TypeError, "walk: the gate's arguments in a tuple");
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *stack[16];
    if (n + 1 > (Py_ssize_t)(sizeof stack / sizeof *stack)) {
        PyErr_SetString(PyExc_ValueError, "walk: too many gate arguments");
        return NULL;
    }
    stack[0] = low;
    for (Py_ssize_t k = 0; k < n; k++)
        stack[k + 1] = PyTuple_GET_ITEM(args, k);
    PyObject *found = PyObject_Vectorcall(scan, stack, n + 1, NULL);
    if (found == NULL)
        return NULL;
    if (found == Py_None || (PyTuple_Check(found) && PyTuple_GET_SIZE(found) == 0)) {
        Py_DECREF(found);
        return NULL;
    }
    return found;
}

/* The contains kind: 1 and a candidate in *a, *b; 0 none; -1 error. */
static int
contains(PyObject *step, PyObject *key, PyObject *low, PyObject **a, PyObject **b)
{
    PyObject *search = PyTuple_GET_ITEM(step, 0), *scan = PyTuple_GET_ITEM(step, 2);
    PyObject *m = NULL, *found = NULL;
    if (search != Py_None) {
        int hold = may_hold(key, PyTuple_GET_ITEM(step, 1));
        if (hold > 0) /* and a word of its rules, in the lowered line (`_search_words`) */
            hold = may_hold(low, PyTuple_GET_ITEM(step, 4));
        if (hold < 0)
            return -1;
        if (hold) {
            m = PyObject_CallOneArg(search, key);
            if (m == NULL)
                return -1;
            if (m == Py_None)
                Py_CLEAR(m);
        }
    }
    if (scan != Py_None) {
        found = gate(scan, PyTuple_GET_ITEM(step, 3), low);
        if (found == NULL && PyErr_Occurred()) {
            Py_XDECREF(m);
            return -1;
        }
    }
    if (m == NULL && found == NULL)
        return 0;
    *a = m != NULL ? m : Py_NewRef(Py_None);
    *b = found != NULL ? found : Py_NewRef(Py_None);
    return 1;
}

static PyObject *
walk(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5 || !PyTuple_Check(args[0]) || !PyUnicode_Check(args[1])
        || !PyUnicode_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "walk(steps: tuple, key: str, low: str, size, start)");
        return NULL;
    }
    PyObject *steps = args[0], *key = args[1], *low = args[2];
    Py_ssize_t size = PyLong_AsSsize_t(args[3]);
    if (size == -1 && PyErr_Occurred())
        return NULL;
    Py_ssize_t start = PyLong_AsSsize_t(args[4]);
    if (start == -1 && PyErr_Occurred())
        return NULL;
    for (Py_ssize_t i = start < 0 ? 0 : start; i < PyTuple_GET_SIZE(steps); i++) {
        PyObject *step = PyTuple_GET_ITEM(steps, i), *a = NULL, *b = NULL;
        int got;
        if (PyTuple_Check(step) && PyTuple_GET_SIZE(step) == 3)
            got = at_start(step, key, low, size, &a, &b);
        else if (PyTuple_Check(step) && PyTuple_GET_SIZE(step) == 5)
            got = contains(step, key, low, &a, &b);
        else {
            PyErr_SetString(PyExc_TypeError, "walk: a step is a tuple of 3 or 5");
            return NULL;
        }
        if (got < 0)
            return NULL;
        if (got > 0) {
            PyObject *at = PyLong_FromSsize_t(i);
            if (at == NULL) {
                Py_DECREF(a);
                Py_DECREF(b);
                return NULL;
            }
            PyObject *out = PyTuple_New(3);
            if (out == NULL) {
                Py_DECREF(at);
                Py_DECREF(a);
                Py_DECREF(b);
                return NULL;
            }
            PyTuple_SET_ITEM(out, 0, at);
            PyTuple_SET_ITEM(out, 1, a);
            PyTuple_SET_ITEM(out, 2, b);
            return out;
        }
    }
    Py_RETURN_NONE;
}

/* `_fold_quotes`: curly quotes (and, in a text that is not all ASCII, the backtick and the
 * acute accent) as straight ones. A new reference; `text` itself when nothing changes. */
static Py_UCS4
straight(Py_UCS4 c)
{
    switch (c) {
    case 0x2019: case 0x2018: case 0xB4: case '`':
        return '\'';
    case 0x201C: case 0x201D:
        return '"';
    default:
        return c;
    }
}

/* `_lower`'s characters that `re.IGNORECASE` reads as an ASCII letter (see `_CASE_ODDITIES`). */
static Py_UCS4
plain_case(Py_UCS4 c)
{
    switch (c) {
    case 0x130: case 0x131:
        return 'i';
    case 0x17F:
        return 's';
    default:
        return c;
    }
}

/* `text` with each character through `map` (a new reference; `text` itself when none
 * changes), as a canonical string (its narrowest kind). */
static PyObject *
mapped(PyObject *text, Py_UCS4 (*map)(Py_UCS4))
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (map(c) != c)
            break;
    }
    if (i == n)
        return Py_NewRef(text);
    Py_UCS4 *out = PyMem_Malloc(n * sizeof *out);
    if (out == NULL)
        return PyErr_NoMemory();
    for (i = 0; i < n; i++)
        out[i] = map(PyUnicode_READ(kind, data, i));
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n);
    PyMem_Free(out);
    return result;
}

static PyObject *lower_name; /* "lower", interned */

/* `_lower`: the key lower-cased as str.lower does (a new reference). */
static PyObject *
lowered(PyObject *key)
{
    if (PyUnicode_IS_ASCII(key)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(key);
        PyObject *out = PyUnicode_New(n, 127);
        if (out == NULL)
            return NULL;
        const Py_UCS1 *from = PyUnicode_1BYTE_DATA(key);
        Py_UCS1 *to = PyUnicode_1BYTE_DATA(out);
        for (Py_ssize_t i = 0; i < n; i++)
            to[i] = from[i] >= 'A' && from[i] <= 'Z' ? from[i] + 32 : from[i];
        return out;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(key);
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    /* A capital sigma lower-cases by its context (final or not): str.lower knows how. */
    if (kind != PyUnicode_1BYTE_KIND && PyUnicode_FindChar(key, 0x3A3, 0, n, 1) != -1) {
        PyObject *plain = mapped(key, plain_case);
        if (plain == NULL)
            return NULL;
        PyObject *out = PyObject_CallMethodNoArgs(plain, lower_name);
        Py_DECREF(plain);
        return out;
    }
    /* Every other character lower-cases alone, to one character (U+0130, the only one
     * to two, is an "i" by then): below 256 by the Latin-1 rule, which str.lower looks up
     * in the Unicode tables for every character of a text that is not all ASCII. */
    Py_UCS4 *out = PyMem_Malloc((n ? n : 1) * sizeof *out);
    if (out == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = plain_case(PyUnicode_READ(kind, data, i));
        if (c < 256)
            out[i] = (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 32 : c;
        else
            out[i] = Py_UNICODE_TOLOWER(c);
    }
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n);
    PyMem_Free(out);
    return result;
}

static int
has_digit(PyObject *key)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(key);
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    if (kind == PyUnicode_1BYTE_KIND) {
        /* Below 256 only the ASCII figures are decimal digits. */
        const Py_UCS1 *bytes = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (bytes[i] >= '0' && bytes[i] <= '9')
                return 1;
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 256 ? c >= '0' && c <= '9' : Py_UNICODE_ISDECIMAL(c))
            return 1;
    }
    return 0;
}

static PyObject *
line(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyUnicode_Check(args[0]) || !PyList_Check(args[2])
        || PyList_GET_SIZE(args[2]) == 0 || !PyDict_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "line(text: str, words: int, canon: list, cache: dict)");
        return NULL;
    }
    PyObject *text = args[0], *canon = args[2], *cache = args[3];
    Py_ssize_t words = PyLong_AsSsize_t(args[1]);
    if (words == -1 && PyErr_Occurred())
        return NULL;
    if (words < 0) {
        PyErr_SetString(PyExc_ValueError, "line: a negative word count");
        return NULL;
    }
    Py_ssize_t last = PyList_GET_SIZE(canon) - 1;
    PyObject *bucket = PyList_GET_ITEM(canon, words < last ? words : last);
    PyObject *key = NULL, *low = NULL, *first = NULL, *size = NULL, *probe = NULL;
    PyObject *found = NULL, *out = NULL;
    key = PyUnicode_IS_ASCII(text) ? Py_NewRef(text) : mapped(text, straight);
    if (key == NULL)
        goto done;
    low = lowered(key);
    if (low == NULL)
        goto done;
    first = PyUnicode_Substring(key, 0, 1);
    size = PyLong_FromSsize_t(PyUnicode_GET_LENGTH(key));
    if (first == NULL || size == NULL)
        goto done;
    PyObject *digitless = has_digit(key) ? Py_False : Py_True;
    probe = PyTuple_Pack(3, bucket, first, digitless);
    if (probe == NULL)
        goto done;
    PyObject *steps = PyDict_GetItemWithError(cache, probe); /* borrowed */
    if (steps == NULL && PyErr_Occurred())
        goto done;
    if (steps != NULL) {
        if (!PyTuple_Check(steps) || PyTuple_GET_SIZE(steps) != 2) {
            PyErr_SetString(PyExc_TypeError, "line: cached steps are a pair");
            goto done;
        }
        PyObject *walk_args[5] = {PyTuple_GET_ITEM(steps, 1), key, low, size, NULL};
        PyObject *zero = PyLong_FromLong(0);
        if (zero == NULL)
            goto done;
        walk_args[4] = zero;
        found = walk(self, walk_args, 5);
        Py_DECREF(zero);
        if (found == NULL)
            goto done;
    }
    else {
        steps = Py_None;
        found = Py_NewRef(Py_None);
    }
    out = PyTuple_Pack(8, key, low, size, bucket, steps, first, digitless, found);
done:
    Py_XDECREF(key);
    Py_XDECREF(low);
    Py_XDECREF(first);
    Py_XDECREF(size);
    Py_XDECREF(probe);
    Py_XDECREF(found);
    return out;
}

static PyMethodDef methods[] = {
    {"line", (PyCFunction)(void (*)(void))line, METH_FASTCALL,
     "line(text, words, canon, cache): what the rules read of a line, and its first walk."},
    {"walk", (PyCFunction)(void (*)(void))walk, METH_FASTCALL,
     "walk(steps, key, low, size, start): the first step from start with a candidate."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_rules", "The rule pass's per-line walk, in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__rules(void)
{
    lower_name = PyUnicode_InternFromString("lower");
    if (lower_name == NULL)
        return NULL;
    has_any = PyLong_FromLong(-1);
    any_second = PyLong_FromLong(0x1FFFFF);
    if (has_any == NULL || any_second == NULL)
        return NULL;
    return PyModule_Create(&module);
}
