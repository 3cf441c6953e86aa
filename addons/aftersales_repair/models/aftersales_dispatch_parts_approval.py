# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models


class AftersalesDispatchPartsApproval(models.Model):
    """The parts a trip takes along need a requisition the After-Sales Manager approves
    (readme/CONFIGURE.md, "Trip parts requisition"): the trip is the requisition, approved
    through the suite's approval engine (rules of type "Trip Parts Requisition", by the value of
    the parts requested for the trip); the warehouse validates a transfer to the trip's location
    only once it is approved. Parts coming back are not held."""

    # one class per concern of aftersales.dispatch, one file each
    _name = "aftersales.dispatch"
    _inherit = ["aftersales.dispatch", "aftersales.approval.mixin"]

    _approval_document_type = "trip_parts"
    _approval_amount_field = "part_request_amount"
    _approval_state_field = "state"
    _approval_start_states = ["planned", "on_site"]

    part_request_amount = fields.Monetary(
        string="Trip Parts Value",
        compute="_compute_part_request_amount",
        currency_field="currency_id",
        help="Cost of the parts requested for the trip (transfers to the trip's location not "
        "cancelled): a higher value than the one approved asks the approval again.",
    )

    @api.depends(
        "part_picking_ids.location_dest_id",
        "part_picking_ids.move_ids.state",
        "part_picking_ids.move_ids.product_qty",
        "company_id.aftersales_trip_location_id",
    )
    def _compute_part_request_amount(self):
        for dispatch in self:
            trip_location = dispatch.company_id.aftersales_trip_location_id
            moves = dispatch.part_picking_ids.move_ids.filtered(
                lambda m, t=trip_location: m.state != "cancel" and m.location_dest_id == t
            )
            dispatch.part_request_amount = sum(
                move.product_qty * move.product_id.with_company(dispatch.company_id).standard_price
                for move in moves
            )

    def _aftersales_on_cancel(self):
        res = super()._aftersales_on_cancel()
        # the approvers' reviews and tasks of a trip that will not happen are withdrawn,
        # whatever path cancels it (the Cancel button or a write of the state)
        self._approval_supersede(_("Approval withdrawn: the trip was cancelled."))
        return res

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # the approvers the approval engine already subscribed in one batch
        if self._approval_followers_cover(partner_ids, subtype_ids):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _get_approval_requirements(self):
        # the company setting (readme/CONFIGURE.md, "Trip parts requisition")
        if not self.company_id.aftersales_requisition_approval:
            return []
        return super()._get_approval_requirements()
