# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestFeedbackPublicPage(HttpCase, FeedbackCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repair = cls._done_repair("SN-HTTP-1")
        cls.request = cls.repair.aftersales_feedback_request_ids
        cls.url = cls.request.get_public_url().replace(cls.request.get_base_url(), "")

    def _emailed_url(self):
        message = self.request.message_ids.filtered(lambda m: self.customer in m.partner_ids)[:1]
        match = re.search(r'href="[^"]*(/aftersales/feedback/\d+/[^"]+)"', message.body)
        self.assertTrue(match, "the email carries the personal link")
        return match.group(1)

    def _csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def test_tour_rates_technician(self):
        url = self._emailed_url()
        self.assertEqual(url, self.url)
        self.start_tour(url, "aftersales_feedback_public_form")
        self.request.invalidate_recordset()
        self.assertEqual(self.request.state, "answered")
        self.assertEqual(self.request.answer_channel, "web")
        self.assertEqual(self.request.rating_attitude, "very_satisfied")
        self.assertEqual(self.request.rating_skill, "satisfied")
        self.assertEqual(self.request.rating_arrival, "fair")
        self.assertEqual(self.request.rating_promise, "very_satisfied")
        self.assertEqual(self.request.comment, "Quick and tidy work, thank you.")
        self.assertFalse(self.request.complaint_id)

    def test_page_shows_form(self):
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("How did we do?", response.text)
        # the customer reads the company, the product and the date, not internal references
        self.assertNotIn(self.repair.name, response.text)
        self.assertIn(self.request.company_id.name, response.text)
        self.assertIn(self.repair.product_id.name, response.text)
        self.assertIn(self.repair.lot_id.name, response.text)
        self.assertIn("o_aftersales_feedback_date", response.text)
        self.assertIn('name="viewport"', response.text, "works on a phone")

    def test_altered_link(self):
        token = self.request.access_token
        altered = self.url[:-1] + ("A" if token[-1] != "A" else "B")
        for url in (altered, f"/aftersales/feedback/{self.request.id + 1000}/{token}"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404)
            self.assertIn("This link is no longer valid", response.text)
            self.assertNotIn(self.repair.name, response.text)
            self.assertNotIn(self.customer.name, response.text)
            self.assertNotIn(self.technician.name, response.text)

    def test_expired_link(self):
        self.request.expiry_date = fields.Datetime.now() - timedelta(minutes=1)
        response = self.url_open(self.url)
        self.assertIn("This link is no longer valid", response.text)
        self.assertNotIn(self.repair.name, response.text)

    def test_answered_link_and_post_refused(self):
        page = self.url_open(self.url).text
        data = {
            "csrf_token": self._csrf(page),
            "rating_attitude": "satisfied",
            "rating_skill": "satisfied",
            "rating_arrival": "satisfied",
            "rating_promise": "satisfied",
            "comment": "ok",
        }
        response = self.url_open(self.url + "/submit", data=data)
        self.assertIn("Thank you for your feedback", response.text)
        self.assertEqual(self.request.state, "answered")
        # answering twice: thanked again, nothing recorded; a forged token learns nothing
        response = self.url_open(self.url + "/submit", data=dict(data, rating_skill="fair"))
        self.assertIn("already answered", response.text)
        self.assertNotIn("This link is no longer valid", response.text)
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("already answered", response.text)
        forged = self.url_open(self.url[:-2] + "xx")
        self.assertEqual(forged.status_code, 404)
        self.assertIn("This link is no longer valid", forged.text)
        self.assertNotIn("already answered", forged.text)
        self.assertNotIn(self.request.company_id.name, forged.text)
        self.request.invalidate_recordset()
        self.assertEqual(self.request.rating_skill, "satisfied")

    def test_invalid_form_keeps_text(self):
        page = self.url_open(self.url).text
        comment = "The technician arrived on time & explained everything <b>clearly</b>"
        data = {
            "csrf_token": self._csrf(page),
            "rating_attitude": "satisfied",
            "rating_skill": "excellent",
            "rating_arrival": "fair",
            "comment": comment,
        }
        response = self.url_open(self.url + "/submit", data=data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_aftersales_feedback_errors", response.text)
        self.assertIn("must be one of", response.text)
        self.assertIn("Please rate", response.text)
        self.assertIn(
            "The technician arrived on time &amp; explained everything &lt;b&gt;clearly&lt;/b&gt;",
            response.text,
        )
        self.assertRegex(response.text, r'value="fair"\s+id="rating_arrival_fair"\s+checked')
        self.assertEqual(self.request.state, "pending")
