"""Collections and health reports as self-contained HTML: no scripts, no remote loads.

Everything written comes from what the exporter's own desktop holds, so a file never
carries more than its author may see; every text is escaped.
"""

from __future__ import annotations

from html import escape

from kshare.client.curation.views import CollectionView, HealthView

STYLE = (
    "body{font-family:sans-serif;max-width:50em;margin:2em auto;color:#222}"
    "h1{font-size:1.6em}h2{font-size:1.2em;border-bottom:1px solid #ccc}"
    ".note{color:#555;margin:.2em 0 .8em 1em}.outdated{color:#a60;font-size:.9em}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}"
)


def _page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def collection_html(view: CollectionView, organisation: str = "") -> str:
    body = [f"<h1>{escape(view.title)}</h1>"]
    if view.description:
        body.append(f'<p class="description">{escape(view.description)}</p>')
    if view.curators:
        body.append(f"<p>Curated by {escape(', '.join(view.curators))}</p>")
    for section in view.sections:
        if section.name:
            body.append(f"<h2>{escape(section.name)}</h2>")
        body.append("<ul>")
        for entry in section.entries:
            mark = ' <span class="outdated">may be outdated</span>' if entry.may_be_outdated else ""
            note = f'<div class="note">{escape(entry.note)}</div>' if entry.note else ""
            body.append(
                f'<li data-item="{escape(entry.item_id)}">{escape(entry.title)}{mark}{note}</li>'
            )
        body.append("</ul>")
    if organisation:
        body.append(f"<footer>{escape(organisation)}</footer>")
    return _page(view.title, body)


def health_html(report: HealthView) -> str:
    body = [
        "<h1>Knowledge base health</h1>",
        f"<p>As of {escape(report.generated_at.strftime('%Y-%m-%d %H:%M UTC'))}</p>",
        "<h2>Unanswered questions</h2><table><tr><th>Tag</th><th>Under a week</th>"
        "<th>Under a month</th><th>Older</th></tr>",
    ]
    for u in report.unanswered:
        body.append(
            f"<tr><td>{escape(u.tag or '(untagged)')}</td><td>{u.under_week}</td>"
            f"<td>{u.under_month}</td><td>{u.older}</td></tr>"
        )
    body.append("</table><h2>Needs review</h2><ul>")
    body += [f"<li>{escape(s.title)}</li>" for s in report.stale]
    body.append(f"</ul><h2>Never verified ({report.never_verified_count})</h2><ul>")
    body += [f"<li>{escape(s.title)}</li>" for s in report.never_verified]
    body.append("</ul><h2>Busy topics with nothing verified</h2><ul>")
    body += [f"<li>{escape(b.tag)}: {b.recent_items}</li>" for b in report.busy_unverified]
    body.append("</ul><h2>Searches that found nothing</h2><ul>")
    body += [f"<li>{escape(g.query)} ({g.people} people)</li>" for g in report.search_gaps]
    body.append("</ul>")
    return _page("Knowledge base health", body)
