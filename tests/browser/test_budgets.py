"""Budgets: a cold visit transfers at most 300 KiB and shifts its layout by at most
0.01.

The desktop visit is cold (a fresh browser context). Everything it transfers until the
network is idle (compressed, as served; theme, search index and all) must be at most
``bench.sitebench.BUDGETS["kib"]``, and the cumulative layout shift meanwhile (recorded
by ``bench.sitebench.CLS_OBSERVER``) at most ``BUDGETS["cls"]``. The ready-time budget
is measured by ``make bench``, not here: on a 2-core machine it moves too much between
runs.
"""

from bench.sitebench import BUDGETS
from tests.browser.conftest import page_id


def test_cold_visit_within_transfer_and_layout_shift_budgets(page, desktop):
    """The cold visit keeps to the transfer and layout-shift budgets."""
    assert desktop.kib > 0 and desktop.cls >= 0, (
        f"{page_id(page)}: the cold visit was not measured "
        f"({desktop.kib} KiB, CLS {desktop.cls})"
    )
    assert desktop.kib <= BUDGETS["kib"], (
        f"{page_id(page)}: a cold visit transferred {desktop.kib:.0f} KiB "
        f"(budget {BUDGETS['kib']:.0f})"
    )
    assert desktop.cls <= BUDGETS["cls"], (
        f"{page_id(page)}: the layout shifted by {desktop.cls:.3f} while loading "
        f"(budget {BUDGETS['cls']})"
    )
