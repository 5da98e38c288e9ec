/* Facts of a line's text alone, in C, for the lines that are pure ASCII.
 *
 * The classifier reads every line of a file several ways before its passes start: the line
 * model's own columns (`features._own`), the line's content words (`features._content_words`),
 * its words as duplicate resolution compares them (`repeats.words_of`). In Python each is a
 * handful of regex scans, translations and splits per line. Here each is one loop over the
 * line's characters.
 *
 * Exact by construction: a function answers only for a string whose characters are all
 * ASCII (`PyUnicode_IS_ASCII`), where what Python's `str.split`, `str.lower`, `str.isupper`,
 * `\s`, `\d`, `\w` and `[^\W\d_]` mean is a fixed table (below); for any other string it
 * returns None and the caller takes the Python path. tests/test_linefacts.py holds each
 * function to its Python twin on many lines. Optional, like _treewalk.c: without a compiler
 * every line takes the Python path.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

/* Character classes of ASCII, as Python reads them in a str. */
#define C_SPACE 1 /* str.split(), str.isspace() and re's \s: \t \n \v \f \r, \x1c-\x1f, space */
#define C_DIGIT 2 /* \d, str.isdigit() */
#define C_UPPER 4 /* A-Z: cased, upper */
#define C_LOWER 8 /* a-z: cased, lower */
#define C_WORD 16 /* \w: letters, digits, underscore */
#define C_NUMBER_LINE 32 /* features._NUMBER_LINE's class: \d \s . , : / % + - ( ) # $ k K m M */
#define C_LETTER (C_UPPER | C_LOWER) /* [^\W\d_] */

static unsigned char cls[128];

static void
init_classes(void)
{
    for (int c = 0; c < 128; c++) {
        unsigned char f = 0;
        if ((c >= 9 && c <= 13) || (c >= 28 && c <= 32))
            f |= C_SPACE | C_NUMBER_LINE;
        if (c >= '0' && c <= '9')
            f |= C_DIGIT | C_WORD | C_NUMBER_LINE;
        if (c >= 'A' && c <= 'Z')
            f |= C_UPPER | C_WORD;
        if (c >= 'a' && c <= 'z')
            f |= C_LOWER | C_WORD;
        if (c == '_')
            f |= C_WORD;
        if (c && strchr(".,:/%+-()#$kKmM", c) != NULL)
            f |= C_NUMBER_LINE;
        cls[c] = f;
    }
}

#define IS(c, f) (cls[(unsigned char)(c)] & (f))
#define LOWER(c) ((char)(IS(c, C_UPPER) ? (c) + 32 : (c)))

/* The text's characters if it is ASCII (else NULL: the caller returns None). */
static const char *
ascii_of(PyObject *text, Py_ssize_t *n)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "expected a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(text)) {
        *n = -1;
        return NULL;
    }
    *n = PyUnicode_GET_LENGTH(text);
    return (const char *)PyUnicode_DATA(text);
}

/* A str of s[0:len] lower-cased. */
static PyObject *
lowered(const char *s, Py_ssize_t len)
{
    PyObject *out = PyUnicode_New(len, 127);
    if (out == NULL)
        return NULL;
    char *d = (char *)PyUnicode_DATA(out);
    for (Py_ssize_t k = 0; k < len; k++)
        d[k] = LOWER(s[k]);
    return out;
}

/* `len(text.split())` */
static Py_ssize_t
split_count(const char *s, Py_ssize_t n)
{
    Py_ssize_t words = 0;
    int in_word = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int word = !IS(s[i], C_SPACE);
        words += word && !in_word;
        in_word = word;
    }
    return words;
}

#define MAX_CHARS 160 /* features.MAX_CHARS */
#define OWN_VALUES 15

/* `features._own(text, stopwords)`: the first 14 line features and the packed flags. */
static PyObject *
own(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "own(text, stopwords)");
        return NULL;
    }
    Py_ssize_t n;
    const char *s = ascii_of(args[0], &n);
    if (s == NULL) {
        if (PyErr_Occurred())
            return NULL;
        Py_RETURN_NONE;
    }
    PyObject *stopwords = args[1];
    Py_ssize_t nw = split_count(s, n);
    double per_word = nw ? (double)nw : 1.0;
    Py_ssize_t hn = n < MAX_CHARS ? n : MAX_CHARS;

    /* The head's runs of letters (lower-cased) and how many are stopwords. */
    Py_ssize_t tokens = 0, stop = 0;
    for (Py_ssize_t i = 0; i < hn;) {
        if (!IS(s[i], C_LETTER)) {
            i++;
            continue;
        }
        Py_ssize_t j = i;
        while (j < hn && IS(s[j], C_LETTER))
            j++;
        tokens++;
        PyObject *token = lowered(s + i, j - i);
        if (token == NULL)
            return NULL;
        int found = PySet_Contains(stopwords, token);
        Py_DECREF(token);
        if (found < 0)
            return NULL;
        stop += found;
        i = j;
    }
    double nt = tokens ? (double)tokens : 1.0;

    /* Capitals starting a word after a space, a bracket or a quote (`_CAPITAL`). */
    Py_ssize_t capitals = 0;
    for (Py_ssize_t i = 1; i < hn; i++) {
        char b = s[i - 1];
        capitals += IS(s[i], C_UPPER) && (IS(b, C_SPACE) || b == '(' || b == '"' || b == '\'');
    }
    /* Words of the head holding a digit (`_DIGIT_WORD`): runs of non-spaces with a digit. */
    Py_ssize_t digit_words = 0;
    int run_has_digit = 0;
    for (Py_ssize_t i = 0; i < hn; i++) {
        if (IS(s[i], C_SPACE)) {
            digit_words += run_has_digit;
            run_has_digit = 0;
        }
        else if (IS(s[i], C_DIGIT))
            run_has_digit = 1;
    }
    digit_words += run_has_digit;
    /* `_separators(head)`: | and /, and " - " as str.count counts it (no overlaps). */
    Py_ssize_t separators = 0;
    for (Py_ssize_t i = 0; i < hn; i++) {
        if (s[i] == '|' || s[i] == '/')
            separators++;
        else if (s[i] == ' ' && i + 2 < hn && s[i + 1] == '-' && s[i + 2] == ' ') {
            separators++;
            i += 2;
        }
    }

    /* The last character before closing quotes, brackets and spaces (`_CLOSERS_SPACE`). */
    Py_ssize_t end = n;
    while (end > 0 && s[end - 1] != 0 && strchr("\"')]* ", s[end - 1]) != NULL)
        end--;
    char last = end > 0 ? s[end - 1] : 0;

    Py_ssize_t commas = 0, upper = 0, lower = 0;
    int number_line = n > 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        char c = s[i];
        commas += c == ',' || c == ';';
        upper += IS(c, C_UPPER) != 0;
        lower += IS(c, C_LOWER) != 0;
        number_line &= IS(c, C_NUMBER_LINE) != 0;
    }

    /* `_BULLET.match(text)` on ASCII: "- ", "* ", "12. ", "3) ", "a. ", "b) ", "(4) ". The
     * string's data ends with a NUL, which no test below takes for anything. */
    int bullet = 0;
    if ((s[0] == '-' || s[0] == '*') && IS(s[1], C_SPACE))
        bullet = 1;
    else if (IS(s[0], C_LOWER) && (s[1] == '.' || s[1] == ')') && IS(s[2], C_SPACE))
        bullet = 1;
    else if (n > 0) {
        /* \d{1,3} then [.)] (or "(", \d{1,3}, ")"), then a space: a fourth digit fails. */
        Py_ssize_t at = s[0] == '(' ? 1 : 0, d = at;
        while (d < n && IS(s[d], C_DIGIT))
            d++;
        if (d - at >= 1 && d - at <= 3 && d + 1 < n && IS(s[d + 1], C_SPACE))
            bullet = at ? s[d] == ')' : (s[d] == '.' || s[d] == ')');
    }

    /* `_has_url(head)`: https?://, www., or an @ between two non-spaces. */
    int url = 0;
    for (Py_ssize_t i = 0; i < hn && !url; i++) {
        char c = s[i];
        if (c == 'h' && i + 7 <= hn && memcmp(s + i, "http", 4) == 0)
            url = memcmp(s + i + 4, "://", 3) == 0
                  || (i + 8 <= hn && memcmp(s + i + 4, "s://", 4) == 0);
        else if (c == 'w' && i + 4 <= hn && memcmp(s + i, "www.", 4) == 0)
            url = 1;
        else if (c == '@' && i > 0 && i + 1 < hn)
            url = !IS(s[i - 1], C_SPACE) && !IS(s[i + 1], C_SPACE);
    }
    Py_ssize_t capped = nw < MAX_CHARS ? nw : MAX_CHARS;

    double values[OWN_VALUES] = {
        log1p((double)nw),
        (double)n / per_word,
        last == '.' || last == '!' || last == '?',
        last == ':',
        last != 0 && strchr(",;|/->+&", last) != NULL,
        (double)stop / nt,
        (double)capitals / nt,
        n > 3 && upper > 0 && lower == 0,
        (double)digit_words / (capped ? (double)capped : 1.0),
        number_line,
        (double)commas / per_word,
        (double)separators / per_word,
        bullet,
        url,
        (last == '?') + 2 * (n > 0 && IS(s[0], C_LOWER) != 0),
    };
    PyObject *out = PyTuple_New(OWN_VALUES);
    if (out == NULL)
        return NULL;
    for (int k = 0; k < OWN_VALUES; k++) {
        PyObject *v = PyFloat_FromDouble(values[k]);
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, k, v);
    }
    return out;
}

#define COHESION_CHARS 600 /* features.COHESION_CHARS */
#define MIN_CONTENT_LETTERS 3 /* features.MIN_CONTENT_LETTERS */

/* `features._content_words(text, stopwords)`: the distinct runs of three letters or more
 * of the head, lower-cased, less the stopwords, sorted, as a tuple. */
static PyObject *
content_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "content_words(text, stopwords)");
        return NULL;
    }
    Py_ssize_t n;
    const char *s = ascii_of(args[0], &n);
    if (s == NULL) {
        if (PyErr_Occurred())
            return NULL;
        Py_RETURN_NONE;
    }
    PyObject *stopwords = args[1];
    Py_ssize_t hn = n < COHESION_CHARS ? n : COHESION_CHARS;
    PyObject *found = PySet_New(NULL);
    if (found == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < hn;) {
        if (!IS(s[i], C_LETTER)) {
            i++;
            continue;
        }
        Py_ssize_t j = i;
        while (j < hn && IS(s[j], C_LETTER))
            j++;
        if (j - i >= MIN_CONTENT_LETTERS) {
            PyObject *token = lowered(s + i, j - i);
            if (token == NULL)
                goto fail;
            int stop = PySet_Contains(stopwords, token);
            if (stop < 0 || (!stop && PySet_Add(found, token) < 0)) {
                Py_DECREF(token);
                goto fail;
            }
            Py_DECREF(token);
        }
        i = j;
    }
    PyObject *list = PySequence_List(found);
    Py_DECREF(found);
    if (list == NULL)
        return NULL;
    if (PyList_Sort(list) < 0) {
        Py_DECREF(list);
        return NULL;
    }
    PyObject *out = PyList_AsTuple(list);
    Py_DECREF(list);
    return out;
fail:
    Py_DECREF(found);
    return NULL;
}

/* `repeats.words_of(text)`: `re.findall(r"\w+", text.lower())`, a list of str. */
static PyObject *
words_of(PyObject *self, PyObject *text)
{
    Py_ssize_t n;
    const char *s = ascii_of(text, &n);
    if (s == NULL) {
        if (PyErr_Occurred())
            return NULL;
        Py_RETURN_NONE;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n;) {
        if (!IS(s[i], C_WORD)) {
            i++;
            continue;
        }
        Py_ssize_t j = i;
        while (j < n && IS(s[j], C_WORD))
            j++;
        PyObject *token = lowered(s + i, j - i);
        if (token == NULL || PyList_Append(out, token) < 0) {
            Py_XDECREF(token);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(token);
        i = j;
    }
    return out;
}

/* `words.count_words`: a line's words, remembered. The table of counts, its size limit and
 * the Python count for lines beyond ASCII are read from the `words` module's globals on
 * each call (`_COUNTED`, `COUNTED_LINES`, `_count`), so that what the module holds (or a
 * test sets there) is what is used. */
static PyObject *word_globals = NULL;
static PyObject *s_counted, *s_limit, *s_count;

static PyObject *
global(const char *name, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(word_globals, key); /* borrowed */
    if (value == NULL && !PyErr_Occurred())
        PyErr_Format(PyExc_NameError, "words.%s is not defined", name);
    return value;
}

static PyObject *
count_words(PyObject *self, PyObject *text)
{
    if (word_globals == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "count_words: word_counter(globals) not called");
        return NULL;
    }
    PyObject *table = global("_COUNTED", s_counted);
    if (table == NULL)
        return NULL;
    if (!PyDict_CheckExact(table)) {
        PyErr_SetString(PyExc_TypeError, "words._COUNTED is not a dict");
        return NULL;
    }
    PyObject *words = PyDict_GetItemWithError(table, text);
    if (words != NULL) {
        Py_INCREF(words);
        return words;
    }
    if (PyErr_Occurred())
        return NULL;
    PyObject *limit = global("COUNTED_LINES", s_limit);
    if (limit == NULL)
        return NULL;
    Py_ssize_t most = PyLong_AsSsize_t(limit);
    if (most == -1 && PyErr_Occurred())
        return NULL;
    if (PyDict_GET_SIZE(table) >= most)
        PyDict_Clear(table);
    if (PyUnicode_Check(text) && PyUnicode_IS_ASCII(text))
        words = PyLong_FromSsize_t(
            split_count((const char *)PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)));
    else {
        PyObject *count = global("_count", s_count);
        if (count == NULL)
            return NULL;
        words = PyObject_CallOneArg(count, text);
    }
    if (words == NULL)
        return NULL;
    if (PyDict_SetItem(table, text, words) < 0) {
        Py_DECREF(words);
        return NULL;
    }
    return words;
}

static PyMethodDef count_words_def = {
    "count_words", count_words, METH_O,
    "count_words(text): words.count_words, remembered in words._COUNTED; ASCII lines counted "
    "in C, others by words._count."};

/* word_counter(globals): `count_words` reading the `words` module's globals. */
static PyObject *
word_counter(PyObject *self, PyObject *globals)
{
    if (!PyDict_Check(globals)) {
        PyErr_SetString(PyExc_TypeError, "word_counter(globals): a dict");
        return NULL;
    }
    Py_INCREF(globals);
    Py_XSETREF(word_globals, globals);
    return PyCFunction_New(&count_words_def, NULL);
}

static PyMethodDef methods[] = {
    {"word_counter", word_counter, METH_O,
     "word_counter(globals): words.count_words in C, reading _COUNTED, COUNTED_LINES and "
     "_count from the words module's globals."},
    {"own", (PyCFunction)(void (*)(void))own, METH_FASTCALL,
     "own(text, stopwords): features._own of an ASCII line (a tuple of 15 floats), else None."},
    {"content_words", (PyCFunction)(void (*)(void))content_words, METH_FASTCALL,
     "content_words(text, stopwords): features._content_words of an ASCII line, else None."},
    {"words_of", words_of, METH_O,
     "words_of(text): repeats.words_of of an ASCII line, else None."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_linefacts", "Facts of ASCII lines, in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__linefacts(void)
{
    init_classes();
    s_counted = PyUnicode_InternFromString("_COUNTED");
    s_limit = PyUnicode_InternFromString("COUNTED_LINES");
    s_count = PyUnicode_InternFromString("_count");
    if (s_counted == NULL || s_limit == NULL || s_count == NULL)
        return NULL;
    return PyModule_Create(&module);
}
