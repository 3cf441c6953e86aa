# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged

from .common import RmaCommon


@tagged("post_install", "-at_install")
class TestRecallLink(HttpCase, RmaCommon):
    """Issue 19 point 2: the owner books the recall repair from the notice's link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._deliver("RL-0001", "2026-02-01 10:00:00")
        cls.campaign = (
            cls.env["aftersales.recall.campaign"]
            .with_user(cls.manager)
            .create(
                {
                    "title": "Brake hose check",
                    "product_id": cls.product_unit.id,
                    "lot_ids": [(6, 0, cls.lot.ids)],
                    "reason": "The brake hose may chafe on the mast.",
                    "remedy": "We fit a new hose and a guard.",
                }
            )
        )
        cls.campaign.action_start()
        cls.campaign.with_user(cls.frontdesk).action_notify()
        cls.unit = cls.campaign.unit_ids
        cls.url = cls.unit.get_public_url().replace(cls.unit.get_base_url(), "")

    def test_owner_books_from_the_link(self):
        page = self.url_open(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Brake hose check", page.text)
        self.assertIn("RL-0001", page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(self.url + "/book", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your recall repair is booked", response.text)
        self.assertEqual(self.unit.status, "booked")

    def test_altered_or_closed_link(self):
        token = self.unit.access_token
        altered = self.url[:-1] + ("A" if token[-1] != "A" else "B")
        for url in (altered, f"/aftersales/recall/{self.unit.id + 1000}/{token}"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404)
            self.assertNotIn("RL-0001", response.text)
        self.campaign.with_user(self.manager).action_close()
        self.assertEqual(self.url_open(self.url).status_code, 404)
