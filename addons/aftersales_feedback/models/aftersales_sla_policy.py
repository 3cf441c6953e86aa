# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

COMPLAINT_TARGET_KINDS = [
    ("forward", "Forward to the Service Department"),
    ("enquiry_answer", "Enquiry Answered"),
    ("complaint_answer", "Complaint Answered"),
    ("callback", "Customer Called Back"),
]


class AftersalesSlaPolicy(models.Model):
    """The targets of the complaint and enquiry register
    (readme/CONFIGURE.md, "Complaint deadlines")."""

    _inherit = "aftersales.sla.policy"

    target_kind = fields.Selection(
        selection_add=COMPLAINT_TARGET_KINDS,
        ondelete={kind: "cascade" for kind, _label in COMPLAINT_TARGET_KINDS},
    )
