# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .service_common import ServiceLevelCommon


@tagged("post_install", "-at_install")
class TestFailureReport(ServiceLevelCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fault_major = cls.env["aftersales.fault.code"].create(
            {"name": "Mast collapse", "code": "T-MAST", "is_major": True}
        )
        cls.fault_minor = cls.env["aftersales.fault.code"].create(
            {"name": "Squealing brakes", "code": "T-BRK"}
        )

    def _complete(self, repair):
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "inspection")
        self.assertFalse(repair.failure_report_ids)
        repair.with_user(self.inspector).action_inspection_pass("Tested under load")
        return repair

    def test_completed_repair_gets_failure_report(self):
        repair = self._complete(self._repair(fault_code_id=self.fault_minor.id))
        self.assertEqual(repair.state, "done")
        report = repair.failure_report_ids
        self.assertEqual(len(report), 1)
        self.assertEqual(report.fault_code_id, self.fault_minor)
        self.assertEqual(report.product_id, self.product_simple)
        self.assertFalse(report.is_major)
        self.assertFalse(report.gm_notified)
        self.assertEqual(report.state, "open")
        report.write({"corrective_action": "New pad supplier", "responsible_area": "supplier"})
        self.assertEqual(report.state, "action")
        report.verification_date = datetime(2026, 12, 20).date()
        self.assertEqual(report.state, "verified")

    def test_major_failure_notifies_general_manager(self):
        """(readme/CONFIGURE.md, "Major failures"): major failures are reported to the general
        manager at once."""
        repair = self._complete(self._repair(fault_code_id=self.fault_major.id))
        report = repair.failure_report_ids
        self.assertTrue(report.is_major)
        self.assertTrue(report.gm_notified)
        gm_users = self.env["res.users"].search(
            [
                (
                    "groups_id",
                    "in",
                    self.env.ref("aftersales_repair.aftersales_group_general_manager").id,
                )
            ]
        )
        self.assertIn(self.general_manager, gm_users)
        self.assertNotIn(self.manager, gm_users)
        message = report.message_ids.filtered(lambda m: m.partner_ids)[:1]
        self.assertEqual(message.partner_ids, gm_users.partner_id)
        self.assertIn("Major failure", message.body)
        self.assertEqual(report.activity_ids.user_id, gm_users)
        # notified once, even when touched again
        report.is_major = True
        self.assertEqual(len(report.activity_ids), len(gm_users))

    def test_manual_major_flag_notifies(self):
        repair = self._complete(self._repair(fault_code_id=self.fault_minor.id))
        report = repair.failure_report_ids
        self.assertFalse(report.activity_ids)
        report.is_major = True
        self.assertTrue(report.gm_notified)
        self.assertIn(self.general_manager, report.activity_ids.user_id)

    def test_mean_time_between_failures(self):
        """Days from delivery to the first failure, then between failures, average per
        product to the MTBF."""
        lot = self._create_serial("MTBF-1", in_stock=False)
        Report = self.env["aftersales.failure.report"]
        with freeze_time(datetime(2026, 3, 1, 9, 0)):
            first = self._repair(product_id=self.product_unit.id, lot_id=lot.id)
        with freeze_time(datetime(2026, 5, 30, 9, 0)):
            second = self._repair(product_id=self.product_unit.id, lot_id=lot.id)
        report_1 = Report.create(
            {"repair_id": first.id, "delivery_date": datetime(2026, 1, 1).date()}
        )
        self.assertEqual(report_1.failure_date, datetime(2026, 3, 1).date())
        self.assertEqual(report_1.days_in_service, 59.0)
        report_2 = Report.create({"repair_id": second.id})
        self.assertEqual(report_2.days_in_service, 90.0)
        [(mtbf,)] = Report._read_group(
            [("product_id", "=", self.product_unit.id)], [], ["days_in_service:avg"]
        )
        self.assertEqual(mtbf, 74.5)
