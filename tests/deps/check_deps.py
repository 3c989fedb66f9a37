#!/usr/bin/env python3
"""Checks that our own #include "..." lines follow the allowed dependency
edges of DESIGN.md ("Dependencies point one way").

Usage: check_deps.py SOURCE_ROOT
Scans every .h/.cc under SOURCE_ROOT/{protos,accessibility,client,service},
prints one line per include that crosses a forbidden edge (or per file that
belongs to no module) and exits 1 if there is any, else prints a summary and
exits 0. Includes of third-party headers ("absl/...", "imgui.h", ...) are
ignored; only headers of our own modules are judged.
"""
import os
import re
import sys

# Direct edges. A module may include itself, its targets and, transitively,
# whatever its targets may include.
EDGES = {
    # Kiosk.
    "ui": {"app", "accessibility"},
    "app": {"model", "accessibility"},
    "model": {"contract", "base"},
    "accessibility": {"contract", "base"},
    # Wires the kiosk and the console (whose committee packs packs writes).
    "client_main": {"ui", "app", "model", "accessibility", "packs"},
    # Officers' programs: the CLI over the same officer client (model) as
    # the console, and the letters it writes (speech as the kiosk's).
    "admin": {"model", "letters", "packs"},
    # Committee packs: the service's report laid out in each format.
    "packs": {"contract", "base"},
    "letters": {"contract", "accessibility"},
    # Service.
    "rpc": {"auth", "store", "cases", "export", "catalog", "retention", "alerts", "ballots",
            "reports"},
    # Committee reports: figures from the store's counts, small ones
    # suppressed; formats are the officers' tools' business.
    "reports": {"store", "cases"},
    # Forum ballots: counting (pure, over indexes), and the codes and papers
    # of the contract's ballots (the reference alphabet, the ForumBallot).
    "ballots": {"contract", "base"},
    "alerts": {"service_log"},  # telling the safeguarding team of an urgent worry
    "auth": {"store"},  # officers' accounts, sessions, the role table
    "retention": {"store", "service_log"},  # the retention schedule, applied
    "cases": {"store", "redact"},
    "redact": set(),  # what published words may not contain
    "export": {"store", "redact"},
    "catalog": {"store"},
    "store": {"contract", "base", "service_log"},
    "service_log": set(),  # service/log.h: the service's stderr logger
    "service_main": {"rpc"},  # wires the service
    # Shared ground.
    "contract": {"base"},
    "base": set(),
}

# (path prefix, module); the first match wins, so longer prefixes first.
# Generated messages ("carevoice/v1/*.pb.h") belong to the contract.
PREFIXES = [
    ("client/main.cc", "client_main"),
    ("client/admin/", "admin"),
    ("client/letters/", "letters"),
    ("client/packs/", "packs"),
    ("client/ui/", "ui"),
    ("client/app/", "app"),
    ("client/model/", "model"),
    ("accessibility/", "accessibility"),
    ("service/main.cc", "service_main"),
    ("service/rpc/", "rpc"),
    ("service/auth/", "auth"),
    ("service/store/", "store"),
    ("service/cases/", "cases"),
    ("service/redact/", "redact"),
    ("service/alerts/", "alerts"),
    ("service/export/", "export"),
    ("service/catalog/", "catalog"),
    ("service/ballots/", "ballots"),
    ("service/reports/", "reports"),
    ("service/retention/", "retention"),
    ("service/log.h", "service_log"),
    ("protos/contract/", "contract"),
    ("protos/base/", "base"),
    ("protos/carevoice/", "contract"),
]

# How our headers are spelled in #include "...": the path from the source
# root, except the protos/ folder, which is itself an include root.
INCLUDE_PREFIXES = [
    ("contract/", "protos/contract/"),
    ("base/", "protos/base/"),
    ("carevoice/", "protos/carevoice/"),
]

SCANNED_DIRS = ["protos", "accessibility", "client", "service"]
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def module_of(path):
    for prefix, module in PREFIXES:
        if path == prefix or path.startswith(prefix):
            return module
    return None


def module_of_include(header):
    for spelled, real in INCLUDE_PREFIXES:
        if header.startswith(spelled):
            return module_of(real + header[len(spelled):])
    return module_of(header)


def closure(module):
    seen = {module}
    todo = [module]
    while todo:
        for target in EDGES[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def check(root):
    problems = []
    files = 0
    includes = 0
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith((".h", ".cc")):
                    continue
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                module = module_of(rel)
                if module is None:
                    problems.append(f"{rel}: belongs to no module of DESIGN.md")
                    continue
                files += 1
                allowed = closure(module)
                with open(full, encoding="utf-8", errors="replace") as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE_RE.match(line)
                        if not m:
                            continue
                        target = module_of_include(m.group(1))
                        if target is None:
                            continue  # third-party or a same-folder name
                        includes += 1
                        if target not in allowed:
                            problems.append(
                                f'{rel}:{number}: {module} may not include '
                                f'"{m.group(1)}" ({target}); {module} may use: '
                                f'{", ".join(sorted(allowed))}')
    return problems, files, includes


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems, files, includes = check(argv[1])
    for p in problems:
        print(p)
    if problems:
        print(f"check_deps: {len(problems)} forbidden include(s); "
              "see the allowed edges in DESIGN.md")
        return 1
    print(f"check_deps: {files} files, {includes} includes of our modules, "
          "all along allowed edges")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
