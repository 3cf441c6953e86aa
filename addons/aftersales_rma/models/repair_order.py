# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    aftersales_rma_id = fields.Many2one(
        "rma",
        string="Customer Return",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The customer return this repair comes from.",
    )
    aftersales_recall_unit_id = fields.Many2one(
        "aftersales.recall.unit",
        string="Recall",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The recalled unit this repair remedies.",
    )

    def _aftersales_on_done(self):
        res = super()._aftersales_on_done()
        self.aftersales_recall_unit_id.sudo()._aftersales_set_status("repaired")
        return res

    def action_view_aftersales_rma(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "rma",
            "view_mode": "form",
            "res_id": self.aftersales_rma_id.id,
            "name": _("Return"),
        }
