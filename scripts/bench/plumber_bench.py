#!/usr/bin/env python3
"""Times pdfplumber (a common Python PDF extractor) on the corpus PDFs: extract_words and
extract_tables on every page, best of N runs; prints pages per second.

Usage: python3 scripts/bench/plumber_bench.py [RUNS]   (installs pdfplumber 0.11.10 with pip if missing)
"""
import glob
import os
import subprocess
import sys
import time

try:
    import pdfplumber
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "pdfplumber==0.11.10"])
    import pdfplumber

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
files = sorted(glob.glob(os.path.join(root, "corpus", "shanghai", "pdf", "*.pdf")))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3


def once():
    pages = 0
    start = time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.extract_tables()
                pages += 1
    return pages, time.perf_counter() - start


best = None
for _ in range(runs):
    pages, seconds = once()
    best = seconds if best is None else min(best, seconds)
print(f"pdfplumber {pdfplumber.__version__}: {pages} pages in {best:.3f} s (best of {runs}): {pages / best:.1f} pages/s")
