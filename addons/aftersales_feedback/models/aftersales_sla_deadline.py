# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .aftersales_sla_policy import COMPLAINT_TARGET_KINDS


class AftersalesSlaDeadline(models.Model):
    _inherit = "aftersales.sla.deadline"

    target_kind = fields.Selection(
        selection_add=COMPLAINT_TARGET_KINDS,
        ondelete={kind: "cascade" for kind, _label in COMPLAINT_TARGET_KINDS},
    )
