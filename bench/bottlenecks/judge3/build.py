#!/usr/bin/env python3
"""Validate existing.jsonl + postings.jsonl and write eval/judge.jsonl.

Usage: python3 build.py            (validate, write eval/judge.jsonl, print stats)
Exit code 1 on any validation error (nothing is written then).
"""
import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECTORS = {"werk", "onderwijs", "inkomen", "wonen", "kinderen", "gezondheid"}
LANGS = {"nl", "fr", "en"}
EXISTING_TITLE_WORDS = (5, 12)
POSTING_TITLE_WORDS = (4, 14)
EXISTING_SENTENCES = (2, 5)
FAMILY_SIZE = (2, 5)
MIN = {"existing": 72, "postings": 70, "duplicates": 48, "near_misses": 22,
       "families": 20, "per_sector": 9}

# Function words (nl/fr/en) ignored when counting shared title words.
STOP = set("""
de het een en of van voor met op in aan bij door naar uit om te tot als na
zonder over onder tegen tussen dan dat die dit deze wie wat er al nog niet geen
is zijn wordt worden word blijft blijven komt komen kan kunnen moet moeten mag
krijgt krijgen heeft hebben had was waren zich zo ook maar wel pas enkel meer
veel te zeer haar hem hij zij ze we wij je u hun ons onze mijn zijn elk elke
le la les un une des du de d l à au aux et ou en pour par sur sans avec dans
ne pas plus qui que qu il elle ils elles se s est sont son sa ses leur leurs
the a an and or of for to in on at by with from without after before is are
be been being has have had their his her its it they he she who that this
too when while all no not own via per
""".split())


def load(name):
    rows = []
    with open(HERE / name, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                sys.exit(f"{name}:{n}: JSON error: {e}")
    return rows


def words(title):
    return title.split()


def content_tokens(text):
    toks = re.findall(r"[^\W\d_]+", text.lower())  # letters only; splits on - ' /
    return {t for t in toks if t not in STOP and len(t) > 2}


def stem5(tokens):
    return {t[:5] for t in tokens}


def sentences(text):
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", text.strip())
    return [p for p in parts if p]


def main():
    errors = []
    existing = load("existing.jsonl")
    postings = load("postings.jsonl")

    # ---- existing
    ex_by_id = {}
    for r in existing:
        rid = r.get("id")
        keys = {"id", "title", "description", "sector", "topic", "lang"}
        if set(r) != keys:
            errors.append(f"{rid}: keys {sorted(r)} != {sorted(keys)}")
        if rid in ex_by_id:
            errors.append(f"{rid}: duplicate id")
        ex_by_id[rid] = r
        if r.get("sector") not in SECTORS:
            errors.append(f"{rid}: bad sector {r.get('sector')}")
        if r.get("lang") not in LANGS:
            errors.append(f"{rid}: bad lang {r.get('lang')}")
        n = len(words(r.get("title", "")))
        if not EXISTING_TITLE_WORDS[0] <= n <= EXISTING_TITLE_WORDS[1]:
            errors.append(f"{rid}: title has {n} words")
        s = len(sentences(r.get("description", "")))
        if not EXISTING_SENTENCES[0] <= s <= EXISTING_SENTENCES[1]:
            errors.append(f"{rid}: description has {s} sentences")
        if not r.get("topic"):
            errors.append(f"{rid}: empty topic")

    families = collections.defaultdict(list)
    for r in existing:
        families[r["topic"]].append(r["id"])
    for t, ids in families.items():
        if not FAMILY_SIZE[0] <= len(ids) <= FAMILY_SIZE[1]:
            errors.append(f"family {t!r} has {len(ids)} members")
    per_sector = collections.Counter(r["sector"] for r in existing)

    # ---- postings
    p_ids = set()
    dup_count = collections.Counter()
    for p in postings:
        pid = p.get("id")
        keys = {"id", "title", "description", "duplicate_of", "near_miss_of",
                "sector", "lang"}
        if set(p) != keys:
            errors.append(f"{pid}: keys {sorted(p)} != {sorted(keys)}")
        if pid in p_ids or pid in ex_by_id:
            errors.append(f"{pid}: duplicate id")
        p_ids.add(pid)
        d, nm = p.get("duplicate_of"), p.get("near_miss_of")
        if (d is None) == (nm is None):
            errors.append(f"{pid}: needs exactly one of duplicate_of/near_miss_of")
        for ref in (d, nm):
            if ref is not None and ref not in ex_by_id:
                errors.append(f"{pid}: unknown reference {ref}")
        if d is not None:
            dup_count[d] += 1
        if p.get("sector") not in SECTORS:
            errors.append(f"{pid}: bad sector {p.get('sector')}")
        if p.get("lang") not in LANGS:
            errors.append(f"{pid}: bad lang {p.get('lang')}")
        n = len(words(p.get("title", "")))
        if not POSTING_TITLE_WORDS[0] <= n <= POSTING_TITLE_WORDS[1]:
            errors.append(f"{pid}: title has {n} words")
        if not p.get("description", "").strip():
            errors.append(f"{pid}: empty description")
    for xid, c in dup_count.items():
        if c > 1:
            errors.append(f"{xid}: has {c} duplicates")

    dups = [p for p in postings if p["duplicate_of"]]
    nms = [p for p in postings if p["near_miss_of"]]
    for key, val in (("existing", len(existing)), ("postings", len(postings)),
                     ("duplicates", len(dups)), ("near_misses", len(nms)),
                     ("families", len(families))):
        if val < MIN[key]:
            errors.append(f"too few {key}: {val} < {MIN[key]}")
    for s in SECTORS:
        if per_sector[s] < MIN["per_sector"]:
            errors.append(f"sector {s}: only {per_sector[s]} existing")

    if errors:
        print("VALIDATION FAILED:")
        for e in errors:
            print("  " + e)
        sys.exit(1)

    # ---- write eval/judge.jsonl
    out = HERE / "eval" / "judge.jsonl"
    out.parent.mkdir(exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for r in existing:
            f.write(json.dumps({"id": r["id"], "title": r["title"],
                                "description": r["description"]},
                               ensure_ascii=False) + "\n")
        for p in postings:
            f.write(json.dumps({"id": p["id"],
                                "new": {"title": p["title"],
                                        "description": p["description"]},
                                "duplicate_of": p["duplicate_of"]},
                               ensure_ascii=False) + "\n")

    # ---- stats
    print(f"OK: wrote {out.relative_to(HERE)} "
          f"({len(existing)} existing + {len(postings)} postings)")
    print(f"existing: {len(existing)}, families: {len(families)} "
          f"(sizes {dict(sorted(collections.Counter(len(v) for v in families.values()).items()))})")
    print("existing per sector:", dict(sorted(per_sector.items())))
    print("existing per lang:", dict(collections.Counter(r["lang"] for r in existing)))
    print(f"postings: {len(postings)}, duplicates: {len(dups)}, near misses: {len(nms)}")
    print("postings per sector:", dict(sorted(collections.Counter(p["sector"] for p in postings).items())))
    print("postings per lang:", dict(collections.Counter(p["lang"] for p in postings)),
          f"non-nl share: {sum(p['lang'] != 'nl' for p in postings) / len(postings):.1%}")
    print("duplicates per lang:", dict(collections.Counter(p["lang"] for p in dups)))
    print("near misses per lang:", dict(collections.Counter(p["lang"] for p in nms)))
    cross = [(p["id"], ex_by_id[p["duplicate_of"]]["lang"], p["lang"]) for p in dups
             if p["lang"] != ex_by_id[p["duplicate_of"]]["lang"]]
    print(f"cross-language duplicate pairs: {len(cross)} "
          f"{dict(collections.Counter(f'{a}->{b}' for _, a, b in cross))}")
    cross_nm = [p for p in nms if p["lang"] != ex_by_id[p["near_miss_of"]]["lang"]]
    print(f"cross-language near-miss pairs: {len(cross_nm)}")
    covered = {p["duplicate_of"] for p in dups}
    print(f"existing with a duplicate: {len(covered)}; without: {len(existing) - len(covered)}")
    nm_targets = collections.Counter(p["near_miss_of"] for p in nms)
    print(f"near misses pointing at an existing that also has a duplicate: "
          f"{sum(1 for p in nms if p['near_miss_of'] in covered)}")

    exact = collections.Counter()
    pref = collections.Counter()
    detail = []
    for p in dups:
        a = content_tokens(p["title"])
        b = content_tokens(ex_by_id[p["duplicate_of"]]["title"])
        k = len(a & b)
        k5 = len(stem5(a) & stem5(b))
        exact[min(k, 2)] += 1
        pref[min(k5, 2)] += 1
        detail.append((p["id"], p["duplicate_of"], sorted(a & b)))
    print("duplicate titles sharing content words with their existing title "
          "(exact word form): 0:%d 1:%d 2+:%d" % (exact[0], exact[1], exact[2]))
    print("same, comparing 5-letter prefixes (crude stemming): 0:%d 1:%d 2+:%d"
          % (pref[0], pref[1], pref[2]))
    nm_ov = collections.Counter()
    for p in nms:
        a = content_tokens(p["title"])
        b = content_tokens(ex_by_id[p["near_miss_of"]]["title"])
        nm_ov[min(len(stem5(a) & stem5(b)), 2)] += 1
    print("near-miss titles sharing 5-letter prefixes with their near_miss_of title: "
          "0:%d 1:%d 2+:%d" % (nm_ov[0], nm_ov[1], nm_ov[2]))
    if "-v" in sys.argv:
        for pid, xid, shared in detail:
            if shared:
                print(f"  {pid}->{xid}: {shared}")


if __name__ == "__main__":
    main()
