# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Keep each complaint's deadlines before they are recomputed from the service-level targets
(read back by post-migrate.py, which makes them aftersales.sla.deadline records)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("DROP TABLE IF EXISTS aftersales_complaint_deadline_18_0_1_0_0")
    cr.execute(
        "CREATE TABLE aftersales_complaint_deadline_18_0_1_0_0 AS "
        "SELECT id, acknowledge_deadline, answer_deadline FROM aftersales_complaint"
    )
