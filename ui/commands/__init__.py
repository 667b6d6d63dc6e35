"""One module per group of CLI commands; each registers itself on `ui.cli_app.app`."""
