"""Time kern.markdown.render_markdown on pathological Markdown (issue 11, finding 1).

    uv run python bench/markdown.py [--scale 1.0]

Prints the time per input and the time per 100 000 characters: for a linear renderer the
second column stays about flat when --scale grows. python-markdown, the renderer before,
needed 1.7 s for 4 000 "[" and 6.5 s for 8 000.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kern.markdown import render_markdown


def cases(scale):
    def n(count):
        return max(1, int(count * scale))

    return {
        "25 000 '[' + '](x)' (the report)": "[" * n(25_000) + "](x)",
        "100 000 '['": "[" * n(100_000),
        "50 000 '!['": "![" * n(50_000),
        "30 000 '[a](b'": "[a](b" * n(30_000),
        "50 000 '*_'": "*_" * n(50_000),
        "50 000 '_a'": "_a" * n(50_000),
        "nested ** and *": "*a **a " * n(20_000) + "b" + " a** a*" * n(20_000),
        "50 000 '> ' (nested quotes)": "> " * n(50_000) + "a",
        "3 000 nested quote lines": "".join(">" * i + " a\n" for i in range(n(3_000))),
        "1 500 nested list lines": "".join("  " * i + "- a\n" for i in range(n(1_500))),
        "20 000 '- > '": "- > " * n(20_000) + "a",
        "backtick runs": "".join("e" + "`" * i for i in range(1, n(1_500))),
        "50 000 '<div>' (raw HTML)": "<div>" * n(50_000),
        "30 000 '<!--'": "<!--" * n(30_000),
        "reference definitions": "".join(f"[r{i}]: /u{i}\n" for i in range(n(10_000)))
        + "[r1]" * n(10_000),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    scale = parser.parse_args().scale
    print(f"{'input':38} {'characters':>11} {'seconds':>9} {'s/100k chars':>13}")
    for name, text in cases(scale).items():
        started = time.perf_counter()
        render_markdown(text)
        seconds = time.perf_counter() - started
        print(f"{name:38} {len(text):>11,} {seconds:>9.3f} {seconds / len(text) * 1e5:>13.3f}")


if __name__ == "__main__":
    main()
