"""Rendering keeps formatting and links, drops scripts and anything that loads remotely."""

from __future__ import annotations

from kshare.client.render import plain_excerpt, render_markdown


def test_formatting_and_plain_links_survive() -> None:
    html = render_markdown("**bold** and [docs](https://example.org/x) and [mail](mailto:a@b.c)")
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org/x"' in html
    assert 'href="mailto:a@b.c"' in html
    assert "noopener" in html


def test_scripts_handlers_and_odd_schemes_are_removed() -> None:
    html = render_markdown(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<script" not in html
    assert 'href="javascript' not in html  # shown as text at most, never a link
    assert "<img" not in html


def test_images_never_load_remotely() -> None:
    html = render_markdown("![a chart](https://tracker.example/pixel.png)")
    assert "<img" not in html
    assert "[image: a chart]" in html


def test_excerpt_is_plain_text() -> None:
    assert plain_excerpt("# Title\n\nSome *emphasis* & more", 200) == "Title Some emphasis & more"
    assert len(plain_excerpt("word " * 200, 50)) == 50


def test_mentions_become_person_links_but_not_inside_code_links_or_addresses() -> None:
    html = render_markdown("Ask @ana. Not `@bob`, not [x](https://e.com/@cy), not me@dan.org")
    assert html.count("kshare:person/") == 1
    assert '<a href="kshare:person/ana" title="@ana">@ana</a>.' in html
