# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .warranty_common import WarrantyCommon


@tagged("post_install", "-at_install")
class TestCoverageLanguage(WarrantyCommon):
    """Issue 18 point 4: a repair line's coverage explanation is stored as codes and values
    and read in the reader's language, whoever computed it in whichever language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("zh_CN", "es_ES"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.lot = cls._deliver("FL-LANG-001", "2026-01-15 10:00:00")
        # a Chinese-speaking front desk records the repair: the coverage is computed in zh_CN
        cls.frontdesk.lang = "zh_CN"
        repair = cls._repair(cls.lot, "2027-03-01 09:00:00", hours=0, user_id=cls.technician.id)
        cls.repair = cls.env["repair.order"].with_user(cls.frontdesk).browse(repair.id)
        cls.repair.move_ids._aftersales_recompute_coverage()

    def _reasons(self, lang):
        self.technician.lang = lang
        moves = self.repair.with_user(self.technician).with_context(lang=lang).move_ids
        return {
            part: moves.filtered(lambda m, part=part: m.product_id == part).warranty_reason
            for part in (self.part_battery, self.part_controller, self.part_frame)
        }

    def test_stored_as_codes(self):
        move = self.repair.move_ids.filtered(lambda m: m.product_id == self.part_battery)
        data = move.warranty_reason_data
        self.assertEqual(
            data["msg"],
            "Out of warranty (%(label)s): %(why)s; materials charged, labour %(labour)s.",
        )
        self.assertEqual(data["args"]["why"]["args"]["date"], {"date": "2027-01-14"})

    def test_read_in_chinese(self):
        reasons = self._reasons("zh_CN")
        self.assertIn("保修期外", reasons[self.part_battery])
        self.assertIn("保修已于 2027年01月14日 到期", reasons[self.part_battery])
        self.assertIn("工时 免费", reasons[self.part_battery])
        self.assertIn("免费：保修至 2027年07月14日", reasons[self.part_controller])
        self.assertIn("整机，36 个月", reasons[self.part_frame])

    def test_read_in_spanish_and_english(self):
        reasons = self._reasons("es_ES")
        self.assertIn("la garantía terminó el 14/01/2027", reasons[self.part_battery])
        self.assertIn("Gratis: en garantía hasta el 14/07/2027", reasons[self.part_controller])
        self.assertIn("Equipo completo, 36 meses", reasons[self.part_frame])
        self.assertNotIn("保修", reasons[self.part_battery])
        reasons = self._reasons("en_US")
        self.assertEqual(
            reasons[self.part_controller],
            "Free: in warranty until 07/14/2027 (Test Controller MC-400, 18 months).",
        )
