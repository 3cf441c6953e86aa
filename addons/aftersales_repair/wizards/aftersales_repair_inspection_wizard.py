# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.aftersales_repair_inspection import INSPECTION_RESULTS


class AftersalesRepairInspectionWizard(models.TransientModel):
    _name = "aftersales.repair.inspection.wizard"
    _description = "Record the Final Inspection of a Repair"

    repair_id = fields.Many2one("repair.order", required=True)
    result = fields.Selection(INSPECTION_RESULTS, required=True, default="pass")
    notes = fields.Text(help="What was checked; for a failed inspection, what must be redone.")

    def action_confirm(self):
        self.ensure_one()
        if self.result == "fail":
            if not (self.notes or "").strip():
                raise UserError(_("Give the reason of the failed inspection."))
            self.repair_id.action_inspection_fail(self.notes)
        else:
            self.repair_id.action_inspection_pass(self.notes)
        return {"type": "ir.actions.act_window_close"}
