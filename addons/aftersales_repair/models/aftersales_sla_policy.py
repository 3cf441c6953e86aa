# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.aftersales_sla.models.aftersales_sla_policy import TARGET_KINDS  # noqa: F401

from .vocabulary import INTAKE_CHANNELS, SERVICE_MODES


class AftersalesSlaPolicy(models.Model):
    """Repairs add the service mode and the intake channel to the criteria of a service-level
    policy (on-site arrival by distance; walk-in customers get a technician within half an
    hour)."""

    _inherit = "aftersales.sla.policy"

    service_mode = fields.Selection(SERVICE_MODES, help="Empty: every service mode.")
    intake_channel = fields.Selection(
        INTAKE_CHANNELS,
        help="Applies only to requests received through this channel (e.g. walk-in "
        "customers get a technician within half an hour). Empty: every channel.",
    )

    @api.constrains(
        "apply_on",
        "distance_from_km",
        "distance_to_km",
        "zone",
        "target_kind",
        "service_mode",
        "intake_channel",
        "priority",
        "company_id",
        "active",
    )
    def _check_distance_band(self):
        return super()._check_distance_band()

    def _band_overlap_domain(self):
        return super()._band_overlap_domain() + [
            ("service_mode", "=", self.service_mode),
            ("intake_channel", "=", self.intake_channel),
        ]

    def _matches(self, values):
        if self.service_mode and self.service_mode != values.get("service_mode"):
            return False
        if self.intake_channel and self.intake_channel != values.get("intake_channel"):
            return False
        return super()._matches(values)

    def _specificity_score(self):
        return (
            super()._specificity_score()
            + (10 if self.service_mode else 0)
            + (10 if self.intake_channel else 0)
        )
