# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_repeat_repair_days = fields.Integer(
        related="company_id.aftersales_repeat_repair_days",
        readonly=False,
    )
    aftersales_remote_first = fields.Boolean(
        related="company_id.aftersales_remote_first",
        readonly=False,
    )
    aftersales_trip_parts = fields.Boolean(
        related="company_id.aftersales_trip_parts",
        readonly=False,
    )
    aftersales_trip_location_id = fields.Many2one(
        related="company_id.aftersales_trip_location_id",
        readonly=False,
    )
    aftersales_refusal_approval = fields.Boolean(
        related="company_id.aftersales_refusal_approval",
        readonly=False,
    )
    aftersales_requisition_approval = fields.Boolean(
        related="company_id.aftersales_requisition_approval",
        readonly=False,
    )
    aftersales_pre_inspection_checks = fields.Boolean(
        related="company_id.aftersales_pre_inspection_checks",
        readonly=False,
    )
    aftersales_team_lead_group_id = fields.Many2one(
        related="company_id.aftersales_team_lead_group_id",
        readonly=False,
    )
    aftersales_workbook_per_centre = fields.Boolean(
        related="company_id.aftersales_workbook_per_centre",
        readonly=False,
    )
    aftersales_invoice_delay_days = fields.Integer(
        related="company_id.aftersales_invoice_delay_days",
        readonly=False,
    )
    aftersales_collection_handover_days = fields.Integer(
        related="company_id.aftersales_collection_handover_days",
        readonly=False,
    )
    aftersales_approval_bypass_group_id = fields.Many2one(
        related="company_id.aftersales_approval_bypass_group_id",
        readonly=False,
    )
