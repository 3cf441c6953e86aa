# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_dispatch_id = fields.Many2one(
        "aftersales.dispatch",
        string="Trip",
        index="btree_not_null",
        readonly=True,
        copy=False,
        check_company=True,
        help="The technician's trip these parts go out with or come back from.",
    )

    def _action_done(self):
        self._aftersales_check_trip_parts_approved()
        return super()._action_done()

    def _aftersales_check_trip_parts_approved(self):
        """(readme/CONFIGURE.md, "Trip parts requisition") Parts leave for a trip only once the
        After-Sales Manager approved the trip's requisition, whichever way the transfer is
        validated (over RPC too); what comes back from the trip is never held."""
        outgoing = self.filtered(
            lambda p: (
                p.aftersales_dispatch_id
                and p.location_dest_id == p.company_id.aftersales_trip_location_id
            )
        )
        # sudo: the warehouse validates transfers of trips it may not read; only the trip's
        # approval state is checked
        outgoing.sudo().aftersales_dispatch_id._check_approved()
