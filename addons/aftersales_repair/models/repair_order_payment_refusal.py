# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .repair_order_price_approval import RepairOrderPriceApproval

REFUSAL_TYPE = "repair_payment_refusal"


class RepairOrderPaymentRefusal(models.Model):
    """A customer who refuses to pay is served only with the service director's approval
    (readme/CONFIGURE.md, "Customers who refuse to pay"): one more requirement of the repair's
    approval, decided by the approval rules of type "Repair for a Customer Who Refuses to Pay"
    (shipped: the customer's commercial entity is flagged; the Service VP approves), checked
    before the repair is confirmed or started, whatever its price."""

    # one class per concern of repair.order, one file each
    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    _approval_document_types = RepairOrderPriceApproval._approval_document_types + [REFUSAL_TYPE]

    partner_refuses_to_pay = fields.Boolean(
        string="Customer Refuses to Pay",
        related="partner_id.commercial_partner_id.aftersales_refuses_to_pay",
    )

    @api.model
    def _approval_state_depends(self):
        # the flag set or cleared on the customer changes what must be approved
        return super()._approval_state_depends() + [
            "partner_id.commercial_partner_id.aftersales_refuses_to_pay"
        ]

    def _aftersales_refusal_rules(self):
        """The rules that ask the director's approval of this repair (none when the company
        setting is off or the customer pays)."""
        self.ensure_one()
        company = self._get_approval_company()
        if not company.aftersales_refusal_approval:
            return self.env["aftersales.approval.rule"]
        return self.env["aftersales.approval.rule"]._get_applicable_rules(
            REFUSAL_TYPE, self.approval_amount, company, document=self
        )

    def _get_approval_requirements(self):
        requirements = super()._get_approval_requirements()
        if self._aftersales_refusal_rules():
            # the amount the customer refuses to pay: a higher price needs the director again
            requirements.append({"document_type": REFUSAL_TYPE, "amount": self.approval_amount})
        return requirements

    def _approval_check_requestable(self):
        """The director approves serving the customer whatever the price: a repair with
        nothing charged yet (or free) asks the director's approval alone."""
        self.ensure_one()
        if (
            self._aftersales_refusal_rules()
            and self.currency_id.compare_amounts(self.approval_amount, 0.0) <= 0
            and self.currency_id.is_zero(self.waived_amount)
        ):
            return
        super()._approval_check_requestable()

    def _aftersales_check_can_confirm(self):
        # Odoo's confirmation, from "Confirm Repair", "Start Repair" on a draft repair and the
        # insufficient-quantity wizard alike, or any write of the state
        res = super()._aftersales_check_can_confirm()
        self._aftersales_check_refusal_approved()
        return res

    def _aftersales_check_can_start(self):
        res = super()._aftersales_check_can_start()
        self._aftersales_check_refusal_approved()
        return res

    def _aftersales_check_refusal_approved(self):
        """(readme/CONFIGURE.md, "Customers who refuse to pay") Refuse to confirm or start the
        repair of a customer who refuses to pay until its approval is complete."""
        for repair in self.filtered(lambda r: r.state in ("draft", "confirmed")):
            if not repair._aftersales_refusal_rules() or repair.approval_state == "approved":
                continue
            if repair.approval_state == "pending":
                todo = _("it is waiting for %(steps)s.", steps=repair.approval_summary)
            elif repair.approval_state == "rejected":
                todo = _("its approval was rejected.")
            else:
                todo = _("click 'Request Price Approval' first.")
            raise UserError(
                _(
                    "%(customer)s refuses to pay: repair %(name)s is served only with the "
                    "service director's approval (%(steps)s), and %(todo)s",
                    customer=repair.partner_id.commercial_partner_id.display_name,
                    name=repair.name,
                    steps=", ".join(repair._aftersales_refusal_rules().step_ids.mapped("name")),
                    todo=todo,
                )
            )
