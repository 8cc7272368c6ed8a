#!/usr/bin/env python3
"""Checks that the file options of proto/parkgraph/v1/*.proto are set and consistent.

buf lint (STANDARD) already requires that files of one package agree on go_package,
java_package, csharp_namespace, php_namespace and ruby_package; this also checks that every
option is present, that the values follow from the package name, and that java_outer_classname
matches the file name (`park_service.proto` -> `ParkServiceProto`). Standard library only.

    python3 clients/proto/check_file_options.py [PROTO_DIR]
"""

from __future__ import annotations

import pathlib
import re
import sys

GO_MODULE = "github.com/parkgraph/parkgraph/gen/go"


def pascal(word: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_.]", word) if part)


def expected(package: str, stem: str) -> dict[str, str]:
    parts = package.split(".")  # parkgraph.v1
    return {
        "go_package": f"{GO_MODULE}/{'/'.join(parts)};{''.join(parts)}",
        "java_package": f"io.{package}",
        "java_multiple_files": "true",
        "java_outer_classname": f"{pascal(stem)}Proto",
        "csharp_namespace": ".".join(pascal(p) for p in parts),
        "php_namespace": "\\\\".join(pascal(p) for p in parts),  # as written in the .proto: Parkgraph\\V1
        "ruby_package": "::".join(pascal(p) for p in parts),
    }


def check(proto_dir: pathlib.Path) -> list[str]:
    problems = []
    files = sorted(proto_dir.glob("parkgraph/**/*.proto"))
    if not files:
        return [f"no parkgraph .proto files under {proto_dir}"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(proto_dir)
        m = re.search(r"^package ([\w.]+);", text, re.M)
        if not m:
            problems.append(f"{rel}: no package")
            continue
        package = m.group(1)
        if rel.parent.as_posix() != package.replace(".", "/"):
            problems.append(f"{rel}: package {package} does not match its directory")
        options = {k: v.strip('"') for k, v in re.findall(r'^option (\w+) = ("(?:[^"\\]|\\.)*"|\w+);', text, re.M)}
        for key, want in expected(package, path.stem).items():
            got = options.get(key)
            if got is None:
                problems.append(f"{rel}: option {key} is missing (want {want!r})")
            elif got != want:
                problems.append(f"{rel}: option {key} = {got!r}, want {want!r}")
    return problems


def main() -> int:
    root = pathlib.Path(__file__).resolve().parents[2]
    proto_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "proto"
    problems = check(proto_dir)
    for p in problems:
        print(f"file options: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"file options: {len(list(proto_dir.glob('parkgraph/**/*.proto')))} files consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
