# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.aftersales_repair_inspection import INSPECTION_RESULTS


class AftersalesRepairInspectionWizard(models.TransientModel):
    _name = "aftersales.repair.inspection.wizard"
    _description = "Record the Final Inspection of a Repair"

    repair_id = fields.Many2one("repair.order", required=True)
    result = fields.Selection(INSPECTION_RESULTS, required=True, default="pass")
    notes = fields.Text(help="What was checked; for a failed inspection, what must be redone.")
    checks_required = fields.Boolean(compute="_compute_checks")
    self_check_id = fields.Many2one(
        "aftersales.repair.check", string="Technician Self-Check", compute="_compute_checks"
    )
    lead_check_id = fields.Many2one(
        "aftersales.repair.check", string="Team-Lead Check", compute="_compute_checks"
    )

    @api.depends("repair_id")
    def _compute_checks(self):
        Check = self.env["aftersales.repair.check"]
        for wizard in self:
            pending = Check._pending_checks(wizard.repair_id).sudo(False)
            wizard.checks_required = wizard.repair_id.company_id.aftersales_pre_inspection_checks
            wizard.self_check_id = pending.filtered(lambda c: c.check_type == "self")[:1]
            wizard.lead_check_id = pending.filtered(lambda c: c.check_type == "lead")[:1]

    def action_confirm(self):
        self.ensure_one()
        if self.result == "fail":
            if not (self.notes or "").strip():
                raise UserError(_("Give the reason of the failed inspection."))
            self.repair_id.action_inspection_fail(self.notes)
        else:
            if self.checks_required and not (self.self_check_id and self.lead_check_id):
                raise UserError(
                    _(
                        "Repair %(name)s cannot pass before the technician's self-check and a "
                        "team lead's check are recorded: fail it, or ask them to record their "
                        "checks first.",
                        name=self.repair_id.name,
                    )
                )
            self.repair_id.action_inspection_pass(self.notes)
        return {"type": "ir.actions.act_window_close"}
