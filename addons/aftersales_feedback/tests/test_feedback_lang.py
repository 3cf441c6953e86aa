# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.tests import HttpCase, tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestFeedbackLanguages(HttpCase, FeedbackCommon):
    """Issue 18 point 4: the feedback invitation and the public page in the customer's language,
    with a language switch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("zh_CN", "es_ES"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["aftersales_feedback"], ["zh_CN", "es_ES"], overwrite=True
        )
        cls.customer.lang = "zh_CN"
        cls.repair = cls._done_repair("SN-LANG-1")
        cls.request = cls.repair.aftersales_feedback_request_ids
        cls.url = cls.request.get_public_url().replace(cls.request.get_base_url(), "")

    def test_invitation_in_the_customer_language(self):
        message = self.request.message_ids.filtered(lambda m: self.customer in m.partner_ids)[:1]
        self.assertIn("为服务评分", message.body)
        self.assertEqual(message.subject, f"我们在 {self.repair.name} 的服务如何？")

    def test_page_in_the_customer_language_with_a_switch(self):
        html = self.url_open(self.url).text
        self.assertIn("我们的服务如何？", html)
        self.assertIn("服务态度", html)  # the rated points
        self.assertIn("非常满意", html)  # the levels
        self.assertIn("提交我的反馈", html)
        self.assertNotIn("How did we do?", html)
        self.assertIn(f'href="{self.url}?lang=es_ES"', html)
        self.assertIn(f'href="{self.url}?lang=en_US"', html)

    def test_switch_to_spanish_and_answer(self):
        html = self.url_open(f"{self.url}?lang=es_ES").text
        self.assertIn("¿Qué tal lo hicimos?", html)
        self.assertIn("Muy satisfecho", html)
        self.assertIn('name="lang" value="es_ES"', html)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        data = {"csrf_token": csrf, "lang": "es_ES", "rating_attitude": "very_satisfied"}
        html = self.url_open(f"{self.url}/submit", data=data).text
        self.assertIn("Valore «Competencia técnica».", html)  # what is missing, in Spanish
        data.update(rating_skill="satisfied", rating_arrival="fair", rating_promise="satisfied")
        html = self.url_open(f"{self.url}/submit", data=data).text
        self.assertIn("Gracias por su valoración", html)
        self.assertEqual(self.request.state, "answered")
