# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class AftersalesApprovalRule(models.Model):
    _inherit = "aftersales.approval.rule"

    document_type = fields.Selection(
        selection_add=[
            ("warranty_part", "Warranty Part Issue"),
            ("non_standard_part", "Non-Standard Part Issue"),
            ("emergency_purchase", "Emergency Local Purchase (unit price)"),
            ("part_requisition", "Parts Requisition (trip or posted)"),
        ],
        ondelete={
            "warranty_part": "cascade",
            "non_standard_part": "cascade",
            "emergency_purchase": "cascade",
            "part_requisition": "cascade",
        },
    )

    @api.model
    def _aftersales_warranty_seed_companies(self, companies=None):
        """The default warranty-part, non-standard-part and emergency-purchase rules for
        every company (install) or the new ``companies``."""
        return self._aftersales_seed_default_rules("aftersales_warranty", companies)
