#!/usr/bin/env python3
"""trafilatura's extraction of the HTML development set, in the predictions format of
`marsad eval html --predictions` ({"path","text","date"} per page), so both extractors are scored
by the same code. trafilatura is never a dependency of marsad: scripts/html_baseline.sh installs it
in a throwaway virtualenv and runs this file there.

    python3 scripts/html_baseline.py MANIFEST OUT.jsonl
"""
import gzip
import json
import os
import sys

import trafilatura


def main(manifest, out):
    root = os.path.dirname(os.path.abspath(manifest))
    with open(manifest, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for line in f:
            if not line.strip():
                continue
            page = json.loads(line)
            path = os.path.join(root, page["path"])
            with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as h:
                html = h.read()
            text, date = "", None
            try:
                got = trafilatura.extract(html, output_format="json", with_metadata=True,
                                          url=page.get("url"))
                if got:
                    got = json.loads(got)
                    text = got.get("text") or ""
                    date = (got.get("date") or None)
                    date = date[:10] if date else None
            except Exception as e:  # one page's failure is that page's empty output
                print(f"{page['path']}: {e}", file=sys.stderr)
            o.write(json.dumps({"path": page["path"], "text": text, "date": date},
                               ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
