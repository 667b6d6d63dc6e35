"""pip-audit over the installed environment, run by CI after the tests (`make audit`).

Known vulnerabilities fail the run. When the vulnerability service cannot be reached — no network,
or a package index mirror that serves wheels but not PyPI's JSON API, so that every package comes back
"not found" — this says plainly that it could NOT check, and does not fail CI: an unchecked run must
never read like a clean one.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

UNREACHABLE = re.compile(
    r"ConnectionError|NewConnectionError|Max retries|Name or service not known|Temporary failure in name"
    r"|timed out|ProxyError|SSLError|Network is unreachable|Connection refused",
    re.I,
)


def main() -> int:
    audit = Path(sys.executable).with_name("pip-audit")
    cmd = [str(audit), "--skip-editable", "--progress-spinner", "off", "--timeout", "15", "-f", "json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    try:
        deps = json.loads(proc.stdout)["dependencies"]
    except (ValueError, KeyError):
        if UNREACHABLE.search(proc.stderr):
            print("pip-audit: COULD NOT CHECK — the vulnerability service is unreachable from here:")
            print("  " + proc.stderr.strip().splitlines()[-1])
            return 0
        print(proc.stderr, file=sys.stderr)
        print(f"pip-audit failed (exit {proc.returncode}) for a reason other than the network.")
        return proc.returncode or 1
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    checked = len(deps) - len(skipped)
    for d in vulnerable:
        ids = ", ".join(
            f"{v['id']} (fixed in {', '.join(v.get('fix_versions') or ['—'])})" for v in d["vulns"]
        )
        print(f"VULNERABLE {d['name']} {d.get('version', '')}: {ids}")
    if vulnerable:
        print(f"pip-audit: {len(vulnerable)} package(s) with known vulnerabilities.")
        return 1
    if checked == 0:
        print(
            f"pip-audit: COULD NOT CHECK — the vulnerability service answered for none of {len(deps)} "
            "packages (unreachable, or a mirror without PyPI's JSON API). Nothing was audited."
        )
        return 0
    note = (
        f"; {len(skipped)} could not be checked: {', '.join(d['name'] for d in skipped)}" if skipped else ""
    )
    print(f"pip-audit: no known vulnerabilities in {checked} checked package(s){note}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
