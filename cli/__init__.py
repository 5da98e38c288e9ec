"""copydesk command line (typer). All logic lives in copydesk.core."""
