"""A script's data a scraper kept as a line: a widget's settings written as one long JSON
object by a machine, inside the article. No sentence, so no sign of chrome to the line
model either: it kept such a line at 0.96 in the middle of a list of products."""

from __future__ import annotations

from conftest import ROOT, cleaned_lines, page_lines, rule_verdict
from copydesk.core import context
from copydesk.core.model import Label, Verdict

KINDS = ROOT / "tests" / "fixtures" / "kinds"
SETTINGS = (
    '{"layout":2,"buttonText":"Buy now","title":{"size":18,"weight":700},'
    '"price":{"size":14,"color":"#333333"},"showRating":true,"maxItems":8,'
    '"currency":"USD","trackingId":"home-gym-widget-01"}'
)


def test_a_long_machine_written_json_object_is_script_data():
    verdict = rule_verdict(SETTINGS)
    assert (verdict.rule, verdict.label) == ("script-data", Label.BOILERPLATE)


def test_an_example_a_person_writes_or_a_short_object_is_not():
    spaced = SETTINGS.replace('":', '": ').replace(",", ", ")
    short = '{"name":"Ada","age":36,"city":"London"}'
    sentence = 'The widget reads {"layout":2} and more settings from the page, ' * 3
    for line in (spaced, short, sentence):
        assert rule_verdict(line).rule != "script-data", line


def test_the_widget_settings_go_and_the_article_stays(cli):
    page = KINDS / "en-widget-data.txt"
    lines = page_lines(page)
    assert cleaned_lines(cli, page) == lines[3:5] + lines[6:8]  # not the widget's (6)


def test_a_code_block_keeps_its_json():
    # A tutorial's settings file, fenced under a kept line of prose: the code pass keeps it.
    lines = [
        "The widget reads its settings from a file next to the page, one object per widget.",
        "Save it as widget.json:",
        "```json",
        SETTINGS,
        "```",
        "Then reload the page.",
    ]
    verdicts = [Verdict(Label.BODY, None, "")] * len(lines)
    verdicts[2] = verdicts[4] = Verdict(Label.BOILERPLATE, "code-fence", "matched")
    verdicts[3] = rule_verdict(SETTINGS)
    assert verdicts[3].rule == "script-data"
    assert context.code_blocks(lines, verdicts, list(range(len(lines))))
    assert verdicts[3].keep
