# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One field for the repair date (issue 15): the feedback add-on's own "Service Completed On"
(aftersales_date_repaired) gives way to the repair's "Repaired On" (date_repaired). A repair
that has the first but not the second keeps its date."""


def migrate(cr, version):
    if not version:
        return
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
