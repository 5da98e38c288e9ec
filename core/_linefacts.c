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
static inline char
LOWER(char c)
{
    return IS(c, C_UPPER) ? (char)(c + 32) : c;
}

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

/* The characters of each item of a list of str, or NULL for an item that is not ASCII
 * (a TypeError is set for one that is not a str). */
static PyObject *
str_list(PyObject *texts, const char *name)
{
    PyObject *seq = PySequence_Fast(texts, name);
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyUnicode_Check(items[i])) {
            PyErr_Format(PyExc_TypeError, "%s: expected a list of str", name);
            Py_DECREF(seq);
            return NULL;
        }
    }
    return seq;
}

/* `tables.shape(text)` of an ASCII line: BREAK 0, NUMBER 1, TEXT 2, EMPTY 3. */
#define MAX_CELL_CHARS 200
#define PLACEHOLDER_CHARS 4
#define MAX_CELL_WORDS 12
#define MAX_NUMBER_WORDS 3

static int
table_shape(const char *s, Py_ssize_t n)
{
    Py_ssize_t a = 0, b = n;
    while (a < b && IS(s[a], C_SPACE))
        a++;
    while (b > a && IS(s[b - 1], C_SPACE))
        b--;
    Py_ssize_t len = b - a;
    if (len == 0 || len > MAX_CELL_CHARS)
        return 0;
    const char *cell = s + a;
    if (len <= PLACEHOLDER_CHARS) {
        /* `_placeholder`: no digit, at most two letters, a gap's mark or two capitals. */
        int digit = 0, letters = 0, marked = 0, upper = 0, lower = 0;
        for (Py_ssize_t i = 0; i < len; i++) {
            char c = cell[i];
            digit |= IS(c, C_DIGIT) != 0;
            letters += IS(c, C_LETTER) != 0;
            upper |= IS(c, C_UPPER) != 0;
            lower |= IS(c, C_LOWER) != 0;
            marked |= c == '/' || c == '.' || c == '-';
        }
        if (!digit && letters <= 2 && (marked || (letters == 2 && upper && !lower)))
            return 3;
    }
    Py_ssize_t words = split_count(cell, len);
    char last = cell[len - 1];
    if (words > MAX_CELL_WORDS || (words >= 6 && (last == '.' || last == '!' || last == '?')))
        return 0;
    if (words <= MAX_NUMBER_WORDS) {
        /* `_FIGURE`: signs, currencies, brackets and spaces, then a digit. */
        Py_ssize_t i = 0;
        while (i < len && (IS(cell[i], C_SPACE) || strchr("$+-~<>#(", cell[i]) != NULL)
               && cell[i] != 0)
            i++;
        if (i < len && IS(cell[i], C_DIGIT))
            return 1;
    }
    return 2;
}

/* `siblings.form(text)` of an ASCII line: NONE 0, LABELLED 1, MARKED 2, BLANK 3. */
#define MAX_LABEL 60
#define MAX_LABEL_WORDS 6

static int
item_form(const char *s, Py_ssize_t n)
{
    Py_ssize_t p = 0;
    while (p < n && IS(s[p], C_SPACE))
        p++;
    /* `_MARKED`: after the spaces, "- ", "* ", \d{1,3}[.)] or (\d{1,3}), then a space. */
    if ((s[p] == '-' || s[p] == '*') && IS(s[p + 1], C_SPACE))
        return 2;
    Py_ssize_t at = p + (s[p] == '('), d = at;
    while (d < n && IS(s[d], C_DIGIT))
        d++;
    if (d - at >= 1 && d - at <= 3 && d + 1 < n && IS(s[d + 1], C_SPACE)
        && (at > p ? s[d] == ')' : (s[d] == '.' || s[d] == ')')))
        return 2;
    /* `_LABELLED`: 1 to 60 characters without : . ! ? then a colon, then a non-space; the
     * label starts after the spaces (or is the last of them, right before the colon). */
    Py_ssize_t q = p;
    while (q < n && s[q] != ':' && s[q] != '.' && s[q] != '!' && s[q] != '?')
        q++;
    if (q < n && s[q] == ':') {
        Py_ssize_t start = q > p ? p : p - 1;
        Py_ssize_t rest = q + 1;
        while (rest < n && IS(s[rest], C_SPACE))
            rest++;
        if (start >= 0 && q - start <= MAX_LABEL && rest < n
            && split_count(s + start, q - start) <= MAX_LABEL_WORDS)
            return 1;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        if (IS(s[i], C_LETTER | C_DIGIT))
            return 0;
    return 3;
}

/* shapes(texts) / forms(texts): `tables.shape` / `siblings.form` of each line, -1 for a
 * line beyond ASCII. */
static PyObject *
each_line(PyObject *texts, const char *name, int (*fact)(const char *, Py_ssize_t))
{
    PyObject *seq = str_list(texts, name);
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *out = PyList_New(n);
    if (out == NULL) {
        Py_DECREF(seq);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = items[i];
        long value = -1;
        if (PyUnicode_IS_ASCII(text))
            value = fact((const char *)PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text));
        PyList_SET_ITEM(out, i, PyLong_FromLong(value)); /* small ints: cached, never NULL */
    }
    Py_DECREF(seq);
    return out;
}

static PyObject *
shapes(PyObject *self, PyObject *texts)
{
    return each_line(texts, "shapes", table_shape);
}

static PyObject *
forms(PyObject *self, PyObject *texts)
{
    return each_line(texts, "forms", item_form);
}

/* `contents._line(text)` of an ASCII line: its key as a list item ("" if it cannot be
 * one), whether it is prose, whether it can be a list's title. */
#define MAX_ITEM_WORDS 14
#define MAX_HEADER_WORDS 4

static PyObject *
contents_key(const char *s, Py_ssize_t n)
{
    /* `_MARKER`: spaces, a number (1.2.3, then . or )) or a dash or star, spaces. */
    Py_ssize_t p = 0, m = 0;
    while (p < n && IS(s[p], C_SPACE))
        p++;
    if (IS(s[p], C_DIGIT)) {
        Py_ssize_t x = p;
        for (int k = 0; k < 3 && IS(s[x], C_DIGIT); k++)
            x++;
        while (s[x] == '.' && IS(s[x + 1], C_DIGIT)) {
            x++;
            for (int k = 0; k < 3 && IS(s[x], C_DIGIT); k++)
                x++;
        }
        if (s[x] == '.' || s[x] == ')')
            x++;
        m = x;
    }
    else if (s[p] == '-' || s[p] == '*')
        m = p + 1;
    /* (The spaces after the marker hold no word.) The words (\w runs) of the rest,
     * lower-cased, one space between each two. */
    Py_ssize_t size = 0;
    for (Py_ssize_t i = m; i < n;) {
        if (!IS(s[i], C_WORD)) {
            i++;
            continue;
        }
        Py_ssize_t j = i;
        while (j < n && IS(s[j], C_WORD))
            j++;
        size += (size > 0) + (j - i);
        i = j;
    }
    PyObject *key = PyUnicode_New(size, 127);
    if (key == NULL)
        return NULL;
    char *d = (char *)PyUnicode_DATA(key);
    Py_ssize_t w = 0;
    for (Py_ssize_t i = m; i < n;) {
        if (!IS(s[i], C_WORD)) {
            i++;
            continue;
        }
        if (w > 0)
            d[w++] = ' ';
        while (i < n && IS(s[i], C_WORD))
            d[w++] = LOWER(s[i++]);
    }
    return key;
}

static PyObject *
contents_lines(PyObject *self, PyObject *texts)
{
    PyObject *seq = str_list(texts, "contents_lines");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *keys = PyList_New(n), *prose = PyList_New(n), *titles = PyList_New(n);
    PyObject *empty = PyUnicode_New(0, 127);
    if (keys == NULL || prose == NULL || titles == NULL || empty == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = items[i];
        if (!PyUnicode_IS_ASCII(text)) {
            PyList_SET_ITEM(keys, i, Py_NewRef(Py_None));
            PyList_SET_ITEM(prose, i, Py_NewRef(Py_False));
            PyList_SET_ITEM(titles, i, Py_NewRef(Py_False));
            continue;
        }
        const char *s = (const char *)PyUnicode_DATA(text);
        Py_ssize_t len = PyUnicode_GET_LENGTH(text);
        Py_ssize_t words = split_count(s, len);
        Py_ssize_t end = len; /* `text_end`: without the spaces after the last character */
        while (end > 0 && IS(s[end - 1], C_SPACE))
            end--;
        char last = end > 0 ? s[end - 1] : 0;
        int stop = last == '.' || last == '!' || last == '?';
        /* `prose_of`: long, or a sentence (prose.TERMINAL) of some length. */
        int running = words >= 25
                      || (words >= 8 && (stop || last == '"' || last == '\'' || last == ')'
                                         || last == ';'));
        int item = 0;
        if (words > 0 && words <= MAX_ITEM_WORDS && !running) {
            Py_ssize_t run = 0; /* `_LETTERS`: three letters in a row */
            for (Py_ssize_t k = 0; k < len && run < 3; k++)
                run = IS(s[k], C_LETTER) ? run + 1 : 0;
            item = run >= 3;
        }
        PyObject *key = item ? contents_key(s, len) : Py_NewRef(empty);
        if (key == NULL)
            goto fail;
        PyList_SET_ITEM(keys, i, key);
        PyList_SET_ITEM(prose, i, PyBool_FromLong(running));
        PyList_SET_ITEM(titles, i, PyBool_FromLong(words > 0 && words <= MAX_HEADER_WORDS
                                                   && !stop));
    }
    Py_DECREF(seq);
    Py_DECREF(empty);
    return Py_BuildValue("(NNN)", keys, prose, titles);
fail:
    Py_DECREF(seq);
    Py_XDECREF(keys);
    Py_XDECREF(prose);
    Py_XDECREF(titles);
    Py_XDECREF(empty);
    return NULL;
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
    {"shapes", shapes, METH_O,
     "shapes(texts): tables.shape of each line, -1 for a line beyond ASCII."},
    {"forms", forms, METH_O,
     "forms(texts): siblings.form of each line, -1 for a line beyond ASCII."},
    {"contents_lines", contents_lines, METH_O,
     "contents_lines(texts): (keys, prose, titles) as contents.lines_of reads each line; "
     "a line beyond ASCII has the key None (and False, False)."},
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
