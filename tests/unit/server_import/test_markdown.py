"""Post HTML becomes Markdown a reader can follow, and nothing in it can act as HTML."""

from __future__ import annotations

import pytest

from kshare.server.importer.markdown import (
    escape_markdown_source,
    html_to_markdown,
    safe_url,
)

SITE = "https://cooking.stackexchange.com"


def test_paragraphs_emphasis_and_code_blocks() -> None:
    body = (
        "<p>Use <strong>less</strong> salt &amp; <code>a&lt;b</code>.</p>\n"
        '<pre class="lang-py s-code-block"><code class="hljs language-python">'
        "def f():\n    return 1 &lt; 2\n</code></pre>\n<p>Done.</p>"
    )
    assert html_to_markdown(body) == (
        "Use **less** salt & `a<b`.\n\n```py\ndef f():\n    return 1 < 2\n```\n\nDone."
    )


def test_code_with_backticks_gets_a_longer_fence() -> None:
    out = html_to_markdown("<pre><code>```\ninside\n```</code></pre><p><code>a`b</code></p>")
    assert out == "````\n```\ninside\n```\n````\n\n``a`b``"


def test_lists_quotes_headings_and_tables() -> None:
    body = (
        "<h2>Steps</h2><ol><li>Heat</li><li>Stir<ul><li>gently</li></ul></li></ol>"
        "<blockquote><p>first</p><p>second</p></blockquote><hr>"
        "<table><tr><th>a</th><th>b|c</th></tr><tr><td>1</td><td>2</td></tr></table>"
    )
    out = html_to_markdown(body)
    assert out.startswith("## Steps\n\n1. Heat\n\n2. Stir\n\n   - gently")
    assert "> first\n>\n> second" in out
    assert "* * *" in out
    assert out.endswith("| a | b\\|c |\n| --- | --- |\n| 1 | 2 |")


def test_links_are_made_absolute_and_only_safe_schemes_survive() -> None:
    body = (
        '<p><a href="/q/3">related</a> <a href="https://example.org/a b(c)">spaces</a> '
        '<a href="javascript:alert(1)">bad</a> <a href="data:text/html,x">data</a></p>'
    )
    out = html_to_markdown(body, link_base=SITE)
    assert "[related](https://cooking.stackexchange.com/q/3)" in out
    assert "[spaces](https://example.org/a%20b%28c%29)" in out
    assert "javascript" not in out and "data:" not in out
    assert "bad" in out and "data" in out  # the text stays, without the link


def test_images_become_links_never_embeds() -> None:
    out = html_to_markdown('<p><img src="https://i.example.org/x.png" alt="a cake"></p>')
    assert out == "[image: a cake](https://i.example.org/x.png)"
    assert "!" not in out


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<iframe src="https://evil.example"><p>alert(1)</p></iframe>',
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        "<style>body{background:url(alert)}</style>",
        "<object data=x><embed src=x>alert(1)</object>",
        "<video><source src=x onerror=alert(1)></video>",
    ],
)
def test_active_content_is_dropped_with_what_it_holds(hostile: str) -> None:
    out = html_to_markdown(f"<p>before</p>{hostile}<p>after</p>")
    assert "before" in out and "after" in out
    assert "<" not in out and "alert" not in out and "onerror" not in out


@pytest.mark.parametrize(
    "escaped",
    ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"],
)
def test_escaped_markup_stays_text(escaped: str) -> None:
    out = html_to_markdown(f"<p>{escaped}</p>")
    assert "<" not in out and out.startswith("&lt;")  # Markdown shows it as "<", never a tag


def test_broken_markup_leaves_only_harmless_text() -> None:
    out = html_to_markdown("<p>a</p><scr<script>ipt>alert(1)</script><p>b</p>")
    assert "<" not in out and out.startswith("a") and out.endswith("b")


def test_prose_that_looks_like_html_is_escaped_but_code_is_verbatim() -> None:
    out = html_to_markdown(
        "<p>Write &lt;div&gt; and &amp;lt;</p><pre><code>&lt;div&gt;</code></pre>"
    )
    assert out == "Write &lt;div> and &amp;lt;\n\n```\n<div>\n```"


def test_comment_markdown_keeps_code_spans() -> None:
    assert escape_markdown_source("try `<br>` not <br>") == "try `<br>` not &lt;br>"


def test_safe_url() -> None:
    assert safe_url("https://x.org/a") == "https://x.org/a"
    assert safe_url("/users/1", "https://x.org") == "https://x.org/users/1"
    assert safe_url("//evil.example/x", "https://x.org") is None
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("JaVaScRiPt:alert(1)") is None
