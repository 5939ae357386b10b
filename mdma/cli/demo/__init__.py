"""Fictional demo data of every domain, told through the services, in the order the domains
stand on each other: the directory, the accounts, then each domain (`create_demo`). Grows
domain by domain: a new domain adds its module here and one line to DOMAINS.

`volume`, `plan`, `rows` and `staff` write a realistic volume of bottlenecks in bulk for the
benchmarks (`mdma demo --scale N`); `stories` and `texts` hold the hand-written content.
"""

from dataclasses import dataclass

from mdma.cli.demo.accounts import DEMO_PASSWORD, create_demo_users
from mdma.cli.demo.bottlenecks import create_demo_bottlenecks
from mdma.cli.demo.directory import create_demo_organisations
from mdma.cli.demo.proposals import create_demo_proposals
from mdma.cli.demo.sessions import create_demo_sessions

__all__ = ["DEMO_PASSWORD", "Demo", "create_demo"]


@dataclass
class Demo:
    """What one run added, per kind, and the demo log-ins."""

    added: dict[str, int]
    logins: list[tuple[str, str]]


def create_demo() -> Demo:
    """Add what is not there yet; flushes, the caller commits."""
    added = {"organisations": create_demo_organisations()}
    users = create_demo_users()
    added["users"] = sum(1 for *_rest, new in users if new)
    added["bottlenecks"] = create_demo_bottlenecks()
    added["sessions"] = create_demo_sessions()
    added["proposals"] = create_demo_proposals()
    return Demo(added, [(email, role) for email, role, _new in users])
