"""The site's own stylesheets as one file, linked by every page (mkdocs.yml `extra_css`): each
stylesheet in a page's head is a request that holds back its first paint, and on a phone's
network four small ones cost more than their bytes (`make audit`, render-blocking resources).
The sources stay separate and commented in docs/assets/; the comments are left out here."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence

COMBINED = "assets/generated/site.css"
LEVELS = "assets/generated/levels.css"  # the risk levels' colours, written from data/risk-matrix.yml
# in the order the pages loaded them: the typeface's faces and variables, the site's rules,
# the risk levels' colours (written from data/risk-matrix.yml), the search dialog
SOURCES = ("assets/fonts/fonts.css", "assets/vakr.css", LEVELS, "assets/vakr-search.css")

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_BLANK_LINES = re.compile(r"\n\s*\n")
# a relative address (not `data:`, not from the root, not a fragment), quoted or not
_URL = re.compile(r"""url\((['"]?)(?![a-z][a-z0-9+.-]*:|/|#)([^'")]+)\1\)""", re.IGNORECASE)


def combined(read: Callable[[str], str], sources: Sequence[str] = SOURCES, target: str = COMBINED) -> str:
    """`sources` (site-relative; `read` gives a file's text) as one stylesheet at `target`,
    in their order, without comments, their relative `url()`s pointing at the same files."""
    here = posixpath.dirname(target)

    def rebased(source: str) -> Callable[[re.Match[str]], str]:
        folder = posixpath.dirname(source)
        return lambda m: f"url({m[1]}{posixpath.relpath(posixpath.join(folder, m[2]), here)}{m[1]})"

    parts = [_URL.sub(rebased(source), _BLANK_LINES.sub("\n", _COMMENT.sub("", read(source)))).strip()
             for source in sources]
    return "\n".join(part for part in parts if part) + "\n"
