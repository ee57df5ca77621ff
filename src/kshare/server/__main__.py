"""``python -m kshare.server serve|admin ...``: the server commands without the desktop app."""

from __future__ import annotations

import argparse
import sys

from kshare.server.cli import register


def main() -> int:
    parser = argparse.ArgumentParser(prog="kshare-server")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args()
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
