# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

INSPECTION_RESULTS = [("pass", "Passed"), ("fail", "Failed")]


class AftersalesRepairInspection(models.Model):
    """One final quality inspection of a repair (readme/CONFIGURE.md, "Final inspection").
    Created by repair.order.action_inspection_pass / action_inspection_fail only."""

    _name = "aftersales.repair.inspection"
    _description = "Repair Final Inspection"
    _order = "date desc, id desc"
    _check_company_auto = True

    repair_id = fields.Many2one(
        "repair.order",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="repair_id.company_id", string="Company", store=True, index=True
    )
    inspector_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    technician_id = fields.Many2one(
        "res.users",
        string="Technician Inspected",
        readonly=True,
        help="The technician responsible for the repair when it was inspected.",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    result = fields.Selection(INSPECTION_RESULTS, required=True, readonly=True)
    notes = fields.Text()

    @api.constrains("inspector_id", "technician_id", "result", "notes")
    def _check_inspection(self):
        for inspection in self:
            if inspection.technician_id and inspection.inspector_id == inspection.technician_id:
                raise ValidationError(
                    _(
                        "%(user)s repaired %(repair)s and cannot inspect it: a quality inspector "
                        "who is not the technician must do the final inspection.",
                        user=inspection.inspector_id.name,
                        repair=inspection.repair_id.name,
                    )
                )
            if inspection.result == "fail" and not (inspection.notes or "").strip():
                raise ValidationError(
                    _(
                        "Give the reason why %(repair)s failed its inspection.",
                        repair=inspection.repair_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        if self:
            raise UserError(_("A repair inspection is evidence and cannot be deleted."))
