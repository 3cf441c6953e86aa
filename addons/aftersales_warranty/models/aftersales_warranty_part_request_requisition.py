# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .aftersales_warranty_part_request import AftersalesWarrantyPartRequest

REQUISITION_TYPE = "part_requisition"


class AftersalesWarrantyPartRequestRequisition(models.Model):
    """Parts for a trip or posted to a customer (readme/CONFIGURE.md, "Parts requisition for
    trips and posted parts"): the request is the signed requisition, approved by the
    After-Sales Manager in addition to the approvers of its amount, before any part is issued.
    One more requirement of the request's approval, decided by the approval rules of type
    "Parts Requisition (trip or posted)"; the shipped rule's condition is "for a trip, or
    shipped to the customer's address"."""

    # one class per concern of aftersales.warranty.part.request, one file each
    _inherit = "aftersales.warranty.part.request"  # pylint: disable=consider-merging-classes-inherited

    _approval_document_types = AftersalesWarrantyPartRequest._approval_document_types + [
        REQUISITION_TYPE
    ]
    # taking the parts on a trip or posting them changes who approves: the approval given for
    # other terms is given again
    _approval_under_review_fields = AftersalesWarrantyPartRequest._approval_under_review_fields + [
        "dispatch_id",
        "delivery_mode",
    ]

    dispatch_id = fields.Many2one(
        "aftersales.dispatch",
        string="Trip",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('repair_id', '=?', repair_id), ('state', 'in', ('planned', 'on_site'))]",
        help="The technicians' trip the parts are taken on: the request is then a parts "
        "requisition the After-Sales Manager approves (regulation 001 §五.4).",
    )

    @api.constrains("dispatch_id", "repair_id")
    def _check_dispatch_repair(self):
        for request in self.filtered("dispatch_id"):
            if request.dispatch_id.repair_id != request.repair_id:
                raise ValidationError(
                    _(
                        "Request %(name)s is for trip %(trip)s: choose that trip's repair, "
                        "%(repair)s.",
                        name=request.name,
                        trip=request.dispatch_id.display_name,
                        repair=request.dispatch_id.repair_id.display_name,
                    )
                )

    @api.onchange("dispatch_id")
    def _onchange_dispatch_id(self):
        if self.dispatch_id and not self.repair_id:
            self.repair_id = self.dispatch_id.repair_id

    def _get_approval_requirements(self):
        requirements = super()._get_approval_requirements()
        if self._aftersales_requisition_rules():
            requirements.append({"document_type": REQUISITION_TYPE, "amount": self.amount_total})
        return requirements

    def _aftersales_requisition_rules(self):
        """The rules asking the manager's approval of this requisition (none when the company
        setting is off or the parts are neither for a trip nor posted to the customer)."""
        self.ensure_one()
        if not self.company_id.aftersales_requisition_approval:
            return self.env["aftersales.approval.rule"]
        return self.env["aftersales.approval.rule"]._get_applicable_rules(
            REQUISITION_TYPE, self.amount_total, self.company_id, document=self
        )
