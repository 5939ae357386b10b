"""Names found make more: a first name beside them in a list, and every other place where one
of their words stands again; and first names typed in lower case where a person stands."""

from mdma.privacy import context as ctx
from mdma.privacy import name_signs as signs


def first_name_in_lower_case(tokens, j, lex) -> bool:
    """ "kinderen lore en …", "zoon milan": after a kinship word a known first name typed in lower
    case is one, even if it is a word too, unless it is an everyday word (will, may, mark)."""
    if j >= len(tokens) or not tokens[j].joined:
        return False
    token = tokens[j]
    return (
        not token.cap
        and token.fold in lex.first_names
        and token.zipf < 4.5
        and token.fold not in ctx.FUNCTION_WORDS
    )


def _first_names_listed(tokens, a, b, k, lex) -> bool:
    """ "lore en milan": a first name found makes a first name beside it one too."""
    return a == b and tokens[a].fold in lex.first_names and first_name_in_lower_case(tokens, k, lex)


def spread(tokens, found, lex):
    """Names found make more: their neighbours in a list ("Omid en Farid"), and every other
    place where one of their words stands again."""
    spans = set(found)
    covered = {k for a, b in spans for k in range(a, b + 1)}
    words = {
        tokens[k].fold
        for a, b in spans
        for k in range(a, b + 1)
        if tokens[k].fold not in ctx.PARTICLES
        and not tokens[k].is_initial_letter
        and tokens[k].zipf < 4.5
        and len(tokens[k].fold) > 2
    }
    for a, b in list(spans):
        for k in _listed_beside(tokens, a, b):
            if (
                k not in covered
                and tokens[k].cap == tokens[a].cap
                and (signs.name_like(tokens[k], lex) or _first_names_listed(tokens, a, b, k, lex))
            ):
                spans.add((k, k))
                covered.add(k)
    for k, token in enumerate(tokens):
        if k not in covered and token.fold in words:
            spans.add((k, k))
            covered.add(k)
    return sorted(spans)


def _listed_beside(tokens, a, b):
    """The words beside a name in a list: joined by "en", "et", "and", "of", or by a comma
    ("(Kowalska, Ghebremariam)", "Précieuse, Gloire et Emmanuel")."""
    for k, link in ((b + 2, b + 1), (a - 2, a - 1)):
        if 0 <= k < len(tokens) and tokens[link].fold in {"en", "et", "and", "of"}:
            yield k
    if b + 1 < len(tokens) and tokens[b].gap_after.strip() == ",":
        yield b + 1
    if a > 0 and tokens[a - 1].gap_after.strip() == "," and tokens[a - 1].fold not in ctx.SIGN_OFFS:
        yield a - 1  # "Mvg, Hilde": a sign-off, no name
