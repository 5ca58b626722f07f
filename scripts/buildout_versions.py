"""Generate buildout's versions.cfg from constraints.txt (the one list of pins).

    python scripts/buildout_versions.py          # write versions.cfg
    python scripts/buildout_versions.py --check  # fail if it is out of date

``make lint`` runs the check, so the two can never drift apart.
"""

from pathlib import Path

import re
import sys


ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
VERSIONS = ROOT / "versions.cfg"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")


def render() -> str:
    pins = []
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            pins.append(match.groups())
    lines = [
        "# Generated from constraints.txt by scripts/buildout_versions.py:",
        "# do not edit by hand, run `make versions.cfg`.",
        "[versions]",
        # Our own package is a develop egg.
        "solna.intranet =",
    ]
    lines += [f"{name} = {version}" for name, version in pins]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not VERSIONS.exists() or VERSIONS.read_text(encoding="utf-8") != text:
            print("versions.cfg is out of date: run `make versions.cfg`")
            return 1
        return 0
    VERSIONS.write_text(text, encoding="utf-8")
    print(f"Wrote {VERSIONS.name} with {text.count(' = ')} pins")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
