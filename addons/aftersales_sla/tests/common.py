# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo_test_helper import FakeModelLoader

from odoo import Command
from odoo.tests import TransactionCase


class FakeModelCommon(TransactionCase):
    """Loads the fake documents of tests/models.py, on a company of its own whose working
    time is Monday to Friday 08:00-12:00 and 13:00-17:00 UTC, without any policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the fake documents are loaded as a package of their own: loading them as
        # aftersales_sla would rebuild the engine's models without the extensions of the
        # modules installed above it (their target kinds, their fields)
        cls.loader = FakeModelLoader(cls.env, "odoo.addons.aftersales_sla_fake.tests")
        cls.loader.backup_registry()
        cls.addClassCleanup(cls.loader.restore_registry)
        from .models import (
            AftersalesOverdueTestDateDocument,
            AftersalesOverdueTestDocument,
            AftersalesSlaTestDocument,
        )

        cls.loader.update_registry(
            (
                AftersalesSlaTestDocument,
                AftersalesOverdueTestDocument,
                AftersalesOverdueTestDateDocument,
            )
        )
        attendances = []
        for day in range(5):
            for start, end, period in ((8, 12, "morning"), (13, 17, "afternoon")):
                attendances.append(
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        }
                    )
                )
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "8-17 UTC", "tz": "UTC", "attendance_ids": attendances}
        )
        cls.company = cls.env["res.company"].create(
            {"name": "SLA Engine Co", "resource_calendar_id": cls.calendar.id}
        )
        cls.calendar.company_id = cls.company
        # the product add-ons give a new company their default policies: none here
        Policy = cls.env["aftersales.sla.policy"]
        Policy.search([("company_id", "=", cls.company.id)]).unlink()
