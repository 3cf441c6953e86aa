# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    aftersales_is_dealer = fields.Boolean(
        string="After-Sales Dealer",
        help="The company sells and services the maker's units: its portal users see the "
        "dealer portal (units sold, warranty repairs, warranty part requests, defective parts "
        "due back, parts sales).",
    )
    aftersales_dealer_office_head = fields.Boolean(
        string="Dealer Office Head",
        help="This contact of a dealer signs the dealer's warranty part requests on the portal "
        "before they go through the maker's approvals.",
    )

    @api.constrains("aftersales_dealer_office_head", "parent_id")
    def _check_aftersales_dealer_office_head(self):
        for partner in self.filtered("aftersales_dealer_office_head"):
            if not partner.commercial_partner_id.aftersales_is_dealer:
                raise ValidationError(
                    _(
                        "%(contact)s cannot be a dealer's office head: mark %(company)s as an "
                        "after-sales dealer first.",
                        contact=partner.display_name,
                        company=partner.commercial_partner_id.display_name,
                    )
                )

    def _aftersales_dealer(self):
        """The dealer company this contact works for, or an empty recordset."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        return commercial if commercial.aftersales_is_dealer else self.browse()
