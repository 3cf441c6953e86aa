# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class AftersalesSlaDeadline(models.Model):
    """Repairs add to the engine's deadlines the repair they belong to (for the repair's own
    deadlines), the service centre, and the After-Sales Managers warned of every breach."""

    _inherit = "aftersales.sla.deadline"

    repair_id = fields.Many2one(
        "repair.order",
        compute="_compute_repair_id",
        store=True,
        index=True,
        ondelete="cascade",
    )
    team_id = fields.Many2one("crm.team")
    service_centre_id = fields.Many2one("aftersales.service.centre")

    @api.depends("res_model", "res_id")
    def _compute_repair_id(self):
        for deadline in self:
            deadline.repair_id = deadline.res_id if deadline.res_model == "repair.order" else False

    @api.model
    def _sla_document_fields(self):
        return super()._sla_document_fields() + ("team_id", "service_centre_id")

    def _sla_manager_users(self, company):
        group = self.env.ref("aftersales_repair.aftersales_group_manager")
        return super()._sla_manager_users(company) | self.env["res.users"].search(
            [
                ("groups_id", "in", group.id),
                ("share", "=", False),
                ("company_ids", "in", company.id),
            ]
        )
