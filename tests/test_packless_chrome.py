"""Chrome of news pages in languages without a rule pack: share and follow buttons that
name their network, comment prompts, newsletter pitches, image credits, "read also" labels.

The fixtures (tests/fixtures/langchrome/) are invented scrapes in 13 such languages, each
a crumb, headline, date, byline, share bar, three paragraphs with a credit, a "read also"
line and an ad label between them, a related list, newsletter and comment prompts, a
cookie banner and a copyright line; `<lang>.clean.txt` is the clean text expected: the
three paragraphs. Regenerate with `copydesk clean` after a deliberate change, and read
the diff.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, rule_verdict

PAGES = ROOT / "tests" / "fixtures" / "langchrome"


@pytest.mark.parametrize(
    "line",
    ["Udostępnij na Facebooku", "Facebook'ta paylaş", "Twitter'da takip edin", "Dela på Facebook",
     "Sledujte nás na X", "Facebookでシェア", "LINEで共有する", "Bagikan ke WhatsApp",
     "Chia sẻ qua Zalo", "Поділіться у Telegram", "شارك على فيسبوك", "Podziel się na Facebooku, X"],
)
def test_a_share_or_follow_button_naming_its_network_goes(line):
    verdict = rule_verdict(line)
    assert verdict.rule == "share-network" and not verdict.keep, (line, verdict.rule)


@pytest.mark.parametrize(
    "line",
    ["Zostaw komentarz", "Yorum yazın", "Skriv en kommentar", "Přidat komentář",
     "Lasă un comentariu", "Tulis komentar", "コメントを書く", "发表评论", "Залишити коментар",
     "Γράψτε ένα σχόλιο", "댓글 쓰기", "Viết bình luận", "Komentarze (12)"],
)
def test_a_comment_prompt_without_a_pack_goes(line):
    verdict = rule_verdict(line)
    assert verdict.rule == "comment-prompt" and not verdict.keep, (line, verdict.rule)


@pytest.mark.parametrize(
    "line",
    ["Zapisz się do newslettera", "Berlangganan newsletter kami", "Bültenimize abone olun",
     "Prenumerera på vårt nyhetsbrev", "ニュースレターに登録する", "뉴스레터 구독하기",
     "Đăng ký nhận bản tin", "Підпишіться на нашу розсилку", "اشترك في النشرة البريدية"],
)
def test_a_newsletter_pitch_without_a_pack_goes(line):
    verdict = rule_verdict(line)
    assert verdict.rule == "newsletter-prompt" and not verdict.keep, (line, verdict.rule)


@pytest.mark.parametrize(
    "line, credit",
    [("Fot. PAP/Jan Kowalski", "PAP/Jan Kowalski"), ("Fot. Marek Nowak / Urząd Miasta",
     "Marek Nowak / Urząd Miasta"), ("图片来源：视觉中国", "视觉中国")],
)
def test_a_credit_after_a_photo_abbreviation_is_credit_metadata(line, credit):
    verdict = rule_verdict(line)
    assert (verdict.rule, verdict.meta) == ("image-credit", ("image_credit", credit))


@pytest.mark.parametrize(
    "line",
    ["Przeczytaj również: Bilety miesięczne zdrożeją od stycznia",
     "Zobacz też: Nowe przepisy od stycznia",
     "İlginizi çekebilir: Toplu taşımada yeni tarife yürürlüğe girdi",
     "あわせて読みたい：市営バスの運賃、来年4月から値上げ",
     "함께 보면 좋은 기사: 시내버스 요금 내년부터 인상"],
)
def test_more_read_also_labels_without_a_pack_go(line):
    verdict = rule_verdict(line)
    assert verdict.rule == "related-inline" and not verdict.keep, (line, verdict.rule)


@pytest.mark.parametrize(
    "line",
    ["Facebook", "Zalo", "Facebook zapłaci karę",
     "Firma Facebook ogłosiła w środę, że udostępni nowe narzędzie dla wydawców.",
     "Newsletter, który pani redaktor wysyła co tydzień do ponad stu tysięcy czytelników, "
     "zmienił rynek prasy lokalnej.",
     "What This Means for Newsletter Writers", "Sponsor this newsletter",
     "Komentarze ministra wywołały burzę w parlamencie.",
     "Fot. z archiwum rodzinnego pokazuje dom przed wojną, zanim spłonął w 1944 roku."],
)
def test_prose_and_headlines_naming_a_network_or_the_words_stay_clear_of_these_rules(line):
    verdict = rule_verdict(line)
    assert verdict.rule not in {"share-network", "comment-prompt", "newsletter-prompt",
                                "image-credit"}, (line, verdict.rule)


@pytest.mark.parametrize("name", ["ja", "ko", "zh"])
def test_a_page_in_chinese_japanese_or_korean_is_told_by_its_script(name):
    from copydesk.core.language import detect_language

    lines = (PAGES / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    assert detect_language(lines) == name
    # Its clean text, a third as long, reads the same (a second clean picks the same model).
    clean = (PAGES / f"{name}.clean.txt").read_text(encoding="utf-8").splitlines()
    assert detect_language(clean) == name


def test_a_script_names_the_language_only_when_it_holds_most_of_the_prose():
    from copydesk.core.language import script_language

    # Chinese quoting a Japanese title: a few kana among many Han characters.
    assert script_language(["市政府周一宣布，将在河畔旧码头区域新建一座体育公园，预计明年春季开工。"
                            "日本媒体以《新しい公園》为题作了报道。"]) == "zh"
    # English naming a Japanese company: Latin letters hold most of it.
    assert script_language(["The board of 東京電力 met on Monday to discuss the plan."]) is None
    assert script_language(["The council met on Monday.", "1234"]) is None
    assert script_language([]) is None


def test_chinese_and_japanese_keep_the_main_model_and_are_accepted_by_lang(cli):
    from copydesk.core.classify import packless_reading

    # No function words are listed for them: the pack-less trees, which read a language's
    # function words, would read them with none, so they are read as "und" pages are.
    assert not packless_reading("ja") and not packless_reading("zh")
    assert packless_reading("ko") and packless_reading("pl")
    result = cli(["clean", PAGES / "ja.txt", "--lang", "ja"])
    assert result.exit_code == 0
    assert result.stdout == (PAGES / "ja.clean.txt").read_text(encoding="utf-8")
