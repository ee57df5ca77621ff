"""``kshare collections …``, ``verify``, ``review-due``, ``report health``: curation from a shell.

Writes are queued in the outbox and sent at once when the server can be reached;
offline they wait for the next sync, like every other write.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kshare.client.paths import add_profile_option


def register(subparsers: Any) -> None:
    coll = subparsers.add_parser("collections", help="curated collections: list, create, add …")
    actions = coll.add_subparsers(dest="collections_action", metavar="ACTION", required=True)
    p = actions.add_parser("list", help="the collections you may see")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_profile_option(p)
    p.set_defaults(func=run_list)
    p = actions.add_parser("create", help="start a collection; prints its id")
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--description", default="", metavar="TEXT")
    p.add_argument(
        "--audience", action="append", metavar="WHO", help="org, group:NAME, person:NAME"
    )
    p.add_argument("--curator", action="append", default=[], metavar="person:NAME")
    add_profile_option(p)
    p.set_defaults(func=run_create)
    p = actions.add_parser("add", help="add an item (or a person) to a collection")
    p.add_argument("collection_id", metavar="COLLECTION_ID")
    p.add_argument("item_id", metavar="ITEM_ID")
    p.add_argument("--section", default="", metavar="NAME")
    p.add_argument("--note", default="", metavar="TEXT")
    add_profile_option(p)
    p.set_defaults(func=run_add)
    p = actions.add_parser("rename", help="change a collection's title or description")
    p.add_argument("collection_id", metavar="COLLECTION_ID")
    p.add_argument("--title", metavar="TITLE")
    p.add_argument("--description", metavar="TEXT")
    add_profile_option(p)
    p.set_defaults(func=run_rename)
    p = actions.add_parser("show", help="a collection's sections and entries")
    p.add_argument("collection_id", metavar="COLLECTION_ID")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_profile_option(p)
    p.set_defaults(func=run_show)
    p = actions.add_parser("export", help="write a collection to a self-contained file")
    p.add_argument("collection_id", metavar="COLLECTION_ID")
    p.add_argument("--format", choices=("html", "pdf"), required=True)
    p.add_argument("--output", type=Path, required=True, metavar="FILE")
    add_profile_option(p)
    p.set_defaults(func=run_export)

    p = subparsers.add_parser("verify", help="vouch for an item as it is now")
    p.add_argument("item_id", metavar="ITEM_ID")
    p.add_argument("--review-by", type=_date, metavar="DATE", help="when to look again (ISO date)")
    add_profile_option(p)
    p.set_defaults(func=run_verify)
    p = subparsers.add_parser("review-due", help="verified content that needs another look")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_profile_option(p)
    p.set_defaults(func=run_review_due)
    tags = subparsers.add_parser("tags", help="tag stewardship: show, describe, merge")
    verbs = tags.add_subparsers(dest="tags_action", metavar="ACTION", required=True)
    p = verbs.add_parser("show", help="a tag's description, other names, experts and top content")
    p.add_argument("tag", metavar="TAG")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_profile_option(p)
    p.set_defaults(func=run_tag_show)
    p = verbs.add_parser("describe", help="say what a tag means (its curators)")
    p.add_argument("tag", metavar="TAG")
    p.add_argument("description", metavar="TEXT")
    add_profile_option(p)
    p.set_defaults(func=run_tag_describe)
    p = verbs.add_parser("merge", help="retag SOURCE as INTO everywhere; SOURCE stays an alias")
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("into", metavar="INTO")
    add_profile_option(p)
    p.set_defaults(func=run_tag_merge)
    report = subparsers.add_parser("report", help="reports for curators (need the server)")
    kinds = report.add_subparsers(dest="report_kind", metavar="REPORT", required=True)
    p = kinds.add_parser("health", help="unanswered, stale, unverified content; search gaps")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument(
        "--output", type=Path, metavar="FILE", help="also write it to FILE (.html or .pdf)"
    )
    add_profile_option(p)
    p.set_defaults(func=run_health)


def _date(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date: {text!r}") from exc
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _fail(message: str, code: int = 1) -> int:
    print(f"kshare: {message}", file=sys.stderr)
    return code


def _with_workspace(args: argparse.Namespace, work: Callable[[Any], int], *, send: bool) -> int:
    from kshare.client.errors import UserFacingError
    from kshare.client.services import Workspace

    workspace = Workspace.open(args.profile)
    try:
        if workspace.account is None:
            return _fail("sign in first: kshare login URL --user NAME")
        before = {e.id for e in workspace.unpublished()}
        code = work(workspace)
        if send and code == 0:
            report = workspace.sync()
            if report.status.state not in ("idle", "offline", "retrying"):
                return _fail(report.status.message)
            refused = [
                e for e in workspace.unpublished() if e.id not in before and e.state == "failed"
            ]
            if refused and report.status.state == "idle":
                return _fail(f"the server refused it: {refused[-1].last_error}")
        return code
    except UserFacingError as exc:
        return _fail(str(exc))
    finally:
        workspace.close()


def _dump(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    print()


def run_list(args: argparse.Namespace) -> int:
    def work(ws: Any) -> int:
        listed = ws.curation.collections()
        if args.json:
            _dump(
                [
                    {
                        "id": c.id,
                        "title": c.title,
                        "description": c.description,
                        "entries": c.entries,
                        "can_edit": c.can_edit,
                    }
                    for c in listed
                ]
            )
            return 0
        if not listed:
            print("No collections yet.")
        for c in listed:
            print(f"{c.id}  {c.title} ({c.entries} entries){'  [curator]' if c.can_edit else ''}")
        return 0

    return _with_workspace(args, work, send=False)


def run_create(args: argparse.Namespace) -> int:
    def work(ws: Any) -> int:
        made = ws.curation.create_collection(
            str(uuid.uuid4()),
            args.title,
            description=args.description,
            audience=args.audience or ["org"],
            curators=args.curator,
        )
        print(made)
        return 0

    return _with_workspace(args, work, send=True)


def run_add(args: argparse.Namespace) -> int:
    def work(ws: Any) -> int:
        ws.curation.add(args.collection_id, args.item_id, section=args.section, note=args.note)
        return 0

    return _with_workspace(args, work, send=True)


def run_show(args: argparse.Namespace) -> int:
    def work(ws: Any) -> int:
        view = ws.curation.show(args.collection_id)
        if args.json:
            _dump(view.as_json())
            return 0
        print(view.title)
        if view.description:
            print(f"  {view.description}")
        for section in view.sections:
            print(f"\n## {section.name or '(no section)'}")
            for e in section.entries:
                flag = "  (may be outdated)" if e.may_be_outdated else ""
                print(f"- {e.title} [{e.item_id}]{flag}")
                if e.note:
                    print(f"    {e.note}")
        return 0

    return _with_workspace(args, work, send=False)


def run_export(args: argparse.Namespace) -> int:
    from kshare.client.curation.export_html import collection_html

    def work(ws: Any) -> int:
        view = ws.curation.show(args.collection_id)
        html = collection_html(view, organisation="")
        if args.format == "html":
            args.output.write_text(html, encoding="utf-8")
        else:
            from kshare.ui.curation.pdf import write_pdf

            write_pdf(html, args.output)
        ws.curation.record_export(view.id, args.format)
        print(f"Wrote {args.output}")
        return 0

    return _with_workspace(args, work, send=True)


def run_verify(args: argparse.Namespace) -> int:
    def work(ws: Any) -> int:
        ws.curation.verify(args.item_id, args.review_by)
        print(f"Verified {args.item_id}")
        return 0

    return _with_workspace(args, work, send=True)


def run_review_due(args: argparse.Namespace) -> int:
    def work(ws: Any) -> int:
        due = ws.curation.review_due()
        if args.json:
            _dump(
                [
                    {
                        "item_id": d.item_id,
                        "title": d.title,
                        "kind": d.kind,
                        "review_by": d.review_by.isoformat() if d.review_by else None,
                        "reasons": list(d.reasons),
                    }
                    for d in due
                ]
            )
            return 0
        if not due:
            print("Nothing needs review.")
        for d in due:
            print(f"{d.item_id}  {d.title} — {'; '.join(d.reasons)}")
        return 0

    return _with_workspace(args, work, send=False)


def run_health(args: argparse.Namespace) -> int:
    def work(ws: Any) -> int:
        report = ws.curation.health()
        if args.output is not None:
            _write_report(ws, report, args.output)
        if args.json:
            _dump(report.as_json())
            return 0
        print("Unanswered questions by tag (under a week / under a month / older):")
        for u in report.unanswered:
            print(f"  {u.tag or '(untagged)'}: {u.under_week} / {u.under_month} / {u.older}")
        print(f"Needs review: {len(report.stale)}")
        for s in report.stale:
            print(f"  {s.id}  {s.title}")
        print(f"Never verified: {report.never_verified_count}")
        print("Busy topics with nothing verified:")
        for b in report.busy_unverified:
            print(f"  {b.tag}: {b.recent_items} recent items")
        print("Searches that found nothing (five people or more):")
        for g in report.search_gaps:
            print(f"  “{g.query}” — {g.people} people")
        return 0

    return _with_workspace(args, work, send=False)


def run_tag_show(args: argparse.Namespace) -> int:
    def work(ws: Any) -> int:
        view = ws.curation.tag_steward(ws).show(args.tag)
        if args.json:
            _dump(
                {
                    "tag": view.tag,
                    "description": view.description,
                    "aliases": list(view.aliases),
                    "experts": list(view.experts),
                    "top": [{"item_id": i, "title": t} for i, t in view.top],
                }
            )
            return 0
        print(view.tag + (f" (also: {', '.join(view.aliases)})" if view.aliases else ""))
        if view.description:
            print(f"  {view.description}")
        elif not view.online:
            print("  (its description needs a connection to the server)")
        print("Experts: " + (", ".join(view.experts) or "none yet"))
        for item_id, title in view.top:
            print(f"- {title} [{item_id}]")
        return 0

    return _with_workspace(args, work, send=False)


def run_tag_describe(args: argparse.Namespace) -> int:
    def work(ws: Any) -> int:
        ws.curation.tag_steward(ws).describe(args.tag, args.description)
        print(f"Described {args.tag}")
        return 0

    return _with_workspace(args, work, send=True)


def run_tag_merge(args: argparse.Namespace) -> int:
    def work(ws: Any) -> int:
        ws.curation.tag_steward(ws).merge(args.source, args.into)
        print(f"Merging {args.source} into {args.into}")
        return 0

    return _with_workspace(args, work, send=True)


def _write_report(ws: Any, report: Any, path: Path) -> None:
    from kshare.client.curation.export_html import health_html
    from kshare.client.errors import UserFacingError

    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("html", "pdf"):
        raise UserFacingError("The report is written as .html or .pdf.")
    html = health_html(report)
    if suffix == "html":
        path.write_text(html, encoding="utf-8")
    else:
        from kshare.ui.curation.pdf import write_pdf

        write_pdf(html, path)
    ws.curation.record_export("health", suffix, "report")
    ws.sync()  # the audit record goes with it when the server can be reached


def run_rename(args: argparse.Namespace) -> int:
    if args.title is None and args.description is None:
        return _fail("say what changes: --title or --description", 2)

    def work(ws: Any) -> int:
        ws.curation.rename(args.collection_id, title=args.title, description=args.description)
        print(f"Changed {args.collection_id}")
        return 0

    return _with_workspace(args, work, send=True)
