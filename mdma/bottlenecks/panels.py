"""What higher floors show on a bottleneck's page (the proposals that took it up; the sessions
that discussed it): each registers a panel, `panel(reader, bottleneck)` returning the HTML of
its section, or "" when it has nothing to show. The page renders them in the order registered,
after the structural signal; bottlenecks never imports the floors that register."""

from collections.abc import Callable

from markupsafe import Markup

Panel = Callable[[object, object], str]
_PANELS: list[Panel] = []


def register(panel: Panel) -> Panel:
    _PANELS.append(panel)
    return panel


def render(reader, bottleneck) -> list[Markup]:
    return [Markup(html) for panel in _PANELS if (html := panel(reader, bottleneck))]
