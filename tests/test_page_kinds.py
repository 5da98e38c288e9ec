"""Kinds of page and damage nobody had tried: galleries, audio players, paginated articles,
interviews, embedded posts, paywalls, tags and editor's notes, in English, languages with a
pack (de, fr, es) and without one (pl, tr, id, vi, ko, zh).

The fixtures (tests/fixtures/kinds/) are invented pages with the usual damage: a menu or
breadcrumb, a login link, the headline, a byline, a date line, a player's "Listen to this
article" and "0:00 / 3:12", a share label, the article, a "read also" line, a gallery's
"1 / 8" counters and captions, a tags line, a view counter, a related list, a copyright line.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, assert_cleans_to_lines, cleaned_lines, page_lines, rule_verdict
from copydesk.core import edges
from copydesk.core.model import Block, Label, Verdict

KINDS = ROOT / "tests" / "fixtures" / "kinds"
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"


def _front_matter(cli, page) -> dict[str, str]:
    result = cli(["clean", "-", "--front-matter"], input=page.read_bytes())
    assert result.exit_code == 0
    fields = {}
    for line in result.stdout.split("---\n")[1].splitlines():
        name, _, value = line.partition(": ")
        fields[name] = value.strip('"')
    return fields


# The clean text of each page: its lines, by number (1-based).
ARTICLES = {
    "en-interview.txt": [12, 13, 14, 15, 16, 17, 18, 19, 20],  # the editor's note too
    "en-paginated.txt": [8, 9, 10, 11],  # the correction too
    "es-paywall.txt": [9, 10],
    "fr-tweet.txt": [8, 9, 12, 13],  # not the embedded post (10, 11)
    "id-short.txt": [5, 6, 8, 9],  # not "this article first ran in ..." (7)
    "id-video.txt": [9, 10, 13, 14],  # not "Tonton video:" (11)
    "ko-views.txt": [8, 9, 11, 12],
    "pl-live.txt": [7, 9, 12, 14],  # the posts, not their stamps
    "pl-paginated.txt": [8, 9, 11, 12],
    "tr-gallery.txt": [7, 8, 10, 12, 13, 14],  # the captions, not their "1 / 8" counters
    "tr-sidebar.txt": [7, 8, 9, 10],  # not the sidebar header nor the newsletter pitch
    "vi-audio.txt": [7, 8, 10, 11],
    "zh-paged.txt": [7, 8, 10, 11],
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_clean_text_is_the_article(cli, name):
    assert_cleans_to_lines(cli, KINDS / name, ARTICLES[name])


@pytest.mark.parametrize(
    ("page", "byline"),
    [
        (UNSEEN / "uk.txt", "Олена Коваленко"),
        (KINDS / "pl-paginated.txt", "Katarzyna Wiśniewska"),
        (KINDS / "tr-gallery.txt", "Ayşe Demir"),
        (KINDS / "id-video.txt", "Budi Santoso"),
        (KINDS / "ko-views.txt", "김민수"),
        (KINDS / "zh-paged.txt", "王明"),
    ],
)
def test_a_byline_without_a_pack_is_byline_metadata(cli, page, byline):
    # "Автор: Олена Коваленко" was named by the Russian pack's byline rule while the page
    # passed for Russian; as "und" it went as the model's boilerplate, the byline lost.
    assert _front_matter(cli, page)["byline"] == byline


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Autor: Anna Nowak", "Anna Nowak"),
        ("Yazar: Mehmet Kaya", "Mehmet Kaya"),
        ("Penulis: Budi Santoso | Editor: Rina Wulandari", "Budi Santoso"),
        ("Tác giả: Nguyễn Văn An", "Nguyễn Văn An"),
        ("Szerző: Kovács Péter", "Kovács Péter"),
        ("लेखक: राहुल शर्मा", "राहुल शर्मा"),  # a script without capitals
        ("作者：王明", "王明"),
        ("김민수 기자 minsu@example.kr", "김민수"),
    ],
)
def test_byline_labels_of_languages_without_a_pack(line, value):
    verdict = rule_verdict(line)
    assert (verdict.rule, verdict.meta) == ("byline", ("byline", value))


@pytest.mark.parametrize(
    "line",
    [
        # The label's word in prose (no colon), and a label before a sentence.
        "Autor tej książki mieszka w Krakowie od dwudziestu lat.",
        "Yazar: bu konuda söylenecek çok şey var ama vakit yok.",
        "기자회견은 오후 세 시에 시청에서 열렸다.",
    ],
)
def test_prose_with_a_byline_s_words_stays(line):
    verdict = rule_verdict(line)
    assert verdict.keep and verdict.rule is None


def test_a_q_and_a_page_s_view_counter_goes(cli):
    # "Viewed 214 times" under the question: the model kept it (p 0.74) as the question's.
    assert "Viewed 214 times" not in cleaned_lines(cli, LAYOUTS / "qa.txt")


@pytest.mark.parametrize(
    "line",
    [
        "Viewed 1,204 times",
        "Dibaca 2.310 kali",
        "Bu haber 1.245 kez okundu",
        "조회수 1,532",
        "阅读 3562",
        "Просмотров: 214",
        "1 234 wyświetleń",
    ],
)
def test_view_counters_go(line):
    verdict = rule_verdict(line)
    assert not verdict.keep and verdict.rule in ("view-counter", "share-prompt")


@pytest.mark.parametrize(
    ("name", "counters"),
    [("tr-gallery.txt", ["1 / 8", "2 / 8"]), ("de-gallery.txt", ["1 / 6", "2 / 6"])],
)
def test_a_gallery_s_counters_go_and_its_captions_stay(cli, name, counters):
    # Between two captions, the model kept "1 / 8" and "2 / 8" (p 0.56, 0.64) over the
    # counter rule: a bare figure may be a table's. Counting up to the same total, they
    # are the gallery's positions.
    clean = cleaned_lines(cli, KINDS / name)
    assert not set(counters) & set(clean)
    assert any(line.endswith("Erdgeschoss.") or line.endswith("sergilenecek.") for line in clean)


def _blocks(texts: list[str]) -> list[Block]:
    return [Block(k + 1, k + 1, k + 1, text) for k, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("counters", "removed"),
    [
        (["1 / 8", "2 / 8", "5 / 8"], True),  # a gallery scraped with gaps
        (["4/5", "3/5"], False),  # ratings, not in order
        (["2 / 8", "2 / 8"], False),  # the same position twice
        (["3 / 12"], False),  # alone: a score or a figure
        (["9 / 8", "10 / 8"], False),  # past the total: not positions
    ],
)
def test_counters_are_a_gallery_s_only_when_they_count_up_to_one_total(counters, removed):
    texts = []
    for counter in counters:
        texts += [counter, "A caption under the picture, long enough to be a sentence."]
    verdicts = [Verdict(Label.BODY) for _ in texts]
    changed = edges.position_counters(_blocks(texts), verdicts, list(range(len(texts))))
    assert changed is removed
    gone = [texts[k] for k, v in enumerate(verdicts) if not v.keep]
    assert gone == (counters if removed else [])


def test_an_introduction_to_an_embed_that_is_gone_goes(cli):
    # "Tonton video:" ("watch the video:") introduced a player; the line after it is a
    # "read also" line, then the article goes on. The model kept it (p 0.97).
    lines = page_lines(KINDS / "id-video.txt")
    clean = cleaned_lines(cli, KINDS / "id-video.txt")
    assert "Tonton video:" not in clean
    assert lines[9] in clean and lines[12] in clean
    explained = cli(["explain", KINDS / "id-video.txt"]).stdout
    assert "- boilerplate orphan-intro           Tonton video:" in explained


def test_a_colon_line_before_what_it_introduces_stays():
    # "Ingredients:" over a list, the first item of which a rule removed: the list goes on.
    texts = [
        "The cake takes an hour and keeps for a week in a tin, the baker says.",
        "Ingredients:",
        "200 g",
        "Flour",
        "Sugar",
        "Mix them in a large bowl and bake the cake for forty minutes at 180 degrees.",
    ]
    verdicts = [Verdict(Label.BODY) for _ in texts]
    verdicts[2] = Verdict(Label.BOILERPLATE, "counter", "common line rule")
    rows = [0, 1, 3, 4, 5]
    assert not edges.orphan_intros(_blocks(texts), verdicts, rows)
    assert verdicts[1].keep


@pytest.mark.parametrize(
    ("name", "note"),
    [
        ("en-interview.txt", "Editor's note: This interview has been edited"),
        ("de-gallery.txt", "Anmerkung der Redaktion: In einer früheren Fassung"),
        ("en-paginated.txt", "Correction: An earlier version of this article"),
    ],
)
def test_editor_s_notes_and_corrections_stay(cli, name, note):
    # After the interview's last answer, above the tags, the model removed the note (p 0.32).
    assert any(line.startswith(note) for line in cleaned_lines(cli, KINDS / name))


@pytest.mark.parametrize(
    "line",
    [
        "Editor’s Note: We updated this guide on March 4 to add two new picks.",
        "Clarification: The council's vote was on Thursday, not on Wednesday.",
        "Note de la rédaction : une version précédente de cet article indiquait un autre montant.",
        "Nota del editor: Una versión anterior de este artículo daba otra fecha para la obra.",
        "Nota della redazione: una versione precedente di questo articolo indicava un'altra data.",
        "Correção: Uma versão anterior deste texto indicava outra data para o início das obras.",
        "Noot van de redactie: In een eerdere versie van dit artikel stond een verkeerde datum.",
        "Примечание редакции: в первой версии этой статьи была указана неверная дата, "
        "и мы это исправили.",
    ],
)
def test_note_labels_keep_their_line(line):
    verdict = rule_verdict(line)
    assert verdict.keep and verdict.rule == "editor-note"


@pytest.mark.parametrize("line", ["Correction: none", "Update: 14 March 2026 10:32"])
def test_a_note_label_without_a_sentence_is_no_note(line):
    assert rule_verdict(line).rule != "editor-note"


def test_an_embedded_post_leaves_the_text(cli):
    # A tweet embedded in the article: its text, ending in its picture's short link, and
    # "— Name (@handle) March 14, 2026". The model kept both (p 0.98, 0.97).
    clean = cleaned_lines(cli, KINDS / "fr-tweet.txt")
    assert not [line for line in clean if "@jdupuis_maire" in line or "pic.twitter" in line]
    for line in ("— Yann Li (@yannli) October 16, 2024", "— Ana Ruiz 🌊 (@ana_r) 2 May 2025"):
        verdict = rule_verdict(line)
        assert (verdict.rule, verdict.keep) == ("social-embed", False)
    # An @handle in prose stays.
    assert rule_verdict("Ask the mayor (@jdupuis) on 14 March 2026 what he thinks.").keep


def test_a_french_headline_starting_with_le_is_no_date(cli):
    # "Le tramway arrivera au port en 2028" (a related headline) was the French pack's
    # dateline: "le" was one of its labels, and the line holds a digit.
    assert _front_matter(cli, KINDS / "fr-tweet.txt")["date"] == "14 mars 2026 à 10h32"
    verdict = rule_verdict("Le bilan 2025 de la mairie")
    assert verdict.rule != "dateline"


def test_the_headline_over_its_standfirst_is_the_headline(cli):
    # A short quote as the headline, and under it a long standfirst that sums the article
    # up (and so shares more of its words): the standfirst was taken for the headline.
    page = KINDS / "en-interview.txt"
    assert _front_matter(cli, page)["headline"] == "'I nearly gave up on the last chapter'"


def test_a_section_s_name_over_a_long_headline_is_not_the_headline(cli):
    page = (
        "Home | News | Sport | Weather\n"
        "Regional transport and infrastructure updates\n"
        "Ferry operator adds a night crossing to the island for the summer season\n"
        "The ferry operator will add a night crossing to the island from June, the company "
        "said on Monday, after a summer season in which most evening sailings sold out.\n"
        "The night crossing will leave the mainland at eleven and reach the island's "
        "harbour shortly after midnight, the operator said.\n"
        "© 2026 Island News\n"
    )
    result = cli(["clean", "-", "--front-matter"], input=page.encode())
    assert 'headline: "Ferry operator adds a night crossing' in result.stdout


@pytest.mark.parametrize(
    "line",
    [
        "Tagi: autobusy, komunikacja, rada miasta",
        "Etiketler: müze, liman, belediye",
        "Từ khóa: xe buýt điện, giao thông",
        "태그: 주차장, 구도심",
        "标签：天桥 交通 城东",
    ],
)
def test_tag_lines_without_a_pack_go(line):
    verdict = rule_verdict(line)
    assert (verdict.rule, verdict.keep) == ("related-inline", False)


@pytest.mark.parametrize(
    "line",
    [
        "Cet article a été initialement publié sur le site de La Gazette du Port.",
        "Dieser Artikel erschien zuerst in der Hafenzeitung am Sonntag.",
        "Este artículo fue publicado originalmente en El Diario del Puerto.",
        "Questo articolo è stato originariamente pubblicato su Il Giornale del Porto.",
        "Este artigo foi publicado originalmente no Jornal do Porto.",
        "Dit artikel verscheen eerder in De Havenkrant en is met toestemming overgenomen.",
        "Эта статья впервые опубликована в газете, и мы публикуем её с разрешения редакции.",
    ],
)
def test_originally_published_lines_go_in_every_pack(line):
    # The French one, at the article's end, stayed (p 0.98); English had the rule already.
    verdict = rule_verdict(line)
    assert (verdict.rule, verdict.keep) == ("site-chrome", False)



@pytest.mark.parametrize(
    ("above", "deck", "headline"),
    [
        (0.76, 0.79, "above"),  # "Tax 101: Understanding the basics" over its deck
        (0.67, 0.98, "chosen"),  # "Get in touch with the team" over a long headline
        (0.05, 0.40, "chosen"),  # a section's name
    ],
)
def test_a_headline_over_its_deck_shares_nearly_as_many_of_the_body_s_words(
    above, deck, headline
):
    from copydesk.core.context import _above_its_deck

    texts = [
        "Short line over a long one here",
        "A long title-like line of fourteen words that sums up the whole article for readers",
    ]
    blocks = _blocks(texts)
    chosen = _above_its_deck(blocks, [0, 1], 1, [0, 1], {0: above, 1: deck})
    assert chosen == (0 if headline == "above" else 1)


def test_a_call_to_action_over_a_long_headline_is_not_the_headline(cli):
    # A long title-like line under a shorter one is not always a deck under its headline:
    # a line that shares far fewer of the body's words than it is something else.
    page = (
        "Blog | Product | Pricing | Docs\n"
        "Get in touch with our sales team\n"
        "Introducing Harbourlight, the open timetable engine for ferry operators on small "
        "islands\n"
        "Harbourlight is an open timetable engine for ferry operators: it turns sailing "
        "plans, tides and port rules into timetables that small island operators can "
        "publish in minutes.\n"
        "Ferry operators on small islands told us that their timetables took days to "
        "update each season, so we built Harbourlight to do it from the sailing plans.\n"
        "The engine is open source and runs on a single small server.\n"
        "© 2026 Harbourlight\n"
    )
    result = cli(["clean", "-", "--front-matter"], input=page.encode())
    assert 'headline: "Introducing Harbourlight, the open timetable engine' in result.stdout


@pytest.mark.parametrize("page", [KINDS / "pl-live.txt", LAYOUTS / "live-blog.txt"])
def test_a_live_blog_s_post_stamps_all_go(cli, page):
    # The model kept two of the Polish page's four stamps (p 0.54, 0.56) and removed the
    # other two, and kept all four of the English one's (p 0.47-0.64).
    clean = cleaned_lines(cli, page)
    assert not [line for line in clean if line[:2].isdigit() and line[2] == ":"]
    assert len([line for line in clean if len(line.split()) > 8]) >= 4


def test_a_schedule_s_times_are_not_post_stamps():
    texts = ["09:00", "Opening of the festival", "13:00", "Brewing class", "16:00", "Closing"]
    verdicts = [Verdict(Label.BODY, "line-model", "date-line (common meta rule) overruled: p")]
    verdicts = [verdicts[0] if k % 2 == 0 else Verdict(Label.BODY) for k in range(len(texts))]
    assert not edges.post_stamps(_blocks(texts), verdicts, list(range(len(texts))))


def test_a_short_page_no_rule_knew_loses_its_chrome(cli):
    # An Indonesian page of twelve lines: no rule fired, the page read as all article
    # (the lenient bar), and every line stayed, the breadcrumb "Beranda / Berita / ..."
    # and "Artikel ini telah tayang di ..." ("this article first ran in ...") with them.
    # A breadcrumb with slashes is one, as one with ">" is.
    page = KINDS / "id-short.txt"
    assert _front_matter(cli, page)["headline"] == page_lines(page)[1]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Beranda / Berita / Daerah / Ekonomi", "nav-crumb"),
        ("Home / News / Local", "nav-crumb"),
        ("Artikel ini telah tayang di Kabar Kota dengan judul \"Pasar Ikan\".", "site-chrome"),
        ("Ten artykuł ukazał się pierwotnie w Gazecie Miejskiej.", "site-chrome"),
    ],
)
def test_slash_breadcrumbs_and_first_published_lines_without_a_pack(line, rule):
    assert rule_verdict(line).rule == rule


@pytest.mark.parametrize("line", ["News / Sport", "Mix 1/2 cup of flour / sugar", "Open 24/7"])
def test_one_slash_or_slashes_without_spaces_are_no_breadcrumb(line):
    assert rule_verdict(line).rule != "nav-crumb"
