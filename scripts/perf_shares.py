#!/usr/bin/env python3
"""Wall-time shares from `perf script -F ip,sym` output (samples with call stacks).

Reads the stacks on stdin and prints, for the samples whose stack passes through a frame
matching ROOT: the share of each function directly below it (inclusive), and the share of each
leaf function (exclusive). Used by `scripts/bench.sh --wall`; callgrind counts instructions, this
shows where the CPU time goes (cache misses and dependent loads included).

    perf script -F ip,sym -i perf.data | scripts/perf_shares.py ROOT [DEPTH] [TOP]
"""
import collections
import re
import sys


def stacks(lines):
    """Yields each sample's stack, innermost frame first."""
    frames = []
    for line in lines:
        line = line.strip()
        if not line:
            if frames:
                yield frames
            frames = []
            continue
        parts = line.split(None, 1)
        frames.append(re.sub(r" \(inlined\)$", "", parts[1] if len(parts) > 1 else "?"))
    if frames:
        yield frames


# Leaf functions grouped by what they are (first pattern that matches).
KINDS = [
    ("regex engine", re.compile(r"regex_automata|^regex::|aho_corasick")),
    ("allocator", re.compile(r"^_?mi_|malloc|__rust_(alloc|dealloc|realloc)|free")),
    ("memchr/memcmp/memcpy", re.compile(r"memchr|memcmp|memcpy|memmove|memset|find_raw")),
]


def kind(leaf):
    return next((k for k, pattern in KINDS if pattern.search(leaf)), "other (parkgraph, std)")


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: perf_shares.py ROOT [DEPTH] [TOP] < perf-script-output")
    root = sys.argv[1]
    depth = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    total = under = 0
    children, leaves = collections.Counter(), collections.Counter()
    for frames in stacks(sys.stdin):
        total += 1
        hits = [i for i, f in enumerate(frames) if root in f]
        if not hits:
            continue
        under += 1
        # the frames between the outermost ROOT and the leaf, outermost first
        below = frames[: max(hits)][::-1]
        children[" > ".join(below[:depth]) or "(self)"] += 1
        leaves[frames[0]] += 1
    if not under:
        sys.exit(f"no sample passes through {root!r} ({total} samples)")
    print(f"samples={total} under={under} share={under / total:.3f} root={root}")
    kinds = collections.Counter()
    for leaf, n in leaves.items():
        kinds[kind(leaf)] += n
    for title, counts in (
        ("by kind of leaf", kinds),
        ("inclusive, below root", children),
        ("exclusive (leaf)", leaves),
    ):
        print(f"== {title}")
        for name, n in counts.most_common(top):
            print(f"{100 * n / under:6.1f}%  {name[:180]}")


if __name__ == "__main__":
    main()
