from typer.testing import CliRunner

from copydesk.cli.app import app

SCRAPE = """Skip to content
By Jane Doe
The council approved the new budget on Tuesday after a long debate about school funding.
Leave a comment
"""


def test_stdin_to_stdout_drops_prompts_and_keeps_body():
    result = CliRunner().invoke(app, ["clean", "-"], input=SCRAPE)
    assert result.exit_code == 0
    assert result.stdout == (
        "The council approved the new budget on Tuesday after a long debate about school funding.\n"
    )
