# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

INSPECTION_RESULTS = [("pass", "Passed"), ("fail", "Failed")]


class AftersalesRepairInspection(models.Model):
    """One final quality inspection of a repair (readme/CONFIGURE.md, "Final inspection").
    Created by repair.order.action_inspection_pass / action_inspection_fail only (users read
    them: no create, write nor unlink right); evidence, never deleted."""

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
    # the checks before it: technician self-check, then team lead, then QC
    # (readme/CONFIGURE.md, "Self-check and team-lead check")
    check_ids = fields.One2many("aftersales.repair.check", "inspection_id", readonly=True)
    self_check_user_id = fields.Many2one(
        "res.users", string="Self-Check By", compute="_compute_checks", store=True
    )
    self_check_date = fields.Datetime(
        string="Self-Check On", compute="_compute_checks", store=True
    )
    lead_check_user_id = fields.Many2one(
        "res.users", string="Team-Lead Check By", compute="_compute_checks", store=True
    )
    lead_check_date = fields.Datetime(
        string="Team-Lead Check On", compute="_compute_checks", store=True
    )

    @api.depends("check_ids")
    def _compute_checks(self):
        for inspection in self:
            checks = inspection.check_ids.sorted("date", reverse=True)
            own = checks.filtered(lambda c: c.check_type == "self")[:1]
            lead = checks.filtered(lambda c: c.check_type == "lead")[:1]
            inspection.self_check_user_id = own.user_id
            inspection.self_check_date = own.date
            inspection.lead_check_user_id = lead.user_id
            inspection.lead_check_date = lead.date

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

    @api.model_create_multi
    def create(self, vals_list):
        Check = self.env["aftersales.repair.check"]
        repairs = self.env["repair.order"].browse([vals.get("repair_id") for vals in vals_list])
        pending = Check._pending_checks(repairs)
        for vals in vals_list:
            # the checks are the mechanism's: those of the repair not yet inspected, checked
            # before anything is saved
            vals.pop("check_ids", None)
            repair = self.env["repair.order"].browse(vals.get("repair_id"))
            if vals.get("result") == "pass":
                self._check_pre_inspection_checks(
                    repair, pending.filtered(lambda c, r=repair: c.repair_id == r)
                )
        inspections = super().create(vals_list)
        for inspection in inspections:
            checks = pending.filtered(lambda c, i=inspection: c.repair_id == i.repair_id)
            # sudo: a check is evidence only the inspection links (see its write)
            checks.sudo().write({"inspection_id": inspection.id})
        return inspections

    @api.model
    def _check_pre_inspection_checks(self, repair, checks):
        """A repair passes only after the technician's self-check and a team lead's check
        (when the company applies the rule) (readme/CONFIGURE.md, "Self-check and team-lead
        check")."""
        if not repair.company_id.aftersales_pre_inspection_checks:
            return
        missing = []
        if not checks.filtered(lambda c: c.check_type == "self"):
            missing.append(_("the technician's self-check"))
        if not checks.filtered(lambda c: c.check_type == "lead"):
            missing.append(_("a team lead's check"))
        if missing:
            raise ValidationError(
                _(
                    "Repair %(repair)s cannot pass its final inspection before %(missing)s "
                    "is recorded (Record Check in its Action menu).",
                    repair=repair.name,
                    missing=_(" and ").join(missing),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        # evidence: never deleted, not even by the superuser (a wrong result is corrected by
        # the next inspection of the repair, which counts instead of it)
        if self:
            raise UserError(
                _(
                    "Records of final inspections are evidence and cannot be deleted: a later "
                    "inspection of the repair records the corrected result (the last one "
                    "counts)."
                )
            )
