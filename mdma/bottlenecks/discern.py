"""Which of several close candidates the new text means: the best suggestions on one topic
share most of their words (a family of problems around one service), and what they all share
says nothing about which member is meant. Among the best few, a word the new text shares with
a candidate counts by how few of the others have it.
"""

import math
from collections import Counter

from mdma.bottlenecks.thesaurus import thesaurus

#: The candidates compared with each other: the best this many on the blended score.
NEIGHBOURS = 10
#: The weight of the overlap on distinctive words in the ranking. Only the ranking: "probably
#: the same" stays a matter of how close the texts are, not of how they differ from the others.
DISTINCT_SHARE = 0.3


def rerank(query: dict[str, float], scored: list, weighted, apart: set[int]) -> list:
    """`scored`, (score, id, content, features) best first, with the best NEIGHBOURS rescored
    and sorted again. `query` is the new text's weighted features; `weighted` weighs a
    candidate's features the same way. The words of a candidate in `apart` (compared on meaning
    alone: either text is in French or English) count only by the field's things they name
    (synonym groups in any language), not by the kinds of problem: a French text's "trop bas"
    is no sign of which Dutch member of a family it means."""
    near = scored[:NEIGHBOURS]
    if len(near) < 2:
        return scored
    # A word every close candidate has weighs 0, one only a single candidate has weighs fully.
    spread = math.log(len(near))
    having = Counter(f for *_rest, candidate in near for f in candidate if f in query)
    rescored = []
    for score, row_id, content, candidate in near:
        compared = candidate
        if row_id in apart:
            compared = named(candidate, kinds=False)
        weights = weighted(compared)
        distinct = sum(
            query[f] * weights[f] * math.log(len(near) / having[f]) / spread
            for f in compared
            if f in query
        )
        rescored.append((score + DISTINCT_SHARE * distinct, row_id, content, candidate))
    rescored.sort(key=lambda item: (-item[0], item[1]))
    return rescored + scored[len(near) :]


def named(found: Counter, *, kinds: bool = True) -> Counter:
    """Only the synonym groups among a text's features: the things it names, in any language
    the groups know, and with `kinds` the kinds of problem (the `~` groups)."""
    groups = {f: n for f, n in found.items() if f[:2] == "c:"}
    if not kinds:
        problems = thesaurus().kinds
        groups = {f: n for f, n in groups.items() if f[2:] not in problems}
    return Counter(groups)
