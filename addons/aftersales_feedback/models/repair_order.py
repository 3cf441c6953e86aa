# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    aftersales_complaint_id = fields.Many2one(
        "aftersales.complaint",
        string="Origin Complaint",
        index="btree_not_null",
        copy=False,
        help="The complaint this repair was created from.",
    )
    aftersales_complaint_ids = fields.One2many(
        "aftersales.complaint", "repair_id", string="Related Complaints"
    )
    aftersales_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_aftersales_complaint_count"
    )
    aftersales_feedback_request_ids = fields.One2many(
        "aftersales.feedback.request", "repair_id", string="Feedback Requests"
    )

    def _compute_aftersales_complaint_count(self):
        counts = dict(
            self.env["aftersales.complaint"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
            )
        )
        for repair in self:
            repair.aftersales_complaint_count = counts.get(repair, 0)

    def _aftersales_on_done(self):
        res = super()._aftersales_on_done()
        # every finished repair gets a feedback request, whoever closes it (a technician
        # has no right on feedback records): the request is bookkeeping of the service desk
        self.env["aftersales.feedback.request"].sudo()._create_for_repairs(self)
        plans = (
            self.env["aftersales.callback.plan"]
            .sudo()
            .search([("trigger", "=", "phone_guidance"), ("step_ids", "!=", False)])
        )
        callbacks = self.env["aftersales.callback"].sudo()
        for plan in plans:
            callbacks._generate_for_plan(plan, source_ids=("repair", self.ids))
        return res

    def action_view_aftersales_complaints(self):
        self.ensure_one()
        return self.env["aftersales.complaint"]._get_link_action(
            [("repair_id", "=", self.id)],
            {
                "default_repair_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_product_id": self.product_id.id,
                "default_lot_id": self.lot_id.id,
                "default_company_id": self.company_id.id,
            },
        )
