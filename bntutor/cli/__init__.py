"""The typer application: argument parsing and the one error boundary (``main``)."""
