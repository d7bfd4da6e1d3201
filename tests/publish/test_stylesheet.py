"""The site's one stylesheet (src/vakr/publish/stylesheet.py): every source in its order, without
comments, and its relative addresses still naming the same files from the combined file's folder."""

from __future__ import annotations

from vakr.publish.stylesheet import combined

SOURCES = {
    "assets/fonts/fonts.css": '/* a comment\n   on two lines */\n'
                              '@font-face { src: url(roboto.woff2) format("woff2"); }\n',
    "assets/vakr.css": ".a { background: url('img/x.svg'), url(data:image/svg+xml;utf8,<svg/>); }\n\n\n"
                       ".b { background: url(/root.svg) , url(#mark); }\n",
    "assets/generated/levels.css": "/* generated */\n",
    "assets/vakr-search.css": ".c { color: red; } /* trailing */\n",
}


def test_sources_are_joined_in_order_without_comments() -> None:
    text = combined(SOURCES.__getitem__, tuple(SOURCES), "assets/generated/site.css")
    assert "/*" not in text and "comment" not in text and "\n\n" not in text
    assert text.index("@font-face") < text.index(".a {") < text.index(".b {") < text.index(".c {")


def test_relative_addresses_point_at_the_same_files() -> None:
    text = combined(SOURCES.__getitem__, tuple(SOURCES), "assets/generated/site.css")
    assert "url(../fonts/roboto.woff2)" in text and "url('../img/x.svg')" in text
    # what is not relative to the source's folder stays as it was
    assert "url(data:image/svg+xml;utf8,<svg/>)" in text and "url(/root.svg)" in text and "url(#mark)" in text
