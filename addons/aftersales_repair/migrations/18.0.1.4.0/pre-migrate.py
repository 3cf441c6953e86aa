# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.4.0: `inspection_recorded` says whether the final inspection of the repair's current
round is recorded (Fail Inspection needs it). A repair waiting for inspection has none yet: an
inspection recorded before is from an earlier round (a failed one sent it back to repair, a
passed one made it repaired). The column is created and filled here, before the registry
loads, so that Odoo does not compute it from the inspections alone."""

from odoo.tools import sql


def migrate(cr, version):
    if not version or sql.column_exists(cr, "repair_order", "inspection_recorded"):
        return
    sql.create_column(cr, "repair_order", "inspection_recorded", "boolean")
    cr.execute(
        """
        UPDATE repair_order repair
           SET inspection_recorded = repair.state != 'inspection' AND EXISTS (
               SELECT 1 FROM aftersales_repair_inspection inspection
                WHERE inspection.repair_id = repair.id)
        """
    )
