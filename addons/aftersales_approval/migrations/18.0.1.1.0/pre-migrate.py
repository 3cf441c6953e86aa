# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0: an approval task names its review (a field of the task); the link table of
18.0.1.0.0 becomes that field."""

from odoo.addons.aftersales_approval.hooks import link_activities_to_reviews


def migrate(cr, version):
    if version:
        link_activities_to_reviews(cr)
