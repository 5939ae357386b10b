"""Build bench/privacy/dataset.jsonl from the annotated texts in bench/privacy/texts/*.txt.

Another set (e.g. the held-out one): `build_dataset.py --texts DIR --out FILE`.

Format of a text file: texts separated by a line `---`; above each text a header line
`# id: <id> lang: nl|fr|en clean: yes|no`; personal data marked inline as `[[kind:text]]`.
"""

import argparse
import json
import re
import sys
from pathlib import Path

#: The kinds an annotation may name: the annotation format's vocabulary, shared by the scripts.
KINDS = [
    "person_name",
    "national_number",
    "iban",
    "phone",
    "email",
    "street_address",
    "date_of_birth",
    "case_file_number",
    "license_plate",
]

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
DATASET = HERE / "dataset.jsonl"

SEPARATOR = re.compile(r"^---[ \t]*$", re.M)
HEADER = re.compile(r"#\s*id:\s*(\S+)\s+lang:\s*(\S+)\s+clean:\s*(yes|no)\s*")
MARK = re.compile(r"\[\[([a-z_]+):(.+?)\]\]", re.S)


def strip_marks(marked: str) -> tuple[str, list[dict]]:
    """Remove the [[kind:text]] markers; return the plain text and its spans."""
    out, spans, pos = "", [], 0
    for m in MARK.finditer(marked):
        out += marked[pos : m.start()]
        start = len(out)
        out += m.group(2)
        spans.append({"start": start, "end": len(out), "kind": m.group(1), "text": m.group(2)})
        pos = m.end()
    out += marked[pos:]
    if "[[" in out or "]]" in out:
        raise ValueError(f"unbalanced marker left in text: {out!r}")
    return out, spans


def parse_file(path: Path) -> list[dict]:
    records = []
    for block in SEPARATOR.split(path.read_text(encoding="utf-8")):
        block = block.strip()
        if not block:
            continue
        first, _, body = block.partition("\n")
        m = HEADER.fullmatch(first.strip())
        if not m:
            raise ValueError(f"{path.name}: bad header line {first!r}")
        text, spans = strip_marks(body.strip())
        records.append(
            {
                "id": m.group(1),
                "lang": m.group(2),
                "clean": m.group(3) == "yes",
                "source": path.name,
                "text": text,
                "spans": spans,
            }
        )
    return records


def load_texts(texts: Path = TEXTS) -> list[dict]:
    return [rec for path in sorted(Path(texts).glob("*.txt")) for rec in parse_file(path)]


def shown(path: Path) -> str:
    """The path relative to the repository root when it lies inside it."""
    path = path.resolve()
    root = HERE.parent.parent
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--texts", type=Path, default=TEXTS, help="folder of annotated *.txt files")
    ap.add_argument("--out", type=Path, default=DATASET, help="the JSONL file to write")
    args = ap.parse_args(argv)
    if not args.texts.is_dir():
        print(f"error: {args.texts} is not a folder", file=sys.stderr)
        return 1
    try:
        records = load_texts(args.texts)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} texts to {shown(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
