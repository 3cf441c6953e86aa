# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo import Command
from odoo.tests import new_test_user

from .common import AftersalesCommon


class ServiceLevelCommon(AftersalesCommon):
    """A service centre working Monday to Friday 08:00-12:00 and 13:00-17:00 UTC, with the
    default service levels (readme/CONFIGURE.md, "Service levels") (data of the module)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Service Centre 40 h (UTC)",
                "tz": "UTC",
                "company_id": cls.company.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Day {day} {period}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for start, end, period in ((8.0, 12.0, "morning"), (13.0, 17.0, "afternoon"))
                ],
            }
        )
        cls.centre = cls.env["aftersales.service.centre"].create(
            {
                "name": "Portsmouth Test Centre",
                "company_id": cls.company.id,
                "latitude": 50.7989,
                "longitude": -1.0912,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        # Monday 23 November 2026 is a public holiday of the centre
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": cls.calendar.id,
                "date_from": datetime(2026, 11, 23, 0, 0),
                "date_to": datetime(2026, 11, 23, 23, 59, 59),
                "time_type": "leave",
            }
        )
        cls.product_simple = cls.env["product.product"].create(
            {"name": "Test Pallet Truck", "type": "consu", "categ_id": cls.categ_unit.id}
        )
        cls.general_manager = new_test_user(
            cls.env, login="as_gm", groups="aftersales_repair.aftersales_group_general_manager"
        )
        cls.Deadline = cls.env["aftersales.sla.deadline"]

    @classmethod
    def _repair(cls, **vals):
        values = {
            "partner_id": cls.customer.id,
            "product_id": cls.product_simple.id,
            "user_id": cls.technician.id,
            "service_centre_id": cls.centre.id,
            "service_category": "free",
        }
        values.update(vals)
        return cls.env["repair.order"].create(values)

    def _deadline(self, record, kind):
        return self.Deadline.search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("target_kind", "=", kind),
            ]
        )
