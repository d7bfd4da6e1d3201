"""The page `mkdocs serve` answers every request with while the data cannot be built: the
officer reviewing in a browser sees the same message as the terminal, instead of a page
that never loads, and the page reloads by itself once the file is mended."""

from __future__ import annotations

from vakr.publish.strings import t
from vakr.publish.templating import environment


def error_page(message: str) -> bytes:
    """The page, its text from the data error (escaped: file lines are quoted in it)."""
    return environment().get_template("serve_error.html.j2").render(t=t, message=message).encode("utf-8")
