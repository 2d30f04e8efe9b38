"""Write ``constraints.txt``: the versions the test suite last passed with.

Takes what setup.cfg asks for (install_requires and the ``test`` and ``build`` extras), follows
their requirements through the installed packages, and pins each at its installed version::

    .venv/bin/python tools/make_constraints.py        # after the suite passed in .venv

Install with the same versions elsewhere (an office PC, the Windows build machine)::

    python -m pip install -c constraints.txt ".[build]"

Packages that only another system needs (pefile and pywin32-ctypes for PyInstaller on
Windows) are not installed here and so are not pinned.
"""

from __future__ import annotations

import configparser
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
EXTRAS = ("test", "build")
HEADER = """\
# Versions PairTrack's test suite passed with (Python {python}, {platform}).
# Made by tools/make_constraints.py from setup.cfg's requirements and the extras {extras};
# use: python -m pip install -c constraints.txt ".[test,build]"
"""


def declared(root: Path = ROOT) -> list[Requirement]:
    config = configparser.ConfigParser(interpolation=None)
    config.read(root / "setup.cfg", encoding="utf-8")
    lines = config["options"]["install_requires"].splitlines()
    extras = config["options.extras_require"]
    for extra in EXTRAS:
        lines += extras[extra].splitlines()
    return [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]


def pinned(requirements: list[Requirement]) -> dict[str, str]:
    """Installed name → version for the requirements and everything they require here."""
    found: dict[str, str] = {}
    todo = [(r, "") for r in requirements]
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        key = canonicalize_name(requirement.name)
        if key in found:
            continue
        dist = metadata.distribution(requirement.name)
        found[key] = f"{dist.metadata['Name']}=={dist.version}"
        for text in dist.requires or []:
            todo += [(Requirement(text), wanted) for wanted in ("", *requirement.extras)]
    return found


def main() -> int:
    pins = pinned(declared())
    text = HEADER.format(
        python=".".join(map(str, sys.version_info[:3])),
        platform=sys.platform,
        extras=", ".join(EXTRAS),
    )
    text += "".join(f"{pins[key]}\n" for key in sorted(pins))
    (ROOT / "constraints.txt").write_text(text, encoding="utf-8")
    print(f"constraints.txt: {len(pins)} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
