"""copydesk: article deduplicator and normalizer (see copydesk.core and copydesk.cli)."""
