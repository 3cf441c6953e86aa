# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AftersalesDispatch(models.Model):
    _inherit = "aftersales.dispatch"

    def _aftersales_on_check_out(self):
        res = super()._aftersales_on_check_out()
        # every completed on-site visit gets a feedback form, whatever path checks it out; the
        # technician who checks out has no right on feedback records: the request is
        # bookkeeping of the service desk
        self.env["aftersales.feedback.request"].sudo()._create_for_dispatches(self)
        return res
