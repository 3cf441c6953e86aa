# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AftersalesDispatch(models.Model):
    _inherit = "aftersales.dispatch"

    def action_check_out(self, when=None):
        res = super().action_check_out(when=when)
        # every completed on-site visit gets a feedback form; the technician who checks out
        # has no right on feedback records: the request is bookkeeping of the service desk
        self.env["aftersales.feedback.request"].sudo()._create_for_dispatches(
            self.filtered(lambda d: d.state == "returned")
        )
        return res
