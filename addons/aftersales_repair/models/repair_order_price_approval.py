# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare


class RepairOrderPriceApproval(models.Model):
    """Service price approval of paid repairs (issue 3 point 8), through the suite's approval
    mechanism (`aftersales.approval.mixin`)."""

    _name = "repair.order"
    _inherit = ["repair.order", "aftersales.approval.mixin"]

    _approval_document_type = "repair_price"
    _approval_document_types = ["repair_price", "repair_waiver"]
    _approval_amount_field = "approval_amount"
    _approval_state_field = "state"
    _approval_start_states = ["draft", "confirmed", "under_repair"]
    _approval_under_review_fields = [
        "move_ids",
        "labour_ids",
        "service_category",
        "under_warranty",
        "waived_amount",
    ]
    approval_amount = fields.Monetary(
        string="Service Price to Approve",
        compute="_compute_approval_amount",
        currency_field="currency_id",
        help="Charged total of a paid repair (parts and labour, before any waiver), which "
        "decides who approves the price before the quotation goes to the customer.",
    )
    waived_amount = fields.Monetary(
        currency_field="currency_id",
        copy=False,
        tracking=True,
        help="Part of the charge not billed to the customer; approved at the level of the "
        "waived amount.",
    )
    waiver_reason = fields.Text(copy=False)

    @api.onchange("move_ids", "labour_ids")
    def _onchange_lines_warn_approval_reset(self):
        """Say, before the change is saved, which approvals an edit of the parts or labour
        sends back (issue 17)."""
        repair = self._origin
        if not repair or repair.state in ("done", "cancel"):
            return None
        resets = []
        if repair.approval_state in ("approved", "pending"):
            resets.append(_("the service price approval"))
        if repair.customer_acceptance_state == "accepted":
            resets.append(_("the customer's acceptance of the estimate"))
        if not resets:
            return None
        return {
            "warning": {
                "title": _("Approval will be asked again"),
                "message": _(
                    "Saving this change to the parts or labour of %(name)s resets %(what)s: "
                    "it must be given again before the work goes on.",
                    name=repair.name,
                    what=_(" and ").join(resets),
                ),
            }
        }

    @api.depends(
        "service_category",
        "under_warranty",
        "move_ids.repair_price_subtotal",
        "move_ids.is_declined",
        "labour_ids.price_subtotal",
        "labour_ids.is_declined",
    )
    def _compute_approval_amount(self):
        for repair in self:
            charged = repair.service_category == "paid" and not repair.under_warranty
            repair.approval_amount = repair.estimate_amount if charged else 0.0

    @api.constrains("waived_amount", "waiver_reason")
    def _check_waived_amount(self):
        for repair in self:
            rounding = repair.currency_id.rounding
            if float_compare(repair.waived_amount, 0.0, precision_rounding=rounding) < 0:
                raise ValidationError(
                    _("The waived amount of %(name)s cannot be negative.", name=repair.name)
                )
            if (
                float_compare(repair.waived_amount, 0.0, precision_rounding=rounding) > 0
                and not (repair.waiver_reason or "").strip()
            ):
                raise ValidationError(
                    _(
                        "Give the reason for waiving part of the charge of %(name)s.",
                        name=repair.name,
                    )
                )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # the approvers the approval engine already subscribed in one batch
        if self._approval_followers_cover(partner_ids, subtype_ids):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _aftersales_on_cancel(self):
        res = super()._aftersales_on_cancel()
        # the approvers' reviews and tasks of a cancelled repair are withdrawn
        self._approval_supersede(_("Approval withdrawn: the repair was cancelled."))
        return res

    def _get_approval_requirements(self):
        self.ensure_one()
        requirements = super()._get_approval_requirements()
        if self.waived_amount:
            requirements.append(
                {
                    "document_type": "repair_waiver",
                    "amount": self.waived_amount,
                }
            )
        return requirements

    def _aftersales_check_can_send_quotation(self):
        res = super()._aftersales_check_can_send_quotation()
        for repair in self:
            if (
                float_compare(
                    repair.waived_amount,
                    repair.approval_amount,
                    precision_rounding=repair.currency_id.rounding,
                )
                > 0
                and repair.approval_amount
            ):
                raise UserError(
                    _(
                        "The waived amount of %(name)s is higher than its charged total: "
                        "lower the waiver.",
                        name=repair.name,
                    )
                )
        self._check_approved()
        return res
