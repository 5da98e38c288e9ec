"""More scrapes nobody has seen: other scripts and languages without a pack, and page layouts.

The language fixtures (tests/fixtures/unseen/: el, he, hi, vi, uk, th-news, fa, ro, hu, fi,
da, and an English article under German menus) are invented news pages with the usual
damage: a menu, a login link, the headline, a date line, a byline, a share label, a
"read also" line dropped into the body, an image credit, a related list, comment and
newsletter prompts, a copyright line. The layout fixtures (tests/fixtures/layouts/) are a
live blog, a press release, a recipe, a listicle, a forum thread, an article with a long
table of figures, one hard-wrapped at 72 columns, a whole page with a cookie banner and a
40-line footer menu, and a short article under a large menu. sw-menus is a Swahili page
(no pack, no rule fires) with a menu and a footer of one link a line.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, rule_verdict
from copydesk.core import titles

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
LANGUAGES = ROOT / "tests" / "fixtures" / "languages"


def _front_matter(cli, page) -> dict[str, str]:
    result = cli(["clean", "-", "--front-matter"], input=page.read_bytes())
    assert result.exit_code == 0
    header = result.stdout.split("---\n")[1]
    fields = {}
    for line in header.splitlines():
        name, _, value = line.partition(": ")
        fields[name] = value.strip('"')
    return fields


def _lines(page) -> list[str]:
    return page.read_text(encoding="utf-8").splitlines()


# The fixture, its "read also" line, its image credit and its share label.
CHROME = {
    "el.txt": ("Διαβάστε επίσης:", "Φωτογραφία:", "Κοινοποίηση"),
    "he.txt": ("קראו גם:", "צילום:", "שתף"),
    "hi.txt": ("यह भी पढ़ें:", "फोटो:", "शेयर करें"),
    "vi.txt": ("Xem thêm:", "Ảnh:", "Chia sẻ"),
    "uk.txt": ("Читайте також:", "Фото:", "Поділитися"),
    "th-news.txt": ("อ่านเพิ่มเติม:", "ภาพ:", "แชร์"),
    "fa.txt": ("بیشتر بخوانید:", "عکس:", "اشتراک\u200cگذاری"),
    "ro.txt": ("Citește și:", "Foto:", "Distribuie"),
    "hu.txt": ("Olvassa el ezt is:", "Fotó:", "Megosztás"),
}


@pytest.mark.parametrize("name", sorted(CHROME))
def test_read_also_lines_credits_and_share_labels_leave_the_text(cli, name):
    # The "read also" line sits between two paragraphs, and the model, judging by layout
    # alone, kept it with them (p 0.93-0.98); credits in Devanagari, Cyrillic, Thai,
    # Persian and Hungarian stayed in the body or went without their credit.
    lines = _lines(UNSEEN / name)
    label, credit, share = CHROME[name]
    clean = cli(["clean", UNSEEN / name]).stdout.splitlines()
    for start in (label, credit):
        assert not [line for line in clean if line.startswith(start)], start
    assert share not in clean
    # The paragraphs around the "read also" line stay.
    at = next(k for k, line in enumerate(lines) if line.startswith(label))
    assert lines[at - 1] in clean and lines[at + 1] in clean
    credited = next(line for line in lines if line.startswith(credit))
    assert _front_matter(cli, UNSEEN / name)["image_credit"] == credited.split(":", 1)[1].strip()


HEADLINES = {
    "el.txt": "Ο δήμος εγκρίνει νέα γραμμή τραμ προς το λιμάνι",
    "he.txt": "העירייה תקים חניון תת-קרקעי מתחת לכיכר המרכזית",
    "hi.txt": "नगर निगम ने नदी किनारे नए पार्क की योजना को मंजूरी दी",
    "vi.txt": "Thành phố khởi công cây cầu mới bắc qua sông Hàn",
    "uk.txt": "Міська рада затвердила ремонт центрального ринку",
    "th-news.txt": "เทศบาลเตรียมสร้างสะพานคนเดินข้ามแม่น้ำแห่งใหม่",
    "fa.txt": "شهرداری طرح توسعه خط یک مترو را تصویب کرد",
    "ro.txt": "Primăria va moderniza piața centrală până în 2028",
    "hu.txt": "Új gyalogoshidat épít a város a folyó felett",
    "fi.txt": "Kaupunki rakentaa uuden uimahallin satamaan",
    "da.txt": "Kommunen bygger ny cykelbro over havnen",
    "en-menus-de.txt": "Harbour authority approves new ferry terminal",
}


@pytest.mark.parametrize("name", sorted(HEADLINES))
def test_the_headline_in_other_scripts(cli, name):
    assert _front_matter(cli, UNSEEN / name)["headline"] == HEADLINES[name]


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("hi.txt", "14 मार्च 2026, 10:32"),  # a month name with vowel signs
        ("th-news.txt", "14 มี.ค. 2569 10:32"),  # an abbreviated month with dots inside
        ("hu.txt", "2026. március 14. 10:32"),  # year first, then the month's name
    ],
)
def test_date_lines_in_more_scripts_are_date_metadata(cli, name, date):
    assert _front_matter(cli, UNSEEN / name)["date"] == date
    assert date not in cli(["clean", UNSEEN / name]).stdout


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Διαβάστε επίσης: Νέο πάρκο στο κέντρο", "related-inline"),
        ("קראו גם: פארק חדש במרכז העיר", "related-inline"),
        ("ये भी पढ़ें: शहर में नया पार्क", "related-inline"),
        ("Đọc thêm: Công viên mới ở trung tâm", "related-inline"),
        ("Дивіться також: Новий парк у центрі", "related-inline"),
        ("อ่านต่อ: สวนสาธารณะแห่งใหม่", "related-inline"),
        ("همچنین بخوانید: پارک جدید در مرکز شهر", "related-inline"),
        ("Citiți și: Un parc nou în centru", "related-inline"),
        ("Olvasd el ezt is: Új park a belvárosban", "related-inline"),
        ("Čítajte aj: Nový park v centre mesta", "related-inline"),
        ("Pročitajte još: Novi park u središtu grada", "related-inline"),
        ("延伸閱讀：市府公布新公車路線", "related-inline"),
        ("相關新聞：捷運新線明年通車", "related-inline"),
        ("Tin liên quan: Công viên mới ở trung tâm", "related-inline"),
        ("Basahin din: Bagong parke sa lungsod", "related-inline"),
        ("আরও পড়ুন: শহরে নতুন পার্ক", "related-inline"),
        ("हेही वाचा: शहरात नवीन उद्यान", "related-inline"),
        ("یہ بھی پڑھیں: شہر میں نیا پارک", "related-inline"),
        ("இதையும் படிங்க: புதிய பூங்கா", "related-inline"),
        ("ছবি: সংগৃহীত", "image-credit"),
        ("تصویر: اے ایف پی", "image-credit"),
        ("攝影：陳大文", "image-credit"),
        ("Fotó: MTI/Balogh Zoltán", "image-credit"),
        ("फ़ोटो: एएनआई", "image-credit"),
        ("Фото: Укрінформ", "image-credit"),
        ("ภาพประกอบ: แฟ้มภาพ", "image-credit"),
        ("عکس: ایرنا", "image-credit"),
        ("Поділитися", "share-label"),
        ("शेयर करें", "share-label"),
    ],
)
def test_labels_of_more_languages_without_a_pack(line, rule):
    verdict = rule_verdict(line)
    assert verdict.rule == rule and not verdict.keep


@pytest.mark.parametrize(
    "line",
    [
        # The label's words in prose, without its colon.
        "Διαβάστε επίσης τις απόψεις των κατοίκων που συγκεντρώσαμε μετά τη συνεδρίαση.",
        "Xem thêm nhiều hình ảnh về buổi lễ khởi công trong bài viết tiếp theo của chúng tôi.",
        "Читайте також інтерв'ю з міським головою, яке ми опублікуємо завтра вранці.",
        "Citește și opiniile locuitorilor pe care le-am adunat după ședința consiliului.",
        "यह भी पढ़ें कि लोगों ने इस योजना के बारे में क्या कहा और क्यों कहा।",
        "Fotó nélkül is látszik, hogy a híd terve sokkal nagyobb, mint a régi.",
        "相關新聞報導指出，捷運新線預計明年通車，沿線居民表示期待。",
        "یہ بھی پڑھیں کہ شہریوں نے نئی بس سروس کے بارے میں کیا کہا۔",
    ],
)
def test_prose_with_those_labels_words_stays(line):
    verdict = rule_verdict(line)
    assert verdict.keep and verdict.rule is None


def test_words_with_vowel_signs_are_whole_words_for_the_headline_choice():
    # "[^\W\d_]+" cut Devanagari words at every vowel sign: no trigrams, no vocabulary.
    body = titles.vocabulary("नगर निगम ने शुक्रवार को नदी के किनारे एक बड़े पार्क की योजना को मंजूरी दी।")
    assert titles.shared("नगर निगम ने पार्क की योजना को मंजूरी दी", body) >= titles.MIN_SHARED
    assert titles.shared("संबंधित खबरें", body) < titles.MIN_SHARED


def test_a_cookie_banner_sentence_leaves_a_whole_page(cli):
    clean = cli(["clean", LAYOUTS / "cookie-footer.txt"]).stdout
    assert "cookies" not in clean
    assert "Ministers have given final approval" in clean
    # Not one line of the 40-line footer menu stays.
    footer = _lines(LAYOUTS / "cookie-footer.txt")[21:]
    assert not [line for line in footer if line in clean.splitlines()]


def test_the_headline_under_a_large_menu_is_named(cli):
    # A menu item read as a list header ("Podcasts") took the lines after it down to
    # the body, the headline with them; it shares the body's words: it is the headline.
    page = LAYOUTS / "short-body-big-menu.txt"
    fields = _front_matter(cli, page)
    assert fields["headline"] == "Library opening hours extended for exam season"
    clean = cli(["clean", page]).stdout.splitlines()
    body = [line for line in _lines(page) if line.count(" ") > 8]
    assert clean == [body[0], "", body[1], "", body[2]]


def test_a_live_blog_s_refresh_button_goes(cli):
    clean = cli(["clean", LAYOUTS / "live-blog.txt"]).stdout.splitlines()
    assert "Refresh" not in clean
    assert any(line.startswith("Good morning and welcome") for line in clean)


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        # Short numbered lines and ingredient lines are the recipe and the listicle.
        ("recipe.txt", "This is the lemon cake", "5. Mix the lemon juice"),
        ("listicle.txt", "Skip the crowds of Lisbon", "A tiny fortified village"),
        # A table of figures between two paragraphs is the article's.
        ("figures-table.txt", "Unemployment fell in every region", "The statistics office will"),
    ],
)
def test_short_lines_that_are_the_article_stay(cli, name, first, last):
    lines = _lines(LAYOUTS / name)
    start = next(k for k, line in enumerate(lines) if line.startswith(first))
    end = next(k for k, line in enumerate(lines) if line.startswith(last))
    clean = cli(["clean", LAYOUTS / name]).stdout.splitlines()
    assert [line for line in clean if line] == lines[start : end + 1]


def test_hard_wrapped_paragraphs_stay_whole(cli):
    clean = cli(["clean", LAYOUTS / "hard-wrapped.txt"]).stdout
    paragraphs = clean.strip().split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The town council voted")
    assert paragraphs[-1].endswith("until the new centre opens.")
    assert "Share this article" not in clean and "Read more" not in clean


# A file saved in its site's own code page, not UTF-8: read as cp1252, Cyrillic, Greek,
# Hebrew, Arabic and Thai became Latin-1 garbage ("Ìłńüęŕ đŕäŕ") no later stage repairs.
@pytest.mark.parametrize(
    ("name", "codec"),
    [
        ("uk.txt", "cp1251"),
        ("uk.txt", "koi8-u"),
        ("el.txt", "cp1253"),
        ("he.txt", "cp1255"),
        ("th-news.txt", "cp874"),
        ("pl.txt", "cp1250"),
        # Czech and Hungarian letters are letters in cp1252 too ("pøes" for "přes", "õ"
        # for "ő"): the words read as well either way, the alphabet tells them apart.
        ("cs.txt", "cp1250"),
        ("hu.txt", "cp1250"),
        ("tr.txt", "cp1254"),
        ("ar.txt", "cp1256"),
    ],
)
def test_a_file_in_its_site_s_code_page_reads_as_its_script(cli, name, codec):
    text = (UNSEEN / name).read_text(encoding="utf-8")
    # The lines the code page can hold (cp874 has no "©", cp1250 no Romanian "ș").
    text = "\n".join(line for line in text.splitlines() if _encodes(line, codec)) + "\n"
    result = cli(["clean", "-"], input=text.encode(codec))
    assert result.exit_code == 0
    assert result.stdout == cli(["clean", "-"], input=text.encode("utf-8")).stdout
    assert len(result.stdout.splitlines()) >= 5


def _encodes(line: str, codec: str) -> bool:
    try:
        line.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    "text",
    [
        "Le café de Zoé rouvre à l'été, après deux ans de travaux : « enfin », dit-elle.",
        "Die Straße über den Fluss wird im Frühjahr für drei Wochen gesperrt, sagte er.",
        "Kommunen bygger ny simhall vid hamnen, och bygget börjar nästa år i maj.",
        "Byrådet vedtog fredag planen for en ny gangbro over havnen til 300 mio. kr.",
        "El ayuntamiento aprobó el lunes la reforma de la estación, que costará 12 millones.",
        "Hämeenlinnan kaupunginvaltuusto hyväksyi uuden uimahallin rakentamisen.",
        "The café’s “late menu” costs £12 — about €14 — and runs until 11pm.",
        # "þ", "ð" and "ý" read as words in cp1254 ("ş", "ğ", "ı"), where Icelandic's rarer
        # letters do not; Dutch "één" read as Thai marks in cp874.
        "Borgarstjórn samþykkti á föstudaginn áætlun um nýja brú yfir höfnina, sem á að "
        "kosta þrjú hundruð milljónir króna. Brúin verður tilbúin að ári, segir í frétt.",
        "De kosten worden geschat op één miljoen euro, zei de wethouder donderdag.",
    ],
)
def test_western_european_text_in_cp1252_stays_cp1252(text):
    from copydesk.core.decode import decode

    decoded = decode(text.encode("cp1252"))
    assert (decoded.encoding, decoded.text) == ("cp1252", text)


@pytest.mark.parametrize(
    ("name", "last"),
    [
        ("hi.txt", "काम इस साल अक्टूबर में शुरू होने की उम्मीद है और इसे दो साल में पूरा किया जाएगा।"),
        ("hi-short.txt", "निगम ने कहा कि सफाई के बाद झील के किनारे पेड़ लगाए जाएंगे।"),
        ("ur.txt", "میئر کا کہنا ہے کہ اگلے سال مزید بسیں شامل کی جائیں گی۔"),
    ],
)
def test_sentences_ending_in_a_danda_or_an_urdu_full_stop_are_prose(cli, name, last):
    # "।" and "۔" end sentences as "." does: read as no sentence end, the article's
    # short paragraphs were not prose, and its last one went with the related list.
    lines = _lines(UNSEEN / name)
    clean = cli(["clean", UNSEEN / name]).stdout.splitlines()
    at = lines.index(last)
    body = [line for line in lines[: at + 1] if line.endswith(("।", "۔", "؟"))]
    assert [line for line in clean if line] == body
    assert _front_matter(cli, UNSEEN / name)["headline"] == lines[2]


def test_a_date_with_an_arabic_comma_is_date_metadata(cli):
    assert _front_matter(cli, UNSEEN / "ur.txt")["date"] == "۱۴ مارچ ۲۰۲۶، ۱۰:۳۲"


def test_a_menu_line_is_never_the_headline(cli, tmp_path):
    # With the real headline taken by a header's list and the first paragraph removed,
    # the menu above them was the nearest title-like line left: "Home | Nation | ...".
    page = tmp_path / "menu.txt"
    page.write_text(
        "Home | Nation | States | Sport | Entertainment\n"
        "Latest news\n"
        "City begins cleaning the lake\n"
        "The city council began cleaning the lake on Monday.\n"
        "Officials said the work will be finished in three months.\n"
        "Two new machines have been brought in to remove the rubbish.\n"
        "Local residents have welcomed the move.\n"
        "Environmental experts said the lake water should also be tested.\n"
        "Comments\n",
        encoding="utf-8",
    )
    result = cli(["clean", "-", "--front-matter"], input=page.read_bytes())
    assert "Home | Nation" not in result.stdout
    assert titles.is_menu("Home | Nation | States | Sport")
    assert titles.is_menu("Startseite › Politik › Ausland")
    assert not titles.is_menu("Storm hits coast | Live updates")
    assert not titles.is_menu("Q&A: how the 24/7 service works")


def test_a_forum_thread_keeps_its_replies(cli):
    # "Reply" under every post, the first (the question) included: the posts after the
    # first "Reply" are the thread, not comments under an article (the model, told a
    # comment section had opened, dropped two of the three replies).
    lines = _lines(LAYOUTS / "forum.txt")
    posts = [line for line in lines if line.count(" ") >= 8 and line.endswith((".", "?"))]
    posts = [line for line in posts if not line.startswith("You must log in")]
    clean = cli(["clean", LAYOUTS / "forum.txt"]).stdout.splitlines()
    assert [line for line in clean if line] == posts
    assert len(posts) == 5


def test_a_reply_control_under_comments_still_opens_a_comment_section():
    # Under an article, the first "Reply" follows a comment below a comment header and
    # the article's prose: it opens the comment section as before.
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block

    article = [
        f"Paragraph {k} of the article, long enough to read as running prose." for k in range(9)
    ]
    comments = []
    for k in range(3):
        comments += [
            f"Reader {k} says:",
            f"Comment {k}: thanks for writing this, it helped me.",
            "Reply",
        ]
    texts = [*article, "3 thoughts on this post", *comments]
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(texts)]
    classifier = Classifier(Config(), model=None)
    verdicts = classifier.rule_pass(blocks, "en")
    assert [v.rule for v, t in zip(verdicts, texts, strict=True) if t == "Reply"] == [
        "comment-prompt"
    ] * 3


def test_right_to_left_marks_after_a_stop_still_end_the_sentence(cli):
    # Right-to-left pages put a right-to-left mark (U+200F) after a sentence's stop; read
    # as the line's last character, no paragraph ended a sentence and one of them went.
    lines = _lines(UNSEEN / "he.txt")
    marked = [line + "\u200f" if line.endswith(".") else line for line in lines]
    marked[5] = "\u200f" + marked[5] + "\u200f"  # the share label, "שתף"
    result = cli(["clean", "-"], input=("\n".join(marked) + "\n").encode())
    plain = cli(["clean", UNSEEN / "he.txt"]).stdout
    assert result.stdout.replace("\u200f", "") == plain


def test_a_press_release_keeps_its_text_and_loses_its_contacts(cli):
    # (Whether "About <Company>" is the release's text is left open: dev truth holds such
    # sections on some pages.)
    clean = cli(["clean", LAYOUTS / "press-release.txt"]).stdout
    assert clean.startswith("COLUMBUS, Ohio--(NEWSWIRE)--Northbright Energy today announced")
    for contact in ("Media contact", "press@northbright.example", "+1 614 555 0142"):
        assert contact not in clean
    assert _front_matter(cli, LAYOUTS / "press-release.txt")["headline"] == (
        "Northbright Energy to build 200 MW battery storage site in Ohio"
    )


def test_a_numbered_list_after_the_article_is_not_taken_for_the_article_s_own(cli):
    # A numbered list of other stories below the article: the model removes its items, so
    # the rule that gives a listicle back its last item (most of a list's items kept) has
    # nothing to speak for them.
    page = (
        "Harbour bridge to close for two weekends of repairs\n"
        "The harbour bridge will close to traffic on the next two weekends while crews "
        "replace worn expansion joints, the city's transport department said on Monday.\n"
        "Buses will be diverted over the old river crossing, adding about fifteen minutes "
        "to journeys between the station and the ferry terminal, officials said.\n"
        "The department said the work had been planned for the quietest weekends of the "
        "year and that the bridge would reopen at six on each Monday morning.\n"
        "1. Storm warning issued for the north coast\n"
        "2. Council approves new cycle lanes\n"
        "3. Museum reopens after roof repairs\n"
        "4. Ferry fares to rise in spring\n"
        "5. Schools close early for the holiday\n"
        "© 2026 Harbour Times\n"
    )
    clean = cli(["clean", "-"], input=page.encode()).stdout
    assert "The department said the work had been planned" in clean
    # (The model keeps the first item, right under the article, on its own.)
    for item in ("Council approves", "Museum reopens", "Ferry fares", "Schools close early"):
        assert item not in clean


@pytest.mark.parametrize("name", ["he.txt", "fa.txt", "ro.txt", "hu.txt", "fi.txt", "da.txt"])
def test_a_short_last_paragraph_that_continues_the_story_stays(cli, name):
    # "Byggeriet begynder til efteråret." after an image credit, above the related list:
    # four words and a stop, the model removed it with the list (p 0.12). It takes up a
    # word of the paragraphs above it ("byggeriet"), which a short line of chrome does not.
    lines = _lines(UNSEEN / name)
    closing = lines[12]
    clean = cli(["clean", UNSEEN / name]).stdout.splitlines()
    assert clean[-1] == closing
    assert clean[-3] == lines[10]
    explained = cli(["explain", UNSEEN / name]).stdout
    assert f"+ body        closing-line           {closing}" in explained


@pytest.mark.parametrize(
    "closing",
    [
        "Tak fordi du læste med.",  # "thanks for reading"
        "Alle priser er inklusive moms.",  # "all prices include VAT"
    ],
)
def test_a_short_sentence_of_chrome_after_the_article_still_goes(cli, closing):
    # The same place, but no word of the story: nothing speaks for it against the model.
    lines = _lines(UNSEEN / "da.txt")
    lines[12] = closing
    page = ("\n".join(lines) + "\n").encode()
    clean = cli(["clean", "-"], input=page).stdout.splitlines()
    assert clean[-1] == lines[10]


def test_menus_of_a_page_no_rule_knows_go_by_their_layout(cli):
    # Swahili: no pack, no rule fires, and the model, with no stopwords to read the page
    # by, kept a seven-item menu above the article and a six-item footer below it (p 0.6
    # to 0.8). Runs of short link-like lines above or below the prose are a menu anywhere.
    page = UNSEEN / "sw-menus.txt"
    lines = _lines(page)
    clean = cli(["clean", page]).stdout.splitlines()
    assert [line for line in clean if line] == [line for line in lines if line.count(" ") > 8]
    assert _front_matter(cli, page)["headline"] == lines[7]
    explained = cli(["explain", page]).stdout
    assert "- boilerplate menu-run               Mwanzo" in explained
    assert "- boilerplate menu-run               Sera ya Faragha" in explained


def test_a_related_list_between_two_captures_of_the_body_goes(cli):
    # The Greek article, a related list, then the article again: resolution drops the
    # second copy, and the list was left as the clean text's last lines, short lines
    # after the prose (the model kept them at p 0.74-0.88).
    page = UNSEEN / "el-twice.txt"
    lines = _lines(page)
    related = lines[14:17]
    clean = cli(["clean", page]).stdout.splitlines()
    assert [line for line in clean if line] == [lines[k] for k in (6, 7, 9, 10, 12)]
    assert not set(related) & set(clean)
    explained = cli(["explain", page]).stdout
    # Since probe32 the list goes under its "related" header a rule named (header-list,
    # `edges.related_lists`) before the captures are compared; the text is the same.
    assert any(
        f"- boilerplate {rule:<22} {related[0]}" in explained
        for rule in ("between-captures", "header-list")
    )


def test_the_headline_between_a_preview_and_the_whole_article_leaves_the_text(cli):
    # The page shows the article's first three paragraphs (a teaser), then the article
    # under its headline and photo credit. Resolution drops the second copy of those
    # three, which left the headline standing in the middle of the body (model p 0.95).
    page = LAYOUTS / "preview-then-article.txt"
    lines = _lines(page)
    clean = cli(["clean", page]).stdout.splitlines()
    assert [line for line in clean if line] == lines[0:3] + lines[8:11]
    assert _front_matter(cli, page)["headline"] == lines[3]
    explained = cli(["explain", page]).stdout
    assert f"m metadata    headline               {lines[3]}" in explained
    assert "after a preview of its first paragraphs" in explained


def test_a_card_shown_twice_is_no_preview(cli):
    # Cards of a portfolio, each paragraph shown twice (the card's text, then the card
    # on hover): the first card is no preview of what follows, and the heading between
    # its two copies stays.
    page = LAYOUTS / "preview-then-article.txt"
    lines = _lines(page)
    edited = lines[:1] + lines[3:4] + lines[:2] + lines[1:2] + lines[8:]
    clean = cli(["clean", "-"], input="\n".join(edited) + "\n").stdout.splitlines()
    assert lines[3] in clean


def test_a_q_and_a_page_keeps_its_last_short_answer(cli):
    # "Share" under the question and under each answer: the last answer, one sentence
    # above the footer, was read as the footer's first line (p 0.25) while the two before
    # it stayed. Every stretch between two "Share" controls before it holds a kept post.
    lines = _lines(LAYOUTS / "qa.txt")
    answers = [line for line in lines if line.count(" ") >= 8 and line.endswith(".")]
    assert len(answers) == 4  # the question and three answers
    clean = cli(["clean", LAYOUTS / "qa.txt"]).stdout.splitlines()
    assert all(answer in clean for answer in answers)
    assert "Hot Network Questions" not in clean and "Post Your Answer" not in clean


def test_the_cookie_footer_page_names_its_headline_and_drops_its_masthead(cli):
    # Listed as failing after session 7 (the masthead kept, no headline); it passes on
    # this branch's base already: held here so that it stays so.
    page = LAYOUTS / "cookie-footer.txt"
    assert _front_matter(cli, page)["headline"] == (
        "Wind farm off the northern coast gets final approval"
    )
    clean = cli(["clean", page]).stdout.splitlines()
    assert "The Northern Courier" not in clean
    assert clean[0].startswith("Ministers have given final approval")


def test_a_long_ukrainian_page_is_not_taken_for_russian(cli):
    # Ukrainian shares Russian's short words ("в", "на", "за", "до", "як", "його"): over
    # ten paragraphs they passed for the Russian pack's stopwords, and Russian rules ran
    # on the page. Its letters "і", "ї", "є" are no Russian letters: it reads in Ukrainian's
    # own function words (no pack; see `language.listed_stopwords`).
    page = UNSEEN / "uk-long.txt"
    explained = cli(["explain", page]).stdout
    assert explained.splitlines()[0].endswith("language uk, 19 paragraphs, 10 kept")
    clean = cli(["clean", page]).stdout.splitlines()
    assert [line for line in clean if line] == _lines(page)[5:15]


def test_russian_prose_with_a_ukrainian_name_is_still_russian():
    from copydesk.core.language import detect_language

    russian = (LANGUAGES / "ru.txt").read_text(encoding="utf-8").splitlines()
    assert detect_language(russian) == "ru"
    first = next(k for k, line in enumerate(russian) if len(line.split()) >= 8)
    named = list(russian)
    named[first] += " Об этом рассказала Ірина Їжакевич из Києва."
    assert detect_language(named) == "ru"


def test_a_page_flattened_onto_one_line_is_kept_whole_and_the_report_says_why(cli, tmp_path):
    # The cookie-footer page with its line breaks lost: banner, masthead, article and
    # footer are one line. Nothing tells them apart without a guess that could cut the
    # article, so the line is kept, and the report names the file's problem.
    flat = " ".join(_lines(LAYOUTS / "cookie-footer.txt"))
    page = tmp_path / "flat.txt"
    page.write_text(flat + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    result = cli(["clean", page, "--out", tmp_path / "out", "--report", report])
    assert result.exit_code == 0
    assert (tmp_path / "out" / "flat.txt").read_text(encoding="utf-8") == flat + "\n"
    (entry,) = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert entry["warnings"] == [
        f"the text is one line of {len(flat.split())} words (line breaks lost?): kept "
        "whole, as nothing tells its page chrome from its article"
    ]
    # And stderr says so, in the run's own words, unless asked to be quiet.
    assert f"copydesk: warning: {page}: the text is one line of" in result.stderr
    quiet = cli(["clean", page, "--out", tmp_path / "out3", "--quiet"])
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr
    # A paragraph on one line is no such page.
    short = tmp_path / "short.txt"
    short.write_text(_lines(LAYOUTS / "cookie-footer.txt")[10] + "\n", encoding="utf-8")
    cli(["clean", short, "--out", tmp_path / "out2", "--report", report])
    assert "warnings" not in json.loads(report.read_text(encoding="utf-8"))["files"][0]


@pytest.mark.parametrize(
    "lead",
    [
        "中国人民银行20日宣布，一年期贷款市场报价利率维持在现有水平不变。分析人士认为，这一决定符合市场预期。",
        "市内の図書館が来月から開館時間を午後9時まで延長すると発表した。平日の夜に学習する学生の利用を見込む。",
    ],
    ids=["zh", "ja"],
)
def test_a_first_paragraph_ending_in_an_ideographic_full_stop_is_no_headline(cli, lead):
    # Words of these scripts are counted by characters, so two sentences stay under the
    # headline's 25 words; a headline ends in no full stop, and "。" is one.
    rest = {"zh": "业内专家表示，当前经济运行总体平稳，货币政策将继续保持稳健。",
            "ja": "図書館によると、延長に合わせて自習室の座席も増やす予定だという。"}
    language = "zh" if "银行" in lead else "ja"
    page = f"首页 > 新闻 > 财经\n{lead}\n{rest[language]}\n"
    clean = cli(["clean", "-"], input=page.encode()).stdout.splitlines()
    assert lead in clean and rest[language] in clean
    # A title above it, without the stop, is still the headline.
    titled = page.replace("\n", "\n央行宣布维持贷款市场报价利率不变\n", 1)
    explained = cli(["explain", "-"], input=titled.encode()).stdout
    assert "m metadata    headline               央行宣布维持贷款市场报价利率不变" in explained
    assert lead in cli(["clean", "-"], input=titled.encode()).stdout
