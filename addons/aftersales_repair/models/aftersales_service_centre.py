# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import check_text_not_blank
from ..tools.geo import check_coordinates, haversine_km


class AftersalesServiceCentre(models.Model):
    """A service centre or branch: where technicians leave from, whose working time and
    spare-parts stock they use."""

    _name = "aftersales.service.centre"
    _description = "Service Centre"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Address",
        check_company=True,
        help="Address of the centre; its coordinates are proposed as the centre's.",
    )
    latitude = fields.Float(
        digits=(10, 7),
        compute="_compute_coordinates",
        store=True,
        readonly=False,
        precompute=True,
    )
    longitude = fields.Float(
        digits=(10, 7),
        compute="_compute_coordinates",
        store=True,
        readonly=False,
        precompute=True,
    )
    team_id = fields.Many2one("crm.team", check_company=True)
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Time",
        check_company=True,
        help="Working time of the centre for its service deadlines (empty: the company's).",
    )
    location_id = fields.Many2one(
        "stock.location",
        string="Spare-Parts Location",
        check_company=True,
        domain="[('usage', '=', 'internal')]",
    )
    technician_ids = fields.Many2many("res.users", string="Technicians")
    lead_user_id = fields.Many2one(
        "res.users",
        string="Team Lead",
        help="Checks the technicians' work before the final inspection (with the members of "
        "the company's team-lead group).",
    )

    @api.depends("partner_id")
    def _compute_coordinates(self):
        for centre in self:
            partner = centre.partner_id
            if partner and (partner.partner_latitude or partner.partner_longitude):
                centre.latitude = partner.partner_latitude
                centre.longitude = partner.partner_longitude

    @api.constrains("name")
    def _check_text_not_blank(self):
        check_text_not_blank(self, ["name"])

    @api.constrains("latitude", "longitude")
    def _check_coordinates(self):
        for centre in self:
            if not check_coordinates(centre.latitude, centre.longitude):
                raise ValidationError(
                    _(
                        "The coordinates of %(name)s are out of range: the latitude must be "
                        "between -90 and 90 and the longitude between -180 and 180 degrees.",
                        name=centre.name,
                    )
                )

    def _has_coordinates(self):
        self.ensure_one()
        return bool(self.latitude or self.longitude)

    def _distance_to(self, partner):
        """Great-circle distance in km from the centre to the partner's geolocation, or None
        when one of them has no coordinates."""
        self.ensure_one()
        if not partner or not self._has_coordinates():
            return None
        lat, lon = partner.partner_latitude, partner.partner_longitude
        if not (lat or lon) or not check_coordinates(lat, lon):
            return None
        return haversine_km(self.latitude, self.longitude, lat, lon)
