# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0 (issue 15):

- one field for the repair date: the feedback add-on's own "Service Completed On"
  (aftersales_date_repaired) gives way to the repair's "Repaired On" (date_repaired); a repair
  that has the first but not the second keeps its date;
- keep each complaint's deadlines before they are recomputed from the service-level targets
  (read back by post-migrate.py, which makes them aftersales.sla.deadline records).
"""


def _keep_repair_dates(cr):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'repair_order' AND column_name = 'aftersales_date_repaired'
        """
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        UPDATE repair_order
           SET date_repaired = aftersales_date_repaired
         WHERE date_repaired IS NULL AND aftersales_date_repaired IS NOT NULL
        """
    )


def _keep_complaint_deadlines(cr):
    cr.execute("DROP TABLE IF EXISTS aftersales_complaint_deadline_18_0_1_0_0")
    cr.execute(
        "CREATE TABLE aftersales_complaint_deadline_18_0_1_0_0 AS "
        "SELECT id, acknowledge_deadline, answer_deadline FROM aftersales_complaint"
    )


def migrate(cr, version):
    if not version:
        return
    _keep_repair_dates(cr)
    _keep_complaint_deadlines(cr)
