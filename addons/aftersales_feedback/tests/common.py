# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user

from odoo.addons.aftersales_repair.tests.common import AftersalesCommon


class FeedbackCommon(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deputy_gm = new_test_user(
            cls.env,
            login="as_deputy_gm",
            email="deputy@example.com",
            groups="aftersales_repair.aftersales_group_deputy_gm",
        )
        cls.salesperson = new_test_user(
            cls.env,
            login="as_sales",
            email="sales@example.com",
            groups="aftersales_repair.aftersales_group_user",
        )
        cls.team = cls.env["crm.team"].create({"name": "Test Quality Desk"})
        cls.env["crm.team.member"].create(
            {"crm_team_id": cls.team.id, "user_id": cls.frontdesk.id}
        )
        # working time: UTC, Monday-Friday 8-12 and 13-17
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Test 40h",
                "tz": "UTC",
                "attendance_ids": [
                    (0, 0, {"name": f"{d} {p}", "dayofweek": str(d), "hour_from": f, "hour_to": t})
                    for d in range(5)
                    for p, f, t in (("am", 8, 12), ("pm", 13, 17))
                ],
            }
        )
        cls.company.resource_calendar_id = cls.calendar
        cls.technician.email = "tech@example.com"

    @classmethod
    def _done_repair(cls, serial="SN-FB-1", user=None, partner=None):
        partner = partner or cls.customer
        lot = cls._create_serial(serial, owner=partner)
        vals = {
            "partner_id": partner.id,
            "product_id": cls.product_unit.id,
            "lot_id": lot.id,
            "user_id": (user or cls.technician).id,
        }
        Repair = cls.env["repair.order"]
        if "service_category" in Repair._fields:
            vals["service_category"] = "internal"  # no estimate to approve
        repair = Repair.create(vals)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        if repair.state == "inspection":  # the final inspection of the repair desk
            repair.with_user(cls.inspector).action_inspection_pass()
        return repair

    def _complaint(self, **vals):
        values = {"subject": "Mast drifts down", "partner_id": self.customer.id}
        values.update(vals)
        return self.env["aftersales.complaint"].create(values)
