"""Text extraction benchmark: shared files read in-process and through the bounded worker.

    python bench/extract_bench.py [--files 300]

Reads the real documents of tests/fixtures/documents (PDF, DOCX, Markdown, HTML,
text) round-robin, first with ``extract_text`` in this process (the reference:
what indexing did before files were read in a separate process), then through
``Extractor`` (one worker process, reused, with its memory capped and a
deadline), and once more for a hostile file per kind to show that refusing it
costs about as little as reading a real one. It prints figures; it asserts
nothing. The last line is machine-readable:
``inprocess_files_per_s=<v> worker_files_per_s=<v> ratio=<v> worker_start_s=<v>``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
REAL = ["sample.pdf", "sample.docx", "sample.md", "sample.html", "sample.txt"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=300)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.unit.index import hostile_files as hostile

    from kshare.client.index.extract import extract_text
    from kshare.client.index.worker import Extractor

    names = [REAL[i % len(REAL)] for i in range(args.files)]
    extract_text(FIXTURES / "sample.pdf")  # imports, as the worker does before its first file
    extract_text(FIXTURES / "sample.docx")

    started = time.perf_counter()
    for name in names:
        extract_text(FIXTURES / name, "", name)
    inprocess = time.perf_counter() - started

    reader = Extractor()
    try:
        started = time.perf_counter()
        reader.extract(FIXTURES / "sample.txt", "", "sample.txt")
        start_s = time.perf_counter() - started
        started = time.perf_counter()
        for name in names:
            reader.extract(FIXTURES / name, "", name)
        worker = time.perf_counter() - started

        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            bombs = {
                "docx zip bomb (300 MB)": hostile.zip_bomb_docx(work / "bomb.docx", 300),
                "docx billion laughs": hostile.billion_laughs_docx(work / "lol.docx"),
                "pdf of 10^9 pages": hostile.huge_page_count_pdf(work / "pages.pdf", 10**9),
                "pdf stream bomb (120 MB)": hostile.deflate_bomb_pdf(work / "stream.pdf", 120),
            }
            for label, path in bombs.items():
                started = time.perf_counter()
                result = reader.extract(path, "", path.name)
                took = time.perf_counter() - started
                print(f"{label:28} {path.stat().st_size:>9} B  {result.status:10} {took:6.3f} s")
    finally:
        reader.close()

    in_rate, worker_rate = args.files / inprocess, args.files / worker
    print(f"in process:    {args.files} files in {inprocess:6.2f} s  ({in_rate:7.1f} files/s)")
    print(f"bounded worker: {args.files} files in {worker:6.2f} s  ({worker_rate:7.1f} files/s)")
    print(f"worker start:  {start_s:.2f} s (once per desktop session)")
    print(
        f"inprocess_files_per_s={in_rate:.1f} worker_files_per_s={worker_rate:.1f} "
        f"ratio={worker_rate / in_rate:.2f} worker_start_s={start_s:.2f}"
    )


if __name__ == "__main__":
    main()
